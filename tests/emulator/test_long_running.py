"""Long-running operations: polling headers, status endpoints, in-flight conflicts, resource
group delete."""

from __future__ import annotations

import time

from tests.emulator.arm_client import PRIVATE_DNS_API, RESOURCES_API, ArmClient, error_code
from tools.arm_emulator.control import Emulator

SPACE = {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}


def test_network_put_polls_azure_async_operation_to_success(arm: ArmClient, group: str) -> None:
    result, status, initial = arm.lro(
        "PUT", arm.net_path(group, "virtualNetworks/v"), {"location": "eastus", "properties": SPACE}
    )
    assert initial.status_code == 201
    assert "Azure-AsyncOperation" in initial.headers
    assert "Retry-After" in initial.headers
    assert initial.json()["properties"]["provisioningState"] in ("Creating", "Updating")
    assert status == "Succeeded"
    assert result["properties"]["provisioningState"] == "Succeeded"
    operation = arm.request(
        "GET", initial.headers["Azure-AsyncOperation"].split(arm.base)[1], api_version=None
    )
    assert operation.json()["status"] == "Succeeded"


def test_network_delete_sends_location_and_async_operation(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n")
    arm.lro("PUT", path, {"location": "eastus"})
    _, status, initial = arm.lro("DELETE", path)
    assert initial.status_code == 202
    assert {"Location", "Azure-AsyncOperation", "Retry-After"} <= set(initial.headers)
    assert status == "Succeeded"
    assert arm.request("GET", path).status_code == 404


def test_private_dns_zone_put_is_accepted_and_delete_uses_location(
    arm: ArmClient, group: str
) -> None:
    path = arm.net_path(group, "privateDnsZones/private.litware.com")
    result, status, initial = arm.lro(
        "PUT", path, {"location": "global"}, api_version=PRIVATE_DNS_API
    )
    assert initial.status_code == 202
    assert "Azure-AsyncOperation" in initial.headers
    assert result["properties"]["provisioningState"] == "Succeeded"
    _, status, initial = arm.lro("DELETE", path, api_version=PRIVATE_DNS_API)
    assert initial.status_code == 202
    assert "Location" in initial.headers and "Azure-AsyncOperation" not in initial.headers
    assert status == "Succeeded"


def test_resource_group_delete_via_location_removes_children(arm: ArmClient, group: str) -> None:
    arm.vnet(
        group, "v", ["10.0.0.0/16"], [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24"}}]
    )
    _, status, initial = arm.lro("DELETE", arm.rg_path(group), api_version=RESOURCES_API)
    assert initial.status_code == 202
    assert (
        initial.headers["Location"]
        .split("?")[0]
        .endswith(initial.headers["Location"].split("/")[-1].split("?")[0])
    )
    assert "/operationresults/" in initial.headers["Location"]
    assert status == "Succeeded"
    assert (
        error_code(arm.request("GET", arm.rg_path(group), api_version=RESOURCES_API))
        == "ResourceGroupNotFound"
    )
    assert (
        error_code(arm.request("GET", arm.net_path(group, "virtualNetworks/v")))
        == "ResourceGroupNotFound"
    )


def test_second_write_while_in_flight_is_409(
    emulator: Emulator, arm: ArmClient, group: str
) -> None:
    emulator.configure(latency="realistic", latency_scale=0.15)  # VNet 0.75 s, subnet 0.45 s
    vnet = arm.net_path(group, "virtualNetworks/v")
    first = arm.request("PUT", vnet, {"location": "eastus", "properties": SPACE})
    assert first.status_code == 201
    assert int(first.headers["Retry-After"]) >= 1
    assert arm.request("GET", vnet).json()["properties"]["provisioningState"] == "Creating"
    second = arm.request("PUT", vnet, {"location": "eastus", "properties": SPACE})
    assert second.status_code == 409
    assert error_code(second) == "AnotherOperationInProgress"
    subnet = arm.net_path(group, "virtualNetworks/v/subnets/s")
    assert error_code(
        arm.request("PUT", subnet, {"properties": {"addressPrefix": "10.0.0.0/24"}})
    ) == ("AnotherOperationInProgress")
    time.sleep(0.8)
    assert arm.request("GET", vnet).json()["properties"]["provisioningState"] == "Succeeded"
    assert (
        arm.request("PUT", subnet, {"properties": {"addressPrefix": "10.0.0.0/24"}}).status_code
        == 201
    )
    assert error_code(arm.request("PUT", vnet, {"location": "eastus", "properties": SPACE})) == (
        "AnotherOperationInProgress"
    )
    time.sleep(0.5)
    assert arm.request("GET", subnet).json()["properties"]["provisioningState"] == "Succeeded"
