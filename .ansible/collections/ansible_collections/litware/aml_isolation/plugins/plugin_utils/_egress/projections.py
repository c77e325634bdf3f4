# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each enforcement point makes of resolved allow-list entries.

Four points: the forward proxy (host names on HTTP/HTTPS), Azure Firewall application rules
(host names on http/https/mssql), Azure Firewall network rules (addresses, service tags and
non-wildcard host names through the DNS proxy, any IP protocol) and NSG outbound rules (addresses
and service tags). Every entry is carried by a point or gets the reason it is not. The rule shapes
are those of a firewall policy rule collection group and an NSG at the pinned Microsoft.Network
api-version.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.service_tags import (
    SERVICE_TAGS,
    firewall_usable,
    split_tag,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    PRIVATE_ENDPOINT_SUBNET,
    WEB_PROTOCOLS,
)

POINTS = ("proxy", "firewall_application", "firewall_network", "nsg")
PROXY_PORTS = {"http": 80, "https": 443}

NOT_A_HOST_FOR_PROXY = "a forward proxy matches host names, not addresses or service tags"
NOT_WEB_FOR_PROXY = "a forward proxy carries only HTTP on 80 and HTTPS on 443"
NOT_A_HOST_FOR_APPLICATION = "application rules take host names, not addresses or service tags"
NOT_WEB_FOR_APPLICATION = "application rules carry only http, https and mssql"
ANY_PROTOCOL_FOR_APPLICATION = "protocol any: a network rule carries the whole flow"
WEB_FOR_NETWORK = "an application rule carries it (host names on http/https)"
WILDCARD_FOR_NETWORK = (
    "network-rule FQDN filtering takes no wildcards and the entry names no firewall_via form"
)
NO_PRIVATE_ENDPOINT_PREFIXES = (
    "reaches the workspace private endpoint: give its subnet range (private_endpoint_prefixes)"
)
NOT_AN_ADDRESS_FOR_NSG = "NSG rules take addresses and service tags, not host names"

_IP_PROTOCOLS = {"tcp": "TCP", "udp": "UDP", "any": "Any"}
_NSG_PROTOCOLS = {"tcp": "Tcp", "udp": "Udp", "any": "*"}


def _carried(form: str) -> dict:
    return {"carried": True, "form": form}


def _not_carried(reason: str) -> dict:
    return {"carried": False, "reason": reason}


def _ports(entry: dict) -> list[str]:
    return [str(port) for port in entry["ports"]]


def _is_wildcard(value: str) -> bool:
    return value.startswith("*")


def _proxy_ports(entry: dict) -> list[int]:
    """The ports of the entry a forward proxy carries: 80 as HTTP, 443 as HTTPS (CONNECT)."""
    if entry["kind"] != "fqdn" or entry["protocol"] in ("tcp", "udp"):
        return []
    carried = [80, 443] if entry["protocol"] == "http" else [443]
    return [port for port in carried if port in entry["ports"] or str(port) in entry["ports"]]


def _application_protocols(entry: dict) -> list[dict]:
    protocols = []
    for port in entry["ports"]:
        port = int(port)
        kind = "Http" if entry["protocol"] == "http" and port == 80 else "Https"
        protocols.append({"protocolType": kind, "port": port})
    return protocols


def _network_destination(entry: dict, private_endpoint_prefixes: list | None) -> dict | str:
    """The network rule destination of the entry ({field: values}), or why there is none."""
    kind, value = entry["kind"], entry["value"]
    if kind == "ip_prefix":
        return {"destinationAddresses": [value]}
    if kind == "service_tag":
        if firewall_usable(value):
            return {"destinationAddresses": [value]}
        return SERVICE_TAGS[split_tag(value)[0]].why_not_firewall
    if entry["protocol"] in WEB_PROTOCOLS:
        return WEB_FOR_NETWORK
    via = entry.get("firewall_via")
    if via == PRIVATE_ENDPOINT_SUBNET:
        if private_endpoint_prefixes:
            return {"destinationAddresses": list(private_endpoint_prefixes)}
        return NO_PRIVATE_ENDPOINT_PREFIXES
    if via:
        return {"destinationAddresses": [via]}
    if _is_wildcard(value):
        return WILDCARD_FOR_NETWORK
    return {"destinationFqdns": [value]}


