"""State shared by all ARM handlers, and the lookups every handler needs (type, parents, ids)."""

from __future__ import annotations

import copy
import threading
from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, World
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.operations import Operation, OperationTracker
from tools.arm_emulator.resource_paths import ResourcePath
from tools.arm_emulator.store import Record, Store
from tools.arm_emulator.type_names import RESOURCE_GROUP
from tools.arm_emulator.type_registry import ResourceType, TypeRegistry


class ArmState:
    def __init__(
        self,
        base_url: str,
        subscription_id: str,
        tenant: str,
        entries: list[TypeEntry],
        knobs: Knobs,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.subscription_id = subscription_id
        registry = TypeRegistry([entry.rtype for entry in entries])
        hooks = {entry.rtype.key: entry.hooks for entry in entries}
        self.world = World(Store(), registry, tenant, hooks, self.subscription_id)
        self.operations = OperationTracker()
        self.knobs = knobs
        self.lock = threading.RLock()

    @property
    def store(self) -> Store:
        return self.world.store

    @property
    def registry(self) -> TypeRegistry:
        return self.world.registry

    def check_subscription(self, subscription: str) -> None:
        if subscription.lower() != self.subscription_id:
            raise ArmError(
                404,
                "SubscriptionNotFound",
                f"The subscription '{subscription}' could not be found.",
            )

    def resolve_type(
        self, type_name: str, api_version: str | None, location: str = ""
    ) -> ResourceType:
        if not api_version:
            raise ArmError(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            )
        rtype = self.registry.get(type_name)
        namespace, _, short_type = type_name.partition("/")
        if rtype is None:
            if namespace.lower() not in self.registry.namespaces():
                raise ArmError(
                    400,
                    "InvalidResourceNamespace",
                    f"The resource namespace '{namespace}' is invalid.",
                )
            raise ArmError(
                400,
                "InvalidResourceType",
                f"The resource type '{short_type}' could not be found in the namespace "
                f"'{namespace}' "
                f"for api version '{api_version}'.",
            )
        if api_version.lower() not in (v.lower() for v in rtype.api_versions):
            supported = ", ".join(rtype.api_versions)
            if rtype.name == RESOURCE_GROUP:
                raise ArmError(
                    400,
                    "InvalidApiVersionParameter",
                    f"The api-version '{api_version}' is invalid. The supported versions are "
                    f"'{supported}'.",
                )
            raise ArmError(
                400,
                "NoRegisteredProviderFound",
                f"No registered resource provider found for location '{location}' and API version "
                f"'{api_version}' for type '{short_type}'. The supported api-versions are "
                f"'{supported}'.",
            )
        return rtype

    def resource_group_id(self, name: str) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{name}"

    def require_group(self, name: str) -> Record:
        group = self.store.get(self.resource_group_id(name))
        if group is None:
            raise ArmError(
                404, "ResourceGroupNotFound", f"Resource group '{name}' could not be found."
            )
        return group

    def require_parent(self, path: ResourcePath) -> Record | None:
        """The record the addressed resource (or collection) lives in; None for resource groups
        and for extension resources of the subscription."""
        if path.scope is not None:
            rtype = self.registry.get(path.type_name)
            if rtype is None or not rtype.extension:
                raise ArmError(
                    400,
                    "InvalidResourceType",
                    f"The resource type '{path.type_name}' cannot be addressed under "
                    f"'{path.scope}'.",
                )
            if path.resource_group is None:
                return None
            scope = self.store.get(path.scope)
            if scope is None:
                raise ArmError(
                    404, "ResourceNotFound", f"The Resource '{path.scope}' was not found."
                )
            return scope
        if path.resource_group is None:
            return None
        parent = self.require_group(path.resource_group)
        depth = len(path.names) if path.is_collection else len(path.names) - 1
        for index in range(depth):
            prefix = f"/providers/{path.namespace}" if index == 0 else ""
            candidate = f"{parent.id}{prefix}/{path.types[index]}/{path.names[index]}"
            found = self.store.get(candidate)
            if (
                found is None
                or found.rtype.key != "/".join((path.namespace, *path.types[: index + 1])).lower()
            ):
                raise ArmError(
                    404,
                    "ParentResourceNotFound",
                    f"Can not perform requested operation on nested resource. Parent resource "
                    f"'{'/'.join(path.names[: index + 1])}' not found.",
                )
            parent = found
        return parent

    def canonical_id(self, rtype: ResourceType, parent: Record | None, name: str) -> str:
        segment = rtype.segments[-1]
        if rtype.extension:
            scope = parent.id if parent else f"/subscriptions/{self.subscription_id}"
            return f"{scope}/providers/{rtype.namespace}/{segment}/{name}"
        if parent is None:
            return self.resource_group_id(name)
        if parent.rtype.name == RESOURCE_GROUP:
            return f"{parent.id}/providers/{rtype.namespace}/{segment}/{name}"
        return f"{parent.id}/{segment}/{name}"

    def render(self, record: Record) -> dict[str, Any]:
        document: dict[str, Any] = {"id": record.id, "name": record.name, "type": record.rtype.name}
        if record.etag:
            document["etag"] = record.etag
        document.update(copy.deepcopy(record.body))
        properties = document.setdefault("properties", {})
        properties["provisioningState"] = record.state
        for child_type in self.registry.children_of(record.rtype):
            if child_type.inline_property:
                children = self.store.children(record.id, child_type.name)
                properties[child_type.inline_property] = [self.render(c) for c in children]
        self.world.hooks_of(record.rtype).render(self.world, record, document)
        return document

    def operation_urls(self, operation: Operation) -> tuple[str, str]:
        """(Azure-AsyncOperation URL, Location URL) of an operation."""
        query = f"?api-version={operation.api_version}"
        if operation.namespace is None:
            subscription = f"{self.base_url}/subscriptions/{self.subscription_id}"
            result = f"{subscription}/operationresults/{operation.id}{query}"
            return result, result
        base = (
            f"{self.base_url}/subscriptions/{self.subscription_id}/providers/{operation.namespace}"
            f"/locations/{operation.location}"
        )
        return (
            f"{base}/operations/{operation.id}{query}",
            f"{base}/operationResults/{operation.id}{query}",
        )
