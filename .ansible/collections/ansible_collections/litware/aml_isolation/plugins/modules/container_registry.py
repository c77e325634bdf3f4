#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: container_registry
short_description: A container registry without admin user and public access off
version_added: 0.3.0
description:
  - Ensures an Azure container registry exists with the admin user off, repository permissions
    by Azure RBAC roles (AcrPull/AcrPush) and public network access off unless
    O(public_network_access) says otherwise; or that it does not exist.
  - Private endpoints and network rules need the V(Premium) SKU, the default.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the registry; it cannot change.
    type: str
  tags:
    description: Tags of the registry (merged into the current ones).
    type: dict
  sku:
    description: Pricing tier; only V(Premium) has private endpoints and network rules.
    type: str
    choices: [Basic, Standard, Premium]
    default: Premium
  admin_user_enabled:
    description: The registry's admin user (a shared password). Off; identities use RBAC roles.
    type: bool
    default: false
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.network_access
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the workspace's registry (slow create, joined later)
  litware.aml_isolation.container_registry:
    name: crlitwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    location: brazilsouth
    wait: false
  register: registry
"""

RETURN = r"""
login_server:
  description: Host name of the registry; empty before it exists.
  returned: always
  type: str
id:
  description: Resource id of the registry.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The registry as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current registry.
  returned: when the registry existed and was updated
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
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def desired_body(params: dict) -> dict:
    premium = params["sku"] == "Premium"
    return {
        "location": params["location"],
        "tags": params["tags"],
        "sku": {"name": params["sku"]},
        "properties": {
            "adminUserEnabled": params["admin_user_enabled"],
            "publicNetworkAccess": params["public_network_access"],
            "networkRuleBypassOptions": bypass(params),
            # ABAC mode ignores AcrPull/AcrPush, the roles the workspace and AKS are given.
            "roleAssignmentMode": "LegacyRegistryPermissions",
            "networkRuleSet": {
                "defaultAction": params["network_default_action"],
                "ipRules": [{"action": "Allow", "value": rule} for rule in params["ip_rules"]],
            }
            if premium
            else None,
        },
    }


def returns(resource: dict) -> dict:
    return {"login_server": (resource.get("properties") or {}).get("loginServer") or ""}


def validate_options(params: dict) -> None:
    validate.global_name(params["name"], "container registry")
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate_network_access(params)
    if params["sku"] != "Premium" and params["public_network_access"] == "Disabled":
        raise invalid_option(
            "sku",
            f"{params['sku']} registries have no private endpoints: with public network access "
            "Disabled nothing could reach it; use Premium",
        )


CONTAINER_REGISTRY = TypedResource(
    resource_type="Microsoft.ContainerRegistry/registries",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        sku=dict(type="str", choices=["Basic", "Standard", "Premium"], default="Premium"),
        admin_user_enabled=dict(type="bool", default=False),
        **NETWORK_ACCESS_ARGUMENT_SPEC,
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=Rules(
        Comparator(
            "microsoft.containerregistry/registries",
            list_modes={"properties.networkRuleSet.ipRules": UNORDERED},
        ),
        create_requires={"location": "location"},
        immutable={"location": "location"},
    ),
)


def main() -> None:
    run_typed_module(CONTAINER_REGISTRY)


if __name__ == "__main__":
    main()
