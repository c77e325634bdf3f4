#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: network_security_group
short_description: A network security group and its complete rule list
version_added: 0.2.0
description:
  - Ensures an Azure network security group exists with the rules in O(rules), or does not
    exist.
  - The rule list decides isolation, so it is managed exclusively by default. A rule that is
    not in O(rules) (say one added by hand) is reported by C(--check) and removed by a run;
    O(purge_rules=false) keeps such rules.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the group; it cannot change.
    type: str
  tags:
    description: Tags of the group (merged into the current ones).
    type: dict
  rules:
    description:
      - The security rules. Unset leaves the rules unmanaged.
    type: list
    elements: dict
    suboptions:
      name:
        description: Rule name.
        type: str
        required: true
      priority:
        description: 100 to 4096; the lower number wins.
        type: int
        required: true
      direction:
        description: Traffic direction.
        type: str
        required: true
        choices: [Inbound, Outbound]
      access:
        description: Allow or deny.
        type: str
        required: true
        choices: [Allow, Deny]
      protocol:
        description: Protocol.
        type: str
        default: "*"
        choices: ["*", Tcp, Udp, Icmp, Esp, Ah]
      source_address_prefix:
        description: Source CIDR, IP address, service tag or V(*).
        type: str
        default: "*"
      source_port_range:
        description: Source port or range, or V(*).
        type: str
        default: "*"
      destination_address_prefix:
        description: Destination CIDR, IP address, service tag or V(*).
        type: str
        default: "*"
      destination_port_range:
        description: Destination port or range, or V(*).
        type: str
        default: "*"
      description:
        description: What the rule is for.
        type: str
  purge_rules:
    description: Remove rules that are not in O(rules).
    type: bool
    default: true
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: The training subnet may reach the VNet only
  litware.aml_isolation.network_security_group:
    name: nsg-training
    resource_group: rg-aml-prod
    location: eastus
    rules:
      - {name: AllowVNetOutbound, priority: 100, direction: Outbound, access: Allow,
         destination_address_prefix: VirtualNetwork}
      - {name: DenyAllOutbound, priority: 200, direction: Outbound, access: Deny}
"""

RETURN = r"""
rule_names:
  description: Names of the group's security rules (not the default rules), sorted.
  returned: always
  type: list
  elements: str
  sample: [AllowVNetOutbound, DenyAllOutbound]
subnet_ids:
  description: Resource ids of the subnets the group is associated with.
  returned: always
  type: list
  elements: str
id:
  description: Resource id of the group.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The group as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description:
    - What differed; one C(properties.securityRules[name]) per rule added, changed or extra.
  returned: when the group existed and was updated
  type: list
  elements: str
  sample: ["properties.securityRules[AllowAllOutbound]"]
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

RULES_PATH = "properties.securityRules"
TYPE_KEY = "microsoft.network/networksecuritygroups"
ANY = dict(type="str", default="*")
RULE_OPTIONS = dict(
    name=dict(type="str", required=True),
    priority=dict(type="int", required=True),
    direction=dict(type="str", required=True, choices=["Inbound", "Outbound"]),
    access=dict(type="str", required=True, choices=["Allow", "Deny"]),
    protocol=dict(type="str", default="*", choices=["*", "Tcp", "Udp", "Icmp", "Esp", "Ah"]),
    source_address_prefix=ANY,
    source_port_range=ANY,
    destination_address_prefix=ANY,
    destination_port_range=ANY,
    description=dict(type="str"),
)
# Option -> ARM property of a rule.
RULE_PROPERTIES = {
    "priority": "priority",
    "direction": "direction",
    "access": "access",
    "protocol": "protocol",
    "source_address_prefix": "sourceAddressPrefix",
    "source_port_range": "sourcePortRange",
    "destination_address_prefix": "destinationAddressPrefix",
    "destination_port_range": "destinationPortRange",
    "description": "description",
}


def desired_body(params: dict) -> dict:
    rules = params["rules"]
    security_rules = None
    if rules is not None:
        security_rules = [
            {"name": rule["name"], "properties": {p: rule[o] for o, p in RULE_PROPERTIES.items()}}
            for rule in rules
        ]
    return {
        "location": params["location"],
        "tags": params["tags"],
        "properties": {"securityRules": security_rules},
    }


def returns(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    return {
        "rule_names": sorted(rule["name"] for rule in properties.get("securityRules") or []),
        "subnet_ids": [subnet.get("id") for subnet in properties.get("subnets") or []],
    }


def validate_options(params: dict) -> None:
    validate.location(params["location"])
    validate.tags(params["tags"])
    seen = set()
    for index, rule in enumerate(params["rules"] or []):
        if not 100 <= rule["priority"] <= 4096:
            raise invalid_option(f"rules[{index}].priority", "must be between 100 and 4096")
        key = (rule["priority"], rule["direction"])
        if key in seen or rule["name"].lower() in seen:
            raise invalid_option(f"rules[{index}]", "name and priority+direction must be unique")
        seen.update({key, rule["name"].lower()})


def rules_for(params: dict) -> Rules:
    mode = UNORDERED if params["purge_rules"] else ALLOW_MORE_PRESENT
    return Rules(
        Comparator(TYPE_KEY, list_modes={RULES_PATH: mode}),
        create_requires={"location": "location"},
        immutable={"location": "location"},
    )


NETWORK_SECURITY_GROUP = TypedResource(
    resource_type="Microsoft.Network/networkSecurityGroups",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        rules=dict(type="list", elements="dict", options=RULE_OPTIONS),
        purge_rules=dict(type="bool", default=True),
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=rules_for,
)


def main() -> None:
    run_typed_module(NETWORK_SECURITY_GROUP)


if __name__ == "__main__":
    main()
