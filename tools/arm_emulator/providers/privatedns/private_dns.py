"""Private DNS zones, their virtual network links and record sets."""

from __future__ import annotations

import ipaddress
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError, invalid_reference
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.privatedns.auto_registration import sync_auto_registration
from tools.arm_emulator.references import ref_id, same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    PRIVATE_DNS_RECORD_TYPES,
    PRIVATE_DNS_ZONE,
    VIRTUAL_NETWORK,
    VIRTUAL_NETWORK_LINK,
)
from tools.arm_emulator.type_registry import ACCEPTED_PUT, LOCATION_DELETE, ResourceType

_MODELS = "azure.mgmt.privatedns.models"


def is_record_type(record: Record) -> bool:
    return (
        record.rtype.key.startswith(PRIVATE_DNS_ZONE.lower() + "/")
        and record.rtype.key != VIRTUAL_NETWORK_LINK.lower()
    )


class PrivateZoneHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        if ctx.name.count(".") < 1:
            raise ArmError(
                400,
                "InvalidPrivateZoneName",
                f"The zone name '{ctx.name}' must have at least two labels.",
            )

    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid("internalId")
        ctx.properties["maxNumberOfRecordSets"] = 25000
        ctx.properties["maxNumberOfVirtualNetworkLinks"] = 1000
        ctx.properties["maxNumberOfVirtualNetworkLinksWithRegistration"] = 100

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        children = world.store.children(record.id)
        links = [c for c in children if c.rtype.key == VIRTUAL_NETWORK_LINK.lower()]
        properties = document["properties"]
        properties["numberOfRecordSets"] = sum(1 for c in children if is_record_type(c))
        properties["numberOfVirtualNetworkLinks"] = len(links)
        properties["numberOfVirtualNetworkLinksWithRegistration"] = sum(
            1 for link in links if link.properties.get("registrationEnabled")
        )

    def before_delete(self, world: World, record: Record) -> None:
        if world.store.children(record.id, VIRTUAL_NETWORK_LINK):
            raise ArmError(
                409,
                "Conflict",
                f"The private DNS zone '{record.name}' cannot be deleted because it has virtual "
                "network links. "
                "Delete the virtual network links first.",
            )


class VirtualNetworkLinkHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        vnet_id = ref_id(ctx.properties.get("virtualNetwork"))
        if vnet_id is None:
            raise ArmError(
                400,
                "InvalidRequestFormat",
                "The virtual network link must reference a virtual network.",
                target="properties.virtualNetwork",
            )
        vnet = ctx.world.store.get(vnet_id)
        if vnet is None or vnet.rtype.key != VIRTUAL_NETWORK.lower():
            raise invalid_reference(vnet_id, ctx.resource_id)
        for link in ctx.world.store.of_type(VIRTUAL_NETWORK_LINK):
            if same_id(link.id, ctx.resource_id):
                continue
            if not same_id(ref_id(link.properties.get("virtualNetwork")), vnet_id):
                continue
            if same_id(link.parent_id, ctx.parent.id):
                raise ArmError(
                    409,
                    "Conflict",
                    "A virtual network cannot be linked to the same private DNS zone twice; it "
                    "is already linked "
                    f"through '{link.name}'.",
                )
            if link.properties.get("registrationEnabled") and ctx.properties.get(
                "registrationEnabled"
            ):
                raise ArmError(
                    409,
                    "Conflict",
                    f"The virtual network {vnet.name} already has a registration-enabled link "
                    f"({link.id}); a "
                    "virtual network can auto-register into one private DNS zone only.",
                )
        ctx.properties["virtualNetwork"] = {"id": vnet.id}

    def derive(self, ctx: WriteContext) -> None:
        ctx.properties.setdefault("registrationEnabled", False)
        ctx.properties["virtualNetworkLinkState"] = "Completed"

    def after_change(self, world: World) -> None:
        sync_auto_registration(world)


class RecordSetHooks(TypeHooks):
    def __init__(self, record_type: str) -> None:
        self.record_type = record_type

    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        for item in ctx.properties.get("aRecords") or []:
            self._check_address(item.get("ipv4Address"), 4)
        for item in ctx.properties.get("aaaaRecords") or []:
            self._check_address(item.get("ipv6Address"), 6)
        for sibling in ctx.world.store.children(ctx.parent.id):
            if not is_record_type(sibling) or sibling.name.lower() != ctx.name.lower():
                continue
            if sibling.rtype.key == ctx.rtype.key:
                continue
            if "CNAME" in (self.record_type, sibling.rtype.segments[-1]):
                raise ArmError(
                    409,
                    "Conflict",
                    f"A CNAME record set cannot share the name '{ctx.name}' with another record "
                    "set.",
                )

    @staticmethod
    def _check_address(value: Any, version: int) -> None:
        try:
            parsed = ipaddress.ip_address(str(value))
        except ValueError as exc:
            raise ArmError(
                400, "BadRequest", f"'{value}' is not a valid IPv{version} address."
            ) from exc
        if parsed.version != version:
            raise ArmError(400, "BadRequest", f"'{value}' is not a valid IPv{version} address.")

    def derive(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        zone = ctx.parent.name
        ctx.properties["fqdn"] = f"{zone}." if ctx.name == "@" else f"{ctx.name}.{zone}."
        ctx.properties["isAutoRegistered"] = bool(ctx.notes.get("auto_registered"))


def _record_set(record_type: str) -> TypeEntry:
    name = f"{PRIVATE_DNS_ZONE}/{record_type}"
    return TypeEntry(
        ResourceType(
            name=name,
            api_versions=(pinned(name),),
            model=f"{_MODELS}:RecordSet",
            patch_model=f"{_MODELS}:RecordSet",
            parent=PRIVATE_DNS_ZONE,
            location="none",
            etag="plain",
            list_in_subscription=False,
        ),
        RecordSetHooks(record_type),
    )


TYPES = [
    TypeEntry(
        ResourceType(
            name=PRIVATE_DNS_ZONE,
            api_versions=(pinned(PRIVATE_DNS_ZONE),),
            model=f"{_MODELS}:PrivateZone",
            patch_model=f"{_MODELS}:PrivateZone",
            put_lro=ACCEPTED_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=30,
            location="global",
            etag="plain",
        ),
        PrivateZoneHooks(),
    ),
    TypeEntry(
        ResourceType(
            name=VIRTUAL_NETWORK_LINK,
            api_versions=(pinned(VIRTUAL_NETWORK_LINK),),
            model=f"{_MODELS}:VirtualNetworkLink",
            patch_model=f"{_MODELS}:VirtualNetworkLink",
            parent=PRIVATE_DNS_ZONE,
            put_lro=ACCEPTED_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=30,
            location="global",
            etag="plain",
            list_in_subscription=False,
        ),
        VirtualNetworkLinkHooks(),
    ),
    *(_record_set(record_type) for record_type in PRIVATE_DNS_RECORD_TYPES),
]
