#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: route_table
short_description: A route table and its complete route list
version_added: 0.2.0
description:
  - Ensures an Azure route table exists with the routes in O(routes), or does not exist.
  - Routes decide where a subnet's traffic leaves (through the firewall or not), so the list is
    managed exclusively by default. A route that is not in O(routes) is reported by C(--check)
    and removed by a run; O(purge_routes=false) keeps such routes.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the table; it cannot change.
    type: str
  tags:
    description: Tags of the table (merged into the current ones).
    type: dict
  disable_bgp_route_propagation:
    description: Whether routes learned over BGP are kept out of the subnets of the table.
    type: bool
  routes:
    description: The routes. Unset leaves the routes unmanaged.
    type: list
    elements: dict
    suboptions:
      name:
        description: Route name.
        type: str
        required: true
      address_prefix:
        description: Destination CIDR or service tag.
        type: str
        required: true
      next_hop_type:
        description: Where the traffic goes.
        type: str
        required: true
        choices: [VirtualNetworkGateway, VnetLocal, Internet, VirtualAppliance, None]
      next_hop_ip_address:
        description:
          - The appliance address (the firewall's private IP); only with V(VirtualAppliance).
        type: str
  purge_routes:
    description: Remove routes that are not in O(routes).
    type: bool
    default: true
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Send everything from the training subnet through the firewall
  litware.aml_isolation.route_table:
    name: rt-training
    resource_group: rg-aml-prod
    location: eastus
    disable_bgp_route_propagation: true
    routes:
      - name: to-firewall
        address_prefix: 0.0.0.0/0
        next_hop_type: VirtualAppliance
        next_hop_ip_address: 10.1.0.4
"""

RETURN = r"""
route_names:
  description: Names of the table's routes, sorted.
  returned: always
  type: list
  elements: str
  sample: [to-firewall]
subnet_ids:
  description: Resource ids of the subnets the table is associated with.
  returned: always
  type: list
  elements: str
id:
  description: Resource id of the table.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The table as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description:
    - What differed; one C(properties.routes[name]) per route added, changed or extra.
  returned: when the table existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    ALLOW_MORE_PRESENT,
    UNORDERED,
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)

ROUTE_OPTIONS = dict(
    name=dict(type="str", required=True),
    address_prefix=dict(type="str", required=True),
    next_hop_type=dict(
        type="str",
        required=True,
        choices=["VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None"],
    ),
    next_hop_ip_address=dict(type="str"),
)


def desired_body(params: dict) -> dict:
    routes = None
    if params["routes"] is not None:
        routes = [
            {
                "name": route["name"],
                "properties": {
                    "addressPrefix": route["address_prefix"],
                    "nextHopType": route["next_hop_type"],
                    "nextHopIpAddress": route["next_hop_ip_address"],
                },
            }
            for route in params["routes"]
        ]
    return {
        "location": params["location"],
        "tags": params["tags"],
        "properties": {
            "disableBgpRoutePropagation": params["disable_bgp_route_propagation"],
            "routes": routes,
        },
    }


def returns(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    return {
        "route_names": sorted(route["name"] for route in properties.get("routes") or []),
        "subnet_ids": [subnet.get("id") for subnet in properties.get("subnets") or []],
    }


def validate_options(params: dict) -> None:
    validate.location(params["location"])
    validate.tags(params["tags"])
    names = set()
    for index, route in enumerate(params["routes"] or []):
        appliance = route["next_hop_type"] == "VirtualAppliance"
        if appliance != bool(route["next_hop_ip_address"]):
            raise invalid_option(
                f"routes[{index}].next_hop_ip_address",
                "required with next_hop_type VirtualAppliance and allowed with it only",
            )
        if route["name"].lower() in names:
            raise invalid_option(f"routes[{index}].name", f"{route['name']} is given twice")
        names.add(route["name"].lower())


def rules_for(params: dict) -> Rules:
    mode = UNORDERED if params["purge_routes"] else ALLOW_MORE_PRESENT
    return Rules(
        Comparator("microsoft.network/routetables", list_modes={"properties.routes": mode}),
        create_requires={"location": "location"},
        immutable={"location": "location"},
    )


ROUTE_TABLE = TypedResource(
    resource_type="Microsoft.Network/routeTables",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        disable_bgp_route_propagation=dict(type="bool"),
        routes=dict(type="list", elements="dict", options=ROUTE_OPTIONS),
        purge_routes=dict(type="bool", default=True),
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=rules_for,
)


def main() -> None:
    run_typed_module(ROUTE_TABLE)


if __name__ == "__main__":
    main()
