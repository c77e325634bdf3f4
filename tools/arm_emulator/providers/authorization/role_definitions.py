"""Built-in role definitions: read by id (at any scope, shown under the subscription as ARM does)
and listed with `$filter=roleName eq '<name>'`. Ids are Azure's (built-in roles reference,
arm-facts §10); permissions are not modelled. Custom roles are not served."""

from __future__ import annotations

import re
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.type_names import ROLE_DEFINITION
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.authorization.v2022_04_01.models"
_FILTER = re.compile(r"^\s*roleName\s+eq\s+'([^']*)'\s*$", re.IGNORECASE)

BUILT_IN_ROLES = {
    "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
    "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
    "Azure AI Administrator": "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
    "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
    "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    "AcrPush": "8311e382-0749-4cb8-b61a-304f252e45ec",
    "AcrDelete": "c2f4ef07-c644-48eb-af81-4b1b4947fb11",
    "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
    "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
}
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
