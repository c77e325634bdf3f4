"""container_registry, one story: check, create, re-run, update with diff, delete twice."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-acr"
REGISTRY = {"name": "critstory01", "resource_group": GROUP}


def step(runner: Runner, *args: str, expect_failure: bool = False, **module_args):
    return runner.step(
        "typed_step",
        *args,
        module="container_registry",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**REGISTRY, "location": "eastus"}

    checked = step(runner, "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert checked.result["login_server"] == ""
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    properties = created.result["resource"]["properties"]
    assert (properties["adminUserEnabled"], properties["publicNetworkAccess"]) == (
        False,
        "Disabled",
    )
    assert created.result["resource"]["sku"]["name"] == "Premium"
    assert created.result["login_server"].startswith("critstory01.")

    again = step(runner, **wanted)
    assert (again.returncode, again.result["changed"]) == (0, False), again.output

    runner.emulator.clear_requests()
    opened = {**wanted, "public_network_access": "Enabled", "ip_rules": ["20.30.40.0/28"]}
    updated = step(runner, "--diff", **opened)
    assert updated.returncode == 0, updated.output
    assert sorted(updated.result["changed_properties"]) == [
        "properties.networkRuleSet.ipRules",
        "properties.publicNetworkAccess",
    ]
    assert updated.result["diff"]["before"]["properties"]["publicNetworkAccess"] == "Disabled"
    assert len(runner.writes()) == 1

    runner.emulator.clear_requests()
    check_delete = step(runner, "--check", **REGISTRY, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []
    deleted = step(runner, **REGISTRY, state="absent")
    assert deleted.result["changed"] is True
    deleted_again = step(runner, **REGISTRY, state="absent")
    assert (deleted_again.returncode, deleted_again.result["changed"]) == (0, False)
