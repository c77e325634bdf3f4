# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The vocabulary of the egress allow-list, kept once: clouds, kinds, protocols, categories,
features, placeholders and source pages. The entries are data in roles/egress_allowlist.
"""

from __future__ import annotations

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import KNOWN_CLOUDS

CLOUDS = tuple(cloud.name for cloud in KNOWN_CLOUDS.values())

KINDS = ("fqdn", "service_tag", "ip_prefix")
PROTOCOLS = ("tcp", "udp", "any", "http", "https")
WEB_PROTOCOLS = ("http", "https")

# Microsoft's split: what the workspace and its compute cannot work without, and what the pages
# recommend for training and deployment. Optional scenarios are features, not categories.
CATEGORIES = {
    "required": "Needed for the workspace and its compute instances and clusters.",
    "recommended": "Recommended for training and deployment (public package hosts).",
    "custom": "Entries of egress_allowlist_custom_entries (always kept).",
}

# Categories of earlier releases, and where their entries went.
RETIRED_CATEGORIES = {
    "training": "merged into required (Microsoft lists storage and registries for compute)",
    "packages": "renamed recommended",
    "vscode": "now the feature vscode",
}

FEATURES = {
    "automl": "AutoML NLP and vision hosts.",
    "azure_monitor_public": "AzureMonitor and Application Insights hosts (no private link scope).",
    "exfiltration_hardened": "Studio and AutoML hosts instead of the Front Door tag.",
    "hbi_workspace": "Key vault tag and hosts of high-business-impact workspaces.",
    "kubernetes": "Kubernetes compute: Kusto, AML API, node packages, AKS hosts.",
    "private_endpoints_in_vnet": "VirtualNetwork on 443 in NSGs (private endpoints, peered VNets).",
    "rstudio": "RStudio: AzureMachineLearning 8787 and the image hosts.",
    "storage_smb_through_firewall": "Storage.<region> on 445 (firewall before storage endpoints).",
    "vscode": "VS Code remote to compute instances: hosts and ports 8704-8710.",
    "vscode_interactive_jobs": "Websocket server download for VS Code on interactive jobs.",
    "workspace_private_endpoint": "Compute instance ports 8787/18881 (workspace private endpoint).",
}

PLACEHOLDERS = ("<region>", "<storage>", "<acr>", "<node_package_host>")

# Enforcement-point forms an entry may name for a flow a firewall network rule cannot take as is.
PRIVATE_ENDPOINT_SUBNET = "private_endpoint_subnet"

_AI_DOCS = "MicrosoftDocs/azure-ai-docs articles/machine-learning/"
_DOCS = "MicrosoftDocs/azure-docs articles/"
_FIREWALL_PAGE = _AI_DOCS + "how-to-access-azureml-behind-firewall.md"
SOURCES = {
    "fw-basic": _FIREWALL_PAGE + "#basic-configuration",
    "fw-recommended": _FIREWALL_PAGE
    + "#recommended-configuration-for-training-and-deploying-models",
    "fw-hosts": _FIREWALL_PAGE + "#microsoft-hosts",
    "fw-rstudio": _FIREWALL_PAGE + "#scenario-install-rstudio-on-compute-instance",
    "fw-storage-445": _FIREWALL_PAGE
    + "#scenario-firewall-between-azure-machine-learning-and-azure-storage-endpoints",
    "fw-hbi": _FIREWALL_PAGE + "#scenario-workspace-created-with-the-hbi_workspace-flag-enabled",
    "fw-kubernetes": _FIREWALL_PAGE + "#scenario-use-kubernetes-compute",
    "fw-vscode": _FIREWALL_PAGE + "#scenario-visual-studio-code",
    "fw-monitor": _FIREWALL_PAGE + "#microsoft-hosts (Monitoring, metrics, and diagnostics)",
    "internet-access": _AI_DOCS + "includes/machine-learning-public-internet-access.md",
    "packages": _AI_DOCS + "includes/recommended-network-outbound.md",
    "exfiltration": _AI_DOCS + "how-to-prevent-data-loss-exfiltration.md",
    "aks-egress": _DOCS + "aks/outbound-rules-control-egress.md",
    "custom": "egress_allowlist_custom_entries",
}
