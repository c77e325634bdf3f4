"""The isolation checks on documents as ARM returns them (a fake GET-only reader): a rule
added or widened, a firewall rule added, an extra or missing role assignment, a public IP,
public access opted in wider than declared."""

from __future__ import annotations

from typing import Any

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (
    isolation_checks as checks,
)

SUB = "/subscriptions/s1/resourceGroups/rg1/providers"
NSG = f"{SUB}/Microsoft.Network/networkSecurityGroups/nsg-training"
DENY = {
    "name": "DenyAll",
    "priority": 200,
    "direction": "Outbound",
    "access": "Deny",
}


class FakeReader:
    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = {key.lower(): value for key, value in documents.items()}
        self.paths: list[str] = []

    def get(self, resource_id: str) -> dict | None:
        self.paths.append(resource_id)
        return self.documents.get(resource_id.lower())

    def list(self, path: str, api_version: str, query: dict | None = None) -> list:
        self.paths.append(path)
        return self.documents.get(path.lower(), [])


def arm_rule(name: str, **properties: Any) -> dict:
    base = {
        "protocol": "*",
        "sourceAddressPrefix": "*",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "*",
    }
    return {"name": name, "properties": {**base, **properties}}


def nsg_results(rules: list) -> list:
    reader = FakeReader({NSG: {"properties": {"securityRules": rules}}})
    return list(checks.security_groups(reader, [{"id": NSG, "rules": [DENY]}]))


def test_nsg_with_exactly_its_rules_passes() -> None:
    [result] = nsg_results([arm_rule("DenyAll", priority=200, direction="Outbound", access="Deny")])
    assert result["passed"] and result["status"] == "pass"


def test_nsg_rule_added_or_widened_is_named() -> None:
    added = nsg_results(
        [
            arm_rule("DenyAll", priority=200, direction="Outbound", access="Deny"),
            arm_rule("Open", priority=100, direction="Inbound", access="Allow"),
        ]
    )[0]
    assert not added["passed"] and "rule Open is not declared" in added["evidence"]
    widened = nsg_results(
        [
            arm_rule(
                "DenyAll",
                priority=200,
                direction="Outbound",
                access="Deny",
                destinationPortRanges=["22", "443"],
            )
        ]
    )[0]
    assert not widened["passed"] and "destinationPortRanges" in widened["evidence"]
    assert not nsg_results([])[0]["passed"]


def test_firewall_rule_added_to_a_collection_is_named() -> None:
    policy = f"{SUB}/Microsoft.Network/firewallPolicies/p1"
    declared_rule = {"name": "aml", "ruleType": "ApplicationRule", "targetFqdns": ["a.ms"]}
    group = {
        "name": "rcg-egress-required",
        "priority": 200,
        "ruleCollections": [
            {"name": "required-application", "priority": 100, "rules": [declared_rule]}
        ],
    }
    extra = {**declared_rule, "name": "extra", "targetFqdns": ["*"]}
    actual = {
        "name": group["name"],
        "properties": {
            "priority": 200,
            "ruleCollections": [
                {"name": "required-application", "priority": 100, "rules": [declared_rule, extra]}
            ],
        },
    }
    reader = FakeReader({f"{policy}/ruleCollectionGroups": [actual]})
    [result] = checks.firewall_policy(reader, {"id": policy, "rule_collection_groups": [group]})
    assert not result["passed"]
    assert "extra added" in result["evidence"]


