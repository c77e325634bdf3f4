"""Key vaults: global names, soft delete that keeps the name (recover with `createMode: recover`
or purge through `locations/{l}/deletedVaults/{n}/purge`), the one-way switches (soft delete,
purge protection), private-link target."""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, World, WriteContext
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.providers.global_names import holder_of_name
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import KEY_VAULT
from tools.arm_emulator.type_registry import LroSpec, ResourceType

_MODELS = "azure.mgmt.keyvault.models"
# Vaults_CreateOrUpdate: long-running with 200/201 and no polling header; clients poll the vault.
VAULT_PUT = LroSpec(201, 200, azure_async_operation=False, location=False)
_NAME = re.compile(r"^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")
_DEFAULT_RETENTION = 90


def _deleted_vaults(world: World) -> list[Record]:
    return [r for r in world.store.deleted.values() if r.rtype.key == KEY_VAULT.lower()]


def _deleted_named(world: World, name: str) -> Record | None:
    return next((r for r in _deleted_vaults(world) if r.name.lower() == name.lower()), None)


def _deleted_document(record: Record) -> dict[str, Any]:
    subscription = record.id.split("/")[2]
    location = record.body["location"]
    deleted_on = record.extra.get("deletionDate", "")
    retention = record.properties.get("softDeleteRetentionInDays", _DEFAULT_RETENTION)
    purge_on = record.extra.get("scheduledPurgeDate", deleted_on)
    return {
        "id": f"/subscriptions/{subscription}/providers/Microsoft.KeyVault/locations/{location}"
        f"/deletedVaults/{record.name}",
        "name": record.name,
        "type": "Microsoft.KeyVault/deletedVaults",
        "properties": {
            "vaultId": record.id,
            "location": location,
            "deletionDate": deleted_on,
            "scheduledPurgeDate": purge_on,
            "tags": record.body.get("tags", {}),
            "purgeProtectionEnabled": bool(record.properties.get("enablePurgeProtection")),
            "softDeleteRetentionInDays": retention,
        },
    }


