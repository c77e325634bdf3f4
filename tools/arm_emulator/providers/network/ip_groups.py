"""IP groups: address lists firewall policy rules refer to."""

from __future__ import annotations

import ipaddress
from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.common import TAGS_PATCH, network_type
from tools.arm_emulator.references import same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import IP_GROUP, RULE_COLLECTION_GROUP


def valid_address(value: str) -> bool:
    """An IP address, a CIDR network or a `first-last` range, as IP groups and rules take them."""
    parts = value.split("-")
    try:
        if len(parts) == 2:
            return ipaddress.ip_address(parts[0]) <= ipaddress.ip_address(parts[1])
        ipaddress.ip_network(value, strict=True)
    except (TypeError, ValueError):
        return False
    return True


def rule_collection_groups_using(world: World, ip_group_id: str) -> list[Record]:
    """Rule collection groups with a rule whose sources or destinations name the IP group."""
    found = []
    for group in world.store.of_type(RULE_COLLECTION_GROUP):
        for collection in group.properties.get("ruleCollections") or []:
            for rule in collection.get("rules") or []:
                named = [
                    *(rule.get("sourceIpGroups") or []),
                    *(rule.get("destinationIpGroups") or []),
                ]
                if any(same_id(item, ip_group_id) for item in named):
                    found.append(group)
    return list({group.key: group for group in found}.values())


class IpGroupHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        for index, address in enumerate(ctx.properties.get("ipAddresses") or []):
            if not valid_address(str(address)):
                raise ArmError(
                    400,
                    "InvalidIpAddressFormat",
                    f"IP group {ctx.name}: {address} is not an IP address, CIDR or range.",
                    target=f"properties.ipAddresses[{index}]",
                )

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        policies = {
            group.parent_id.lower(): group.parent_id
            for group in rule_collection_groups_using(world, record.id)
            if group.parent_id
        }
        document["properties"]["firewallPolicies"] = [{"id": p} for p in sorted(policies.values())]
        document["properties"]["firewalls"] = []

    def before_delete(self, world: World, record: Record) -> None:
        users = rule_collection_groups_using(world, record.id)
        if users:
            raise ArmError(
                400,
                "IpGroupInUse",
                f"IP group {record.name} is referenced by rule collection group {users[0].id} "
                "and cannot be deleted.",
            )


TYPES = [TypeEntry(network_type(IP_GROUP, "IpGroup", 10, patch_model=TAGS_PATCH), IpGroupHooks())]
