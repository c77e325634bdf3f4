"""Microsoft.Authorization: role assignments at subscription, group and resource scope, and the
built-in role definitions (by id and by name)."""

from __future__ import annotations

import uuid

from tests.emulator.aml_resources import (
    AUTHORIZATION_API,
    assign_role,
    identity,
    role_definition_id,
    storage,
)
from tests.emulator.arm_client import ArmClient, error_code

CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"


def _definitions(arm: ArmClient, scope: str = "") -> str:
    scope = scope or f"/subscriptions/{arm.subscription}"
    return f"{scope}/providers/Microsoft.Authorization/roleDefinitions"


def _assignment(scope: str, name: str | None = None) -> str:
    return f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name or uuid.uuid4()}"


def test_built_in_roles_by_id_and_by_name(arm: ArmClient, group: str) -> None:
    by_id = arm.request(
        "GET", f"{_definitions(arm)}/{CONTRIBUTOR}", api_version=AUTHORIZATION_API
    ).json()
    assert by_id["properties"]["roleName"] == "Contributor"
    assert by_id["properties"]["type"] == "BuiltInRole"
    at_group = arm.request(
        "GET",
        f"{_definitions(arm, arm.rg_path(group))}/{CONTRIBUTOR}",
        api_version=AUTHORIZATION_API,
    )
    assert at_group.json()["id"] == by_id["id"]
    assert role_definition_id(arm, "key vault administrator").endswith(
        "00482a5a-887f-4fb3-b363-3b7fe8e74483"
    )
    unknown = arm.request(
        "GET", f"{_definitions(arm)}/{uuid.uuid4()}", api_version=AUTHORIZATION_API
    )
    assert (unknown.status_code, error_code(unknown)) == (404, "RoleDefinitionDoesNotExist")


def test_assignment_at_resource_scope_shows_its_scope(arm: ArmClient, group: str) -> None:
    principal = identity(arm, group)["properties"]["principalId"]
    account = storage(arm, group)["id"]
    created = assign_role(arm, account, "Storage Blob Data Contributor", principal)
    assert created["properties"]["scope"] == account
    assert created["properties"]["principalType"] == "ServicePrincipal"
    listed = arm.request(
        "GET",
        f"{account}/providers/Microsoft.Authorization/roleAssignments",
        api_version=AUTHORIZATION_API,
    ).json()
    assert [a["name"] for a in listed["value"]] == [created["name"]]
    everywhere = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.Authorization/roleAssignments",
        api_version=AUTHORIZATION_API,
    ).json()
    assert created["id"] in [a["id"] for a in everywhere["value"]]
    again = assign_role(arm, account, "Storage Blob Data Contributor", principal)
    assert again["properties"]["createdOn"] == created["properties"]["createdOn"]


def test_assignment_rules(arm: ArmClient, group: str) -> None:
    principal = identity(arm, group)["properties"]["principalId"]
    scope = arm.rg_path(group)
    body = {
        "properties": {
            "roleDefinitionId": role_definition_id(arm, "Reader"),
            "principalId": principal,
        }
    }
    name = str(uuid.uuid4())
    assert (
        arm.request(
            "PUT", _assignment(scope, name), body, api_version=AUTHORIZATION_API
        ).status_code
        == 201
    )
    duplicate = arm.request("PUT", _assignment(scope), body, api_version=AUTHORIZATION_API)
    assert (duplicate.status_code, error_code(duplicate)) == (409, "RoleAssignmentExists")
    body["properties"]["roleDefinitionId"] = role_definition_id(arm, "Contributor")
    update = arm.request("PUT", _assignment(scope, name), body, api_version=AUTHORIZATION_API)
    assert error_code(update) == "RoleAssignmentUpdateNotPermitted"
    not_guid = arm.request("PUT", _assignment(scope, "reader"), body, api_version=AUTHORIZATION_API)
    assert error_code(not_guid) == "InvalidRoleAssignmentId"
    body["properties"]["principalId"] = str(uuid.uuid4())
    ghost = arm.request("PUT", _assignment(scope), body, api_version=AUTHORIZATION_API)
    assert error_code(ghost) == "PrincipalNotFound"
    body["properties"]["principalType"] = "User"
    user = arm.request("PUT", _assignment(scope), body, api_version=AUTHORIZATION_API)
    assert user.status_code == 201
    body["properties"]["roleDefinitionId"] = f"{_definitions(arm)}/{uuid.uuid4()}"
    bad_role = arm.request("PUT", _assignment(scope), body, api_version=AUTHORIZATION_API)
    assert error_code(bad_role) == "RoleDefinitionDoesNotExist"


def test_assignment_on_a_missing_resource_fails_and_delete_removes(
    arm: ArmClient, group: str
) -> None:
    principal = identity(arm, group)["properties"]["principalId"]
    missing = f"{arm.rg_path(group)}/providers/Microsoft.Storage/storageAccounts/stnothere"
    body = {
        "properties": {
            "roleDefinitionId": role_definition_id(arm, "Reader"),
            "principalId": principal,
        }
    }
    response = arm.request("PUT", _assignment(missing), body, api_version=AUTHORIZATION_API)
    assert response.status_code == 404
    created = assign_role(arm, f"/subscriptions/{arm.subscription}", "Reader", principal)
    assert arm.request("DELETE", created["id"], api_version=AUTHORIZATION_API).status_code == 200
    assert arm.request("GET", created["id"], api_version=AUTHORIZATION_API).status_code == 404


def test_only_extension_types_live_under_another_scope(arm: ArmClient, group: str) -> None:
    vnet_at_subscription = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.Network/virtualNetworks/{group}",
    )
    assert (vnet_at_subscription.status_code, error_code(vnet_at_subscription)) == (
        400,
        "InvalidResourceType",
    )
    account = storage(arm, group)["id"]
    nested = arm.request(
        "GET", f"{account}/providers/Microsoft.Storage/storageAccounts/x", api_version="2026-09-01"
    )
    assert error_code(nested) == "InvalidResourceType"


def test_list_at_a_scope_reaches_above_and_below(arm: ArmClient, group: str) -> None:
    principal = identity(arm, group)["properties"]["principalId"]
    other = identity(arm, group, "id-other")["properties"]["principalId"]
    account = storage(arm, group)["id"]
    subscription = f"/subscriptions/{arm.subscription}"
    above = assign_role(arm, subscription, "Reader", principal)["id"]
    at = assign_role(arm, arm.rg_path(group), "Contributor", other)["id"]
    below = assign_role(arm, account, "Storage Blob Data Reader", principal)["id"]

    def listed(query: str = "") -> set[str]:
        path = f"{arm.rg_path(group)}/providers/Microsoft.Authorization/roleAssignments{query}"
        response = arm.request("GET", path, api_version=AUTHORIZATION_API)
        assert response.status_code == 200, response.text()
        return {a["id"] for a in response.json()["value"]}

    assert listed() == {above, at, below}
    assert listed("?$filter=atScope()") == {above, at}
    assert listed(f"?$filter=principalId eq '{principal}'") == {above, below}
    at_account = arm.request(
        "GET",
        f"{account}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()",
        api_version=AUTHORIZATION_API,
    ).json()
    assert {a["id"] for a in at_account["value"]} == {above, at, below}
