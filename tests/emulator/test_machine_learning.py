"""Microsoft.MachineLearningServices: workspaces (202 + Location, dependencies that exist and
admit the workspace, the UAI-only role check, create-time members, soft delete and purge, system
datastores, private-link target) and datastores."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.aml_resources import (
    ML_API,
    STORAGE_API,
    assign_role,
    identity,
    put,
    resource_path,
    storage,
    storage_body,
    workspace_body,
    workspace_dependencies,
)
from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.control import Emulator


@pytest.fixture
def dependencies(arm: ArmClient, group: str, emulator: Emulator) -> dict[str, str]:
    return workspace_dependencies(arm, group, emulator.tenant)


def _workspace(arm: ArmClient, group: str, name: str = "mlw-litware") -> str:
    return resource_path(arm, group, "Microsoft.MachineLearningServices", f"workspaces/{name}")


def _create(arm: ArmClient, group: str, body: dict[str, Any]) -> dict[str, Any]:
    return put(arm, _workspace(arm, group), body, ML_API)


def test_workspace_create_is_202_with_location_and_makes_its_datastores(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    initial = arm.request(
        "PUT", _workspace(arm, group), workspace_body(dependencies), api_version=ML_API
    )
    assert initial.status_code == 202
    assert "Location" in initial.headers and "Azure-AsyncOperation" not in initial.headers
    workspace = _create(arm, group, workspace_body(dependencies))
    properties = workspace["properties"]
    assert properties["provisioningState"] == "Succeeded"
    assert properties["publicNetworkAccess"] == "Disabled"
    assert workspace["identity"]["principalId"]
    assert (properties["privateEndpointConnections"], properties["privateLinkCount"]) == ([], 0)
    stores = arm.request("GET", f"{_workspace(arm, group)}/datastores", api_version=ML_API).json()
    by_name = {s["name"]: s["properties"] for s in stores["value"]}
    assert set(by_name) == {
        "workspaceblobstore",
        "workspaceartifactstore",
        "workspacefilestore",
        "workspaceworkingdirectory",
    }
    blob = by_name["workspaceblobstore"]
    assert blob["isDefault"] is True
    assert blob["credentials"] == {"credentialsType": "None"}
    container = (
        f"{dependencies['storageAccount']}/blobServices/default/containers/{blob['containerName']}"
    )
    assert arm.request("GET", container, api_version=STORAGE_API).status_code == 200


def test_missing_dependencies_fail_as_arm_fails(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    without_vault = {k: v for k, v in dependencies.items() if k != "keyVault"}
    response = arm.request(
        "PUT", _workspace(arm, group), workspace_body(without_vault), api_version=ML_API
    )
    assert (response.status_code, error_code(response)) == (400, "ValidationError")
    gone = {**dependencies, "keyVault": dependencies["keyVault"] + "x"}
    response = arm.request("PUT", _workspace(arm, group), workspace_body(gone), api_version=ML_API)
    assert response.json()["error"]["target"] == "properties.keyVault"
    gone = {**dependencies, "storageAccount": dependencies["storageAccount"] + "x"}
    response = arm.request("PUT", _workspace(arm, group), workspace_body(gone), api_version=ML_API)
    assert response.json()["error"]["target"] == "properties.storageAccount"


def test_uai_only_workspace_needs_the_documented_roles_first(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    uai = identity(arm, group)
    body = workspace_body(dependencies, uai["id"])
    refused = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert (refused.status_code, error_code(refused)) == (403, "AuthorizationFailed")
    principal = uai["properties"]["principalId"]
    assign_role(arm, arm.rg_path(group), "Contributor", principal)
    still = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert "Microsoft.KeyVault/vaults/secrets" in still.json()["error"]["message"]
    assign_role(arm, dependencies["keyVault"], "Key Vault Administrator", principal)
    workspace = _create(arm, group, body)
    shown = workspace["identity"]["userAssignedIdentities"][uai["id"]]
    assert shown["principalId"] == principal
    no_primary = workspace_body(dependencies, uai["id"])
    del no_primary["properties"]["primaryUserAssignedIdentity"]
    response = arm.request(
        "PUT", _workspace(arm, group, "mlw-other"), no_primary, api_version=ML_API
    )
    assert response.json()["error"]["target"] == "properties.primaryUserAssignedIdentity"


def test_storage_with_public_access_off_must_admit_the_workspace(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    closed = storage(
        arm,
        group,
        "stclosed",
        networkAcls={"defaultAction": "Deny", "bypass": "None"},
    )
    body = workspace_body({**dependencies, "storageAccount": closed["id"]})
    refused = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert refused.json()["error"]["target"] == "properties.storageAccount"
    rule = {
        "tenantId": closed["properties"].get("tenantId", ""),
        "resourceId": _workspace(arm, group),
    }
    storage(
        arm,
        group,
        "stclosed",
        networkAcls={"defaultAction": "Deny", "bypass": "None", "resourceAccessRules": [rule]},
    )
    assert _create(arm, group, body)["properties"]["storageAccount"] == closed["id"]


def test_create_time_members_cannot_change(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    _create(arm, group, workspace_body(dependencies))
    other = storage(arm, group, "stother")["id"]
    body = workspace_body({**dependencies, "storageAccount": other})
    response = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert response.json()["error"]["target"] == "properties.storageAccount"
    updated = _create(arm, group, workspace_body(dependencies, imageBuildCompute="cpu-cluster"))
    assert updated["properties"]["imageBuildCompute"] == "cpu-cluster"


def test_soft_delete_blocks_the_name_until_purged(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    body = workspace_body(dependencies)
    _create(arm, group, body)
    _, status, initial = arm.lro("DELETE", _workspace(arm, group), api_version=ML_API)
    assert (initial.status_code, status) == (202, "Succeeded")
    assert arm.request("GET", _workspace(arm, group), api_version=ML_API).status_code == 404
    blocked = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert blocked.status_code == 409
    assert "Soft-deleted workspace exists" in blocked.json()["error"]["message"]
    purged = arm.request(
        "DELETE", f"{_workspace(arm, group)}?forceToPurge=true", api_version=ML_API
    )
    assert purged.status_code == 200
    _create(arm, group, body)
    arm.lro("DELETE", f"{_workspace(arm, group)}?forceToPurge=true", api_version=ML_API)
    _create(arm, group, body)


def test_datastores(arm: ArmClient, group: str, dependencies: dict[str, str]) -> None:
    _create(arm, group, workspace_body(dependencies))
    path = f"{_workspace(arm, group)}/datastores/data"
    account = dependencies["storageAccount"].rsplit("/", 1)[1]
    body = {
        "properties": {
            "datastoreType": "AzureBlob",
            "accountName": account,
            "containerName": "data",
            "endpoint": "core.windows.net",
            "protocol": "https",
            "credentials": {"credentialsType": "None"},
            "serviceDataAccessAuthIdentity": "WorkspaceSystemAssignedIdentity",
        }
    }
    created = arm.request("PUT", path, body, api_version=ML_API)
    assert created.status_code == 201, created.text()
    assert created.json()["properties"]["isDefault"] is False
    body["properties"]["containerName"] = "other"
    moved = arm.request("PUT", path, body, api_version=ML_API)
    assert moved.json()["error"]["target"] == "properties.containerName"
    body["properties"]["accountName"] = "stnowhere"
    missing = arm.request("PUT", f"{path}2", body, api_version=ML_API)
    assert missing.json()["error"]["target"] == "properties.accountName"
    keyed = {
        "properties": {
            "datastoreType": "AzureBlob",
            "accountName": account,
            "containerName": "keyed",
            "credentials": {
                "credentialsType": "AccountKey",
                "secrets": {"secretsType": "AccountKey", "key": "c2VjcmV0"},
            },
        }
    }
    shown = arm.request("PUT", f"{path}-keyed", keyed, api_version=ML_API).json()
    assert "secrets" not in shown["properties"]["credentials"]
    wrong = arm.request(
        "PUT", f"{path}-bad", {"properties": {"datastoreType": "Tape"}}, api_version=ML_API
    )
    assert wrong.status_code == 400


def test_patch_takes_only_the_update_model(
    arm: ArmClient, group: str, dependencies: dict[str, str]
) -> None:
    _create(arm, group, workspace_body(dependencies))
    patched = arm.request(
        "PATCH",
        _workspace(arm, group),
        {"properties": {"imageBuildCompute": "cpu-cluster", "friendlyName": "ML"}},
        api_version=ML_API,
    )
    assert patched.status_code == 200, patched.text()
    assert patched.json()["properties"]["imageBuildCompute"] == "cpu-cluster"
    refused = arm.request(
        "PATCH",
        _workspace(arm, group),
        {"properties": {"storageAccount": dependencies["storageAccount"]}},
        api_version=ML_API,
    )
    assert refused.json()["error"]["details"][0]["code"] == "UnknownProperty"


def test_a_dependency_still_being_created_is_refused(
    arm: ArmClient, group: str, dependencies: dict[str, str], emulator: Emulator
) -> None:
    emulator.configure(latency="realistic", latency_scale=1.0)
    path = resource_path(arm, group, "Microsoft.Storage", "storageAccounts/stslow")
    assert arm.request("PUT", path, storage_body(), api_version=STORAGE_API).status_code == 202
    body = workspace_body({**dependencies, "storageAccount": path})
    response = arm.request("PUT", _workspace(arm, group), body, api_version=ML_API)
    assert response.status_code == 400
    assert "StorageAccountIsNotProvisioned" in response.json()["error"]["message"]
