# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Workspace computes: the body ml_compute sends, its checks, what ml_compute(_info) return."""

from __future__ import annotations

import base64
import re

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)

INSTANCE = "ComputeInstance"
CLUSTER = "AmlCompute"
AKS = "AKS"
SUBNETS = "Microsoft.Network/virtualNetworks/subnets"
MANAGED_CLUSTERS = "Microsoft.ContainerService/managedClusters"
SCALE_PATH = "properties.properties.scaleSettings"
# The body path each option sets: a difference there names the option.
OPTION_PATHS = {
    "location": "location",
    "compute_type": "properties.computeType",
    "description": "properties.description",
    "disable_local_auth": "properties.disableLocalAuth",
    "aks_resource_id": "properties.resourceId",
    "vm_size": "properties.properties.vmSize",
    "subnet_id": "properties.properties.subnet",
    "enable_node_public_ip": "properties.properties.enableNodePublicIp",
    "vm_priority": "properties.properties.vmPriority",
    "remote_login_port_public_access": "properties.properties.remoteLoginPortPublicAccess",
    "assigned_user_object_id": "properties.properties.personalComputeInstanceSettings",
    "ssh_public_key": "properties.properties.sshSettings",
    "idle_time_before_shutdown": "properties.properties.idleTimeBeforeShutdown",
    "setup_script": "properties.properties.setupScripts",
    "cluster_purpose": "properties.properties.clusterPurpose",
    "load_balancer_type": "properties.properties.loadBalancerType",
    "load_balancer_subnet": "properties.properties.loadBalancerSubnet",
}
# Options of one kind of compute only.
ONLY_FOR = {
    INSTANCE: (
        "assigned_user_object_id",
        "assigned_user_tenant_id",
        "ssh_public_key",
        "idle_time_before_shutdown",
        "setup_script",
    ),
    AKS: ("aks_resource_id", "load_balancer_subnet"),
}
# Instance names are host names (3-24); cluster and attached compute names 2-16.
NAME_LENGTHS = {INSTANCE: (3, 24), CLUSTER: (2, 16), AKS: (2, 16)}
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$")
SSH_KEY = re.compile(r"^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$")
IDLE_TIME = re.compile(r"^PT(\d+)M$")
IDLE_MINUTES = (15, 3 * 24 * 60)


def _scale(params: dict) -> dict:
    return {
        "minNodeCount": params["min_nodes"],
        "maxNodeCount": params["max_nodes"],
        "nodeIdleTimeBeforeScaleDown": f"PT{params['idle_seconds_before_scale_down']}S",
    }


def _instance(params: dict) -> dict:
    user = params["assigned_user_object_id"]
    key = params["ssh_public_key"]
    script = params["setup_script"]
    return {
        "applicationSharingPolicy": "Personal",
        "personalComputeInstanceSettings": {
            "assignedUser": {"objectId": user, "tenantId": params["assigned_user_tenant_id"]}
        }
        if user
        else None,
        # Without a node public IP, "Enabled" opens SSH only as far as the subnet NSG admits.
        "sshSettings": {"sshPublicAccess": "Enabled", "adminPublicKey": key.strip()}
        if key
        else {"sshPublicAccess": "Disabled"},
        "idleTimeBeforeShutdown": params["idle_time_before_shutdown"],
        "setupScripts": {
            "scripts": {
                "creationScript": {
                    "scriptSource": "inline",
                    "scriptData": base64.b64encode(script.encode()).decode(),
                }
            }
        }
        if script
        else None,
    }


def _cluster(params: dict) -> dict:
    return {
        "osType": "Linux",
        "vmPriority": params["vm_priority"],
        "remoteLoginPortPublicAccess": params["remote_login_port_public_access"],
        "scaleSettings": _scale(params),
    }


def desired_body(params: dict) -> dict:
    kind = params["compute_type"]
    if kind == AKS:
        return {
            "location": params["location"],
            "properties": {
                "computeType": AKS,
                "resourceId": params["aks_resource_id"],
                "description": params["description"],
                "properties": {
                    "clusterPurpose": params["cluster_purpose"],
                    "loadBalancerType": params["load_balancer_type"],
                    "loadBalancerSubnet": params["load_balancer_subnet"],
                },
            },
        }
    subnet_id = params["subnet_id"]
    settings = {
        "vmSize": params["vm_size"],
        "subnet": {"id": subnet_id} if subnet_id else None,
        "enableNodePublicIp": params["enable_node_public_ip"],
        **(_instance(params) if kind == INSTANCE else _cluster(params)),
    }
    return {
        "location": params["location"],
        "properties": {
            "computeType": kind,
            "description": params["description"],
            "disableLocalAuth": params["disable_local_auth"],
            "properties": settings,
        },
    }


