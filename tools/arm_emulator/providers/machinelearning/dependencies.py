"""What a workspace needs of the resources it names, checked as the service checks them at
create time: they exist and are provisioned, a UAI-only workspace's identity holds the documented
roles on them (docs `how-to-identity-based-service-authentication.md`), and a storage account
whose public access is off lets the workspace in (docs `how-to-secure-workspace-vnet.md`;
decision 0010)."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import WriteContext
from tools.arm_emulator.providers.authorization.role_assignments import holds_role
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    APPLICATION_INSIGHTS,
    CONTAINER_REGISTRY,
    KEY_VAULT,
    STORAGE_ACCOUNT,
)

# Workspace property -> (type it names, what the service says when it is not there yet).
DEPENDENCIES = {
    "storageAccount": (STORAGE_ACCOUNT, "StorageAccountIsNotProvisioned"),
    "keyVault": (KEY_VAULT, "KeyVaultIsNotProvisioned"),
    "containerRegistry": (CONTAINER_REGISTRY, "ContainerRegistryIsNotProvisioned"),
    "applicationInsights": (APPLICATION_INSIGHTS, "ApplicationInsightsIsNotProvisioned"),
}
_CONTROL_ROLES = ("Owner", "Contributor")


def _bad_request(message: str, target: str) -> ArmError:
    return ArmError(400, "BadRequest", message, target=target)


def resolve(ctx: WriteContext) -> dict[str, Record]:
    """The named dependencies, by workspace property; raises what ARM answers when one is
    missing or still being created."""
    properties = ctx.properties
    if str(ctx.body.get("kind", "Default")).lower() == "default" and not (
        properties.get("storageAccount") and properties.get("keyVault")
    ):
        raise ArmError(
            400,
            "ValidationError",
            "Missing dependent resources in workspace json",
            target="workspace",
        )
    found: dict[str, Record] = {}
    for member, (type_name, not_ready) in DEPENDENCIES.items():
        named = properties.get(member)
        if not named:
            continue
        record = ctx.world.store.get(str(named))
        if record is None or record.rtype.key != type_name.lower():
            raise _bad_request(
                f"The {member} '{named}' of the workspace was not found.", f"properties.{member}"
            )
        if record.state != "Succeeded":
            raise _bad_request(
                f"{not_ready}: the {member} '{named}' is in state '{record.state}'.",
                f"properties.{member}",
            )
        found[member] = record
    return found


def check_storage_firewall(ctx: WriteContext, account: Record) -> None:
    """A storage account that keeps the public endpoint closed must let the workspace in by a
    documented exception: the trusted-services bypass or a resource-instance rule for it."""
    properties = account.properties
    acls: dict[str, Any] = properties.get("networkAcls") or {}
    closed = str(properties.get("publicNetworkAccess", "Enabled")) == "Disabled" or (
        str(acls.get("defaultAction", "Allow")) == "Deny"
    )
    if not closed:
        return
    bypass = {part.strip().lower() for part in str(acls.get("bypass", "")).split(",")}
    rules = acls.get("resourceAccessRules") or []
    admitted = "azureservices" in bypass or any(
        str(rule.get("resourceId", "")).lower()
        in (ctx.resource_id.lower(), _any_workspace(ctx.resource_id))
        for rule in rules
    )
    if not admitted:
        raise _bad_request(
            f"The storage account '{account.id}' denies public network access and neither allows "
            "trusted Azure services (networkAcls.bypass AzureServices) nor has a resource "
            f"instance rule for workspace '{ctx.resource_id}'; the workspace cannot reach it.",
            "properties.storageAccount",
        )


def _any_workspace(workspace_id: str) -> str:
    """A resource-instance rule may name every workspace of a group: `.../workspaces/*`."""
    return workspace_id.lower().rsplit("/", 1)[0] + "/*"


def check_identity_roles(ctx: WriteContext, principal_id: str, found: dict[str, Record]) -> None:
    """A workspace with only a user-assigned identity needs that identity granted before it is
    created: Contributor on the workspace (its group) and on each dependency, and Key Vault
    Administrator on a vault that uses RBAC."""
    needed: list[tuple[str, tuple[str, ...], str]] = [
        (ctx.resource_id, _CONTROL_ROLES, "Microsoft.MachineLearningServices/workspaces/write")
    ]
    for member, record in found.items():
        action = f"{record.rtype.name}/write"
        needed.append((record.id, _CONTROL_ROLES, action))
        if member == "keyVault" and record.properties.get("enableRbacAuthorization"):
            needed.append(
                (record.id, ("Key Vault Administrator",), "Microsoft.KeyVault/vaults/secrets/*")
            )
    for scope, roles, action in needed:
        if not any(holds_role(ctx.world, principal_id, role, scope) for role in roles):
            raise ArmError(
                403,
                "AuthorizationFailed",
                f"The user-assigned identity with object id '{principal_id}' of workspace "
                f"'{ctx.name}' does not have authorization to perform action '{action}' over "
                f"scope '{scope}' (needs {' or '.join(roles)}). If access was granted recently, "
                "retry after the assignment has propagated.",
            )
