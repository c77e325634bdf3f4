"""arm_operation_wait, one story: operations started with wait=false are joined, in check mode,
on create, when unchanged and on delete; a failed operation fails the join with its ARM error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-join"
ZONES = ("join-a.example", "join-b.example")


@pytest.fixture
def zone_ids(runner: Runner) -> Iterator[list[str]]:
    created = runner.step("resource_group", rg_name=GROUP, rg_location="eastus")
    assert created.returncode == 0, created.output
    runner.emulator.clear_requests()
    yield [
        f"{created.result['id']}/providers/Microsoft.Network/privateDnsZones/{zone}"
        for zone in ZONES
    ]
    runner.emulator.configure(fault_rate=0.0)


def started(zone_ids: list[str], state: str = "present") -> list[dict]:
    body = {"location": "global"} if state == "present" else None
    return [{"id": zone_id, "body": body, "state": state} for zone_id in zone_ids]


def test_story(runner: Runner, zone_ids: list[str]) -> None:
    checked = runner.step("arm_operation_wait", "--check", started=started(zone_ids))
    assert checked.returncode == 0, checked.output
    assert [start["changed"] for start in checked.result["started"]] == [True, True]
    assert [start["operation"]["method"] for start in checked.result["started"]] == [None, None]
    # Nothing was started: the join hands back what check mode planned, without a request.
    assert [r["id"] for r in checked.result["join"]["resources"]] == zone_ids
    assert runner.writes() == []

    created = runner.step("arm_operation_wait", started=started(zone_ids))
    assert created.returncode == 0, created.output
    handles = [start["operation"] for start in created.result["started"]]
    assert [handle["method"] for handle in handles] == ["PUT", "PUT"]
    assert all(handle["status_url"] or handle["location_url"] for handle in handles)
    join = created.result["join"]
    assert [resource["name"] for resource in join["resources"]] == list(ZONES)
    assert {r["properties"]["provisioningState"] for r in join["resources"]} == {"Succeeded"}
    assert [op["status"] for op in join["operations"]] == ["Succeeded", "Succeeded"]

    runner.emulator.clear_requests()
    again = runner.step("arm_operation_wait", started=started(zone_ids))
    assert again.returncode == 0, again.output
    assert [start["changed"] for start in again.result["started"]] == [False, False]
    assert [r["name"] for r in again.result["join"]["resources"]] == list(ZONES)
    assert runner.writes() == []

    deleted = runner.step("arm_operation_wait", started=started(zone_ids, "absent"))
    assert deleted.returncode == 0, deleted.output
    assert [start["changed"] for start in deleted.result["started"]] == [True, True]
    assert deleted.result["join"]["resources"] == [{}, {}]
    state = {item["id"].lower() for item in runner.emulator.state()["resources"]}
    assert not any(zone_id.lower() in state for zone_id in zone_ids)

    deleted_again = runner.step("arm_operation_wait", started=started(zone_ids, "absent"))
    assert deleted_again.returncode == 0, deleted_again.output
    assert [start["changed"] for start in deleted_again.result["started"]] == [False, False]


def test_failed_operations_fail_the_join_with_each_arm_error(
    runner: Runner, zone_ids: list[str]
) -> None:
    runner.emulator.configure(fault_rate=1.0, fault_kinds=["lro_failed"], fault_seed=1)
    failed = runner.step("arm_operation_wait", expect_failure=True, started=started(zone_ids))
    join = failed.result["join"]
    assert join["failed"] is True, failed.output
    assert join["msg"].startswith("2 of 2 operations failed"), join["msg"]
    assert [op["status"] for op in join["operations"]] == ["Failed", "Failed"]
    assert all(error["code"] for error in join["errors"])
    assert all(zone_id in join["msg"] for zone_id in zone_ids)


def test_a_handle_that_is_not_one_names_the_item(runner: Runner, zone_ids: list[str]) -> None:
    failed = runner.step(
        "arm_operation_wait", expect_failure=True, started=[], extra_operations=[{"id": "x"}]
    )
    assert failed.result["join"]["msg"].startswith("operations[0]"), failed.output