def enforcement(entry: dict, private_endpoint_prefixes: list | None = None) -> dict:
    """How each enforcement point carries one resolved entry, or why it does not."""
    kind, protocol = entry["kind"], entry["protocol"]
    result = {}
    proxy_ports = _proxy_ports(entry)
    if kind != "fqdn":
        result["proxy"] = _not_carried(NOT_A_HOST_FOR_PROXY)
    elif proxy_ports:
        schemes = ["HTTP 80" if port == 80 else "HTTPS 443" for port in proxy_ports]
        result["proxy"] = _carried(" + ".join(schemes))
    else:
        result["proxy"] = _not_carried(NOT_WEB_FOR_PROXY)

    if kind != "fqdn":
        result["firewall_application"] = _not_carried(NOT_A_HOST_FOR_APPLICATION)
    elif protocol in WEB_PROTOCOLS:
        forms = [f"{item['protocolType']}:{item['port']}" for item in _application_protocols(entry)]
        result["firewall_application"] = _carried(", ".join(forms))
    elif protocol == "any":
        result["firewall_application"] = _not_carried(ANY_PROTOCOL_FOR_APPLICATION)
    else:
        result["firewall_application"] = _not_carried(NOT_WEB_FOR_APPLICATION)

    destination = _network_destination(entry, private_endpoint_prefixes)
    if isinstance(destination, str):
        result["firewall_network"] = _not_carried(destination)
    else:
        ((field, values),) = destination.items()
        ports = ",".join(_ports(entry))
        target = " ".join(f"`{value}`" for value in values)
        target += " (DNS proxy)" if field == "destinationFqdns" else ""
        result["firewall_network"] = _carried(f"{_IP_PROTOCOLS[protocol]} {ports} to {target}")

    if kind == "fqdn":
        result["nsg"] = _not_carried(NOT_AN_ADDRESS_FOR_NSG)
    else:
        result["nsg"] = _carried(f"{_NSG_PROTOCOLS[protocol]} {','.join(_ports(entry))}")
    return result


def _check_resolved(entries: object, filter_name: str) -> list[dict]:
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise AnsibleFilterError(f"{filter_name} expects a list of allow-list entries")
    for entry in entries:
        if "<" in str(entry.get("value")) or isinstance(entry.get("value"), dict):
            raise AnsibleFilterError(
                f"{filter_name}: entry {entry.get('name')!r} is not resolved; "
                "pass the entries through allowlist_resolve first"
            )
    return entries


def _sources(filter_name: str, source_addresses: object, source_ip_groups: object) -> dict:
    sources = {}
    if source_addresses:
        sources["sourceAddresses"] = list(source_addresses)
    if source_ip_groups:
        sources["sourceIpGroups"] = list(source_ip_groups)
    if not sources:
        raise AnsibleFilterError(
            f"{filter_name}: give source_addresses or source_ip_groups (a rule without a "
            "source would allow every network behind the firewall)"
        )
    return sources


def enforcement_table(entries, private_endpoint_prefixes=None):
    """Every resolved entry with what each enforcement point makes of it."""
    _check_resolved(entries, "allowlist_enforcement")
    return [
        {
            "name": entry["name"],
            "value": entry["value"],
            **enforcement(entry, private_endpoint_prefixes),
        }
        for entry in entries
    ]


def proxy_hosts(entries, scheme="https"):
    """Host names (and '*.' wildcards) a forward proxy allows for HTTP (port 80) or HTTPS (443)."""
    if scheme not in PROXY_PORTS:
        raise AnsibleFilterError(f"allowlist_proxy_hosts: scheme is {scheme!r}, http or https")
    _check_resolved(entries, "allowlist_proxy_hosts")
    names = {
        entry["value"].lower() for entry in entries if PROXY_PORTS[scheme] in _proxy_ports(entry)
    }
    return sorted(names)


