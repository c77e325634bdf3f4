#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: private_endpoint_connection_info
short_description: The private endpoint connections of private-link targets
version_added: 0.3.0
description:
  - Lists the connections private endpoints made on each of O(target_ids) (ML workspace,
    storage account, key vault, container registry, Azure Monitor Private Link Scope, SQL
    server), with their state. Reads only.
author:
  - Litware Cloud Platform Team (@litware)
options:
  target_ids:
    description: Resource ids of the private-link targets.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Every connection of the workspace and its key vault
  litware.aml_isolation.private_endpoint_connection_info:
    target_ids: ["{{ workspace_id }}", "{{ workspace_key_vault_id }}"]
  register: connections

- name: Nothing is pending
  ansible.builtin.assert:
    that: connections.connections | selectattr('status', 'eq', 'Pending') | list | length == 0
"""

RETURN = r"""
connections:
  description: One entry per connection, targets in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    target_id:
      description: The target.
      type: str
    id:
      description: Resource id of the connection.
      type: str
    name:
      description: Name of the connection.
      type: str
    private_endpoint_id:
      description: The endpoint that made it.
      type: str
    group_ids:
      description: The sub-resources it connects.
      type: list
      elements: str
    status:
      description: V(Approved), V(Pending), V(Rejected) or V(Disconnected).
      type: str
    description:
      description: The description of the state.
      type: str
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    private_endpoints,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (  # noqa: E402
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    parse_resource_id,
)


def run(module: ArmModule) -> dict:
    for target_id in module.params["target_ids"]:
        if parse_resource_id(target_id, "target_ids").type_key not in private_endpoints.GROUP_IDS:
            raise invalid_option("target_ids", f"{target_id!r} is no private-link target")
    found = []
    for target_id in module.params["target_ids"]:
        for connection in private_endpoints.connections(module, target_id):
            properties = connection.get("properties") or {}
            state = private_endpoints.status_of(connection)
            found.append(
                {
                    "target_id": target_id,
                    "id": connection.get("id", ""),
                    "name": connection.get("name", ""),
                    "private_endpoint_id": (properties.get("privateEndpoint") or {}).get("id", ""),
                    "group_ids": list(properties.get("groupIds") or []),
                    "status": state["status"],
                    "description": state["description"],
                }
            )
    return {"changed": False, "connections": found}


def main() -> None:
    module = ArmModule(
        argument_spec=dict(target_ids=dict(type="list", elements="str", required=True)),
        supports_check_mode=True,
    )
    module.execute(run)


if __name__ == "__main__":
    main()
