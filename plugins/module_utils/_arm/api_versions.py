# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one table of pinned api-versions: one current GA version per resource type.

Never looked up at run time. The table itself is plain data, so the local ARM emulator reads this
same file (without Ansible installed) for the versions it serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
        ResourceId,
    )

RESOURCES = "2025-04-01"
NETWORK = "2026-03-01"
PRIVATE_DNS = "2024-06-01"
COMPUTE = "2026-04-01"
MACHINE_LEARNING = "2025-12-01"
STORAGE = "2026-09-01"
KEY_VAULT = "2026-05-15"
CONTAINER_REGISTRY = "2025-11-01"
MANAGED_IDENTITY = "2024-11-30"
AUTHORIZATION = "2022-04-01"
LOG_ANALYTICS = "2025-07-01"
APPLICATION_INSIGHTS = "2020-02-02"
# No GA version of private link scopes exists; diagnostic settings as the AVM modules use them.
PRIVATE_LINK_SCOPES = "2021-07-01-preview"
DIAGNOSTIC_SETTINGS = "2021-05-01-preview"
SQL = "2025-01-01"
CONTAINER_SERVICE = "2026-08-01"

_NETWORK_TYPES = (
    "virtualnetworks",
    "virtualnetworks/subnets",
    "virtualnetworks/virtualnetworkpeerings",
    "networksecuritygroups",
    "networksecuritygroups/securityrules",
    "routetables",
    "routetables/routes",
    "publicipaddresses",
    "networkinterfaces",
    "privateendpoints",
    "privateendpoints/privatednszonegroups",
    "azurefirewalls",
    "firewallpolicies",
    "firewallpolicies/rulecollectiongroups",
    "ipgroups",
    "natgateways",
    "bastionhosts",
)

_PRIVATE_DNS_TYPES = (
    "privatednszones",
    "privatednszones/virtualnetworklinks",
    "privatednszones/a",
    "privatednszones/aaaa",
    "privatednszones/cname",
    "privatednszones/mx",
    "privatednszones/ptr",
    "privatednszones/soa",
    "privatednszones/srv",
    "privatednszones/txt",
)

_COMPUTE_TYPES = ("virtualmachines",)

_MACHINE_LEARNING_TYPES = (
    "workspaces",
    "workspaces/computes",
    "workspaces/datastores",
    "workspaces/privateendpointconnections",
    "workspaces/outboundrules",
    "workspaces/connections",
)

_STORAGE_TYPES = (
    "storageaccounts",
    "storageaccounts/blobservices",
    "storageaccounts/blobservices/containers",
    "storageaccounts/fileservices",
    "storageaccounts/fileservices/shares",
    "storageaccounts/privateendpointconnections",
)

API_VERSIONS: dict = {
    "microsoft.resources/resourcegroups": RESOURCES,
    "microsoft.resources/subscriptions": RESOURCES,
    **{"microsoft.network/" + key: NETWORK for key in _NETWORK_TYPES},
    **{"microsoft.network/" + key: PRIVATE_DNS for key in _PRIVATE_DNS_TYPES},
    **{"microsoft.compute/" + key: COMPUTE for key in _COMPUTE_TYPES},
    **{
        "microsoft.machinelearningservices/" + key: MACHINE_LEARNING
        for key in _MACHINE_LEARNING_TYPES
    },
    **{"microsoft.storage/" + key: STORAGE for key in _STORAGE_TYPES},
    "microsoft.keyvault/vaults": KEY_VAULT,
    "microsoft.keyvault/locations/deletedvaults": KEY_VAULT,
    "microsoft.containerregistry/registries": CONTAINER_REGISTRY,
    "microsoft.keyvault/vaults/privateendpointconnections": KEY_VAULT,
    "microsoft.containerregistry/registries/privateendpointconnections": CONTAINER_REGISTRY,
    "microsoft.managedidentity/userassignedidentities": MANAGED_IDENTITY,
    "microsoft.authorization/roleassignments": AUTHORIZATION,
    "microsoft.authorization/roledefinitions": AUTHORIZATION,
    "microsoft.operationalinsights/workspaces": LOG_ANALYTICS,
    "microsoft.insights/components": APPLICATION_INSIGHTS,
    "microsoft.insights/privatelinkscopes": PRIVATE_LINK_SCOPES,
    "microsoft.insights/privatelinkscopes/scopedresources": PRIVATE_LINK_SCOPES,
    "microsoft.insights/privatelinkscopes/privateendpointconnections": PRIVATE_LINK_SCOPES,
    "microsoft.insights/diagnosticsettings": DIAGNOSTIC_SETTINGS,
    "microsoft.containerservice/managedclusters": CONTAINER_SERVICE,
    "microsoft.sql/servers": SQL,
    "microsoft.sql/servers/databases": SQL,
    "microsoft.sql/servers/privateendpointconnections": SQL,
}


def resource_type_key(resource_id: str) -> str:
    """Lowercase `provider/type[/child]` of an id: microsoft.network/virtualnetworks/subnets."""
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
        parse_resource_id,
    )

    return parse_resource_id(resource_id).type_key


def api_version_for_type(type_key: str) -> str | None:
    return API_VERSIONS.get(type_key.lower())


def api_version_for(resource: ResourceId) -> str | None:
    return api_version_for_type(resource.type_key)


def collection_type_key(
    parent: ResourceId | None, resource_type: str, namespace: str | None = None
) -> str:
    """Type key of the resources listed under `parent` (or under a group, with `namespace`)."""
    if parent is not None and parent.namespace:
        return f"{parent.type_key}/{resource_type.lower()}"
    return f"{(namespace or '').lower()}/{resource_type.lower()}"
