"""CIDR parsing and checks with ARM's error codes."""

from __future__ import annotations

import ipaddress
from typing import Any

from tools.arm_emulator.errors import ArmError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_prefix(prefix: str, resource_id: str) -> Network:
    try:
        return ipaddress.ip_network(prefix, strict=True)
    except ValueError as exc:
        try:
            suggestion = ipaddress.ip_network(prefix, strict=False)
        except ValueError:
            raise ArmError(
                400,
                "InvalidAddressPrefixFormat",
                f"Address prefix {prefix} of resource {resource_id} is not formatted correctly.",
            ) from exc
        raise ArmError(
            400,
            "InvalidCIDRNotation",
            f"The address prefix {prefix} in resource {resource_id} has an invalid CIDR notation. "
            f"For the given prefix length, the address prefix should be {suggestion}.",
        ) from exc


def prefixes_of(properties: dict[str, Any]) -> list[str]:
    """A subnet's prefixes: `addressPrefix` and/or `addressPrefixes`."""
    found = list(properties.get("addressPrefixes") or [])
    if properties.get("addressPrefix"):
        found.insert(0, properties["addressPrefix"])
    return found


def overlaps(a: Network, b: Network) -> bool:
    return a.version == b.version and a.overlaps(b)  # type: ignore[arg-type]


def within(inner: Network, outer: Network) -> bool:
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]
