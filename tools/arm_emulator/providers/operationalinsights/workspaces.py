"""Log Analytics workspaces: customer id, defaults, and soft delete (docs `delete-workspace.md`):
a DELETE keeps the workspace 14 days unless `force=true`; a PUT of the same name in the same
group recovers it (same customer id); elsewhere the name stays taken until then."""

from __future__ import annotations

import datetime
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext, stable_guid
from tools.arm_emulator.parts import managed_identity
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import LOG_ANALYTICS_WORKSPACE
from tools.arm_emulator.type_registry import LOCATION_DELETE, LroSpec, ResourceType

_MODELS = "azure.mgmt.loganalytics.models"
# Workspaces_CreateOrUpdate: long-running, 202 + Location on create, 200 on update.
WORKSPACE_PUT = LroSpec(202, 200, azure_async_operation=False, location=True)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")


def _deleted(world: World) -> list[Record]:
    key = LOG_ANALYTICS_WORKSPACE.lower()
    return [r for r in world.store.deleted.values() if r.rtype.key == key]


class LogAnalyticsWorkspaceHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        for record in _deleted(ctx.world):
            if record.name.lower() == ctx.name.lower() and record.key != ctx.resource_id.lower():
                raise ArmError(
                    409,
                    "Conflict",
                    f"A workspace named '{ctx.name}' was deleted recently and is in soft-delete "
                    "state; recover it in its resource group or delete it permanently "
                    "(force=true) to use the name elsewhere.",
                )
        retention = ctx.properties.get("retentionInDays")
        if retention is not None and not 30 <= int(retention) <= 730:
            raise ArmError(
                400,
                "InvalidParameter",
                "retentionInDays must be between 30 and 730.",
                target="properties.retentionInDays",
            )

    def derive(self, ctx: WriteContext) -> None:
        recovered = ctx.world.store.deleted.pop(ctx.resource_id.lower(), None)
        previous = (recovered or ctx.existing).properties if (recovered or ctx.existing) else {}
        managed_identity.derive_identity(ctx)
        properties = ctx.properties
        properties["customerId"] = previous.get("customerId") or stable_guid(
            ctx.resource_id, "customerId"
        )
        properties["createdDate"] = previous.get("createdDate") or _now()
        properties["modifiedDate"] = _now()
        properties.setdefault("sku", {"name": "PerGB2018"})
        properties.setdefault("retentionInDays", 30)
        properties.setdefault("publicNetworkAccessForIngestion", "Enabled")
        properties.setdefault("publicNetworkAccessForQuery", "Enabled")
        properties.setdefault("features", {"enableLogAccessUsingOnlyResourcePermissions": True})

    def soft_delete(self, query: dict[str, str]) -> bool:
        return query.get("force", "false").lower() != "true"

    def provider_request(
        self,
        world: World,
        method: str,
        segments: tuple[str, ...],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[int, Any] | None:
        if method != "GET" or [s.lower() for s in segments] != ["deletedworkspaces"]:
            return None
        value = [
            {
                "id": r.id,
                "name": r.name,
                "type": LOG_ANALYTICS_WORKSPACE,
                "location": r.body["location"],
                "properties": {**r.properties, "provisioningState": "Deleted"},
            }
            for r in _deleted(world)
        ]
        return 200, {"value": value}


TYPES = [
    TypeEntry(
        ResourceType(
            name=LOG_ANALYTICS_WORKSPACE,
            api_versions=(pinned(LOG_ANALYTICS_WORKSPACE),),
            model=f"{_MODELS}:Workspace",
            patch_model=f"{_MODELS}:WorkspacePatch",
            put_lro=WORKSPACE_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=10,  # typical observed create time
            etag=None,
        ),
        LogAnalyticsWorkspaceHooks(),
    )
]
