"""Request bodies are checked against the SDK models of the pinned api-version."""

from __future__ import annotations

from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.schema import Validator, load_model


def _issue(response) -> tuple[str, str, list[str]]:
    error = response.json()["error"]
    return error["code"], error["target"], [d["code"] for d in error["details"]]


def test_unknown_property_names_its_path(arm: ArmClient, group: str) -> None:
    body = {
        "location": "eastus",
        "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"], "bogus": 1}},
    }
    response = arm.request("PUT", arm.net_path(group, "virtualNetworks/v"), body)
    assert response.status_code == 400
    assert _issue(response) == (
        "InvalidRequestContent",
        "properties.addressSpace.bogus",
        ["UnknownProperty"],
    )
    assert "properties.addressSpace.bogus" in response.json()["error"]["message"]


def test_wrong_type_bad_enum_and_missing_required(arm: ArmClient, group: str) -> None:
    arm.request("PUT", arm.net_path(group, "networkSecurityGroups/n"), {"location": "eastus"})
    rule = arm.net_path(group, "networkSecurityGroups/n/securityRules/r")
    wrong_type = {
        "properties": {
            "priority": "100",
            "protocol": "Tcp",
            "access": "Allow",
            "direction": "Inbound",
        }
    }
    assert _issue(arm.request("PUT", rule, wrong_type))[1:] == (
        "properties.priority",
        ["InvalidPropertyType"],
    )
    bad_enum = {
        "properties": {
            "priority": 100,
            "protocol": "Tcp",
            "access": "Perhaps",
            "direction": "Inbound",
        }
    }
    response = arm.request("PUT", rule, bad_enum)
    assert _issue(response)[1:] == ("properties.access", ["InvalidEnumValue"])
    assert "Allow, Deny" in response.json()["error"]["message"]
    missing = {"properties": {"protocol": "Tcp", "access": "Allow", "direction": "Inbound"}}
    assert _issue(arm.request("PUT", rule, missing))[1:] == (
        "properties.priority",
        ["MissingRequiredProperty"],
    )


def test_enums_match_case_insensitively_and_come_back_canonical(arm: ArmClient, group: str) -> None:
    arm.request("PUT", arm.net_path(group, "networkSecurityGroups/n"), {"location": "eastus"})
    body = {
        "properties": {
            "priority": 100,
            "protocol": "tcp",
            "access": "allow",
            "direction": "inbound",
            "sourceAddressPrefix": "*",
            "destinationAddressPrefix": "*",
            "destinationPortRange": "22",
            "sourcePortRange": "*",
        }
    }
    response = arm.request(
        "PUT", arm.net_path(group, "networkSecurityGroups/n/securityRules/ssh"), body
    )
    assert response.status_code == 201, response.text()
    properties = response.json()["properties"]
    assert (properties["protocol"], properties["access"], properties["direction"]) == (
        "Tcp",
        "Allow",
        "Inbound",
    )


def test_nested_list_items_are_validated(arm: ArmClient, group: str) -> None:
    body = {
        "location": "eastus",
        "properties": {
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "s", "properties": {"addressPrefix": 24}}],
        },
    }
    response = arm.request("PUT", arm.net_path(group, "virtualNetworks/v"), body)
    assert _issue(response)[1] == "properties.subnets[0].properties.addressPrefix"
    assert error_code(response) == "InvalidRequestContent"


def test_read_only_members_are_dropped_by_the_validator() -> None:
    validator = Validator(enforce_required=True)
    cleaned = validator.validate_model(
        {"location": "x", "id": "forged", "properties": {"provisioningState": "Succeeded"}},
        load_model("azure.mgmt.compute.models:VirtualMachine"),
        "",
    )
    assert validator.issues == []
    assert cleaned == {"location": "x", "properties": {}}
