# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Whether a resource already is as desired; desired merged over current; the difference."""

from __future__ import annotations

import copy
import re
from typing import Any, Mapping, Sequence

ORDERED = "ordered"
UNORDERED = "unordered"
ALLOW_MORE_PRESENT = "allow_more_present"
LIST_MODES = (ORDERED, UNORDERED, ALLOW_MORE_PRESENT)

# Set by ARM at the top of every resource; the desired body never manages them.
READ_ONLY_TOP_LEVEL_KEYS = frozenset({"id", "name", "type", "etag", "systemData"})
# Set by ARM at any depth. ("id" and "type" are not here: nested they are references and enums.)
READ_ONLY_KEYS = frozenset({"provisioningState", "resourceGuid", "etag"})

# Properties ARM accepts on write and never returns, per resource type, as dotted paths.
WRITE_ONLY_PATHS: dict = {
    "microsoft.compute/virtualmachines": (
        "properties.osProfile.adminPassword",
        "properties.osProfile.customData",
        "properties.userData",
    ),
    "microsoft.machinelearningservices/workspaces/datastores": ("properties.credentials.secrets",),
    "microsoft.machinelearningservices/workspaces/computes": (
        "properties.properties.administratorAccount.adminUserPassword",
        "properties.properties.sshSettings.adminPassword",
    ),
    "microsoft.machinelearningservices/workspaces/connections": ("properties.credentials",),
    "microsoft.network/virtualnetworkgateways/connections": ("properties.sharedKey",),
    "microsoft.sql/servers": ("properties.administratorLoginPassword",),
}
# Key names write-only wherever they appear: skipped only when the current resource lacks them.
WRITE_ONLY_KEYS = frozenset(
    {"adminPassword", "customData", "secrets", "sharedKey", "clientSecret", "accountKey"}
)

MASK = "********"
_ELEMENT_NAME = re.compile(r"\[[^\]]*\]")


def normalize_location(location: Any) -> Any:
    """ARM treats "East US" and "eastus" as one location."""
    if isinstance(location, str):
        return location.replace(" ", "").lower()
    return location


