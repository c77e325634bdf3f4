"""What the firewall's generated application rules let through for a requested host name, for
tests that hold every enforcement point to one meaning of '*.x.y' (names strictly below x.y)."""

from __future__ import annotations

from ansible_collections.litware.aml_isolation.plugins.filter.egress import valid_hostname
from ansible_collections.litware.aml_isolation.plugins.filter.firewall import (
    firewall_policy_rules,
)


def firewall_rules_allow(patterns: list[str], name: str) -> bool:
    """Build the policy's rules from the patterns (as http entries on 80/443), then match the
    name as Azure Firewall matches a target FQDN: case-insensitive, one trailing dot dropped,
    '*.x.y' for every name below x.y and not x.y itself; the name must be a DNS host name."""
    entries = [
        {"name": f"table-{index}", "kind": "fqdn", "value": pattern, "ports": [80, 443]}
        | {"protocol": "http", "category": "custom"}
        for index, pattern in enumerate(patterns)
    ]
    result = firewall_policy_rules(entries, source_addresses=["10.0.40.0/24"])
    targets = [
        fqdn.lower()
        for group in result["rule_collection_groups"]
        for collection in group["ruleCollections"]
        for rule in collection["rules"]
        for fqdn in rule.get("targetFqdns", [])
    ]
    host = name[:-1] if isinstance(name, str) and name.endswith(".") else name
    if not valid_hostname(host, wildcard=False):
        return False
    host = host.lower()
    return any(
        host.endswith(target[1:]) if target.startswith("*.") else host == target
        for target in targets
    )
