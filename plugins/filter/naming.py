# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place that names every resource of the deployment, and derives the affix.

The documentation of each filter is in the YAML file of the same name beside this one.
"""

from __future__ import annotations

import hashlib
import re

from ansible.errors import AnsibleFilterError

_WORKLOAD = re.compile(r"^[a-z][a-z0-9]{1,14}$")
_AFFIX = re.compile(r"^[a-z0-9]{6}$")

# Azure's rules for the names that must be unique across all of Azure.
GLOBAL_NAME_RULES = {
    "storage_account": (re.compile(r"^[a-z0-9]{3,24}$"), "3-24 lowercase letters and digits"),
    "data_lake": (re.compile(r"^[a-z0-9]{3,24}$"), "3-24 lowercase letters and digits"),
    "key_vault": (
        re.compile(r"^(?=.{3,24}$)[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$"),
        "3-24 letters, digits and single hyphens, starting with a letter",
    ),
    "container_registry": (re.compile(r"^[a-zA-Z0-9]{5,50}$"), "5-50 letters and digits"),
    "sql_server": (
        re.compile(r"^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$"),
        "1-63 lowercase letters, digits and hyphens",
    ),
}


def derived_affix(subscription_id, workload):
    """Six hex digits of sha256("<subscription id>:<workload>"): stable for one subscription."""
    seed = f"{str(subscription_id).lower()}:{workload}"
    return hashlib.sha256(seed.encode()).hexdigest()[:6]


def resource_names(workload, affix="", subscription_id=""):
    """Every resource name of the deployment, from the workload name and the affix.

    An empty affix is derived from the subscription id and the workload.
    """
    if not isinstance(workload, str) or not _WORKLOAD.match(workload):
        raise AnsibleFilterError(
            f"workload {workload!r} must be 2-15 lowercase letters and digits starting with a "
            "letter (it is part of the storage account and key vault names)"
        )
    affix = "" if affix is None else affix
    if not isinstance(affix, str) or (affix and not _AFFIX.match(affix)):
        raise AnsibleFilterError(
            f"affix {affix!r} must be empty (derived) or exactly 6 lowercase letters/digits"
        )
    if not affix:
        if not subscription_id:
            raise AnsibleFilterError("an empty affix is derived from subscription_id: give one")
        affix = derived_affix(subscription_id, workload)
    w, a = workload, affix
    names = {
        "workload": w,
        "affix": a,
        "resource_groups": {
            "machinelearning": f"rg-{w}-machinelearning-{a}",
            "privatelink": f"rg-{w}-privatelink-{a}",
            "firewall": f"rg-{w}-firewall-{a}",
            "aks_nodes": f"rg-{w}-aks-{a}",
        },
        "vnet": f"vnet-{w}",
        "log_analytics": f"log-{w}",
        "app_insights": f"appi-{w}",
        "monitor_private_link_scope": f"ampls-{w}",
        "storage_account": f"st{w}{a}",
        "data_lake": f"dls{w}{a}",
        "key_vault": f"kv-{w}{a}",
        "container_registry": f"cr{w}{a}",
        "identity": "id-mlw",
        "workspace": f"mlw-{w}{a}",
        "private_endpoints": {
            "amlworkspace": "pe-aml",
            "registry": "pe-cr",
            "vault": "pe-keyvault",
            "blob": "pe-blob",
            "file": "pe-file",
            "dfs": "pe-dfs",
            "data_lake_blob": "pe-lake-blob",
            "sql_server": "pe-sqlserver",
            "azuremonitor": f"peampls-{w}{a}",
        },
        "hub_vnet": f"vnet-firewall-hub-{a}",
        "firewall": f"afw-{w}",
        "firewall_policy": f"afwp-{w}",
        "firewall_public_ip": f"pip-{w}-firewall",
        "firewall_management_public_ip": f"pip-{w}-firewall-mgmt",
        "firewall_diagnostic_setting": "firewall-monitor",
        "firewall_log_analytics": f"log-{w}-firewall-{a}",
        "firewall_route_table": "rt-all-to-hub",
        "firewall_ip_group": f"ipgroup-{w}-egress-sources",
        "compute_cluster": "cpu-cluster",
        "compute_instance": f"ci-{w}{a}",
        "aks": f"aks-{w}",
        "sql_server": f"sqls-{w}{a}",
        "sql_database": f"sqldb-{w}",
        "jump_vm": "vm-windows11",
        "jump_vm_nic": "nic-windows11",
        "jump_vm_public_ip": "pip-windows11",
    }
    for key, (rule, description) in GLOBAL_NAME_RULES.items():
        if not rule.match(names[key]):
            raise AnsibleFilterError(
                f"{key} name {names[key]!r} breaks Azure's rule: {description}"
            )
    return names


class FilterModule:
    """Naming filters."""

    def filters(self):
        return {"resource_names": resource_names}
