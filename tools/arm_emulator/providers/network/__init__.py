"""Microsoft.Network (without private DNS): virtual networks, security groups, route tables,
public IP addresses, network interfaces, private endpoints and their DNS zone groups."""

from __future__ import annotations

from tools.arm_emulator.providers.network import (
    network_interfaces,
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
    *private_endpoints.TYPES,
]
