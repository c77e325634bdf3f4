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
    ProviderPath,
    ResourcePath,
    SubscriptionPath,
    parse_arm_path,
)
from tools.arm_emulator.writes import delete_resource, parse_body, patch_resource, put_resource


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
        answer = _provider_answer(state, path, request)
        if answer is not None:
            return answer
        if isinstance(path, ProviderPath):
            raise ArmError(
                404, "NotFound", f"The requested path '{request.path}' is not an ARM resource path."
            )
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


def _provider_answer(state: ArmState, path: object, request: Request) -> Response | None:
    """A provider's own subscription-level endpoint, answered by the hooks of its types."""
    if isinstance(path, ProviderPath):
        namespace, segments = path.namespace, path.segments
    elif isinstance(path, ProviderListPath):
        namespace, segments = path.namespace, (path.type,)
    elif isinstance(path, ResourcePath) and (
        path.scope is not None or _extension_type(state, path.type_name)
    ):
        names = (*path.names, None)[: len(path.types)]
        namespace = path.namespace
        segments = tuple(p for pair in zip(path.types, names, strict=True) for p in pair if p)
    else:
        return None
    body = parse_body(request) if request.method in ("POST", "PUT") else {}
    for rtype in state.registry:
        if rtype.namespace.lower() != namespace.lower():
            continue
        answer = state.world.hooks_of(rtype).provider_request(
            state.world, request.method, segments, request.query, body
        )
        if answer is not None:
            status, document = answer
            return (
                Response.json(status, document) if document is not None else Response.empty(status)
            )
    return None


def _extension_type(state: ArmState, type_name: str) -> bool:
    rtype = state.registry.get(type_name)
    return rtype is not None and rtype.extension


def _require(method: str, allowed: str) -> None:
    if method != allowed:
        raise ArmError(
            405, "MethodNotAllowed", f"The method '{method}' is not allowed on this endpoint."
        )
