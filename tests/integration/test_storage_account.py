"""storage_account, one story: check, create, re-run unchanged, update with diff, delete twice."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-storage"
ACCOUNT = {"name": "stitstory01", "resource_group": GROUP}


def step(runner: Runner, *args: str, expect_failure: bool = False, **module_args):
    return runner.step(
        "typed_step",
        *args,
        module="storage_account",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**ACCOUNT, "location": "eastus", "hierarchical_namespace": True}

    checked = step(runner, "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    properties = created.result["resource"]["properties"]
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["allowSharedKeyAccess"] is False
    assert properties["allowBlobPublicAccess"] is False
    assert properties["minimumTlsVersion"] == "TLS1_2"
    assert properties["isHnsEnabled"] is True
    assert created.result["primary_endpoints"]["dfs"].startswith("https://stitstory01.")

    again = step(runner, **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False

    runner.emulator.clear_requests()
    opened = {**wanted, "public_network_access": "Enabled", "ip_rules": ["20.30.40.50"]}
    updated = step(runner, "--diff", **opened)
    assert updated.returncode == 0, updated.output
    assert sorted(updated.result["changed_properties"]) == [
        "properties.networkAcls.ipRules",
        "properties.publicNetworkAccess",
    ]
    after = updated.result["diff"]["after"]["properties"]
    assert after["networkAcls"]["ipRules"] == [{"value": "20.30.40.50", "action": "Allow"}]
    assert updated.result["diff"]["before"]["properties"]["publicNetworkAccess"] == "Disabled"
    writes = runner.writes()
    assert [write["method"] for write in writes] == ["PATCH"]

    runner.emulator.clear_requests()
    check_delete = step(runner, "--check", **ACCOUNT, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = step(runner, **ACCOUNT, state="absent")
    assert deleted.returncode == 0, deleted.output
    assert deleted.result["changed"] is True
    deleted_again = step(runner, **ACCOUNT, state="absent")
    assert deleted_again.returncode == 0, deleted_again.output
    assert deleted_again.result["changed"] is False


def test_hierarchical_namespace_cannot_change(runner: Runner, group: str) -> None:
    assert step(runner, **ACCOUNT, location="eastus").returncode == 0
    runner.emulator.clear_requests()
    changed = step(
        runner, **ACCOUNT, location="eastus", hierarchical_namespace=True, expect_failure=True
    )
    assert changed.result["msg"].startswith("hierarchical_namespace:"), changed.result["msg"]
    assert runner.writes() == []
