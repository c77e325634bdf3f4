"""network_interface, one story: check, create, re-run unchanged, update with diff, delete twice."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-nic"
NIC = {"nic_name": "nic-it", "nic_resource_group": GROUP}


@pytest.fixture
def subnet_id(runner: Runner) -> str:
    assert runner.step("resource_group", rg_name=GROUP, rg_location="eastus").returncode == 0
    vnet = runner.step(
        "arm_resource",
        resource_group=GROUP,
        provider="Microsoft.Network",
        resource_type="virtualNetworks",
        resource_name="vnet-it",
        body={
            "location": "eastus",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.40.0.0/16"]},
                "subnets": [{"name": "snet-a", "properties": {"addressPrefix": "10.40.1.0/24"}}],
            },
        },
    )
    assert vnet.returncode == 0, vnet.output
    runner.emulator.clear_requests()
    return vnet.result["id"] + "/subnets/snet-a"


def test_story(runner: Runner, subnet_id: str) -> None:
    wanted = {**NIC, "nic_location": "East US", "nic_subnet_id": subnet_id}

    checked = runner.step("network_interface", "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert checked.result["private_ip"] == ""
    assert runner.writes() == []

    created = runner.step("network_interface", **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["private_ip"] == "10.40.1.4"
    assert created.result["subnet_id"].lower() == subnet_id.lower()
    assert created.result["public_ip_address_id"] == ""

    again = runner.step("network_interface", **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False
    assert again.result["private_ip"] == "10.40.1.4"

    runner.emulator.clear_requests()
    static = {**wanted, "nic_private_ip_address": "10.40.1.10", "nic_tags": {"owner": "ml"}}
    updated = runner.step("network_interface", "--diff", **static)
    assert updated.returncode == 0, updated.output
    assert updated.result["changed"] is True
    assert updated.result["private_ip"] == "10.40.1.10"
    assert sorted(updated.result["changed_properties"]) == [
        "properties.ipConfigurations",
        "tags",
    ]
    diff = updated.result["diff"]
    before = diff["before"]["properties"]["ipConfigurations"][0]["properties"]
    after = diff["after"]["properties"]["ipConfigurations"][0]["properties"]
    assert (before["privateIPAddress"], after["privateIPAddress"]) == ("10.40.1.4", "10.40.1.10")
    # Only what the options manage: no etag, provisioningState or ARM-derived members.
    for side in (diff["before"], diff["after"]):
        assert "etag" not in side and "provisioningState" not in side.get("properties", {})
        assert "macAddress" not in side.get("properties", {})
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    runner.emulator.clear_requests()
    check_delete = runner.step("network_interface", "--check", nic_state="absent", **NIC)
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = runner.step("network_interface", nic_state="absent", **NIC)
    assert deleted.returncode == 0, deleted.output
    assert (deleted.result["changed"], deleted.result["private_ip"]) == (True, "")

    deleted_again = runner.step("network_interface", nic_state="absent", **NIC)
    assert deleted_again.returncode == 0, deleted_again.output
    assert deleted_again.result["changed"] is False


@pytest.mark.parametrize(
    ("inputs", "option"),
    [
        ({"nic_subnet_id": "x"}, "location"),
        ({"nic_location": "eastus"}, "subnet_id"),
        ({"nic_location": "east-us!", "nic_subnet_id": "x"}, "location"),
        ({"nic_resource_group": "bad/group"}, "resource_group"),
    ],
)
def test_bad_inputs_fail_before_any_write_naming_the_option(
    runner: Runner, subnet_id: str, inputs: dict, option: str
) -> None:
    failed = runner.step("network_interface", expect_failure=True, **{**NIC, **inputs})
    assert failed.result.get("failed") is True, failed.output
    assert failed.result["msg"].startswith(f"{option}:"), failed.result["msg"]
    assert runner.writes() == []
