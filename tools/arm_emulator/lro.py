"""Completion of long-running operations and the status endpoints clients poll."""

from __future__ import annotations

import time

from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.operations import Operation
from tools.arm_emulator.resource_paths import OperationPath
from tools.arm_emulator.writes import after_change

_INJECTED_FAILURE = {
    "code": "InternalServerError",
    "message": "An error occurred while processing the operation. Retry the request.",
}


def settle(state: ArmState) -> None:
    """Finish every operation whose time is up. Called before each ARM request is handled."""
    now = time.time()
    for operation in state.operations.due(now):
        _finish(state, operation, now)


def _finish(state: ArmState, operation: Operation, now: float) -> None:
    operation.ended = now
    affected = [r for r in state.store if r.operation_id == operation.id]
    for record in affected:
        record.operation_id = None
    if operation.fail:
        operation.status = "Failed"
        operation.error = dict(_INJECTED_FAILURE)
        for record in affected:
            record.state = "Failed"
        return
    operation.status = "Succeeded"
    if operation.kind == "delete":
        removed = state.store.remove(operation.resource_id)
        parent_id = removed[-1].parent_id if removed else None
        parent = state.store.get(parent_id) if parent_id else None
        if parent is not None and removed and removed[-1].rtype.inline_property:
            parent.touch()
        after_change(state, {r.rtype.name for r in removed})
        return
    for record in affected:
        record.state = "Succeeded"


def operation_status(state: ArmState, path: OperationPath, request: Request) -> Response:
    if not request.api_version:
        raise ArmError(
            400,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        )
    operation = state.operations.get(path.operation_id)
    if operation is None:
        raise ArmError(
            404, "OperationNotFound", f"The operation '{path.operation_id}' could not be found."
        )
    now = time.time()
    retry = (
        {"Retry-After": str(operation.retry_after(now))} if operation.status == "InProgress" else {}
    )
    if not path.is_result:
        return Response.json(200, operation.status_document(), retry)
    if operation.status == "InProgress":
        return Response.empty(202, {**retry, "Location": state.operation_urls(operation)[1]})
    if operation.status == "Failed":
        return Response.json(500, {"error": operation.error})
    if operation.kind == "action" and operation.result is not None:
        return Response.json(200, operation.result)
    if operation.kind == "put":
        record = state.store.get(operation.resource_id)
        if record is not None:
            return Response.json(200, state.render(record))
    return Response.empty(200 if operation.namespace is None else 204)
