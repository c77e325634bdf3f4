"""Private endpoints and their DNS zone groups.

An endpoint allocates a network interface (`<endpoint>.nic.<guid>`, in the endpoint's group)
with one private IP of its subnet and makes a connection on its target through the
private-link target part: `Approved` for `privateLinkServiceConnections` (same subscription, a
caller with the approval action), `Pending` for `manualPrivateLinkServiceConnections`. A zone
group writes into its zones the A records the target's service registers (record names from
Microsoft's private endpoint DNS pages); removing the zone group or the endpoint removes them,
and removing the endpoint removes its interface and its connection.
"""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext, stable_guid
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.providers.network.address_math import prefixes_of
from tools.arm_emulator.providers.network.common import network_type
from tools.arm_emulator.providers.network.ip_allocation import first_free_private
from tools.arm_emulator.references import nic_ip_configurations, ref_id, same_id
from tools.arm_emulator.store import Record, parent_id_of
from tools.arm_emulator.type_names import (
    APPLICATION_INSIGHTS,
    CONTAINER_REGISTRY,
    KEY_VAULT,
    LOG_ANALYTICS_WORKSPACE,
    ML_WORKSPACE,
    NETWORK_INTERFACE,
    PRIVATE_DNS_A,
    PRIVATE_DNS_ZONE,
    PRIVATE_LINK_SCOPE,
    SCOPED_RESOURCE,
    STORAGE_ACCOUNT,
    SUBNET,
)

PRIVATE_ENDPOINT = "Microsoft.Network/privateEndpoints"
ZONE_GROUP = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"
_RECORD_TTL = 10
_MAX_ZONE_CONFIGS = 5

# The group ids (sub-resources) each private-link target type offers.
GROUP_IDS: dict[str, tuple[str, ...]] = {
    ML_WORKSPACE.lower(): ("amlworkspace",),
    STORAGE_ACCOUNT.lower(): (
        "blob",
        "blob_secondary",
        "file",
        "dfs",
        "dfs_secondary",
        "queue",
        "queue_secondary",
        "table",
        "table_secondary",
        "web",
        "web_secondary",
    ),
    KEY_VAULT.lower(): ("vault",),
    CONTAINER_REGISTRY.lower(): ("registry",),
    PRIVATE_LINK_SCOPE.lower(): ("azuremonitor",),
    "microsoft.sql/servers": ("sqlServer",),
}


