#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: ml_workspace_info
short_description: Reads Azure Machine Learning workspaces
version_added: 0.3.0
description:
  - Returns one workspace by O(name), or every workspace of O(resource_group), with the values
    later steps need (its GUID, its private endpoint connections and their approval status).
author:
  - Litware Cloud Platform Team (@litware)
options:
  name:
    description: Name of the workspace. Unset lists the resource group's workspaces.
    type: str
  resource_group:
    description: Resource group of the workspace(s).
    type: str
    required: true
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Read the workspace
  litware.aml_isolation.ml_workspace_info:
    name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
  register: workspace

- name: Show its private endpoint connections
  ansible.builtin.debug:
    var: workspace.workspaces[0].private_endpoint_connections
"""

RETURN = r"""
exists:
  description: Whether the workspace asked for by name exists; V(true) when listing.
  returned: always
  type: bool
workspaces:
  description: The workspaces found, each with the values below and C(resource), as ARM has it.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Resource id of the workspace.
      type: str
    name:
      description: Name of the workspace.
      type: str
    workspace_id:
      description: The workspace's immutable GUID.
      type: str
    mlflow_tracking_uri:
      description: MLflow tracking URI.
      type: str
    public_network_access:
      description: Public network access of the workspace.
      type: str
    private_endpoint_connections:
      description: Private endpoint connections (C(id), C(private_endpoint_id), C(status)).
      type: list
      elements: dict
    resource:
      description: The workspace as ARM returned it.
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
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.ml_workspace import (  # noqa: E402
    workspace_values,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    resource_id_from_parts,
)

WORKSPACES = "Microsoft.MachineLearningServices/workspaces"


def _view(resource: dict) -> dict:
    return dict(
        workspace_values(resource),
        id=resource.get("id") or "",
        name=resource.get("name") or "",
        resource=resource,
    )


def run(module: ArmModule) -> dict:
    params = module.params
    validate.resource_group_name(params["resource_group"], "resource_group")
    if params["name"] is not None:
        validate.ml_workspace_name(params["name"])
        provider, type_name = WORKSPACES.split("/", 1)
        resource_id = resource_id_from_parts(
            module.subscription_id, params["resource_group"], provider, type_name, params["name"]
        )
        resource = module.client.get(resource_id, MACHINE_LEARNING)
        found = [resource] if resource is not None else []
        exists = resource is not None
    else:
        path = (
            f"/subscriptions/{module.subscription_id}/resourceGroups/{params['resource_group']}"
            f"/providers/{WORKSPACES}"
        )
        found = module.client.list(path, MACHINE_LEARNING)
        exists = True
    return {
        "changed": False,
        "exists": exists,
        "workspaces": [_view(resource) for resource in found],
        "api_version": MACHINE_LEARNING,
    }


def main() -> None:
    module = ArmModule(
        argument_spec=dict(name=dict(type="str"), resource_group=dict(type="str", required=True)),
        supports_check_mode=True,
    )
    module.execute(run)


if __name__ == "__main__":
    main()