def firewall_application_rules(entries, source_addresses=None, source_ip_groups=None):
    """Azure Firewall policy application rules (ruleType ApplicationRule) for the host names."""
    _check_resolved(entries, "allowlist_firewall_application_rules")
    sources = _sources("allowlist_firewall_application_rules", source_addresses, source_ip_groups)
    return [
        {
            "ruleType": "ApplicationRule",
            "name": entry["name"],
            "description": entry.get("note", ""),
            "protocols": _application_protocols(entry),
            **sources,
            "targetFqdns": [entry["value"]],
        }
        for entry in entries
        if entry["kind"] == "fqdn" and entry["protocol"] in WEB_PROTOCOLS
    ]


def firewall_network_rules(
    entries, source_addresses=None, source_ip_groups=None, private_endpoint_prefixes=None
):
    """Azure Firewall policy network rules (ruleType NetworkRule) for everything else."""
    _check_resolved(entries, "allowlist_firewall_network_rules")
    sources = _sources("allowlist_firewall_network_rules", source_addresses, source_ip_groups)
    rules = []
    for entry in entries:
        destination = _network_destination(entry, private_endpoint_prefixes)
        if isinstance(destination, str):
            continue
        rules.append(
            {
                "ruleType": "NetworkRule",
                "name": entry["name"],
                "description": entry.get("note", ""),
                "ipProtocols": [_IP_PROTOCOLS[entry["protocol"]]],
                **sources,
                **destination,
                "destinationPorts": _ports(entry),
            }
        )
    return rules


def firewall_rule_collections(
    entries,
    source_addresses=None,
    source_ip_groups=None,
    private_endpoint_prefixes=None,
    name="aml-egress",
    priority=200,
):
    """Allow rule collections for a firewall policy rule collection group (network, application)."""
    network = firewall_network_rules(
        entries, source_addresses, source_ip_groups, private_endpoint_prefixes
    )
    application = firewall_application_rules(entries, source_addresses, source_ip_groups)
    collections = []
    for offset, (suffix, rules) in enumerate((("network", network), ("application", application))):
        if rules:
            collections.append(
                {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "name": f"{name}-{suffix}",
                    "priority": int(priority) + 100 * offset,
                    "action": {"type": "Allow"},
                    "rules": rules,
                }
            )
    return collections


def nsg_rules(entries, source_address_prefixes, priority=200, name_prefix="allow-"):
    """NSG outbound allow rules (securityRules items) for the service tags and addresses."""
    _check_resolved(entries, "allowlist_nsg_rules")
    if isinstance(source_address_prefixes, str):
        source_address_prefixes = [source_address_prefixes]
    if not source_address_prefixes:
        raise AnsibleFilterError("allowlist_nsg_rules: give source_address_prefixes")
    if len(source_address_prefixes) == 1:
        source = {"sourceAddressPrefix": source_address_prefixes[0]}
    else:
        source = {"sourceAddressPrefixes": list(source_address_prefixes)}
    rules = []
    for entry in entries:
        if entry["kind"] == "fqdn":
            continue
        ports = _ports(entry)
        port_field = (
            {"destinationPortRange": ports[0]}
            if len(ports) == 1
            else {"destinationPortRanges": ports}
        )
        rules.append(
            {
                "name": f"{name_prefix}{entry['name']}"[:80],
                "properties": {
                    "description": entry.get("note", "")[:140],
                    "priority": int(priority) + len(rules),
                    "direction": "Outbound",
                    "access": "Allow",
                    "protocol": _NSG_PROTOCOLS[entry["protocol"]],
                    **source,
                    "sourcePortRange": "*",
                    "destinationAddressPrefix": entry["value"],
                    **port_field,
                },
            }
        )
    return rules
