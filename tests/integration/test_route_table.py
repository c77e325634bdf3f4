"""route_table, one story, and the route added by hand that --check reports and a run removes."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-rt"
TABLE = {"rt_name": "rt-training", "rt_resource_group": GROUP}
TO_FIREWALL = {
    "name": "to-firewall",
    "address_prefix": "0.0.0.0/0",
    "next_hop_type": "VirtualAppliance",
    "next_hop_ip_address": "10.1.0.4",
}
LOCAL = {"name": "vnet-local", "address_prefix": "10.0.0.0/16", "next_hop_type": "VnetLocal"}
BYPASS = {"properties": {"addressPrefix": "203.0.113.0/24", "nextHopType": "Internet"}}


@pytest.fixture
def group(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    return GROUP


def test_story(runner: Runner, group: str) -> None:
    wanted = {**TABLE, "rt_location": "eastus", "rt_routes": [TO_FIREWALL], "rt_disable_bgp": True}

    checked = runner.step("route_table", "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert runner.writes() == []

    created = runner.step("route_table", **wanted)
    assert (created.returncode, created.result["changed"]) == (0, True), created.output
    assert created.result["route_names"] == ["to-firewall"]

    again = runner.step("route_table", **wanted)
    assert (again.returncode, again.result["changed"]) == (0, False), again.output

    runner.emulator.clear_requests()
    updated = runner.step("route_table", "--diff", **{**wanted, "rt_routes": [TO_FIREWALL, LOCAL]})
    assert (updated.returncode, updated.result["changed"]) == (0, True), updated.output
    assert updated.result["changed_properties"] == ["properties.routes[vnet-local]"]
    after = updated.result["diff"]["after"]["properties"]["routes"]
    assert [route["name"] for route in after] == ["to-firewall", "vnet-local"]
    assert "etag" not in str(updated.result["diff"])
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    check_delete = runner.step("route_table", "--check", rt_state="absent", **TABLE)
    assert check_delete.result["changed"] is True
    deleted = runner.step("route_table", rt_state="absent", **TABLE)
    assert (deleted.returncode, deleted.result["changed"]) == (0, True), deleted.output
    deleted_again = runner.step("route_table", rt_state="absent", **TABLE)
    assert (deleted_again.returncode, deleted_again.result["changed"]) == (0, False)


def test_route_added_by_hand_is_reported_by_check_and_removed_by_a_run(
    runner: Runner, group: str
) -> None:
    wanted = {**TABLE, "rt_location": "eastus", "rt_routes": [TO_FIREWALL]}
    created = runner.step("route_table", **wanted)
    assert created.returncode == 0, created.output
    hand = runner.step(
        "arm_resource", resource_id=created.result["id"] + "/routes/bypass", body=BYPASS
    )
    assert hand.returncode == 0, hand.output

    runner.emulator.clear_requests()
    checked = runner.step("route_table", "--check", **wanted)
    assert checked.result["changed_properties"] == ["properties.routes[bypass]"]
    assert runner.writes() == []

    removed = runner.step("route_table", **wanted)
    assert (removed.returncode, removed.result["changed"]) == (0, True), removed.output
    assert removed.result["route_names"] == ["to-firewall"]


def test_appliance_route_without_address_fails_before_any_write(runner: Runner, group: str) -> None:
    bad = {**TO_FIREWALL, "next_hop_ip_address": None}
    failed = runner.step(
        "route_table", expect_failure=True, rt_location="eastus", rt_routes=[bad], **TABLE
    )
    assert failed.result["msg"].startswith("routes[0].next_hop_ip_address:"), failed.output
    assert runner.writes() == []
