#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: user_assigned_identity
short_description: A user-assigned managed identity
version_added: 0.3.0
description:
  - Ensures an Azure user-assigned managed identity exists, or does not exist, and returns the
    ids other resources need to grant it roles (RV(principal_id)) or to use it (RV(client_id)).
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the identity; it cannot change.
    type: str
  tags:
    description: Tags of the identity (merged into the current ones).
    type: dict
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the workspace identity
  litware.aml_isolation.user_assigned_identity:
    name: id-mlw
    resource_group: rg-litware-machinelearning-a1b2c3
    location: brazilsouth
  register: identity

- name: Grant it a role
  litware.aml_isolation.role_assignment:
    scope: "{{ storage_id }}"
    principal_id: "{{ identity.principal_id }}"
    role: Storage Blob Data Contributor
"""

RETURN = r"""
principal_id:
  description: Object id of the identity's service principal; empty in check mode before it exists.
  returned: always
  type: str
client_id:
  description: Application (client) id of the identity; empty in check mode before it exists.
  returned: always
  type: str
tenant_id:
  description: Tenant of the identity.
  returned: always
  type: str
id:
  description: Resource id of the identity.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The identity as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current identity.
  returned: when the identity existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def desired_body(params: dict) -> dict:
    return {"location": params["location"], "tags": params["tags"]}


def returns(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    return {
        "principal_id": properties.get("principalId") or "",
        "client_id": properties.get("clientId") or "",
        "tenant_id": properties.get("tenantId") or "",
    }


def validate_options(params: dict) -> None:
    validate.location(params["location"])
    validate.tags(params["tags"])


USER_ASSIGNED_IDENTITY = TypedResource(
    resource_type="Microsoft.ManagedIdentity/userAssignedIdentities",
    argument_spec=dict(location=dict(type="str"), tags=dict(type="dict")),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=Rules(create_requires={"location": "location"}, immutable={"location": "location"}),
)


def main() -> None:
    run_typed_module(USER_ASSIGNED_IDENTITY)


if __name__ == "__main__":
    main()
