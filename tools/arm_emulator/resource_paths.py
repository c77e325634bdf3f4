"""Parsing of ARM request paths into the kind of endpoint they address."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourcePath:
    """A resource (len(names) == len(types)) or a collection (one name fewer) under a resource
    group."""

    subscription: str
    resource_group: str | None  # None for resource groups themselves
    namespace: str
    types: tuple[str, ...]
    names: tuple[str, ...]
    # Extension resources (`{scope}/providers/Microsoft.Insights/diagnosticSettings/{name}`): the
    # id of the resource (or subscription) they extend; None when they live in a group.
    scope: str | None = None

    @property
    def is_collection(self) -> bool:
        return len(self.names) < len(self.types)

    @property
    def type_name(self) -> str:
        return "/".join((self.namespace, *self.types))


@dataclass(frozen=True)
class ProviderListPath:
    subscription: str
    namespace: str
    type: str


@dataclass(frozen=True)
class ProviderPath:
    """Any other `/subscriptions/{s}/providers/{namespace}/...` path (a provider's own
    subscription-level endpoints, e.g. Key Vault's `locations/{l}/deletedVaults/{n}/purge`)."""

    subscription: str
    namespace: str
    segments: tuple[str, ...]


@dataclass(frozen=True)
class OperationPath:
    subscription: str
    namespace: (
        str | None
    )  # None for resource-group operations (/subscriptions/{s}/operationresults/{id})
    operation_id: str
    is_result: bool  # Location (operationResults) rather than Azure-AsyncOperation (operations)


@dataclass(frozen=True)
class SubscriptionPath:
    subscription: str


@dataclass(frozen=True)
class GroupResourcesPath:
    """/subscriptions/{s}/resourceGroups/{rg}/resources: everything the group holds."""

    subscription: str
    resource_group: str


ArmPath = (
    ResourcePath
    | ProviderListPath
    | ProviderPath
    | OperationPath
    | SubscriptionPath
    | GroupResourcesPath
)


def parse_arm_path(path: str) -> ArmPath | None:
    parts = [p for p in path.split("/") if p]
    low = [p.lower() for p in parts]
    if len(parts) < 2 or low[0] != "subscriptions":
        return None
    sub = parts[1]
    rest, rest_low = parts[2:], low[2:]
    if not rest:
        return SubscriptionPath(sub)
    if rest_low[0] == "resourcegroups":
        if len(rest) <= 2:
            return ResourcePath(
                sub, None, "Microsoft.Resources", ("resourceGroups",), tuple(rest[1:2])
            )
        rg = rest[1]
        tail = rest[2:]
        if [t.lower() for t in tail] == ["resources"]:
            return GroupResourcesPath(sub, rg)
        if len(tail) < 3 or tail[0].lower() != "providers":
            return None
        namespace, pairs = tail[1], tail[2:]
        scope = None
        extension = [i for i in range(2, len(pairs) - 1, 2) if pairs[i].lower() == "providers"]
        if extension:
            at = extension[-1]
            scope = "/".join(
                (f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}", *pairs[:at])
            )
            namespace, pairs = pairs[at + 1], pairs[at + 2 :]
            if not pairs:
                return None
        return ResourcePath(sub, rg, namespace, tuple(pairs[0::2]), tuple(pairs[1::2]), scope)
    if rest_low[0] == "operationresults" and len(rest) == 2:
        return OperationPath(sub, None, rest[1], is_result=True)
    if rest_low[0] == "providers" and len(rest) == 3:
        return ProviderListPath(sub, rest[1], rest[2])
    if rest_low[0] == "providers" and len(rest) >= 4 and rest_low[2] != "locations":
        pairs = rest[2:]
        return ResourcePath(
            sub, None, rest[1], tuple(pairs[0::2]), tuple(pairs[1::2]), f"/subscriptions/{sub}"
        )
    if rest_low[0] == "providers" and len(rest) == 6 and rest_low[2] == "locations":
        kind = rest_low[4]
        if kind in ("operations", "operationresults", "operationstatuses", "asyncoperations"):
            return OperationPath(sub, rest[1], rest[5], is_result=kind == "operationresults")
    if rest_low[0] == "providers" and len(rest) >= 4:
        return ProviderPath(sub, rest[1], tuple(rest[2:]))
    return None
