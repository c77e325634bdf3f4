# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Credential options shared by every module; names and precedence as in azure.azcollection.
    DOCUMENTATION = r"""
options:
  auth_source:
    description:
      - Where to take the credentials from.
      - V(auto) uses, in this order, the O(profile) option, the O(client_id)/O(secret)/O(tenant)
        options, the environment (E(AZURE_PROFILE), or E(AZURE_CLIENT_ID), E(AZURE_SECRET) and
        E(AZURE_TENANT)), the V(default) profile of the credential file, and finally the Azure CLI
        login or a managed identity.
      - V(env) reads only the environment variables, V(credential_file) only the credential file
        (profile from O(profile), E(AZURE_PROFILE) or V(default)), V(cli) only the Azure CLI login,
        V(msi) only the managed identity (O(client_id) selects a user-assigned one).
      - Can also be set with the E(ANSIBLE_AZURE_AUTH_SOURCE) environment variable.
    type: str
    choices: [auto, cli, credential_file, env, msi]
    default: auto
  subscription_id:
    description:
      - The subscription to work in.
      - When not set, taken from the chosen credential source, then E(AZURE_SUBSCRIPTION_ID),
        then the default subscription of the Azure CLI (for V(cli) and V(auto)).
    type: str
  client_id:
    description:
      - The application (client) id of a service principal, or of a user-assigned managed identity
        with O(auth_source=msi).
    type: str
  secret:
    description:
      - The client secret of the service principal. Never logged or shown in errors.
    type: str
  tenant:
    description:
      - The tenant (directory) id of the service principal.
    type: str
  profile:
    description:
      - A profile (section) of the credential file C(~/.azure/credentials), or the file named by
        E(AZURE_CREDENTIAL_FILE). Its keys are C(subscription_id), C(client_id), C(secret),
        C(tenant) and C(cloud_environment).
    type: str
  cloud_environment:
    description:
      - The Azure cloud, by name (V(AzureCloud), V(AzureUSGovernment), V(AzureChinaCloud)),
        or the https URL of a cloud metadata endpoint
        (for example C(https://management.example.com/metadata/endpoints?api-version=2022-09-01)).
      - When not set, taken from the chosen credential source, then E(AZURE_CLOUD_ENVIRONMENT);
        V(AzureCloud) when none sets it.
      - The CA bundle for https calls can be set with E(REQUESTS_CA_BUNDLE).
    type: str
  token_cache:
    description:
      - Keep service-principal access tokens and cloud metadata between tasks, so a playbook run
        signs in once rather than in every task.
      - The cache is a directory only its owner can use (mode 0700, files 0600; anything else is
        ignored), C($XDG_CACHE_HOME/litware-aml-isolation) or C(~/.cache/litware-aml-isolation),
        or the directory in E(ANSIBLE_AZURE_TOKEN_CACHE_DIR). A token is kept until five minutes
        before it expires, under a hash of the authority, tenant, client id, secret and scope.
      - Azure CLI and managed-identity tokens are not kept here.
      - Can also be set with the E(ANSIBLE_AZURE_TOKEN_CACHE) environment variable.
    type: bool
    default: true
  read_log:
    description:
      - A file of the playbook run (owner-only) where the module notes every answer ARM gave
        to its GET requests, and every write it sent.
      - M(litware.aml_isolation.isolation_audit) at the end of a run that wrote nothing takes
        what the run has already read from it instead of reading it again, so a converged run
        reads each resource once. C(playbooks/site.yml) sets it for its plays.
      - Can also be set with the E(LITWARE_ARM_READ_LOG) environment variable.
    type: path
requirements:
  - python >= 3.9
  - azure-identity
  - azure-mgmt-core
notes:
  - Credentials are resolved only when the module first calls Azure, after all other options
    are validated.
"""
