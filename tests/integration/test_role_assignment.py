"""role_assignment, one story: check, create, re-run, an equal assignment under another name,
delete twice; an unknown role name (looked up through roleDefinitions) fails before any write."""

from __future__ import annotations

import uuid

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-rbac"
# A user: the directory is not modelled, so the assignment is taken as given (a service
# principal must exist, else the module retries while "replication" lasts).
PRINCIPAL = "11111111-2222-4333-8444-555555555555"
USER = {"principal_id": PRINCIPAL, "principal_type": "User"}
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"


def step(runner: Runner, *args: str, expect_failure: bool = False, **module_args):
    return runner.step(
        "typed_step",
        *args,
        module="role_assignment",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def scope(runner: Runner) -> str:
    created = runner.step("resource_group", rg_name=GROUP, rg_location="eastus")
    assert created.returncode == 0, created.output
    runner.emulator.clear_requests()
    return created.result["id"]


def test_story(runner: Runner, scope: str) -> None:
    wanted = {"scope": scope, **USER, "role": "Reader"}

    checked = step(runner, "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["role_definition_id"].endswith(f"/roleDefinitions/{READER}")
    name = created.result["name"]
    assert str(uuid.UUID(name)) == name

    again = step(runner, **wanted)
    assert (again.result["changed"], again.result["name"]) == (False, name)

    # The same role by id, and the deterministic name from another run: still one assignment.
    by_id = step(runner, **{**wanted, "role": READER})
    assert (by_id.result["changed"], by_id.result["name"]) == (False, name)

    runner.emulator.clear_requests()
    check_delete = step(runner, "--check", **wanted, state="absent")
    assert check_delete.result["changed"] is True
    assert runner.writes() == []
    deleted = step(runner, **wanted, state="absent")
    assert deleted.result["changed"] is True
    deleted_again = step(runner, **wanted, state="absent")
    assert deleted_again.result["changed"] is False


def test_equal_assignment_under_another_name_is_present(runner: Runner, scope: str) -> None:
    other = str(uuid.uuid4())
    made = step(runner, scope=scope, **USER, role="Reader", name=other)
    assert made.returncode == 0, made.output
    runner.emulator.clear_requests()
    again = step(runner, scope=scope, **USER, role="Reader")
    assert again.returncode == 0, again.output
    assert (again.result["changed"], again.result["name"]) == (False, other)
    assert runner.writes() == []
    removed = step(runner, scope=scope, **USER, role="Reader", state="absent")
    assert removed.result["changed"] is True
    assert [write["method"] for write in runner.writes()] == ["DELETE"]


def test_unknown_role_fails_before_any_write(runner: Runner, scope: str) -> None:
    failed = step(runner, scope=scope, **USER, role="Data Wizard", expect_failure=True)
    assert failed.result["msg"].startswith("role: no role named 'Data Wizard'"), failed.result
    assert runner.writes() == []


OTHER = "22222222-3333-4444-8555-666666666666"


def test_principal_key_names_the_assignment_before_the_principal_exists(
    runner: Runner, scope: str
) -> None:
    """Check mode with a placeholder principal reports the very id the run then creates; the
    principal made again under the same key (a new object id) replaces the assignment."""
    keyed = {
        "scope": scope,
        "principal_type": "User",
        "role": "Reader",
        "principal_key": "user:a@x",
    }
    checked = step(runner, "--check", **keyed, principal_id="00000000-0000-0000-0000-000000000000")
    assert checked.result["changed"] is True
    created = step(runner, **keyed, principal_id=PRINCIPAL)
    assert (created.result["changed"], created.result["id"]) == (True, checked.result["id"])
    again = step(runner, **keyed, principal_id=PRINCIPAL)
    assert (again.result["changed"], again.result["id"]) == (False, created.result["id"])

    runner.emulator.clear_requests()
    replaced = step(runner, **keyed, principal_id=OTHER)
    assert (replaced.result["changed"], replaced.result["id"]) == (True, created.result["id"])
    assert [write["method"] for write in runner.writes()] == ["DELETE", "PUT"]
    held = runner.emulator.state()["resources"]
    principals = [
        item["properties"]["principalId"]
        for item in held
        if item["id"].lower() == created.result["id"].lower()
    ]
    assert principals == [OTHER]


def test_items_grant_several_in_one_run_and_name_a_bad_item(runner: Runner, scope: str) -> None:
    items = [
        {"scope": scope, "principal_id": PRINCIPAL, "role": "Reader"},
        {"scope": scope, "principal_id": PRINCIPAL, "role": "Contributor"},
    ]
    granted = step(runner, items=items, principal_type="User")
    assert granted.returncode == 0, granted.output
    assert [item["changed"] for item in granted.result["results"]] == [True, True]
    runner.emulator.clear_requests()
    again = step(runner, items=items, principal_type="User")
    assert again.result["changed"] is False
    assert [request["method"] for request in runner.emulator.requests()] == ["GET", "GET"]

    bad = [items[0], {"scope": scope, "principal_id": "not-a-guid", "role": "Reader"}]
    failed = step(runner, items=bad, principal_type="User", expect_failure=True)
    assert failed.result["msg"].startswith("items[1].principal_id:"), failed.result
    assert runner.writes() == []
