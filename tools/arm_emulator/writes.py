"""PUT, PATCH and DELETE with ARM's generic semantics; type-specific rules live in the type's
hooks."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.deploy_times import seconds
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import WriteContext
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.operations import Operation
from tools.arm_emulator.resource_paths import ResourcePath
from tools.arm_emulator.schema import Validator, load_model
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import RESOURCE_GROUP
from tools.arm_emulator.type_registry import LroSpec, ResourceType


def parse_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise ArmError(
            400,
            "InvalidRequestContent",
            f"The request content was invalid and could not be deserialized: {exc}.",
        ) from exc
    if not isinstance(body, dict):
        raise ArmError(400, "InvalidRequestContent", "The request content must be a JSON object.")
    return body


def _validate_schema(
    body: dict[str, Any], rtype: ResourceType, model_ref: str, *, enforce_required: bool
) -> dict[str, Any]:
    validator = Validator(enforce_required=enforce_required)
    cleaned = validator.validate_model(body, load_model(model_ref), "")
    if validator.issues:
        first = validator.issues[0]
        details = [
            {"code": i.code, "target": i.path, "message": i.message} for i in validator.issues
        ]
        if rtype.body_errors == "network":  # the network provider's envelope for bad bodies
            raise ArmError(
                400,
                "InvalidRequestFormat",
                f"Cannot parse the request. {first.message}",
                target=first.path,
                details=details,
            )
        raise ArmError(
            400,
            "InvalidRequestContent",
            f"The request content was invalid and could not be deserialized: {first.message}",
            target=first.path,
            details=details,
        )
    return cleaned or {}


def check_not_busy(state: ArmState, resource_id: str) -> None:
    related = [*state.store.ancestors(resource_id), *state.store.subtree(resource_id)]
    for record in related:
        if record.rtype.name == RESOURCE_GROUP:
            if record.state == "Deleting" and record.id.lower() != resource_id.lower():
                raise ArmError(
                    409,
                    "ResourceGroupBeingDeleted",
                    f"The resource group '{record.name}' is in deprovisioning state and cannot "
                    "perform this operation.",
                )
            continue
        if record.operation_id:
            operation = state.operations.get(record.operation_id)
            url = state.operation_urls(operation)[0] if operation else ""
            raise ArmError(
                409,
                "AnotherOperationInProgress",
                "Another operation on this or dependent resource is in progress. To retrieve "
                "status of the "
                f"operation use uri: {url}.",
            )


def _check_preconditions(request: Request, existing: Record | None) -> None:
    if_match = request.header("if-match")
    if if_match is not None:
        if existing is None or (if_match.strip() != "*" and if_match.strip() != existing.etag):
            raise ArmError(
                412,
                "PreconditionFailed",
                "The condition specified using HTTP conditional header(s) is not met.",
            )
    if_none_match = request.header("if-none-match")
    if if_none_match is not None and existing is not None:
        if if_none_match.strip() == "*" or if_none_match.strip() == existing.etag:
            raise ArmError(
                412,
                "PreconditionFailed",
                "The condition specified using HTTP conditional header(s) is not met.",
            )


def _normalize_location(
    rtype: ResourceType, body: dict[str, Any], existing: Record | None, rid: str
) -> None:
    if rtype.location == "none":
        body.pop("location", None)
        return
    location = body.get("location")
    if location is not None and not isinstance(location, str):
        return  # the schema check names the wrong type
    if not location:
        if existing is not None and "location" in existing.body:
            body["location"] = existing.body["location"]
            return
        raise ArmError(
            400, "LocationRequired", "The location property is required for this definition."
        )
    normalized = str(location).replace(" ", "").lower()
    if rtype.location == "global" and normalized != "global":
        raise ArmError(
            400,
            "LocationNotAvailableForResourceType",
            f"The provided location '{location}' is not available for resource type "
            f"'{rtype.name}'. "
            "List of available regions for the resource type is 'global'.",
        )
    if existing is not None and existing.body.get("location") not in (None, normalized):
        raise ArmError(
            400,
            "InvalidResourceLocation",
            f"The resource '{rid.rsplit('/', 1)[1]}' already exists in location "
            f"'{existing.body['location']}'. "
            f"A resource with the same name cannot be created in location '{normalized}'.",
        )
    body["location"] = normalized


def _split_inline_children(
    state: ArmState, rtype: ResourceType, body: dict[str, Any]
) -> dict[ResourceType, list[dict[str, Any]]]:
    """Take embedded child lists out of a parent's body; an absent list means 'no children', as
    in ARM."""
    split: dict[ResourceType, list[dict[str, Any]]] = {}
    properties = body.get("properties") or {}
    for child_type in state.registry.children_of(rtype):
        if not child_type.inline_property:
            continue
        items = properties.pop(child_type.inline_property, None) or []
        seen: set[str] = set()
        for index, item in enumerate(items):
            name = item.get("name")
            where = f"properties.{child_type.inline_property}[{index}]"
            if not name:
                raise ArmError(
                    400, "InvalidRequestFormat", f"The name of {where} is required.", target=where
                )
            if name.lower() in seen:
                raise ArmError(
                    400,
                    "InvalidRequestFormat",
                    f"Two {child_type.segments[-1]} with the same name '{name}' in the request.",
                    target=where,
                )
            seen.add(name.lower())
            item.pop("id", None)
            item.pop("type", None)
        split[child_type] = items
    return split


class _Write:
    """One accepted PUT: the parent-level record plus the inline children it carries."""

    def __init__(
        self,
        state: ArmState,
        rtype: ResourceType,
        rid: str,
        body: dict[str, Any],
        parent: Record | None,
    ):
        self.state = state
        self.rtype = rtype
        self.rid = rid
        self.existing = state.store.get(rid)
        self.body = body
        self.parent = parent

    def run(self) -> tuple[Record, bool]:
        state, rtype = self.state, self.rtype
        inline = _split_inline_children(state, rtype, self.body)
        ctx = WriteContext(state.world, rtype, self.rid, self.body, self.existing, self.parent)
        state.world.hooks_of(rtype).validate(ctx)
        draft = Record(self.rid, rtype, self.body)
        child_contexts: list[WriteContext] = []
        removed_children: list[Record] = []
        for child_type, items in inline.items():
            wanted = {item["name"].lower() for item in items}
            for item in items:
                child_id = f"{self.rid}/{child_type.segments[-1]}/{item['name']}"
                existing_child = state.store.get(child_id)
                body = {k: v for k, v in item.items() if k != "name"}
                child_ctx = WriteContext(
                    state.world,
                    child_type,
                    existing_child.id if existing_child else child_id,
                    body,
                    existing_child,
                    draft,
                    items,
                )
                state.world.hooks_of(child_type).validate(child_ctx)
                child_contexts.append(child_ctx)
            for child in state.store.children(self.rid, child_type.name):
                if child.name.lower() not in wanted:
                    state.world.hooks_of(child_type).before_delete(state.world, child)
                    removed_children.append(child)
        state.world.hooks_of(rtype).derive(ctx)
        for child_ctx in child_contexts:
            state.world.hooks_of(child_ctx.rtype).derive(child_ctx)
        created = self.existing is None
        record = Record(self.rid if created else self.existing.id, rtype, self.body)
        if self.existing is not None:
            record.extra = self.existing.extra
        record.touch()
        state.store.put(record)
        for child_ctx in child_contexts:
            child = Record(child_ctx.resource_id, child_ctx.rtype, child_ctx.body)
            if child_ctx.existing is not None:
                child.extra = child_ctx.existing.extra
            child.touch()
            state.store.put(child)
        for child in removed_children:
            state.store.remove(child.id)
        return record, created


def start_operation(
    state: ArmState, record: Record, kind: str, request: Request, fail: bool, rtype: ResourceType
) -> Operation:
    location = str(record.body.get("location") or _ancestor_location(state, record) or "global")
    operation = state.operations.start(
        kind=kind,
        resource_id=record.id,
        namespace=None if rtype.name == RESOURCE_GROUP else rtype.namespace,
        location=location,
        api_version=request.api_version or "",
        duration=state.knobs.duration(seconds(rtype, kind, record.body)),
        fail=fail,
    )
    if kind == "delete":
        affected = state.store.subtree(record.id)
    elif kind == "put":
        affected = [record, *_inline_children(state, record)]
    else:
        affected = [record]
    for item in affected:
        item.operation_id = operation.id
    return operation


def _inline_children(state: ArmState, record: Record) -> list[Record]:
    return [c for c in state.store.children(record.id) if c.rtype.inline_property]


def _ancestor_location(state: ArmState, record: Record) -> str | None:
    for ancestor in state.store.ancestors(record.id):
        if ancestor.rtype.name != RESOURCE_GROUP and ancestor.body.get("location"):
            return str(ancestor.body["location"])
    return None


def lro_headers(state: ArmState, spec: LroSpec, operation: Operation) -> dict[str, str]:
    async_url, location_url = state.operation_urls(operation)
    headers = {"Retry-After": str(operation.retry_after(time.time()))}
    if spec.azure_async_operation:
        headers["Azure-AsyncOperation"] = async_url
    if spec.location:
        headers["Location"] = location_url
    return headers


def after_change(state: ArmState, types: set[str]) -> None:
    for type_name in sorted(types):
        rtype = state.registry.get(type_name)
        if rtype is not None:
            state.world.hooks_of(rtype).after_change(state.world)


def put_resource(state: ArmState, path: ResourcePath, request: Request, fail: bool) -> Response:
    body = parse_body(request)
    rtype = state.resolve_type(path.type_name, request.api_version, str(body.get("location", "")))
    if path.is_collection:
        raise ArmError(405, "MethodNotAllowed", "PUT is not supported on a collection.")
    parent = state.require_parent(path)
    rid = state.canonical_id(rtype, parent, path.names[-1])
    existing = state.store.get(rid)
    check_not_busy(state, rid)
    _check_preconditions(request, existing)
    _normalize_location(rtype, body, existing, rid)  # ARM checks location before the body
    cleaned = _validate_schema(body, rtype, rtype.model, enforce_required=True)
    record, created = _Write(state, rtype, rid, cleaned, parent).run()
    if parent is not None and rtype.inline_property:
        parent.touch()
    spec = rtype.put_lro
    touched = {rtype.name, *(c.rtype.name for c in _inline_children(state, record))}
    if spec is None:
        after_change(state, touched)
        status = rtype.sync_create_status if created else 200
        return Response.json(status, state.render(record), etag_header(record))
    record.state = "Creating" if created else "Updating"
    for child in _inline_children(state, record):
        child.state = record.state
    operation = start_operation(state, record, "put", request, fail, rtype)
    after_change(state, touched)
    status = spec.create_status if created else spec.update_status
    headers = lro_headers(state, spec, operation)
    if status == 202:
        return Response.empty(202, headers)
    return Response.json(status, state.render(record), {**headers, **etag_header(record)})


def etag_header(record: Record) -> dict[str, str]:
    return {"ETag": record.etag} if record.etag else {}


def patch_resource(state: ArmState, path: ResourcePath, request: Request) -> Response:
    body = parse_body(request)
    rtype = state.resolve_type(path.type_name, request.api_version)
    if rtype.patch_model is None or path.is_collection:
        raise ArmError(
            405, "MethodNotAllowed", f"PATCH is not supported for resource type '{rtype.name}'."
        )
    parent = state.require_parent(path)
    rid = state.canonical_id(rtype, parent, path.names[-1])
    existing = state.store.get(rid)
    if existing is None:
        raise ArmError(
            404, "ResourceNotFound", f"The Resource '{rtype.name}/{path.names[-1]}' was not found."
        )
    check_not_busy(state, rid)
    _check_preconditions(request, existing)
    changes = _validate_schema(body, rtype, rtype.patch_model, enforce_required=False)
    merged = copy.deepcopy(existing.body)
    _merge(merged, changes)
    ctx = WriteContext(state.world, rtype, existing.id, merged, existing, parent, is_patch=True)
    state.world.hooks_of(rtype).validate(ctx)
    state.world.hooks_of(rtype).derive(ctx)
    existing.body = merged
    existing.touch()
    after_change(state, {rtype.name})
    return Response.json(200, state.render(existing), etag_header(existing))


def _merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if key != "tags" and isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def delete_resource(state: ArmState, path: ResourcePath, request: Request, fail: bool) -> Response:
    rtype = state.resolve_type(path.type_name, request.api_version)
    if path.is_collection:
        raise ArmError(405, "MethodNotAllowed", "DELETE is not supported on a collection.")
    if (
        path.resource_group is not None
        and state.store.get(state.resource_group_id(path.resource_group)) is None
    ):
        raise ArmError(
            404,
            "ResourceGroupNotFound",
            f"Resource group '{path.resource_group}' could not be found.",
        )
    try:
        parent = state.require_parent(path)
    except ArmError:
        return Response.empty(204)
    rid = state.canonical_id(rtype, parent, path.names[-1])
    record = state.store.get(rid)
    hooks = state.world.hooks_of(rtype)
    hooks.check_delete(request.query)
    soft = hooks.soft_delete(request.query)
    if record is None:
        if not soft and state.store.deleted.pop(rid.lower(), None) is not None:
            return Response.empty(200)  # purge of a soft-deleted resource
        return Response.empty(204)
    check_not_busy(state, rid)
    _check_preconditions(request, record)
    if rtype.name != RESOURCE_GROUP:
        for item in state.store.subtree(rid):
            state.world.hooks_of(item.rtype).before_delete(state.world, item)
    if soft:
        state.store.deleted[rid.lower()] = copy.deepcopy(record)
    spec = rtype.delete_lro
    if spec is None:
        removed = state.store.remove(rid)
        if parent is not None and rtype.inline_property:
            parent.touch()
        after_change(state, {r.rtype.name for r in removed})
        return Response.empty(200)
    record.state = "Deleting"
    operation = start_operation(state, record, "delete", request, fail, rtype)
    return Response.empty(spec.create_status, lro_headers(state, spec, operation))