def _name(params: dict) -> None:
    low, high = NAME_LENGTHS.get(params["compute_type"] or AKS, (2, 24))
    name = params["name"]
    if not (low <= len(name) <= high and NAME.match(name)):
        raise invalid_option(
            "name",
            f"{name!r} is not a compute name ({low}-{high} letters, digits and hyphens, "
            "starting with a letter)",
        )


def _instance_options(params: dict) -> None:
    validate.uuid(params["assigned_user_object_id"], "assigned_user_object_id")
    validate.uuid(params["assigned_user_tenant_id"], "assigned_user_tenant_id")
    if params["assigned_user_object_id"] and not params["assigned_user_tenant_id"]:
        raise invalid_option("assigned_user_tenant_id", "required with assigned_user_object_id")
    key = params["ssh_public_key"]
    if key is not None and not SSH_KEY.match(key.strip()):
        raise invalid_option("ssh_public_key", "is not an OpenSSH public key (ssh-ed25519 ...)")
    idle = params["idle_time_before_shutdown"]
    if idle is not None:
        match = IDLE_TIME.match(idle)
        if not match or not IDLE_MINUTES[0] <= int(match.group(1)) <= IDLE_MINUTES[1]:
            raise invalid_option(
                "idle_time_before_shutdown",
                f"{idle!r} is not PT<minutes>M between PT{IDLE_MINUTES[0]}M and "
                f"PT{IDLE_MINUTES[1]}M",
            )


def _cluster_options(params: dict) -> None:
    if params["min_nodes"] < 0:
        raise invalid_option("min_nodes", "cannot be negative")
    if params["max_nodes"] < max(1, params["min_nodes"]):
        raise invalid_option("max_nodes", "must be at least 1 and at least min_nodes")
    validate.positive(params["idle_seconds_before_scale_down"], "idle_seconds_before_scale_down")


def validate_options(params: dict) -> None:
    validate.ml_workspace_name(params["workspace_name"], "workspace_name")
    validate.location(params["location"])
    _name(params)
    if params["state"] == "absent":
        return
    kind = params["compute_type"]
    if kind is None:
        raise invalid_option("compute_type", "required with state: present")
    for other, options in ONLY_FOR.items():
        for option in options:
            if other != kind and params[option] is not None:
                raise invalid_option(option, f"applies to compute_type {other}, not {kind}")
    if kind == AKS:
        if not params["aks_resource_id"]:
            raise invalid_option("aks_resource_id", "required to attach an AKS cluster")
        validate.resource_id_of(params["aks_resource_id"], MANAGED_CLUSTERS, "aks_resource_id")
        return
    if not params["vm_size"]:
        raise invalid_option("vm_size", f"required for compute_type {kind}")
    validate.resource_id_of(params["subnet_id"], SUBNETS, "subnet_id")
    if not params["enable_node_public_ip"] and not params["subnet_id"]:
        raise invalid_option(
            "subnet_id", "required without a node public IP (enable_node_public_ip: false)"
        )
    if kind == INSTANCE:
        _instance_options(params)
    else:
        _cluster_options(params)


def _canonical_id(value: object) -> str:
    text = str(value or "").strip().rstrip("/").lower()
    return re.sub(r"/+", "/", text)


def same_subnet(desired: dict, current: dict) -> None:
    """The service may return the subnet id in another casing or form: adopt its spelling
    when it names the same subnet, so the comparison sees no change."""
    wanted = (desired.get("properties") or {}).get("properties") or {}
    have = ((current.get("properties") or {}).get("properties") or {}).get("subnet") or {}
    if isinstance(wanted.get("subnet"), dict) and isinstance(have, dict):
        if _canonical_id(wanted["subnet"].get("id")) == _canonical_id(have.get("id")):
            wanted["subnet"] = dict(wanted["subnet"], id=have.get("id"))


def attached(resource: dict | None) -> bool:
    properties = (resource or {}).get("properties") or {}
    return bool(properties.get("isAttachedCompute")) or properties.get("computeType") == AKS


def delete_action(resource: dict | None) -> str:
    """DELETE's underlyingResourceAction: an attached cluster is detached, not deleted."""
    return "Detach" if attached(resource) else "Delete"


def compute_values(resource: dict) -> dict:
    properties = resource.get("properties") or {}
    return {
        "compute_type": properties.get("computeType") or "",
        "attached": attached(resource) if resource else False,
    }
