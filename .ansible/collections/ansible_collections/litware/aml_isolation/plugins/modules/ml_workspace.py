#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: ml_workspace
short_description: An Azure Machine Learning workspace for a customer-managed VNet
version_added: 0.3.0
description:
  - Ensures an Azure Machine Learning workspace exists with its dependencies given by id, a
    user-assigned identity as its primary identity, public network access off, no managed
    network (O(isolation_mode=Disabled), compute goes into the customer's VNet) and
    identity-based access to its system datastores; or that it does not exist.
  - The storage account, key vault, O(hbi_workspace) and O(kind) are fixed at creation; a
    different value for an existing workspace fails naming the option instead of being ignored.
  - Deleting soft-deletes the workspace (its name stays taken for 14 days); O(purge=true)
    deletes it for good. Creating a workspace whose name a soft-deleted one holds fails and
    says how to purge or recover it.
  - The identity's roles on the dependencies may take minutes to propagate; the create is
    retried on authorization errors for up to O(role_propagation_timeout) seconds.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the workspace; it cannot change.
    type: str
  tags:
    description: Tags of the workspace (merged into the current ones).
    type: dict
  friendly_name:
    description: Display name of the workspace in the studio.
    type: str
  description:
    description: Description of the workspace.
    type: str
  kind:
    description: Kind of workspace. It cannot change once created.
    type: str
    choices: [Default, Hub, Project, FeatureStore]
    default: Default
  storage_account_id:
    description:
      - Resource id of the workspace's storage account. Required to create; it cannot change.
    type: str
  key_vault_id:
    description: Resource id of the workspace's key vault. Required to create; it cannot change.
    type: str
  application_insights_id:
    description: Resource id of the Application Insights component. Required to create.
    type: str
  container_registry_id:
    description:
      - Resource id of the container registry. Required with O(public_network_access=Disabled);
        without it the service would create a public registry on first use.
    type: str
  identity_id:
    description:
      - Resource id of the user-assigned identity that is the workspace's primary identity.
        Required to create. Grant it its roles on the dependencies before the create.
    type: str
  public_network_access:
    description: V(Disabled) admits only the workspace's private endpoints.
    type: str
    choices: [Enabled, Disabled]
    default: Disabled
  isolation_mode:
    description:
      - Managed network isolation. V(Disabled) means the customer-managed VNet holds the compute
        (the collection's model); the other modes are one-way.
    type: str
    choices: [Disabled, AllowInternetOutbound, AllowOnlyApprovedOutbound]
    default: Disabled
  system_datastores_auth_mode:
    description:
      - How the workspace's own datastores reach storage; V(Identity) works with shared-key
        access off on the storage account.
    type: str
    choices: [Identity, AccessKey]
    default: Identity
  image_build_compute:
    description:
      - Name of the compute cluster that builds images (required in practice when the
        registry is private). May name a cluster created later. V("") clears it.
    type: str
  hbi_workspace:
    description:
      - High business impact workspace (less diagnostic data). It cannot change once created.
    type: bool
    default: false
  purge:
    description: With O(state=absent), delete the workspace for good instead of soft-deleting it.
    type: bool
    default: false
  role_propagation_timeout:
    description: Seconds to retry the create while the identity's new roles propagate.
    type: int
    default: 600
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Start creating the workspace (slow; joined where something needs it)
  litware.aml_isolation.ml_workspace:
    name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    location: brazilsouth
    friendly_name: Litware Machine Learning
    storage_account_id: "{{ storage.id }}"
    key_vault_id: "{{ vault.id }}"
    application_insights_id: "{{ appi_id }}"
    container_registry_id: "{{ registry.id }}"
    identity_id: "{{ identity.id }}"
    image_build_compute: cpu-cluster
    wait: false
  register: workspace

- name: Delete it for good
  litware.aml_isolation.ml_workspace:
    name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    state: absent
    purge: true
"""

RETURN = r"""
workspace_id:
  description: The workspace's immutable GUID; empty before it exists.
  returned: always
  type: str
mlflow_tracking_uri:
  description: MLflow tracking URI of the workspace; empty before it exists.
  returned: always
  type: str
public_network_access:
  description: The workspace's public network access.
  returned: always
  type: str
private_endpoint_connections:
  description: Private endpoint connections of the workspace with their approval status.
  returned: always
  type: list
  elements: dict
purged:
  description: Whether the workspace was (would be) deleted for good.
  returned: always
  type: bool
id:
  description: Resource id of the workspace.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The workspace as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current workspace.
  returned: when the workspace existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

import time  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.ml_workspace import (  # noqa: E402
    workspace_values,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)

# Errors a fresh role assignment gives until it has propagated.
AUTHORIZATION_CODES = frozenset(
    {
        "authorizationfailed",
        "linkedauthorizationfailed",
        "forbidden",
        "authorizationpermissionmismatch",
    }
)
RETRY_SECONDS = 15
DEPENDENCIES = {
    "storage_account_id": "Microsoft.Storage/storageAccounts",
    "key_vault_id": "Microsoft.KeyVault/vaults",
    "application_insights_id": "Microsoft.Insights/components",
    "container_registry_id": "Microsoft.ContainerRegistry/registries",
    "identity_id": "Microsoft.ManagedIdentity/userAssignedIdentities",
}


def desired_body(params: dict) -> dict:
    identity_id = params["identity_id"]
    image_build_compute = params["image_build_compute"]
    return {
        "location": params["location"],
        "tags": params["tags"],
        "kind": params["kind"],
        "sku": {"name": "Basic", "tier": "Basic"},
        "identity": {"type": "UserAssigned", "userAssignedIdentities": {identity_id: {}}}
        if identity_id
        else None,
        "properties": {
            "friendlyName": params["friendly_name"],
            "description": params["description"],
            "storageAccount": params["storage_account_id"],
            "keyVault": params["key_vault_id"],
            "applicationInsights": params["application_insights_id"],
            "containerRegistry": params["container_registry_id"],
            "primaryUserAssignedIdentity": identity_id,
            "publicNetworkAccess": params["public_network_access"],
            "managedNetwork": {"isolationMode": params["isolation_mode"]},
            "systemDatastoresAuthMode": params["system_datastores_auth_mode"],
            "imageBuildCompute": image_build_compute,
            "hbiWorkspace": params["hbi_workspace"],
            "v1LegacyMode": False,
        },
    }


def validate_options(params: dict) -> None:
    validate.ml_workspace_name(params["name"])
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate.positive(params["role_propagation_timeout"], "role_propagation_timeout")
    for option, resource_type in DEPENDENCIES.items():
        validate.resource_id_of(params[option], resource_type, option)
    if params["purge"] and params["state"] == "present":
        raise invalid_option("purge", "only applies with state: absent")
    if (
        params["state"] == "present"
        and params["public_network_access"] == "Disabled"
        and params["storage_account_id"]
        and not params["container_registry_id"]
    ):
        raise invalid_option(
            "container_registry_id",
            "a private workspace needs its own (private) registry; without one the service "
            "creates a public registry on first use",
        )


def _soft_deleted(err: ArmError) -> bool:
    text = f"{err.code or ''} {err.message}".lower()
    return "soft-deleted" in text or "softdeleted" in text


def _create(engine, params: dict, desired: dict) -> dict:
    deadline = time.monotonic() + params["role_propagation_timeout"]
    while True:
        try:
            return engine.present(None, desired)
        except ArmError as err:
            if _soft_deleted(err):
                raise invalid_option(
                    "name",
                    f"a soft-deleted workspace holds the name {params['name']} (for 14 days "
                    "after its deletion): purge it (state: absent, purge: true) or recover it "
                    "(Azure Machine Learning > Recently deleted workspaces), then re-run",
                ) from None
            retryable = err.status == 403 or (err.code or "").lower() in AUTHORIZATION_CODES
            if not retryable or time.monotonic() >= deadline:
                raise
        time.sleep(RETRY_SECONDS)


def ensure(engine, params: dict, desired: dict | None) -> dict:
    current = engine.read()
    if params["state"] == "absent":
        result = engine.absent(current)
        if current is None and params["purge"] and not engine.module.check_mode:
            # A soft-deleted workspace reads as missing; only the purge itself can tell.
            result["changed"] = engine.module.client.delete(
                engine.resource_id,
                engine.api_version,
                timeout=engine._timeout,
                query={"forceToPurge": "true"},
            )
        return dict(result, purged=params["purge"] and result["changed"])
    if desired.get("properties", {}).get("imageBuildCompute") == "":
        desired["properties"]["imageBuildCompute"] = None if current is None else ""
    if current is None:
        return dict(_create(engine, params, desired), purged=False)
    return dict(engine.present(current, desired), purged=False)


def rules(params: dict) -> Rules:
    return Rules(
        create_requires={
            "location": "location",
            "storage_account_id": "properties.storageAccount",
            "key_vault_id": "properties.keyVault",
            "application_insights_id": "properties.applicationInsights",
            "identity_id": "properties.primaryUserAssignedIdentity",
        },
        immutable={
            "location": "location",
            "kind": "kind",
            "storage_account_id": "properties.storageAccount",
            "key_vault_id": "properties.keyVault",
            "hbi_workspace": "properties.hbiWorkspace",
        },
        delete_query={"forceToPurge": "true"} if params["purge"] else {},
    )


ML_WORKSPACE = TypedResource(
    resource_type="Microsoft.MachineLearningServices/workspaces",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        friendly_name=dict(type="str"),
        description=dict(type="str"),
        kind=dict(
            type="str", choices=["Default", "Hub", "Project", "FeatureStore"], default="Default"
        ),
        storage_account_id=dict(type="str"),
        key_vault_id=dict(type="str"),
        application_insights_id=dict(type="str"),
        container_registry_id=dict(type="str"),
        identity_id=dict(type="str"),
        public_network_access=dict(type="str", choices=["Enabled", "Disabled"], default="Disabled"),
        isolation_mode=dict(
            type="str",
            choices=["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"],
            default="Disabled",
        ),
        system_datastores_auth_mode=dict(
            type="str", choices=["Identity", "AccessKey"], default="Identity"
        ),
        image_build_compute=dict(type="str"),
        hbi_workspace=dict(type="bool", default=False),
        purge=dict(type="bool", default=False),
        role_propagation_timeout=dict(type="int", default=600),
    ),
    desired_body=desired_body,
    returns=workspace_values,
    validate=validate_options,
    rules=rules,
    ensure=ensure,
)


def main() -> None:
    run_typed_module(ML_WORKSPACE)


if __name__ == "__main__":
    main()