def _connection_request(properties: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    automatic = properties.get("privateLinkServiceConnections") or []
    manual = properties.get("manualPrivateLinkServiceConnections") or []
    if len(automatic) + len(manual) != 1:
        raise ArmError(
            400,
            "InvalidRequestFormat",
            "A private endpoint needs exactly one connection, in privateLinkServiceConnections "
            "or in manualPrivateLinkServiceConnections.",
            target="properties.privateLinkServiceConnections",
        )
    return (automatic or manual)[0], bool(manual)


def _target_of(world: World, endpoint: Record) -> tuple[Record | None, str]:
    request, _ = _connection_request(endpoint.properties)
    request_properties = request.get("properties") or {}
    target = world.store.get(str(request_properties.get("privateLinkServiceId") or ""))
    group_ids = request_properties.get("groupIds") or []
    return target, str(group_ids[0]) if group_ids else ""


def _connection_name(endpoint_id: str) -> str:
    return f"{endpoint_id.rsplit('/', 1)[1]}.{stable_guid(endpoint_id, 'connection')}"


def _nic_name(endpoint_id: str) -> str:
    return f"{endpoint_id.rsplit('/', 1)[1]}.nic.{stable_guid(endpoint_id, 'nic')}"


def _nic_id(endpoint_id: str) -> str:
    group_id = endpoint_id.split("/providers/", 1)[0]
    return f"{group_id}/providers/{NETWORK_INTERFACE}/{_nic_name(endpoint_id)}"


def _private_ip(world: World, endpoint_id: str) -> str:
    nic = world.store.get(_nic_id(endpoint_id))
    if nic is None:
        return ""
    configuration = (nic.properties.get("ipConfigurations") or [{}])[0]
    return str((configuration.get("properties") or {}).get("privateIPAddress") or "")


class PrivateEndpointHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        subnet_id = ref_id(ctx.properties.get("subnet"))
        subnet = ctx.world.store.get(subnet_id or "")
        if subnet is None or subnet.rtype.key != SUBNET.lower():
            raise ArmError(
                400,
                "InvalidResourceReference",
                f"Resource {subnet_id} referenced by resource {ctx.resource_id} was not found.",
                target="properties.subnet",
            )
        if subnet.properties.get("delegations"):
            raise ArmError(
                400,
                "PrivateEndpointCreationNotAllowedAsSubnetIsDelegated",
                f"Private endpoint {ctx.resource_id} cannot be created as subnet {subnet.id} is "
                "delegated.",
            )
        if ctx.existing is not None and not same_id(
            ref_id(ctx.existing.properties.get("subnet")), subnet.id
        ):
            raise ArmError(
                400,
                "CannotChangeSubnetOfPrivateEndpoint",
                f"The subnet of private endpoint {ctx.resource_id} cannot change.",
                target="properties.subnet",
            )
        request, _ = _connection_request(ctx.properties)
        request_properties = request.get("properties") or {}
        target_id = str(request_properties.get("privateLinkServiceId") or "")
        target = ctx.world.store.get(target_id)
        if target is None:
            raise ArmError(
                400,
                "PrivateLinkServiceIdNotFound",
                f"Private link service id {target_id} referenced by {ctx.resource_id} was not "
                "found.",
                target="properties.privateLinkServiceConnections[0].properties"
                ".privateLinkServiceId",
            )
        offered = GROUP_IDS.get(target.rtype.key, ())
        group_ids = request_properties.get("groupIds") or []
        unknown = [g for g in group_ids if g.lower() not in {o.lower() for o in offered}]
        if len(group_ids) != 1 or unknown:
            raise ArmError(
                400,
                "PrivateEndpointBadRequest",
                f"Call to {target.rtype.namespace} failed. Error message: group id "
                f"{(unknown or group_ids)!r} is not valid for {target.rtype.name}; it offers "
                f"{', '.join(offered) or 'none'} (one per private endpoint).",
            )
        if ctx.existing is not None:
            previous_target, previous_group = _target_of(ctx.world, ctx.existing)
            if previous_target is not None and (
                not same_id(previous_target.id, target.id)
                or previous_group.lower() != group_ids[0].lower()
            ):
                raise ArmError(
                    400,
                    "CannotChangePrivateLinkServiceConnection",
                    f"The target and group id of private endpoint {ctx.resource_id} cannot "
                    "change; delete it and create another.",
                )

    def derive(self, ctx: WriteContext) -> None:
        ctx.keep_guid()
        ctx.properties.pop("networkInterfaces", None)
        ctx.properties.pop("customDnsConfigs", None)
        for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
            items = ctx.properties.setdefault(key, [])
            for item in items:
                for member in ("id", "etag", "type"):
                    item.pop(member, None)
                (item.get("properties") or {}).pop("privateLinkServiceConnectionState", None)
        ctx.properties.setdefault("ipConfigurations", [])
        ctx.properties.setdefault("customNetworkInterfaceName", "")
        self._connect(ctx)
        self._allocate_nic(ctx)

    @staticmethod
    def _connect(ctx: WriteContext) -> None:
        request, manual = _connection_request(ctx.properties)
        request_properties = request.get("properties") or {}
        target = ctx.world.store.get(str(request_properties["privateLinkServiceId"]))
        assert target is not None
        private_link.connect(
            ctx.world,
            target,
            _connection_name(ctx.resource_id),
            ctx.resource_id,
            list(request_properties.get("groupIds") or []),
            manual=manual,
            message=str(request_properties.get("requestMessage") or ""),
        )

    @staticmethod
    def _allocate_nic(ctx: WriteContext) -> None:
        nic_id = _nic_id(ctx.resource_id)
        if ctx.world.store.get(nic_id) is not None:
            return
        subnet = ctx.world.store.get(ref_id(ctx.properties["subnet"]) or "")
        assert subnet is not None
        used = [
            (item.get("properties") or {}).get("privateIPAddress", "")
            for _, item in nic_ip_configurations(ctx.world)
            if same_id(ref_id((item.get("properties") or {}).get("subnet")), subnet.id)
        ]
        address = first_free_private(prefixes_of(subnet.properties)[0], used, subnet.name)
        rtype = ctx.world.registry.get(NETWORK_INTERFACE)
        assert rtype is not None
        body = {
            "location": ctx.body.get("location"),
            "properties": {
                "ipConfigurations": [
                    {
                        "name": "privateEndpointIpConfig",
                        "properties": {
                            "subnet": {"id": subnet.id},
                            "privateIPAddress": address,
                            "privateIPAllocationMethod": "Dynamic",
                            "privateIPAddressVersion": "IPv4",
                            "primary": True,
                        },
                    }
                ],
                "privateEndpoint": {"id": ctx.resource_id},
                "resourceGuid": stable_guid(nic_id, "resourceGuid"),
            },
        }
        nic = Record(nic_id, rtype, body)
        nic.extra["private_endpoint"] = ctx.resource_id
        nic.touch()
        ctx.world.store.put(nic)

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        properties = document["properties"]
        nic_id = _nic_id(record.id)
        properties["networkInterfaces"] = (
            [{"id": nic_id}] if world.store.get(nic_id) is not None else []
        )
        connections = {
            c.name.lower(): c for c in private_link.connections_of_endpoint(world, record.id)
        }
        connection = connections.get(_connection_name(record.id).lower())
        for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
            for item in properties.get(key) or []:
                item["id"] = f"{record.id}/{key}/{item.get('name')}"
                item["type"] = f"{PRIVATE_ENDPOINT}/{key}"
                item_properties = item.setdefault("properties", {})
                item_properties["provisioningState"] = record.state
                if connection is not None:
                    item_properties["privateLinkServiceConnectionState"] = dict(
                        connection.properties["privateLinkServiceConnectionState"]
                    )
                else:
                    item_properties["privateLinkServiceConnectionState"] = {
                        "status": "Disconnected",
                        "description": "The connection was removed by the target's owner.",
                        "actionsRequired": "None",
                    }
        address = _private_ip(world, record.id)
        target, group = _target_of(world, record)
        properties["customDnsConfigs"] = [
            {"fqdn": fqdn, "ipAddresses": [address]} for fqdn in _public_names(world, target, group)
        ]

    def after_change(self, world: World) -> None:
        sweep(world)


def _public_names(world: World, target: Record | None, group: str) -> list[str]:
    """The public names the target's service resolves through the endpoint (customDnsConfigs)."""
    # A vault's public name is <vault>.vault.azure.net (a CNAME into the vaultcore zone).
    return [
        f"{name}.{zone.removeprefix('privatelink.').replace('vaultcore.', 'vault.', 1)}"
        for zone, name in _registrations(world, target, group)
    ]


def _zone_suffix(group: str, target: Record) -> list[str]:
    """Zone suffixes of the public cloud the service registers in, by group id."""
    group = group.lower()
    if group == "amlworkspace":
        return ["api.azureml.ms", "notebooks.azure.net"]
    if target.rtype.key == STORAGE_ACCOUNT.lower():
        return [f"{group.replace('_secondary', '')}.core.windows.net"]
    return {
        "vault": ["vaultcore.azure.net"],
        "registry": ["azurecr.io"],
        "sqlserver": ["database.windows.net"],
        "azuremonitor": [
            "monitor.azure.com",
            "oms.opinsights.azure.com",
            "ods.opinsights.azure.com",
            "agentsvc.azure-automation.net",
            "blob.core.windows.net",
        ],
    }.get(group.lower(), [])


def _registrations(world: World, target: Record | None, group: str) -> list[tuple[str, str]]:
    """(zone name, record name) of every A record the service of TARGET registers for GROUP."""
    if target is None:
        return []
    group = group.lower()
    name = target.name.lower()
    location = str(target.body.get("location") or "").lower()
    suffixes = _zone_suffix(group, target)
    if group == "amlworkspace":
        guid = str(target.properties.get("workspaceId") or "")
        api, notebooks = (f"privatelink.{s}" for s in suffixes)
        return [
            (api, f"{guid}.workspace.{location}"),
            (api, f"{guid}.workspace.{location}.cert"),
            (api, f"*.{guid}.inference.{location}"),
            (notebooks, f"ml-{name[:33]}-{location}-{guid}.{location}"),
        ]
    if group == "registry":
        zone = f"privatelink.{suffixes[0]}"
        return [(zone, name), (zone, f"{name}.{location}.data")]
    if group == "azuremonitor":
        monitor, oms, ods, agentsvc, blob = (f"privatelink.{s}" for s in suffixes)
        found = [
            (monitor, record_name)
            for record_name in ("api", "global.in.ai", "profiler", "live", "snapshot")
        ]
        for scoped in world.store.children(target.id, SCOPED_RESOURCE):
            linked = world.store.get(str(scoped.properties.get("linkedResourceId") or ""))
            if linked is None:
                continue
            if linked.rtype.key == LOG_ANALYTICS_WORKSPACE.lower():
                customer = str(linked.properties.get("customerId") or "")
                found += [(oms, customer), (ods, customer), (agentsvc, f"{customer}.agentsvc")]
            elif linked.rtype.key == APPLICATION_INSIGHTS.lower():
                found.append((monitor, f"{location}.in.applicationinsights"))
        found.append((blob, "scadvisorcontentpl"))
        return sorted(set(found))
    if group.endswith("_secondary"):
        return [(f"privatelink.{suffixes[0]}", f"{name}-secondary")]
    return [(f"privatelink.{s}", name) for s in suffixes]


class ZoneGroupHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        configs = ctx.properties.get("privateDnsZoneConfigs") or []
        if len(configs) > _MAX_ZONE_CONFIGS:
            raise ArmError(
                400,
                "PrivateDnsZoneGroupHasTooManyZoneConfigs",
                f"A private DNS zone group can hold at most {_MAX_ZONE_CONFIGS} zone configs.",
                target="properties.privateDnsZoneConfigs",
            )
        zones: set[str] = set()
        for index, config in enumerate(configs):
            zone_id = str((config.get("properties") or {}).get("privateDnsZoneId") or "")
            zone = ctx.world.store.get(zone_id)
            if zone is None or zone.rtype.key != PRIVATE_DNS_ZONE.lower():
                raise ArmError(
                    400,
                    "InvalidPrivateDnsZoneIds",
                    f"Private DNS zone {zone_id} referenced by {ctx.resource_id} was not found.",
                    target=f"properties.privateDnsZoneConfigs[{index}].properties.privateDnsZoneId",
                )
            if zone.name.lower() in zones:
                raise ArmError(
                    400,
                    "DuplicatePrivateDnsZoneIds",
                    f"Private DNS zone {zone.name} appears twice in {ctx.resource_id}.",
                )
            zones.add(zone.name.lower())

    def derive(self, ctx: WriteContext) -> None:
        for config in ctx.properties.get("privateDnsZoneConfigs") or []:
            config.setdefault("name", config.get("name") or "default")
            config.setdefault("properties", {}).pop("recordSets", None)

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        owned = [r for r in world.store.of_type(PRIVATE_DNS_A) if _owner(r) == record.key]
        for config in document["properties"].get("privateDnsZoneConfigs") or []:
            zone_id = str((config.get("properties") or {}).get("privateDnsZoneId") or "").lower()
            config["properties"]["recordSets"] = [
                {
                    "recordType": "A",
                    "recordSetName": r.name,
                    "fqdn": r.properties.get("fqdn", "").rstrip("."),
                    "ttl": r.properties.get("ttl"),
                    "ipAddresses": [a["ipv4Address"] for a in r.properties.get("aRecords", [])],
                    "provisioningState": "Succeeded",
                }
                for r in owned
                if (parent_id_of(r.id) or "").lower() == zone_id
            ]

    def after_change(self, world: World) -> None:
        sweep(world)


def _owner(record: Record) -> str:
    return str(record.extra.get("private_endpoint_zone_group") or "")


def sweep(world: World) -> None:
    """Bring everything that follows from endpoints and zone groups up to date: interfaces and
    connections of removed endpoints go, each zone group's records are exactly what its
    endpoint's service registers in its zones."""
    endpoints = {e.key: e for e in world.store.of_type(PRIVATE_ENDPOINT)}
    for nic in world.store.of_type(NETWORK_INTERFACE):
        owner = nic.extra.get("private_endpoint")
        if owner and owner.lower() not in endpoints:
            world.store.remove(nic.id)
    for record in list(world.store):
        if record.rtype.segments[-1] != private_link.CONNECTIONS:
            continue
        endpoint_id = ref_id(record.properties.get("privateEndpoint")) or ""
        if endpoint_id.lower() not in endpoints and world.registry.get(PRIVATE_ENDPOINT):
            world.store.remove(record.id)
    wanted: dict[str, tuple[Record, str, str, str]] = {}
    for group in world.store.of_type(ZONE_GROUP):
        endpoint = endpoints.get((group.parent_id or "").lower())
        if endpoint is None:
            continue
        address = _private_ip(world, endpoint.id)
        target, group_id = _target_of(world, endpoint)
        linked = [
            world.store.get(str((c.get("properties") or {}).get("privateDnsZoneId") or ""))
            for c in group.properties.get("privateDnsZoneConfigs") or []
        ]
        zones = {z.name.lower(): z for z in linked if z is not None}
        for zone_name, record_name in _registrations(world, target, group_id):
            zone = zones.get(zone_name)
            if zone is not None and address:
                wanted[f"{zone.id}/A/{record_name}".lower()] = (
                    zone,
                    record_name,
                    address,
                    group.key,
                )
    for record in world.store.of_type(PRIVATE_DNS_A):
        if _owner(record) and record.key not in wanted:
            world.store.remove(record.id)
    rtype = world.registry.get(PRIVATE_DNS_A)
    assert rtype is not None
    for key, (zone, record_name, address, owner) in wanted.items():
        current = world.store.get(key)
        if current is not None and _owner(current) != owner:
            continue  # a record of the user's or of another endpoint is never overwritten
        body = {
            "properties": {
                "ttl": _RECORD_TTL,
                "aRecords": [{"ipv4Address": address}],
                "fqdn": f"{record_name}.{zone.name}.",
                "isAutoRegistered": False,
            }
        }
        if current is not None and current.body == body and _owner(current) == owner:
            continue
        record = Record(current.id if current else f"{zone.id}/A/{record_name}", rtype, body)
        record.extra["private_endpoint_zone_group"] = owner
        record.touch()
        world.store.put(record)


TYPES = [
    TypeEntry(network_type(PRIVATE_ENDPOINT, "PrivateEndpoint", 60), PrivateEndpointHooks()),
    TypeEntry(
        network_type(
            ZONE_GROUP,
            "PrivateDnsZoneGroup",
            10,
            parent=PRIVATE_ENDPOINT,
            location="none",
            list_in_subscription=False,
        ),
        ZoneGroupHooks(),
    ),
]
