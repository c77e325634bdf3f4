# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The public network access options of storage_account, key_vault and container_registry
    # (NETWORK_ACCESS_ARGUMENT_SPEC in module_utils/_arm/network_access.py).
    DOCUMENTATION = r"""
options:
  public_network_access:
    description:
      - V(Disabled) (the default) admits only private endpoints; no firewall rule applies.
      - V(Enabled) with O(network_default_action=Deny) is "selected networks"; only
        O(ip_rules) and, with O(trusted_services_bypass), trusted Azure services get through.
    type: str
    choices: [Enabled, Disabled]
    default: Disabled
  network_default_action:
    description:
      - What the firewall does with traffic no rule admits. V(Allow) opens the resource to
        the internet when public network access is enabled.
    type: str
    choices: [Allow, Deny]
    default: Deny
  trusted_services_bypass:
    description:
      - Let trusted Azure services (C(AzureServices)) through the firewall.
    type: bool
    default: true
  ip_rules:
    description:
      - Public IPv4 addresses or CIDR ranges admitted through the firewall (the operator's
        machine, for data-plane work before private endpoints exist). Refused with
        O(public_network_access=Disabled), where they would do nothing.
    type: list
    elements: str
    default: []
"""
