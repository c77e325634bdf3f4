"""Look-ups of resources that refer to each other (associations and back-references)."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import invalid_reference
from tools.arm_emulator.hooks_base import World
from tools.arm_emulator.store import Record


def ref_id(value: Any) -> str | None:
    """The id of a `{"id": ...}` sub-resource reference, if any."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return None


def require_reference(
    world: World, value: Any, type_name: str, referencing_id: str
) -> Record | None:
    """Resolve an optional reference; raise ARM's InvalidResourceReference when it points
    nowhere."""
    target = ref_id(value)
    if target is None:
        return None
    record = world.store.get(target)
    if record is None or record.rtype.key != type_name.lower():
        raise invalid_reference(target, referencing_id)
    return record


def same_id(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()


def nic_ip_configurations(world: World) -> list[tuple[Record, dict[str, Any]]]:
    """(NIC record, ipConfiguration item) for every ip configuration of every NIC."""
    found: list[tuple[Record, dict[str, Any]]] = []
    for nic in world.store.of_type("Microsoft.Network/networkInterfaces"):
        for item in nic.properties.get("ipConfigurations") or []:
            found.append((nic, item))
    return found


def ip_configuration_id(nic: Record, item: dict[str, Any]) -> str:
    return f"{nic.id}/ipConfigurations/{item.get('name', 'ipconfig1')}"


def subnet_users(world: World, subnet_id: str) -> list[str]:
    return [
        ip_configuration_id(nic, item)
        for nic, item in nic_ip_configurations(world)
        if same_id(ref_id((item.get("properties") or {}).get("subnet")), subnet_id)
    ]


def records_referring(world: World, type_name: str, member: str, target_id: str) -> list[Record]:
    """Records of a type whose `properties.<member>` references target_id."""
    return [
        r
        for r in world.store.of_type(type_name)
        if same_id(ref_id(r.properties.get(member)), target_id)
    ]
