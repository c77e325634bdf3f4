"""Every private-link target of the AML workspace's area (workspace, storage, key vault,
registry, Azure Monitor private link scope) accepts a private endpoint's connection, shows it,
and lets its owner approve it with a PUT at its own api-version."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.emulator.aml_resources import registry_body, storage_body, vault_body, workspace_body
from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.service import handle_arm

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
TENANT = "72f988bf-0000-4000-8000-00000000e001"
GROUP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
ENDPOINT = f"{GROUP}/providers/Microsoft.Network/privateEndpoints/pe"
STATE = "privateLinkServiceConnectionState"
STORAGE = f"{GROUP}/providers/Microsoft.Storage/storageAccounts/stlitware"
VAULT = f"{GROUP}/providers/Microsoft.KeyVault/vaults/kv-litware"
REGISTRY = f"{GROUP}/providers/Microsoft.ContainerRegistry/registries/crlitware"
SCOPE = f"{GROUP}/providers/Microsoft.Insights/privateLinkScopes/ampls"
WORKSPACE = f"{GROUP}/providers/Microsoft.MachineLearningServices/workspaces/mlw"


def _send(state: ArmState, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    type_name = "Microsoft.Resources/resourceGroups"
    if "/providers/" in path:
        namespace, kind = path.split("/providers/", 1)[1].split("/")[:2]
        type_name = f"{namespace}/{kind}"
    request = Request(
        method,
        path,
        {"api-version": pinned(type_name)},
        {},
        json.dumps(body).encode() if body is not None else b"",
    )
    try:
        response = handle_arm(state, request, fail_operation=False)
    except ArmError as error:
        return error.status, error.body()
    return response.status, json.loads(response.body) if response.body else None


def _put(state: ArmState, path: str, body: dict[str, Any]) -> None:
    status, document = _send(state, "PUT", path, body)
    assert status in (200, 201, 202), document
    _send(state, "GET", path)  # zero latency: the operation ends at the next request


@pytest.fixture(scope="module")
def state() -> ArmState:
    state = ArmState("https://127.0.0.1", SUBSCRIPTION, TENANT, all_entries(), Knobs())
    _put(state, GROUP, {"location": "eastus"})
    _put(state, STORAGE, storage_body())
    _put(state, VAULT, vault_body(TENANT))
    _put(state, REGISTRY, registry_body())
    modes = {"ingestionAccessMode": "Open", "queryAccessMode": "Open"}
    _put(state, SCOPE, {"location": "global", "properties": {"accessModeSettings": modes}})
    _put(state, WORKSPACE, workspace_body({"storageAccount": STORAGE, "keyVault": VAULT}))
    return state


@pytest.mark.parametrize(
    ("target", "group_id"),
    [
        (WORKSPACE, "amlworkspace"),
        (STORAGE, "blob"),
        (VAULT, "vault"),
        (REGISTRY, "registry"),
        (SCOPE, "azuremonitor"),
    ],
)
def test_target_shows_the_connection_and_its_owner_approves_it(
    state: ArmState, target: str, group_id: str
) -> None:
    record = state.store.get(target)
    assert record is not None
    private_link.connect(state.world, record, "pe.conn", ENDPOINT, [group_id], manual=True)
    status, document = _send(state, "GET", target)
    assert status == 200
    [shown] = document["properties"]["privateEndpointConnections"]
    assert shown["properties"][STATE]["status"] == "Pending"
    approve = {"properties": {STATE: {"status": "Approved", "description": "ok"}}}
    status, approved = _send(state, "PUT", f"{target}/privateEndpointConnections/pe.conn", approve)
    assert status == 200, approved
    assert approved["properties"][STATE]["status"] == "Approved"
    private_link.disconnect(state.world, ENDPOINT)
    assert _send(state, "GET", target)[1]["properties"]["privateEndpointConnections"] == []
