"""User-assigned identities: the service principal Microsoft Entra creates for each, shown as
read-only `principalId`, `clientId` and `tenantId` (synchronous PUT, as the spec declares)."""

from __future__ import annotations

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext
from tools.arm_emulator.type_names import USER_ASSIGNED_IDENTITY
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.msi.v2024_11_30.models"


class UserAssignedIdentityHooks(TypeHooks):
    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid("principalId")
        ctx.keep_guid("clientId")
        ctx.properties["tenantId"] = ctx.world.tenant


TYPES = [
    TypeEntry(
        ResourceType(
            name=USER_ASSIGNED_IDENTITY,
            api_versions=(pinned(USER_ASSIGNED_IDENTITY),),
            model=f"{_MODELS}:Identity",
            patch_model=f"{_MODELS}:IdentityUpdate",
            etag=None,
        ),
        UserAssignedIdentityHooks(),
    )
]
