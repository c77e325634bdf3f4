# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one table of private-link DNS zones, per cloud and per private-endpoint sub-resource.

Values from Microsoft's "Azure Private Endpoint private DNS zone values" page: `zones` are the
private DNS zones a private endpoint's zone group writes into, `forwarders` the public names
clients connect to (they resolve through a CNAME into the zone), which is what a DNS forwarder
or a NO_PROXY list needs. Private endpoints, the audit and the compute proxy settings all read
this table; nothing else in the collection spells a private-link zone.
"""

from __future__ import annotations

from typing import Mapping

# Sub-resources (private-endpoint group ids) every cloud row must cover.
SUB_RESOURCES = (
    "amlworkspace",
    "registry",
    "vault",
    "blob",
    "file",
    "dfs",
    "queue",
    "table",
    "azuremonitor",
    "sqlServer",
)
STORAGE_SUB_RESOURCES = ("blob", "file", "dfs", "queue", "table")


def _storage(suffix: str) -> dict[str, dict[str, list[str]]]:
    return {
        service: {
            "zones": [f"privatelink.{service}.{suffix}"],
            "forwarders": [f"{service}.{suffix}"],
        }
        for service in STORAGE_SUB_RESOURCES
    }


def _with_forwarders(zones: list[str], extra: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Zones whose public names are the zone names without `privatelink.`, plus EXTRA names."""
    return {
        "zones": zones,
        "forwarders": [zone.split(".", 1)[1] for zone in zones] + list(extra),
    }


PRIVATE_LINK_ZONES: Mapping[str, Mapping[str, Mapping[str, list[str]]]] = {
    "AzureCloud": {
        "amlworkspace": _with_forwarders(
            ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
            ("instances.azureml.ms", "aznbcontent.net", "inference.ml.azure.com"),
        ),
        "registry": _with_forwarders(["privatelink.azurecr.io"]),
        "vault": _with_forwarders(["privatelink.vaultcore.azure.net"], ("vault.azure.net",)),
        **_storage("core.windows.net"),
        "azuremonitor": _with_forwarders(
            [
                "privatelink.monitor.azure.com",
                "privatelink.oms.opinsights.azure.com",
                "privatelink.ods.opinsights.azure.com",
                "privatelink.agentsvc.azure-automation.net",
                "privatelink.blob.core.windows.net",
            ]
        ),
        "sqlServer": _with_forwarders(["privatelink.database.windows.net"]),
    },
    "AzureUSGovernment": {
        "amlworkspace": _with_forwarders(
            ["privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"],
            ("instances.azureml.us", "aznbcontent.net", "inference.ml.azure.us"),
        ),
        "registry": _with_forwarders(["privatelink.azurecr.us"]),
        "vault": _with_forwarders(
            ["privatelink.vaultcore.usgovcloudapi.net"], ("vault.usgovcloudapi.net",)
        ),
        **_storage("core.usgovcloudapi.net"),
        "azuremonitor": _with_forwarders(
            [
                "privatelink.monitor.azure.us",
                "privatelink.adx.monitor.azure.us",
                "privatelink.oms.opinsights.azure.us",
                "privatelink.ods.opinsights.azure.us",
                "privatelink.agentsvc.azure-automation.us",
                "privatelink.blob.core.usgovcloudapi.net",
            ]
        ),
        "sqlServer": _with_forwarders(["privatelink.database.usgovcloudapi.net"]),
    },
    "AzureChinaCloud": {
        "amlworkspace": _with_forwarders(
            ["privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"],
            ("instances.azureml.cn", "aznbcontent.net", "inference.ml.azure.cn"),
        ),
        "registry": _with_forwarders(["privatelink.azurecr.cn"]),
        # Vault URIs in this cloud are <name>.vault.azure.cn (CNAME into vaultcore.azure.cn).
        "vault": _with_forwarders(["privatelink.vaultcore.azure.cn"], ("vault.azure.cn",)),
        **_storage("core.chinacloudapi.cn"),
        "azuremonitor": _with_forwarders(
            [
                "privatelink.monitor.azure.cn",
                "privatelink.oms.opinsights.azure.cn",
                "privatelink.ods.opinsights.azure.cn",
                "privatelink.agentsvc.azure-automation.cn",
                "privatelink.blob.core.chinacloudapi.cn",
            ]
        ),
        "sqlServer": _with_forwarders(["privatelink.database.chinacloudapi.cn"]),
    },
}


def zone_table(cloud_name: str | None) -> dict[str, dict[str, list[str]]]:
    """The row of a cloud by name (case-insensitive), as plain data; empty for an unknown cloud."""
    for name, row in PRIVATE_LINK_ZONES.items():
        if cloud_name and name.lower() == cloud_name.lower():
            return {
                sub_resource: {key: list(values) for key, values in entry.items()}
                for sub_resource, entry in row.items()
            }
    return {}


def cloud_for_storage_suffix(storage_suffix: str | None) -> str | None:
    """The row whose storage zones use STORAGE_SUFFIX: how a cloud known by metadata is matched."""
    if not storage_suffix:
        return None
    wanted = f"blob.{storage_suffix.strip('.').lower()}"
    for name, row in PRIVATE_LINK_ZONES.items():
        if wanted in row["blob"]["forwarders"]:
            return name
    return None
