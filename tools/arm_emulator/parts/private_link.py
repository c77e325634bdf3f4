"""The private-link target part: a type that private endpoints can connect to gets a
`privateEndpointConnections` child collection, shown in its `properties`.

A connection is made by the private endpoint (`connect`): `Approved` when the endpoint asked
automatically (and may approve), `Pending` for a manual request. The target's owner approves or
rejects with a PUT of `properties.privateLinkServiceConnectionState` on the connection, as ARM does;
a rejected connection stays rejected. Deleting the connection (or the endpoint) removes it.

A provider includes it with
`connection_entry(target_type, "azure.mgmt.<pkg>.models:PrivateEndpointConnection")` next to the
target's own entry, and derives the target's hooks from `PrivateLinkTargetHooks`.
"""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.references import ref_id, same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_registry import LroSpec, ResourceType

CONNECTIONS = "privateEndpointConnections"
PENDING, APPROVED, REJECTED = "Pending", "Approved", "Rejected"
_STATE = "privateLinkServiceConnectionState"
# The states an owner may move a connection to, from each state.
_ALLOWED = {
    PENDING: {PENDING, APPROVED, REJECTED},
    APPROVED: {APPROVED, REJECTED},
    REJECTED: {REJECTED},
}


def connection_type_name(target: ResourceType) -> str:
    return f"{target.name}/{CONNECTIONS}"


def connection_entry(
    target: ResourceType,
    model: str,
    *,
    put_lro: LroSpec | None = None,
    delete_lro: LroSpec | None = None,
) -> TypeEntry:
    """The connection collection of `target`: same api-version, the provider's connection model
    (whose `properties.privateLinkServiceConnectionState` is what an owner changes)."""
    return TypeEntry(
        ResourceType(
            name=connection_type_name(target),
            api_versions=target.api_versions,
            model=model,
            parent=target.name,
            put_lro=put_lro,
            delete_lro=delete_lro,
            location="none",
            etag=target.etag,
            list_in_subscription=False,
        ),
        PrivateEndpointConnectionHooks(),
    )


def connect(
    world: World,
    target: Record,
    name: str,
    private_endpoint_id: str,
    group_ids: list[str],
    *,
    manual: bool,
    message: str = "",
) -> Record:
    """Create (or refresh) the connection a private endpoint makes to `target`."""
    rtype = world.registry.get(connection_type_name(target.rtype))
    if rtype is None:
        raise ArmError(
            400,
            "PrivateLinkServiceNotSupported",
            f"Resource {target.id} does not accept private endpoint connections.",
        )
    connection_id = f"{target.id}/{CONNECTIONS}/{name}"
    existing = world.store.get(connection_id)
    status = (
        existing.properties[_STATE]["status"] if existing else (PENDING if manual else APPROVED)
    )
    description = message if manual else "Auto-Approved"
    record = Record(
        existing.id if existing else connection_id,
        rtype,
        {
            "properties": {
                "privateEndpoint": {"id": private_endpoint_id},
                "groupIds": list(group_ids),
                _STATE: {
                    "status": status,
                    "description": description,
                    "actionsRequired": "None",
                },
            }
        },
    )
    record.touch()
    world.store.put(record)
    target.touch()
    return record


def connections_of_endpoint(world: World, private_endpoint_id: str) -> list[Record]:
    """Every connection, on any target, that the private endpoint made."""
    return [
        record
        for record in world.store
        if record.rtype.segments[-1] == CONNECTIONS
        and same_id(ref_id(record.properties.get("privateEndpoint")), private_endpoint_id)
    ]


def disconnect(world: World, private_endpoint_id: str) -> None:
    """The endpoint is gone: its connections go with it."""
    for record in connections_of_endpoint(world, private_endpoint_id):
        world.store.remove(record.id)


def status_of(record: Record) -> str:
    return str(record.properties[_STATE]["status"])


def has_approved_connection(world: World, target: Record) -> bool:
    """Whether a private endpoint of `target` is approved (reachable over the VNet)."""
    return any(
        status_of(record) == APPROVED
        for record in world.store.children(target.id)
        if record.rtype.segments[-1] == CONNECTIONS
    )


class PrivateEndpointConnectionHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        if ctx.existing is None:
            raise ArmError(
                404,
                "PrivateEndpointConnectionNotFound",
                f"Private endpoint connection '{ctx.name}' does not exist; connections are made "
                "by creating a private endpoint.",
            )
        wanted = (ctx.properties.get(_STATE) or {}).get("status")
        if wanted is None:
            raise ArmError(
                400,
                "InvalidRequestFormat",
                f"properties.{_STATE}.status is required.",
                target=f"properties.{_STATE}.status",
            )
        current = status_of(ctx.existing)
        canonical = next((s for s in _ALLOWED if s.lower() == str(wanted).lower()), None)
        if canonical is None or canonical not in _ALLOWED.get(current, set()):
            raise ArmError(
                400,
                "InvalidPrivateEndpointConnectionStatusChange",
                f"The status of private endpoint connection '{ctx.name}' cannot change from "
                f"'{current}' to '{wanted}'.",
                target=f"properties.{_STATE}.status",
            )
        ctx.notes["status"] = canonical

    def derive(self, ctx: WriteContext) -> None:
        assert ctx.existing is not None
        previous = ctx.existing.properties
        state = ctx.properties.setdefault(_STATE, {})
        state["status"] = ctx.notes["status"]
        state.setdefault("description", previous[_STATE].get("description", ""))
        state.setdefault("actionsRequired", "None")
        # What the endpoint asked for is not the owner's to change.
        ctx.properties["privateEndpoint"] = previous["privateEndpoint"]
        ctx.properties["groupIds"] = previous.get("groupIds", [])


class PrivateLinkTargetHooks(TypeHooks):
    """Hooks of a private-link target: its connections appear in its `properties`."""

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        document["properties"][CONNECTIONS] = [
            {
                "id": connection.id,
                "name": connection.name,
                "type": connection.rtype.name,
                "properties": {**connection.properties, "provisioningState": connection.state},
            }
            for connection in world.store.children(record.id)
            if connection.rtype.segments[-1] == CONNECTIONS
        ]
