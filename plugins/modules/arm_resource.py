#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: arm_resource
short_description: Desired state of any Azure Resource Manager resource
version_added: 0.1.0
description:
  - Ensures any ARM resource, named by O(id) or by its parts, has at least the properties
    in O(body), or does not exist.
  - The resource is up to date when O(body) is a subset of what ARM returns; read-only
    properties (such as C(provisioningState)) and write-only ones ARM never returns (such as
    C(adminPassword)) are ignored, locations and resource ids are compared without regard to case.
  - An update sends O(body) merged over the current resource with C(PUT), so properties not in
    O(body) are kept.
  - Long-running operations are followed through C(Azure-AsyncOperation) or C(Location) until
    they finish; with O(wait=false) the module returns the started operation instead, for
    M(litware.aml_isolation.arm_operation_wait).
  - The diff shows only what O(body) manages, without read-only fields such as C(etag) or
    C(provisioningState).
author:
  - Litware Cloud Platform Team (@litware)
options:
  body:
    description:
      - The desired properties of the resource, as in the ARM REST API (C(location), C(tags),
        C(properties), ...).
      - Required when the resource does not exist yet and O(state=present).
    type: dict
  secret_body:
    description:
      - Secret parts of the body (passwords), merged into O(body) and never logged, so the task
        needs no C(no_log) and its result still names the resource.
      - ARM never returns them, so they are not compared (write-only); they are sent on create
        and with any update, never a change on their own.
    type: dict
  list_mode:
    description:
      - How lists in O(body) are compared with the current ones.
      - V(ordered) means same elements in the same order, V(unordered) same elements in any order,
        V(allow_more_present) the current list may hold more elements (which an update keeps).
      - Elements that are objects with a C(name) are matched by name.
    type: str
    choices: [ordered, unordered, allow_more_present]
    default: ordered
  state:
    description:
      - Whether the resource should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.wait
  - litware.aml_isolation.resource_target
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Ensure the spoke virtual network
  litware.aml_isolation.arm_resource:
    resource_group: rg-aml-prod
    provider: Microsoft.Network
    resource_type: virtualNetworks
    resource_name: vnet-aml
    body:
      location: eastus
      properties:
        addressSpace:
          addressPrefixes: [10.10.0.0/16]

- name: Ensure a subnet, by id
  litware.aml_isolation.arm_resource:
    id: "/subscriptions/{{ subscription_id }}/resourceGroups/rg-aml-prod/providers/\
      Microsoft.Network/virtualNetworks/vnet-aml/subnets/snet-training"
    body:
      properties:
        addressPrefix: 10.10.1.0/24

- name: Ensure a SQL server whose password comes from Ansible Vault
  litware.aml_isolation.arm_resource:
    resource_group: rg-aml-prod
    provider: Microsoft.Sql
    resource_type: servers
    resource_name: sqls-aml
    body:
      location: eastus
      properties:
        administratorLogin: sqladmin
        publicNetworkAccess: Disabled
    secret_body:
      properties:
        administratorLoginPassword: "{{ vault_sql_admin_password }}"

- name: Remove a route table
  litware.aml_isolation.arm_resource:
    resource_group: rg-aml-prod
    provider: Microsoft.Network
    resource_type: routeTables
    resource_name: rt-training
    state: absent
"""

RETURN = r"""
id:
  description: Resource id of the resource.
  returned: always
  type: str
  sample: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod/\
            providers/Microsoft.Network/virtualNetworks/vnet-aml"
api_version:
  description: The api-version used.
  returned: always
  type: str
  sample: "2026-03-01"
resource:
  description:
    - The resource as ARM returned it after the change; in check mode, as it would be.
    - Empty when the resource does not exist.
  returned: always
  type: dict
  sample:
    id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod/\
          providers/Microsoft.Network/virtualNetworks/vnet-aml"
    name: vnet-aml
    type: Microsoft.Network/virtualNetworks
    location: eastus
    properties:
      provisioningState: Succeeded
      addressSpace:
        addressPrefixes: [10.10.0.0/16]
changed_properties:
  description:
    - Dotted paths of the properties of O(body) that differed from the current resource;
      elements of lists matched by name appear as C(path[name]).
  returned: when the resource existed and was updated
  type: list
  elements: str
  sample: [properties.addressSpace.addressPrefixes, tags.owner]
operation:
  description:
    - With O(wait=false), the handle of the started operation (C(id), C(api_version),
      C(method), C(status_url), C(location_url)) for M(litware.aml_isolation.arm_operation_wait).
    - C(method) is V(null) when nothing was started (no change, or check mode).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    LIST_MODES,
    ORDERED,
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    DesiredState,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (  # noqa: E402
    WAIT_ARGUMENT_SPEC,
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.target import (  # noqa: E402
    TARGET_ARGUMENT_SPEC,
    TARGET_MODULE_RULES,
    resource_target,
)

ARGUMENT_SPEC = dict(
    body=dict(type="dict"),
    secret_body=dict(type="dict", no_log=True),
    list_mode=dict(type="str", choices=list(LIST_MODES), default=ORDERED),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    **TARGET_ARGUMENT_SPEC,
    **WAIT_ARGUMENT_SPEC,
)


def leaf_paths(body: dict, prefix: str = "") -> list:
    """Dotted paths of the values of BODY that are not dictionaries."""
    paths = []
    for key, value in body.items():
        path = f"{prefix}.{key}" if prefix else key
        paths.extend(leaf_paths(value, path) if isinstance(value, dict) and value else [path])
    return paths


def merged(body: dict | None, secret: dict) -> dict:
    out = dict(body or {})
    for key, value in secret.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def run(module: ArmModule) -> dict:
    params = module.params
    validate.positive(params["timeout"], "timeout")
    target = resource_target(params, lambda: module.subscription_id)
    secret = params["secret_body"] or {}
    if secret and params["state"] == "absent":
        raise invalid_option("secret_body", "is only for state=present")
    body = merged(params["body"], secret) if secret else params["body"]
    comparator = Comparator(
        target.type_key, params["list_mode"], write_only_paths=leaf_paths(secret)
    )
    engine = DesiredState(module, target.resource_id, target.api_version, Rules(comparator))
    return engine.ensure(params["state"], body)


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, **TARGET_MODULE_RULES)
    module.execute(run)


if __name__ == "__main__":
    main()
