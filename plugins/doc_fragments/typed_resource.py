# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The options every typed module has (TYPED_ARGUMENT_SPEC in module_utils/_arm/typed.py).
    DOCUMENTATION = r"""
options:
  name:
    description:
      - Name of the resource.
      - One of O(name) and O(items) is required.
    type: str
  items:
    description:
      - Several resources of this type in one module execution, instead of O(name) - one
        sign-in, one connection and one GET per converged resource, where a loop costs a
        module execution per item.
      - Each item is a dictionary with C(name) and any of the resource's own options (not
        O(wait), O(timeout) or the credentials); an option an item leaves out is the task's.
      - Every item is checked before the first request; an error names the item
        (C(items[2].location)). The results come in C(results), one per item in order, each
        as the module returns for one resource; with O(wait=false) every handle also comes in
        C(operations) for M(litware.aml_isolation.arm_operation_wait).
    type: list
    elements: dict
  resource_group:
    description:
      - Resource group of the resource.
    type: str
    required: true
  state:
    description:
      - Whether the resource should exist.
      - Options left unset are not managed; an existing resource keeps what it has.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The module runs on the collection's desired-state engine; its diff shows only what the
    options manage, without read-only fields such as C(etag) or C(provisioningState).
"""
