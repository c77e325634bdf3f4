#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: storage_account
short_description: A hardened storage account (optionally a Data Lake Gen2)
version_added: 0.3.0
description:
  - Ensures an Azure storage account exists with HTTPS only, TLS 1.2, no anonymous blob access
    and no shared-key access unless O(allow_shared_key_access), and public network access off
    unless O(public_network_access) says otherwise; or that it does not exist.
  - O(hierarchical_namespace) makes it a Data Lake Storage Gen2 account.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the account; it cannot change.
    type: str
  tags:
    description: Tags of the account (merged into the current ones).
    type: dict
  sku:
    description: Redundancy SKU.
    type: str
    default: Standard_LRS
    choices:
      - Standard_LRS
      - Standard_ZRS
      - Standard_GRS
      - Standard_RAGRS
      - Standard_GZRS
      - Standard_RAGZRS
  hierarchical_namespace:
    description: Data Lake Storage Gen2 (hierarchical namespace). It cannot change once created.
    type: bool
    default: false
  allow_shared_key_access:
    description:
      - Allow access with the account keys. Off by default; identity-based access (Entra ID)
        only. Workspaces need C(systemDatastoresAuthMode=Identity) for that.
    type: bool
    default: false
  resource_access_rules:
    description:
      - Resource instances admitted through the firewall (the Azure Machine Learning
        workspace, in Microsoft's "selected networks" recipe). Only with
        O(public_network_access=Enabled).
    type: list
    elements: dict
    default: []
    suboptions:
      tenant_id:
        description: Tenant of the resource.
        type: str
        required: true
      resource_id:
        description: Resource id of the admitted resource.
        type: str
        required: true
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.network_access
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the data lake, private endpoints only (slow create, joined later)
  litware.aml_isolation.storage_account:
    name: dlslitwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    location: brazilsouth
    hierarchical_namespace: true
    wait: false
  register: lake
"""

RETURN = r"""
primary_endpoints:
  description: Endpoints of the account's services (blob, dfs, file, ...); empty before it exists.
  returned: always
  type: dict
id:
  description: Resource id of the account.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The account as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current account.
  returned: when the account existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    UNORDERED,
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    PATCH,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.network_access import (  # noqa: E402
    NETWORK_ACCESS_ARGUMENT_SPEC,
    bypass,
    validate_network_access,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    parse_resource_id,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def desired_body(params: dict) -> dict:
    return {
        "location": params["location"],
        "tags": params["tags"],
        "sku": {"name": params["sku"]},
        "kind": "StorageV2",
        "properties": {
            "minimumTlsVersion": "TLS1_2",
            "supportsHttpsTrafficOnly": True,
            "allowBlobPublicAccess": False,
            "allowSharedKeyAccess": params["allow_shared_key_access"],
            "isHnsEnabled": params["hierarchical_namespace"],
            "publicNetworkAccess": params["public_network_access"],
            "networkAcls": {
                "defaultAction": params["network_default_action"],
                "bypass": bypass(params),
                "ipRules": [{"value": rule, "action": "Allow"} for rule in params["ip_rules"]],
                "resourceAccessRules": [
                    {"tenantId": rule["tenant_id"], "resourceId": rule["resource_id"]}
                    for rule in params["resource_access_rules"]
                ],
            },
        },
    }


def returns(resource: dict) -> dict:
    return {"primary_endpoints": (resource.get("properties") or {}).get("primaryEndpoints") or {}}


def validate_options(params: dict) -> None:
    validate.global_name(params["name"], "storage account")
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate_network_access(params)
    for rule in params["resource_access_rules"]:
        validate.uuid(rule["tenant_id"], "resource_access_rules")
        parse_resource_id(rule["resource_id"], "resource_access_rules")
    if params["resource_access_rules"] and params["public_network_access"] == "Disabled":
        raise invalid_option(
            "resource_access_rules",
            "has no effect while public_network_access is Disabled; "
            "set public_network_access: Enabled to admit these resources",
        )


STORAGE_ACCOUNT = TypedResource(
    resource_type="Microsoft.Storage/storageAccounts",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        sku=dict(
            type="str",
            default="Standard_LRS",
            choices=[
                "Standard_LRS",
                "Standard_ZRS",
                "Standard_GRS",
                "Standard_RAGRS",
                "Standard_GZRS",
                "Standard_RAGZRS",
            ],
        ),
        hierarchical_namespace=dict(type="bool", default=False),
        allow_shared_key_access=dict(type="bool", default=False),
        resource_access_rules=dict(
            type="list",
            elements="dict",
            default=[],
            options=dict(
                tenant_id=dict(type="str", required=True),
                resource_id=dict(type="str", required=True),
            ),
        ),
        **NETWORK_ACCESS_ARGUMENT_SPEC,
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=Rules(
        Comparator(
            "microsoft.storage/storageaccounts",
            list_modes={
                "properties.networkAcls.ipRules": UNORDERED,
                "properties.networkAcls.resourceAccessRules": UNORDERED,
            },
        ),
        # An update is a PATCH of what changed: the create model has no read-only members.
        update_method=PATCH,
        patch_desired=True,
        create_requires={"location": "location"},
        immutable={
            "location": "location",
            "hierarchical_namespace": "properties.isHnsEnabled",
        },
    ),
)


def main() -> None:
    run_typed_module(STORAGE_ACCOUNT)


if __name__ == "__main__":
    main()
