# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Address checks for the roles: the one IPv4 operator-address check, the one address-plan check
and the one inbound rule from the operator's address.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError


def _ipv4_interface(value):
    """An IPv4 address or CIDR (host bits allowed) as an interface, or None."""
    if not isinstance(value, str) or not value or value.strip() != value:
        return None
    try:
        interface = ipaddress.ip_interface(value)
    except ValueError:
        return None
    return interface if interface.version == 4 else None


def valid_ipv4_source(value):
    """Whether VALUE is an IPv4 address or an IPv4 CIDR (as an NSG source takes it)."""
    return _ipv4_interface(value) is not None


def operator_prefix(value):
    """The operator's address as an NSG source prefix: an address gets /32, a CIDR stays."""
    interface = _ipv4_interface(value)
    if interface is None:
        raise AnsibleFilterError(f"{value!r} is not an IPv4 address or CIDR")
    return value if "/" in value else f"{value}/32"


def operator_inbound_rule(address, port, description, priority=100):
    """The properties of an NSG rule admitting TCP PORT from the operator's address only."""
    return {
        "description": description,
        "priority": int(priority),
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": operator_prefix(address),
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": str(port),
    }


def _ipv4_network(value):
    if not isinstance(value, str):
        return None
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        return None
    return network if network.version == 4 else None


def address_plan_errors(subnets, network, network_label="network", subnets_label="subnets"):
    """Every problem of an address plan: bad CIDRs, subnets outside NETWORK, overlapping subnets."""
    if not isinstance(subnets, dict):
        return [f"{subnets_label} must be a mapping of subnet name to IPv4 CIDR"]
    example = "(for example 10.0.40.0/24)"
    errors = []
    vnet = _ipv4_network(network)
    if vnet is None:
        errors.append(
            f"{network_label} ({network}) is not an IPv4 network in CIDR notation with the host "
            f"bits zero {example}."
        )
    parsed = {}
    for name in sorted(subnets):
        label = f"{subnets_label}.{name}"
        subnet = _ipv4_network(subnets[name])
        if subnet is None:
            errors.append(
                f"{label} ({subnets[name]}) is not an IPv4 network in CIDR notation with the "
                f"host bits zero {example}."
            )
            continue
        if vnet is not None and not subnet.subnet_of(vnet):
            errors.append(f"{label} ({subnet}) is not inside {network_label} ({network}).")
        parsed[label] = subnet
    labels = sorted(parsed)
    for index, label in enumerate(labels):
        for other in labels[index + 1 :]:
            if parsed[label].overlaps(parsed[other]):
                errors.append(f"{label} ({parsed[label]}) overlaps {other} ({parsed[other]}).")
    return errors


class FilterModule:
    """Address filters."""

    def filters(self):
        return {
            "address_plan_errors": address_plan_errors,
            "operator_inbound_rule": operator_inbound_rule,
            "operator_prefix": operator_prefix,
            "valid_ipv4_source": valid_ipv4_source,
        }
