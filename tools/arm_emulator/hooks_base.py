"""The per-type extension points; the generic request path calls them, types override what they
need."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tools.arm_emulator.store import Record, Store
    from tools.arm_emulator.type_registry import ResourceType, TypeRegistry


def stable_guid(resource_id: str, purpose: str) -> str:
    """A GUID the service would assign, derived from the resource id so that two runs that build
    the same resources end in equal state dumps."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{purpose}:{resource_id.lower()}"))


@dataclass
class World:
    """What hooks may look at and change besides the resource being written."""

    store: Store
    registry: TypeRegistry
    tenant: str


@dataclass
class WriteContext:
    world: World
    rtype: ResourceType
    resource_id: str
    body: dict[
        str, Any
    ]  # validated request body, read-only members removed; hooks add derived ones
    existing: Record | None
    parent: Record | None
    inline_siblings: list[dict[str, Any]] | None = (
        None  # set when written as part of the parent's body
    )
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.resource_id.rsplit("/", 1)[1]

    @property
    def properties(self) -> dict[str, Any]:
        return self.body.setdefault("properties", {})


class TypeHooks:
    """Default behaviour: nothing beyond the generic ARM semantics."""

    def validate(self, ctx: WriteContext) -> None:
        """Raise ArmError for semantic errors; runs before anything is stored."""

    def derive(self, ctx: WriteContext) -> None:
        """Fill read-only, service-generated members of ctx.body (GUIDs, allocated addresses)."""

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        """Add members computed from other resources (back-references, counts) to a response
        document."""

    def before_delete(self, world: World, record: Record) -> None:
        """Raise ArmError when the resource cannot be deleted (for example, in use)."""

    def after_change(self, world: World) -> None:
        """Bring resources that follow from this type up to date after a write or delete."""
