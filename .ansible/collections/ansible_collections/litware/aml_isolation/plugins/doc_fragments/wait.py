# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The options of WAIT_ARGUMENT_SPEC, for every module that writes.
    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Wait for long-running operations to finish. With V(false) the module returns once ARM
        accepted the request, with the handle of the started operation in RV(operation); join
        such handles with M(litware.aml_isolation.arm_operation_wait) where something depends
        on them.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for a long-running operation before failing.
    type: int
    default: 1800
"""
