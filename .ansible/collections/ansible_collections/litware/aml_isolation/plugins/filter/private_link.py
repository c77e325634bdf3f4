# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The private-link DNS zone table of module_utils, for roles that have no module result at hand.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_link_zones import (
    PRIVATE_LINK_ZONES,
    zone_table,
)


def private_link_zones(cloud_name):
    """The zone table row of a cloud by name, as arm_context_info returns it."""
    table = zone_table(cloud_name)
    if not table:
        raise AnsibleFilterError(
            f"no private-link zone table for cloud {cloud_name!r}; "
            f"known: {', '.join(PRIVATE_LINK_ZONES)}"
        )
    return table


class FilterModule:
    """Private-link filters."""

    def filters(self):
        return {"private_link_zones": private_link_zones}
