"""Route tables and routes."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.address_math import parse_prefix
from tools.arm_emulator.providers.network.common import TAGS_PATCH, child_type, network_type
from tools.arm_emulator.references import records_referring
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import ROUTE, ROUTE_TABLE, SUBNET


class RouteTableHooks(TypeHooks):
    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid()
        ctx.properties.setdefault("disableBgpRoutePropagation", False)

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        subnets = records_referring(world, SUBNET, "routeTable", record.id)
        if subnets:
            document["properties"]["subnets"] = [{"id": s.id} for s in subnets]

    def before_delete(self, world: World, record: Record) -> None:
        subnets = records_referring(world, SUBNET, "routeTable", record.id)
        if subnets:
            raise ArmError(
                400,
                "InUseRouteTableCannotBeDeleted",
                f"Route table {record.id} is in use by subnet {subnets[0].id} and cannot be "
                "deleted.",
            )


class RouteHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        prefix = ctx.properties.get("addressPrefix")
        if not prefix:
            raise ArmError(
                400, "RouteMissingAddressPrefix", f"Route {ctx.name} must have an addressPrefix."
            )
        if "/" in str(prefix):  # anything else is a service tag, which ARM accepts
            parse_prefix(str(prefix), ctx.resource_id)
        hop_type = str(ctx.properties.get("nextHopType", ""))
        hop_ip = ctx.properties.get("nextHopIpAddress")
        if hop_type.lower() == "virtualappliance" and not hop_ip:
            raise ArmError(
                400,
                "InvalidRouteNextHopIpAddressMissing",
                f"Route {ctx.name} has next hop type VirtualAppliance but no nextHopIpAddress.",
            )
        if hop_type.lower() != "virtualappliance" and hop_ip:
            raise ArmError(
                400,
                "InvalidRouteNextHopIpAddressNotAllowed",
                f"Route {ctx.name} has nextHopIpAddress but next hop type {hop_type}; only "
                "VirtualAppliance "
                "routes take an address.",
            )


TYPES = [
    TypeEntry(
        network_type(ROUTE_TABLE, "RouteTable", 3, patch_model=TAGS_PATCH), RouteTableHooks()
    ),
    TypeEntry(child_type(ROUTE, "Route", 2, ROUTE_TABLE, "routes"), RouteHooks()),
]
