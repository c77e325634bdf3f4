# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Attributes of modules that manage one kind of ARM resource.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description:
      Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - In check mode the module only reads (GET); it never sends PUT, PATCH, POST or DELETE.
  diff_mode:
    description:
      Will return details on what has changed (or possibly needs changing in check_mode),
      when in diff mode.
    support: full
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second
        invocation indicates no change.
      - This assumes that the system controlled/queried by the module has not changed in a
        relevant way.
    support: full
  action_group:
    description:
      Use C(group/litware.aml_isolation.azure) in C(module_defaults) to set defaults for this
      module.
    support: full
    membership:
      - litware.aml_isolation.azure
"""

    # For read-only modules (info modules).
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    description:
      Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - This action does not modify state.
  diff_mode:
    description:
      Will return details on what has changed (or possibly needs changing in check_mode),
      when in diff mode.
    support: N/A
    details:
      - This action does not modify state.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second
        invocation indicates no change.
    support: full
    details:
      - This action does not modify state.
  action_group:
    description:
      Use C(group/litware.aml_isolation.azure) in C(module_defaults) to set defaults for this
      module.
    support: full
    membership:
      - litware.aml_isolation.azure
"""
