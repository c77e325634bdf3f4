"""Bad input for the workspace area fails before the first write, naming the option."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-bad"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
VAULT_ID = f"{SUB}/Microsoft.KeyVault/vaults/kv-x"
STORAGE_ID = f"{SUB}/Microsoft.Storage/storageAccounts/stx"
PRIVATE_WORKSPACE = {
    "name": "mlw-bad",
    "resource_group": GROUP,
    "location": "eastus",
    "storage_account_id": STORAGE_ID,
    "key_vault_id": VAULT_ID,
    "application_insights_id": f"{SUB}/Microsoft.Insights/components/appi-x",
    "identity_id": f"{SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/id-x",
}
PRINCIPAL = "11111111-2222-4333-8444-555555555555"
PLACED = {"resource_group": GROUP, "location": "eastus"}
BASE = {
    "storage_account": PLACED,
    "key_vault": PLACED,
    "container_registry": PLACED,
    "ml_workspace": PLACED,
    "ml_datastore": {"resource_group": GROUP},
}

CASES = [
    ("storage_account", {"name": "St_Lake"}, "name"),
    ("storage_account", {"name": "stlake", "ip_rules": ["20.1.2.3"]}, "ip_rules"),
    (
        "storage_account",
        {"name": "stlake", "public_network_access": "Enabled", "ip_rules": ["10.0.0.1"]},
        "ip_rules",
    ),
    ("key_vault", {"name": "1kv--vault"}, "name"),
    ("key_vault", {"name": "kv-ok", "soft_delete_retention_days": 5}, "soft_delete_retention_days"),
    (
        "key_vault",
        {"name": "kv-ok", "state": "absent", "purge": True, "purge_protection": True},
        "purge",
    ),
    ("container_registry", {"name": "cr-with-hyphens"}, "name"),
    ("container_registry", {"name": "crbasic01", "sku": "Basic"}, "sku"),
    ("ml_workspace", {**PRIVATE_WORKSPACE, "name": "-mlw"}, "name"),
    ("ml_workspace", PRIVATE_WORKSPACE, "container_registry_id"),
    (
        "ml_workspace",
        {
            **PRIVATE_WORKSPACE,
            "storage_account_id": VAULT_ID,
            "container_registry_id": f"{SUB}/Microsoft.ContainerRegistry/registries/c",
        },
        "storage_account_id",
    ),
    ("ml_workspace", {"name": "mlw-ok", "purge": True}, "purge"),
    (
        "ml_datastore",
        {
            "name": "blobs",
            "workspace_name": "mlw-ok",
            "container": "Bad_Name",
            "account_name": "stlake",
        },
        "container",
    ),
    (
        "role_assignment",
        {"scope": STORAGE_ID, "principal_id": "not-a-guid", "role": "Reader"},
        "principal_id",
    ),
    ("role_assignment", {"scope": "rg-only", "principal_id": PRINCIPAL, "role": "Reader"}, "scope"),
]


@pytest.mark.parametrize(
    ("module", "module_args", "option"),
    CASES,
    ids=[f"{case[0]}-{case[2]}" for case in CASES],
)
def test_bad_input_fails_before_any_write(
    runner: Runner, module: str, module_args: dict, option: str
) -> None:
    if module not in ("role_assignment", "ml_workspace") or "resource_group" not in module_args:
        module_args = {"resource_group": GROUP, "location": "eastus", **module_args}
    if module in ("role_assignment",):
        module_args = {
            k: v for k, v in module_args.items() if k not in ("resource_group", "location")
        }
    if module == "ml_datastore":
        module_args.pop("location")
    failed = runner.step("typed_step", module=module, module_args=module_args, expect_failure=True)
    assert failed.result.get("failed") is True, failed.output
    assert failed.result["msg"].startswith(f"{option}:"), failed.result["msg"]
    assert runner.writes() == []
