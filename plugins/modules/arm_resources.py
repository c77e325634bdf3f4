#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: arm_resources
short_description: Desired state of several Azure Resource Manager resources in one task
version_added: 0.5.0
description:
  - Ensures each resource of O(resources) as M(litware.aml_isolation.arm_resource) ensures
    one - at least the properties of its C(body), or absent - in one module execution, with
    one sign-in and one connection.
  - Meant for lists of alike resources (a set of private DNS zones, their VNet links, the
    subnets of a VNet) that a loop of M(litware.aml_isolation.arm_resource) would converge one
    module execution per item; a converged list costs one execution and one GET per resource.
  - Every item is checked (its id parsed, its api-version known) before the first request.
    The resources are handled in list order; the first that fails stops the task, naming its
    index, and those before it stay as written (a re-run converges the rest).
author:
  - Litware Cloud Platform Team (@litware)
options:
  resources:
    description: The resources, each by its id.
    type: list
    elements: dict
    required: true
    suboptions:
      id:
        description: Resource id.
        type: str
        required: true
      body:
        description:
          - The desired properties, as in the ARM REST API (C(location), C(tags),
            C(properties), ...); required when the resource does not exist yet.
        type: dict
      state:
        description: Whether the resource should exist.
        type: str
        choices: [present, absent]
        default: present
      api_version:
        description: The api-version; by default the one the collection pins for the type.
        type: str
  list_mode:
    description:
      - How lists in each body are compared with the current ones, as in
        M(litware.aml_isolation.arm_resource).
    type: str
    choices: [ordered, unordered, allow_more_present]
    default: ordered
  wait:
    description:
      - Wait for each long-running operation to finish before the next resource. With
        V(false) every change is started and its handle returned in C(results[].operation)
        (and all of them in RV(operations)) for M(litware.aml_isolation.arm_operation_wait).
    type: bool
    default: true
  timeout:
    description: Seconds to wait for a long-running operation before failing.
    type: int
    default: 1800
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Start creating two private DNS zones
  litware.aml_isolation.arm_resources:
    resources:
      - id: "{{ zone_prefix }}/privatelink.blob.core.windows.net"
        body: {location: global}
      - id: "{{ zone_prefix }}/privatelink.vaultcore.azure.net"
        body: {location: global}
    wait: false
  register: started

- name: Ensure two subnets of one VNet
  litware.aml_isolation.arm_resources:
    resources:
      - id: "{{ vnet_id }}/subnets/training"
        body: {properties: {addressPrefix: 10.0.40.0/24}}
      - id: "{{ vnet_id }}/subnets/scoring"
        body: {properties: {addressPrefix: 10.0.90.0/24}}

- name: Wait for the zones
  litware.aml_isolation.arm_operation_wait:
    operations: "{{ started.operations }}"
"""

RETURN = r"""
results:
  description:
    - One result per resource, in the order of O(resources), each as
      M(litware.aml_isolation.arm_resource) returns it - C(id), C(api_version), C(changed),
      C(resource) (as it would be, in check mode), C(changed_properties) when updated, and
      with O(wait=false) C(operation).
  returned: always
  type: list
  elements: dict
operations:
  description:
    - With O(wait=false), the C(operation) of every result, for
      M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: list
  elements: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import items, validate  # noqa: E402
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
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (  # noqa: E402
    WAIT_ARGUMENT_SPEC,
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.target import (  # noqa: E402
    resource_target,
)

ARGUMENT_SPEC = dict(
    resources=dict(
        type="list",
        elements="dict",
        required=True,
        options=dict(
            id=dict(type="str", required=True),
            body=dict(type="dict"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            api_version=dict(type="str"),
        ),
    ),
    list_mode=dict(type="str", choices=list(LIST_MODES), default=ORDERED),
    **WAIT_ARGUMENT_SPEC,
)


def _targets(params: dict) -> list:
    """Every item's target, checked before any request; errors name the item."""
    targets, seen = [], set()
    for index, item in enumerate(params["resources"]):
        option = f"resources[{index}]"
        try:
            target = resource_target(item, lambda: "")
        except ArmError as err:
            message = err.message.split(": ", 1)[-1] if err.option else err.message
            raise invalid_option(f"{option}.{err.option or 'id'}", message) from None
        key = str(target.resource_id).lower()
        if key in seen:
            raise invalid_option(f"{option}.id", f"{item['id']} is listed twice")
        seen.add(key)
        targets.append(target)
    return targets


def run(module: ArmModule) -> dict:
    params = module.params
    validate.positive(params["timeout"], "timeout")
    targets = _targets(params)
    results = []
    for index, (item, target) in enumerate(zip(params["resources"], targets)):
        rules = Rules(Comparator(target.type_key, params["list_mode"]))
        engine = DesiredState(module, target.resource_id, target.api_version, rules)
        try:
            results.append(engine.ensure(item["state"], item["body"]))
        except ArmError as err:
            err.message = f"resources[{index}] ({target.resource_id}): {err.message}"
            raise
    return items.combined(results, params["wait"])


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run)


if __name__ == "__main__":
    main()
