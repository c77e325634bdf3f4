"""Microsoft.ContainerService: managed clusters (node pools in existing subnets, private API
server settings fixed at creation, the service network inside its CIDR and apart from the VNet,
the kubelet identity with an object id that role assignments accept)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.providers.authorization.role_assignments import known_principals
from tools.arm_emulator.service import handle_arm

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
TENANT = "72f988bf-0000-4000-8000-00000000e001"
GROUP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
VNET = f"{GROUP}/providers/Microsoft.Network/virtualNetworks/vnet"
SUBNET = f"{VNET}/subnets/scoring"
CLUSTER = f"{GROUP}/providers/Microsoft.ContainerService/managedClusters/aks-litware"


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


CLUSTER_BODY: dict[str, Any] = {
    "location": "eastus",
    "identity": {"type": "SystemAssigned"},
    "sku": {"name": "Base", "tier": "Free"},
    "properties": {
        "dnsPrefix": "aks-litware",
        "agentPoolProfiles": [
            {
                "name": "agentpool",
                "mode": "System",
                "count": 1,
                "vmSize": "Standard_D2as_v4",
                "vnetSubnetID": SUBNET,
                "enableNodePublicIP": False,
            }
        ],
        "apiServerAccessProfile": {
            "enablePrivateCluster": True,
            "enablePrivateClusterPublicFQDN": False,
        },
        "networkProfile": {
            "networkPlugin": "kubenet",
            "loadBalancerSku": "standard",
            "serviceCidr": "192.168.90.0/24",
            "dnsServiceIP": "192.168.90.10",
        },
    },
}


def _body(**network: Any) -> dict[str, Any]:
    body = copy.deepcopy(CLUSTER_BODY)
    body["properties"]["networkProfile"].update(network)
    return body


@pytest.fixture
def state() -> ArmState:
    state = ArmState("https://127.0.0.1", SUBSCRIPTION, TENANT, all_entries(), Knobs())
    assert _send(state, "PUT", GROUP, {"location": "eastus"})[0] in (200, 201)
    vnet = {
        "location": "eastus",
        "properties": {
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "scoring", "properties": {"addressPrefix": "10.0.90.0/24"}}],
        },
    }
    assert _send(state, "PUT", VNET, vnet)[0] in (200, 201)
    _send(state, "GET", VNET)
    return state


def _create(state: ArmState, body: dict[str, Any]) -> dict[str, Any]:
    status, document = _send(state, "PUT", CLUSTER, body)
    assert status in (200, 201), document
    return _send(state, "GET", CLUSTER)[1]


def test_private_cluster_has_no_public_fqdn_and_a_kubelet_identity(state: ArmState) -> None:
    cluster = _create(state, CLUSTER_BODY)
    properties = cluster["properties"]
    assert "fqdn" not in properties
    assert properties["privateFQDN"].endswith(".privatelink.eastus.azmk8s.io")
    assert properties["nodeResourceGroup"] == "MC_rg_aks-litware_eastus"
    assert properties["agentPoolProfiles"][0]["enableNodePublicIP"] is False
    kubelet = properties["identityProfile"]["kubeletidentity"]
    assert kubelet["objectId"] and kubelet["clientId"]
    assert cluster["identity"]["principalId"]
    assert kubelet["objectId"].lower() in known_principals(state.world)


def test_the_node_pool_subnet_must_exist(state: ArmState) -> None:
    body = _body()
    body["properties"]["agentPoolProfiles"][0]["vnetSubnetID"] = f"{VNET}/subnets/none"
    status, document = _send(state, "PUT", CLUSTER, body)
    assert (status, document["error"]["code"]) == (400, "InvalidResourceReference")


@pytest.mark.parametrize(
    ("network", "target"),
    [
        ({"serviceCidr": "10.0.90.0/25"}, "properties.networkProfile.serviceCidr"),
        ({"dnsServiceIP": "192.168.91.10"}, "properties.networkProfile.dnsServiceIP"),
    ],
)
def test_the_service_network_is_checked(
    state: ArmState, network: dict[str, Any], target: str
) -> None:
    status, document = _send(state, "PUT", CLUSTER, _body(**network))
    assert (status, document["error"]["target"]) == (400, target)


def test_private_settings_are_checked_and_fixed(state: ArmState) -> None:
    public_fqdn = _body()
    public_fqdn["properties"]["apiServerAccessProfile"] = {"enablePrivateClusterPublicFQDN": True}
    status, document = _send(state, "PUT", CLUSTER, public_fqdn)
    assert status == 400
    assert document["error"]["target"].endswith("enablePrivateClusterPublicFQDN")
    _create(state, CLUSTER_BODY)
    public = _body()
    public["properties"]["apiServerAccessProfile"]["enablePrivateCluster"] = False
    status, document = _send(state, "PUT", CLUSTER, public)
    assert (status, document["error"]["code"]) == (400, "PropertyChangeNotAllowed")


def test_a_system_pool_is_required_and_the_body_is_schema_checked(state: ArmState) -> None:
    body = _body()
    body["properties"]["agentPoolProfiles"][0]["mode"] = "User"
    assert _send(state, "PUT", CLUSTER, body)[0] == 400
    body = _body()
    body["properties"]["agentPoolProfiles"][0]["bogus"] = 1
    assert _send(state, "PUT", CLUSTER, body)[0] == 400
