"""user_assigned_identity, one story: check, create, re-run, update with diff, delete twice."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-uai"
UAI = {"name": "id-it", "resource_group": GROUP}


def step(runner: Runner, *args: str, expect_failure: bool = False, **module_args):
    return runner.step(
        "typed_step",
        *args,
        module="user_assigned_identity",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**UAI, "location": "eastus"}

    checked = step(runner, "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert (checked.result["changed"], checked.result["principal_id"]) == (True, "")
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert len(created.result["principal_id"]) == 36
    assert len(created.result["client_id"]) == 36

    again = step(runner, **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False
    assert again.result["principal_id"] == created.result["principal_id"]

    runner.emulator.clear_requests()
    updated = step(runner, "--diff", **wanted, tags={"owner": "ml"})
    assert updated.returncode == 0, updated.output
    assert updated.result["changed_properties"] == ["tags"]
    assert updated.result["diff"]["after"]["tags"] == {"owner": "ml"}
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    runner.emulator.clear_requests()
    check_delete = step(runner, "--check", **UAI, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = step(runner, **UAI, state="absent")
    assert (deleted.result["changed"], deleted.result["principal_id"]) == (True, "")
    deleted_again = step(runner, **UAI, state="absent")
    assert deleted_again.returncode == 0, deleted_again.output
    assert deleted_again.result["changed"] is False


def test_location_cannot_change(runner: Runner, group: str) -> None:
    assert step(runner, **UAI, location="eastus").returncode == 0
    runner.emulator.clear_requests()
    moved = step(runner, **UAI, location="westeurope", expect_failure=True)
    assert moved.result["msg"].startswith("location:"), moved.result["msg"]
    assert runner.writes() == []
