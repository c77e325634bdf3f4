#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: arm_operation_wait
short_description: Join long-running ARM operations started with wait=false
version_added: 0.2.0
description:
  - Waits for every operation in O(operations) at once, polling them together as ARM says
    for each (C(Azure-AsyncOperation), else C(Location), else C(provisioningState)), and
    returns each final resource.
  - Start slow creates with O(litware.aml_isolation.arm_resource#module:wait=false) (or any
    writing module of the collection) and join them where something depends on them, so a
    deployment takes about its critical path instead of the sum of its operations.
  - Fails when any operation failed or outlived O(timeout), with each failed operation's ARM
    error; the others are still waited for and returned.
author:
  - Litware Cloud Platform Team (@litware)
options:
  operations:
    description:
      - The RV(litware.aml_isolation.arm_resource#module:operation) handles the modules
        returned with O(litware.aml_isolation.arm_resource#module:wait=false).
      - A handle whose C(method) is V(null) (nothing was started) is only read.
    type: list
    elements: dict
    required: true
  timeout:
    description: Seconds to wait for all operations together.
    type: int
    default: 1800
  poll_interval:
    description:
      - The longest pause between two polling rounds, in seconds; shorter when ARM's
        C(Retry-After) asks for less.
    type: int
    default: 10
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.info_module
"""

EXAMPLES = r"""
- name: Start the private DNS zone
  litware.aml_isolation.arm_resource:
    id: "{{ zone_id }}"
    body: {location: global}
    wait: false
  register: zone

- name: Start the proxy's network interface
  litware.aml_isolation.network_interface:
    name: nic-proxy
    resource_group: rg-aml-prod
    location: eastus
    subnet_id: "{{ subnet_id }}"
    wait: false
  register: nic

- name: Wait for both
  litware.aml_isolation.arm_operation_wait:
    operations:
      - "{{ zone.operation }}"
      - "{{ nic.operation }}"
  register: joined
"""

RETURN = r"""
resources:
  description:
    - The final resource of each operation, in the order of O(operations); empty for a delete
      and for an operation that failed.
  returned: always
  type: list
  elements: dict
operations:
  description: How each operation ended, in the order of O(operations).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Resource id.
      type: str
      returned: always
    method:
      description: The HTTP method that started the operation; V(null) when none was started.
      type: str
      returned: always
    status:
      description: V(Succeeded) or V(Failed).
      type: str
      returned: always
    error:
      description: The ARM error (C(code), C(message), C(status), request ids) of a failed one.
      type: dict
      returned: when the operation failed
errors:
  description: The ARM error of each failed operation.
  returned: when an operation failed
  type: list
  elements: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (  # noqa: E402
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.operations import (  # noqa: E402
    Operation,
    join,
)

ARGUMENT_SPEC = dict(
    operations=dict(type="list", elements="dict", required=True),
    timeout=dict(type="int", default=1800),
    poll_interval=dict(type="int", default=10),
)


def run(module: ArmModule) -> dict:
    params = module.params
    validate.positive(params["timeout"], "timeout")
    validate.positive(params["poll_interval"], "poll_interval")
    operations = [
        Operation.from_handle(handle, index) for index, handle in enumerate(params["operations"])
    ]
    outcomes = join(module.client, operations, params["timeout"], params["poll_interval"])
    result = {
        "changed": False,
        "resources": [outcome.resource or {} for outcome in outcomes],
        "operations": [outcome.summary() for outcome in outcomes],
    }
    failed = [outcome.error for outcome in outcomes if outcome.error is not None]
    if failed:
        # Failing through the result keeps every operation's outcome in it.
        messages = "; ".join(error.summary() for error in failed)
        result["failed"] = True
        result["msg"] = f"{len(failed)} of {len(outcomes)} operations failed: {messages}"
        result["errors"] = [error.to_fail_kwargs()["error"] for error in failed]
    return result


def main() -> None:
    ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True).execute(run)


if __name__ == "__main__":
    main()
