"""SQL logical servers: global names (`<name>.database.windows.net`), an administrator login fixed
at creation and a password that is write-only (never returned), TLS and public access settings,
private-link target (`sqlServer`)."""

from __future__ import annotations

import re
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, World, WriteContext
from tools.arm_emulator.parts import managed_identity, private_link
from tools.arm_emulator.providers.global_names import holder_of_name
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import SQL_SERVER
from tools.arm_emulator.type_registry import ACCEPTED_PUT, LOCATION_DELETE, ResourceType

_MODELS = "azure.mgmt.sql.models"
_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PASSWORD = "administratorLoginPassword"
# Logins SQL reserves (a subset of the documented list).
_RESERVED_LOGINS = {"admin", "administrator", "sa", "root", "dbmanager", "loginmanager", "guest"}
_TLS = {"None", "1.0", "1.1", "1.2", "1.3"}


def _invalid(target: str, code: str, message: str) -> ArmError:
    return ArmError(400, code, message, target=target)


class ServerHooks(private_link.PrivateLinkTargetHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _NAME.match(ctx.name):
            raise _invalid(
                "name",
                "InvalidServerName",
                f"Invalid value given for parameter ServerName '{ctx.name}': lowercase letters, "
                "digits and hyphens, 1-63 characters, not starting or ending with a hyphen.",
            )
        if holder_of_name(ctx) is not None:
            raise ArmError(
                409,
                "ServerAlreadyExists",
                f"The name '{ctx.name}' already exists. Choose a different name.",
            )
        properties = ctx.properties
        tls = properties.get("minimalTlsVersion")
        if tls is not None and str(tls) not in _TLS:
            raise _invalid(
                "properties.minimalTlsVersion",
                "InvalidMinimalTlsVersion",
                f"'{tls}' is not a valid minimal TLS version: one of {sorted(_TLS)}.",
            )
        login = properties.get("administratorLogin")
        if ctx.existing is not None:
            before = ctx.existing.properties.get("administratorLogin")
            if login is not None and before is not None and login != before:
                raise _invalid(
                    "properties.administratorLogin",
                    "InvalidParameterValue",
                    "The administrator login of a server cannot be changed.",
                )
            return
        if not login:
            raise _invalid(
                "properties.administratorLogin",
                "InvalidLoginName",
                "Invalid value given for parameter Login. Specify a valid parameter value.",
            )
        if str(login).lower() in _RESERVED_LOGINS:
            raise _invalid(
                "properties.administratorLogin",
                "InvalidLoginName",
                f"The login name '{login}' is reserved; choose another administrator login.",
            )
        if not properties.get(_PASSWORD):
            raise _invalid(
                "properties.administratorLoginPassword",
                "InvalidParameterValue",
                "Invalid value given for parameter Password. Specify a valid parameter value.",
            )

    def derive(self, ctx: WriteContext) -> None:
        managed_identity.derive_identity(ctx)
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        if _PASSWORD not in properties and _PASSWORD in previous:
            properties[_PASSWORD] = previous[_PASSWORD]
        properties.setdefault("administratorLogin", previous.get("administratorLogin"))
        properties["version"] = "12.0"
        properties["state"] = "Ready"
        properties["fullyQualifiedDomainName"] = f"{ctx.name}.database.windows.net"
        properties.setdefault("publicNetworkAccess", previous.get("publicNetworkAccess", "Enabled"))
        properties.setdefault("minimalTlsVersion", previous.get("minimalTlsVersion", "1.2"))
        properties.setdefault("restrictOutboundNetworkAccess", "Disabled")
        ctx.body["kind"] = "v12.0"

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        super().render(world, record, document)
        document["properties"].pop(_PASSWORD, None)


def _server_type() -> ResourceType:
    return ResourceType(
        name=SQL_SERVER,
        api_versions=(pinned(SQL_SERVER),),
        model=f"{_MODELS}:Server",
        patch_model=f"{_MODELS}:ServerUpdate",
        put_lro=ACCEPTED_PUT,
        delete_lro=LOCATION_DELETE,
        realistic_seconds=60,  # typical observed create time
        etag=None,
    )


SERVER = _server_type()

TYPES = [
    TypeEntry(SERVER, ServerHooks()),
    private_link.connection_entry(SERVER, f"{_MODELS}:PrivateEndpointConnection"),
]
