"""key_vault, one story: check, create, re-run, update with diff, delete twice; then the soft-delete
lifecycle: a deleted name is refused with the way out, recovered, purged, and purge protection."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-kv"
VAULT = {"name": "kv-it-story", "resource_group": GROUP}


def step(runner: Runner, *args: str, expect_failure: bool = False, **module_args):
    return runner.step(
        "typed_step",
        *args,
        module="key_vault",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**VAULT, "location": "eastus"}

    checked = step(runner, "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    properties = created.result["resource"]["properties"]
    assert properties["enableRbacAuthorization"] is True
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["softDeleteRetentionInDays"] == 7
    assert properties["tenantId"]  # the subscription's tenant
    assert created.result["vault_uri"].startswith("https://kv-it-story.")

    again = step(runner, **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False

    runner.emulator.clear_requests()
    updated = step(runner, "--diff", **wanted, trusted_services_bypass=False, tags={"a": "b"})
    assert updated.returncode == 0, updated.output
    assert sorted(updated.result["changed_properties"]) == ["properties.networkAcls.bypass", "tags"]
    assert updated.result["diff"]["after"]["properties"]["networkAcls"]["bypass"] == "None"
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    runner.emulator.clear_requests()
    check_delete = step(runner, "--check", **VAULT, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []
    deleted = step(runner, **VAULT, state="absent")
    assert (deleted.result["changed"], deleted.result["purged"]) == (True, False)
    deleted_again = step(runner, **VAULT, state="absent")
    assert deleted_again.result["changed"] is False

    # The soft-deleted vault still holds the name.
    runner.emulator.clear_requests()
    blocked = step(runner, **wanted, expect_failure=True)
    assert blocked.result["msg"].startswith("name: a soft-deleted key vault"), blocked.result
    assert "recover: true" in blocked.result["msg"] and "purge: true" in blocked.result["msg"]
    assert runner.writes() == []

    recovered = step(runner, **wanted, recover=True)
    assert recovered.returncode == 0, recovered.output
    assert (recovered.result["changed"], recovered.result["recovered"]) == (True, True)

    purged = step(runner, **VAULT, state="absent", purge=True)
    assert purged.returncode == 0, purged.output
    assert (purged.result["changed"], purged.result["purged"]) == (True, True)
    fresh = step(runner, **wanted)
    assert fresh.returncode == 0, fresh.output
    assert (fresh.result["changed"], fresh.result["recovered"]) == (True, False)


def test_purge_protected_vault_is_never_purged(runner: Runner, group: str) -> None:
    protected = {**VAULT, "name": "kv-it-protected", "location": "eastus"}
    assert step(runner, **protected, purge_protection=True).returncode == 0
    runner.emulator.clear_requests()
    refused = step(
        runner,
        name="kv-it-protected",
        resource_group=GROUP,
        state="absent",
        purge=True,
        expect_failure=True,
    )
    assert refused.result["msg"].startswith("purge: key vault kv-it-protected has purge protection")
    assert runner.writes() == []
    turned_off = step(runner, **protected, expect_failure=True)
    assert turned_off.result["msg"].startswith("purge_protection:"), turned_off.result["msg"]
    assert runner.writes() == []
