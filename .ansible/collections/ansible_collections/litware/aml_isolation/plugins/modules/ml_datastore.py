#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: ml_datastore
short_description: An identity-based Azure Machine Learning datastore (Blob or ADLS Gen2)
version_added: 0.3.0
description:
  - Ensures a datastore of workspace O(workspace_name) exists that reaches a blob container or a
    Data Lake Gen2 filesystem with an identity (no credentials are stored), or does not exist.
  - The account, container/filesystem, endpoint, protocol and identity of a datastore are fixed
    at creation; a different value fails naming the option.
author:
  - Litware Cloud Platform Team (@litware)
options:
  workspace_name:
    description: Name of the workspace the datastore belongs to.
    type: str
    required: true
  datastore_type:
    description: V(AzureBlob) for a blob container, V(AzureDataLakeGen2) for a filesystem.
    type: str
    choices: [AzureBlob, AzureDataLakeGen2]
    default: AzureBlob
  account_name:
    description: Name of the storage account. Required to create.
    type: str
  container:
    description: The blob container, or the filesystem of a Data Lake. Required to create.
    type: str
  endpoint:
    description: Storage endpoint suffix of the cloud.
    type: str
    default: core.windows.net
  protocol:
    description: Protocol to reach the account.
    type: str
    default: https
  service_data_access_auth_identity:
    description:
      - Identity the service uses for data previews and validation; the users' own identity
        is used for jobs and notebooks either way.
    type: str
    choices: [None, WorkspaceSystemAssignedIdentity, WorkspaceUserAssignedIdentity]
    default: WorkspaceUserAssignedIdentity
  description:
    description: Description of the datastore.
    type: str
  tags:
    description: Tags of the datastore (the datastore's own properties.tags).
    type: dict
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: The data lake's filesystem as a datastore
  litware.aml_isolation.ml_datastore:
    name: datalake
    workspace_name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    datastore_type: AzureDataLakeGen2
    account_name: dlslitwarea1b2c3
    container: data
"""

RETURN = r"""
is_default:
  description: Whether this is the workspace's default datastore.
  returned: always
  type: bool
id:
  description: Resource id of the datastore.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The datastore as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current datastore.
  returned: when the datastore existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

import re  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)

DATASTORE_NAME = re.compile(r"^[A-Za-z0-9_]{1,255}$")
CONTAINER_NAME = re.compile(r"^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")


def desired_body(params: dict) -> dict:
    lake = params["datastore_type"] == "AzureDataLakeGen2"
    return {
        "properties": {
            "datastoreType": params["datastore_type"],
            "accountName": params["account_name"],
            "containerName": None if lake else params["container"],
            "filesystem": params["container"] if lake else None,
            "endpoint": params["endpoint"],
            "protocol": params["protocol"],
            "credentials": {"credentialsType": "None"},
            "serviceDataAccessAuthIdentity": params["service_data_access_auth_identity"],
            "description": params["description"],
            "tags": params["tags"],
        }
    }


def returns(resource: dict) -> dict:
    return {"is_default": bool((resource.get("properties") or {}).get("isDefault"))}


def validate_options(params: dict) -> None:
    validate.ml_workspace_name(params["workspace_name"], "workspace_name")
    if not DATASTORE_NAME.match(params["name"]):
        raise invalid_option(
            "name", f"{params['name']!r} is not a datastore name (letters, digits and '_')"
        )
    if params["account_name"] is not None:
        validate.global_name(params["account_name"], "storage account", "account_name")
    if params["container"] is not None and not CONTAINER_NAME.match(params["container"]):
        raise invalid_option(
            "container",
            f"{params['container']!r} is not a container/filesystem name (3-63 lowercase "
            "letters, digits and single hyphens)",
        )
    validate.tags(params["tags"])


def rules(params: dict) -> Rules:
    container_path = (
        "properties.filesystem"
        if params["datastore_type"] == "AzureDataLakeGen2"
        else "properties.containerName"
    )
    return Rules(
        create_requires={"account_name": "properties.accountName", "container": container_path},
        immutable={
            "datastore_type": "properties.datastoreType",
            "account_name": "properties.accountName",
            "container": container_path,
            "endpoint": "properties.endpoint",
            "protocol": "properties.protocol",
            "service_data_access_auth_identity": "properties.serviceDataAccessAuthIdentity",
        },
    )


ML_DATASTORE = TypedResource(
    resource_type="Microsoft.MachineLearningServices/workspaces/datastores",
    argument_spec=dict(
        workspace_name=dict(type="str", required=True),
        datastore_type=dict(
            type="str", choices=["AzureBlob", "AzureDataLakeGen2"], default="AzureBlob"
        ),
        account_name=dict(type="str"),
        container=dict(type="str"),
        endpoint=dict(type="str", default="core.windows.net"),
        protocol=dict(type="str", default="https"),
        service_data_access_auth_identity=dict(
            type="str",
            choices=["None", "WorkspaceSystemAssignedIdentity", "WorkspaceUserAssignedIdentity"],
            default="WorkspaceUserAssignedIdentity",
        ),
        description=dict(type="str"),
        tags=dict(type="dict"),
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    resource_name=lambda params: f"{params['workspace_name']}/{params['name']}",
    rules=rules,
)


def main() -> None:
    run_typed_module(ML_DATASTORE)


if __name__ == "__main__":
    main()
