#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: subnet_route_table
short_description: Associate a route table with an existing subnet, or detach it
version_added: 0.2.0
description:
  - Sets the route table of the subnet O(subnet_id) and nothing else of it - its address
    prefix, network security group, endpoints and delegations are read and written back as
    they are (ARM replaces a subnet on every write).
  - The subnet must exist; this module never creates one.
author:
  - Litware Cloud Platform Team (@litware)
options:
  subnet_id:
    description: Resource id of the subnet.
    type: str
    required: true
  route_table_id:
    description:
      - Resource id of the route table to associate; V("") detaches the one associated.
    type: str
    required: true
extends_documentation_fragment:
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Send the training subnet's traffic through the firewall's route table
  litware.aml_isolation.subnet_route_table:
    subnet_id: "{{ network_subnet_ids['training'] }}"
    route_table_id: "{{ route_table_id }}"

- name: Detach it again
  litware.aml_isolation.subnet_route_table:
    subnet_id: "{{ network_subnet_ids['training'] }}"
    route_table_id: ""
"""

RETURN = r"""
route_table_id:
  description: Resource id of the route table associated after the run; empty when none.
  returned: always
  type: str
id:
  description: Resource id of the subnet.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The subnet as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
operation:
  description:
    - With O(wait=false), the handle of the started operation for
      M(litware.aml_isolation.arm_operation_wait); C(method) is V(null) when nothing started.
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    api_version_for,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    NULL,
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
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    parse_resource_id,
)

SUBNET_TYPE = "microsoft.network/virtualnetworks/subnets"
ROUTE_TABLE_TYPE = "microsoft.network/routetables"

ARGUMENT_SPEC = dict(
    subnet_id=dict(type="str", required=True),
    route_table_id=dict(type="str", required=True),
    **WAIT_ARGUMENT_SPEC,
)


def run(module: ArmModule) -> dict:
    params = module.params
    validate.positive(params["timeout"], "timeout")
    subnet = parse_resource_id(params["subnet_id"], "subnet_id")
    if subnet.type_key != SUBNET_TYPE:
        raise invalid_option("subnet_id", f"{params['subnet_id']!r} is not a subnet id")
    route_table = params["route_table_id"]
    if (
        route_table
        and parse_resource_id(route_table, "route_table_id").type_key != ROUTE_TABLE_TYPE
    ):
        raise invalid_option("route_table_id", f"{route_table!r} is not a route table id")
    engine = DesiredState(module, subnet, api_version_for(subnet), Rules())
    current = engine.read()
    # In check mode the subnet may be one the same run would create first.
    if current is None and not module.check_mode:
        raise invalid_option("subnet_id", f"subnet {params['subnet_id']} does not exist")
    desired = {"properties": {"routeTable": {"id": route_table} if route_table else NULL}}
    result = engine.present(current, desired)
    properties = (result.get("resource") or {}).get("properties") or {}
    result["route_table_id"] = (properties.get("routeTable") or {}).get("id") or ""
    return result


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run)


if __name__ == "__main__":
    main()
