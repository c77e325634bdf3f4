# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a name resolves to inside a VNet, through the private DNS zones linked to it: read by
the private_dns_resolution filter and the isolation_audit module."""

from __future__ import annotations

import ipaddress

_PRIVATE_LINK = "privatelink."
# Public names whose CNAME goes into a zone of another suffix (<vault>.vault.azure.net ->
# the vault zone of the same cloud, vaultcore instead of vault, in every cloud).
_CNAME_SUFFIXES = ((".vault.", ".vaultcore."),)


def _record_for(relative: str, records: dict) -> tuple:
    """(record name, addresses) of RELATIVE in a zone's records, a wildcard matching one label
    and more, as Azure DNS matches them."""
    if relative in records:
        return relative, records[relative]
    labels = relative.split(".")
    for index in range(1, len(labels)):
        wildcard = "*." + ".".join(labels[index:])
        if wildcard in records:
            return wildcard, records[wildcard]
    return "", []


def resolve(fqdns: list, zones: list, subnet_prefix: str = "") -> list:
    """Each FQDN with the zone, record and addresses it resolves to through ZONES (a list of
    `{name, linked, records: {record name: [addresses]}}`); a name no linked zone answers
    resolves publicly. `private` is true when every address is in SUBNET_PREFIX (when given)."""
    network = ipaddress.ip_network(subnet_prefix) if subnet_prefix else None
    table = []
    for fqdn in sorted({str(name).rstrip(".").lower() for name in fqdns}):
        entry = {"fqdn": fqdn, "zone": "", "record": "", "ip_addresses": [], "private": False}
        target = fqdn
        for public, cname in _CNAME_SUFFIXES:
            target = target.replace(public, cname, 1)
        for zone in sorted(zones, key=lambda z: -len(z["name"])):
            public_suffix = zone["name"].lower().removeprefix(_PRIVATE_LINK)
            if not zone.get("linked") or not target.endswith("." + public_suffix):
                continue
            relative = target[: -len(public_suffix) - 1]
            # A name already in the zone (the CNAME target) resolves the same way.
            relative = relative.removesuffix(".privatelink")
            record, addresses = _record_for(relative, zone.get("records") or {})
            if record:
                entry.update(zone=zone["name"], record=record, ip_addresses=sorted(addresses))
                break
        addresses = [ipaddress.ip_address(a) for a in entry["ip_addresses"]]
        entry["private"] = bool(addresses) and all(
            a.is_private and (network is None or a in network) for a in addresses
        )
        table.append(entry)
    return table
