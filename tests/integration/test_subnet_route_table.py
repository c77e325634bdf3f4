"""subnet_route_table, one story: check, associate, re-run unchanged, detach with diff, detach
again; the subnet's other properties survive; a missing subnet fails before any write."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-srt"


@pytest.fixture
def ids(runner: Runner) -> tuple[str, str]:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    nsg = runner.step(
        "arm_resource",
        resource_group=GROUP,
        provider="Microsoft.Network",
        resource_type="networkSecurityGroups",
        resource_name="nsg-it",
        body={"location": "eastus"},
    )
    assert nsg.returncode == 0, nsg.output
    vnet = runner.step(
        "arm_resource",
        resource_group=GROUP,
        provider="Microsoft.Network",
        resource_type="virtualNetworks",
        resource_name="vnet-it",
        body={
            "location": "eastus",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.41.0.0/16"]},
                "subnets": [
                    {
                        "name": "snet-a",
                        "properties": {
                            "addressPrefix": "10.41.1.0/24",
                            "networkSecurityGroup": {"id": nsg.result["id"]},
                            "privateEndpointNetworkPolicies": "Enabled",
                        },
                    }
                ],
            },
        },
    )
    assert vnet.returncode == 0, vnet.output
    table = runner.step(
        "arm_resource",
        resource_group=GROUP,
        provider="Microsoft.Network",
        resource_type="routeTables",
        resource_name="rt-it",
        body={"location": "eastus"},
    )
    assert table.returncode == 0, table.output
    runner.emulator.clear_requests()
    return vnet.result["id"] + "/subnets/snet-a", table.result["id"]


def test_story(runner: Runner, ids: tuple[str, str]) -> None:
    subnet_id, table_id = ids
    wanted = {"srt_subnet_id": subnet_id, "srt_route_table_id": table_id}

    checked = runner.step("subnet_route_table", "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    associated = runner.step("subnet_route_table", **wanted)
    assert associated.returncode == 0, associated.output
    assert associated.result["changed"] is True
    assert associated.result["route_table_id"].lower() == table_id.lower()
    properties = associated.result["resource"]["properties"]
    assert properties["addressPrefix"] == "10.41.1.0/24"
    assert properties["networkSecurityGroup"]["id"].lower().endswith("/nsg-it")
    assert properties["privateEndpointNetworkPolicies"] == "Enabled"

    runner.emulator.clear_requests()
    again = runner.step("subnet_route_table", **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False
    assert runner.writes() == []

    detached = runner.step("subnet_route_table", "--diff", **{**wanted, "srt_route_table_id": ""})
    assert detached.returncode == 0, detached.output
    assert detached.result["changed"] is True
    assert detached.result["route_table_id"] == ""
    assert detached.result["diff"]["before"]["properties"]["routeTable"]["id"].lower() == (
        table_id.lower()
    )
    assert detached.result["resource"]["properties"]["networkSecurityGroup"]

    runner.emulator.clear_requests()
    twice = runner.step("subnet_route_table", **{**wanted, "srt_route_table_id": ""})
    assert twice.result["changed"] is False
    assert runner.writes() == []


def test_missing_subnet_and_wrong_ids_fail_before_any_write(
    runner: Runner, ids: tuple[str, str]
) -> None:
    subnet_id, table_id = ids
    for inputs, named in (
        ({"srt_subnet_id": subnet_id[:-1] + "z", "srt_route_table_id": table_id}, "does not exist"),
        ({"srt_subnet_id": table_id, "srt_route_table_id": table_id}, "subnet_id"),
        ({"srt_subnet_id": subnet_id, "srt_route_table_id": subnet_id}, "route_table_id"),
    ):
        failed = runner.step("subnet_route_table", expect_failure=True, **inputs)
        assert failed.result.get("failed") is True, failed.output
        assert named in failed.result["msg"]
    assert runner.writes() == []
