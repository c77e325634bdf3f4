"""network_security_group, one story, and the rule added by hand that --check reports and a
run removes."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-nsg"
NSG = {"nsg_name": "nsg-training", "nsg_resource_group": GROUP}
DENY_ALL = {"name": "DenyAll", "priority": 200, "direction": "Outbound", "access": "Deny"}
ALLOW_VNET = {
    "name": "AllowVNETOnly",
    "priority": 100,
    "direction": "Outbound",
    "access": "Allow",
    "source_address_prefix": "VirtualNetwork",
}
HAND_ADDED = {
    "properties": {
        "priority": 150,
        "direction": "Outbound",
        "access": "Allow",
        "protocol": "*",
        "sourceAddressPrefix": "*",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "Internet",
        "destinationPortRange": "*",
    }
}


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**NSG, "nsg_location": "eastus", "nsg_rules": [DENY_ALL]}

    checked = runner.step("network_security_group", "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert runner.writes() == []

    created = runner.step("network_security_group", **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["rule_names"] == ["DenyAll"]

    again = runner.step("network_security_group", **wanted)
    assert (again.returncode, again.result["changed"]) == (0, False), again.output

    runner.emulator.clear_requests()
    more = {**wanted, "nsg_rules": [ALLOW_VNET, DENY_ALL], "nsg_tags": {"owner": "ml"}}
    updated = runner.step("network_security_group", "--diff", **more)
    assert updated.returncode == 0, updated.output
    assert updated.result["changed"] is True
    assert sorted(updated.result["changed_properties"]) == [
        "properties.securityRules[AllowVNETOnly]",
        "tags",
    ]
    diff = updated.result["diff"]
    assert [rule["name"] for rule in diff["before"]["properties"]["securityRules"]] == ["DenyAll"]
    assert [rule["name"] for rule in diff["after"]["properties"]["securityRules"]] == [
        "AllowVNETOnly",
        "DenyAll",
    ]
    assert "etag" not in str(diff) and "provisioningState" not in str(diff)
    assert updated.result["rule_names"] == ["AllowVNETOnly", "DenyAll"]
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    check_delete = runner.step("network_security_group", "--check", nsg_state="absent", **NSG)
    assert check_delete.result["changed"] is True
    deleted = runner.step("network_security_group", nsg_state="absent", **NSG)
    assert (deleted.returncode, deleted.result["changed"]) == (0, True), deleted.output
    deleted_again = runner.step("network_security_group", nsg_state="absent", **NSG)
    assert (deleted_again.returncode, deleted_again.result["changed"]) == (0, False)


def test_rule_added_by_hand_is_reported_by_check_and_removed_by_a_run(
    runner: Runner, group: str
) -> None:
    wanted = {**NSG, "nsg_location": "eastus", "nsg_rules": [ALLOW_VNET, DENY_ALL]}
    created = runner.step("network_security_group", **wanted)
    assert created.returncode == 0, created.output
    hand = runner.step(
        "arm_resource",
        resource_id=created.result["id"] + "/securityRules/AllowInternet",
        body=HAND_ADDED,
    )
    assert hand.returncode == 0, hand.output

    runner.emulator.clear_requests()
    checked = runner.step("network_security_group", "--check", "--diff", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert checked.result["changed_properties"] == ["properties.securityRules[AllowInternet]"]
    assert "AllowInternet" in checked.stdout
    assert runner.writes() == []

    removed = runner.step("network_security_group", **wanted)
    assert (removed.returncode, removed.result["changed"]) == (0, True), removed.output
    assert removed.result["rule_names"] == ["AllowVNETOnly", "DenyAll"]
    state = {item["id"].lower() for item in runner.emulator.state()["resources"]}
    assert not any(item.endswith("/securityrules/allowinternet") for item in state)

    kept = runner.step("network_security_group", **wanted)
    assert kept.result["changed"] is False


def test_purge_rules_false_keeps_rules_owned_elsewhere(runner: Runner, group: str) -> None:
    wanted = {**NSG, "nsg_location": "eastus", "nsg_rules": [DENY_ALL], "nsg_purge_rules": False}
    created = runner.step("network_security_group", **wanted)
    assert created.returncode == 0, created.output
    runner.step(
        "arm_resource",
        resource_id=created.result["id"] + "/securityRules/AllowInternet",
        body=HAND_ADDED,
    )
    again = runner.step("network_security_group", **wanted)
    assert again.result["changed"] is False
    assert again.result["rule_names"] == ["AllowInternet", "DenyAll"]


@pytest.mark.parametrize(
    ("rules", "option"),
    [
        ([{**DENY_ALL, "priority": 50}], "rules[0].priority"),
        ([DENY_ALL, {**ALLOW_VNET, "priority": 200}], "rules[1]"),
    ],
)
def test_bad_rules_fail_before_any_write_naming_the_option(
    runner: Runner, group: str, rules: list, option: str
) -> None:
    failed = runner.step(
        "network_security_group", expect_failure=True, nsg_location="eastus", nsg_rules=rules, **NSG
    )
    assert failed.result.get("failed") is True, failed.output
    assert failed.result["msg"].startswith(f"{option}:"), failed.result["msg"]
    assert runner.writes() == []
