# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters that turn the egress allow-list data into checked, enforceable configuration.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

import ipaddress
import re

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import projections
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.service_tags import (
    firewall_usable,
    tag_error,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    CATEGORIES,
    CLOUDS,
    FEATURES,
    KINDS,
    PLACEHOLDERS,
    PRIVATE_ENDPOINT_SUBNET,
    PROTOCOLS,
    RETIRED_CATEGORIES,
    WEB_PROTOCOLS,
)

ENTRY_KEYS = (
    "name",
    "kind",
    "value",
    "ports",
    "protocol",
    "category",
    "note",
    "regional",
    "feature",
    "unless_feature",
    "firewall_via",
    "source",
)

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ENTRY_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_PORT_RANGE = re.compile(r"^(\d{1,5})-(\d{1,5})$")


def valid_hostname(value, wildcard=True):
    """Tell whether a value is a DNS host name, or a '*.'-wildcard of one when allowed."""
    if not isinstance(value, str):
        return False
    name = value.lower()
    if wildcard and name.startswith("*."):
        name = name[2:]
    if not name or len(name) > 253 or name.endswith("."):
        return False
    labels = name.split(".")
    # A single label is a local name, never an internet destination; the top label is never numeric.
    if len(labels) < 2 or labels[-1].isdigit():
        return False
    return all(_LABEL.match(label) for label in labels)


def valid_network(value, version=None):
    """Tell whether a value is an IP network in CIDR notation without host bits set."""
    if not isinstance(value, str) or "/" not in value:
        return False
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        return False
    return version is None or network.version == int(version)


def _port_errors(ports, where):
    if not isinstance(ports, list) or not ports:
        return [f"{where}.ports must be a non-empty list of ports (1-65535) or 'low-high' ranges"]
    errors = []
    for index, port in enumerate(ports):
        low = high = None
        if isinstance(port, bool):
            pass
        elif isinstance(port, int):
            low = high = port
        elif isinstance(port, str) and port.isdigit():
            low = high = int(port)
        elif isinstance(port, str) and _PORT_RANGE.match(port):
            low, high = (int(part) for part in _PORT_RANGE.match(port).groups())
        if low is None or not 1 <= low <= high <= 65535:
            errors.append(
                f"{where}.ports[{index}] is {port!r}: a port is 1-65535 (or a 'low-high' range)"
            )
    return errors


def _shape(value, kind):
    """The value with its placeholders replaced by something of their shape (resolved later)."""
    if not isinstance(value, str):
        return value
    for placeholder in PLACEHOLDERS:
        # A whole host name stands in for <node_package_host>, one label for the others.
        stand_in = "placeholder.example" if placeholder == "<node_package_host>" else "placeholder"
        value = value.replace(placeholder, "Placeholder" if kind == "service_tag" else stand_in)
    return value


def _one_value_errors(kind, value, where):
    shape = _shape(value, kind)
    if kind == "fqdn" and not valid_hostname(shape):
        return [f"{where} is {value!r}: an fqdn entry needs a DNS host name or a '*.' wildcard"]
    if kind == "service_tag" and tag_error(shape):
        return [f"{where} is {value!r}: {tag_error(shape)}"]
    if kind == "ip_prefix" and not valid_network(shape):
        return [f"{where} is {value!r}: an ip_prefix needs a CIDR network without host bits"]
    return []


def _value_errors(entry, where):
    kind, value = entry.get("kind"), entry.get("value")
    if not isinstance(value, dict):
        return _one_value_errors(kind, value, f"{where}.value")
    if not value or set(value) - set(CLOUDS):
        return [f"{where}.value maps clouds to values: its keys are among {list(CLOUDS)}"]
    errors = []
    for cloud, cloud_value in value.items():
        errors.extend(_one_value_errors(kind, cloud_value, f"{where}.value.{cloud}"))
    return errors


def _protocol_errors(entry, where):
    protocol = entry.get("protocol")
    if protocol not in PROTOCOLS:
        return [f"{where}.protocol is {protocol!r}: one of {list(PROTOCOLS)}"]
    if protocol in WEB_PROTOCOLS and entry.get("kind") != "fqdn":
        return [f"{where}.protocol is {protocol!r}: only fqdn entries are http or https"]
    return []


