# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deployment's role assignments, resolved from the one table of them.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.built_in_roles import (
    BUILT_IN_ROLES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.deployment_role_assignments import (  # noqa: E501
    PRINCIPALS,
    ROLE_ASSIGNMENTS,
    SCOPES,
)


def _principal(symbol, value):
    if not isinstance(value, dict) or not value.get("object_id"):
        raise AnsibleFilterError(f"principal {symbol!r} needs an object_id")
    return (
        str(value["object_id"]),
        str(value.get("type") or "ServicePrincipal"),
        str(value.get("key") or value["object_id"]),
    )


def _scope_ids(symbol, scopes):
    if symbol not in scopes:
        raise AnsibleFilterError(f"scope {symbol!r} is not given (one of {sorted(SCOPES)})")
    value = scopes[symbol]
    ids = [value] if isinstance(value, str) else list(value or [])
    if not ids or not all(isinstance(i, str) and i.startswith("/subscriptions/") for i in ids):
        raise AnsibleFilterError(f"scope {symbol!r} must be resource ids, got {value!r}")
    return ids


def declared_role_assignments(principals, scopes, flags=None):
    """One {principal, principal_id, principal_type, principal_key, role, scope, reason} per
    assignment of the table's rows whose principal is in PRINCIPALS and whose flag FLAGS
    sets."""
    if not isinstance(principals, dict) or not isinstance(scopes, dict):
        raise AnsibleFilterError("principals and scopes must be dictionaries")
    unknown = sorted(set(principals) - set(PRINCIPALS))
    if unknown:
        raise AnsibleFilterError(f"unknown principal {unknown[0]!r} (one of {sorted(PRINCIPALS)})")
    flags = dict(flags or {})
    resolved = []
    for row in ROLE_ASSIGNMENTS:
        if row["principal"] not in principals:
            continue
        if row["when"] != "always" and not flags.get(row["when"]):
            continue
        principal_id, principal_type, key = _principal(
            row["principal"], principals[row["principal"]]
        )
        for scope_id in _scope_ids(row["scope"], scopes):
            resolved.append(
                {
                    "principal": row["principal"],
                    "principal_id": principal_id,
                    "principal_type": principal_type,
                    "principal_key": key,
                    "role": row["role"],
                    "role_definition_guid": BUILT_IN_ROLES[row["role"]],
                    "scope": scope_id,
                    "reason": row["reason"],
                }
            )
    return resolved


# The options of litware.aml_isolation.role_assignment a declared assignment sets.
ITEM_KEYS = ("scope", "principal_id", "principal_type", "principal_key", "role")


def role_assignment_items(assignments):
    """The `items` of one role_assignment task for declared ASSIGNMENTS."""
    if not isinstance(assignments, list):
        raise AnsibleFilterError(
            "role_assignment_items expects the list declared_role_assignments gives"
        )
    return [
        {key: assignment[key] for key in ITEM_KEYS if key in assignment}
        for assignment in assignments
    ]


class FilterModule:
    def filters(self):
        return {
            "declared_role_assignments": declared_role_assignments,
            "role_assignment_items": role_assignment_items,
        }
