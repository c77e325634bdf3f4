"""Public IP addresses and network interfaces: address allocation and back-references."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.address_math import prefixes_of
from tools.arm_emulator.providers.network.common import TAGS_PATCH, network_type
from tools.arm_emulator.providers.network.ip_allocation import (
    check_static_private,
    first_free_private,
    first_free_public,
)
from tools.arm_emulator.providers.privatedns.auto_registration import sync_auto_registration
from tools.arm_emulator.references import (
    ip_configuration_id,
    nic_ip_configurations,
    ref_id,
    require_reference,
    same_id,
)
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    NETWORK_INTERFACE,
    NETWORK_SECURITY_GROUP,
    NIC_IP_CONFIGURATION,
    PUBLIC_IP_ADDRESS,
    SUBNET,
    VIRTUAL_MACHINE,
)


def _pip_users(world: World, pip_id: str) -> list[str]:
    return [
        ip_configuration_id(nic, item)
        for nic, item in nic_ip_configurations(world)
        if same_id(ref_id((item.get("properties") or {}).get("publicIPAddress")), pip_id)
    ]


def _nic_vms(world: World, nic_id: str) -> list[Record]:
    return [
        vm
        for vm in world.store.of_type(VIRTUAL_MACHINE)
        if any(
            same_id(ref_id(ref), nic_id)
            for ref in (vm.properties.get("networkProfile") or {}).get("networkInterfaces") or []
        )
    ]


class PublicIpAddressHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        sku = str((ctx.body.get("sku") or {}).get("name", "Standard"))
        method = ctx.properties.get("publicIPAllocationMethod")
        if sku.lower() == "standard" and str(method or "Static").lower() != "static":
            raise ArmError(
                400,
                "StandardSkuPublicIPAddressesMustBeStatic",
                f"Standard sku publicIp {ctx.resource_id} must have AllocationMethod set to "
                "Static.",
            )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        ctx.body.setdefault("sku", {"name": "Standard", "tier": "Regional"})
        ctx.properties.setdefault("publicIPAllocationMethod", "Static")
        ctx.properties.setdefault("publicIPAddressVersion", "IPv4")
        ctx.properties.setdefault("idleTimeoutInMinutes", 4)
        ctx.keep_guid()
        ctx.properties.pop("ipAddress", None)
        if ctx.properties["publicIPAllocationMethod"] == "Static":
            used = [
                r.properties.get("ipAddress")
                for r in ctx.world.store.of_type(PUBLIC_IP_ADDRESS)
                if not same_id(r.id, ctx.resource_id)
            ]
            ctx.properties["ipAddress"] = previous.get("ipAddress") or first_free_public(
                a for a in used if a
            )

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        users = _pip_users(world, record.id)
        if users:
            document["properties"]["ipConfiguration"] = {"id": users[0]}

    def before_delete(self, world: World, record: Record) -> None:
        users = _pip_users(world, record.id)
        if users:
            raise ArmError(
                400,
                "PublicIPAddressCannotBeDeleted",
                f"Public IP address {record.id} can not be deleted since it is still allocated to "
                f"resource {users[0]}.",
            )


class NetworkInterfaceHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        configurations = ctx.properties.get("ipConfigurations") or []
        if not configurations:
            raise ArmError(
                400,
                "InvalidRequestFormat",
                f"Network interface {ctx.resource_id} must have at least one IP configuration.",
                target="properties.ipConfigurations",
            )
        names: set[str] = set()
        for index, item in enumerate(configurations):
            name = item.get("name")
            if not name or name.lower() in names:
                raise ArmError(
                    400,
                    "InvalidRequestFormat",
                    f"properties.ipConfigurations[{index}] needs a unique name.",
                    target=f"properties.ipConfigurations[{index}].name",
                )
            names.add(name.lower())
            properties = item.get("properties") or {}
            if ref_id(properties.get("subnet")) is None:
                raise ArmError(
                    400,
                    "InvalidRequestFormat",
                    f"IP configuration {name} of {ctx.resource_id} must reference a subnet.",
                    target=f"properties.ipConfigurations[{index}].properties.subnet",
                )
            require_reference(ctx.world, properties.get("subnet"), SUBNET, ctx.resource_id)
            require_reference(
                ctx.world, properties.get("publicIPAddress"), PUBLIC_IP_ADDRESS, ctx.resource_id
            )
            pip_id = ref_id(properties.get("publicIPAddress"))
            if pip_id:
                others = [
                    u
                    for u in _pip_users(ctx.world, pip_id)
                    if not u.lower().startswith(ctx.resource_id.lower() + "/")
                ]
                if others:
                    raise ArmError(
                        400,
                        "PublicIPAddressInUse",
                        f"Public IP address {pip_id} is already used by {others[0]}.",
                    )
        require_reference(
            ctx.world,
            ctx.properties.get("networkSecurityGroup"),
            NETWORK_SECURITY_GROUP,
            ctx.resource_id,
        )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        ctx.keep_guid()
        old_addresses = {
            (
                item.get("name", "").lower(),
                ref_id(
                    (item.get("properties") or {}).get("subnet"),
                ).lower(),
            ): (item.get("properties") or {}).get("privateIPAddress")
            for item in previous.get("ipConfigurations") or []
            if ref_id((item.get("properties") or {}).get("subnet"))
        }
        configurations = ctx.properties["ipConfigurations"]
        if not any((c.get("properties") or {}).get("primary") for c in configurations):
            configurations[0].setdefault("properties", {})["primary"] = True
        taken_here: list[str] = []
        for item in configurations:
            for member in ("id", "etag", "type"):
                item.pop(member, None)
            properties = item.setdefault("properties", {})
            properties.setdefault("primary", False)
            properties.setdefault("privateIPAddressVersion", "IPv4")
            method = str(properties.get("privateIPAllocationMethod") or "Dynamic")
            properties["privateIPAllocationMethod"] = method
            subnet = ctx.world.store.get(ref_id(properties["subnet"]) or "")
            assert subnet is not None
            properties["subnet"] = {"id": subnet.id}
            prefix = prefixes_of(subnet.properties)[0]
            used = self._used_in_subnet(ctx, subnet.id) + taken_here
            if method.lower() == "static":
                check_static_private(
                    str(properties.get("privateIPAddress")), prefix, used, subnet.id
                )
            else:
                kept = old_addresses.get((item["name"].lower(), subnet.id.lower()))
                properties["privateIPAddress"] = kept or first_free_private(
                    prefix, used, subnet.name
                )
            taken_here.append(properties["privateIPAddress"])

    @staticmethod
    def _used_in_subnet(ctx: WriteContext, subnet_id: str) -> list[str]:
        return [
            (item.get("properties") or {}).get("privateIPAddress", "")
            for nic, item in nic_ip_configurations(ctx.world)
            if not same_id(nic.id, ctx.resource_id)
            and same_id(ref_id((item.get("properties") or {}).get("subnet")), subnet_id)
        ]

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        for item in document["properties"].get("ipConfigurations") or []:
            item["id"] = ip_configuration_id(record, item)
            item["type"] = NIC_IP_CONFIGURATION
            item["etag"] = record.etag
            item.setdefault("properties", {})["provisioningState"] = record.state
        vms = _nic_vms(world, record.id)
        if vms:
            document["properties"]["virtualMachine"] = {"id": vms[0].id}

    def before_delete(self, world: World, record: Record) -> None:
        vms = _nic_vms(world, record.id)
        if vms:
            raise ArmError(
                400,
                "NicInUse",
                f"Network Interface {record.id} is used by existing resource {vms[0].id}. In "
                "order to delete the "
                "network interface, it must be dissociated from the resource.",
            )

    def after_change(self, world: World) -> None:
        sync_auto_registration(world)


TYPES = [
    TypeEntry(
        network_type(PUBLIC_IP_ADDRESS, "PublicIPAddress", 3, patch_model=TAGS_PATCH),
        PublicIpAddressHooks(),
    ),
    TypeEntry(
        network_type(NETWORK_INTERFACE, "NetworkInterface", 3, patch_model=TAGS_PATCH),
        NetworkInterfaceHooks(),
    ),
]
