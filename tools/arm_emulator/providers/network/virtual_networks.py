"""Virtual networks and their subnets: address space rules, associations, in-use checks."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.address_math import (
    overlaps,
    parse_prefix,
    prefixes_of,
    within,
)
from tools.arm_emulator.providers.network.common import TAGS_PATCH, child_type, network_type
from tools.arm_emulator.references import require_reference, subnet_users
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import SUBNET, VIRTUAL_NETWORK


class VirtualNetworkHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        prefixes = ((ctx.properties.get("addressSpace") or {}).get("addressPrefixes")) or []
        if not prefixes and not ctx.properties.get("ipamPoolPrefixAllocations"):
            raise ArmError(
                400,
                "InvalidAddressSpace",
                f"Virtual network {ctx.resource_id} must have at least one address prefix in its "
                "address space.",
            )
        networks = [parse_prefix(p, ctx.resource_id) for p in prefixes]
        for index, network in enumerate(networks):
            for other in networks[index + 1 :]:
                if overlaps(network, other):
                    raise ArmError(
                        400,
                        "NetcfgInvalidVnetAddressSpace",
                        f"Address prefixes {network} and {other} of virtual network {ctx.name} "
                        "overlap.",
                    )

    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid()
        ctx.properties.setdefault("enableDdosProtection", False)
        ctx.properties.setdefault("virtualNetworkPeerings", [])

    def before_delete(self, world: World, record: Record) -> None:
        for subnet in world.store.children(record.id, SUBNET):
            SubnetHooks().before_delete(world, subnet)


class SubnetHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        own = prefixes_of(ctx.properties)
        if not own and not ctx.properties.get("ipamPoolPrefixAllocations"):
            raise ArmError(
                400,
                "NoAddressPrefixOrPoolProvided",
                f"Subnet {ctx.name} must have an address prefix or a pool.",
            )
        vnet_space = [
            parse_prefix(p, ctx.parent.id)
            for p in (
                (ctx.parent.properties.get("addressSpace") or {}).get("addressPrefixes") or []
            )
        ]
        vnet_name = ctx.parent.name
        networks = [parse_prefix(p, ctx.resource_id) for p in own]
        for network in networks:
            if not any(within(network, space) for space in vnet_space):
                raise ArmError(
                    400,
                    "NetcfgSubnetRangeOutsideVnet",
                    f"Subnet '{ctx.name}' is not valid because its IP address range is outside "
                    "the IP address "
                    f"range of virtual network '{vnet_name}'.",
                )
        for sibling_name, sibling_prefixes in self._siblings(ctx):
            for network in networks:
                for prefix in sibling_prefixes:
                    if overlaps(network, parse_prefix(prefix, ctx.parent.id)):
                        raise ArmError(
                            400,
                            "NetcfgSubnetRangesOverlap",
                            f"Subnet '{ctx.name}' is not valid in virtual network '{vnet_name}' "
                            "because its IP "
                            "address range overlaps with that of an existing subnet "
                            f"'{sibling_name}' in the "
                            "virtual network.",
                        )
        require_reference(
            ctx.world,
            ctx.properties.get("networkSecurityGroup"),
            "Microsoft.Network/networkSecurityGroups",
            ctx.resource_id,
        )
        require_reference(
            ctx.world,
            ctx.properties.get("routeTable"),
            "Microsoft.Network/routeTables",
            ctx.resource_id,
        )
        if ctx.existing is not None and prefixes_of(ctx.existing.properties) != own:
            users = subnet_users(ctx.world, ctx.existing.id)
            if users:
                raise ArmError(
                    400,
                    "InUseSubnetCannotBeUpdated",
                    f"Subnet {ctx.name} is in use by {users[0]} and its address prefix cannot be "
                    "updated.",
                )

    @staticmethod
    def _siblings(ctx: WriteContext) -> list[tuple[str, list[str]]]:
        assert ctx.parent is not None
        if ctx.inline_siblings is not None:
            items: list[dict[str, Any]] = ctx.inline_siblings
            return [
                (item["name"], prefixes_of(item.get("properties") or {}))
                for item in items
                if item["name"].lower() != ctx.name.lower()
            ]
        return [
            (record.name, prefixes_of(record.properties))
            for record in ctx.world.store.children(ctx.parent.id, SUBNET)
            if record.name.lower() != ctx.name.lower()
        ]

    def derive(self, ctx: WriteContext) -> None:
        ctx.properties.setdefault("privateEndpointNetworkPolicies", "Disabled")
        ctx.properties.setdefault("privateLinkServiceNetworkPolicies", "Enabled")

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        users = subnet_users(world, record.id)
        if users:
            document["properties"]["ipConfigurations"] = [{"id": u} for u in users]

    def before_delete(self, world: World, record: Record) -> None:
        users = subnet_users(world, record.id)
        if users:
            raise ArmError(
                400,
                "InUseSubnetCannotBeDeleted",
                f"Subnet {record.name} is in use by {users[0]} and cannot be deleted. In order to "
                "delete the "
                "subnet, delete all the resources within the subnet.",
            )


TYPES = [
    TypeEntry(
        network_type(VIRTUAL_NETWORK, "VirtualNetwork", 5, patch_model=TAGS_PATCH),
        VirtualNetworkHooks(),
    ),
    TypeEntry(child_type(SUBNET, "Subnet", 3, VIRTUAL_NETWORK, "subnets"), SubnetHooks()),
]