def _is_resource_id(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith("/subscriptions/")


def scalars_equal(key: str | None, desired: Any, current: Any) -> bool:
    if key == "location":
        return normalize_location(desired) == normalize_location(current)
    if key == "name" and isinstance(desired, str) and isinstance(current, str):
        return desired.lower() == current.lower()
    if _is_resource_id(desired) and isinstance(current, str):
        return desired.rstrip("/").lower() == current.rstrip("/").lower()
    if isinstance(desired, bool) or isinstance(current, bool):
        return desired is current
    return desired == current


class DifferenceTracker:
    """Collects each difference once, by dotted path."""

    def __init__(self) -> None:
        self.differences: list = []

    def add(self, path: str, before: Any, after: Any) -> None:
        self.differences.append({"path": path or "(root)", "before": before, "after": after})

    @property
    def has_differences(self) -> bool:
        return bool(self.differences)

    def paths(self) -> list:
        return [difference["path"] for difference in self.differences]


class Comparator:
    """Compares a desired body with the current resource of one resource type."""

    def __init__(
        self,
        type_key: str = "",
        list_mode: str = ORDERED,
        list_modes: Mapping[str, str] | None = None,
        exact_paths: Sequence[str] = (),
        write_only_paths: Sequence[str] = (),
    ) -> None:
        """`list_modes`: list mode per dotted path; `exact_paths`: dicts (such as `tags`) whose
        keys the desired body lists completely, so a key only the current one has is a change;
        `write_only_paths`: more dotted paths never compared and masked in a diff."""
        for mode in [list_mode, *(list_modes or {}).values()]:
            if mode not in LIST_MODES:
                raise ValueError("list_mode must be one of {}".format(", ".join(LIST_MODES)))
        self.type_key = type_key.lower()
        self.list_mode = list_mode
        self.list_modes = dict(list_modes or {})
        self.exact_paths = frozenset(exact_paths)
        self.write_only_paths = frozenset(WRITE_ONLY_PATHS.get(self.type_key, ())) | frozenset(
            write_only_paths
        )

    # ---- deciding -------------------------------------------------------------------------

    def differences(self, desired: Any, current: Any) -> DifferenceTracker:
        tracker = DifferenceTracker()
        self._compare(desired, current, "", None, tracker)
        return tracker

    def is_subset(self, desired: Any, current: Any) -> bool:
        return not self.differences(desired, current).has_differences

    def _skipped(self, path: str, key: str, current: Mapping[str, Any]) -> bool:
        if self._read_only(path, key):
            return True
        if _rule_path(path) in self.write_only_paths:
            return True
        return key in WRITE_ONLY_KEYS and key not in current

    @staticmethod
    def _read_only(path: str, key: str) -> bool:
        return key in READ_ONLY_KEYS or ("." not in path and key in READ_ONLY_TOP_LEVEL_KEYS)

    def _compare(
        self, desired: Any, current: Any, path: str, key: str | None, tracker: DifferenceTracker
    ) -> None:
        if isinstance(desired, dict):
            if not isinstance(current, dict):
                tracker.add(path, current, desired)
                return
            for child_key, desired_value in desired.items():
                child_path = _join(path, child_key)
                if self._skipped(child_path, child_key, current):
                    continue
                if child_key not in current:
                    if desired_value is not None:
                        tracker.add(child_path, None, desired_value)
                    continue
                self._compare(desired_value, current[child_key], child_path, child_key, tracker)
            if path in self.exact_paths:
                for child_key in current.keys() - desired.keys():
                    tracker.add(_join(path, child_key), current[child_key], None)
            return
        if isinstance(desired, list):
            if not isinstance(current, list):
                tracker.add(path, current, desired)
            elif self._mode_for(path) != ORDERED and _all_named(desired or current):
                self._compare_named_lists(desired, current, path, tracker)
            elif not self._lists_match(desired, current, path):
                tracker.add(path, current, desired)
            return
        if not scalars_equal(key, desired, current):
            tracker.add(path, current, desired)

    def _compare_named_lists(
        self, desired: list, current: list, path: str, tracker: DifferenceTracker
    ) -> None:
        """Named elements one by one: `path[name]` for each one added, changed or extra."""
        taken: set = set()
        for want in desired:
            index = _index_by_name(want, current, taken)
            element_path = f"{path}[{want['name']}]"
            if index is None:
                tracker.add(element_path, None, want)
                continue
            taken.add(index)
            self._compare(want, current[index], element_path, None, tracker)
        if self._mode_for(path) == ALLOW_MORE_PRESENT:
            return
        for index, have in enumerate(current):
            if index not in taken:
                name = _element_name(have) or str(index)
                tracker.add(f"{path}[{name}]", _without_bookkeeping(have), None)

    def _mode_for(self, path: str) -> str:
        return self.list_modes.get(_rule_path(path), self.list_mode)

    def _element_matches(self, desired: Any, current: Any, path: str) -> bool:
        tracker = DifferenceTracker()
        self._compare(desired, current, path, None, tracker)
        return not tracker.has_differences

    def _lists_match(self, desired: list, current: list, path: str) -> bool:
        mode = self._mode_for(path)
        if mode == ORDERED:
            return len(desired) == len(current) and all(
                self._element_matches(want, have, path) for want, have in zip(desired, current)
            )
        matched = self._match_elements(desired, current, path)
        if matched is None:
            return False
        return mode == ALLOW_MORE_PRESENT or len(desired) == len(current)

    def _match_elements(self, desired: list, current: list, path: str) -> dict | None:
        """Index of the current element each desired one matches; None when one has no match."""
        used: dict = {}
        for desired_index, want in enumerate(desired):
            current_index = self._find_match(want, current, set(used.values()), path)
            if current_index is None:
                return None
            used[desired_index] = current_index
        return used

    def _find_match(self, want: Any, current: list, taken: set, path: str) -> int | None:
        named = _element_name(want)
        for index, have in enumerate(current):
            if index in taken:
                continue
            if named is not None and _element_name(have) is not None:
                if named.lower() != _element_name(have).lower():
                    continue
                return index if self._element_matches(want, have, path) else None
            if self._element_matches(want, have, path):
                return index
        return None

    # ---- merging --------------------------------------------------------------------------

    def merge(self, desired: Any, current: Any, path: str = "") -> Any:
        """The body to send: desired over current, so properties the user did not give are kept."""
        if isinstance(desired, dict) and isinstance(current, dict) and path in self.exact_paths:
            return copy.deepcopy(desired)
        if isinstance(desired, dict) and isinstance(current, dict):
            merged = {
                key: _without_read_only(value)
                for key, value in current.items()
                if not self._read_only(_join(path, key), key)
            }
            for key, value in desired.items():
                merged[key] = self.merge(value, current.get(key), _join(path, key))
            return merged
        if isinstance(desired, list) and isinstance(current, list):
            return self._merge_lists(desired, current, path)
        return copy.deepcopy(desired)

    def _merge_lists(self, desired: list, current: list, path: str) -> list:
        merged = []
        taken: set = set()
        for want in desired:
            index = _index_by_name(want, current, taken)
            if index is None:
                merged.append(copy.deepcopy(want))
                continue
            taken.add(index)
            merged.append(self.merge(want, current[index], path))
        if self._mode_for(path) == ALLOW_MORE_PRESENT:
            merged.extend(
                _without_read_only(have) for index, have in enumerate(current) if index not in taken
            )
        return merged

    # ---- showing --------------------------------------------------------------------------

    def managed_view(self, resource: Any, desired: Any, path: str = "") -> Any:
        """What of `resource` the desired body manages: its keys, in full where exclusive.

        A diff built from two such views shows the real change and no ARM bookkeeping.
        """
        if isinstance(resource, dict) and isinstance(desired, dict):
            # Tags are one map: shown whole, so a merge shows the tags it keeps too.
            if path in self.exact_paths or path == "tags":
                return _without_read_only(resource)
            return {
                key: self.managed_view(resource[key], value, _join(path, key))
                for key, value in desired.items()
                if key in resource and not self._read_only(_join(path, key), key)
            }
        if isinstance(resource, list) and isinstance(desired, list):
            return self._managed_list_view(resource, desired, path)
        return copy.deepcopy(resource)

    def _managed_list_view(self, resource: list, desired: list, path: str) -> list:
        view = []
        taken: set = set()
        for position, have in enumerate(resource):
            index = _index_by_name(have, desired, taken)
            if index is None and _element_name(have) is None and position < len(desired):
                index = position
            if index is None:
                view.append(_without_bookkeeping(have))
                continue
            taken.add(index)
            view.append(self.managed_view(have, desired[index], path))
        return view

    def whole_diff(self, before: Any, after: Any) -> dict:
        """before/after of whole resources (when no body says what is managed), no bookkeeping."""
        return {
            "before": self.mask_write_only(_without_read_only(strip_read_only(before)))
            if before
            else {},
            "after": self.mask_write_only(_without_read_only(strip_read_only(after)))
            if after
            else {},
        }

    def managed_diff(self, before: Any, after: Any, desired: Any) -> dict:
        """before/after as far as `desired` manages them, write-only values masked."""
        return {
            "before": self.mask_write_only(self.managed_view(before, desired)) if before else {},
            "after": self.mask_write_only(self.managed_view(after, desired)) if after else {},
        }

    def mask_write_only(self, body: Any) -> Any:
        """A copy of `body` fit for a diff: write-only values (often secrets) masked."""
        masked = copy.deepcopy(body)
        for path in self.write_only_paths:
            _mask_path(masked, path.split("."))
        _mask_keys(masked, WRITE_ONLY_KEYS)
        return masked


def _without_read_only(value: Any) -> Any:
    """A deep copy of `value` without the keys ARM sets at any depth."""
    if isinstance(value, dict):
        return {
            key: _without_read_only(child)
            for key, child in value.items()
            if key not in READ_ONLY_KEYS
        }
    if isinstance(value, list):
        return [_without_read_only(element) for element in value]
    return copy.deepcopy(value)


def _without_bookkeeping(element: Any) -> Any:
    """A list element as a user would write it: no read-only keys, no own id, type or etag."""
    if isinstance(element, dict) and _element_name(element) is not None:
        element = {key: value for key, value in element.items() if key not in ("id", "type")}
    return _without_read_only(element)


def _rule_path(path: str) -> str:
    """The path rules are keyed by: `a.b[name].c` -> `a.b.c`."""
    return _ELEMENT_NAME.sub("", path)


def _all_named(elements: list) -> bool:
    return bool(elements) and all(_element_name(element) is not None for element in elements)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _element_name(element: Any) -> str | None:
    if isinstance(element, dict) and isinstance(element.get("name"), str):
        return element["name"]
    return None


def _index_by_name(want: Any, current: list, taken: set) -> int | None:
    name = _element_name(want)
    if name is None:
        return None
    for index, have in enumerate(current):
        if index not in taken and (_element_name(have) or "").lower() == name.lower():
            return index
    return None


def _mask_path(body: Any, keys: list) -> None:
    if not isinstance(body, dict) or not keys:
        return
    if len(keys) == 1:
        if keys[0] in body:
            body[keys[0]] = MASK
        return
    _mask_path(body.get(keys[0]), keys[1:])


def _mask_keys(body: Any, keys: frozenset) -> None:
    if isinstance(body, dict):
        for key, value in body.items():
            if key in keys and value is not None:
                body[key] = MASK
            else:
                _mask_keys(value, keys)
    elif isinstance(body, list):
        for element in body:
            _mask_keys(element, keys)


def strip_read_only(resource: Any) -> Any:
    """The resource without ARM's bookkeeping fields, for a readable diff."""
    if not isinstance(resource, dict):
        return resource
    return {key: value for key, value in resource.items() if key not in ("etag", "systemData")}
