#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: arm_resource_info
short_description: Read one Azure Resource Manager resource, or list a collection of them
version_added: 0.1.0
description:
  - Reads the resource named by O(id) or by its parts.
  - Lists a collection when O(resource_name) names one resource fewer than O(resource_type)
    has types, for example all V(virtualNetworks) of a group (no O(resource_name)), or all
    V(virtualNetworks/subnets) of one network (O(resource_name=vnet1)).
  - With O(resource_names), reads (or lists) for each name as for O(resource_name), in one
    module execution, and returns one entry per name in RV(results).
options:
  resource_names:
    description:
      - Several values of O(resource_name) at once (the same type, group and provider), for
        example every zone whose V(privateDnsZones/A) record sets to list.
      - Mutually exclusive with O(id) and O(resource_name).
    type: list
    elements: str
author:
  - Litware Cloud Platform Team (@litware)
extends_documentation_fragment:
  - litware.aml_isolation.resource_target
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Read the spoke virtual network
  litware.aml_isolation.arm_resource_info:
    resource_group: rg-aml-prod
    provider: Microsoft.Network
    resource_type: virtualNetworks
    resource_name: vnet-aml
  register: vnet

- name: List the subnets of the spoke network
  litware.aml_isolation.arm_resource_info:
    resource_group: rg-aml-prod
    provider: Microsoft.Network
    resource_type: virtualNetworks/subnets
    resource_name: vnet-aml
  register: subnets
"""

RETURN = r"""
resources:
  description:
    - The resource (one element) or the members of the collection, as ARM returns them.
    - Empty when the resource, or the parent of the collection, does not exist.
  returned: always
  type: list
  elements: dict
  sample:
    - id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod/\
            providers/Microsoft.Network/virtualNetworks/vnet-aml"
      name: vnet-aml
      type: Microsoft.Network/virtualNetworks
      location: eastus
      properties:
        provisioningState: Succeeded
results:
  description:
    - With O(resource_names), one entry per name, in order - C(resource_name), C(resources)
      and C(exists) as above. RV(resources) is then empty.
  returned: always
  type: list
  elements: dict
exists:
  description: Whether the one resource asked for exists; always V(true) when listing.
  returned: always
  type: bool
  sample: true
api_version:
  description: The api-version used.
  returned: always
  type: str
  sample: "2026-03-01"
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.target import (  # noqa: E402
    TARGET_ARGUMENT_SPEC,
    TARGET_MODULE_RULES,
    resource_or_collection_target,
)


def run(module: ArmModule) -> dict:
    names = module.params["resource_names"]
    if names is None:
        return dict(read(module, module.params), results=[])
    if not names:
        raise invalid_option("resource_names", "must list at least one name")
    results = [
        dict(read(module, dict(module.params, resource_name=name)), resource_name=name)
        for name in names
    ]
    return {
        "changed": False,
        "resources": [],
        "exists": all(result["exists"] for result in results),
        "api_version": results[0]["api_version"],
        "results": [
            {key: result[key] for key in ("resource_name", "resources", "exists")}
            for result in results
        ],
    }


def read(module: ArmModule, params: dict) -> dict:
    target = resource_or_collection_target(params, lambda: module.subscription_id)
    if target.collection_path is not None:
        resources = module.client.list(target.collection_path, target.api_version)
        return {
            "changed": False,
            "resources": resources,
            "exists": True,
            "api_version": target.api_version,
        }
    resource = module.client.get(target.resource_id, target.api_version)
    return {
        "changed": False,
        "resources": [resource] if resource is not None else [],
        "exists": resource is not None,
        "api_version": target.api_version,
    }


def main() -> None:
    module = ArmModule(
        argument_spec=dict(TARGET_ARGUMENT_SPEC, resource_names=dict(type="list", elements="str")),
        mutually_exclusive=[
            *TARGET_MODULE_RULES["mutually_exclusive"],
            ["resource_names", "resource_name"],
            ["resource_names", "id"],
        ],
        required_one_of=TARGET_MODULE_RULES["required_one_of"],
    )
    module.execute(run)


if __name__ == "__main__":
    main()
