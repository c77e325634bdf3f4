"""Storage accounts: global DNS names, create-time members, service endpoints, access keys; the
blob service (`default`, always present) and its containers; private-link target."""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import (
    Action,
    ActionResult,
    TypeEntry,
    TypeHooks,
    World,
    WriteContext,
)
from tools.arm_emulator.parts import managed_identity, private_link
from tools.arm_emulator.providers.global_names import holder_of_name
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import BLOB_CONTAINER, BLOB_SERVICE, STORAGE_ACCOUNT
from tools.arm_emulator.type_registry import LroSpec, ResourceType

_MODELS = "azure.mgmt.storage.models"
# Storage create: 202 + Location, then a GET (spec: x-ms-long-running-operation, final state
# via location); a PUT on an existing account answers 200 at once.
STORAGE_PUT = LroSpec(202, 200, azure_async_operation=False, location=True)
_NAME = re.compile(r"^[a-z0-9]{3,24}$")
_CONTAINER = re.compile(r"^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")
_SERVICES = ("blob", "queue", "table", "file", "web", "dfs")
_IMMUTABLE = (("kind",), ("properties", "isHnsEnabled"))


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")


def _member(body: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        body = body.get(part) if isinstance(body, dict) else None  # type: ignore[assignment]
    return body


def _keys(record: Record) -> dict[str, Any]:
    def key(label: str) -> str:
        digest = hashlib.sha512(f"{record.key}:{label}".encode()).digest()
        return base64.b64encode(digest).decode()

    created = record.properties.get("creationTime")
    return {
        "keys": [
            {"keyName": label, "value": key(label), "permissions": "FULL", "creationTime": created}
            for label in ("key1", "key2")
        ]
    }


def _list_keys(world: World, record: Record, body: dict[str, Any]) -> ActionResult:
    return ActionResult(200, _keys(record))


class StorageAccountHooks(private_link.PrivateLinkTargetHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _NAME.match(ctx.name):
            raise ArmError(
                400,
                "AccountNameInvalid",
                f"{ctx.name} is not a valid storage account name. Storage account name must be "
                "between 3 and 24 characters in length and use numbers and lower-case letters "
                "only.",
            )
        if holder_of_name(ctx) is not None:
            raise ArmError(
                409,
                "StorageAccountAlreadyTaken",
                f"The storage account named {ctx.name} is already taken.",
            )
        if ctx.existing is not None:
            for path in _IMMUTABLE:
                before, after = _member(ctx.existing.body, path), _member(ctx.body, path)
                if after is not None and before is not None and str(after) != str(before):
                    member = ".".join(path)
                    raise ArmError(
                        409,
                        "PropertyChangeNotAllowed",
                        f"The property '{member}' cannot be changed after the storage account "
                        "is created.",
                        target=member,
                    )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        managed_identity.derive_identity(ctx)
        properties = ctx.properties
        properties["creationTime"] = previous.get("creationTime") or _now()
        properties["primaryLocation"] = ctx.body["location"]
        properties["statusOfPrimary"] = "available"
        properties["primaryEndpoints"] = {
            service: f"https://{ctx.name}.{service}.core.windows.net/" for service in _SERVICES
        }
        acls = properties.setdefault("networkAcls", {})
        acls.setdefault("bypass", "AzureServices")
        acls.setdefault("defaultAction", "Allow")
        acls.setdefault("virtualNetworkRules", [])
        acls.setdefault("ipRules", [])
        properties.setdefault("supportsHttpsTrafficOnly", True)
        properties.setdefault("isHnsEnabled", previous.get("isHnsEnabled", False))
        properties.setdefault("encryption", {"keySource": "Microsoft.Storage"})
        if ctx.existing is not None:
            for path in _IMMUTABLE:
                if _member(ctx.body, path) is None and _member(ctx.existing.body, path) is not None:
                    target = ctx.body
                    for part in path[:-1]:
                        target = target.setdefault(part, {})
                    target[path[-1]] = _member(ctx.existing.body, path)

    def after_change(self, world: World) -> None:
        """Every account has its blob service `default`, as in Azure."""
        rtype = world.registry.get(BLOB_SERVICE)
        assert rtype is not None
        for account in world.store.of_type(STORAGE_ACCOUNT):
            service_id = f"{account.id}/blobServices/default"
            if world.store.get(service_id) is None:
                record = Record(service_id, rtype, {"properties": {}})
                record.touch()
                world.store.put(record)

    def actions(self) -> dict[str, Action]:
        return {"listkeys": _list_keys}

    def provider_request(
        self,
        world: World,
        method: str,
        segments: tuple[str, ...],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[int, Any] | None:
        if method != "POST" or [s.lower() for s in segments] != ["checknameavailability"]:
            return None
        name = str(body.get("name", ""))
        if not _NAME.match(name):
            reason, message = "AccountNameInvalid", f"{name} is not a valid storage account name."
        elif any(r.name.lower() == name.lower() for r in world.store.of_type(STORAGE_ACCOUNT)):
            reason, message = "AlreadyExists", f"The storage account named {name} is already taken."
        else:
            return 200, {"nameAvailable": True}
        return 200, {"nameAvailable": False, "reason": reason, "message": message}


class BlobServiceHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        if ctx.name.lower() != "default":
            raise ArmError(
                400,
                "InvalidResourceName",
                "The blob service of a storage account is named 'default'.",
            )


class BlobContainerHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _CONTAINER.match(ctx.name):
            raise ArmError(
                400,
                "ContainerNameInvalid",
                f"The specified container name '{ctx.name}' is not valid: 3-63 lower-case "
                "letters, digits and single hyphens, starting and ending with a letter or digit.",
            )
        account = ctx.world.store.get(ctx.parent.parent_id or "") if ctx.parent else None
        wanted = str(ctx.properties.get("publicAccess", "None"))
        if account is not None and wanted != "None":
            if account.properties.get("allowBlobPublicAccess") is not True:
                raise ArmError(
                    409,
                    "PublicAccessNotPermitted",
                    "Public access is not permitted on this storage account.",
                )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        properties.setdefault("publicAccess", "None")
        properties["lastModifiedTime"] = _now()
        properties["leaseStatus"] = "Unlocked"
        properties["leaseState"] = "Available"
        properties["hasImmutabilityPolicy"] = False
        properties["hasLegalHold"] = False
        properties.setdefault("defaultEncryptionScope", "$account-encryption-key")
        properties["deleted"] = False
        for member in ("defaultEncryptionScope", "denyEncryptionScopeOverride"):
            if member in previous:
                properties[member] = previous[member]


def _account_type() -> ResourceType:
    return ResourceType(
        name=STORAGE_ACCOUNT,
        api_versions=(pinned(STORAGE_ACCOUNT),),
        model=f"{_MODELS}:StorageAccountCreateParameters",
        patch_model=f"{_MODELS}:StorageAccountUpdateParameters",
        put_lro=STORAGE_PUT,
        realistic_seconds=20,  # typical observed create time
        etag=None,
    )


_ACCOUNT = _account_type()

TYPES = [
    TypeEntry(_ACCOUNT, StorageAccountHooks()),
    TypeEntry(
        ResourceType(
            name=BLOB_SERVICE,
            api_versions=(pinned(BLOB_SERVICE),),
            model=f"{_MODELS}:BlobServiceProperties",
            parent=STORAGE_ACCOUNT,
            location="none",
            etag=None,
            list_in_subscription=False,
        ),
        BlobServiceHooks(),
    ),
    TypeEntry(
        ResourceType(
            name=BLOB_CONTAINER,
            api_versions=(pinned(BLOB_CONTAINER),),
            model=f"{_MODELS}:BlobContainer",
            parent=BLOB_SERVICE,
            location="none",
            etag="plain",
            list_in_subscription=False,
        ),
        BlobContainerHooks(),
    ),
    private_link.connection_entry(_ACCOUNT, f"{_MODELS}:PrivateEndpointConnection"),
]
