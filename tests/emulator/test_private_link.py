"""The private-link target part, included by a target type built here from Microsoft.Network's
private link service (the collection's targets are added with their providers)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.emulator.arm_client import NETWORK_API, RESOURCES_API
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.providers import resources
from tools.arm_emulator.providers.network.common import MODELS
from tools.arm_emulator.service import handle_arm
from tools.arm_emulator.type_registry import ResourceType

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
GROUP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
TARGET = f"{GROUP}/providers/Microsoft.Network/privateLinkServices/pls"
ENDPOINT = f"{GROUP}/providers/Microsoft.Network/privateEndpoints/pe"
STATE = "privateLinkServiceConnectionState"


class _TargetHooks(private_link.PrivateLinkTargetHooks):
    pass


def _state() -> ArmState:
    target = ResourceType(
        name="Microsoft.Network/privateLinkServices",
        api_versions=(NETWORK_API,),
        model=f"{MODELS}:PrivateLinkService",
    )
    entries = [
        *resources.TYPES,
        TypeEntry(target, _TargetHooks()),
        private_link.connection_entry(target, f"{MODELS}:PrivateEndpointConnection"),
    ]
    return ArmState("https://127.0.0.1", SUBSCRIPTION, "tenant", entries, Knobs())


def _send(state: ArmState, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    version = RESOURCES_API if path == GROUP else NETWORK_API
    request = Request(
        method, path, {"api-version": version}, {}, json.dumps(body).encode() if body else b""
    )
    try:
        response = handle_arm(state, request, fail_operation=False)
    except ArmError as error:
        return error.status, error.body()
    return response.status, json.loads(response.body) if response.body else None


@pytest.fixture
def state() -> ArmState:
    state = _state()
    assert _send(state, "PUT", GROUP, {"location": "eastus"})[0] == 201
    assert _send(state, "PUT", TARGET, {"location": "eastus", "properties": {}})[0] == 201
    return state


def _connections(state: ArmState) -> list[dict[str, Any]]:
    return _send(state, "GET", TARGET)[1]["properties"]["privateEndpointConnections"]


def test_automatic_request_is_approved_and_shown_on_the_target(state: ArmState) -> None:
    target = state.store.get(TARGET)
    assert target is not None
    private_link.connect(state.world, target, "pe.1", ENDPOINT, ["blob"], manual=False)
    [shown] = _connections(state)
    assert shown["name"] == "pe.1"
    assert shown["properties"][STATE]["status"] == "Approved"
    assert shown["properties"]["privateEndpoint"] == {"id": ENDPOINT}
    private_link.disconnect(state.world, ENDPOINT)
    assert _connections(state) == []


def test_manual_request_waits_for_the_owner_who_approves_with_a_put(state: ArmState) -> None:
    target = state.store.get(TARGET)
    assert target is not None
    private_link.connect(state.world, target, "pe.1", ENDPOINT, ["blob"], manual=True, message="hi")
    path = f"{TARGET}/privateEndpointConnections/pe.1"
    status, document = _send(state, "GET", path)
    assert status == 200 and document["properties"][STATE]["status"] == "Pending"
    approve = {"properties": {STATE: {"status": "Approved", "description": "ok"}}}
    status, document = _send(state, "PUT", path, approve)
    assert status == 200
    assert document["properties"][STATE] == {
        "status": "Approved",
        "description": "ok",
        "actionsRequired": "None",
    }
    assert document["properties"]["privateEndpoint"] == {"id": ENDPOINT}
    reject = {"properties": {STATE: {"status": "Rejected"}}}
    assert _send(state, "PUT", path, reject)[0] == 200
    status, error = _send(state, "PUT", path, approve)
    assert status == 400
    assert error["error"]["code"] == "InvalidPrivateEndpointConnectionStatusChange"
    assert [c["properties"][STATE]["status"] for c in _connections(state)] == ["Rejected"]
    # A repeated request from the endpoint does not undo the owner's decision.
    private_link.connect(state.world, target, "pe.1", ENDPOINT, ["blob"], manual=True)
    assert [c["properties"][STATE]["status"] for c in _connections(state)] == ["Rejected"]


def test_connections_are_made_by_endpoints_not_by_put(state: ArmState) -> None:
    approve = {"properties": {STATE: {"status": "Approved"}}}
    status, error = _send(state, "PUT", f"{TARGET}/privateEndpointConnections/x", approve)
    assert (status, error["error"]["code"]) == (404, "PrivateEndpointConnectionNotFound")
