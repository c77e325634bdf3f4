#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: private_endpoint_connection
short_description: Approve, reject or remove a private endpoint connection on its target
version_added: 0.3.0
description:
  - The owner's side of a private endpoint. Sets the state of the connection that a private
    endpoint made on a private-link target (ML workspace, storage account, key vault, container
    registry, Azure Monitor Private Link Scope, SQL server), or removes the connection.
  - The connection is named by O(name), or found by the endpoint that made it
    (O(private_endpoint_id)). Connections are made by private endpoints, never created here.
  - A rejected connection cannot be approved again (ARM refuses); the module fails naming
    O(status) before the request.
author:
  - Litware Cloud Platform Team (@litware)
options:
  target_id:
    description: Resource id of the private-link target.
    type: str
    required: true
  name:
    description: Name of the connection on the target. One of O(name), O(private_endpoint_id).
    type: str
  private_endpoint_id:
    description: Resource id of the private endpoint whose connection this is.
    type: str
  status:
    description: The state to set.
    type: str
    choices: [Approved, Rejected]
    default: Approved
  description:
    description: Description written with the state.
    type: str
    default: Approved by litware.aml_isolation
  state:
    description: V(absent) removes the connection (the endpoint stays, disconnected).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Approve the key vault endpoint's pending connection
  litware.aml_isolation.private_endpoint_connection:
    target_id: "{{ workspace_key_vault_id }}"
    private_endpoint_id: "{{ pe_keyvault.id }}"
    status: Approved
"""

RETURN = r"""
connection:
  description: The connection as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
status:
  description: The connection's state after the task; empty when absent.
  returned: always
  type: dict
  sample: {status: Approved, description: Approved by litware.aml_isolation, actions_required: None}
id:
  description: Resource id of the connection; empty when none was found.
  returned: always
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
    same_resource_id,
)


def find(module: ArmModule) -> dict | None:
    params = module.params
    for connection in private_endpoints.connections(module, params["target_id"]):
        endpoint = ((connection.get("properties") or {}).get("privateEndpoint") or {}).get("id")
        if params["name"] and connection.get("name", "").lower() == params["name"].lower():
            return connection
        if params["private_endpoint_id"] and same_resource_id(
            endpoint, params["private_endpoint_id"]
        ):
            return connection
    return None


def run(module: ArmModule) -> dict:
    params = module.params
    target = parse_resource_id(params["target_id"], "target_id")
    if target.type_key not in private_endpoints.GROUP_IDS:
        raise invalid_option("target_id", f"{params['target_id']!r} is no private-link target")
    if params["private_endpoint_id"]:
        parse_resource_id(params["private_endpoint_id"], "private_endpoint_id")
    connection = find(module)
    current = private_endpoints.status_of(connection)
    if connection is None:
        if params["state"] == "absent":
            return {
                "changed": False,
                "connection": {},
                "status": {},
                "id": "",
                "diff": {"before": {}, "after": {}},
            }
        raise invalid_option(
            "name" if params["name"] else "private_endpoint_id",
            f"no connection of that endpoint on {params['target_id']}",
        )
    before = {"status": current["status"], "description": current["description"]}
    if params["state"] == "absent":
        if not module.check_mode:
            module.client.delete(
                parse_resource_id(connection["id"], "name"),
                private_endpoints.connection_api_version(params["target_id"]),
                wait=True,
            )
        return {
            "changed": True,
            "connection": {},
            "status": {},
            "id": connection["id"],
            "diff": {"before": before, "after": {}},
        }
    after = {"status": params["status"], "description": params["description"]}
    if (
        current["status"] == private_endpoints.REJECTED
        and params["status"] != private_endpoints.REJECTED
    ):
        raise invalid_option(
            "status", f"connection {connection['name']} is Rejected; it cannot be approved again"
        )
    if before == after:
        return {
            "changed": False,
            "connection": connection,
            "status": current,
            "id": connection["id"],
            "diff": {"before": before, "after": after},
        }
    written = private_endpoints.set_status(
        module, connection, params["status"], params["description"]
    )
    return {
        "changed": True,
        "connection": written,
        "status": private_endpoints.status_of(written),
        "id": connection["id"],
        "diff": {"before": before, "after": after},
    }


def main() -> None:
    module = ArmModule(
        argument_spec=dict(
            target_id=dict(type="str", required=True),
            name=dict(type="str"),
            private_endpoint_id=dict(type="str"),
            status=dict(type="str", choices=["Approved", "Rejected"], default="Approved"),
            description=dict(type="str", default="Approved by litware.aml_isolation"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
        required_one_of=[("name", "private_endpoint_id")],
        mutually_exclusive=[("name", "private_endpoint_id")],
    )
    module.execute(run)


if __name__ == "__main__":
    main()
