# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters that turn the effective egress allow-list into an Azure Firewall policy's rules.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import projections
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    CATEGORIES,
)

TIERS = ("Basic", "Standard", "Premium")
# Application rules carry HTTP on 80 and HTTPS on 443; a Basic policy (no DNS proxy) can move a
# plain host name of a TCP network rule there only when all its ports are among these.
_WEB_PORTS = {"80", "443"}
NO_DNS_PROXY = "the Basic tier has no DNS proxy for host names in network rules"
NOT_CARRIED = "carried by neither firewall rule kind"


def _for_tier(entry: dict, tier: str, private_endpoint_prefixes: list | None) -> dict | None:
    """The entry as the policy tier takes it, or None when the tier cannot carry it."""
    if tier != "Basic" or entry["kind"] != "fqdn" or entry["protocol"] not in ("tcp", "udp"):
        return entry
    network = projections.firewall_network_rules(
        [entry], ["0.0.0.0/0"], private_endpoint_prefixes=private_endpoint_prefixes
    )
    if not network or "destinationFqdns" not in network[0]:
        return entry
    ports = {str(port) for port in entry["ports"]}
    if entry["protocol"] == "tcp" and ports <= _WEB_PORTS:
        return dict(entry, protocol="http" if "80" in ports else "https")
    return None


def _not_carried(entry: dict, private_endpoint_prefixes: list | None) -> str:
    points = projections.enforcement(entry, private_endpoint_prefixes)
    reasons = [
        points[point]["reason"]
        for point in ("firewall_application", "firewall_network")
        if not points[point]["carried"]
    ]
    return "; ".join(reasons) or NOT_CARRIED


def firewall_policy_rules(
    entries,
    source_ip_groups=None,
    source_addresses=None,
    private_endpoint_prefixes=None,
    tier="Standard",
    name_prefix="rcg-egress-",
    priority=200,
):
    """The rule collection groups of a firewall policy, one per allow-list category.

    Returns `rule_collection_groups` (name, priority, ruleCollections: `<category>-network` then
    `<category>-application`), `dns_proxy` (whether a network rule names a host) and
    `not_carried` (entries no rule carries, with the reason).
    """
    if tier not in TIERS:
        raise AnsibleFilterError(f"firewall_policy_rules: tier is {tier!r}, one of {list(TIERS)}")
    if not isinstance(entries, list):
        raise AnsibleFilterError("firewall_policy_rules expects a list of allow-list entries")
    groups, not_carried = [], []
    for index, category in enumerate(CATEGORIES):
        carried = []
        for entry in entries:
            if not isinstance(entry, dict) or entry.get("category", "custom") != category:
                continue
            usable = _for_tier(entry, tier, private_endpoint_prefixes)
            if usable is None:
                not_carried.append({"name": entry["name"], "reason": NO_DNS_PROXY})
                continue
            carried.append(usable)
        collections = projections.firewall_rule_collections(
            carried,
            source_addresses,
            source_ip_groups,
            private_endpoint_prefixes,
            name=category,
            priority=100,
        )
        named = {rule["name"] for item in collections for rule in item["rules"]}
        not_carried.extend(
            {"name": entry["name"], "reason": _not_carried(entry, private_endpoint_prefixes)}
            for entry in carried
            if entry["name"] not in named
        )
        if collections:
            groups.append(
                {
                    "name": f"{name_prefix}{category}",
                    "priority": int(priority) + 100 * index,
                    "ruleCollections": collections,
                }
            )
    dns_proxy = any(
        "destinationFqdns" in rule
        for group in groups
        for collection in group["ruleCollections"]
        for rule in collection["rules"]
    )
    return {"rule_collection_groups": groups, "dns_proxy": dns_proxy, "not_carried": not_carried}


# Azure keeps the first four addresses of a subnet; a firewall takes the next one.
_FIRST_HOST = 4
_LARGEST_FIREWALL_PREFIX = 26


def _network(value):
    try:
        return ipaddress.ip_network(value, strict=True)
    except (TypeError, ValueError):
        return None


def firewall_address_plan_errors(plan):
    """Every problem of the hub's address plan, each naming its variable.

    `plan` maps variable names to CIDRs: `hub` (the hub VNet), `subnets` (variable -> CIDR of
    the firewall's subnets, /26 or larger, inside the hub) and `spokes` (variable -> CIDR the
    hub is peered with, which it must not overlap).
    """
    errors = []
    hub_name, hub_value = plan["hub"]
    hub = _network(hub_value)
    if hub is None or hub.version != 4:
        return [f"{hub_name} ({hub_value}) is not an IPv4 network in CIDR notation"]
    subnets = []
    for name, value in plan.get("subnets", {}).items():
        network = _network(value)
        if network is None or network.version != 4:
            errors.append(f"{name} ({value}) is not an IPv4 network in CIDR notation")
            continue
        if not network.subnet_of(hub):
            errors.append(f"{name} ({value}) is not inside {hub_name} ({hub_value})")
        if network.prefixlen > _LARGEST_FIREWALL_PREFIX:
            errors.append(f"{name} ({value}) must be /{_LARGEST_FIREWALL_PREFIX} or larger")
        errors.extend(
            f"{name} ({value}) overlaps {other} ({other_network})"
            for other, other_network in subnets
            if network.overlaps(other_network)
        )
        subnets.append((name, network))
    for name, value in plan.get("spokes", {}).items():
        network = _network(value)
        if network is not None and network.version == 4 and network.overlaps(hub):
            errors.append(
                f"{hub_name} ({hub_value}) overlaps {name} ({value}): peered VNets cannot"
            )
    return errors


def firewall_private_ip(subnet_prefix):
    """The private IP address Azure gives a firewall in its subnet (the first usable one)."""
    network = _network(subnet_prefix)
    if network is None or network.num_addresses <= _FIRST_HOST + 1:
        raise AnsibleFilterError(f"firewall_private_ip: {subnet_prefix!r} is not a usable subnet")
    return str(network.network_address + _FIRST_HOST)


class FilterModule:
    """Azure Firewall filters."""

    def filters(self):
        return {
            "firewall_address_plan_errors": firewall_address_plan_errors,
            "firewall_policy_rules": firewall_policy_rules,
            "firewall_private_ip": firewall_private_ip,
        }