def _category_errors(entry, where):
    category = entry.get("category", "custom")
    if category in CATEGORIES:
        return []
    hint = (
        f" ({category} was {RETIRED_CATEGORIES[category]})"
        if category in RETIRED_CATEGORIES
        else ""
    )
    return [f"{where}.category is {category!r}: one of {list(CATEGORIES)}{hint}"]


def _feature_errors(entry, where):
    errors = []
    for key in ("feature", "unless_feature"):
        if entry.get(key) is not None and entry[key] not in FEATURES:
            errors.append(f"{where}.{key} is {entry[key]!r}: one of {sorted(FEATURES)}")
    via = entry.get("firewall_via")
    if via is not None and via != PRIVATE_ENDPOINT_SUBNET:
        shape = _shape(via, "service_tag")
        if not isinstance(via, str) or tag_error(shape) or not firewall_usable(shape):
            errors.append(
                f"{where}.firewall_via is {via!r}: {PRIVATE_ENDPOINT_SUBNET} or a service tag "
                "Azure Firewall accepts"
            )
    if not isinstance(entry.get("source", ""), str):
        errors.append(f"{where}.source must be a string (a page or a SOURCES key)")
    return errors


def allowlist_errors(entries, variable="entries"):
    """Return every problem of a list of allow-list entries, each message naming the variable."""
    if not isinstance(entries, list):
        return [f"{variable} must be a list of entries"]
    errors = []
    seen = {}
    for index, entry in enumerate(entries):
        where = f"{variable}[{index}]"
        if not isinstance(entry, dict):
            errors.append(f"{where} must be a dictionary")
            continue
        unknown = sorted(set(entry) - set(ENTRY_KEYS))
        if unknown:
            errors.append(f"{where} has unknown keys {unknown}; known keys are {list(ENTRY_KEYS)}")
        name = entry.get("name")
        if not (isinstance(name, str) and _ENTRY_NAME.match(name)):
            errors.append(
                f"{where}.name is {name!r}: use lowercase letters, digits, '.', '_' and '-'"
            )
        elif name in seen:
            errors.append(f"{where}.name {name!r} is already used by entry {seen[name]}")
        else:
            seen[name] = index
        if entry.get("kind") not in KINDS:
            errors.append(f"{where}.kind is {entry.get('kind')!r}: one of {list(KINDS)}")
        else:
            errors.extend(_value_errors(entry, where))
        errors.extend(_port_errors(entry.get("ports"), where))
        errors.extend(_protocol_errors(entry, where))
        errors.extend(_category_errors(entry, where))
        errors.extend(_feature_errors(entry, where))
        if not isinstance(entry.get("regional", False), bool):
            errors.append(f"{where}.regional must be true or false")
    return errors


def _expand(entry, placeholder, names):
    if placeholder not in entry["value"]:
        return [entry]
    return [
        dict(entry, name=f"{entry['name']}-{name}", value=entry["value"].replace(placeholder, name))
        for name in names
    ]


def _selected(entry, categories, features):
    if categories is not None and entry.get("category", "custom") not in categories:
        return False
    if features is None:
        return True
    if entry.get("feature") and entry["feature"] not in features:
        return False
    return not (entry.get("unless_feature") and entry["unless_feature"] in features)


def _cloud_value(entry, cloud):
    """The entry's value in the cloud, or None when the cloud has no such entry."""
    value = entry["value"]
    if isinstance(value, dict):
        return value.get(cloud)
    return str(value)


def _with_region(value, kind, region, region_service_tag):
    if kind == "service_tag":
        return value.replace("<region>", region_service_tag)
    return value.replace("<region>", region).lower()


