"""What the emulator knows of a resource type, as plain data (its rules are in its hooks, which
a provider module keeps next to the entry)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LroSpec:
    """Initial response of a long-running PUT or DELETE, as the type's REST spec declares it."""

    create_status: int  # PUT that creates (201 or 202); DELETE uses it too
    update_status: int  # PUT that updates (200 or 202)
    azure_async_operation: bool  # send Azure-AsyncOperation
    location: bool  # send Location


NETWORK_PUT = LroSpec(201, 200, azure_async_operation=True, location=False)
NETWORK_DELETE = LroSpec(202, 202, azure_async_operation=True, location=True)
ACCEPTED_PUT = LroSpec(202, 202, azure_async_operation=True, location=True)
LOCATION_DELETE = LroSpec(202, 202, azure_async_operation=False, location=True)


@dataclass(frozen=True)
class ResourceType:
    name: str  # e.g. "Microsoft.Network/virtualNetworks/subnets"
    api_versions: tuple[str, ...]
    model: str  # "module:Class" of the SDK model that is the schema of a PUT body
    patch_model: str | None = None  # schema of a PATCH body; None = PATCH not supported
    parent: str | None = None  # parent type name; None = lives directly in a resource group
    put_lro: LroSpec | None = None  # None = synchronous PUT (201/200)
    sync_create_status: int = 201  # a synchronous PUT that creates (200 where the spec says so)
    delete_lro: LroSpec | None = None  # None = synchronous DELETE (200/204)
    realistic_seconds: float = (
        0.0  # typical Azure duration of a write, for the realistic latency profile
    )
    location: str = (
        "tracked"  # tracked (required, immutable) | global (must be 'global') | none (child)
    )
    etag: str | None = "weak"  # weak: W/"guid" | plain: "guid" | None: no etag
    inline_property: str | None = (
        None  # member of the parent's "properties" that embeds these children
    )
    list_in_subscription: bool = True
    # An extension resource: lives under any resource, group or the subscription
    # (`{scope}/providers/{namespace}/{type}/{name}`), e.g. role assignments, diagnostic settings.
    extension: bool = False
    conflict_keys: tuple[str, ...] = field(default_factory=tuple)

    @property
    def namespace(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.name.split("/")[1:])

    @property
    def key(self) -> str:
        return self.name.lower()


class TypeRegistry:
    def __init__(self, types: list[ResourceType]) -> None:
        self._types = {t.key: t for t in types}

    def get(self, name: str) -> ResourceType | None:
        return self._types.get(name.lower())

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._types.values())

    def children_of(self, parent: ResourceType) -> list[ResourceType]:
        return [t for t in self._types.values() if t.parent and t.parent.lower() == parent.key]

    def namespaces(self) -> set[str]:
        return {t.namespace.lower() for t in self._types.values()}
