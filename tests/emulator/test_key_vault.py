"""Microsoft.KeyVault: vaults (global names, soft delete that blocks the name, recover, purge,
one-way switches, private-link target)."""

from __future__ import annotations

import pytest

from tests.emulator.aml_resources import KEY_VAULT_API, key_vault, resource_path, vault_body
from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.control import Emulator


@pytest.fixture
def tenant(emulator: Emulator) -> str:
    return emulator.tenant


def _vault(arm: ArmClient, group: str, name: str = "kv-litware") -> str:
    return resource_path(arm, group, "Microsoft.KeyVault", f"vaults/{name}")


def _deleted(arm: ArmClient, name: str = "kv-litware") -> str:
    return (
        f"/subscriptions/{arm.subscription}/providers/Microsoft.KeyVault/locations/eastus"
        f"/deletedVaults/{name}"
    )


def test_vault_is_created_with_its_uri_and_defaults(
    arm: ArmClient, group: str, tenant: str
) -> None:
    created = arm.request("PUT", _vault(arm, group), vault_body(tenant), api_version=KEY_VAULT_API)
    assert created.status_code == 201
    vault = key_vault(arm, group, tenant)
    properties = vault["properties"]
    assert properties["vaultUri"] == "https://kv-litware.vault.azure.net/"
    assert properties["enableSoftDelete"] is True
    assert properties["softDeleteRetentionInDays"] == 7
    assert properties["enableRbacAuthorization"] is True
    assert properties["privateEndpointConnections"] == []


def test_names_are_global_and_checked(arm: ArmClient, group: str, tenant: str) -> None:
    key_vault(arm, group, tenant)
    arm.resource_group("rg-other")
    taken = arm.request(
        "PUT", _vault(arm, "rg-other"), vault_body(tenant), api_version=KEY_VAULT_API
    )
    assert (taken.status_code, error_code(taken)) == (409, "VaultAlreadyExists")
    bad = arm.request(
        "PUT", _vault(arm, group, "1-kv--x"), vault_body(tenant), api_version=KEY_VAULT_API
    )
    assert error_code(bad) == "VaultNameNotValid"


def test_delete_is_soft_and_blocks_the_name_until_purged(
    arm: ArmClient, group: str, tenant: str
) -> None:
    key_vault(arm, group, tenant)
    assert arm.request("DELETE", _vault(arm, group), api_version=KEY_VAULT_API).status_code == 200
    assert arm.request("GET", _vault(arm, group), api_version=KEY_VAULT_API).status_code == 404
    deleted = arm.request("GET", _deleted(arm), api_version=KEY_VAULT_API).json()
    assert deleted["properties"]["vaultId"].endswith("/vaults/kv-litware")
    blocked = arm.request("PUT", _vault(arm, group), vault_body(tenant), api_version=KEY_VAULT_API)
    assert (blocked.status_code, error_code(blocked)) == (409, "ConflictError")
    purged = arm.request("POST", f"{_deleted(arm)}/purge", api_version=KEY_VAULT_API)
    assert purged.status_code == 200
    assert arm.request("GET", _deleted(arm), api_version=KEY_VAULT_API).status_code == 404
    key_vault(arm, group, tenant)


def test_recover_brings_the_deleted_vault_back(arm: ArmClient, group: str, tenant: str) -> None:
    key_vault(arm, group, tenant, enableRbacAuthorization=False)
    arm.request("DELETE", _vault(arm, group), api_version=KEY_VAULT_API)
    recovered = key_vault(arm, group, tenant, createMode="recover")
    assert recovered["properties"]["enableRbacAuthorization"] is False
    listed = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.KeyVault/deletedVaults",
        api_version=KEY_VAULT_API,
    ).json()
    assert listed["value"] == []


def test_purge_protection_is_one_way_and_blocks_purge(
    arm: ArmClient, group: str, tenant: str
) -> None:
    refused = arm.request(
        "PUT",
        _vault(arm, group),
        vault_body(tenant, enablePurgeProtection=False),
        api_version=KEY_VAULT_API,
    )
    assert refused.json()["error"]["target"] == "properties.enablePurgeProtection"
    key_vault(arm, group, tenant, enablePurgeProtection=True)
    off = arm.request(
        "PUT",
        _vault(arm, group),
        vault_body(tenant, enablePurgeProtection=False),
        api_version=KEY_VAULT_API,
    )
    assert off.status_code == 400
    arm.request("DELETE", _vault(arm, group), api_version=KEY_VAULT_API)
    purge = arm.request("POST", f"{_deleted(arm)}/purge", api_version=KEY_VAULT_API)
    assert purge.status_code == 409


def test_soft_delete_cannot_be_switched_off(arm: ArmClient, group: str, tenant: str) -> None:
    response = arm.request(
        "PUT",
        _vault(arm, group),
        vault_body(tenant, enableSoftDelete=False),
        api_version=KEY_VAULT_API,
    )
    assert response.json()["error"]["target"] == "properties.enableSoftDelete"
    missing = vault_body(tenant)
    del missing["properties"]["tenantId"]
    invalid = arm.request("PUT", _vault(arm, group), missing, api_version=KEY_VAULT_API)
    assert invalid.json()["error"]["target"] == "properties.tenantId"


def test_patch_turns_purge_protection_on_but_never_off(
    arm: ArmClient, group: str, tenant: str
) -> None:
    key_vault(arm, group, tenant)
    on = arm.request(
        "PATCH",
        _vault(arm, group),
        {"properties": {"enablePurgeProtection": True}},
        api_version=KEY_VAULT_API,
    )
    assert on.json()["properties"]["enablePurgeProtection"] is True
    off = arm.request(
        "PATCH",
        _vault(arm, group),
        {"properties": {"enablePurgeProtection": False}},
        api_version=KEY_VAULT_API,
    )
    assert off.status_code == 400
