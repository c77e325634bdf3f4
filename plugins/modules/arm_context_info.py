#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: arm_context_info
short_description: The subscription, tenant and cloud the collection's modules work in
version_added: 0.1.0
description:
  - Resolves the credentials exactly as every other module of the collection does (same options,
    environment variables, credential file profiles and precedence), then reads the subscription
    from Azure Resource Manager to confirm the credentials reach it.
  - Returns the subscription id, the tenant, the cloud with its endpoints and the private-link
    DNS zones of that cloud, so that roles build every resource id and zone name from the same
    source as the modules instead of reading environment variables themselves.
  - Set the credentials once with C(module_defaults) for the action group
    C(group/litware.aml_isolation.azure) and this module sees what the others see.
author:
  - Litware Cloud Platform Team (@litware)
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Resolve the subscription, tenant and cloud once
  litware.aml_isolation.arm_context_info:
  register: context

- name: Build an id in the subscription the modules use
  ansible.builtin.debug:
    msg: /subscriptions/{{ context.subscription_id }}/resourceGroups/rg-aml

- name: The private DNS zones of the workspace's private endpoint in this cloud
  ansible.builtin.debug:
    msg: "{{ context.private_link_zones.amlworkspace.zones }}"
"""

RETURN = r"""
subscription_id:
  description: The subscription the modules work in, as ARM spells it.
  returned: always
  type: str
  sample: 00000000-0000-0000-0000-000000000000
subscription_name:
  description: The display name of the subscription.
  returned: always
  type: str
  sample: Machine learning production
tenant_id:
  description: The tenant (directory) the subscription belongs to.
  returned: always
  type: str
  sample: 11111111-1111-1111-1111-111111111111
principal_id:
  description: Object id of the principal the modules act as (the token's C(oid) claim).
  returned: always
  type: str
  sample: 33333333-3333-3333-3333-333333333333
credential_source:
  description: Where the credentials came from (never the secret).
  returned: always
  type: str
  sample: "client_id 22222222-2222-2222-2222-222222222222 in tenant 1111... (from module options)"
cloud:
  description: The cloud and its endpoints.
  returned: always
  type: dict
  contains:
    name:
      description: Name of the cloud (from the metadata endpoint when given by URL).
      type: str
      sample: AzureCloud
    resource_manager:
      description: The Azure Resource Manager endpoint.
      type: str
      sample: https://management.azure.com
    login_endpoint:
      description: The Microsoft Entra ID authority.
      type: str
      sample: https://login.microsoftonline.com
    audience:
      description: The token audience for Azure Resource Manager.
      type: str
      sample: https://management.core.windows.net/
    private_link_cloud:
      description:
        - The row of the private-link zone table this cloud uses; V(null) when the cloud is
          none of AzureCloud, AzureUSGovernment, AzureChinaCloud (nor described by metadata
          whose storage suffix is theirs).
      type: str
      sample: AzureCloud
private_link_zones:
  description:
    - Per private-endpoint sub-resource (C(amlworkspace), C(registry), C(vault), C(blob), C(file),
      C(dfs), C(queue), C(table), C(azuremonitor), C(sqlServer)) the private DNS zones its
      endpoint's zone group uses (C(zones)) and the public names that resolve into them
      (C(forwarders)).
    - Empty when the cloud has no row (see RV(cloud.private_link_cloud)).
  returned: always
  type: dict
  sample:
    amlworkspace:
      zones: [privatelink.api.azureml.ms, privatelink.notebooks.azure.net]
      forwarders: [api.azureml.ms, notebooks.azure.net, instances.azureml.ms, aznbcontent.net,
                   inference.ml.azure.com]
    vault:
      zones: [privatelink.vaultcore.azure.net]
      forwarders: [vaultcore.azure.net, vault.azure.net]
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    RESOURCES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import (  # noqa: E402
    resolve_cloud,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.credentials import (  # noqa: E402
    resolve_settings,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    ArmError,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_link_zones import (  # noqa: E402
    zone_table,
)


def run(module: ArmModule) -> dict:
    # The same two resolution steps ArmModule's client is built from.
    settings = resolve_settings(module.params)
    cloud = resolve_cloud(settings.cloud_environment)
    subscription = module.client.get(f"/subscriptions/{module.subscription_id}", RESOURCES)
    if subscription is None:
        raise ArmError(
            f"subscription_id: the subscription {module.subscription_id} does not exist "
            f"or {settings.describe()} cannot read it",
            status=404,
            code="SubscriptionNotFound",
            option="subscription_id",
        )
    return {
        "changed": False,
        "subscription_id": subscription.get("subscriptionId") or module.subscription_id,
        "subscription_name": subscription.get("displayName") or "",
        "tenant_id": subscription.get("tenantId") or settings.tenant or "",
        "principal_id": module.client.principal_id(),
        "credential_source": settings.describe(),
        "cloud": {
            "name": cloud.name,
            "resource_manager": cloud.resource_manager,
            "login_endpoint": cloud.login_endpoint,
            "audience": cloud.audience,
            "private_link_cloud": cloud.private_link_cloud,
        },
        "private_link_zones": zone_table(cloud.private_link_cloud),
    }


def main() -> None:
    module = ArmModule(argument_spec={})
    module.execute(run)


if __name__ == "__main__":
    main()
