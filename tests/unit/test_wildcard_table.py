"""One meaning of '*.x.y' everywhere: every enforcement point agrees with the shared table.

molecule/shared/vars/wildcard_table.yml holds the allow-list and the names with their verdicts.
Here each rule generator is asked about each name; squid and nginx then enforce the same table
for real on the lab (molecule verify). A new enforcement point is one more line in ENFORCERS: a
function (patterns, name) -> allowed, built from what that generator writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ansible_collections.litware.aml_isolation.plugins.filter.egress import (
    REQUEST_HOST_SHAPE,
    allowlist_host_allowed,
    sni_dns_records,
    squid_bare_parents,
    squid_dstdomains,
)
from tools.firewall_rules import firewall_rules_allow

REPO = Path(__file__).resolve().parents[2]
TABLE = yaml.safe_load((REPO / "molecule" / "shared" / "vars" / "wildcard_table.yml").read_text())
PATTERNS = [entry["value"] for entry in TABLE["wildcard_table_entries"]]
ROWS = [(row["name"], row["allowed"]) for row in TABLE["wildcard_table"]]


def squid_rules(patterns: list[str], name: str) -> bool:
    """What squid.conf.j2 writes: the shape regex, dstdomain items, bare parents denied first."""
    shape = yaml.safe_load((REPO / "roles" / "proxy" / "vars" / "main.yml").read_text())
    host = name.rstrip(".").lower()  # squid's URL parser drops trailing dots before any ACL
    if not re.fullmatch(shape["__proxy_host_shape"], host):
        return False
    if host in squid_bare_parents(patterns):
        return False
    # squid's dstdomain: ".x.y" matches x.y and below, "x.y" itself only; -n: names only.
    return not host.rsplit(".", 1)[-1].isdigit() and any(
        host == item.lstrip(".") or (item.startswith(".") and host.endswith(item))
        for item in squid_dstdomains(patterns)
    )


def nginx_rules(patterns: list[str], name: str) -> bool:
    """What nginx.conf.j2 writes: the shape regex, then a `hostnames` map of the names as listed."""
    shape = yaml.safe_load((REPO / "roles" / "proxy" / "vars" / "main.yml").read_text())
    if not re.fullmatch(shape["__proxy_host_shape"] + r"\.?", name):
        return False
    host = name.lower().removesuffix(".")  # $host and hostnames maps drop one trailing dot
    # nginx's hostnames map: "x.y" is x.y only, "*.x.y" is every name below x.y.
    return any(
        host.endswith(key[1:]) if key.startswith("*.") else host == key
        for key in (pattern.lower() for pattern in patterns)
    )


ENFORCERS: dict[str, Callable[[list[str], str], bool]] = {
    "allowlist_host_allowed": lambda patterns, name: allowlist_host_allowed(name, patterns),
    "squid rules": squid_rules,
    "nginx rules": nginx_rules,
    "firewall application rules": firewall_rules_allow,
}


@pytest.mark.parametrize("enforcer", sorted(ENFORCERS))
@pytest.mark.parametrize(("name", "allowed"), ROWS, ids=[row[0] for row in ROWS])
def test_enforcer_agrees_with_the_table(enforcer: str, name: str, allowed: bool) -> None:
    assert ENFORCERS[enforcer](PATTERNS, name) is allowed


def test_the_proxy_templates_use_the_filter_host_shape() -> None:
    shape = yaml.safe_load((REPO / "roles" / "proxy" / "vars" / "main.yml").read_text())
    assert shape["__proxy_host_shape"] == REQUEST_HOST_SHAPE


@pytest.mark.parametrize(
    "name",
    ["192.0.2.10", "3221225994", "0xc000020a", "[::ffff:192.0.2.10]", "a.com:80", "a.com\n", None],
)
def test_ip_literals_ports_and_non_names_never_match(name: object) -> None:
    assert not allowlist_host_allowed(name, ["*.com", "a.com", "*.0.2.10"])


def resolves_to_proxy(patterns: list[str], name: str) -> bool:
    """Whether the private zones sni_dns_records makes answer NAME (DNS ignores case and the
    trailing dot; the most specific zone answers, and a zone without a record says no)."""
    host = name.lower().removesuffix(".")
    records = sni_dns_records(patterns)
    zones = [r["zone"] for r in records if host == r["zone"] or host.endswith("." + r["zone"])]
    if not zones:
        return False
    zone = max(zones, key=len)
    wanted = "@" if host == zone else "*"
    return {"zone": zone, "record": wanted} in records


@pytest.mark.parametrize(("name", "allowed"), ROWS, ids=[row[0] for row in ROWS])
def test_private_dns_of_the_sni_proxy_agrees_with_the_table(name: str, allowed: bool) -> None:
    # DNS does not judge the shape of a name: the proxy refuses a bad one after resolution.
    if re.fullmatch(REQUEST_HOST_SHAPE + r"\.?", name):
        assert resolves_to_proxy(PATTERNS, name) is allowed


def test_private_dns_leaves_out_private_endpoint_domains() -> None:
    records = sni_dns_records(
        ["*.blob.core.windows.net", "*.pytorch.org", "ml.azure.com"], ["core.windows.net"]
    )
    assert records == [
        {"zone": "ml.azure.com", "record": "@"},
        {"zone": "pytorch.org", "record": "*"},
    ]


def test_squid_bare_parents_keeps_parents_another_entry_allows() -> None:
    assert squid_bare_parents(["*.a.com", "*.b.com", "b.com", "*.x.a.com"]) == ["a.com"]
