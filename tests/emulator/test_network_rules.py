"""Cross-resource rules of VNets, subnets, NSGs and route tables."""

from __future__ import annotations

from tests.emulator.arm_client import ArmClient, error_code

SPACE = ["10.0.0.0/16"]


def _subnet(name: str, prefix: str, **properties: object) -> dict:
    return {"name": name, "properties": {"addressPrefix": prefix, **properties}}


def test_subnet_outside_the_vnet_is_rejected(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "v", SPACE)
    response = arm.request(
        "PUT",
        arm.net_path(group, "virtualNetworks/v/subnets/s"),
        {"properties": {"addressPrefix": "10.1.0.0/24"}},
    )
    assert response.status_code == 400
    assert error_code(response) == "NetcfgSubnetRangeOutsideVnet"


def test_overlapping_subnets_are_rejected_inline_and_as_children(
    arm: ArmClient, group: str
) -> None:
    body = {
        "location": "eastus",
        "properties": {
            "addressSpace": {"addressPrefixes": SPACE},
            "subnets": [_subnet("a", "10.0.0.0/24"), _subnet("b", "10.0.0.128/25")],
        },
    }
    response = arm.request("PUT", arm.net_path(group, "virtualNetworks/v"), body)
    assert error_code(response) == "NetcfgSubnetRangesOverlap"
    arm.vnet(group, "v", SPACE, [_subnet("a", "10.0.0.0/24")])
    response = arm.request(
        "PUT",
        arm.net_path(group, "virtualNetworks/v/subnets/b"),
        {"properties": {"addressPrefix": "10.0.0.0/23"}},
    )
    assert error_code(response) == "NetcfgSubnetRangesOverlap"


def test_invalid_cidr_is_rejected(arm: ArmClient, group: str) -> None:
    response = arm.request(
        "PUT",
        arm.net_path(group, "virtualNetworks/v"),
        {
            "location": "eastus",
            "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.1/16"]}},
        },
    )
    assert error_code(response) == "InvalidCIDRNotation"


def test_prefix_without_a_length_is_refused(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "v", ["10.0.0.0/16"])
    response = arm.request(
        "PUT",
        arm.net_path(group, "virtualNetworks/v/subnets/s"),
        {"properties": {"addressPrefix": "10.0.1.0"}},
    )
    assert (response.status_code, error_code(response)) == (400, "InvalidAddressPrefixFormat")


def test_child_subnet_shows_in_the_vnet_and_inline_subnet_as_child(
    arm: ArmClient, group: str
) -> None:
    arm.vnet(group, "v", SPACE, [_subnet("inline", "10.0.1.0/24")])
    arm.lro(
        "PUT",
        arm.net_path(group, "virtualNetworks/v/subnets/child"),
        {"properties": {"addressPrefix": "10.0.2.0/24"}},
    )
    vnet = arm.request("GET", arm.net_path(group, "virtualNetworks/v")).json()
    assert sorted(s["name"] for s in vnet["properties"]["subnets"]) == ["child", "inline"]
    child = arm.request("GET", arm.net_path(group, "virtualNetworks/v/subnets/inline"))
    assert child.status_code == 200
    assert child.json()["properties"]["addressPrefix"] == "10.0.1.0/24"


def test_vnet_put_without_subnets_removes_them(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "v", SPACE, [_subnet("a", "10.0.1.0/24")])
    arm.vnet(group, "v", SPACE)
    assert arm.request("GET", arm.net_path(group, "virtualNetworks/v/subnets/a")).status_code == 404


def test_subnet_associations_must_exist_and_are_shown_back(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "v", SPACE)
    nsg_path = arm.net_path(group, "networkSecurityGroups/nsg")
    nsg_id = f"{arm.rg_path(group)}/providers/Microsoft.Network/networkSecurityGroups/nsg"
    subnet_path = arm.net_path(group, "virtualNetworks/v/subnets/s")
    body = {"properties": {"addressPrefix": "10.0.0.0/24", "networkSecurityGroup": {"id": nsg_id}}}
    response = arm.request("PUT", subnet_path, body)
    assert error_code(response) == "InvalidResourceReference"
    arm.lro("PUT", nsg_path, {"location": "eastus"})
    arm.lro("PUT", subnet_path, body)
    nsg = arm.request("GET", nsg_path).json()
    assert [s["id"].lower() for s in nsg["properties"]["subnets"]] == [
        f"{arm.rg_path(group)}/providers/microsoft.network/virtualnetworks/v/subnets/s".lower()
    ]
    assert len(nsg["properties"]["defaultSecurityRules"]) == 6
    assert error_code(arm.request("DELETE", nsg_path)) == "InUseNetworkSecurityGroupCannotBeDeleted"
    route_table_id = nsg_id.replace("networkSecurityGroups/nsg", "routeTables/rt")
    response = arm.request(
        "PUT",
        subnet_path,
        {"properties": {"addressPrefix": "10.0.0.0/24", "routeTable": {"id": route_table_id}}},
    )
    assert error_code(response) == "InvalidResourceReference"


def test_security_rule_priorities(arm: ArmClient, group: str) -> None:
    rule = {
        "protocol": "Tcp",
        "access": "Allow",
        "direction": "Inbound",
        "sourceAddressPrefix": "*",
        "destinationAddressPrefix": "*",
        "sourcePortRange": "*",
        "destinationPortRange": "22",
    }
    inline = {
        "location": "eastus",
        "properties": {
            "securityRules": [
                {"name": "a", "properties": {**rule, "priority": 100}},
                {"name": "b", "properties": {**rule, "priority": 100}},
            ]
        },
    }
    path = arm.net_path(group, "networkSecurityGroups/nsg")
    assert error_code(arm.request("PUT", path, inline)) == "SecurityRuleConflict"
    inline["properties"]["securityRules"].pop()
    arm.lro("PUT", path, inline)
    child = arm.net_path(group, "networkSecurityGroups/nsg/securityRules/c")
    assert (
        error_code(arm.request("PUT", child, {"properties": {**rule, "priority": 100}}))
        == "SecurityRuleConflict"
    )
    outbound = {**rule, "priority": 100, "direction": "Outbound"}
    assert arm.request("PUT", child, {"properties": outbound}).status_code == 201
    assert (
        error_code(arm.request("PUT", child, {"properties": {**rule, "priority": 99}}))
        == "SecurityRuleInvalidPriority"
    )
    assert (
        error_code(arm.request("PUT", child, {"properties": {**rule, "priority": 4097}}))
        == "SecurityRuleInvalidPriority"
    )
    nsg = arm.request("GET", path).json()
    assert sorted(r["name"] for r in nsg["properties"]["securityRules"]) == ["a", "c"]


def test_route_table_routes(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "routeTables/rt")
    bad = {
        "location": "eastus",
        "properties": {
            "routes": [
                {
                    "name": "r",
                    "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance"},
                }
            ]
        },
    }
    assert arm.request("PUT", path, bad).status_code == 400
    good = {
        "location": "eastus",
        "properties": {
            "routes": [
                {
                    "name": "r",
                    "properties": {
                        "addressPrefix": "0.0.0.0/0",
                        "nextHopType": "VirtualAppliance",
                        "nextHopIpAddress": "10.99.0.4",
                    },
                }
            ]
        },
    }
    table = arm.lro("PUT", path, good)[0]
    assert table["properties"]["routes"][0]["properties"]["nextHopIpAddress"] == "10.99.0.4"
