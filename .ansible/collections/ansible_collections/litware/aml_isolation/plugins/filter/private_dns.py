# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a name resolves to inside a VNet, through the private DNS zones linked to it.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_dns import resolve


def private_dns_resolution(fqdns, zones, subnet_prefix=""):
    """Each FQDN with the zone, record and addresses it resolves to through ZONES (a list of
    `{name, linked, records: {record name: [addresses]}}`); a name no linked zone answers
    resolves publicly. `private` is true when every address is in SUBNET_PREFIX (when given)."""
    if not isinstance(zones, list):
        raise AnsibleFilterError("private_dns_resolution: zones must be a list of zones")
    return resolve(fqdns, zones, subnet_prefix)


class FilterModule:
    """Private DNS filters."""

    def filters(self):
        return {"private_dns_resolution": private_dns_resolution}
