#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: role_assignment
short_description: One role of one principal at one scope, under a deterministic name
version_added: 0.3.0
description:
  - Ensures the principal O(principal_id) holds O(role) at O(scope), or does not.
  - The assignment's name is a GUID derived from the scope, the role and the principal (its
    O(principal_key) when given, else its object id), so a re-run finds the assignment it made
    instead of adding another. An equal assignment that
    exists under another name (made by hand or by another tool) counts as present; nothing is
    added, and O(state=absent) removes it.
  - A principal created moments before may not have replicated yet; the module retries the
    assignment on C(PrincipalNotFound) for up to O(propagation_timeout) seconds.
author:
  - Litware Cloud Platform Team (@litware)
options:
  scope:
    description:
      - Resource id of the scope (a subscription, a resource group or a resource).
      - Required, with O(principal_id) and O(role), unless O(items) is given.
    type: str
  principal_id:
    description: Object id of the user, group or service principal (managed identity).
    type: str
  principal_type:
    description: Kind of principal; sent so a fresh principal is found during replication.
    type: str
    choices: [ServicePrincipal, User, Group]
    default: ServicePrincipal
  role:
    description:
      - The role, by built-in name (C(Storage Blob Data Contributor)), by role definition GUID
        or by role definition id. A name the collection's table of built-in roles lacks is
        looked up among the subscription's role definitions (custom roles too); a name that
        does not exist fails before any write.
    type: str
  principal_key:
    description:
      - A name of the principal that is known before the principal exists and stays when it
        is made again - a user's UPN, a managed identity's resource id, a group's or an
        application's unique name. The assignment's name derives from it instead of from the
        object id, so check mode names the very assignment a run will create, even before the
        principal exists.
      - The assignment under that name held by another object id (the principal was deleted
        and made again) is replaced, since an assignment cannot change.
      - Mutually exclusive with O(name).
    type: str
  name:
    description:
      - Name (GUID) of the assignment. Unset means the deterministic name; set it only to
        adopt an assignment made elsewhere under a known name.
    type: str
  description:
    description: Description of the assignment.
    type: str
  state:
    description: Whether the assignment should exist.
    type: str
    choices: [present, absent]
    default: present
  items:
    description:
      - Several assignments in one module execution instead of O(scope), O(principal_id) and
        O(role) - one sign-in and one GET per converged assignment, where a loop costs a module
        execution per item.
      - Each item is a dictionary of O(scope), O(principal_id), O(role) and any of
        O(principal_type), O(principal_key), O(name), O(description) and O(state); an option
        an item leaves out is the task's.
      - Every item is checked before the first request; an error names the item
        (C(items[2].principal_id)). The results come in C(results), one per item in order,
        each as the module returns for one assignment.
    type: list
    elements: dict
  propagation_timeout:
    description: Seconds to retry while Entra ID has not replicated a fresh principal yet.
    type: int
    default: 300
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Let the workspace identity administer the key vault
  litware.aml_isolation.role_assignment:
    scope: "{{ key_vault.id }}"
    principal_id: "{{ identity.principal_id }}"
    role: Key Vault Administrator
"""

RETURN = r"""
id:
  description: Resource id of the assignment (of the equal one found under another name).
  returned: always
  type: str
name:
  description: Name (GUID) of the assignment.
  returned: always
  type: str
role_definition_id:
  description: The resolved role definition id.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The assignment as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
