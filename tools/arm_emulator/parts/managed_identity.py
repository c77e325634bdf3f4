"""The managed-identity part: a resource's `identity` gets the ids Microsoft Entra assigns. A
system-assigned identity gets a principal id of its own; each user-assigned identity must exist
and shows its `principalId` and `clientId`, as ARM returns them."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import WriteContext, stable_guid
from tools.arm_emulator.type_names import USER_ASSIGNED_IDENTITY


def identity_kinds(identity: dict[str, Any] | None) -> set[str]:
    """{'systemassigned', 'userassigned'} as far as `identity.type` names them."""
    kind = str((identity or {}).get("type", "None")).lower().replace(" ", "")
    return {part for part in kind.split(",") if part in ("systemassigned", "userassigned")}


def derive_identity(ctx: WriteContext) -> None:
    identity = ctx.body.get("identity")
    if not identity:
        return
    kinds = identity_kinds(identity)
    previous = (ctx.existing.body.get("identity") or {}) if ctx.existing else {}
    if "systemassigned" in kinds:
        identity["principalId"] = previous.get("principalId") or stable_guid(
            ctx.resource_id, "principalId"
        )
        identity["tenantId"] = ctx.world.tenant
    users = identity.get("userAssignedIdentities") or {}
    if users and "userassigned" not in kinds:
        raise ArmError(
            400,
            "InvalidIdentityType",
            "userAssignedIdentities may only be given with an identity type that includes "
            "'UserAssigned'.",
            target="identity.type",
        )
    for identity_id in list(users):
        record = ctx.world.store.get(identity_id)
        if record is None or record.rtype.key != USER_ASSIGNED_IDENTITY.lower():
            raise ArmError(
                400,
                "FailedIdentityOperation",
                f"Identity operation for resource '{ctx.resource_id}' failed with error 'Failed "
                "to perform resource identity operation. Status: 'NotFound'. Response: "
                f"'Resource '{identity_id}' not found.''",
            )
        users[identity_id] = {
            "principalId": record.properties["principalId"],
            "clientId": record.properties["clientId"],
        }


def principal_ids(body: dict[str, Any]) -> list[str]:
    """Every principal the resource's identity acts as (system- and user-assigned)."""
    identity = body.get("identity") or {}
    found = [identity["principalId"]] if identity.get("principalId") else []
    found += [
        value["principalId"]
        for value in (identity.get("userAssignedIdentities") or {}).values()
        if isinstance(value, dict) and value.get("principalId")
    ]
    # Identities the service made for the resource (an AKS cluster's kubelet identity).
    profile = (body.get("properties") or {}).get("identityProfile") or {}
    found += [
        value["objectId"]
        for value in profile.values()
        if isinstance(value, dict) and value.get("objectId")
    ]
    return found
