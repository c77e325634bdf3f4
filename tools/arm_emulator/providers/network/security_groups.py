"""Network security groups and security rules: priorities, default rules, associations."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.common import TAGS_PATCH, child_type, network_type
from tools.arm_emulator.references import records_referring
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    DEFAULT_SECURITY_RULE,
    NETWORK_SECURITY_GROUP,
    SECURITY_RULE,
    SUBNET,
)

_VNET, _LB, _ANY, _NET = "VirtualNetwork", "AzureLoadBalancer", "*", "Internet"
# name, description, source, destination, access, priority, direction
_DEFAULT_RULES = (
    ("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET",
     _VNET, _VNET, "Allow", 65000, "Inbound"),
    ("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer",
     _LB, _ANY, "Allow", 65001, "Inbound"),
    ("DenyAllInBound", "Deny all inbound traffic", _ANY, _ANY, "Deny", 65500, "Inbound"),
    ("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET",
     _VNET, _VNET, "Allow", 65000, "Outbound"),
    ("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet",
     _ANY, _NET, "Allow", 65001, "Outbound"),
    ("DenyAllOutBound", "Deny all outbound traffic", _ANY, _ANY, "Deny", 65500, "Outbound"),
)  # fmt: skip


def default_rules(nsg: Record) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{nsg.id}/defaultSecurityRules/{name}",
            "name": name,
            "type": DEFAULT_SECURITY_RULE,
            "etag": nsg.etag,
            "properties": {
                "provisioningState": "Succeeded",
                "description": description,
                "protocol": "*",
                "sourcePortRange": "*",
                "destinationPortRange": "*",
                "sourceAddressPrefix": source,
                "destinationAddressPrefix": destination,
                "access": access,
                "priority": priority,
                "direction": direction,
                "sourcePortRanges": [],
                "destinationPortRanges": [],
                "sourceAddressPrefixes": [],
                "destinationAddressPrefixes": [],
            },
        }
        for name, description, source, destination, access, priority, direction in _DEFAULT_RULES
    ]


class NetworkSecurityGroupHooks(TypeHooks):
    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid()

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        properties = document["properties"]
        properties["defaultSecurityRules"] = default_rules(record)
        subnets = records_referring(world, SUBNET, "networkSecurityGroup", record.id)
        if subnets:
            properties["subnets"] = [{"id": s.id} for s in subnets]
        nics = records_referring(
            world, "Microsoft.Network/networkInterfaces", "networkSecurityGroup", record.id
        )
        if nics:
            properties["networkInterfaces"] = [{"id": n.id} for n in nics]

    def before_delete(self, world: World, record: Record) -> None:
        users = [
            *records_referring(
                world,
                SUBNET,
                "networkSecurityGroup",
                record.id,
            ),
            *records_referring(
                world, "Microsoft.Network/networkInterfaces", "networkSecurityGroup", record.id
            ),
        ]
        if users:
            raise ArmError(
                400,
                "InUseNetworkSecurityGroupCannotBeDeleted",
                f"Network security group {record.id} cannot be deleted because it is in use by "
                "the following "
                f"resources: {users[0].id}.",
            )


class SecurityRuleHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        priority = ctx.properties.get("priority")
        if not isinstance(priority, int) or not 100 <= priority <= 4096:
            raise ArmError(
                400,
                "SecurityRuleInvalidPriority",
                f"Security rule has invalid Priority. Value provided: {priority} Allowed range "
                "100-4096.",
                target="properties.priority",
            )
        direction = str(ctx.properties.get("direction", "")).lower()
        for name, properties in self._siblings(ctx):
            if (
                properties.get("priority") == priority
                and str(properties.get("direction", "")).lower() == direction
            ):
                raise ArmError(
                    400,
                    "SecurityRuleConflict",
                    f"Security rule {ctx.name} conflicts with rule {name}. Rules cannot have the "
                    "same Priority "
                    "and Direction. To learn more, see aka.ms/nsgrules.",
                )
        for side in ("source", "destination"):
            given = [
                key
                for key in (
                    f"{side}AddressPrefix",
                    f"{side}AddressPrefixes",
                    f"{side}ApplicationSecurityGroups",
                )
                if ctx.properties.get(key)
            ]
            if not given:
                raise ArmError(
                    400,
                    "SecurityRuleParameterContainsUnsupportedValue",
                    f"Security rule {ctx.name} must specify {side}AddressPrefix, "
                    f"{side}AddressPrefixes or "
                    f"{side}ApplicationSecurityGroups.",
                )

    @staticmethod
    def _siblings(ctx: WriteContext) -> list[tuple[str, dict[str, Any]]]:
        assert ctx.parent is not None
        if ctx.inline_siblings is not None:
            return [
                (item["name"], item.get("properties") or {})
                for item in ctx.inline_siblings
                if item["name"].lower() != ctx.name.lower()
            ]
        return [
            (r.name, r.properties)
            for r in ctx.world.store.children(ctx.parent.id, SECURITY_RULE)
            if r.name.lower() != ctx.name.lower()
        ]

    def derive(self, ctx: WriteContext) -> None:
        for key in (
            "sourcePortRanges",
            "destinationPortRanges",
            "sourceAddressPrefixes",
            "destinationAddressPrefixes",
        ):
            ctx.properties.setdefault(key, [])


TYPES = [
    TypeEntry(
        network_type(NETWORK_SECURITY_GROUP, "NetworkSecurityGroup", 3, patch_model=TAGS_PATCH),
        NetworkSecurityGroupHooks(),
    ),
    TypeEntry(
        child_type(SECURITY_RULE, "SecurityRule", 2, NETWORK_SECURITY_GROUP, "securityRules"),
        SecurityRuleHooks(),
    ),
]