def allowlist_resolve(
    entries,
    region,
    region_service_tag,
    storage_accounts=None,
    registries=None,
    categories=None,
    features=None,
    cloud="AzureCloud",
    node_package_hosts=None,
):
    """Resolve placeholders for one cloud, select categories and features, normalise every entry.

    With categories or features left at None, entries are not selected by them.
    """
    if not isinstance(entries, list):
        raise AnsibleFilterError("allowlist_resolve expects a list of entries")
    if cloud not in CLOUDS:
        raise AnsibleFilterError(f"allowlist_resolve: cloud is {cloud!r}, one of {list(CLOUDS)}")
    resolved = []
    for entry in entries:
        if not isinstance(entry, dict) or "value" not in entry:
            raise AnsibleFilterError(f"allowlist_resolve: malformed entry {entry!r}")
        value = _cloud_value(entry, cloud)
        if value is None or not _selected(entry, categories, features):
            continue
        kind = entry.get("kind")
        normalised = {
            "name": entry.get("name"),
            "kind": kind,
            "value": _with_region(value, kind, region, region_service_tag),
            "ports": list(entry.get("ports") or []),
            "protocol": entry.get("protocol"),
            "category": entry.get("category", "custom"),
            "note": entry.get("note", ""),
            "source": entry.get("source", "custom"),
            "regional": bool(entry.get("regional", False)) or "<region>" in value,
        }
        for key in ("feature", "unless_feature"):
            if entry.get(key):
                normalised[key] = entry[key]
        if entry.get("firewall_via"):
            via = entry["firewall_via"]
            normalised["firewall_via"] = _with_region(
                via, "service_tag", region, region_service_tag
            )
        expanded = [normalised]
        for placeholder, names in (
            ("<storage>", storage_accounts),
            ("<acr>", registries),
            ("<node_package_host>", node_package_hosts),
        ):
            expanded = [item for one in expanded for item in _expand(one, placeholder, names or [])]
        resolved.extend(expanded)
    return resolved


def allowlist_choice_errors(categories, features, cloud="AzureCloud"):
    """Return every problem of the selected categories, features and cloud, naming the variable."""
    errors = []
    for variable, chosen, known in (
        ("egress_allowlist_categories", categories, CATEGORIES),
        ("egress_allowlist_features", features, FEATURES),
    ):
        if not isinstance(chosen, list):
            errors.append(f"{variable} must be a list (of {', '.join(known)})")
            continue
        for item in chosen:
            if item not in known:
                hint = RETIRED_CATEGORIES.get(item) if variable.endswith("categories") else None
                errors.append(
                    f"{variable} holds {item!r}"
                    + (f", which was {hint}" if hint else "")
                    + f": choose from {', '.join(known)}"
                )
    if cloud not in CLOUDS:
        errors.append(f"egress_allowlist_cloud is {cloud!r}: one of {', '.join(CLOUDS)}")
    return errors


# The shape of a host name in a request the proxies accept at all: letters, digits and hyphens
# in labels joined by single dots (one trailing dot, the absolute form of the same name, is
# dropped first); no port, no other character. The proxy role writes the same expression into
# the squid and nginx configurations (__proxy_host_shape).
REQUEST_HOST_SHAPE = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_REQUEST_HOST = re.compile(REQUEST_HOST_SHAPE)


def allowlist_host_allowed(name, patterns):
    """The one meaning of the allow-list's host names: does a request for NAME pass PATTERNS?

    An exact name matches itself, whatever the case and with or without one trailing dot (the
    absolute form of the same name); '*.x.y' matches every name strictly below x.y and never x.y
    itself. A NAME that is not a plain host name (port, '@', '%', '_', empty label, an IP literal
    in any notation, ...) matches nothing.
    """
    if not isinstance(name, str):
        return False
    name = name[:-1].lower() if name.endswith(".") else name.lower()
    if not _REQUEST_HOST.fullmatch(name):
        return False
    if name.rsplit(".", 1)[-1].isdigit():
        return False
    for pattern in patterns or []:
        pattern = str(pattern).lower()
        if pattern.startswith("*."):
            if name.endswith(pattern[1:]) and len(name) > len(pattern) - 1:
                return True
        elif name == pattern:
            return True
    return False


def _squid_name(name):
    name = name.lower()
    return name[1:] if name.startswith("*.") else name


