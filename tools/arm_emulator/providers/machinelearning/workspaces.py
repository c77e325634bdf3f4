"""Machine Learning workspaces: dependencies that exist (and admit the workspace), create-time
members, the UAI-only role check, 202 + Location writes, soft delete that blocks the name
(`forceToPurge=true` purges), the system datastores, private-link target."""

from __future__ import annotations

import re
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, World, WriteContext, stable_guid
from tools.arm_emulator.parts import managed_identity, private_link
from tools.arm_emulator.providers.machinelearning import dependencies
from tools.arm_emulator.providers.machinelearning.system_datastores import (
    add_system_datastores,
)
from tools.arm_emulator.references import same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import ML_WORKSPACE
from tools.arm_emulator.type_registry import LOCATION_DELETE, LroSpec, ResourceType

MODELS = "azure.ai.ml._restclient.arm_ml_service.models"
# workspaceRP.json: PUT 200/202 + Location (no final-state-via: the client GETs at the end).
WORKSPACE_PUT = LroSpec(202, 202, azure_async_operation=False, location=True)
_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$")
_CREATE_TIME = ("storageAccount", "keyVault", "hbiWorkspace")


def _invalid(message: str, target: str) -> ArmError:
    return ArmError(400, "BadRequest", message, target=target)


class WorkspaceHooks(private_link.PrivateLinkTargetHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _NAME.match(ctx.name):
            raise ArmError(
                400,
                "ValidationError",
                f"Workspace name '{ctx.name}' is invalid: 3-33 letters, digits, '-' and '_', "
                "starting with a letter or digit.",
                target="workspace",
            )
        if ctx.existing is None and ctx.resource_id.lower() in ctx.world.store.deleted:
            raise ArmError(
                409,
                "Conflict",
                "Soft-deleted workspace exists. Please purge or recover it.",
                target="workspace",
            )
        self._check_create_time(ctx)
        found = dependencies.resolve(ctx)
        if "storageAccount" in found:
            dependencies.check_storage_firewall(ctx, found["storageAccount"])
        self._check_identity(ctx, found)

    def _check_create_time(self, ctx: WriteContext) -> None:
        if ctx.existing is None:
            return
        before = ctx.existing.properties
        for member in _CREATE_TIME:
            old, new = before.get(member), ctx.properties.get(member)
            if new is not None and old is not None and str(old).lower() != str(new).lower():
                raise _invalid(
                    f"Updating '{member}' of an existing workspace is not supported.",
                    f"properties.{member}",
                )
        old_kind = str(ctx.existing.body.get("kind", "Default")).lower()
        if "kind" in ctx.body and str(ctx.body["kind"]).lower() != old_kind:
            raise _invalid("The kind of a workspace cannot change.", "kind")

    def _check_identity(self, ctx: WriteContext, found: dict[str, Record]) -> None:
        identity = ctx.body.get("identity") or {}
        kinds = managed_identity.identity_kinds(identity)
        if not kinds:
            raise _invalid("A workspace needs a managed identity.", "identity.type")
        primary = ctx.properties.get("primaryUserAssignedIdentity")
        users = identity.get("userAssignedIdentities") or {}
        if kinds == {"userassigned"}:
            if not primary:
                raise _invalid(
                    "primaryUserAssignedIdentity is required when the workspace has only "
                    "user-assigned identities.",
                    "properties.primaryUserAssignedIdentity",
                )
        if primary and not any(same_id(primary, key) for key in users):
            raise _invalid(
                f"primaryUserAssignedIdentity '{primary}' is not one of the workspace's "
                "userAssignedIdentities.",
                "properties.primaryUserAssignedIdentity",
            )
        if kinds == {"userassigned"} and ctx.existing is None:
            uai = ctx.world.store.get(str(primary))
            if uai is not None:
                dependencies.check_identity_roles(ctx, str(uai.properties["principalId"]), found)

    def derive(self, ctx: WriteContext) -> None:
        managed_identity.derive_identity(ctx)
        previous = ctx.existing.properties if ctx.existing else {}
        for member in _CREATE_TIME:
            if member in previous:
                ctx.properties[member] = previous[member]
        if ctx.existing is not None and "kind" in ctx.existing.body:
            ctx.body["kind"] = ctx.existing.body["kind"]
        properties = ctx.properties
        location = ctx.body["location"]
        workspace_id = previous.get("workspaceId") or stable_guid(ctx.resource_id, "workspaceId")
        properties["workspaceId"] = workspace_id
        properties["tenantId"] = ctx.world.tenant
        properties["discoveryUrl"] = f"https://{location}.api.azureml.ms/discovery"
        properties["mlFlowTrackingUri"] = (
            f"azureml://{location}.api.azureml.ms/mlflow/v1.0{ctx.resource_id}"
        )
        properties.setdefault("friendlyName", ctx.name)
        properties.setdefault("hbiWorkspace", False)
        properties.setdefault("v1LegacyMode", False)
        properties.setdefault("publicNetworkAccess", "Enabled")
        properties.setdefault("systemDatastoresAuthMode", "AccessKey")
        properties.setdefault("managedNetwork", {"isolationMode": "Disabled"})
        account = ctx.world.store.get(str(properties.get("storageAccount", "")))
        properties["storageHnsEnabled"] = bool(account and account.properties.get("isHnsEnabled"))
        ctx.body.setdefault("kind", "Default")
        ctx.body.setdefault("sku", {"name": "Basic", "tier": "Basic"})

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        super().render(world, record, document)
        properties = document["properties"]
        properties["privateLinkCount"] = len(properties[private_link.CONNECTIONS])

    def after_change(self, world: World) -> None:
        for workspace in world.store.of_type(ML_WORKSPACE):
            add_system_datastores(world, workspace)

    def soft_delete(self, query: dict[str, str]) -> bool:
        return query.get("forcetopurge", "false").lower() != "true"


def _workspace_type() -> ResourceType:
    return ResourceType(
        name=ML_WORKSPACE,
        api_versions=(pinned(ML_WORKSPACE),),
        model=f"{MODELS}:Workspace",
        patch_model=f"{MODELS}:WorkspaceUpdateParameters",
        put_lro=WORKSPACE_PUT,
        delete_lro=LOCATION_DELETE,
        realistic_seconds=60,  # typical observed create time (about a minute)
        etag=None,
    )


_WORKSPACE = _workspace_type()

TYPES = [
    TypeEntry(_WORKSPACE, WorkspaceHooks()),
    private_link.connection_entry(_WORKSPACE, f"{MODELS}:PrivateEndpointConnection"),
]
