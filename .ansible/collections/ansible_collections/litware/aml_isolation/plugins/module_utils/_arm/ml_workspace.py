# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What ml_workspace and ml_workspace_info both return about a workspace."""

from __future__ import annotations


def workspace_values(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    return {
        "workspace_id": properties.get("workspaceId") or "",
        "mlflow_tracking_uri": properties.get("mlFlowTrackingUri") or "",
        "public_network_access": properties.get("publicNetworkAccess") or "",
        "private_endpoint_connections": [
            {
                "id": connection.get("id") or "",
                "private_endpoint_id": (
                    (connection.get("properties") or {}).get("privateEndpoint") or {}
                ).get("id")
                or "",
                "status": (
                    (connection.get("properties") or {}).get("privateLinkServiceConnectionState")
                    or {}
                ).get("status")
                or "",
            }
            for connection in properties.get("privateEndpointConnections") or []
        ],
    }
