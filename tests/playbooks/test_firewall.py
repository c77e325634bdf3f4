"""site.yml --tags firewall on top of --tags network, and destroy.yml --tags firewall, against
the ARM emulator: the rules in the policy are the allow-list's, re-runs write nothing, a change
of the allow-list writes only rule collection groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.playbooks.test_site import DESTROY, assert_ok, output, play, resources, rg_id, writes
from tools.ansible_run import ansible_env
from tools.arm_emulator.control import Emulator
from tools.egress_tables import load_catalog
from tools.lab.lab import lab_exec

HUB_GROUP = "rg-litware-firewall-local1"
SPOKE_GROUP = "rg-litware-machinelearning-local1"
NET = "/providers/microsoft.network"
CUSTOM = [
    {
        "name": "example-api",
        "kind": "fqdn",
        "value": "api.example.com",
        "ports": [443],
        "protocol": "https",
        "category": "custom",
    }
]
DEFAULT_CATEGORIES = ["required", "recommended"]
DEFAULT_FEATURES = ["private_endpoints_in_vnet", "rstudio", "workspace_private_endpoint"]


@pytest.fixture(scope="module")
def emulator(arm_emulator: Emulator) -> Emulator:
    """The session's emulator, reset once: this module's tests build on each other's state."""
    return arm_emulator.reset_all()


