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
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.built_in_roles import (
    BUILT_IN_ROLES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.validate import UUID

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
