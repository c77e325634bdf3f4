"""private_endpoint, one story: check, create, re-run unchanged, update with diff, delete twice;
then a manual connection approved by the module, and a group id the target does not offer."""

from __future__ import annotations

import ipaddress

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-pe"
PE = {"pe_name": "pe-blob", "pe_resource_group": GROUP}
SUBNET = ipaddress.ip_network("10.50.20.0/24")


@pytest.fixture
def setup(runner: Runner) -> dict:
    made = runner.step("private_endpoint_setup", group=GROUP, stem="itpe01")
    assert made.returncode == 0, made.output
    runner.emulator.clear_requests()
    return made.result


def _connections(runner: Runner, target_id: str) -> list[dict]:
    listed = runner.step("private_endpoint_connection", info=True, pec_target_id=target_id)
    assert listed.returncode == 0, listed.output
    return listed.result["connections"]


def test_story(runner: Runner, setup: dict) -> None:
    blob_zone = setup["zone_ids"][0]
    wanted = {
        **PE,
        "pe_location": "eastus",
        "pe_subnet_id": setup["subnet_id"],
        "pe_target_id": setup["storage_id"],
        "pe_group_id": "blob",
        "pe_zone_ids": [blob_zone],
    }

    checked = runner.step("private_endpoint", "--check", **wanted)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert checked.result["private_ips"] == []
    assert runner.writes() == []

    created = runner.step("private_endpoint", **wanted)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    [address] = created.result["private_ips"]
    assert ipaddress.ip_address(address) in SUBNET
    assert created.result["connection"]["status"] == "Approved"
    assert created.result["records"] == [
        {"fqdn": "stitpe01.privatelink.blob.core.windows.net", "ip_addresses": [address]}
    ]
    assert created.result["network_interface_id"]
    [connection] = _connections(runner, setup["storage_id"])
    assert connection["status"] == "Approved"
    assert connection["private_endpoint_id"].lower() == created.result["id"].lower()

    runner.emulator.clear_requests()
    again = runner.step("private_endpoint", **wanted)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False
    assert runner.writes() == []

    runner.emulator.clear_requests()
    both = {**wanted, "pe_tags": {"owner": "ml"}, "pe_zone_ids": setup["zone_ids"]}
    updated = runner.step("private_endpoint", "--diff", **both)
    assert updated.returncode == 0, updated.output
    assert updated.result["changed"] is True
    assert updated.result["changed_properties"] == ["tags"]
    diff = updated.result["diff"]
    assert diff["after"]["tags"] == {"owner": "ml"} and "tags" not in diff["before"]
    zones_after = diff["after"]["privateDnsZoneGroups"]["properties"]["privateDnsZoneConfigs"]
    assert [z["properties"]["privateDnsZoneId"] for z in zones_after] == setup["zone_ids"]
    # The file zone is in the group, but a blob endpoint registers no file name.
    assert [r["fqdn"] for r in updated.result["records"]] == [
        "stitpe01.privatelink.blob.core.windows.net"
    ]
    assert sorted(w["method"] for w in runner.writes()) == ["PUT", "PUT"]

    runner.emulator.clear_requests()
    check_delete = runner.step("private_endpoint", "--check", pe_state="absent", **PE)
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = runner.step("private_endpoint", pe_state="absent", **PE)
    assert deleted.returncode == 0, deleted.output
    assert deleted.result["changed"] is True
    assert _connections(runner, setup["storage_id"]) == []
    resources = runner.emulator.state()["resources"]
    assert not [r for r in resources if "/A/" in r["id"]], "the endpoint's DNS record stayed"
    assert not [r for r in resources if ".nic." in r["id"]], "the endpoint's interface stayed"

    again_deleted = runner.step("private_endpoint", pe_state="absent", **PE)
    assert again_deleted.returncode == 0, again_deleted.output
    assert again_deleted.result["changed"] is False


def test_manual_connection_is_approved_by_the_module(runner: Runner, setup: dict) -> None:
    manual = {
        **PE,
        "pe_name": "pe-file",
        "pe_location": "eastus",
        "pe_subnet_id": setup["subnet_id"],
        "pe_target_id": setup["storage_id"],
        "pe_group_id": "file",
        "pe_zone_ids": [setup["zone_ids"][1]],
        "pe_manual": True,
    }
    refused = runner.step("private_endpoint", expect_failure=True, pe_timeout=1, **manual)
    assert refused.result["failed"] is True
    assert "is Pending" in refused.result["msg"]
    assert "approve: true" in refused.result["msg"]

    approved = runner.step("private_endpoint", "--diff", pe_approve=True, **manual)
    assert approved.returncode == 0, approved.output
    assert approved.result["changed"] is True
    assert approved.result["connection"]["status"] == "Approved"
    assert approved.result["diff"]["after"]["connection"] == "Approved"
    assert [c["status"] for c in _connections(runner, setup["storage_id"])] == ["Approved"]

    again = runner.step("private_endpoint", pe_approve=True, **manual)
    assert again.result["changed"] is False


def test_group_id_the_target_does_not_offer_fails_before_any_write(
    runner: Runner, setup: dict
) -> None:
    bad = runner.step(
        "private_endpoint",
        expect_failure=True,
        pe_location="eastus",
        pe_subnet_id=setup["subnet_id"],
        pe_target_id=setup["storage_id"],
        pe_group_id="vault",
        **PE,
    )
    assert bad.result["failed"] is True
    assert bad.result["msg"].startswith("group_id: 'vault' is not a sub-resource")
    assert runner.writes() == []
