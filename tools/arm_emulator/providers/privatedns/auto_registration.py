"""Private DNS auto-registration: A records for VMs in VNets linked with registrationEnabled."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.hooks_base import World
from tools.arm_emulator.references import ref_id
from tools.arm_emulator.store import Record, parent_id_of
from tools.arm_emulator.type_names import PRIVATE_DNS_A, VIRTUAL_MACHINE, VIRTUAL_NETWORK_LINK

_AUTO_TTL = 10


def _vm_addresses(world: World) -> list[tuple[str, str, str]]:
    """(vnet id, host name, private IP) of the primary ip configuration of every VM."""
    found: list[tuple[str, str, str]] = []
    for vm in world.store.of_type(VIRTUAL_MACHINE):
        properties = vm.properties
        host = (properties.get("osProfile") or {}).get("computerName") or vm.name
        for reference in (properties.get("networkProfile") or {}).get("networkInterfaces") or []:
            nic = world.store.get(ref_id(reference) or "")
            if nic is None:
                continue
            configurations = nic.properties.get("ipConfigurations") or []
            primary = next(
                (c for c in configurations if (c.get("properties") or {}).get("primary")), None
            )
            primary = primary or (configurations[0] if configurations else None)
            if primary is None:
                continue
            config = primary.get("properties") or {}
            subnet_id, address = ref_id(config.get("subnet")), config.get("privateIPAddress")
            if subnet_id and address:
                found.append((parent_id_of(subnet_id) or "", host, address))
            break
    return found


def sync_auto_registration(world: World) -> None:
    zones_by_vnet: dict[str, Record] = {}
    for link in world.store.of_type(VIRTUAL_NETWORK_LINK):
        vnet_id = ref_id(link.properties.get("virtualNetwork"))
        zone = world.store.get(link.parent_id or "")
        if link.properties.get("registrationEnabled") and vnet_id and zone:
            zones_by_vnet[vnet_id.lower()] = zone
    wanted: dict[str, tuple[Record, str, str]] = {}
    for vnet_id, host, address in _vm_addresses(world):
        zone = zones_by_vnet.get(vnet_id.lower())
        if zone is not None:
            wanted[f"{zone.id}/A/{host}".lower()] = (zone, host, address)
    rtype = world.registry.get(PRIVATE_DNS_A)
    assert rtype is not None
    for record in world.store.of_type(PRIVATE_DNS_A):
        if record.extra.get("auto_registered") and record.key not in wanted:
            world.store.remove(record.id)
    for key, (zone, host, address) in wanted.items():
        current = world.store.get(key)
        if current is not None and not current.extra.get("auto_registered"):
            continue  # a record the user created is never overwritten
        body: dict[str, Any] = {
            "properties": {
                "ttl": _AUTO_TTL,
                "aRecords": [{"ipv4Address": address}],
                "fqdn": f"{host}.{zone.name}.",
                "isAutoRegistered": True,
            }
        }
        if current is not None and current.body == body:
            continue
        record = Record(current.id if current else f"{zone.id}/A/{host}", rtype, body)
        record.extra["auto_registered"] = True
        record.touch()
        world.store.put(record)
