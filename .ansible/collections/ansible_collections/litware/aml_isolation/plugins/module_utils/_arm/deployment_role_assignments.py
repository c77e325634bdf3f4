# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every role assignment the deployment makes, with its reason: the one table the roles
read (through the declared_role_assignments filter), the iam role's README shows
(python -m tools.role_assignment_table) and the tests compare Azure's state with.

A row: who (a principal symbol), which built-in role (built_in_roles.py), where (a scope
symbol; one that names several resources gives one assignment per resource), `when` (the
flag that asks for it; "always" when none) and why. Pure data (no imports)."""

# Principal symbols and what they stand for.
PRINCIPALS = {
    "workspace_identity": "the workspace's user-assigned managed identity",
    "deployer": "the identity running the deployment (object id given)",
    "administrator": "the administrator persona (user, or its group)",
    "data_scientist": "the data scientist persona (user, or its group)",
    "datastore_service_principal": "the service principal of credential-based datastores",
    "aks_kubelet": "the kubelet identity of the AKS inference cluster",
}

# Scope symbols and what they stand for.
SCOPES = {
    "workspace_resource_group": "the resource group of the workspace and its dependencies",
    "resource_groups": "every resource group of the deployment",
    "storage": "the workspace's default storage account",
    "data_lake": "the data lake storage account",
    "key_vault": "the workspace's key vault",
    "registry": "the workspace's container registry",
}

ROLE_ASSIGNMENTS = (
    {
        "principal": "workspace_identity",
        "role": "Contributor",
        "scope": "workspace_resource_group",
        "when": "always",
        "reason": "the workspace manages its resources; the workspace itself does not exist "
        "yet when roles are granted, so its resource group",
    },
    {
        "principal": "workspace_identity",
        "role": "Storage Blob Data Contributor",
        "scope": "storage",
        "when": "always",
        "reason": "the workspace reads and writes its default storage with its identity",
    },
    {
        "principal": "workspace_identity",
        "role": "Storage Blob Data Contributor",
        "scope": "data_lake",
        "when": "always",
        "reason": "identity-based datastores on the data lake (service-side previews)",
    },
    {
        "principal": "workspace_identity",
        "role": "Key Vault Administrator",
        "scope": "key_vault",
        "when": "always",
        "reason": "the workspace keeps its secrets in the RBAC key vault",
    },
    {
        "principal": "deployer",
        "role": "Storage Blob Data Contributor",
        "scope": "storage",
        "when": "deployer_data_roles",
        "reason": "the deployer uploads data through the private endpoints",
    },
    {
        "principal": "deployer",
        "role": "Storage File Data Privileged Contributor",
        "scope": "storage",
        "when": "deployer_data_roles",
        "reason": "the deployer edits notebooks in the workspace's file share",
    },
    {
        "principal": "deployer",
        "role": "Storage Blob Data Contributor",
        "scope": "data_lake",
        "when": "deployer_data_roles",
        "reason": "the deployer loads the data lake",
    },
    {
        "principal": "deployer",
        "role": "Key Vault Administrator",
        "scope": "key_vault",
        "when": "deployer_data_roles",
        "reason": "the deployer manages the vault's secrets",
    },
    {
        "principal": "administrator",
        "role": "Contributor",
        "scope": "resource_groups",
        "when": "always",
        "reason": "the administrator operates the deployment's resources (no role grants)",
    },
    {
        "principal": "data_scientist",
        "role": "Reader",
        "scope": "resource_groups",
        "when": "always",
        "reason": "the data scientist sees the deployment's resources",
    },
    {
        "principal": "data_scientist",
        "role": "AzureML Data Scientist",
        "scope": "resource_groups",
        "when": "always",
        "reason": "the data scientist works in the workspace (no compute or role management)",
    },
    {
        "principal": "data_scientist",
        "role": "AcrPush",
        "scope": "registry",
        "when": "always",
        "reason": "the data scientist pushes environment images",
    },
    {
        "principal": "data_scientist",
        "role": "AcrDelete",
        "scope": "registry",
        "when": "always",
        "reason": "the data scientist removes the images they pushed",
    },
    {
        "principal": "datastore_service_principal",
        "role": "Storage Blob Data Reader",
        "scope": "data_lake",
        "when": "credential_datastore",
        "reason": "a credential-based datastore reads the data lake as this service principal "
        "(identity-based datastores, the default, need no such principal)",
    },
    {
        "principal": "aks_kubelet",
        "role": "AcrPull",
        "scope": "registry",
        "when": "aks",
        "reason": "the inference cluster's nodes pull the model images",
    },
)
