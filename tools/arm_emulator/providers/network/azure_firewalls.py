"""Azure Firewall: placement in AzureFirewallSubnet, a Standard static public IP, a policy of the
same tier, a private IP from the subnet; a long create as in Azure."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext
from tools.arm_emulator.providers.network.address_math import parse_prefix, prefixes_of
from tools.arm_emulator.providers.network.common import TAGS_PATCH, network_type
from tools.arm_emulator.providers.network.ip_allocation import first_free_private
from tools.arm_emulator.references import ref_id, require_reference, subnet_users
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    AZURE_FIREWALL,
    FIREWALL_POLICY,
    PUBLIC_IP_ADDRESS,
    SUBNET,
)

FIREWALL_SUBNET = "AzureFirewallSubnet"
MANAGEMENT_SUBNET = "AzureFirewallManagementSubnet"
_LARGEST_PREFIX = 26  # the subnets must be /26 or larger


def _tier(body: dict[str, Any]) -> str:
    """The tier of a firewall or policy body (`properties.sku.tier`)."""
    return str(((body.get("properties") or {}).get("sku") or {}).get("tier", "Standard"))


class AzureFirewallHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        configurations = ctx.properties.get("ipConfigurations") or []
        if (
            str((ctx.properties.get("sku") or {}).get("name", "AZFW_VNet")).lower() == "azfw_vnet"
            and not configurations
        ):
            raise ArmError(
                400,
                "AzureFirewallMissingIpConfiguration",
                f"Azure Firewall {ctx.name} of sku AZFW_VNet needs an IP configuration in "
                f"{FIREWALL_SUBNET}.",
                target="properties.ipConfigurations",
            )
        for index, item in enumerate(configurations):
            self._configuration(
                ctx, item, f"properties.ipConfigurations[{index}]", FIREWALL_SUBNET, index == 0
            )
        management = ctx.properties.get("managementIpConfiguration")
        if management:
            self._configuration(
                ctx, management, "properties.managementIpConfiguration", MANAGEMENT_SUBNET, True
            )
        elif _tier(ctx.body).lower() == "basic":
            raise ArmError(
                400,
                "AzureFirewallBasicSkuRequiresManagementIpConfiguration",
                f"Azure Firewall {ctx.name} of tier Basic needs a managementIpConfiguration in "
                f"{MANAGEMENT_SUBNET}.",
                target="properties.managementIpConfiguration",
            )
        policy = require_reference(
            ctx.world, ctx.properties.get("firewallPolicy"), FIREWALL_POLICY, ctx.resource_id
        )
        if policy is not None:
            if _tier(policy.body).lower() != _tier(ctx.body).lower():
                raise ArmError(
                    400,
                    "AzureFirewallAndPolicySkuMismatch",
                    f"Azure Firewall {ctx.name} of tier {_tier(ctx.body)} cannot use firewall "
                    f"policy {policy.name} of tier {_tier(policy.body)}.",
                    target="properties.firewallPolicy",
                )
            for member in (
                "applicationRuleCollections",
                "networkRuleCollections",
                "natRuleCollections",
            ):
                if ctx.properties.get(member):
                    raise ArmError(
                        400,
                        "AzureFirewallPolicyAndRuleCollectionsConflict",
                        f"Azure Firewall {ctx.name} has a firewall policy and classic {member}.",
                        target=f"properties.{member}",
                    )

    @staticmethod
    def _configuration(
        ctx: WriteContext, item: dict[str, Any], where: str, subnet_name: str, needs_subnet: bool
    ) -> None:
        properties = item.get("properties") or {}
        subnet = require_reference(ctx.world, properties.get("subnet"), SUBNET, ctx.resource_id)
        if subnet is None and needs_subnet:
            raise ArmError(
                400,
                "AzureFirewallIpConfigurationMissingSubnet",
                f"Azure Firewall {ctx.name}: {where} must reference subnet {subnet_name}.",
                target=f"{where}.properties.subnet",
            )
        if subnet is not None:
            if subnet.name != subnet_name:
                raise ArmError(
                    400,
                    "AzureFirewallSubnetNameInvalid",
                    f"Azure Firewall {ctx.name}: {where} references subnet {subnet.name}; it must "
                    f"be named {subnet_name}.",
                    target=f"{where}.properties.subnet",
                )
            for prefix in prefixes_of(subnet.properties):
                if parse_prefix(prefix, subnet.id).prefixlen > _LARGEST_PREFIX:
                    raise ArmError(
                        400,
                        "AzureFirewallSubnetTooSmall",
                        f"Subnet {subnet.id} ({prefix}) must be /{_LARGEST_PREFIX} or larger.",
                        target=f"{where}.properties.subnet",
                    )
        pip = require_reference(
            ctx.world, properties.get("publicIPAddress"), PUBLIC_IP_ADDRESS, ctx.resource_id
        )
        if pip is None and needs_subnet:
            raise ArmError(
                400,
                "AzureFirewallIpConfigurationMissingPublicIp",
                f"Azure Firewall {ctx.name}: {where} needs a public IP address.",
                target=f"{where}.properties.publicIPAddress",
            )
        if (
            pip is not None
            and str((pip.body.get("sku") or {}).get("name", "")).lower() != "standard"
        ):
            raise ArmError(
                400,
                "AzureFirewallPublicIpMustBeStandardSku",
                f"Public IP {pip.id} must be of the Standard sku to be used by Azure Firewall.",
                target=f"{where}.properties.publicIPAddress",
            )

    def derive(self, ctx: WriteContext) -> None:
        ctx.properties.setdefault("sku", {"name": "AZFW_VNet", "tier": "Standard"})
        ctx.properties.setdefault("threatIntelMode", "Alert")
        previous = {
            item.get("name"): (item.get("properties") or {}).get("privateIPAddress")
            for item in (
                ctx.existing.properties.get("ipConfigurations") or [] if ctx.existing else []
            )
        }
        for item in ctx.properties.get("ipConfigurations") or []:
            properties = item.setdefault("properties", {})
            properties.pop("privateIPAddress", None)
            subnet = ctx.world.store.get(ref_id(properties.get("subnet")) or "")
            address = previous.get(item.get("name"))
            if address is None and subnet is not None:
                used = [u.rsplit("/", 1)[-1] for u in subnet_users(ctx.world, subnet.id)]
                address = first_free_private(prefixes_of(subnet.properties)[0], used, subnet.name)
            if address:
                properties["privateIPAddress"] = address
                properties["privateIPAllocationMethod"] = "Dynamic"

    def render(self, world: Any, record: Record, document: dict[str, Any]) -> None:
        addresses = [
            (item.get("properties") or {}).get("privateIPAddress")
            for item in document["properties"].get("ipConfigurations") or []
        ]
        document["properties"]["hubIPAddresses"] = {
            "privateIPAddress": addresses[0] if addresses else None
        }


TYPES = [
    TypeEntry(
        network_type(AZURE_FIREWALL, "AzureFirewall", 360, patch_model=TAGS_PATCH),
        AzureFirewallHooks(),
    )
]
