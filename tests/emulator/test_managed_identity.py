"""Microsoft.ManagedIdentity: user-assigned identities."""

from __future__ import annotations

from tests.emulator.aml_resources import IDENTITY_API, identity, resource_path
from tests.emulator.arm_client import ArmClient, error_code


def test_identity_gets_its_principal_and_keeps_it(arm: ArmClient, group: str) -> None:
    created = identity(arm, group)
    properties = created["properties"]
    assert created["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
    assert properties["tenantId"]
    assert properties["principalId"] != properties["clientId"]
    again = identity(arm, group)
    assert again["properties"]["principalId"] == properties["principalId"]
    assert again["properties"]["clientId"] == properties["clientId"]


def test_identity_put_is_synchronous_and_read_only_members_are_dropped(
    arm: ArmClient, group: str
) -> None:
    path = resource_path(arm, group, "Microsoft.ManagedIdentity", "userAssignedIdentities/id-a")
    body = {"location": "eastus", "properties": {"principalId": "chosen-by-client"}}
    response = arm.request("PUT", path, body, api_version=IDENTITY_API)
    assert response.status_code == 201
    assert response.json()["properties"]["principalId"] != "chosen-by-client"
    assert arm.request("PUT", path, body, api_version=IDENTITY_API).status_code == 200


def test_identity_body_is_checked_against_the_model(arm: ArmClient, group: str) -> None:
    path = resource_path(arm, group, "Microsoft.ManagedIdentity", "userAssignedIdentities/id-b")
    response = arm.request(
        "PUT",
        path,
        {"location": "eastus", "properties": {"colour": "blue"}},
        api_version=IDENTITY_API,
    )
    assert response.status_code == 400
    assert response.json()["error"]["target"] == "properties.colour"
    missing = arm.request("PUT", path, {}, api_version=IDENTITY_API)
    assert error_code(missing) == "LocationRequired"
