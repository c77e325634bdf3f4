"""The per-type extension points; the generic request path calls them, types override what they
need. A provider module pairs each `ResourceType` with its hooks in a `TypeEntry`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    hooks: dict[str, TypeHooks] = field(default_factory=dict)  # by lower-case type name
    subscription: str = ""

    def hooks_of(self, rtype: ResourceType) -> TypeHooks:
        return self.hooks.get(rtype.key) or _DEFAULT_HOOKS


@dataclass
class WriteContext:
    world: World
    rtype: ResourceType
    resource_id: str
    body: dict[str, Any]  # validated request body, read-only members removed; hooks add derived
    existing: Record | None
    parent: Record | None
    inline_siblings: list[dict[str, Any]] | None = None  # set when written in the parent's body
    is_patch: bool = False  # a PATCH: body is the existing resource with the changes merged in
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.resource_id.rsplit("/", 1)[1]

    @property
    def properties(self) -> dict[str, Any]:
        return self.body.setdefault("properties", {})

    def keep_guid(self, member: str = "resourceGuid") -> None:
        """Set `properties.<member>`: the value the resource already has, else a stable one."""
        previous = self.existing.properties.get(member) if self.existing else None
        self.properties[member] = previous or stable_guid(self.resource_id, member)


@dataclass
class ActionResult:
    """What a POST action answers: a status and an optional JSON document. `long_running`
    answers 202 with the type's operation headers and finishes like a PUT's operation."""

    status: int = 200
    body: Any = None
    long_running: bool = False


# A POST action: (world, the record addressed, the request's JSON body) -> result.
Action = Callable[[World, Record, dict[str, Any]], ActionResult]


class TypeHooks:
    """Default behaviour: nothing beyond the generic ARM semantics."""

    def validate(self, ctx: WriteContext) -> None:
        """Raise ArmError for semantic errors; runs before anything is stored."""

    def derive(self, ctx: WriteContext) -> None:
        """Fill read-only, service-generated members of ctx.body (GUIDs, allocated addresses)."""

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        """Add members computed from other resources (back-references, counts) to a response
        document."""

    def render_expanded(
        self, world: World, record: Record, expand: str, document: dict[str, Any]
    ) -> None:
        """Add what a GET's `$expand=<expand>` asks for (e.g. a VM's `instanceView`)."""

    def before_delete(self, world: World, record: Record) -> None:
        """Raise ArmError when the resource cannot be deleted (for example, in use)."""

    def after_change(self, world: World) -> None:
        """Bring resources that follow from this type up to date after a write or delete."""

    def actions(self) -> dict[str, Action]:
        """POST actions on a resource of this type, by lower-case action name (`listkeys`)."""
        return {}

    def list_at_scope(
        self, world: World, scope_id: str, query: dict[str, str]
    ) -> list[Record] | None:
        """The records a list of this (extension) type at `scope_id` answers, for types whose
        lists reach beyond the scope's own children (role assignments: above and below); None
        for the plain children of the scope."""
        return None

    def check_delete(self, query: dict[str, str]) -> None:
        """Raise ArmError when a DELETE lacks what the type requires of its query (e.g. an ML
        compute's `underlyingResourceAction`)."""

    def soft_delete(self, query: dict[str, str]) -> bool:
        """Whether a DELETE with this query keeps the resource soft-deleted (`store.deleted`),
        blocking its name; False purges (and purges a soft-deleted one of that id)."""
        return False

    def provider_request(
        self,
        world: World,
        method: str,
        segments: tuple[str, ...],
        query: dict[str, str],
        body: dict[str, Any],
    ) -> tuple[int, Any] | None:
        """Answer a subscription-level request of the provider
        (`/subscriptions/{s}/providers/{namespace}/<segments>`) as (status, JSON document), or
        None to leave it to the generic path."""
        return None


_DEFAULT_HOOKS = TypeHooks()


@dataclass(frozen=True)
class TypeEntry:
    """One row of the type table: the type's data and the hooks that carry its rules."""

    rtype: ResourceType
    hooks: TypeHooks = field(default_factory=TypeHooks)
