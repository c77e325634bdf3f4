"""The datastores (and blob containers) a workspace makes in its storage account when it is
created (arm-facts §2): `workspaceblobstore` (the default), `workspaceartifactstore`,
`workspacefilestore`, `workspaceworkingdirectory`. Their credentials follow
`systemDatastoresAuthMode` (Identity: none; otherwise the account key, never returned)."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.hooks_base import World
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import BLOB_CONTAINER, ML_DATASTORE


def _definitions(workspace_guid: str) -> dict[str, dict[str, Any]]:
    return {
        "workspaceblobstore": {
            "datastoreType": "AzureBlob",
            "containerName": f"azureml-blobstore-{workspace_guid}",
        },
        "workspaceartifactstore": {"datastoreType": "AzureBlob", "containerName": "azureml"},
        "workspacefilestore": {
            "datastoreType": "AzureFile",
            "fileShareName": f"azureml-filestore-{workspace_guid}",
        },
        "workspaceworkingdirectory": {
            "datastoreType": "AzureFile",
            "fileShareName": f"code-{workspace_guid}",
        },
    }


def add_system_datastores(world: World, workspace: Record) -> None:
    account = world.store.get(str(workspace.properties.get("storageAccount", "")))
    datastore_type = world.registry.get(ML_DATASTORE)
    container_type = world.registry.get(BLOB_CONTAINER)
    if account is None or datastore_type is None or container_type is None:
        return
    guid = str(workspace.properties["workspaceId"])
    identity = str(workspace.properties.get("systemDatastoresAuthMode", "")).lower() == "identity"
    for name, definition in _definitions(guid).items():
        datastore_id = f"{workspace.id}/datastores/{name}"
        if world.store.get(datastore_id) is None:
            properties = {
                **definition,
                "accountName": account.name,
                "endpoint": "core.windows.net",
                "protocol": "https",
                "credentials": {"credentialsType": "None" if identity else "AccountKey"},
                "serviceDataAccessAuthIdentity": "None",
                "isDefault": name == "workspaceblobstore",
            }
            record = Record(datastore_id, datastore_type, {"properties": properties})
            record.extra["system"] = True
            record.touch()
            world.store.put(record)
        container = definition.get("containerName")
        container_id = f"{account.id}/blobServices/default/containers/{container}"
        if container and world.store.get(container_id) is None:
            blob = Record(container_id, container_type, {"properties": {"publicAccess": "None"}})
            blob.touch()
            world.store.put(blob)
