# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Built-in role names and ids, the deterministic role assignment name, role lookup.

The one table of built-in roles the collection names. Their ids are the same in every
tenant and cloud; a role not in the table is looked up through roleDefinitions by name.
"""

from __future__ import annotations

import uuid

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    AUTHORIZATION,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.validate import UUID

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
_BY_LOWER_NAME = {name.lower(): role_id for name, role_id in BUILT_IN_ROLES.items()}

# Fixed namespace of the assignment names: the same (scope, role, principal) always gives the
# same name, so a re-run finds the assignment it made instead of adding another.
ASSIGNMENT_NAMESPACE = uuid.UUID("6f0a3c52-59b1-4f44-9d64-0b8e1d3f6a21")


def role_definition_guid(role_definition_id: str) -> str:
    return role_definition_id.rstrip("/").rsplit("/", 1)[-1].lower()


def assignment_name(scope: str, role_guid: str, principal_id: str) -> str:
    key = f"{scope.rstrip('/').lower()}|{role_guid.lower()}|{principal_id.lower()}"
    return str(uuid.uuid5(ASSIGNMENT_NAMESPACE, key))


def subscription_of(scope: str) -> str:
    parts = scope.strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0].lower() == "subscriptions" else ""


def role_definition_id(client, scope: str, role: str) -> str:
    """The full roleDefinitionId of ROLE (a built-in name, a GUID, or a definition id).

    A name not in the table is looked up among the role definitions of the subscription of
    SCOPE (so the lookup works before the scope exists); a name that does not exist fails
    naming the option `role`.
    """
    subscription = subscription_of(scope)
    prefix = f"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/"
    if role.lower().startswith("/subscriptions/") or role.lower().startswith("/providers/"):
        return role
    if UUID.match(role):
        return prefix + role.lower()
    if role.lower() in _BY_LOWER_NAME:
        return prefix + _BY_LOWER_NAME[role.lower()]
    quoted = role.replace("'", "''")
    definitions = client.list(
        f"/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions",
        AUTHORIZATION,
        query={"$filter": f"roleName eq '{quoted}'"},
    )
    for definition in definitions:
        if ((definition.get("properties") or {}).get("roleName") or "").lower() == role.lower():
            return prefix + role_definition_guid(definition.get("id") or definition.get("name"))
    raise invalid_option(
        "role",
        f"no role named {role!r} exists in subscription {subscription} (neither built in "
        "nor custom)",
    )
