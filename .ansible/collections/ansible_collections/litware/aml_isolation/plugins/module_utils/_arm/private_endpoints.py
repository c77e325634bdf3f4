# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Private endpoints and the connections they make on their targets.

`GROUP_IDS` is the one table of the sub-resources each private-link target type offers (Azure's
"private-link resource" group ids); a group id a target does not offer is refused before any
request. A connection's owner approves or rejects it with a PUT of
`properties.privateLinkServiceConnectionState` on `<target>/privateEndpointConnections/<name>`.
"""

from __future__ import annotations

import time
from typing import Any

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    api_version_for,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    parse_resource_id,
    same_resource_id,
)

GROUP_IDS: dict = {
    "microsoft.machinelearningservices/workspaces": ("amlworkspace",),
    "microsoft.storage/storageaccounts": (
        "blob",
        "blob_secondary",
        "file",
        "dfs",
        "dfs_secondary",
        "queue",
        "queue_secondary",
        "table",
        "table_secondary",
        "web",
        "web_secondary",
    ),
    "microsoft.keyvault/vaults": ("vault",),
    "microsoft.containerregistry/registries": ("registry",),
    "microsoft.insights/privatelinkscopes": ("azuremonitor",),
    "microsoft.sql/servers": ("sqlServer",),
}
CONNECTIONS = "privateEndpointConnections"
STATE = "privateLinkServiceConnectionState"
APPROVED, PENDING, REJECTED = "Approved", "Pending", "Rejected"
_POLL_SECONDS = 5


def check_target(target_id: str, group_id: str, option: str = "target_id") -> None:
    """TARGET_ID is a private-link target and offers GROUP_ID; fails naming the option."""
    target = parse_resource_id(target_id, option)
    offered = GROUP_IDS.get(target.type_key)
    if offered is None:
        raise invalid_option(
            option,
            f"{target_id!r} is a {target.type_key}, which takes no private endpoints here "
            f"(known targets: {', '.join(sorted(GROUP_IDS))})",
        )
    if group_id not in offered:
        raise invalid_option(
            "group_id",
            f"{group_id!r} is not a sub-resource of {target.type_key}; it offers "
            f"{', '.join(offered)}",
        )


def connection_api_version(target_id: str) -> str:
    target = parse_resource_id(target_id, "target_id")
    version = api_version_for(target.child(CONNECTIONS, "x"))
    if version is None:
        raise invalid_option(
            "target_id", f"no pinned api-version for {target.type_key}/{CONNECTIONS}"
        )
    return version


def connections(module: Any, target_id: str) -> list:
    """The connections of a target as ARM shows them in the target's `properties`."""
    target = parse_resource_id(target_id, "target_id")
    resource = module.client.get(target, api_version_for(target))
    if resource is None:
        raise invalid_option("target_id", f"{target_id} does not exist")
    return list((resource.get("properties") or {}).get(CONNECTIONS) or [])


def connection_of(module: Any, target_id: str, endpoint_id: str) -> dict | None:
    for connection in connections(module, target_id):
        endpoint = ((connection.get("properties") or {}).get("privateEndpoint") or {}).get("id")
        if same_resource_id(endpoint, endpoint_id):
            return connection
    return None


def status_of(connection: dict | None) -> dict:
    state = ((connection or {}).get("properties") or {}).get(STATE) or {}
    return {
        "status": state.get("status") or "",
        "description": state.get("description") or "",
        "actions_required": state.get("actionsRequired") or state.get("actionRequired") or "",
    }


def set_status(module: Any, connection: dict, status: str, description: str) -> dict:
    """PUT the owner's decision on a connection (nothing in check mode); returns it as it is."""
    # Status and description only: the third member is `actionsRequired` in most providers'
    # models and `actionRequired` in storage's.
    body = {"properties": {STATE: {"status": status, "description": description}}}
    connection_id = parse_resource_id(connection["id"], "connection")
    written = dict(connection)
    written["properties"] = dict(connection.get("properties") or {}, **body["properties"])
    if module.check_mode:
        return written
    version = connection_api_version(connection["id"].rsplit(f"/{CONNECTIONS}/", 1)[0])
    result = module.client.put(
        connection_id, body, version, wait=True, timeout=module.params.get("timeout") or 1800
    )
    return result or written


def wait_for_approval(
    module: Any, target_id: str, endpoint_id: str, approve: bool, description: str
) -> tuple:
    """Wait until the endpoint's connection on the target is Approved, approving a Pending one
    when APPROVE; returns (connection, changed). Fails with the state and its description when
    the connection is rejected, removed, or still pending at the timeout."""
    deadline = time.monotonic() + float(module.params.get("timeout") or 1800)
    changed = False
    while True:
        connection = connection_of(module, target_id, endpoint_id)
        state = status_of(connection)
        if state["status"] == APPROVED:
            return connection, changed
        if connection is not None and state["status"] == PENDING and approve:
            connection = set_status(module, connection, APPROVED, description)
            changed = True
            if module.check_mode:
                return connection, changed
            continue
        if state["status"] == REJECTED or connection is None or time.monotonic() > deadline:
            raise ArmError(
                f"The connection of private endpoint {endpoint_id} on {target_id} is "
                f"{state['status'] or 'missing'}"
                f"{': ' + state['description'] if state['description'] else ''}"
                f"{'' if approve else ' (approve: true approves a pending connection)'}",
                code="PrivateEndpointConnectionNotApproved",
            )
        time.sleep(_POLL_SECONDS)
