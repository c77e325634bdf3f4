"""Microsoft.Network (without private DNS): virtual networks, security groups, route tables,
public IP addresses and network interfaces."""

from __future__ import annotations

from tools.arm_emulator.providers.network import (
    network_interfaces,
    route_tables,
    security_groups,
    virtual_networks,
)

TYPES = [
    *virtual_networks.TYPES,
    *security_groups.TYPES,
    *route_tables.TYPES,
    *network_interfaces.TYPES,
]
