"""ml_workspace (+ ml_workspace_info), one story: check, create, re-run, update with diff,
create-only fields refused, soft delete that blocks the name, purge, delete again."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner
from tests.integration.workspace_dependencies import Dependencies, create_dependencies

GROUP = "rg-it-mlw"
WORKSPACE = {"name": "mlw-it-story", "resource_group": GROUP}


def step(runner: Runner, *args: str, module: str = "ml_workspace", **module_args):
    expect_failure = module_args.pop("expect_failure", False)
    return runner.step(
        "typed_step", *args, module=module, module_args=module_args, expect_failure=expect_failure
    )


@pytest.fixture
def deps(runner: Runner) -> Dependencies:
    dependencies = create_dependencies(runner, GROUP, "itmlw")
    runner.emulator.clear_requests()
    return dependencies


def test_story(runner: Runner, deps: Dependencies) -> None:
    wanted = {**WORKSPACE, **deps.workspace_options(), "friendly_name": "Story"}

    checked = step(runner, "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    properties = created.result["resource"]["properties"]
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["managedNetwork"]["isolationMode"] == "Disabled"
    assert properties["systemDatastoresAuthMode"].lower() == "identity"
    assert properties["primaryUserAssignedIdentity"].lower() == deps.identity_id.lower()
    assert created.result["workspace_id"]

    again = step(runner, **wanted)
    assert (again.returncode, again.result["changed"]) == (0, False), again.output

    runner.emulator.clear_requests()
    renamed = {**wanted, "friendly_name": "Story 2", "image_build_compute": "cpu"}
    updated = step(runner, "--diff", **renamed)
    assert updated.returncode == 0, updated.output
    assert sorted(updated.result["changed_properties"]) == [
        "properties.friendlyName",
        "properties.imageBuildCompute",
    ]
    assert updated.result["diff"]["after"]["properties"]["friendlyName"] == "Story 2"
    assert len(runner.writes()) == 1

    info = step(runner, module="ml_workspace_info", **WORKSPACE)
    assert info.result["exists"] is True
    assert info.result["workspaces"][0]["workspace_id"] == created.result["workspace_id"]

    runner.emulator.clear_requests()
    for option, value in (("storage_account_id", deps.datalake_id), ("hbi_workspace", True)):
        refused = step(runner, **{**wanted, option: value}, expect_failure=True)
        assert refused.result["msg"].startswith(f"{option}:"), refused.result["msg"]
        assert "cannot change once created" in refused.result["msg"]
    assert runner.writes() == []

    check_delete = step(runner, "--check", **WORKSPACE, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []
    deleted = step(runner, **WORKSPACE, state="absent")
    assert (deleted.result["changed"], deleted.result["purged"]) == (True, False)
    deleted_again = step(runner, **WORKSPACE, state="absent")
    assert deleted_again.result["changed"] is False

    blocked = step(runner, **wanted, expect_failure=True)
    assert blocked.result["msg"].startswith("name: a soft-deleted workspace holds"), blocked.result
    assert "purge" in blocked.result["msg"] and "recover" in blocked.result["msg"]

    purged = step(runner, **WORKSPACE, state="absent", purge=True)
    assert purged.returncode == 0, purged.output
    assert (purged.result["changed"], purged.result["purged"]) == (True, True)
    recreated = step(runner, **wanted)
    assert (recreated.returncode, recreated.result["changed"]) == (0, True), recreated.output
    gone = step(runner, **WORKSPACE, state="absent", purge=True)
    assert (gone.result["changed"], gone.result["purged"]) == (True, True)
    info_gone = step(runner, module="ml_workspace_info", **WORKSPACE)
    assert (info_gone.result["exists"], info_gone.result["workspaces"]) == (False, [])
