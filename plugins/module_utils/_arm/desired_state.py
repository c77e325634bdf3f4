# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desired-state engine every writing module runs on.

Given a resource id, its api-version, a desired body and the rules to compare it with, it
reads the current resource, decides create / update / delete / nothing, honours check mode,
builds a diff of what is managed, writes, and follows the long-running operation (or, with
`wait: false`, returns its handle for a later join with `arm_operation_wait`).

    rules = Rules(Comparator(type_key, list_modes={"properties.securityRules": UNORDERED}))
    engine = DesiredState(module, resource_id, api_version, rules)
    result = engine.ensure(module.params["state"], desired_body)
    # result: changed, diff, resource, id, api_version[, changed_properties][, operation]

Typed modules do not call it directly: see typed.py.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Mapping

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    ResourceId,
)

PUT = "PUT"
PATCH = "PATCH"


@dataclass(frozen=True)
class Rules:
    """How one kind of resource is compared and written.

    `create_requires` and `immutable` map an option name to the dotted path of the body it
    sets: the first must be in the body to create, the second cannot change once created.
    With `update_method=PATCH` an update sends only the top-level keys that changed;
    `delete_query` adds query parameters to the DELETE (a purge flag, for example).
    `patch_desired` makes such a PATCH carry the desired value of each changed key (tags
    merged, immutable paths left out) instead of the merged one: for types whose update
    model lacks the read-only members a GET returns (storage accounts).
    """

    comparator: Comparator = field(default_factory=Comparator)
    update_method: str = PUT
    create_requires: Mapping[str, str] = field(default_factory=dict)
    immutable: Mapping[str, str] = field(default_factory=dict)
    result_key: str = "resource"
    delete_query: Mapping[str, str] = field(default_factory=dict)
    patch_desired: bool = False


class _Null:
    """A value to send as JSON null (to detach a reference), where None means "not managed"."""

    def __repr__(self) -> str:
        return "NULL"


NULL = _Null()


def prune(body: Any) -> Any:
    """The body without unset (None) values: an option left unset is not managed."""
    if body is NULL:
        return None
    if isinstance(body, dict):
        return {key: prune(value) for key, value in body.items() if value is not None}
    if isinstance(body, list):
        return [prune(element) for element in body]
    return body


def value_at(body: Any, path: str) -> Any:
    """The value at a dotted path; a number indexes a list."""
    for key in path.split("."):
        if isinstance(body, list) and key.isdigit():
            body = body[int(key)] if int(key) < len(body) else None
        elif isinstance(body, dict):
            body = body.get(key)
        else:
            return None
    return body


def _nested(path: str, value: Any) -> dict:
    for key in reversed(path.split(".")):
        value = {key: value}
    return value