class VaultHooks(private_link.PrivateLinkTargetHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _NAME.match(ctx.name):
            raise ArmError(
                400,
                "VaultNameNotValid",
                f"The vault name '{ctx.name}' is invalid. A vault's name must be between 3-24 "
                "alphanumeric characters. The name must begin with a letter, end with a letter or "
                "digit, and not contain consecutive hyphens.",
            )
        holder = holder_of_name(ctx)
        if holder is not None:
            raise ArmError(
                409,
                "VaultAlreadyExists",
                f"The vault name '{ctx.name}' is already in use. Vault names are globally unique "
                "so it is possible that the name is already taken.",
            )
        properties = ctx.properties
        recovering = str(properties.get("createMode", "default")) == "recover"
        deleted = _deleted_named(ctx.world, ctx.name)
        if ctx.existing is None and deleted is not None and not recovering:
            raise ArmError(
                409,
                "ConflictError",
                f"A vault with the same name already exists in deleted state. You need to either "
                f"recover or purge existing key vault. Vault name: '{ctx.name}'.",
            )
        if recovering and ctx.existing is None:
            if deleted is None or deleted.key != ctx.resource_id.lower():
                raise ArmError(
                    404,
                    "DeletedVaultNotFound",
                    f"No deleted vault named '{ctx.name}' was found in this resource group.",
                )
            ctx.notes["recover"] = deleted
            return
        if properties.get("enableSoftDelete") is False:
            raise ArmError(
                400,
                "BadRequest",
                'The property "enableSoftDelete" has been set to false. Enabling the '
                "'soft delete' functionality is mandatory for all key vaults.",
                target="properties.enableSoftDelete",
            )
        retention = properties.get("softDeleteRetentionInDays")
        if retention is not None and not 7 <= int(retention) <= 90:
            raise ArmError(
                400,
                "BadRequest",
                "softDeleteRetentionInDays must be between 7 and 90.",
                target="properties.softDeleteRetentionInDays",
            )
        if ctx.existing is None:
            if properties.get("enablePurgeProtection") is False:
                raise ArmError(
                    400,
                    "BadRequest",
                    'The property "enablePurgeProtection" cannot be set to false; omit it to '
                    "leave purge protection off.",
                    target="properties.enablePurgeProtection",
                )
            return
        before = ctx.existing.properties
        if before.get("enablePurgeProtection") and properties.get("enablePurgeProtection") is False:
            raise ArmError(
                400,
                "BadRequest",
                "Purge protection cannot be disabled once it is enabled.",
                target="properties.enablePurgeProtection",
            )
        if retention is not None and int(retention) != before.get("softDeleteRetentionInDays"):
            raise ArmError(
                400,
                "BadRequest",
                "softDeleteRetentionInDays cannot be changed once the vault is created.",
                target="properties.softDeleteRetentionInDays",
            )

    def derive(self, ctx: WriteContext) -> None:
        recovered: Record | None = ctx.notes.get("recover")
        if recovered is not None:
            ctx.body.clear()
            ctx.body.update(copy.deepcopy(recovered.body))
            ctx.world.store.deleted.pop(recovered.key, None)
        properties = ctx.properties
        properties.pop("createMode", None)
        previous = ctx.existing.properties if ctx.existing else {}
        properties["vaultUri"] = f"https://{ctx.name.lower()}.vault.azure.net/"
        properties["enableSoftDelete"] = True
        properties.setdefault(
            "softDeleteRetentionInDays",
            previous.get("softDeleteRetentionInDays", _DEFAULT_RETENTION),
        )
        properties.setdefault("enableRbacAuthorization", False)
        properties.setdefault("accessPolicies", [])
        properties.setdefault("publicNetworkAccess", "Enabled")
        if previous.get("enablePurgeProtection"):
            properties["enablePurgeProtection"] = True

    def soft_delete(self, query: dict[str, str]) -> bool:
        return True

    def before_delete(self, world: World, record: Record) -> None:
        now = datetime.datetime.now(datetime.UTC)
        retention = int(record.properties.get("softDeleteRetentionInDays", _DEFAULT_RETENTION))
        record.extra["deletionDate"] = now.isoformat().replace("+00:00", "Z")
        purge_on = now + datetime.timedelta(days=retention)
        record.extra["scheduledPurgeDate"] = purge_on.isoformat().replace("+00:00", "Z")

    def provider_request(
        self,
        world: World,
        method: str,
        segments: tuple[str, ...],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[int, Any] | None:
        low = [s.lower() for s in segments]
        if low == ["deletedvaults"] and method == "GET":
            return 200, {"value": [_deleted_document(r) for r in _deleted_vaults(world)]}
        if len(low) < 4 or low[0] != "locations" or low[2] != "deletedvaults":
            return None
        record = _deleted_named(world, segments[3])
        if record is None or record.body["location"] != low[1]:
            raise ArmError(
                404,
                "ResourceNotFound",
                f"The Resource 'Microsoft.KeyVault/deletedVaults/{segments[3]}' was not found.",
            )
        if len(low) == 4 and method == "GET":
            return 200, _deleted_document(record)
        if low[4:] == ["purge"] and method == "POST":
            if record.properties.get("enablePurgeProtection"):
                raise ArmError(
                    409,
                    "Conflict",
                    f"Operation 'DeletedVaultPurge' is not allowed for vault '{record.name}': "
                    "purge protection is enabled; the name is released when the retention "
                    "period ends.",
                )
            world.store.deleted.pop(record.key, None)
            return 200, None
        return None


def _vault_type() -> ResourceType:
    return ResourceType(
        name=KEY_VAULT,
        api_versions=(pinned(KEY_VAULT),),
        model=f"{_MODELS}:VaultCreateOrUpdateParameters",
        patch_model=f"{_MODELS}:VaultPatchParameters",
        put_lro=VAULT_PUT,
        realistic_seconds=20,  # typical observed create time
        etag=None,
    )


_VAULT = _vault_type()

TYPES = [
    TypeEntry(_VAULT, VaultHooks()),
    private_link.connection_entry(_VAULT, f"{_MODELS}:PrivateEndpointConnection"),
]
