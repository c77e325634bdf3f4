#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: ml_compute_info
short_description: Reads the computes of an Azure Machine Learning workspace
version_added: 0.4.0
description:
  - Returns one compute of workspace O(workspace_name) by O(name), or every compute of the
    workspace, with its kind and whether it is an attached cluster.
author:
  - Litware Cloud Platform Team (@litware)
options:
  name:
    description: Name of the compute. Unset lists the workspace's computes.
    type: str
  workspace_name:
    description: Name of the workspace.
    type: str
    required: true
  resource_group:
    description: Resource group of the workspace.
    type: str
    required: true
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Read the workspace's computes
  litware.aml_isolation.ml_compute_info:
    workspace_name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
  register: computes
"""

RETURN = r"""
exists:
  description: Whether the compute asked for by name exists; V(true) when listing.
  returned: always
  type: bool
computes:
  description: The computes found.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Resource id of the compute.
      type: str
    name:
      description: Name of the compute.
      type: str
    compute_type:
      description: V(ComputeInstance), V(AmlCompute), V(AKS), ...
      type: str
    attached:
      description: Whether it is an attached cluster.
      type: bool
    resource:
      description: The compute as ARM returned it.
      type: dict
api_version:
  description: The api-version used.
  returned: always
  type: str
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    MACHINE_LEARNING,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.ml_compute import (  # noqa: E402
    compute_values,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    resource_id_from_parts,
)


def _view(resource: dict) -> dict:
    return dict(
        compute_values(resource),
        id=resource.get("id") or "",
        name=resource.get("name") or "",
        resource=resource,
    )


def run(module: ArmModule) -> dict:
    params = module.params
    validate.resource_group_name(params["resource_group"], "resource_group")
    validate.ml_workspace_name(params["workspace_name"], "workspace_name")
    workspace = resource_id_from_parts(
        module.subscription_id,
        params["resource_group"],
        "Microsoft.MachineLearningServices",
        "workspaces",
        params["workspace_name"],
    )
    if params["name"] is not None:
        resource = module.client.get(f"{workspace}/computes/{params['name']}", MACHINE_LEARNING)
        found = [resource] if resource is not None else []
        exists = resource is not None
    else:
        found = module.client.list(f"{workspace}/computes", MACHINE_LEARNING)
        exists = True
    return {
        "changed": False,
        "exists": exists,
        "computes": [_view(resource) for resource in found],
        "api_version": MACHINE_LEARNING,
    }


def main() -> None:
    module = ArmModule(
        argument_spec=dict(
            name=dict(type="str"),
            workspace_name=dict(type="str", required=True),
            resource_group=dict(type="str", required=True),
        ),
        supports_check_mode=True,
    )
    module.execute(run)


if __name__ == "__main__":
    main()
