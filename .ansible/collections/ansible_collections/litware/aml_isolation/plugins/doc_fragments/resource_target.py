# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # How the generic modules name a resource: by id or by its parts, with an api-version.
    DOCUMENTATION = r"""
options:
  id:
    description:
      - Full resource id, for example C(/subscriptions/<id>/resourceGroups/rg/providers/)
        C(Microsoft.Network/virtualNetworks/vnet1/subnets/snet1).
      - Mutually exclusive with O(resource_group), O(provider), O(resource_type) and
        O(resource_name).
    type: str
  resource_group:
    description:
      - Resource group of the resource. Alone (without O(provider)), names the resource group
        itself.
    type: str
  provider:
    description:
      - Provider namespace, for example V(Microsoft.Network).
    type: str
  resource_type:
    description:
      - Resource type within the provider; child types are written with their parents, for example
        V(virtualNetworks/subnets).
    type: str
  resource_name:
    description:
      - Resource name, with one name per type in O(resource_type), for example V(vnet1/snet1).
    type: str
  api_version:
    description:
      - The api-version to call.
      - Defaults to the version the collection pins for the resource type; required for types
        it does not know.
    type: str
"""
