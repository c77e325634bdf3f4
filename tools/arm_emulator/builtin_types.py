"""The resource types this emulator serves. Adding a type means adding one entry here (and a hook
class when the type has rules beyond generic ARM behaviour)."""

from __future__ import annotations

from tools.arm_emulator.hooks_base import TypeHooks
from tools.arm_emulator.hooks_network_interface import NetworkInterfaceHooks, PublicIpAddressHooks
from tools.arm_emulator.hooks_private_dns import (
    PrivateZoneHooks,
    RecordSetHooks,
    VirtualNetworkLinkHooks,
)
from tools.arm_emulator.hooks_route_table import RouteHooks, RouteTableHooks
from tools.arm_emulator.hooks_security_group import NetworkSecurityGroupHooks, SecurityRuleHooks
from tools.arm_emulator.hooks_virtual_machine import VirtualMachineHooks
from tools.arm_emulator.hooks_virtual_network import SubnetHooks, VirtualNetworkHooks
from tools.arm_emulator.type_registry import (
    ACCEPTED_PUT,
    LOCATION_DELETE,
    NETWORK_DELETE,
    NETWORK_PUT,
    ResourceType,
    TypeRegistry,
)

# The api-versions the installed SDK packages are generated for (tests check they still match).
RESOURCES_API = "2025-04-01"  # azure-mgmt-resource 26.0.0
NETWORK_API = "2026-03-01"  # azure-mgmt-network 33.1.0
PRIVATE_DNS_API = "2024-06-01"  # azure-mgmt-privatedns 2.0.0
COMPUTE_API = "2026-04-01"  # azure-mgmt-compute 39.0.0

_NET = "azure.mgmt.network.models"
_DNS = "azure.mgmt.privatedns.models"
_RES = "azure.mgmt.resource.resources.models"
_COMPUTE = "azure.mgmt.compute.models"


def _network(
    name: str, model: str, seconds: float, hooks: TypeHooks, **extra: object
) -> ResourceType:
    return ResourceType(
        name=f"Microsoft.Network/{name}",
        api_versions=(NETWORK_API,),
        model=f"{_NET}:{model}",
        hooks=hooks,
        put_lro=NETWORK_PUT,
        delete_lro=NETWORK_DELETE,
        realistic_seconds=seconds,
        **extra,  # type: ignore[arg-type]
    )


def _record_set(record_type: str) -> ResourceType:
    return ResourceType(
        name=f"Microsoft.Network/privateDnsZones/{record_type}",
        api_versions=(PRIVATE_DNS_API,),
        model=f"{_DNS}:RecordSet",
        patch_model=f"{_DNS}:RecordSet",
        hooks=RecordSetHooks(record_type),
        parent="Microsoft.Network/privateDnsZones",
        location="none",
        etag="plain",
        list_in_subscription=False,
    )


def builtin_types() -> list[ResourceType]:
    return [
        ResourceType(
            name="Microsoft.Resources/resourceGroups",
            api_versions=(RESOURCES_API,),
            model=f"{_RES}:ResourceGroup",
            patch_model=f"{_RES}:ResourceGroupPatchable",
            hooks=TypeHooks(),
            delete_lro=LOCATION_DELETE,
            realistic_seconds=15,
            etag=None,
            list_in_subscription=False,
        ),
        _network(
            "virtualNetworks",
            "VirtualNetwork",
            5,
            VirtualNetworkHooks(),
            patch_model=f"{_NET}:TagsObject",
        ),
        _network(
            "virtualNetworks/subnets",
            "Subnet",
            3,
            SubnetHooks(),
            parent="Microsoft.Network/virtualNetworks",
            location="none",
            inline_property="subnets",
            list_in_subscription=False,
        ),
        _network(
            "networkSecurityGroups",
            "NetworkSecurityGroup",
            3,
            NetworkSecurityGroupHooks(),
            patch_model=f"{_NET}:TagsObject",
        ),
        _network(
            "networkSecurityGroups/securityRules",
            "SecurityRule",
            2,
            SecurityRuleHooks(),
            parent="Microsoft.Network/networkSecurityGroups",
            location="none",
            inline_property="securityRules",
            list_in_subscription=False,
        ),
        _network(
            "routeTables", "RouteTable", 3, RouteTableHooks(), patch_model=f"{_NET}:TagsObject"
        ),
        _network(
            "routeTables/routes",
            "Route",
            2,
            RouteHooks(),
            parent="Microsoft.Network/routeTables",
            location="none",
            inline_property="routes",
            list_in_subscription=False,
        ),
        ResourceType(
            name="Microsoft.Network/privateDnsZones",
            api_versions=(PRIVATE_DNS_API,),
            model=f"{_DNS}:PrivateZone",
            patch_model=f"{_DNS}:PrivateZone",
            hooks=PrivateZoneHooks(),
            put_lro=ACCEPTED_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=30,
            location="global",
            etag="plain",
        ),
        ResourceType(
            name="Microsoft.Network/privateDnsZones/virtualNetworkLinks",
            api_versions=(PRIVATE_DNS_API,),
            model=f"{_DNS}:VirtualNetworkLink",
            patch_model=f"{_DNS}:VirtualNetworkLink",
            hooks=VirtualNetworkLinkHooks(),
            parent="Microsoft.Network/privateDnsZones",
            put_lro=ACCEPTED_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=30,
            location="global",
            etag="plain",
            list_in_subscription=False,
        ),
        *(_record_set(t) for t in ("A", "AAAA", "CNAME", "PTR", "TXT")),
        _network(
            "publicIPAddresses",
            "PublicIPAddress",
            3,
            PublicIpAddressHooks(),
            patch_model=f"{_NET}:TagsObject",
        ),
        _network(
            "networkInterfaces",
            "NetworkInterface",
            3,
            NetworkInterfaceHooks(),
            patch_model=f"{_NET}:TagsObject",
        ),
        ResourceType(
            name="Microsoft.Compute/virtualMachines",
            api_versions=(COMPUTE_API,),
            model=f"{_COMPUTE}:VirtualMachine",
            patch_model=f"{_COMPUTE}:VirtualMachineUpdate",
            hooks=VirtualMachineHooks(),
            put_lro=NETWORK_PUT,
            delete_lro=NETWORK_DELETE,
            realistic_seconds=60,
            etag="plain",
        ),
    ]


def default_registry() -> TypeRegistry:
    return TypeRegistry(builtin_types())
