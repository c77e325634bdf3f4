"""Microsoft.Network (without private DNS): virtual networks, security groups, route tables,
public IP addresses, network interfaces, private endpoints and their DNS zone groups,
peerings, and Azure Firewall with its policies, rule collection groups and IP groups."""

from __future__ import annotations

from tools.arm_emulator.providers.network import (
    azure_firewalls,
    firewall_policies,
    ip_groups,
    network_interfaces,
    peerings,
    private_endpoints,
    route_tables,
    security_groups,
    virtual_networks,
)

TYPES = [
    *virtual_networks.TYPES,
    *security_groups.TYPES,
    *route_tables.TYPES,
    *network_interfaces.TYPES,
    *peerings.TYPES,
    *ip_groups.TYPES,
    *firewall_policies.TYPES,
    *azure_firewalls.TYPES,
    *private_endpoints.TYPES,
]
