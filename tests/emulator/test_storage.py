"""Microsoft.Storage: accounts (202 + Location create, global names, create-time members, keys),
the blob service and containers, private-link target."""

from __future__ import annotations

from tests.emulator.aml_resources import STORAGE_API, resource_path, storage, storage_body
from tests.emulator.arm_client import ArmClient, error_code


def _account(arm: ArmClient, group: str, name: str = "stlitware") -> str:
    return resource_path(arm, group, "Microsoft.Storage", f"storageAccounts/{name}")


def test_create_answers_202_with_location_and_the_account_has_endpoints(
    arm: ArmClient, group: str
) -> None:
    response = arm.request("PUT", _account(arm, group), storage_body(), api_version=STORAGE_API)
    assert response.status_code == 202
    assert "Location" in response.headers and "Azure-AsyncOperation" not in response.headers
    account = storage(arm, group)
    properties = account["properties"]
    assert properties["provisioningState"] == "Succeeded"
    assert properties["primaryEndpoints"]["blob"] == "https://stlitware.blob.core.windows.net/"
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["networkAcls"]["defaultAction"] == "Deny"
    assert properties["privateEndpointConnections"] == []


def test_names_are_global_and_checked(arm: ArmClient, group: str) -> None:
    storage(arm, group)
    arm.resource_group("rg-other")
    taken = arm.request("PUT", _account(arm, "rg-other"), storage_body(), api_version=STORAGE_API)
    assert taken.status_code == 409
    assert error_code(taken) == "StorageAccountAlreadyTaken"
    invalid = arm.request(
        "PUT", _account(arm, group, "St-Litware"), storage_body(), api_version=STORAGE_API
    )
    assert error_code(invalid) == "AccountNameInvalid"
    check = arm.request(
        "POST",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.Storage/checkNameAvailability",
        {"name": "stlitware", "type": "Microsoft.Storage/storageAccounts"},
        api_version=STORAGE_API,
    )
    assert check.json()["nameAvailable"] is False
    assert check.json()["reason"] == "AlreadyExists"


def test_kind_and_hierarchical_namespace_are_create_time(arm: ArmClient, group: str) -> None:
    storage(arm, group)
    body = storage_body(isHnsEnabled=True)
    response = arm.request("PUT", _account(arm, group), body, api_version=STORAGE_API)
    assert response.status_code == 409
    assert response.json()["error"]["target"] == "properties.isHnsEnabled"


def test_body_is_checked_against_the_model(arm: ArmClient, group: str) -> None:
    body = storage_body(publicNetworkAccess="Sometimes")
    response = arm.request("PUT", _account(arm, group), body, api_version=STORAGE_API)
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["code"] == "InvalidEnumValue"
    no_sku = storage_body()
    del no_sku["sku"]
    missing = arm.request("PUT", _account(arm, group), no_sku, api_version=STORAGE_API)
    assert missing.json()["error"]["target"] == "sku"


def test_containers_live_in_the_default_blob_service(arm: ArmClient, group: str) -> None:
    storage(arm, group)
    service = f"{_account(arm, group)}/blobServices/default"
    assert arm.request("GET", service, api_version=STORAGE_API).status_code == 200
    container = f"{service}/containers/data"
    created = arm.request(
        "PUT", container, {"properties": {"publicAccess": "None"}}, api_version=STORAGE_API
    )
    assert created.status_code == 201
    assert created.json()["properties"]["publicAccess"] == "None"
    assert arm.request("PUT", container, {}, api_version=STORAGE_API).status_code == 200
    listed = arm.request("GET", f"{service}/containers", api_version=STORAGE_API).json()
    assert [c["name"] for c in listed["value"]] == ["data"]
    public = arm.request(
        "PUT",
        f"{service}/containers/open",
        {"properties": {"publicAccess": "Blob"}},
        api_version=STORAGE_API,
    )
    assert error_code(public) == "PublicAccessNotPermitted"
    bad_name = arm.request("PUT", f"{service}/containers/Data_1", {}, api_version=STORAGE_API)
    assert error_code(bad_name) == "ContainerNameInvalid"


def test_delete_is_synchronous_and_frees_the_name(arm: ArmClient, group: str) -> None:
    storage(arm, group)
    assert arm.request("DELETE", _account(arm, group), api_version=STORAGE_API).status_code == 200
    arm.resource_group("rg-other")
    storage(arm, "rg-other")


def test_list_keys(arm: ArmClient, group: str) -> None:
    storage(arm, group)
    keys = arm.request("POST", f"{_account(arm, group)}/listKeys", api_version=STORAGE_API)
    assert [k["keyName"] for k in keys.json()["keys"]] == ["key1", "key2"]


def test_patch_merges_the_update_model_and_keeps_create_time_members(
    arm: ArmClient, group: str
) -> None:
    storage(arm, group)
    patched = arm.request(
        "PATCH",
        _account(arm, group),
        {"properties": {"allowSharedKeyAccess": False, "minimumTlsVersion": "TLS1_2"}},
        api_version=STORAGE_API,
    )
    assert patched.status_code == 200, patched.text()
    properties = patched.json()["properties"]
    assert properties["allowSharedKeyAccess"] is False
    assert properties["publicNetworkAccess"] == "Disabled"
    kind = arm.request(
        "PATCH", _account(arm, group), {"kind": "BlobStorage"}, api_version=STORAGE_API
    )
    assert kind.status_code == 409


def test_bypass_takes_a_combination_of_services(arm: ArmClient, group: str) -> None:
    acls = {"defaultAction": "Deny", "bypass": "logging, Metrics,AzureServices"}
    account = storage(arm, group, networkAcls=acls)
    assert account["properties"]["networkAcls"]["bypass"] == "Logging, Metrics, AzureServices"
    body = storage_body(networkAcls={"defaultAction": "Deny", "bypass": "Logging, Everything"})
    response = arm.request("PUT", _account(arm, group), body, api_version=STORAGE_API)
    assert response.json()["error"]["target"] == "properties.networkAcls.bypass"
