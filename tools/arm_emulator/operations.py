"""Long-running operations: their status over time, and the URLs clients poll."""

from __future__ import annotations

import datetime
import time
import uuid
from dataclasses import dataclass
from typing import Any


def _iso(timestamp: float) -> str:
    return (
        datetime.datetime.fromtimestamp(timestamp, datetime.UTC).isoformat().replace("+00:00", "Z")
    )


@dataclass
class Operation:
    id: str
    kind: str  # put | delete | action
    resource_id: str
    namespace: str | None  # None: resource-group operation
    location: str
    api_version: str
    started: float
    deadline: float
    fail: bool
    status: str = "InProgress"
    ended: float | None = None
    error: dict[str, Any] | None = None
    result: Any = None  # what an action's operation result answers

    def retry_after(self, now: float) -> int:
        return max(0, min(10, int(self.deadline - now + 0.999)))

    def status_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "id": self.id,
            "name": self.id,
            "status": self.status,
            "startTime": _iso(self.started),
        }
        if self.ended is not None:
            document["endTime"] = _iso(self.ended)
        if self.error:
            document["error"] = self.error
        return document


class OperationTracker:
    def __init__(self) -> None:
        self._operations: dict[str, Operation] = {}

    def start(
        self,
        *,
        kind: str,
        resource_id: str,
        namespace: str | None,
        location: str,
        api_version: str,
        duration: float,
        fail: bool,
    ) -> Operation:
        now = time.time()
        operation = Operation(
            id=str(uuid.uuid4()),
            kind=kind,
            resource_id=resource_id,
            namespace=namespace,
            location=location,
            api_version=api_version,
            started=now,
            deadline=now + duration,
            fail=fail,
        )
        self._operations[operation.id] = operation
        return operation

    def get(self, operation_id: str) -> Operation | None:
        return self._operations.get(operation_id.lower())

    def due(self, now: float) -> list[Operation]:
        return sorted(
            (
                o
                for o in self._operations.values()
                if o.status == "InProgress" and o.deadline <= now
            ),
            key=lambda o: o.deadline,
        )

    def clear(self) -> None:
        self._operations.clear()
