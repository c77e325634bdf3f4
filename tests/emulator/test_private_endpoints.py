"""Private endpoints and their DNS zone groups: the interface and private IP an endpoint
allocates, the connection it makes on its target, the A records its zone group registers, and
what removing it leaves behind (nothing)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

import pytest

from tests.emulator.aml_resources import storage_body, vault_body, workspace_body
from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.service import handle_arm

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
TENANT = "72f988bf-0000-4000-8000-00000000e001"
GROUP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
NET = f"{GROUP}/providers/Microsoft.Network"
VNET = f"{NET}/virtualNetworks/vnet"
SUBNET = f"{VNET}/subnets/pe"
STORAGE = f"{GROUP}/providers/Microsoft.Storage/storageAccounts/stlitware"
VAULT = f"{GROUP}/providers/Microsoft.KeyVault/vaults/kv-litware"
WORKSPACE = f"{GROUP}/providers/Microsoft.MachineLearningServices/workspaces/mlw"
ZONES = {
    name: f"{NET}/privateDnsZones/{name}"
    for name in (
        "privatelink.blob.core.windows.net",
        "privatelink.api.azureml.ms",
        "privatelink.notebooks.azure.net",
    )
}
STATE = "privateLinkServiceConnectionState"


def _send(state: ArmState, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    type_name = "Microsoft.Resources/resourceGroups"
    if "/providers/" in path:
        tail = path.split("/providers/", 1)[1].split("/")
        type_name = "/".join([tail[0], *tail[1::2]])
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


def _put(state: ArmState, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, document = _send(state, "PUT", path, body)
    assert status in (200, 201, 202), document
    return _send(state, "GET", path)[1]  # zero latency: the operation ends at the next request


def _delete(state: ArmState, path: str) -> None:
    status, document = _send(state, "DELETE", path)
    assert status in (200, 202, 204), document
    _send(state, "GET", path)


def _endpoint(target: str, group_id: str, *, manual: bool = False) -> dict[str, Any]:
    key = "manualPrivateLinkServiceConnections" if manual else "privateLinkServiceConnections"
    request = {"privateLinkServiceId": target, "groupIds": [group_id]}
    return {
        "location": "eastus",
        "properties": {"subnet": {"id": SUBNET}, key: [{"name": "c", "properties": request}]},
    }


def _zone_group(*zones: str) -> dict[str, Any]:
    configs = [
        {"name": zone.split(".")[1], "properties": {"privateDnsZoneId": ZONES[zone]}}
        for zone in zones
    ]
    return {"properties": {"privateDnsZoneConfigs": configs}}


def _a_records(state: ArmState) -> dict[str, list[str]]:
    return {
        record.properties["fqdn"]: [a["ipv4Address"] for a in record.properties["aRecords"]]
        for record in state.store.of_type("Microsoft.Network/privateDnsZones/A")
    }


@pytest.fixture
def state() -> ArmState:
    state = ArmState("https://127.0.0.1", SUBSCRIPTION, TENANT, all_entries(), Knobs())
    _put(state, GROUP, {"location": "eastus"})
    subnet = {"addressPrefix": "10.0.20.0/24", "privateEndpointNetworkPolicies": "Disabled"}
    _put(
        state,
        VNET,
        {
            "location": "eastus",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                "subnets": [{"name": "pe", "properties": subnet}],
            },
        },
    )
    _put(state, STORAGE, storage_body())
    _put(state, VAULT, vault_body(TENANT))
    _put(state, WORKSPACE, workspace_body({"storageAccount": STORAGE, "keyVault": VAULT}))
    for zone_id in ZONES.values():
        _put(state, zone_id, {"location": "global"})
    return state


def test_endpoint_allocates_an_interface_in_its_subnet_and_an_approved_connection(
    state: ArmState,
) -> None:
    endpoint = _put(state, f"{NET}/privateEndpoints/pe-blob", _endpoint(STORAGE, "blob"))
    [nic_ref] = endpoint["properties"]["networkInterfaces"]
    nic = _send(state, "GET", nic_ref["id"])[1]
    address = nic["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network("10.0.20.0/24")
    connection = endpoint["properties"]["privateLinkServiceConnections"][0]["properties"]
    assert connection[STATE]["status"] == "Approved"
    [shown] = _send(state, "GET", STORAGE)[1]["properties"]["privateEndpointConnections"]
    assert shown["properties"]["privateEndpoint"]["id"] == endpoint["id"]
    assert endpoint["properties"]["customDnsConfigs"] == [
        {"fqdn": "stlitware.blob.core.windows.net", "ipAddresses": [address]}
    ]


def test_manual_connection_is_pending_until_the_owner_approves(state: ArmState) -> None:
    endpoint = _put(state, f"{NET}/privateEndpoints/pe-kv", _endpoint(VAULT, "vault", manual=True))
    [item] = endpoint["properties"]["manualPrivateLinkServiceConnections"]
    assert item["properties"][STATE]["status"] == "Pending"
    [shown] = _send(state, "GET", VAULT)[1]["properties"]["privateEndpointConnections"]
    _put(state, shown["id"], {"properties": {STATE: {"status": "Approved", "description": "ok"}}})
    endpoint = _send(state, "GET", endpoint["id"])[1]
    [item] = endpoint["properties"]["manualPrivateLinkServiceConnections"]
    assert item["properties"][STATE]["status"] == "Approved"


def test_unknown_group_id_fails_as_arm_fails(state: ArmState) -> None:
    status, error = _send(state, "PUT", f"{NET}/privateEndpoints/pe-x", _endpoint(VAULT, "blob"))
    assert status == 400
    assert error["error"]["code"] == "PrivateEndpointBadRequest"
    assert state.store.get(f"{NET}/privateEndpoints/pe-x") is None
    assert _send(state, "GET", VAULT)[1]["properties"]["privateEndpointConnections"] == []


def test_workspace_zone_group_registers_every_workspace_name(state: ArmState) -> None:
    endpoint = _put(state, f"{NET}/privateEndpoints/pe-aml", _endpoint(WORKSPACE, "amlworkspace"))
    group = _put(
        state,
        f"{endpoint['id']}/privateDnsZoneGroups/default",
        _zone_group("privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"),
    )
    workspace = _send(state, "GET", WORKSPACE)[1]
    guid = workspace["properties"]["workspaceId"]
    address = endpoint["properties"]["customDnsConfigs"][0]["ipAddresses"][0]
    assert _a_records(state) == {
        f"{guid}.workspace.eastus.privatelink.api.azureml.ms.": [address],
        f"{guid}.workspace.eastus.cert.privatelink.api.azureml.ms.": [address],
        f"*.{guid}.inference.eastus.privatelink.api.azureml.ms.": [address],
        f"ml-mlw-eastus-{guid}.eastus.privatelink.notebooks.azure.net.": [address],
    }
    record_sets = [
        record["fqdn"]
        for config in group["properties"]["privateDnsZoneConfigs"]
        for record in config["properties"]["recordSets"]
    ]
    assert len(record_sets) == 4


def test_deleting_and_recreating_an_endpoint_leaves_no_stale_record(state: ArmState) -> None:
    endpoint_id = f"{NET}/privateEndpoints/pe-blob"
    _put(state, endpoint_id, _endpoint(STORAGE, "blob"))
    _put(
        state,
        f"{endpoint_id}/privateDnsZoneGroups/default",
        _zone_group("privatelink.blob.core.windows.net"),
    )
    # Another endpoint takes the first address, so the recreated one gets another.
    _put(state, f"{NET}/privateEndpoints/pe-other", _endpoint(STORAGE, "file"))
    _delete(state, endpoint_id)
    assert _a_records(state) == {}
    assert [
        c["properties"]["groupIds"]
        for c in _send(state, "GET", STORAGE)[1]["properties"]["privateEndpointConnections"]
    ] == [["file"]]
    assert not [
        n for n in state.store.of_type("Microsoft.Network/networkInterfaces") if "pe-blob" in n.id
    ]
    endpoint = _put(state, endpoint_id, _endpoint(STORAGE, "blob"))
    _put(
        state,
        f"{endpoint_id}/privateDnsZoneGroups/default",
        _zone_group("privatelink.blob.core.windows.net"),
    )
    address = endpoint["properties"]["customDnsConfigs"][0]["ipAddresses"][0]
    assert _a_records(state) == {"stlitware.privatelink.blob.core.windows.net.": [address]}


def test_zone_group_needs_existing_zones(state: ArmState) -> None:
    endpoint = _put(state, f"{NET}/privateEndpoints/pe-blob", _endpoint(STORAGE, "blob"))
    body = {
        "properties": {
            "privateDnsZoneConfigs": [
                {
                    "name": "x",
                    "properties": {
                        "privateDnsZoneId": f"{NET}/privateDnsZones/privatelink.nowhere.net"
                    },
                }
            ]
        }
    }
    status, error = _send(state, "PUT", f"{endpoint['id']}/privateDnsZoneGroups/default", body)
    assert status == 400
    assert error["error"]["code"] == "InvalidPrivateDnsZoneIds"
