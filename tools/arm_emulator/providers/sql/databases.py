"""SQL databases on a logical server: in the server's region, service-set status and ids."""

from __future__ import annotations

import datetime

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext
from tools.arm_emulator.type_names import SQL_DATABASE, SQL_SERVER
from tools.arm_emulator.type_registry import ACCEPTED_PUT, LOCATION_DELETE, ResourceType

_MODELS = "azure.mgmt.sql.models"
_DEFAULT_SKU = {"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2}


class DatabaseHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        server = ctx.world.store.get(ctx.resource_id.rsplit("/databases/", 1)[0])
        if server is not None and ctx.body.get("location") != server.body.get("location"):
            raise ArmError(
                400,
                "InvalidLocation",
                f"The database must be in the server's region '{server.body.get('location')}'.",
                target="location",
            )
        if ctx.name.lower() == "master" and ctx.existing is None:
            raise ArmError(
                400, "InvalidDatabaseName", "The database name 'master' is reserved.", target="name"
            )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        ctx.keep_guid("databaseId")
        properties["status"] = "Online"
        properties.setdefault(
            "collation", previous.get("collation", "SQL_Latin1_General_CP1_CI_AS")
        )
        properties.setdefault("maxSizeBytes", previous.get("maxSizeBytes", 34359738368))
        properties.setdefault("zoneRedundant", previous.get("zoneRedundant", False))
        properties["creationDate"] = previous.get("creationDate") or (
            datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")
        )
        ctx.body.setdefault("sku", dict(_DEFAULT_SKU))
        ctx.body["kind"] = "v12.0,user"


TYPES = [
    TypeEntry(
        ResourceType(
            name=SQL_DATABASE,
            api_versions=(pinned(SQL_DATABASE),),
            model=f"{_MODELS}:Database",
            patch_model=f"{_MODELS}:DatabaseUpdate",
            parent=SQL_SERVER,
            put_lro=ACCEPTED_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=60,  # typical observed create time
            etag=None,
        ),
        DatabaseHooks(),
    )
]
