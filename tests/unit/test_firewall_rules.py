"""The firewall policy's rules are the allow-list, exactly: every entry is one rule in its
category's group or is reported as not carried, and no rule comes from anywhere else."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.filter.egress import allowlist_resolve
from ansible_collections.litware.aml_isolation.plugins.filter.firewall import (
    NO_DNS_PROXY,
    firewall_address_plan_errors,
    firewall_policy_rules,
    firewall_private_ip,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import projections
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    CATEGORIES,
    FEATURES,
)
from tools.arm_emulator.schema import Validator, load_model
from tools.egress_tables import load_catalog

IP_GROUP = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fw/providers/"
    "Microsoft.Network/ipGroups/ipgroup-training"
)
PRIVATE_ENDPOINTS = ["10.0.20.0/24"]
CUSTOM = {
    "name": "example-api",
    "kind": "fqdn",
    "value": "api.example.com",
    "ports": [443],
    "protocol": "https",
    "category": "custom",
}


def effective(features: list[str] | None = None, categories: list[str] | None = None, custom=()):
    resolve = dict(
        region="brazilsouth", region_service_tag="BrazilSouth", storage_accounts=["stlitware1"]
    )
    return allowlist_resolve(
        load_catalog(),
        categories=list(CATEGORIES) if categories is None else categories,
        features=list(FEATURES) if features is None else features,
        **resolve,
    ) + allowlist_resolve(list(custom), **resolve)


def rules_of(entries: list[dict], tier: str = "Standard") -> dict:
    return firewall_policy_rules(
        entries, [IP_GROUP], private_endpoint_prefixes=PRIVATE_ENDPOINTS, tier=tier
    )


def all_rules(result: dict) -> list[tuple[str, dict, dict]]:
    return [
        (group["name"], collection, rule)
        for group in result["rule_collection_groups"]
        for collection in group["ruleCollections"]
        for rule in collection["rules"]
    ]


def _expected_form(entry: dict) -> dict:
    """What the entry's rule must say, from the allow-list's own enforcement projection."""
    network = projections.firewall_network_rules(
        [entry], source_ip_groups=[IP_GROUP], private_endpoint_prefixes=PRIVATE_ENDPOINTS
    )
    application = projections.firewall_application_rules([entry], source_ip_groups=[IP_GROUP])
    return (network or application)[0]


@pytest.mark.parametrize(
    "features", [[], list(FEATURES), ["rstudio", "workspace_private_endpoint"]], ids=str
)
@pytest.mark.parametrize("custom", [(), (CUSTOM,)], ids=["builtin", "with-custom"])
def test_rules_equal_the_allow_list_nothing_missing_nothing_extra(features, custom) -> None:
    entries = effective(features, custom=custom)
    result = rules_of(entries)
    rules = all_rules(result)
    by_name = {entry["name"]: entry for entry in entries}
    rule_names = [rule["name"] for _, _, rule in rules]
    not_carried = {item["name"] for item in result["not_carried"]}
    assert len(rule_names) == len(set(rule_names)), "an entry became two rules"
    assert set(rule_names) | not_carried == set(by_name), "a rule without an entry, or the reverse"
    assert not set(rule_names) & not_carried
    for group, collection, rule in rules:
        entry = by_name[rule["name"]]
        assert group == f"rcg-egress-{entry['category']}"
        assert collection["name"].startswith(f"{entry['category']}-")
        assert collection["action"] == {"type": "Allow"}
        assert rule == _expected_form(entry)
        assert rule["sourceIpGroups"] == [IP_GROUP] and "sourceAddresses" not in rule
    for item in result["not_carried"]:
        points = projections.enforcement(by_name[item["name"]], PRIVATE_ENDPOINTS)
        assert not points["firewall_application"]["carried"]
        assert not points["firewall_network"]["carried"]


def test_not_carried_names_the_reason() -> None:
    result = rules_of(effective())
    reasons = {item["name"]: item["reason"] for item in result["not_carried"]}
    assert set(reasons) == {"tag-virtual-network"}
    assert "not usable in Azure Firewall" in reasons["tag-virtual-network"]


def test_groups_are_valid_rule_collection_group_bodies_with_unique_priorities() -> None:
    groups = rules_of(effective(custom=(CUSTOM,)))["rule_collection_groups"]
    assert [group["name"] for group in groups] == [f"rcg-egress-{c}" for c in CATEGORIES]
    assert [group["priority"] for group in groups] == [200, 300, 400]
    model = load_model("azure.mgmt.network.models:FirewallPolicyRuleCollectionGroup")
    for group in groups:
        validator = Validator(enforce_required=True)
        body = {
            "properties": {
                "priority": group["priority"],
                "ruleCollections": group["ruleCollections"],
            }
        }
        validator.validate_model(body, model, "")
        assert validator.issues == [], group["name"]
        priorities = [collection["priority"] for collection in group["ruleCollections"]]
        assert len(priorities) == len(set(priorities))


def test_dns_proxy_follows_host_names_in_network_rules() -> None:
    standard = rules_of(effective())
    fqdn_rules = [rule for _, _, rule in all_rules(standard) if "destinationFqdns" in rule]
    assert fqdn_rules and standard["dns_proxy"] is True
    tags_only = [entry for entry in effective() if entry["kind"] == "service_tag"]
    assert rules_of(tags_only)["dns_proxy"] is False


def test_basic_tier_moves_web_host_names_to_application_rules_and_drops_the_rest() -> None:
    plain_tcp = dict(CUSTOM, name="plain-tcp", protocol="tcp", ports=[443])
    entries = effective(custom=(plain_tcp,))
    basic = rules_of(entries, tier="Basic")
    assert basic["dns_proxy"] is False
    assert not [rule for _, _, rule in all_rules(basic) if "destinationFqdns" in rule]
    moved = next(rule for _, _, rule in all_rules(basic) if rule["name"] == "plain-tcp")
    assert moved["ruleType"] == "ApplicationRule"
    assert moved["protocols"] == [{"protocolType": "Https", "port": 443}]
    dropped = {item["name"]: item["reason"] for item in basic["not_carried"]}
    assert dropped["tundra"] == NO_DNS_PROXY
    standard_names = {rule["name"] for _, _, rule in all_rules(rules_of(entries))}
    basic_names = {rule["name"] for _, _, rule in all_rules(basic)}
    assert standard_names - basic_names == {
        name for name, reason in dropped.items() if reason == NO_DNS_PROXY
    }


def test_a_category_switched_off_removes_only_its_group() -> None:
    both = rules_of(effective(custom=(CUSTOM,)))["rule_collection_groups"]
    required_only = rules_of(effective(categories=["required"], custom=(CUSTOM,)))
    groups = required_only["rule_collection_groups"]
    assert [group["name"] for group in groups] == ["rcg-egress-required", "rcg-egress-custom"]
    assert groups == [group for group in both if group["name"] != "rcg-egress-recommended"]


def test_a_custom_entry_changes_only_the_custom_group() -> None:
    before = rules_of(effective())["rule_collection_groups"]
    after = rules_of(effective(custom=(CUSTOM,)))["rule_collection_groups"]
    assert after[:-1] == before
    (rule,) = after[-1]["ruleCollections"][0]["rules"]
    assert rule["targetFqdns"] == ["api.example.com"]


def test_bad_tier_and_missing_source_fail() -> None:
    with pytest.raises(AnsibleFilterError, match="tier"):
        firewall_policy_rules(effective(), [IP_GROUP], tier="Gold")
    with pytest.raises(AnsibleFilterError, match="source"):
        firewall_policy_rules(effective())


def test_address_plan_errors_name_the_variables() -> None:
    good = {
        "hub": ["firewall_hub_address_prefix", "10.99.0.0/16"],
        "subnets": {"firewall_subnet_prefix": "10.99.0.0/26"},
        "spokes": {"network_vnet_address_prefix": "10.0.0.0/16"},
    }
    assert firewall_address_plan_errors(good) == []
    bad = {
        "hub": ["firewall_hub_address_prefix", "10.0.128.0/17"],
        "subnets": {
            "firewall_subnet_prefix": "10.0.128.0/27",
            "firewall_management_subnet_prefix": "10.1.0.0/26",
        },
        "spokes": {"network_vnet_address_prefix": "10.0.0.0/16"},
    }
    errors = firewall_address_plan_errors(bad)
    assert "firewall_subnet_prefix (10.0.128.0/27) must be /26 or larger" in errors
    assert any(
        e.startswith("firewall_management_subnet_prefix (10.1.0.0/26) is not inside")
        for e in errors
    )
    assert any("overlaps network_vnet_address_prefix" in e for e in errors)
    assert firewall_address_plan_errors({"hub": ["h", "10.0.0.1/16"]}) == [
        "h (10.0.0.1/16) is not an IPv4 network in CIDR notation"
    ]


def test_private_ip_is_the_first_usable_address() -> None:
    assert firewall_private_ip("10.99.0.0/26") == "10.99.0.4"
    with pytest.raises(AnsibleFilterError):
        firewall_private_ip("10.99.0.0/30")


def test_role_readme_table_matches_the_rules() -> None:
    from tools import firewall_rules_table

    current = firewall_rules_table.README.read_text()
    assert current == firewall_rules_table.updated_readme(current), (
        "roles/firewall/README.md is stale: run python -m tools.firewall_rules_table"
    )
    assert "| tundra | not carried |" in current


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("a.wild.example.test", True),
        ("X.Y.Wild.Example.TEST", True),
        ("a.wild.example.test.", True),
        ("wild.example.test", False),
        ("exact.example.test", True),
        ("a.exact.example.test", False),
        ("awild.example.test", False),
        ("a.wild.example.test.evil.test", False),
        ("a_b.wild.example.test", False),
        ("*.wild.example.test", False),
        ("192.0.2.10", False),
    ],
)
def test_wildcards_in_application_rules_mean_names_strictly_below(name: str, allowed: bool) -> None:
    from tools.firewall_rules import firewall_rules_allow

    assert firewall_rules_allow(["*.wild.example.test", "exact.example.test"], name) is allowed
