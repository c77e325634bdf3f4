"""How long Azure takes to create and delete each resource type: the realistic latency profile's
durations (times the knob `latency_scale`), and the durations tools/critical_path.py adds up.

A row is keyed by type name, or by `type#variant` where the body names a variant
(`properties.computeType` of a Machine Learning compute: a compute instance is a VM that
boots, a cluster at zero nodes is only a definition). A type without a row keeps the duration
its registry entry declares (`realistic_seconds`), so a new type needs a row here only to
refine it. An update takes the create time (Azure re-applies the whole resource).

Sources (public figures; "estimate" where none was found, chosen by the order of magnitude
of its family):
- [fw] ansible/ansible#62307: one `azure_rm_azurefirewall` task takes up to 25 minutes in CI;
  Azure Firewall creation is commonly quoted at 5-10 minutes. 6 minutes here.
- [aks] Microsoft's AKS quickstarts ("after a few minutes the command completes"); a public
  AKS test log (gist sacreman/9054e4e9def7df545437b62b500d55e9, 2018) measured 13 minutes to
  create with add-ons and 15 to delete. 7 and 6 minutes here (a current cluster without
  add-ons is faster than that 2018 log).
- [pe] hashicorp/terraform-provider-azurerm#28112: private endpoints still creating after 30 s,
  subnet updates completing after 35 s in the same apply; MicrosoftDocs/azure-docs#100940:
  an endpoint answers 1-2 minutes after creation. 60 s here.
- [vnet] Azure/alz-terraform-accelerator#98 (apply log): a resource group created in 0 s, a
  hub virtual network in 5 s.
- [aml] issue text of this project and Azure ML docs: a workspace about a minute; a compute
  instance is a VM provisioned with its images (minutes); a compute cluster at zero nodes
  about a minute.
- [sql] Azure SQL quickstarts: a logical server in about a minute, a database in a few
  minutes (estimate of what the quickstarts describe, no measured figure found).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.arm_emulator.type_registry import ResourceType


@dataclass(frozen=True)
class DeployTime:
    create: float  # seconds
    delete: float  # seconds
    source: str  # a key of the module docstring's list, or "estimate"


TIMES: dict[str, DeployTime] = {
    # Resource groups and networking
    "Microsoft.Resources/resourceGroups": DeployTime(1, 60, "vnet"),
    "Microsoft.Network/virtualNetworks": DeployTime(5, 10, "vnet"),
    "Microsoft.Network/virtualNetworks/subnets": DeployTime(3, 3, "estimate"),
    "Microsoft.Network/virtualNetworks/virtualNetworkPeerings": DeployTime(5, 5, "estimate"),
    "Microsoft.Network/networkSecurityGroups": DeployTime(3, 3, "estimate"),
    "Microsoft.Network/networkSecurityGroups/securityRules": DeployTime(2, 2, "estimate"),
    "Microsoft.Network/routeTables": DeployTime(3, 3, "estimate"),
    "Microsoft.Network/routeTables/routes": DeployTime(2, 2, "estimate"),
    "Microsoft.Network/publicIPAddresses": DeployTime(3, 10, "estimate"),
    "Microsoft.Network/networkInterfaces": DeployTime(3, 3, "estimate"),
    "Microsoft.Network/privateEndpoints": DeployTime(60, 30, "pe"),
    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": DeployTime(10, 10, "pe"),
    "Microsoft.Network/privateDnsZones": DeployTime(30, 30, "estimate"),
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks": DeployTime(30, 30, "estimate"),
    "Microsoft.Network/azureFirewalls": DeployTime(360, 300, "fw"),
    "Microsoft.Network/firewallPolicies": DeployTime(20, 20, "estimate"),
    "Microsoft.Network/firewallPolicies/ruleCollectionGroups": DeployTime(30, 20, "estimate"),
    "Microsoft.Network/ipGroups": DeployTime(10, 10, "estimate"),
    # Workspace and its dependencies
    "Microsoft.MachineLearningServices/workspaces": DeployTime(60, 60, "aml"),
    "Microsoft.MachineLearningServices/workspaces/computes": DeployTime(60, 60, "aml"),
    "Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance": DeployTime(
        300, 120, "aml"
    ),
    "Microsoft.MachineLearningServices/workspaces/computes#AmlCompute": DeployTime(60, 60, "aml"),
    "Microsoft.Storage/storageAccounts": DeployTime(20, 10, "estimate"),
    "Microsoft.KeyVault/vaults": DeployTime(20, 10, "estimate"),
    "Microsoft.ContainerRegistry/registries": DeployTime(30, 20, "estimate"),
    "Microsoft.OperationalInsights/workspaces": DeployTime(10, 10, "estimate"),
    "Microsoft.Insights/privateLinkScopes": DeployTime(5, 5, "estimate"),
    # Compute
    "Microsoft.Compute/virtualMachines": DeployTime(60, 60, "estimate"),
    "Microsoft.ContainerService/managedClusters": DeployTime(420, 360, "aks"),
    "Microsoft.Sql/servers": DeployTime(60, 30, "sql"),
    "Microsoft.Sql/servers/databases": DeployTime(120, 30, "sql"),
}

_BY_KEY = {name.lower(): row for name, row in TIMES.items()}


def variant(body: dict[str, Any]) -> str | None:
    """The body's variant of its type, if it names one (a compute's computeType)."""
    value = (body.get("properties") or {}).get("computeType")
    return str(value) if value else None


def deploy_time(rtype: ResourceType, body: dict[str, Any] | None = None) -> DeployTime:
    kind = variant(body or {})
    row = (_BY_KEY.get(f"{rtype.key}#{kind.lower()}") if kind else None) or _BY_KEY.get(rtype.key)
    if row is None:
        return DeployTime(rtype.realistic_seconds, rtype.realistic_seconds, "registry")
    return row


def seconds(rtype: ResourceType, kind: str, body: dict[str, Any] | None = None) -> float:
    """Realistic duration of an operation: kind is "put", "delete" or "action"."""
    row = deploy_time(rtype, body)
    return row.delete if kind == "delete" else row.create
