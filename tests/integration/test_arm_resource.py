"""arm_resource and arm_resource_info through ansible-playbook against the emulator."""

from __future__ import annotations

import re

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-generic"
VNET_PARTS = {
    "resource_group": GROUP,
    "provider": "Microsoft.Network",
    "resource_type": "virtualNetworks",
    "resource_name": "vnet-it",
}
VNET_BODY = {
    "location": "East US",
    "tags": {"owner": "ml"},
    "properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]}},
}
SUBNET_PARTS = {
    **VNET_PARTS,
    "resource_type": "virtualNetworks/subnets",
    "resource_name": "vnet-it/snet-training",
}
SUBNET_BODY = {"properties": {"addressPrefix": "10.20.1.0/24"}}


@pytest.fixture
def group(runner: Runner) -> str:
    created = runner.step("resource_group", rg_name=GROUP, rg_location="eastus")
    assert created.returncode == 0, created.output
    runner.emulator.clear_requests()
    return GROUP


def test_lifecycle_by_parts(runner: Runner, group: str) -> None:
    checked = runner.step("arm_resource", "--check", body=VNET_BODY, **VNET_PARTS)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = runner.step("arm_resource", body=VNET_BODY, **VNET_PARTS)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["api_version"] == "2026-03-01"
    assert created.result["resource"]["properties"]["provisioningState"] == "Succeeded"
    vnet_id = created.result["id"]

    again = runner.step("arm_resource", body={**VNET_BODY, "location": "eastus"}, **VNET_PARTS)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False

    by_id = runner.step("arm_resource", resource_id=vnet_id.upper(), body=VNET_BODY)
    assert by_id.returncode == 0, by_id.output
    assert by_id.result["changed"] is False

    runner.emulator.clear_requests()
    wider = {"properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16", "10.30.0.0/16"]}}}
    changed = runner.step("arm_resource", "--diff", body=wider, **VNET_PARTS)
    assert changed.returncode == 0, changed.output
    assert changed.result["changed"] is True
    assert changed.result["changed_properties"] == ["properties.addressSpace.addressPrefixes"]
    assert changed.result["diff"]["before"]["properties"]["addressSpace"]["addressPrefixes"] == [
        "10.20.0.0/16"
    ]
    assert changed.result["diff"]["after"]["properties"]["addressSpace"]["addressPrefixes"] == [
        "10.20.0.0/16",
        "10.30.0.0/16",
    ]
    assert "--- before" in changed.stdout
    assert re.search(r'^\+\s+"10\.30\.0\.0/16"', changed.stdout, re.MULTILINE), changed.stdout
    # Unmanaged properties survive the update: the tags were not in this body.
    assert changed.result["resource"]["tags"] == {"owner": "ml"}
    assert [write["method"] for write in runner.writes()] == ["PUT"]

    runner.emulator.clear_requests()
    check_delete = runner.step("arm_resource", "--check", resource_state="absent", **VNET_PARTS)
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = runner.step("arm_resource", resource_state="absent", **VNET_PARTS)
    assert deleted.returncode == 0, deleted.output
    assert deleted.result["changed"] is True

    deleted_again = runner.step("arm_resource", resource_state="absent", **VNET_PARTS)
    assert deleted_again.returncode == 0, deleted_again.output
    assert deleted_again.result["changed"] is False


def test_child_resource_and_info(runner: Runner, group: str) -> None:
    assert runner.step("arm_resource", body=VNET_BODY, **VNET_PARTS).returncode == 0

    missing = runner.step("arm_resource_info", **SUBNET_PARTS)
    assert missing.returncode == 0, missing.output
    assert (missing.result["exists"], missing.result["resources"]) == (False, [])

    runner.emulator.clear_requests()
    checked = runner.step("arm_resource", "--check", body=SUBNET_BODY, **SUBNET_PARTS)
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = runner.step("arm_resource", body=SUBNET_BODY, **SUBNET_PARTS)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["id"].endswith("/virtualNetworks/vnet-it/subnets/snet-training")
    assert runner.step("arm_resource", body=SUBNET_BODY, **SUBNET_PARTS).result["changed"] is False

    runner.emulator.clear_requests()
    one = runner.step("arm_resource_info", "--check", resource_id=created.result["id"])
    assert one.returncode == 0, one.output
    assert one.result["exists"] is True
    assert one.result["changed"] is False
    assert one.result["resources"][0]["properties"]["addressPrefix"] == "10.20.1.0/24"

    listed = runner.step("arm_resource_info", **{**SUBNET_PARTS, "resource_name": "vnet-it"})
    assert listed.returncode == 0, listed.output
    assert [subnet["name"] for subnet in listed.result["resources"]] == ["snet-training"]

    vnets = runner.step(
        "arm_resource_info",
        resource_group=GROUP,
        provider="Microsoft.Network",
        resource_type="virtualNetworks",
    )
    assert [vnet["name"] for vnet in vnets.result["resources"]] == ["vnet-it"]
    assert runner.writes() == []

    # A VNet update sends its current subnets along, so the subnet survives it.
    tagged = runner.step("arm_resource", body={"tags": {"stage": "it"}}, **VNET_PARTS)
    assert tagged.result["changed"] is True
    again = runner.step("arm_resource_info", **SUBNET_PARTS)
    assert again.result["exists"] is True


@pytest.mark.parametrize(
    ("inputs", "option"),
    [
        (
            {**VNET_PARTS, "provider": "Microsoft.Example", "body": {"location": "eastus"}},
            "api_version",
        ),
        ({**VNET_PARTS, "api_version": "latest", "body": {"location": "eastus"}}, "api_version"),
        ({**SUBNET_PARTS, "resource_name": "vnet-it", "body": SUBNET_BODY}, "resource_name"),
        ({"resource_id": "/subscriptions/x/oops", "body": {}}, "id"),
        ({"resource_group": GROUP, "provider": "Microsoft.Network", "body": {}}, "resource_type"),
        (VNET_PARTS, "body"),
    ],
)
def test_bad_inputs_fail_before_any_write_naming_the_option(
    runner: Runner, group: str, inputs: dict, option: str
) -> None:
    failed = runner.step("arm_resource", expect_failure=True, **inputs)
    assert failed.result.get("failed") is True, failed.output
    assert failed.result["msg"].startswith(f"{option}:"), failed.result["msg"]
    assert runner.writes() == []


def test_info_bad_input_names_the_option(runner: Runner) -> None:
    failed = runner.step(
        "arm_resource_info",
        expect_failure=True,
        resource_group=GROUP,
        provider="Microsoft.Example",
        resource_type="things",
    )
    assert failed.result["msg"].startswith("api_version:"), failed.result["msg"]


def test_arm_rejection_is_reported_with_its_code(runner: Runner, group: str) -> None:
    assert runner.step("arm_resource", body=VNET_BODY, **VNET_PARTS).returncode == 0
    outside = {"properties": {"addressPrefix": "192.168.1.0/24"}}
    failed = runner.step("arm_resource", expect_failure=True, body=outside, **SUBNET_PARTS)
    assert failed.result["failed"] is True
    error = failed.result["error"]
    assert error["status"] == 400
    assert error["code"]
    assert error["request_id"] or error["correlation_id"]
