"""POST actions on a resource (`.../virtualMachines/{vm}/powerOff`, `.../listKeys`): the type's
hooks name the actions they serve; long-running ones answer 202 and finish like a PUT."""

from __future__ import annotations

from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.resource_paths import ResourcePath
from tools.arm_emulator.type_registry import LroSpec
from tools.arm_emulator.writes import check_not_busy, lro_headers, parse_body, start_operation

# ARM's answer to a long-running POST: 202 with both polling headers.
ACTION_LRO = LroSpec(202, 202, azure_async_operation=True, location=True)


def post_action(state: ArmState, path: ResourcePath, request: Request, fail: bool) -> Response:
    if not path.is_collection or len(path.types) < 2:
        raise ArmError(405, "MethodNotAllowed", "POST needs an action after a resource.")
    action = path.types[-1]
    target = ResourcePath(
        path.subscription, path.resource_group, path.namespace, path.types[:-1], path.names
    )
    rtype = state.resolve_type(target.type_name, request.api_version)
    handler = state.world.hooks_of(rtype).actions().get(action.lower())
    if handler is None:
        raise ArmError(
            404,
            "InvalidResourceType",
            f"The resource type '{'/'.join((*rtype.segments, action))}' could not be found in "
            f"the namespace '{rtype.namespace}' for api version '{request.api_version}'.",
        )
    parent = state.require_parent(target)
    record = state.store.get(state.canonical_id(rtype, parent, target.names[-1]))
    if record is None:
        raise ArmError(
            404,
            "ResourceNotFound",
            f"The Resource '{rtype.name}/{'/'.join(target.names)}' under resource group "
            f"'{target.resource_group}' was not found.",
        )
    check_not_busy(state, record.id)
    result = handler(state.world, record, parse_body(request))
    if not result.long_running:
        if result.body is None:
            return Response.empty(result.status)
        return Response.json(result.status, result.body)
    record.state = "Updating"
    operation = start_operation(state, record, "action", request, fail, rtype)
    operation.result = result.body
    return Response.empty(202, lro_headers(state, ACTION_LRO, operation))
