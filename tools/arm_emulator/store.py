"""In-memory resource store keyed by case-insensitive resource id, preserving the id's casing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tools.arm_emulator.type_registry import ResourceType


def parent_id_of(resource_id: str) -> str | None:
    parts = resource_id.split("/")
    if len(parts) < 6:  # a resource group's parent is the subscription
        return None
    if len(parts) >= 9 and parts[-4].lower() == "providers":
        return "/".join(parts[:-4])
    return "/".join(parts[:-2])


def new_etag(style: str | None) -> str | None:
    if style == "weak":
        return f'W/"{uuid.uuid4()}"'
    if style == "plain":
        return str(uuid.uuid4())
    return None


@dataclass
class Record:
    id: str
    rtype: ResourceType
    body: dict[str, Any]  # the document without id/name/type/etag and without embedded children
    etag: str | None = None
    state: str = "Succeeded"
    operation_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # derived values a hook keeps across writes

    @property
    def key(self) -> str:
        return self.id.lower()

    @property
    def name(self) -> str:
        return self.id.rsplit("/", 1)[1]

    @property
    def parent_id(self) -> str | None:
        return parent_id_of(self.id)

    @property
    def properties(self) -> dict[str, Any]:
        return self.body.setdefault("properties", {})

    def touch(self) -> None:
        self.etag = new_etag(self.rtype.etag)


class Store:
    def __init__(self) -> None:
        self._records: dict[str, Record] = {}
        # Soft-deleted resources (key vaults, ML and Log Analytics workspaces), by lower-case id.
        self.deleted: dict[str, Record] = {}

    def get(self, resource_id: str) -> Record | None:
        return self._records.get(resource_id.lower())

    def put(self, record: Record) -> None:
        self._records[record.key] = record

    def __iter__(self) -> Iterator[Record]:
        return iter(list(self._records.values()))

    def clear(self) -> None:
        self._records.clear()
        self.deleted.clear()

    def of_type(self, type_name: str) -> list[Record]:
        key = type_name.lower()
        return [r for r in self._records.values() if r.rtype.key == key]

    def children(self, parent_id: str, type_name: str | None = None) -> list[Record]:
        parent_key = parent_id.lower()
        return [
            r
            for r in self._records.values()
            if (r.parent_id or "").lower() == parent_key
            and (type_name is None or r.rtype.key == type_name.lower())
        ]

    def subtree(self, resource_id: str) -> list[Record]:
        """The record and everything beneath it, deepest first."""
        prefix = resource_id.lower() + "/"
        found = [r for k, r in self._records.items() if k.startswith(prefix)]
        found.sort(key=lambda r: r.id.count("/"), reverse=True)
        root = self.get(resource_id)
        return found + ([root] if root else [])

    def remove(self, resource_id: str) -> list[Record]:
        removed = self.subtree(resource_id)
        for record in removed:
            self._records.pop(record.key, None)
        return removed

    def ancestors(self, resource_id: str) -> list[Record]:
        found: list[Record] = []
        current = parent_id_of(resource_id)
        while current:
            record = self.get(current)
            if record:
                found.append(record)
            current = parent_id_of(current)
        return found
