# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`items`: one module execution for a list of alike resources.

A loop runs a module once per item, each run paying for its interpreter, its imports and its
sign-in; a module with `items` converges the whole list in one run. Each item is a dict of the
resource's own options over the task's; the task keeps how to wait and who signs in.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (
    CREDENTIAL_ARGUMENT_SPEC,
)

TASK_ONLY = frozenset({"items", "wait", "timeout", *CREDENTIAL_ARGUMENT_SPEC})


def item_params(
    spec: dict, params: dict, item: dict, index: int, required: Iterable[str] = ("name",)
) -> dict:
    """The params of item INDEX: its options over the task's, converted as the task's are."""
    option = f"items[{index}]"
    misplaced = sorted(set(item) & TASK_ONLY) or sorted(set(item) - set(spec))
    if misplaced:
        raise invalid_option(f"{option}.{misplaced[0]}", "is not an option of an item")
    item_spec = {key: dict(value, required=key in required) for key, value in spec.items()}
    merged = {
        key: value
        for key, value in params.items()
        if key in spec and key != "items" and key not in required
    }
    merged.update(item)
    validated = ArgumentSpecValidator(item_spec).validate(merged)
    if validated.error_messages:
        raise invalid_option(option, validated.error_messages[0])
    return dict(validated.validated_parameters, items=None)


def checked_items(
    spec: dict, params: dict, check: Callable[[dict], Any], required: Iterable[str] = ("name",)
) -> list:
    """(params, check(params)) of every item, all checked before any request; an error
    names its item."""
    if not params["items"]:
        raise invalid_option("items", "must list at least one resource")
    checked = []
    for index, item in enumerate(params["items"]):
        one = item_params(spec, params, item, index, required)
        try:
            checked.append((one, check(one)))
        except ArmError as err:
            err.message = f"items[{index}].{err.message}"
            err.option = f"items[{index}].{err.option}" if err.option else None
            raise
    return checked


def combined(results: list, wait: bool = True) -> dict:
    """The task's result: `results` in item order, one diff keyed by resource id, and with
    wait=false every operation handle in `operations`."""
    diff: dict = {"before": {}, "after": {}}
    for result in results:
        item_diff = result.pop("diff", None) or {}
        if result["changed"]:
            diff["before"][result["id"]] = item_diff.get("before", {})
            diff["after"][result["id"]] = item_diff.get("after", {})
    output = {"changed": any(r["changed"] for r in results), "results": results, "diff": diff}
    if not wait:
        output["operations"] = [result["operation"] for result in results]
    return output
