"""Builders of the AML workspace's dependencies for the emulator tests: each PUTs Microsoft's
documented request body and waits for the operation."""

from __future__ import annotations

import uuid
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


def vault_body(tenant: str, **properties: Any) -> dict[str, Any]:
    """arm-facts §8: RBAC vault, soft delete, public access off."""
    return {
        "location": "eastus",
        "properties": {
            "tenantId": tenant,
            "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": True,
            "softDeleteRetentionInDays": 7,
            "publicNetworkAccess": "Disabled",
            "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
            **properties,
        },
    }


def key_vault(
    arm: ArmClient, group: str, tenant: str, name: str = "kv-litware", **properties: Any
) -> dict[str, Any]:
    path = resource_path(arm, group, "Microsoft.KeyVault", f"vaults/{name}")
    return put(arm, path, vault_body(tenant, **properties), KEY_VAULT_API)


def registry_body(**properties: Any) -> dict[str, Any]:
    """arm-facts §9: Premium (private endpoints), no admin user, public access off."""
    return {
        "location": "eastus",
        "sku": {"name": "Premium"},
        "properties": {
            "adminUserEnabled": False,
            "publicNetworkAccess": "Disabled",
            "networkRuleBypassOptions": "AzureServices",
            "networkRuleSet": {"defaultAction": "Deny"},
            **properties,
        },
    }


def registry(arm: ArmClient, group: str, name: str = "crlitware", **properties: Any) -> dict:
    path = resource_path(arm, group, "Microsoft.ContainerRegistry", f"registries/{name}")
    return put(arm, path, registry_body(**properties), REGISTRY_API)


def role_definition_id(arm: ArmClient, role: str) -> str:
    """The id of a built-in role, looked up by name as a module does."""
    response = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.Authorization/roleDefinitions"
        f"?$filter=roleName eq '{role}'",
        api_version=AUTHORIZATION_API,
    )
    [definition] = response.json()["value"]
    return definition["id"]


def assign_role(
    arm: ArmClient,
    scope: str,
    role: str,
    principal_id: str,
    principal_type: str = "ServicePrincipal",
) -> dict[str, Any]:
    """A role assignment named deterministically from (scope, role, principal)."""
    name = uuid.uuid5(uuid.NAMESPACE_URL, f"{scope.lower()}|{role}|{principal_id}")
    body = {
        "properties": {
            "roleDefinitionId": role_definition_id(arm, role),
            "principalId": principal_id,
            "principalType": principal_type,
        }
    }
    path = f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}"
    response = arm.request("PUT", path, body, api_version=AUTHORIZATION_API)
    assert response.status_code in (200, 201), response.text()
    return response.json()


def log_analytics(arm: ArmClient, group: str, name: str = "log-litware") -> dict[str, Any]:
    path = resource_path(arm, group, "Microsoft.OperationalInsights", f"workspaces/{name}")
    body = {
        "location": "eastus",
        "properties": {"sku": {"name": "PerGB2018"}, "retentionInDays": 30},
    }
    return put(arm, path, body, LOG_ANALYTICS_API)


def app_insights(
    arm: ArmClient, group: str, workspace_id: str, name: str = "appi-litware"
) -> dict[str, Any]:
    path = resource_path(arm, group, "Microsoft.Insights", f"components/{name}")
    body = {
        "location": "eastus",
        "kind": "web",
        "properties": {
            "Application_Type": "web",
            "WorkspaceResourceId": workspace_id,
            "IngestionMode": "LogAnalytics",
        },
    }
    return put(arm, path, body, APP_INSIGHTS_API)


def workspace_dependencies(arm: ArmClient, group: str, tenant: str) -> dict[str, str]:
    """Storage, key vault, registry, Log Analytics and Application Insights, by workspace
    property name."""
    law = log_analytics(arm, group)["id"]
    return {
        "storageAccount": storage(arm, group)["id"],
        "keyVault": key_vault(arm, group, tenant)["id"],
        "containerRegistry": registry(arm, group)["id"],
        "applicationInsights": app_insights(arm, group, law)["id"],
    }


def workspace_body(
    dependencies: dict[str, str], identity_id: str | None = None, **properties: Any
) -> dict[str, Any]:
    """arm-facts §2: the isolated workspace (no managed network, public access off)."""
    identity: dict[str, Any] = {"type": "SystemAssigned"}
    extra: dict[str, Any] = {}
    if identity_id:
        identity = {"type": "UserAssigned", "userAssignedIdentities": {identity_id: {}}}
        extra["primaryUserAssignedIdentity"] = identity_id
    return {
        "location": "eastus",
        "kind": "Default",
        "sku": {"name": "Basic", "tier": "Basic"},
        "identity": identity,
        "properties": {
            "friendlyName": "Litware ML",
            **dependencies,
            "publicNetworkAccess": "Disabled",
            "managedNetwork": {"isolationMode": "Disabled"},
            "systemDatastoresAuthMode": "Identity",
            "v1LegacyMode": False,
            "hbiWorkspace": False,
            **extra,
            **properties,
        },
    }
