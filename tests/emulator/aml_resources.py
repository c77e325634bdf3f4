"""Builders of the AML workspace's dependencies for the emulator tests: each PUTs Microsoft's
documented request body and waits for the operation."""

from __future__ import annotations

from typing import Any

from tests.emulator.arm_client import ArmClient
from tools.arm_emulator.api_versions import pinned

IDENTITY_API = pinned("Microsoft.ManagedIdentity/userAssignedIdentities")
STORAGE_API = pinned("Microsoft.Storage/storageAccounts")
KEY_VAULT_API = pinned("Microsoft.KeyVault/vaults")
REGISTRY_API = pinned("Microsoft.ContainerRegistry/registries")
AUTHORIZATION_API = pinned("Microsoft.Authorization/roleAssignments")
LOG_ANALYTICS_API = pinned("Microsoft.OperationalInsights/workspaces")
APP_INSIGHTS_API = pinned("Microsoft.Insights/components")
PRIVATE_LINK_SCOPE_API = pinned("Microsoft.Insights/privateLinkScopes")
DIAGNOSTIC_SETTINGS_API = pinned("Microsoft.Insights/diagnosticSettings")
ML_API = pinned("Microsoft.MachineLearningServices/workspaces")


def resource_path(arm: ArmClient, group: str, namespace: str, rest: str) -> str:
    return f"{arm.rg_path(group)}/providers/{namespace}/{rest}"


def put(arm: ArmClient, path: str, body: dict[str, Any], api_version: str) -> dict[str, Any]:
    """PUT and, for a long-running PUT, poll to the end; the resource as ARM returns it."""
    result, status, _ = arm.lro("PUT", path, body, api_version=api_version)
    assert status == "Succeeded", status
    if result is None:  # a final 204 or an empty operation result: read the resource
        response = arm.request("GET", path, api_version=api_version)
        assert response.status_code == 200, response.text()
        return response.json()
    return result


def identity(arm: ArmClient, group: str, name: str = "id-ws") -> dict[str, Any]:
    path = resource_path(arm, group, "Microsoft.ManagedIdentity", f"userAssignedIdentities/{name}")
    return put(arm, path, {"location": "eastus"}, IDENTITY_API)


def storage_body(**properties: Any) -> dict[str, Any]:
    """The AML recipe's account (arm-facts §7): no anonymous blob access, TLS 1.2, firewall on."""
    return {
        "location": "eastus",
        "sku": {"name": "Standard_LRS"},
        "kind": "StorageV2",
        "properties": {
            "minimumTlsVersion": "TLS1_2",
            "supportsHttpsTrafficOnly": True,
            "allowBlobPublicAccess": False,
            "publicNetworkAccess": "Disabled",
            "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
            **properties,
        },
    }


def storage(arm: ArmClient, group: str, name: str = "stlitware", **properties: Any) -> dict:
    path = resource_path(arm, group, "Microsoft.Storage", f"storageAccounts/{name}")
    return put(arm, path, storage_body(**properties), STORAGE_API)
