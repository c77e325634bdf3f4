# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Public network access options shared by storage_account, key_vault and container_registry
(doc fragment litware.aml_isolation.network_access): off by default, opt-ins checked."""

from __future__ import annotations

import ipaddress

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)

NETWORK_ACCESS_ARGUMENT_SPEC: dict = {
    "public_network_access": {
        "type": "str",
        "choices": ["Enabled", "Disabled"],
        "default": "Disabled",
    },
    "network_default_action": {"type": "str", "choices": ["Allow", "Deny"], "default": "Deny"},
    "trusted_services_bypass": {"type": "bool", "default": True},
    "ip_rules": {"type": "list", "elements": "str", "default": []},
}


def validate_network_access(params: dict) -> None:
    for rule in params["ip_rules"]:
        try:
            network = ipaddress.ip_network(rule, strict=False)
        except ValueError:
            raise invalid_option("ip_rules", f"{rule!r} is not an IPv4 address or CIDR") from None
        if network.version != 4 or not network.is_global:
            raise invalid_option(
                "ip_rules",
                f"{rule!r} is not a public IPv4 address or range (the firewall "
                "only sees public addresses)",
            )
    if params["ip_rules"] and params["public_network_access"] == "Disabled":
        raise invalid_option(
            "ip_rules",
            "has no effect while public_network_access is Disabled; "
            "set public_network_access: Enabled to admit these addresses",
        )


def bypass(params: dict) -> str:
    return "AzureServices" if params["trusted_services_bypass"] else "None"