def test_role_assignments_extra_and_missing_are_named() -> None:
    group = "/subscriptions/s1/resourceGroups/rg1"
    listed = [
        {
            "properties": {
                "scope": group,
                "principalId": "p1",
                "roleDefinitionId": "/x/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
            }
        },
        {
            "properties": {
                "scope": group,
                "principalId": "p2",
                "roleDefinitionId": "/x/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            }
        },
        # Above the audited scopes: not the deployment's to judge.
        {
            "properties": {
                "scope": "/subscriptions/s1",
                "principalId": "p3",
                "roleDefinitionId": "/x/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            }
        },
    ]
    reader = FakeReader({f"{group}/providers/Microsoft.Authorization/roleAssignments": listed})
    declared = [
        {"principal_id": "p1", "role": "Contributor", "scope": group},
        {"principal_id": "p1", "role": "Reader", "scope": group},
    ]
    results = {r["resource"]: r for r in checks.role_assignments(reader, declared, [group])}
    assert results[f"{group.lower()} | Contributor | p1"]["passed"]
    assert not results[f"{group.lower()} | Owner | p2"]["passed"]
    assert not results[f"{group.lower()} | Reader | p1"]["passed"]
    assert len(results) == 3


def test_public_access_opt_in_wider_than_declared_fails() -> None:
    storage = f"{SUB}/Microsoft.Storage/storageAccounts/st1"
    document = {
        "properties": {
            "publicNetworkAccess": "Enabled",
            "networkAcls": {
                "defaultAction": "Deny",
                "ipRules": [{"value": "203.0.113.7"}, {"value": "0.0.0.0/0"}],
            },
        }
    }
    reader = FakeReader({storage: document})
    declared = {"id": storage, "enabled": True, "ip_rules": ["203.0.113.7"]}
    [result] = checks.public_network_access(reader, [declared])
    assert not result["passed"] and "0.0.0.0/0" in result["evidence"]
    [exact] = checks.public_network_access(
        FakeReader(
            {
                storage: {
                    "properties": {
                        **document["properties"],
                        "networkAcls": {
                            "defaultAction": "Deny",
                            "ipRules": [{"value": "203.0.113.7"}],
                        },
                    }
                }
            }
        ),
        [declared],
    )
    assert exact["passed"]


def test_public_ip_on_a_nic_is_named_unless_declared() -> None:
    group = "/subscriptions/s1/resourceGroups/rg1"
    pip = f"{SUB}/Microsoft.Network/publicIPAddresses/pip1"
    nic = {
        "id": f"{SUB}/Microsoft.Network/networkInterfaces/nic1",
        "properties": {"ipConfigurations": [{"properties": {"publicIPAddress": {"id": pip}}}]},
    }
    reader = FakeReader(
        {
            f"{group}/providers/Microsoft.Network/publicIPAddresses": [
                {"id": pip, "properties": {}}
            ],
            f"{group}/providers/Microsoft.Network/networkInterfaces": [nic],
        }
    )
    found = {r["check"]: r["passed"] for r in checks.public_ips(reader, [group], [])}
    assert found == {"public_ip_address": False, "nic_public_ip": False}
    allowed = {r["check"]: r["passed"] for r in checks.public_ips(reader, [group], [pip])}
    assert allowed == {"public_ip_address": True, "nic_public_ip": True}


def test_attached_aks_is_judged_by_its_node_pools() -> None:
    workspace = f"{SUB}/Microsoft.MachineLearningServices/workspaces/mlw"
    cluster = f"{SUB}/Microsoft.ContainerService/managedClusters/aks"
    scoring = f"{SUB}/Microsoft.Network/virtualNetworks/v/subnets/scoring"
    other = f"{SUB}/Microsoft.Network/virtualNetworks/v/subnets/other"

    def audit(pool: dict) -> dict:
        attached = {
            "id": f"{workspace}/computes/cluster001",
            "properties": {"computeType": "AKS", "resourceId": cluster, "properties": {}},
        }
        reader = FakeReader(
            {
                f"{workspace}/computes": [attached],
                cluster: {"properties": {"agentPoolProfiles": [pool]}},
            }
        )
        results = checks.computes(reader, workspace, [scoring], public_ip_allowed=False)
        return {item["check"]: item for item in results}

    clean = audit({"vnetSubnetID": scoring, "enableNodePublicIP": False})
    assert clean["compute_subnet"]["passed"] and clean["compute_public_ip"]["passed"]

    moved = audit({"vnetSubnetID": other, "enableNodePublicIP": True})
    assert not moved["compute_subnet"]["passed"] and moved["compute_subnet"]["actual"] == "other"
    assert not moved["compute_public_ip"]["passed"]
    assert "enableNodePublicIP=true" in moved["compute_public_ip"]["actual"]
