"""Virtual network peerings: the remote VNet must exist and not overlap; a peering is Connected
only while the remote VNet peers back."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError, invalid_reference
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.address_math import overlaps, parse_prefix
from tools.arm_emulator.providers.network.common import network_type
from tools.arm_emulator.references import ref_id, same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import VIRTUAL_NETWORK, VIRTUAL_NETWORK_PEERING


def _address_space(vnet: Record) -> list[str]:
    return list((vnet.properties.get("addressSpace") or {}).get("addressPrefixes") or [])


def _peers_back(world: World, record: Record) -> bool:
    remote = ref_id(record.properties.get("remoteVirtualNetwork"))
    return any(
        same_id(ref_id(other.properties.get("remoteVirtualNetwork")), record.parent_id)
        for other in world.store.children(remote or "", VIRTUAL_NETWORK_PEERING)
    )


class PeeringHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        remote_id = ref_id(ctx.properties.get("remoteVirtualNetwork"))
        if remote_id is None:
            raise ArmError(
                400,
                "RemoteVnetMissing",
                f"Peering {ctx.name} must name properties.remoteVirtualNetwork.id.",
                target="properties.remoteVirtualNetwork",
            )
        remote = ctx.world.store.get(remote_id)
        if remote is None or remote.rtype.key != VIRTUAL_NETWORK.lower():
            raise invalid_reference(remote_id, ctx.resource_id)
        if same_id(remote.id, ctx.parent.id):
            raise ArmError(
                400,
                "CannotPeerVirtualNetworkWithItself",
                f"Virtual network {ctx.parent.name} cannot be peered with itself.",
            )
        if ctx.existing is not None and not same_id(
            ref_id(ctx.existing.properties.get("remoteVirtualNetwork")), remote_id
        ):
            raise ArmError(
                400,
                "CannotChangeRemoteVirtualNetwork",
                f"Peering {ctx.name} cannot change its remote virtual network.",
            )
        for local in _address_space(ctx.parent):
            for other in _address_space(remote):
                if overlaps(parse_prefix(local, ctx.parent.id), parse_prefix(other, remote.id)):
                    raise ArmError(
                        400,
                        "VnetAddressSpacesOverlap",
                        f"Cannot create or update peering {ctx.resource_id}. Virtual networks "
                        f"{ctx.parent.id} and {remote.id} cannot be peered because their address "
                        f"spaces overlap ({local}, {other}).",
                    )

    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid()
        for member in ("allowVirtualNetworkAccess",):
            ctx.properties.setdefault(member, True)
        for member in ("allowForwardedTraffic", "allowGatewayTransit", "useRemoteGateways"):
            ctx.properties.setdefault(member, False)

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        remote = world.store.get(ref_id(record.properties.get("remoteVirtualNetwork")) or "")
        if remote is None:
            state, sync = "Disconnected", "RemoteNotInSync"
        elif _peers_back(world, record):
            state, sync = "Connected", "FullyInSync"
        else:
            state, sync = "Initiated", "RemoteNotInSync"
        properties = document["properties"]
        properties["peeringState"] = state
        properties["peeringSyncLevel"] = sync
        if remote is not None:
            properties["remoteAddressSpace"] = {"addressPrefixes": _address_space(remote)}


TYPES = [
    TypeEntry(
        network_type(
            VIRTUAL_NETWORK_PEERING,
            "VirtualNetworkPeering",
            5,
            parent=VIRTUAL_NETWORK,
            location="none",
            list_in_subscription=False,
        ),
        PeeringHooks(),
    )
]
