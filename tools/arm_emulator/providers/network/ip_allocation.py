"""Address allocation: private IPs from a subnet, public IPs from a documentation range."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from tools.arm_emulator.errors import ArmError

# TEST-NET-3 (RFC 5737): never routable, so no emulated address can collide with a real one.
PUBLIC_POOL = ipaddress.ip_network("203.0.113.0/24")
_FIRST_USABLE_HOST = 4  # Azure reserves .0-.3 and the broadcast address of every subnet


def first_free_private(prefix: str, used: Iterable[str], subnet_name: str) -> str:
    network = ipaddress.ip_network(prefix)
    taken = set(used)
    last = network.num_addresses - 1  # broadcast
    for offset in range(_FIRST_USABLE_HOST, last):
        candidate = str(network.network_address + offset)
        if candidate not in taken:
            return candidate
    raise ArmError(
        400,
        "SubnetIsFull",
        f"Subnet {subnet_name} with address prefix {prefix} does not have enough capacity.",
    )


def check_static_private(address: str, prefix: str, used: Iterable[str], subnet_id: str) -> None:
    network = ipaddress.ip_network(prefix)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError as exc:
        raise ArmError(
            400, "InvalidPrivateIPAddress", f"{address} is not a valid IP address."
        ) from exc
    if parsed not in network:
        raise ArmError(
            400,
            "PrivateIPAddressNotInSubnet",
            f"IP address {address} does not belong to subnet {subnet_id} with prefix {prefix}.",
        )
    offset = int(parsed) - int(network.network_address)
    if offset < _FIRST_USABLE_HOST or offset == network.num_addresses - 1:
        raise ArmError(
            400,
            "PrivateIPAddressIsReserved",
            f"IP address {address} is reserved in subnet {subnet_id}.",
        )
    if address in set(used):
        raise ArmError(
            400,
            "PrivateIPAddressInUse",
            f"IP address {address} is already in use in subnet {subnet_id}.",
        )


def first_free_public(used: Iterable[str]) -> str:
    taken = set(used)
    for host in PUBLIC_POOL.hosts():
        if str(host) not in taken:
            return str(host)
    raise ArmError(
        400, "PublicIPCountLimitReached", "No public IP address is left in the emulator's pool."
    )
