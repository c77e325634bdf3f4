"""GET of single resources and of lists at resource-group, subscription and parent scope."""

from __future__ import annotations

from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.resource_paths import GroupResourcesPath, ProviderListPath, ResourcePath
from tools.arm_emulator.type_names import RESOURCE_GROUP


def get_resource(state: ArmState, path: ResourcePath, request: Request) -> Response:
    rtype = state.resolve_type(path.type_name, request.api_version)
    parent = state.require_parent(path)
    if path.is_collection:
        return _list_children(state, path, request)
    resource_id = state.canonical_id(rtype, parent, path.names[-1])
    record = state.store.get(resource_id)
    if record is None:
        if rtype.name == RESOURCE_GROUP:
            raise ArmError(
                404,
                "ResourceGroupNotFound",
                f"Resource group '{path.names[-1]}' could not be found.",
            )
        raise ArmError(
            404,
            "ResourceNotFound",
            f"The Resource '{rtype.name}/{'/'.join(path.names)}' under resource group "
            f"'{path.resource_group}' was not found.",
        )
    if request.method == "HEAD":
        return Response.empty(204)
    headers = {"ETag": record.etag} if record.etag else {}
    document = state.render(record)
    expand = request.query.get("$expand")
    if expand:
        state.world.hooks_of(rtype).render_expanded(state.world, record, expand, document)
    return Response.json(200, document, headers)


def _list_children(state: ArmState, path: ResourcePath, request: Request) -> Response:
    rtype = state.resolve_type(path.type_name, request.api_version)
    if rtype.name == RESOURCE_GROUP:
        records = state.store.of_type(rtype.name)
    else:
        parent = state.require_parent(path)
        assert parent is not None
        scoped = state.world.hooks_of(rtype).list_at_scope(state.world, parent.id, request.query)
        records = (
            scoped
            if scoped is not None
            else [r for r in state.store.children(parent.id) if r.rtype.key == rtype.key]
        )
    return Response.json(200, {"value": [state.render(r) for r in records]})


def list_in_subscription(state: ArmState, path: ProviderListPath, request: Request) -> Response:
    rtype = state.resolve_type(f"{path.namespace}/{path.type}", request.api_version)
    if not rtype.list_in_subscription:
        raise ArmError(
            400, "InvalidResourceType", f"The resource type '{path.type}' cannot be listed here."
        )
    subscription = f"/subscriptions/{state.subscription_id}"
    scoped = state.world.hooks_of(rtype).list_at_scope(state.world, subscription, request.query)
    records = scoped if scoped is not None else state.store.of_type(rtype.name)
    return Response.json(200, {"value": [state.render(r) for r in records]})


def list_group_resources(state: ArmState, path: GroupResourcesPath, request: Request) -> Response:
    """ARM's "Resources - List By Resource Group": the group's top-level resources, in brief."""
    state.resolve_type(RESOURCE_GROUP, request.api_version)
    group = state.require_group(path.resource_group)
    brief_keys = ("id", "name", "type", "location", "tags", "kind", "sku", "identity")
    value = []
    for record in state.store.children(group.id):
        document = state.render(record)
        value.append({key: document[key] for key in brief_keys if key in document})
    return Response.json(200, {"value": value})