"""

import time  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    items,
    roles,
    validate,
)  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    AUTHORIZATION,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    DesiredState,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    parse_resource_id,
    same_resource_id,
)

ASSIGNMENTS = "providers/Microsoft.Authorization/roleAssignments"
RULES = Rules(Comparator("microsoft.authorization/roleassignments"))
RETRY_SECONDS = 10

ARGUMENT_SPEC = dict(
    scope=dict(type="str"),
    principal_id=dict(type="str"),
    principal_type=dict(
        type="str", choices=["ServicePrincipal", "User", "Group"], default="ServicePrincipal"
    ),
    role=dict(type="str"),
    principal_key=dict(type="str", no_log=False),
    name=dict(type="str"),
    description=dict(type="str"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    propagation_timeout=dict(type="int", default=300),
    items=dict(type="list", elements="dict"),
)
ITEM_REQUIRED = ("scope", "principal_id", "role")


def validate_options(params: dict) -> None:
    parse_resource_id(params["scope"], "scope")
    validate.uuid(params["principal_id"], "principal_id")
    validate.uuid(params["name"], "name")
    validate.positive(params["propagation_timeout"], "propagation_timeout")
    if not params["role"].strip():
        raise invalid_option("role", "must name a role")
    if params["principal_key"] is not None and not params["principal_key"].strip():
        raise invalid_option("principal_key", "must not be empty when given")


def _matches(assignment: dict, scope: str, role_definition_id: str, principal_id: str) -> bool:
    principal = (assignment.get("properties") or {}).get("principalId") or ""
    same_principal = principal.lower() == principal_id.lower()
    return same_principal and _matches_role(assignment, scope, role_definition_id)


def _matches_role(assignment: dict, scope: str, role_definition_id: str) -> bool:
    properties = assignment.get("properties") or {}
    return same_resource_id(properties.get("scope"), scope) and roles.role_definition_guid(
        properties.get("roleDefinitionId") or ""
    ) == roles.role_definition_guid(role_definition_id)


def equal_elsewhere(
    module: ArmModule, scope: str, role_definition_id: str, principal_id: str
) -> dict | None:
    """An assignment of the same role to the same principal at exactly SCOPE, any name."""
    for assignment in module.client.list(f"{scope}/{ASSIGNMENTS}", AUTHORIZATION):
        if _matches(assignment, scope, role_definition_id, principal_id):
            return assignment
    return None


def _engine(module: ArmModule, scope: str, name: str) -> DesiredState:
    return DesiredState(
        module, parse_resource_id(f"{scope}/{ASSIGNMENTS}/{name}"), AUTHORIZATION, RULES
    )


def _create(module: ArmModule, engine: DesiredState, body: dict) -> dict:
    deadline = time.monotonic() + module.params["propagation_timeout"]
    while True:
        try:
            return engine.present(None, body)
        except ArmError as err:
            if (err.code or "") == "RoleAssignmentExists":
                # Made meanwhile under another name: the role is held, nothing to add.
                return {
                    "changed": False,
                    "resource": body,
                    "diff": {},
                    "id": str(engine.resource_id),
                }
            if (err.code or "") != "PrincipalNotFound" or time.monotonic() >= deadline:
                raise
        time.sleep(RETRY_SECONDS)


def run(module: ArmModule) -> dict:
    params = module.params
    if params["items"] is None:
        validate_options(params)
        return ensure(module, params)
    checked = items.checked_items(ARGUMENT_SPEC, params, validate_options, ITEM_REQUIRED)
    return items.combined([ensure(module, one) for one, _unused in checked])


def ensure(module: ArmModule, params: dict) -> dict:
    scope = params["scope"].rstrip("/")
    role_definition_id = roles.role_definition_id(module.client, scope, params["role"])
    name = params["name"] or roles.assignment_name(
        scope,
        roles.role_definition_guid(role_definition_id),
        params["principal_key"] or params["principal_id"],
    )
    engine = _engine(module, scope, name)
    current = engine.read()
    replaced = None
    if current is None:
        found = equal_elsewhere(module, scope, role_definition_id, params["principal_id"])
        if found is not None:
            name = found.get("name") or name
            engine = _engine(module, scope, name)
            current = found
    elif not _matches(current, scope, role_definition_id, params["principal_id"]):
        if not (params["principal_key"] and _matches_role(current, scope, role_definition_id)):
            raise invalid_option(
                "name",
                f"assignment {name} at {scope} exists for another role or principal; an "
                "assignment cannot change, delete it first",
            )
        # Held by an earlier principal of the same key (deleted and made again): replaced.
        replaced, current = current, None
    body = {
        "properties": {
            "roleDefinitionId": role_definition_id,
            "principalId": params["principal_id"],
            "principalType": params["principal_type"],
            "description": params["description"],
        }
    }
    if params["state"] == "absent":
        result = engine.absent(current)
    elif current is None:
        if replaced is not None:
            engine.absent(replaced)
        result = _create(module, engine, body)
        if replaced is not None:
            result["diff"] = dict(
                result["diff"], before=engine.comparator.managed_view(replaced, body)
            )
    else:
        # principalType and description are not compared: ARM fills in the type it found.
        result = engine.present(current, {})
    return dict(result, name=name, role_definition_id=role_definition_id)


def main() -> None:
    module = ArmModule(
        argument_spec=ARGUMENT_SPEC,
        mutually_exclusive=[
            ("principal_key", "name"),
            *(("items", option) for option in ITEM_REQUIRED),
        ],
        required_one_of=[("items", "scope")],
        required_together=[ITEM_REQUIRED],
        supports_check_mode=True,
    )
    module.execute(run)


if __name__ == "__main__":
    main()
