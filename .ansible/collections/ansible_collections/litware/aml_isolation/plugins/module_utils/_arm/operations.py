# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Handles of started long-running operations, and joining many of them at once.

A module run with `wait: false` returns a handle (ArmClient.start):
`id`, `api_version`, `method` (None when nothing was started), `status_url`
(Azure-AsyncOperation) and `location_url` (Location); a handle of nothing started carries the
`resource` the module read, so that joining it sends no request. Joining polls every pending
handle in one loop, as ARM says per handle: the Azure-AsyncOperation status, else the Location
URL (202 while running), else the resource's provisioningState; then GETs each final resource.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    from_response,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    parse_resource_id,
)

SUCCEEDED = "succeeded"
FAILED = frozenset({"failed", "canceled", "cancelled"})
WRITE_METHODS = ("PUT", "PATCH", "DELETE", "POST")
# Never poll faster than this, even when ARM says Retry-After: 0.
MIN_POLL_SECONDS = 0.25


@dataclass(frozen=True)
class Operation:
    """One started operation, from the handle a module returned."""

    resource_id: str
    api_version: str
    method: str | None
    status_url: str | None = None
    location_url: str | None = None
    resource: Mapping | None = None  # what a module read when it started nothing

    @classmethod
    def from_handle(cls, handle: Any, index: int) -> Operation:
        where = f"operations[{index}]"
        if not isinstance(handle, Mapping):
            raise invalid_option(where, "must be the operation a module returned with wait=false")
        for key in ("id", "api_version"):
            if not handle.get(key):
                raise invalid_option(f"{where}.{key}", "missing")
        parse_resource_id(str(handle["id"]), f"{where}.id")
        method = handle.get("method")
        if method is not None and str(method).upper() not in WRITE_METHODS:
            raise invalid_option(f"{where}.method", f"unknown method {method!r}")
        return cls(
            resource_id=str(handle["id"]),
            api_version=str(handle["api_version"]),
            method=str(method).upper() if method else None,
            status_url=handle.get("status_url") or None,
            location_url=handle.get("location_url") or None,
            resource=handle["resource"] if isinstance(handle.get("resource"), Mapping) else None,
        )

    def describe(self) -> str:
        return f"{self.method or 'GET'} {self.resource_id}"


@dataclass
class Outcome:
    """How one joined operation ended: the final resource, or the ARM error."""

    operation: Operation
    resource: dict | None = None
    error: ArmError | None = None

    def summary(self) -> dict:
        result: dict = {"id": self.operation.resource_id, "method": self.operation.method}
        if self.error is None:
            result["status"] = "Succeeded"
        else:
            result["status"] = "Failed"
            result["error"] = self.error.to_fail_kwargs()["error"]
            result["msg"] = self.error.summary()
        return result


def _retry_after(headers: Mapping[str, str]) -> float | None:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            try:
                return max(float(value), 0.0)
            except ValueError:
                return None
    return None


def _failure(operation: Operation, status: int, headers: Mapping, text: str) -> ArmError:
    error = from_response(status, headers, text, "the operation failed")
    error.message = f"{operation.describe()} failed: {error.message}"
    error.code = error.code or "OperationFailed"
    return error


def _status_of(text: str) -> str:
    try:
        body = json.loads(text) if text else {}
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    status = body.get("status") or (body.get("properties") or {}).get("provisioningState")
    return str(status or "").lower()


def poll_once(client: Any, operation: Operation) -> tuple:
    """(done, seconds ARM asked to wait); raises the operation's ArmError when it failed."""
    if operation.method is None:
        return True, None
    if operation.status_url:
        status, headers, text = client.get_url(operation.status_url)
        if status not in (200, 201, 202):
            raise _failure(operation, status, headers, text)
        state = _status_of(text)
        if state in FAILED:
            raise _failure(operation, status, headers, text)
        return state == SUCCEEDED, _retry_after(headers)
    if operation.location_url:
        status, headers, text = client.get_url(operation.location_url)
        if status == 202:
            return False, _retry_after(headers)
        if status in (200, 201, 204) or (status == 404 and operation.method == "DELETE"):
            return True, None
        raise _failure(operation, status, headers, text)
    current = client.get(operation.resource_id, operation.api_version)
    if operation.method == "DELETE":
        return current is None, None
    state = str(((current or {}).get("properties") or {}).get("provisioningState") or "")
    if state.lower() in FAILED:
        raise _failure(operation, 200, {}, json.dumps({"status": state}))
    return state.lower() in ("", SUCCEEDED), None


def final_resource(client: Any, operation: Operation) -> dict:
    if operation.method == "DELETE":
        return {}
    if operation.method is None and operation.resource is not None:
        return dict(operation.resource)
    return client.get(operation.resource_id, operation.api_version) or {}


def join(
    client: Any,
    operations: Sequence[Operation],
    timeout: float,
    poll_interval: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> list:
    """Poll every operation until each has ended or the deadline passed; one Outcome each."""
    outcomes = [Outcome(operation) for operation in operations]
    pending = list(outcomes)
    deadline = clock() + timeout
    while pending:
        waits = []
        for outcome in list(pending):
            try:
                done, retry_after = poll_once(client, outcome.operation)
                if done:
                    outcome.resource = final_resource(client, outcome.operation)
            except ArmError as err:
                outcome.error, done = err, True
            if done:
                pending.remove(outcome)
            else:
                waits.append(poll_interval if retry_after is None else retry_after)
        if not pending:
            break
        remaining = deadline - clock()
        if remaining <= 0:
            for outcome in pending:
                outcome.error = ArmError(
                    f"{outcome.operation.describe()} did not finish within {timeout} seconds "
                    "(raise the timeout option to wait longer)",
                    code="OperationTimedOut",
                )
            break
        sleep(max(min(*waits, poll_interval, remaining), MIN_POLL_SECONDS))
    return outcomes