class DesiredState:
    """One resource's desired state, applied through one ArmModule."""

    def __init__(
        self, module: Any, resource_id: ResourceId, api_version: str, rules: Rules = Rules()
    ) -> None:
        self.module = module
        self.resource_id = resource_id
        self.api_version = api_version
        self.rules = rules
        self.comparator = rules.comparator

    @property
    def _wait(self) -> bool:
        return self.module.params.get("wait", True)

    @property
    def _timeout(self) -> float:
        return self.module.params.get("timeout") or 1800

    def read(self) -> dict | None:
        return self.module.client.get(self.resource_id, self.api_version)

    def ensure(self, state: str, desired: dict | None) -> dict:
        current = self.read()
        if state == "absent":
            return self.absent(current)
        return self.present(current, desired)

    # ---- present --------------------------------------------------------------------------

    def present(self, current: dict | None, desired: dict | None) -> dict:
        desired = prune(desired) if desired is not None else None
        if current is None:
            return self._create(desired)
        if desired is None:
            return self._result(False, current, self.comparator.whole_diff(current, current))
        self._refuse_immutable_changes(desired, current)
        differences = self.comparator.differences(desired, current)
        if not differences.has_differences:
            view = self.comparator.managed_diff(current, current, desired)
            return self._result(False, current, view)
        merged = self.comparator.merge(desired, current)
        expected = dict(merged, id=current.get("id") or str(self.resource_id))
        expected["name"] = current.get("name") or self.resource_id.name
        if self.rules.update_method == PATCH:
            changed_keys = {path.split(".")[0].split("[")[0] for path in differences.paths()}
            source = self._patch_source(desired, merged) if self.rules.patch_desired else merged
            body = {key: source[key] for key in source if key in changed_keys}
        else:
            body = merged
        resource, operation = self._write(self.rules.update_method, body, expected)
        result = self._result(
            True, resource, self.comparator.managed_diff(current, expected, desired), operation
        )
        result["changed_properties"] = differences.paths()
        return result

    def _patch_source(self, desired: dict, merged: dict) -> dict:
        source = copy.deepcopy(desired)
        if "tags" in merged:
            source["tags"] = merged["tags"]
        for path in self.rules.immutable.values():
            *parents, leaf = path.split(".")
            holder = value_at(source, ".".join(parents)) if parents else source
            if isinstance(holder, dict):
                holder.pop(leaf, None)
        return source

    def _create(self, desired: dict | None) -> dict:
        if desired is None:
            raise invalid_option("body", f"required to create {self.resource_id}")
        for option, path in self.rules.create_requires.items():
            if value_at(desired, path) is None:
                raise invalid_option(option, f"required to create {self.resource_id}")
        expected = dict(desired, id=str(self.resource_id), name=self.resource_id.name)
        resource, operation = self._write(PUT, desired, expected)
        return self._result(
            True, resource, self.comparator.managed_diff(None, expected, desired), operation
        )

    def _refuse_immutable_changes(self, desired: dict, current: dict) -> None:
        for option, path in self.rules.immutable.items():
            wanted = value_at(desired, path)
            if wanted is None:
                continue
            if self.comparator.differences(_nested(path, wanted), current).has_differences:
                raise invalid_option(
                    option,
                    f"{self.resource_id} has {path} {value_at(current, path)!r}; "
                    "it cannot change once created",
                )

    # ---- absent ---------------------------------------------------------------------------

    def absent(self, current: dict | None) -> dict:
        if current is None:
            return self._result(False, {}, {"before": {}, "after": {}}, self._idle())
        client = self.module.client
        operation = None
        if not self.module.check_mode and self._wait:
            client.delete(
                self.resource_id,
                self.api_version,
                wait=True,
                timeout=self._timeout,
                query=self.rules.delete_query,
            )
        elif not self.module.check_mode:
            operation = client.start(
                "DELETE", self.resource_id, self.api_version, query=self.rules.delete_query
            )[1]
        diff = self.comparator.whole_diff(current, None)
        return self._result(True, {}, diff, operation)

    # ---- writing and results ---------------------------------------------------------------

    def _write(self, method: str, body: dict, expected: dict) -> tuple:
        """(resource, operation handle or None); in check mode nothing is sent. EXPECTED (the
        body as it would be) stands in where ARM returned nothing, its write-only values (such
        as passwords, which ARM never returns) masked."""
        if self.module.check_mode:
            return self.comparator.mask_write_only(expected), self._idle()
        client = self.module.client
        if not self._wait:
            initial, operation = client.start(method, self.resource_id, self.api_version, body)
            return initial or self.comparator.mask_write_only(expected), operation
        call = client.patch if method == PATCH else client.put
        written = call(self.resource_id, body, self.api_version, wait=True, timeout=self._timeout)
        return written or self.comparator.mask_write_only(expected), None

    def _idle(self) -> dict:
        """The handle of no operation: a join only reads the resource."""
        return {"id": str(self.resource_id), "api_version": self.api_version, "method": None}

    def _result(
        self, changed: bool, resource: dict, diff: dict, operation: dict | None = None
    ) -> dict:
        result = {
            "changed": changed,
            self.rules.result_key: resource,
            "diff": diff,
            "id": str(self.resource_id),
            "api_version": self.api_version,
        }
        if not self._wait:
            handle = operation or self._idle()
            if handle.get("method") is None and resource:
                # Nothing started: a join hands back what was read, without reading it again.
                handle = dict(handle, resource=resource)
            result["operation"] = handle
        return result