def squid_dstdomains(names):
    """Turn host names and '*.' wildcards into a squid dstdomain list squid accepts.

    Squid's '.example.com' matches example.com and every name below it, and squid refuses a list
    where one item covers another; so covered items are dropped and duplicates removed. The bare
    parents squid would admit beyond the list come from squid_bare_parents.
    """
    if not isinstance(names, list):
        raise AnsibleFilterError("squid_dstdomains expects a list of host names")
    items = sorted({_squid_name(str(name)) for name in names})
    wildcards = [item for item in items if item.startswith(".")]

    def covered(item):
        bare = item.lstrip(".")
        return any(
            other != item and (bare == other[1:] or bare.endswith(other)) for other in wildcards
        )

    # Sort by the reversed labels so related names stay together in the generated file.
    kept = [item for item in items if not covered(item)]
    return sorted(kept, key=lambda item: item.lstrip(".").split(".")[::-1])


def squid_bare_parents(names):
    """The names squid's '.x.y' admits that allowlist_host_allowed refuses: the bare x.y of a
    '*.x.y' wildcard, unless the list allows x.y itself. Squid denies these before it allows.
    """
    if not isinstance(names, list):
        raise AnsibleFilterError("squid_bare_parents expects a list of host names")
    parents = {str(name).lower()[2:] for name in names if str(name).startswith("*.")}
    refused = [parent for parent in parents if not allowlist_host_allowed(parent, names)]
    return sorted(refused, key=lambda item: item.split(".")[::-1])


def sni_dns_records(names, excluded_suffixes=None):
    """Private DNS zones and records that make allow-listed names resolve to an SNI proxy.

    'x.y' becomes the apex record '@' of a zone x.y; '*.x.y' the wildcard record '*' of the zone
    x.y, which answers every name strictly below x.y and not x.y itself (allowlist_host_allowed's
    meaning). Names at or below an excluded suffix (domains reached through private endpoints,
    whose own zones must keep answering) are left out. Returns [{zone, record}], sorted.
    """
    if not isinstance(names, list):
        raise AnsibleFilterError("sni_dns_records expects a list of host names")
    excluded = [str(suffix).lower().strip(".") for suffix in excluded_suffixes or []]
    records = set()
    for name in names:
        name = str(name).lower()
        wildcard = name.startswith("*.")
        zone = name[2:] if wildcard else name
        if any(zone == suffix or zone.endswith("." + suffix) for suffix in excluded):
            continue
        records.add((zone, "*" if wildcard else "@"))
    return [{"zone": zone, "record": record} for zone, record in sorted(records)]


def collapse_networks(networks):
    """Merge networks into the fewest covering ones (squid ignores a network that holds another)."""
    if not isinstance(networks, list) or not all(valid_network(item) for item in networks):
        raise AnsibleFilterError("collapse_networks expects a list of networks in CIDR notation")
    parsed = [ipaddress.ip_network(item) for item in networks]
    collapsed = []
    for version in (4, 6):
        same = [network for network in parsed if network.version == version]
        collapsed.extend(str(network) for network in ipaddress.collapse_addresses(same))
    return collapsed


class FilterModule:
    """Egress allow-list filters."""

    def filters(self):
        return {
            "allowlist_choice_errors": allowlist_choice_errors,
            "allowlist_enforcement": projections.enforcement_table,
            "allowlist_errors": allowlist_errors,
            "allowlist_firewall_application_rules": projections.firewall_application_rules,
            "allowlist_firewall_network_rules": projections.firewall_network_rules,
            "allowlist_firewall_rule_collections": projections.firewall_rule_collections,
            "allowlist_nsg_rules": projections.nsg_rules,
            "allowlist_proxy_hosts": projections.proxy_hosts,
            "allowlist_host_allowed": allowlist_host_allowed,
            "allowlist_resolve": allowlist_resolve,
            "collapse_networks": collapse_networks,
            "sni_dns_records": sni_dns_records,
            "squid_bare_parents": squid_bare_parents,
            "squid_dstdomains": squid_dstdomains,
            "valid_hostname": valid_hostname,
            "valid_network": valid_network,
        }
