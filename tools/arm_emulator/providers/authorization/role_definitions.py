"""Built-in role definitions: read by id (at any scope, shown under the subscription as ARM does)
and listed with `$filter=roleName eq '<name>'`. Ids are Azure's, from the collection's
built_in_roles.py; permissions are not modelled. Custom roles are not served."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.type_names import ROLE_DEFINITION
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.authorization.v2022_04_01.models"
_FILTER = re.compile(r"^\s*roleName\s+eq\s+'([^']*)'\s*$", re.IGNORECASE)

_TABLE = Path(__file__).resolve().parents[4] / "plugins/module_utils/_arm/built_in_roles.py"


def _load_built_in_roles() -> dict[str, str]:
    """The collection's own table, read as a file so that Ansible need not be installed."""
    spec = importlib.util.spec_from_file_location("_collection_built_in_roles", _TABLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.BUILT_IN_ROLES)


BUILT_IN_ROLES = _load_built_in_roles()
_BY_ID = {guid: name for name, guid in BUILT_IN_ROLES.items()}


def role_name(role_definition_id: str) -> str | None:
    """The built-in role a `roleDefinitionId` (full id or bare GUID) names, if any."""
    return _BY_ID.get(role_definition_id.rstrip("/").rsplit("/", 1)[-1].lower())


def _document(subscription: str, name: str) -> dict[str, Any]:
    guid = BUILT_IN_ROLES[name]
    return {
        "id": f"/subscriptions/{subscription}/providers/{ROLE_DEFINITION}/{guid}",
        "name": guid,
        "type": ROLE_DEFINITION,
        "properties": {
            "roleName": name,
            "type": "BuiltInRole",
            "description": f"Azure built-in role '{name}'.",
            "assignableScopes": ["/"],
        },
    }


class RoleDefinitionHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        raise ArmError(
            400,
            "RoleDefinitionWriteNotSupported",
            "Only Azure's built-in role definitions are served; custom roles are not modelled.",
        )

    def provider_request(
        self,
        world: World,
        method: str,
        segments: tuple[str, ...],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[int, Any] | None:
        if method != "GET" or not segments or segments[0].lower() != "roledefinitions":
            return None
        subscription = world.subscription
        if len(segments) == 1:
            names = list(BUILT_IN_ROLES)
            wanted = query.get("$filter")
            if wanted:
                match = _FILTER.match(wanted)
                if match is None:
                    raise ArmError(400, "InvalidFilter", f"The filter '{wanted}' is not supported.")
                names = [n for n in names if n.lower() == match.group(1).lower()]
            return 200, {"value": [_document(subscription, n) for n in names]}
        name = role_name(segments[1])
        if len(segments) != 2 or name is None:
            raise ArmError(
                404,
                "RoleDefinitionDoesNotExist",
                f"The specified role definition with ID '{segments[-1]}' does not exist.",
            )
        return 200, _document(subscription, name)


TYPES = [
    TypeEntry(
        ResourceType(
            name=ROLE_DEFINITION,
            api_versions=(pinned(ROLE_DEFINITION),),
            model=f"{_MODELS}:RoleDefinition",
            location="none",
            etag=None,
            extension=True,
        ),
        RoleDefinitionHooks(),
    )
]
