"""Workspace datastores (synchronous PUT): the storage account they name exists, their
create-time members stay, secrets are never returned, `isDefault` is the service's."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.machinelearning.workspaces import MODELS
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import ML_DATASTORE, ML_WORKSPACE, STORAGE_ACCOUNT
from tools.arm_emulator.type_registry import ResourceType

_ON_STORAGE = ("azureblob", "azuredatalakegen2", "azurefile")
_CREATE_TIME = (
    "datastoreType",
    "accountName",
    "containerName",
    "filesystem",
    "fileShareName",
    "endpoint",
    "protocol",
    "serviceDataAccessAuthIdentity",
)


class DatastoreHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        properties = ctx.properties
        kind = str(properties.get("datastoreType", "")).lower()
        if kind in _ON_STORAGE:
            account = str(properties.get("accountName", ""))
            if not any(
                r.name.lower() == account.lower() for r in ctx.world.store.of_type(STORAGE_ACCOUNT)
            ):
                raise ArmError(
                    400,
                    "BadRequest",
                    f"The storage account '{account}' of datastore '{ctx.name}' was not found.",
                    target="properties.accountName",
                )
        if ctx.existing is None:
            return
        before = ctx.existing.properties
        for member in _CREATE_TIME:
            old, new = before.get(member), properties.get(member)
            if old is not None and new is not None and str(old).lower() != str(new).lower():
                raise ArmError(
                    400,
                    "BadRequest",
                    f"'{member}' of datastore '{ctx.name}' cannot be changed.",
                    target=f"properties.{member}",
                )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        ctx.properties["isDefault"] = bool(previous.get("isDefault"))
        ctx.properties.setdefault("serviceDataAccessAuthIdentity", "None")

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        properties = document["properties"]
        properties.pop("provisioningState", None)
        credentials = properties.get("credentials")
        if isinstance(credentials, dict):
            credentials.pop("secrets", None)


TYPES = [
    TypeEntry(
        ResourceType(
            name=ML_DATASTORE,
            api_versions=(pinned(ML_DATASTORE),),
            model=f"{MODELS}:Datastore",
            parent=ML_WORKSPACE,
            location="none",
            etag=None,
            list_in_subscription=False,
        ),
        DatastoreHooks(),
    )
]
