"""Microsoft.MachineLearningServices computes: 201 + Azure-AsyncOperation, subnet and region
rules, no public IP only in a subnet and with the workspace's endpoint approved, PUT does not
update, PATCH scales a cluster, DELETE needs underlyingResourceAction, attached AKS."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.aml_resources import (
    ML_API,
    put,
    resource_path,
    workspace_body,
    workspace_dependencies,
)
from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.control import Emulator


@pytest.fixture
def subnet(arm: ArmClient, group: str) -> str:
    network = arm.vnet(
        group,
        "vnet-aml",
        ["10.0.0.0/16"],
        [
            {"name": "training", "properties": {"addressPrefix": "10.0.1.0/24"}},
            {"name": "endpoints", "properties": {"addressPrefix": "10.0.2.0/24"}},
        ],
    )
    return network["properties"]["subnets"][0]["id"]


@pytest.fixture
def bare_workspace(arm: ArmClient, group: str, emulator: Emulator) -> str:
    """A workspace without a private endpoint."""
    dependencies = workspace_dependencies(arm, group, emulator.tenant)
    path = resource_path(arm, group, "Microsoft.MachineLearningServices", "workspaces/mlw")
    return put(arm, path, workspace_body(dependencies), ML_API)["id"]


def _endpoint(arm: ArmClient, group: str, workspace: str, subnet: str, *, manual: bool) -> None:
    key = "manualPrivateLinkServiceConnections" if manual else "privateLinkServiceConnections"
    request = {"privateLinkServiceId": workspace, "groupIds": ["amlworkspace"]}
    body = {
        "location": "eastus",
        "properties": {
            "subnet": {"id": subnet.replace("/training", "/endpoints")},
            key: [{"name": "ws", "properties": request}],
        },
    }
    arm.lro("PUT", arm.net_path(group, "privateEndpoints/pe-mlw"), body)


@pytest.fixture
def workspace(arm: ArmClient, group: str, bare_workspace: str, subnet: str) -> str:
    """A workspace with an approved private endpoint."""
    _endpoint(arm, group, bare_workspace, subnet, manual=False)
    return bare_workspace


def _cluster(subnet_id: str | None, **settings: Any) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "vmSize": "Standard_DS3_v2",
        "vmPriority": "Dedicated",
        "osType": "Linux",
        "enableNodePublicIp": False,
        "remoteLoginPortPublicAccess": "Disabled",
        "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 2},
        **settings,
    }
    if subnet_id:
        properties["subnet"] = {"id": subnet_id}
    return {
        "location": "eastus",
        "properties": {"computeType": "AmlCompute", "properties": properties},
    }


def _instance(subnet_id: str, **settings: Any) -> dict[str, Any]:
    return {
        "location": "eastus",
        "properties": {
            "computeType": "ComputeInstance",
            "disableLocalAuth": True,
            "properties": {
                "vmSize": "Standard_D2as_v4",
                "subnet": {"id": subnet_id},
                "enableNodePublicIp": False,
                "sshSettings": {"sshPublicAccess": "Disabled"},
                "idleTimeBeforeShutdown": "PT60M",
                **settings,
            },
        },
    }


def test_cluster_create_is_201_with_azure_async_operation(
    arm: ArmClient, workspace: str, subnet: str
) -> None:
    path = f"{workspace}/computes/cpu-cluster"
    initial = arm.request("PUT", path, _cluster(subnet), api_version=ML_API)
    assert initial.status_code == 201, initial.text()
    assert "Azure-AsyncOperation" in initial.headers
    cluster = put(arm, path, _cluster(subnet), ML_API)
    properties = cluster["properties"]
    assert properties["provisioningState"] == "Succeeded"
    assert properties["computeLocation"] == "eastus"
    assert properties["properties"]["allocationState"] == "Steady"
    assert arm.request("PUT", path, _cluster(subnet), api_version=ML_API).status_code == 200


def test_subnet_rules(arm: ArmClient, workspace: str, subnet: str) -> None:
    path = f"{workspace}/computes/cpu-cluster"
    no_subnet = arm.request("PUT", path, _cluster(None), api_version=ML_API)
    assert no_subnet.json()["error"]["target"] == "properties.properties.enableNodePublicIp"
    missing = arm.request("PUT", path, _cluster(f"{subnet}x"), api_version=ML_API)
    assert missing.json()["error"]["target"] == "properties.properties.subnet.id"
    elsewhere = _cluster(subnet)
    elsewhere["properties"]["computeLocation"] = "westus"
    response = arm.request("PUT", path, elsewhere, api_version=ML_API)
    assert response.json()["error"]["target"] == "properties.properties.subnet.id"


def test_instance_in_the_workspace_region_with_ssh_closed(
    arm: ArmClient, workspace: str, subnet: str
) -> None:
    path = f"{workspace}/computes/ci-litware"
    instance = put(arm, path, _instance(subnet), ML_API)
    settings = instance["properties"]["properties"]
    assert settings["sshSettings"]["sshPublicAccess"] == "Disabled"
    assert settings["state"] == "Running"
    changed = arm.request(
        "PUT", path, _instance(subnet, vmSize="Standard_D4as_v4"), api_version=ML_API
    )
    assert (changed.status_code, error_code(changed)) == (409, "Conflict")


def test_patch_scales_and_delete_needs_the_underlying_action(
    arm: ArmClient, workspace: str, subnet: str
) -> None:
    path = f"{workspace}/computes/cpu-cluster"
    put(arm, path, _cluster(subnet), ML_API)
    scaled = arm.request(
        "PATCH",
        path,
        {"properties": {"properties": {"scaleSettings": {"maxNodeCount": 4, "minNodeCount": 1}}}},
        api_version=ML_API,
    )
    assert scaled.status_code == 200, scaled.text()
    settings = scaled.json()["properties"]["properties"]
    assert settings["scaleSettings"]["maxNodeCount"] == 4
    assert settings["targetNodeCount"] == 1
    refused = arm.request("DELETE", path, api_version=ML_API)
    assert refused.json()["error"]["target"] == "underlyingResourceAction"
    _, status, initial = arm.lro(
        "DELETE", f"{path}?underlyingResourceAction=Delete", api_version=ML_API
    )
    assert (initial.status_code, status) == (202, "Succeeded")
    assert arm.request("GET", path, api_version=ML_API).status_code == 404


@pytest.mark.parametrize("manual", [None, True])
def test_no_public_ip_needs_the_workspace_endpoint_approved(
    arm: ArmClient, group: str, bare_workspace: str, subnet: str, manual: bool | None
) -> None:
    if manual is not None:  # a manual request stays Pending until the owner approves it
        _endpoint(arm, group, bare_workspace, subnet, manual=manual)
    path = f"{bare_workspace}/computes/cpu-cluster"
    refused = arm.request("PUT", path, _cluster(subnet), api_version=ML_API)
    assert (refused.status_code, error_code(refused)) == (400, "BadRequest"), refused.text()
    assert refused.json()["error"]["target"] == "properties.properties.enableNodePublicIp"
    public = _cluster(subnet, enableNodePublicIp=True)
    assert arm.request("PUT", path, public, api_version=ML_API).status_code == 201


def test_subnet_id_comes_back_in_the_service_spelling(
    arm: ArmClient, workspace: str, subnet: str
) -> None:
    cluster = put(arm, f"{workspace}/computes/cpu-cluster", _cluster(subnet), ML_API)
    assert cluster["properties"]["properties"]["subnet"]["id"] == subnet.lower()


def test_attached_kubernetes_is_detached(arm: ArmClient, workspace: str) -> None:
    aks = (
        workspace.split("/providers/")[0]
        + "/providers/Microsoft.ContainerService/managedClusters/aks"
    )
    body = {
        "location": "eastus",
        "properties": {
            "computeType": "AKS",
            "resourceId": aks,
            "properties": {"clusterPurpose": "DevTest", "loadBalancerType": "InternalLoadBalancer"},
        },
    }
    attached = put(arm, f"{workspace}/computes/aks", body, ML_API)
    assert attached["properties"]["isAttachedCompute"] is True
