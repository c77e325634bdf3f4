"""Managed (AKS) clusters: node pools in existing subnets, private API server settings fixed at
creation, service network inside its CIDR and apart from the VNet, and what the service sets (the
node resource group, FQDNs, versions, the kubelet identity with its object id)."""

from __future__ import annotations

import hashlib
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext, stable_guid
from tools.arm_emulator.parts import managed_identity
from tools.arm_emulator.providers.network.address_math import (
    overlaps,
    parse_prefix,
    prefixes_of,
    within,
)
from tools.arm_emulator.references import require_reference
from tools.arm_emulator.type_names import MANAGED_CLUSTER, SUBNET
from tools.arm_emulator.type_registry import NETWORK_DELETE, NETWORK_PUT, ResourceType

_MODELS = "azure.mgmt.containerservice.models"
_KUBERNETES_VERSION = "1.33.3"
# Fixed at creation: ARM refuses to change them on an existing cluster.
_FIXED_API_SERVER = ("enablePrivateCluster", "enablePrivateClusterPublicFQDN")


def _invalid(target: str, message: str) -> ArmError:
    return ArmError(400, "InvalidParameter", message, target=target)


class ManagedClusterHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        properties = ctx.properties
        pools = properties.get("agentPoolProfiles") or []
        if not pools:
            raise _invalid("properties.agentPoolProfiles", "At least one agent pool is required.")
        if not any(str(pool.get("mode", "")) == "System" for pool in pools):
            raise _invalid(
                "properties.agentPoolProfiles", "A cluster needs at least one System mode pool."
            )
        subnets = []
        for pool in pools:
            subnet_id = pool.get("vnetSubnetID")
            if subnet_id:
                subnet = require_reference(ctx.world, {"id": subnet_id}, SUBNET, ctx.resource_id)
                assert subnet is not None
                subnets.append(subnet)
        self._check_api_server(ctx)
        self._check_service_network(ctx, subnets)

    @staticmethod
    def _check_api_server(ctx: WriteContext) -> None:
        access = ctx.properties.get("apiServerAccessProfile") or {}
        if access.get("enablePrivateClusterPublicFQDN") and not access.get("enablePrivateCluster"):
            raise _invalid(
                "properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN",
                "enablePrivateClusterPublicFQDN can only be set on a private cluster.",
            )
        if access.get("enablePrivateCluster") and access.get("authorizedIPRanges"):
            raise _invalid(
                "properties.apiServerAccessProfile.authorizedIPRanges",
                "Authorized IP ranges are not supported on a private cluster.",
            )
        if ctx.existing is None:
            return
        before = ctx.existing.properties.get("apiServerAccessProfile") or {}
        for member in _FIXED_API_SERVER:
            if member in access and bool(access[member]) != bool(before.get(member)):
                raise ArmError(
                    400,
                    "PropertyChangeNotAllowed",
                    f"Changing property 'apiServerAccessProfile.{member}' is not allowed.",
                    target=f"properties.apiServerAccessProfile.{member}",
                )

    @staticmethod
    def _check_service_network(ctx: WriteContext, subnets: list[Any]) -> None:
        network = ctx.properties.get("networkProfile") or {}
        service_cidr = network.get("serviceCidr")
        if not service_cidr:
            return
        target = "properties.networkProfile.serviceCidr"
        service = parse_prefix(str(service_cidr), ctx.resource_id)
        for subnet in subnets:
            for prefix in prefixes_of(subnet.properties):
                if overlaps(service, parse_prefix(str(prefix), subnet.id)):
                    raise _invalid(
                        target,
                        f"The service CIDR {service_cidr} overlaps the subnet {subnet.id}.",
                    )
        dns_ip = network.get("dnsServiceIP")
        if dns_ip and not within(parse_prefix(f"{dns_ip}/32", ctx.resource_id), service):
            raise _invalid(
                "properties.networkProfile.dnsServiceIP",
                f"The DNS service IP {dns_ip} is not within the service CIDR {service_cidr}.",
            )

    def derive(self, ctx: WriteContext) -> None:
        managed_identity.derive_identity(ctx)
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        location = str(ctx.body.get("location", "")).lower()
        group = ctx.resource_id.split("/")[4]
        properties.setdefault(
            "nodeResourceGroup",
            previous.get("nodeResourceGroup") or f"MC_{group}_{ctx.name}_{location}",
        )
        dns_prefix = properties.setdefault("dnsPrefix", previous.get("dnsPrefix") or ctx.name)
        suffix = hashlib.sha256(ctx.resource_id.lower().encode()).hexdigest()[:8]
        host = f"{dns_prefix}-{suffix}"
        access = properties.setdefault("apiServerAccessProfile", {})
        private = bool(access.get("enablePrivateCluster"))
        properties.pop("fqdn", None)
        properties.pop("privateFQDN", None)
        if private:
            properties["privateFQDN"] = f"{host}.{suffix}.privatelink.{location}.azmk8s.io"
            access.setdefault("privateDNSZone", "system")
        if not private or access.get("enablePrivateClusterPublicFQDN"):
            properties["fqdn"] = f"{host}.hcp.{location}.azmk8s.io"
        properties["azurePortalFQDN"] = f"{host}.portal.hcp.{location}.azmk8s.io"
        version = properties.setdefault(
            "kubernetesVersion", previous.get("kubernetesVersion", _KUBERNETES_VERSION)
        )
        properties["currentKubernetesVersion"] = version
        properties["maxAgentPools"] = 100
        properties["powerState"] = {"code": "Running"}
        for pool in properties.get("agentPoolProfiles") or []:
            pool.setdefault("enableNodePublicIP", False)
            pool.setdefault("type", "VirtualMachineScaleSets")
            pool.setdefault("osType", "Linux")
            pool.setdefault("orchestratorVersion", version)
            pool["currentOrchestratorVersion"] = version
            pool["provisioningState"] = "Succeeded"
            pool["powerState"] = {"code": "Running"}
        kubelet_id = (
            f"/subscriptions/{ctx.world.subscription}/resourceGroups/"
            f"{properties['nodeResourceGroup']}/providers/Microsoft.ManagedIdentity/"
            f"userAssignedIdentities/{ctx.name}-agentpool"
        )
        profile = properties.setdefault("identityProfile", {})
        profile["kubeletidentity"] = {
            "resourceId": kubelet_id,
            "clientId": stable_guid(ctx.resource_id, "kubeletClientId"),
            "objectId": stable_guid(ctx.resource_id, "kubeletObjectId"),
        }


TYPES = [
    TypeEntry(
        ResourceType(
            name=MANAGED_CLUSTER,
            api_versions=(pinned(MANAGED_CLUSTER),),
            model=f"{_MODELS}:ManagedCluster",
            patch_model=f"{_MODELS}:TagsObject",
            put_lro=NETWORK_PUT,
            delete_lro=NETWORK_DELETE,
            realistic_seconds=420,  # typical observed create time of a private cluster
            etag="plain",
        ),
        ManagedClusterHooks(),
    )
]
