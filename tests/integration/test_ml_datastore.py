"""ml_datastore, one story: check, create, re-run, update with diff, create-only fields refused,
delete twice; both kinds (blob container and Data Lake Gen2 filesystem), no credentials stored."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner
from tests.integration.workspace_dependencies import Dependencies, create_dependencies

GROUP = "rg-it-ds"
WORKSPACE = "mlw-it-ds"


def step(runner: Runner, *args: str, module: str = "ml_datastore", **module_args):
    expect_failure = module_args.pop("expect_failure", False)
    return runner.step(
        "typed_step", *args, module=module, module_args=module_args, expect_failure=expect_failure
    )


@pytest.fixture
def lake(runner: Runner) -> Dependencies:
    deps = create_dependencies(runner, GROUP, "itds")
    workspace = step(
        runner,
        module="ml_workspace",
        name=WORKSPACE,
        resource_group=GROUP,
        **deps.workspace_options(),
    )
    assert workspace.returncode == 0, workspace.output
    runner.emulator.clear_requests()
    return deps


@pytest.mark.parametrize(
    ("datastore_type", "member"),
    [("AzureDataLakeGen2", "filesystem"), ("AzureBlob", "containerName")],
)
def test_story(runner: Runner, lake: Dependencies, datastore_type: str, member: str) -> None:
    where = {"name": "lake", "workspace_name": WORKSPACE, "resource_group": GROUP}
    wanted = {
        **where,
        "datastore_type": datastore_type,
        "account_name": lake.datalake_name,
        "container": "data",
    }

    checked = step(runner, "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    properties = created.result["resource"]["properties"]
    assert properties[member] == "data"
    assert properties["credentials"]["credentialsType"] == "None"
    assert properties["serviceDataAccessAuthIdentity"] == "WorkspaceUserAssignedIdentity"
    assert created.result["is_default"] is False

    again = step(runner, **wanted)
    assert (again.returncode, again.result["changed"]) == (0, False), again.output

    runner.emulator.clear_requests()
    updated = step(runner, "--diff", **wanted, description="the lake")
    assert updated.returncode == 0, updated.output
    assert updated.result["changed_properties"] == ["properties.description"]
    assert len(runner.writes()) == 1

    runner.emulator.clear_requests()
    moved = step(runner, **{**wanted, "container": "other"}, expect_failure=True)
    assert moved.result["msg"].startswith("container:"), moved.result["msg"]
    assert runner.writes() == []

    check_delete = step(runner, "--check", **where, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []
    deleted = step(runner, **where, state="absent")
    assert deleted.result["changed"] is True
    deleted_again = step(runner, **where, state="absent")
    assert (deleted_again.returncode, deleted_again.result["changed"]) == (0, False)
