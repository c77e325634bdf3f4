#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: network_interface
short_description: A network interface with one IP configuration in a subnet
version_added: 0.2.0
description:
  - Ensures an Azure network interface with one IP configuration exists in O(subnet_id), or
    does not exist, and returns its private IP address as RV(private_ip).
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the interface; it cannot change.
    type: str
  tags:
    description: Tags of the interface (merged into the current ones).
    type: dict
  subnet_id:
    description: Resource id of the subnet. Required to create the interface.
    type: str
  private_ip_address:
    description: A static private IP address from the subnet; unset means Azure picks one.
    type: str
  public_ip_address_id:
    description:
      - Resource id of a public IP address to attach; V("") detaches the one attached.
    type: str
  ip_configuration_name:
    description: Name of the IP configuration.
    type: str
    default: ipconfig1
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the proxy's network interface
  litware.aml_isolation.network_interface:
    name: nic-proxy
    resource_group: rg-aml-prod
    location: eastus
    subnet_id: "{{ subnet_ids['proxy'] }}"
  register: nic

- name: Use its address
  ansible.builtin.debug:
    msg: "{{ nic.private_ip }}"
"""

RETURN = r"""
private_ip:
  description: Private IP address of the IP configuration; empty when there is none (yet).
  returned: always
  type: str
  sample: 10.0.200.4
subnet_id:
  description: Resource id of the subnet of the IP configuration.
  returned: always
  type: str
public_ip_address_id:
  description: Resource id of the attached public IP address; empty when none is.
  returned: always
  type: str
virtual_machine_id:
  description: Resource id of the VM using the interface; empty when none does.
  returned: always
  type: str
id:
  description: Resource id of the interface.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The interface as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current interface.
  returned: when the interface existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    NULL,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def reference(resource_id: str | None) -> object:
    """None leaves the reference unmanaged; "" detaches it (JSON null)."""
    if resource_id is None:
        return None
    return {"id": resource_id} if resource_id else NULL


def desired_body(params: dict) -> dict:
    address = params["private_ip_address"]
    ip_configuration = {
        "subnet": reference(params["subnet_id"] or None),
        "privateIPAllocationMethod": "Static" if address else None,
        "privateIPAddress": address,
        "primary": True,
        "publicIPAddress": reference(params["public_ip_address_id"]),
    }
    return {
        "location": params["location"],
        "tags": params["tags"],
        "properties": {
            "ipConfigurations": [
                {"name": params["ip_configuration_name"], "properties": ip_configuration}
            ]
        },
    }


def returns(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    configuration = ((properties.get("ipConfigurations") or [{}])[0]).get("properties") or {}
    return {
        "private_ip": configuration.get("privateIPAddress") or "",
        "subnet_id": (configuration.get("subnet") or {}).get("id") or "",
        "public_ip_address_id": (configuration.get("publicIPAddress") or {}).get("id") or "",
        "virtual_machine_id": (properties.get("virtualMachine") or {}).get("id") or "",
    }


def validate_options(params: dict) -> None:
    validate.location(params["location"])
    validate.tags(params["tags"])


NETWORK_INTERFACE = TypedResource(
    resource_type="Microsoft.Network/networkInterfaces",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        subnet_id=dict(type="str"),
        private_ip_address=dict(type="str"),
        public_ip_address_id=dict(type="str"),
        ip_configuration_name=dict(type="str", default="ipconfig1"),
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=Rules(
        create_requires={
            "location": "location",
            "subnet_id": "properties.ipConfigurations.0.properties.subnet",
        },
        immutable={"location": "location"},
    ),
)


def main() -> None:
    run_typed_module(NETWORK_INTERFACE)


if __name__ == "__main__":
    main()
