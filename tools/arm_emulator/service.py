"""Dispatch of authenticated ARM requests to reads, writes and operation status."""

from __future__ import annotations

from tools.arm_emulator.actions import post_action
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.lro import operation_status, settle
from tools.arm_emulator.reads import get_resource, list_group_resources, list_in_subscription
from tools.arm_emulator.resource_paths import (
    GroupResourcesPath,
    OperationPath,
    ProviderListPath,
    ResourcePath,
    SubscriptionPath,
    parse_arm_path,
)
from tools.arm_emulator.writes import delete_resource, patch_resource, put_resource


def handle_arm(state: ArmState, request: Request, *, fail_operation: bool) -> Response:
    path = parse_arm_path(request.path)
    if path is None:
        raise ArmError(
            404, "NotFound", f"The requested path '{request.path}' is not an ARM resource path."
        )
    with state.lock:
        settle(state)
        state.check_subscription(path.subscription)
        method = request.method
        if isinstance(path, SubscriptionPath):
            _require(method, "GET")
            return Response.json(
                200,
                {
                    "id": f"/subscriptions/{state.subscription_id}",
                    "subscriptionId": state.subscription_id,
                    "tenantId": state.world.tenant,
                    "displayName": "ARM emulator subscription",
                    "state": "Enabled",
                },
            )
        if isinstance(path, OperationPath):
            _require(method, "GET")
            return operation_status(state, path, request)
        if isinstance(path, ProviderListPath):
            _require(method, "GET")
            return list_in_subscription(state, path, request)
        if isinstance(path, GroupResourcesPath):
            _require(method, "GET")
            return list_group_resources(state, path, request)
        assert isinstance(path, ResourcePath)
        if method in ("GET", "HEAD"):
            return get_resource(state, path, request)
        if method == "PUT":
            return put_resource(state, path, request, fail_operation)
        if method == "PATCH":
            return patch_resource(state, path, request)
        if method == "DELETE":
            return delete_resource(state, path, request, fail_operation)
        if method == "POST":
            return post_action(state, path, request, fail_operation)
    raise ArmError(405, "MethodNotAllowed", f"The method '{request.method}' is not allowed.")


def _require(method: str, allowed: str) -> None:
    if method != allowed:
        raise ArmError(
            405, "MethodNotAllowed", f"The method '{method}' is not allowed on this endpoint."
        )