@pytest.fixture(scope="module")
def env(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return ansible_env(
        tmp_path_factory.mktemp("collections"),
        {**emulator.env, "TEST_BUILD_DIR": str(tmp_path_factory.mktemp("build"))},
    )


def expected_groups(emulator: Emulator, categories=DEFAULT_CATEGORIES, custom=()) -> dict:
    """The groups the allow-list's defaults give, computed here from the data, not the role."""
    # The collection is importable once tools.egress_tables has made it so.
    from ansible_collections.litware.aml_isolation.plugins.filter.egress import (
        allowlist_resolve,
    )
    from ansible_collections.litware.aml_isolation.plugins.filter.firewall import (
        firewall_policy_rules,
    )

    resolve = dict(region="brazilsouth", region_service_tag="BrazilSouth")
    entries = allowlist_resolve(
        load_catalog(), categories=categories, features=DEFAULT_FEATURES, **resolve
    ) + allowlist_resolve(list(custom), **resolve)
    ip_group = (
        f"/subscriptions/{emulator.subscription_id}/resourceGroups/{HUB_GROUP}/providers/"
        "Microsoft.Network/ipGroups/ipgroup-litware-egress-sources"
    )
    rules = firewall_policy_rules(entries, [ip_group], private_endpoint_prefixes=["10.0.20.0/24"])
    return {group["name"]: group for group in rules["rule_collection_groups"]}


def hub(emulator: Emulator, rest: str) -> str:
    return f"{rg_id(emulator, HUB_GROUP)}{NET}/{rest}".lower()


def spoke(emulator: Emulator, rest: str) -> str:
    return f"{rg_id(emulator, SPOKE_GROUP)}{NET}/{rest}".lower()


def policy_groups(emulator: Emulator) -> dict:
    prefix = hub(emulator, "firewallpolicies/afwp-litware/rulecollectiongroups/")
    return {
        item_id[len(prefix) :]: item["properties"]
        for item_id, item in resources(emulator).items()
        if item_id.startswith(prefix)
    }


def custom_entries(entries: list[dict]) -> tuple[str, str]:
    return ("-e", json.dumps({"egress_allowlist_custom_entries": entries}))


def test_check_mode_on_empty_reports_everything_it_would_create(
    emulator: Emulator, env: dict[str, str]
) -> None:
    emulator.reset()
    result = play(env, "--check", "--tags", "network,firewall")
    assert_ok(result)
    assert writes(emulator) == []
    text = output(result)
    for task in (
        "Create the firewall resource group",
        "Start the hub VNet, the firewall's public IP address(es), its policy, the IP group "
        "and its Log Analytics workspace",
        "Start the firewall (joined later)",
        "Write the rule collection group of each allow-list category",
        "Peer the hub with the spoke and the spoke with the hub",
        "Create the route table that sends everything to the firewall",
        "Associate the route table with the routed subnets (their other properties kept)",
        "Send the firewall's logs and metrics to the Log Analytics workspace",
    ):
        section = text.split(f"firewall : {task}]", 1)
        assert len(section) == 2, task
        assert section[1].split("TASK [", 1)[0].count("changed:") >= 1, task


def test_firewall_alone_needs_the_network(emulator: Emulator, env: dict[str, str]) -> None:
    emulator.reset()
    result = play(env, "--tags", "firewall")
    assert result.returncode != 0
    assert "run site.yml --tags network first" in output(result)
    assert writes(emulator) == []


def test_bad_firewall_input_fails_before_any_write(emulator: Emulator, env: dict[str, str]) -> None:
    emulator.reset()
    result = play(
        env, "-e", "firewall_hub_address_prefix=10.0.128.0/17", "--tags", "network,firewall"
    )
    assert result.returncode != 0
    assert (
        "firewall_hub_address_prefix (10.0.128.0/17) overlaps network_vnet_address_prefix"
        in output(result)
    )
    assert writes(emulator) == []


def test_firewall_on_top_of_the_network_converges_and_is_idempotent(
    emulator: Emulator, env: dict[str, str]
) -> None:
    emulator.reset()
    assert_ok(play(env, "--tags", "network"))
    subnet_before = resources(emulator)[
        spoke(emulator, "virtualnetworks/vnet-litware/subnets/training")
    ]
    first = assert_ok(play(env, "--tags", "firewall"))
    assert first["changed"] > 0
    state = resources(emulator)

    firewall = state[hub(emulator, "azurefirewalls/afw-litware")]
    assert firewall["properties"]["provisioningState"] == "Succeeded"
    configuration = firewall["properties"]["ipConfigurations"][0]["properties"]
    assert configuration["privateIPAddress"] == "10.99.0.4"
    assert configuration["subnet"]["id"].lower() == hub(
        emulator, "virtualnetworks/vnet-firewall-hub-local1/subnets/azurefirewallsubnet"
    )
    policy = state[hub(emulator, "firewallpolicies/afwp-litware")]
    assert policy["properties"]["dnsSettings"]["enableProxy"] is True
    assert policy["properties"]["sku"]["tier"] == "Standard"
    ip_group = state[hub(emulator, "ipgroups/ipgroup-litware-egress-sources")]
    # egress_points has proxy and firewall: the proxy's own egress goes through the firewall.
    assert ip_group["properties"]["ipAddresses"] == ["10.0.40.0/24", "10.0.200.0/24"]

    groups = policy_groups(emulator)
    expected = expected_groups(emulator)
    assert sorted(groups) == sorted(expected)
    for name, group in expected.items():
        assert groups[name]["priority"] == group["priority"]
        assert groups[name]["ruleCollections"] == group["ruleCollections"], name

    for peering in (
        hub(
            emulator, "virtualnetworks/vnet-firewall-hub-local1/virtualnetworkpeerings/hub-to-spoke"
        ),
        spoke(emulator, "virtualnetworks/vnet-litware/virtualnetworkpeerings/spoke-to-hub"),
    ):
        assert state[peering]["properties"]["peeringState"] == "Connected"
        assert state[peering]["properties"]["allowForwardedTraffic"] is True

    routes = state[spoke(emulator, "routetables/rt-all-to-hub")]["properties"]["routes"]
    assert [route["properties"]["nextHopIpAddress"] for route in routes] == ["10.99.0.4"]
    assert routes[0]["properties"]["addressPrefix"] == "0.0.0.0/0"
    route_table = spoke(emulator, "routetables/rt-all-to-hub")
    for name in ("training", "proxy"):
        subnet = state[spoke(emulator, f"virtualnetworks/vnet-litware/subnets/{name}")]
        assert subnet["properties"]["routeTable"]["id"].lower() == route_table
    training = state[spoke(emulator, "virtualnetworks/vnet-litware/subnets/training")]
    without_route = {k: v for k, v in training["properties"].items() if k != "routeTable"}
    assert without_route == subnet_before["properties"], "the association rewrote the subnet"
    scoring = state[spoke(emulator, "virtualnetworks/vnet-litware/subnets/scoring")]
    assert "routeTable" not in scoring["properties"]

    setting = next(
        item
        for item_id, item in state.items()
        if item_id.endswith("/providers/microsoft.insights/diagnosticsettings/firewall-monitor")
    )
    assert setting["properties"]["logAnalyticsDestinationType"] == "Dedicated"
    assert (
        setting["properties"]["workspaceId"]
        .lower()
        .endswith("/workspaces/log-litware-firewall-local1")
    )
    assert {log["category"] for log in setting["properties"]["logs"]} >= {
        "AZFWNetworkRule",
        "AZFWApplicationRule",
    }

    emulator.clear_requests()
    second = assert_ok(play(env, "--tags", "firewall"))
    assert second["changed"] == 0, output(play(env, "--tags", "firewall", "--diff"))[-6000:]
    assert writes(emulator) == []
    emulator.clear_requests()
    assert assert_ok(play(env, "--tags", "network"))["changed"] == 0
    assert writes(emulator) == []


def test_an_allow_list_change_writes_only_rule_collection_groups(
    emulator: Emulator, env: dict[str, str]
) -> None:
    assert_ok(play(env, "--tags", "network,firewall"))
    emulator.clear_requests()
    assert_ok(play(env, "--tags", "firewall", *custom_entries(CUSTOM)))
    changed = writes(emulator)
    assert changed == [
        f"PUT /subscriptions/{emulator.subscription_id}/resourceGroups/{HUB_GROUP}"
        "/providers/Microsoft.Network/firewallPolicies/afwp-litware/ruleCollectionGroups/"
        "rcg-egress-custom"
    ]
    groups = policy_groups(emulator)
    assert (
        groups["rcg-egress-custom"]["ruleCollections"]
        == expected_groups(emulator, custom=CUSTOM)["rcg-egress-custom"]["ruleCollections"]
    )

    emulator.clear_requests()
    assert_ok(
        play(
            env,
            "--tags",
            "firewall",
            *custom_entries(CUSTOM),
            "-e",
            '{"egress_allowlist_categories": ["required"]}',
        )
    )
    assert [line.split(" ", 1)[0] for line in writes(emulator)] == ["DELETE"]
    assert writes(emulator)[0].endswith("/ruleCollectionGroups/rcg-egress-recommended")
    assert sorted(policy_groups(emulator)) == ["rcg-egress-custom", "rcg-egress-required"]


@pytest.mark.parametrize("tier", ["Basic"])
def test_basic_tier_has_no_dns_proxy_and_no_host_names_in_network_rules(
    emulator: Emulator, env: dict[str, str], tier: str
) -> None:
    emulator.reset()
    assert_ok(play(env, "--tags", "network,firewall", "-e", f"firewall_sku_tier={tier}"))
    state = resources(emulator)
    policy = state[hub(emulator, "firewallpolicies/afwp-litware")]
    assert "dnsSettings" not in policy["properties"] or not policy["properties"]["dnsSettings"].get(
        "enableProxy"
    )
    rules = [
        rule
        for group in policy_groups(emulator).values()
        for collection in group["ruleCollections"]
        for rule in collection["rules"]
    ]
    assert rules and not [rule for rule in rules if rule.get("destinationFqdns")]
    firewall = state[hub(emulator, "azurefirewalls/afw-litware")]
    assert (
        firewall["properties"]["managementIpConfiguration"]["properties"]["subnet"]["id"]
        .lower()
        .endswith("/subnets/azurefirewallmanagementsubnet")
    )


def test_destroy_firewall_removes_the_hub_peerings_first_and_the_route_association(
    emulator: Emulator, env: dict[str, str]
) -> None:
    emulator.reset()
    assert_ok(play(env, "--tags", "network,firewall"))
    emulator.clear_requests()
    assert_ok(play(env, "--tags", "firewall", "-e", "destroy_confirmed=true", playbook=DESTROY))
    deleted = [line for line in writes(emulator) if not line.startswith("GET")]
    assert "virtualNetworkPeerings/spoke-to-hub" in deleted[0]
    assert "virtualNetworkPeerings/hub-to-spoke" in deleted[1]
    state = resources(emulator)
    assert rg_id(emulator, HUB_GROUP) not in state
    assert spoke(emulator, "routetables/rt-all-to-hub") not in state
    assert (
        spoke(emulator, "virtualnetworks/vnet-litware/virtualnetworkpeerings/spoke-to-hub")
        not in state
    )
    for name in ("training", "proxy"):
        subnet = state[spoke(emulator, f"virtualnetworks/vnet-litware/subnets/{name}")]
        assert "routeTable" not in subnet["properties"]
        assert subnet["properties"]["networkSecurityGroup"]
    emulator.clear_requests()
    again = assert_ok(
        play(env, "--tags", "firewall", "-e", "destroy_confirmed=true", playbook=DESTROY)
    )
    assert again["changed"] == 0
    assert writes(emulator) == []


@pytest.mark.lab
@pytest.mark.slow
def test_one_custom_entry_reaches_the_proxy_and_the_firewall_in_one_run(
    emulator: Emulator, env: dict[str, str], lab_inventory: Path
) -> None:
    run_env = {**env, "LITWARE_LAB_INVENTORY": str(lab_inventory)}
    emulator.reset()
    assert_ok(play(run_env, "--tags", "network"))
    assert_ok(play(run_env, "--tags", "proxy,firewall", *custom_entries(CUSTOM)))
    squid = lab_exec("proxy", "cat", "/etc/squid/squid.conf", check=True)
    assert "dstdomain -n api.example.com" in squid.stdout
    custom = policy_groups(emulator)["rcg-egress-custom"]["ruleCollections"]
    (rule,) = [rule for collection in custom for rule in collection["rules"]]
    assert rule["name"] == "example-api"
    assert rule["targetFqdns"] == ["api.example.com"]
    assert rule["protocols"] == [{"protocolType": "Https", "port": 443}]
