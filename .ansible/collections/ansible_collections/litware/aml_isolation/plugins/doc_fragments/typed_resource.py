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
    type: str
    required: true
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
