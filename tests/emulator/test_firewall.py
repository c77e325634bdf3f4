"""Azure Firewall, firewall policies, rule collection groups, IP groups and peerings."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.control import Emulator

HUB = ["10.99.0.0/16"]
SPOKE = ["10.0.0.0/16"]


def _hub(arm: ArmClient, group: str, firewall_prefix: str = "10.99.0.0/26") -> None:
    arm.vnet(
        group,
        "hub",
        HUB,
        [{"name": "AzureFirewallSubnet", "properties": {"addressPrefix": firewall_prefix}}],
    )
    arm.lro(
        "PUT",
        arm.net_path(group, "publicIPAddresses/pip-fw"),
        {
            "location": "eastus",
            "sku": {"name": "Standard", "tier": "Regional"},
            "properties": {"publicIPAllocationMethod": "Static"},
        },
    )


def _policy(arm: ArmClient, group: str, tier: str = "Standard", proxy: bool = True) -> dict:
    properties: dict[str, Any] = {"threatIntelMode": "Alert"}
    if proxy:
        properties["dnsSettings"] = {"enableProxy": True}
    return arm.lro(
        "PUT",
        arm.net_path(group, "firewallPolicies/afwp"),
        {"location": "eastus", "properties": {"sku": {"tier": tier}, **properties}},
    )[0]


def _firewall_body(
    arm: ArmClient, group: str, tier: str = "Standard", subnet: str = "AzureFirewallSubnet"
) -> dict:
    hub = arm.net_path(group, "virtualNetworks/hub")
    return {
        "location": "eastus",
        "properties": {
            "sku": {"name": "AZFW_VNet", "tier": tier},
            "firewallPolicy": {"id": arm.net_path(group, "firewallPolicies/afwp")},
            "ipConfigurations": [
                {
                    "name": "ipconfig",
                    "properties": {
                        "subnet": {"id": f"{hub}/subnets/{subnet}"},
                        "publicIPAddress": {"id": arm.net_path(group, "publicIPAddresses/pip-fw")},
                    },
                }
            ],
        },
    }


def _network_rule(name: str, **destination: Any) -> dict:
    return {
        "ruleType": "NetworkRule",
        "name": name,
        "ipProtocols": ["TCP"],
        "sourceAddresses": ["10.0.40.0/24"],
        "destinationPorts": ["443"],
        **destination,
    }


def _group_body(priority: int, *rules: dict, collection_priority: int = 100) -> dict:
    return {
        "properties": {
            "priority": priority,
            "ruleCollections": [
                {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "name": "aml",
                    "priority": collection_priority,
                    "action": {"type": "Allow"},
                    "rules": list(rules),
                }
            ],
        }
    }


def test_firewall_gets_the_first_private_ip_of_its_subnet_and_shows_on_the_policy(
    arm: ArmClient, group: str
) -> None:
    _hub(arm, group)
    _policy(arm, group)
    firewall, status, initial = arm.lro(
        "PUT", arm.net_path(group, "azureFirewalls/afw"), _firewall_body(arm, group)
    )
    assert initial.status_code == 201
    assert "Azure-AsyncOperation" in initial.headers
    assert status == "Succeeded"
    configuration = firewall["properties"]["ipConfigurations"][0]["properties"]
    assert configuration["privateIPAddress"] == "10.99.0.4"
    policy = arm.request("GET", arm.net_path(group, "firewallPolicies/afwp")).json()
    assert [item["id"].lower() for item in policy["properties"]["firewalls"]] == [
        firewall["id"].lower()
    ]
    again = arm.lro("PUT", arm.net_path(group, "azureFirewalls/afw"), _firewall_body(arm, group))[0]
    assert (
        again["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.99.0.4"
    )


@pytest.mark.parametrize(
    ("prefix", "subnet", "code"),
    [
        ("10.99.0.0/27", "AzureFirewallSubnet", "AzureFirewallSubnetTooSmall"),
        ("10.99.0.0/26", "other", "AzureFirewallSubnetNameInvalid"),
    ],
)
def test_firewall_subnet_must_be_named_and_large_enough(
    arm: ArmClient, group: str, prefix: str, subnet: str, code: str
) -> None:
    _hub(arm, group, prefix)
    if subnet != "AzureFirewallSubnet":
        arm.lro(
            "PUT",
            arm.net_path(group, f"virtualNetworks/hub/subnets/{subnet}"),
            {"properties": {"addressPrefix": "10.99.1.0/24"}},
        )
    _policy(arm, group)
    response = arm.request(
        "PUT", arm.net_path(group, "azureFirewalls/afw"), _firewall_body(arm, group, subnet=subnet)
    )
    assert response.status_code == 400
    assert error_code(response) == code


def test_firewall_and_policy_tiers_must_match(arm: ArmClient, group: str) -> None:
    _hub(arm, group)
    _policy(arm, group, tier="Premium")
    response = arm.request(
        "PUT", arm.net_path(group, "azureFirewalls/afw"), _firewall_body(arm, group)
    )
    assert error_code(response) == "AzureFirewallAndPolicySkuMismatch"


def test_basic_policy_has_no_dns_proxy(arm: ArmClient, group: str) -> None:
    response = arm.request(
        "PUT",
        arm.net_path(group, "firewallPolicies/afwp"),
        {
            "location": "eastus",
            "properties": {"sku": {"tier": "Basic"}, "dnsSettings": {"enableProxy": True}},
        },
    )
    assert response.status_code == 400
    assert error_code(response) == "FirewallPolicyBasicSkuDnsProxyNotSupported"


def test_host_names_in_network_rules_need_the_dns_proxy(arm: ArmClient, group: str) -> None:
    _policy(arm, group, proxy=False)
    path = arm.net_path(group, "firewallPolicies/afwp/ruleCollectionGroups/rcg")
    response = arm.request(
        "PUT",
        path,
        _group_body(500, _network_rule("mgmt", destinationFqdns=["management.azure.com"])),
    )
    assert error_code(response) == "FirewallPolicyNetworkRuleFqdnRequiresDnsProxy"
    response = arm.request(
        "PUT",
        path,
        _group_body(500, _network_rule("mgmt", destinationAddresses=["management.azure.com"])),
    )
    assert error_code(response) == "FirewallPolicyNetworkRuleInvalidDestinationAddress"
    _policy(arm, group, proxy=True)
    arm.lro(
        "PUT",
        path,
        _group_body(500, _network_rule("mgmt", destinationFqdns=["management.azure.com"])),
    )
    response = arm.request(
        "PUT",
        arm.net_path(group, "firewallPolicies/afwp"),
        {"location": "eastus", "properties": {"sku": {"tier": "Standard"}}},
    )
    assert error_code(response) == "FirewallPolicyNetworkRuleFqdnRequiresDnsProxy"


def test_rule_collection_group_priorities_and_names_are_unique(arm: ArmClient, group: str) -> None:
    _policy(arm, group)
    base = arm.net_path(group, "firewallPolicies/afwp/ruleCollectionGroups")
    tag_rule = _network_rule("aml", destinationAddresses=["AzureMachineLearning"])
    arm.lro("PUT", f"{base}/one", _group_body(500, tag_rule))
    response = arm.request("PUT", f"{base}/two", _group_body(500, tag_rule))
    assert error_code(response) == "FirewallPolicyRuleCollectionGroupPriorityConflict"
    response = arm.request("PUT", f"{base}/two", _group_body(50, tag_rule))
    assert error_code(response) == "FirewallPolicyRuleCollectionGroupInvalidPriority"
    response = arm.request("PUT", f"{base}/two", _group_body(600, tag_rule, tag_rule))
    assert error_code(response) == "FirewallPolicyRuleNameNotUnique"
    body = _group_body(600, tag_rule)
    body["properties"]["ruleCollections"].append(
        dict(body["properties"]["ruleCollections"][0], name="b")
    )
    response = arm.request("PUT", f"{base}/two", body)
    assert error_code(response) == "FirewallPolicyRuleCollectionPriorityNotUnique"


def test_rule_collection_groups_are_written_one_at_a_time(
    arm: ArmClient, group: str, emulator: Emulator
) -> None:
    _policy(arm, group)
    base = arm.net_path(group, "firewallPolicies/afwp/ruleCollectionGroups")
    tag_rule = _network_rule("aml", destinationAddresses=["AzureMachineLearning"])
    emulator.configure(latency="realistic", latency_scale=0.05)
    first = arm.request("PUT", f"{base}/one", _group_body(500, tag_rule))
    assert first.status_code == 201
    second = arm.request("PUT", f"{base}/two", _group_body(600, tag_rule))
    assert second.status_code == 409
    assert error_code(second) == "AnotherOperationInProgress"
    while (
        arm.request("GET", f"{base}/one").json()["properties"]["provisioningState"] != "Succeeded"
    ):
        time.sleep(0.2)
    arm.lro("PUT", f"{base}/two", _group_body(600, tag_rule))


def test_ip_groups_are_checked_and_referenced_groups_must_exist(arm: ArmClient, group: str) -> None:
    _policy(arm, group)
    response = arm.request(
        "PUT",
        arm.net_path(group, "ipGroups/training"),
        {"location": "eastus", "properties": {"ipAddresses": ["10.0.40.1/24"]}},
    )
    assert error_code(response) == "InvalidIpAddressFormat"
    ip_group = arm.lro(
        "PUT",
        arm.net_path(group, "ipGroups/training"),
        {"location": "eastus", "properties": {"ipAddresses": ["10.0.40.0/24"]}},
    )[0]
    rule = _network_rule("aml", destinationAddresses=["AzureMachineLearning"])
    rule.pop("sourceAddresses")
    path = arm.net_path(group, "firewallPolicies/afwp/ruleCollectionGroups/rcg")
    response = arm.request("PUT", path, _group_body(500, rule))
    assert error_code(response) == "FirewallPolicyRuleSourceMissing"
    missing = dict(rule, sourceIpGroups=[arm.net_path(group, "ipGroups/missing")])
    assert arm.request("PUT", path, _group_body(500, missing)).status_code == 400
    arm.lro("PUT", path, _group_body(500, dict(rule, sourceIpGroups=[ip_group["id"]])))
    shown = arm.request("GET", arm.net_path(group, "ipGroups/training")).json()
    assert shown["properties"]["firewallPolicies"] == [
        {"id": arm.net_path(group, "firewallPolicies/afwp")}
    ]
    response = arm.request("DELETE", arm.net_path(group, "ipGroups/training"))
    assert error_code(response) == "IpGroupInUse"


def test_peering_is_connected_only_when_both_sides_exist(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "hub", HUB)
    arm.vnet(group, "spoke", SPOKE)
    hub = arm.net_path(group, "virtualNetworks/hub")
    spoke = arm.net_path(group, "virtualNetworks/spoke")

    def peer(local: str, remote: str) -> dict:
        return arm.lro(
            "PUT",
            f"{local}/virtualNetworkPeerings/to-{remote.rsplit('/', 1)[1]}",
            {"properties": {"remoteVirtualNetwork": {"id": remote}, "allowForwardedTraffic": True}},
        )[0]

    assert peer(hub, spoke)["properties"]["peeringState"] == "Initiated"
    assert peer(spoke, hub)["properties"]["peeringState"] == "Connected"
    shown = arm.request("GET", f"{hub}/virtualNetworkPeerings/to-spoke").json()
    assert shown["properties"]["peeringState"] == "Connected"
    assert shown["properties"]["remoteAddressSpace"] == {"addressPrefixes": SPOKE}
    arm.lro("DELETE", f"{spoke}/virtualNetworkPeerings/to-hub")
    shown = arm.request("GET", f"{hub}/virtualNetworkPeerings/to-spoke").json()
    assert shown["properties"]["peeringState"] == "Initiated"


def test_peering_refuses_overlapping_or_missing_remote(arm: ArmClient, group: str) -> None:
    arm.vnet(group, "hub", HUB)
    arm.vnet(group, "other", ["10.99.128.0/17"])
    hub = arm.net_path(group, "virtualNetworks/hub")
    response = arm.request(
        "PUT",
        f"{hub}/virtualNetworkPeerings/p",
        {
            "properties": {
                "remoteVirtualNetwork": {"id": arm.net_path(group, "virtualNetworks/other")}
            }
        },
    )
    assert error_code(response) == "VnetAddressSpacesOverlap"
    response = arm.request(
        "PUT",
        f"{hub}/virtualNetworkPeerings/p",
        {
            "properties": {
                "remoteVirtualNetwork": {"id": arm.net_path(group, "virtualNetworks/none")}
            }
        },
    )
    assert error_code(response) == "InvalidResourceReference"


def test_bodies_are_schema_checked(arm: ArmClient, group: str) -> None:
    _policy(arm, group)
    path = arm.net_path(group, "firewallPolicies/afwp/ruleCollectionGroups/rcg")
    rule = dict(_network_rule("aml", destinationAddresses=["AzureMachineLearning"]), bogus=1)
    response = arm.request("PUT", path, _group_body(500, rule))
    assert response.status_code == 400
    assert error_code(response) == "InvalidRequestFormat"
    response = arm.request(
        "PUT",
        arm.net_path(group, "azureFirewalls/afw"),
        {"location": "eastus", "properties": {"sku": {"name": "AZFW_VNet", "tier": "Huge"}}},
    )
    assert error_code(response) == "InvalidRequestFormat"
