# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Typed modules: an argument spec, `desired_body(params)` and typed return values.

A typed module declares one TypedResource and calls `run_typed_module`; the engine
(desired_state.py) does the reading, comparing, check mode, diff, writing and waiting:

    TYPED = TypedResource(
        resource_type="Microsoft.Network/networkInterfaces",
        argument_spec={"subnet_id": {"type": "str"}, ...},
        desired_body=desired_body,            # params -> ARM body (None values are unmanaged)
        returns=returns,                      # resource -> {"private_ip": ...}
        rules=Rules(Comparator(...), create_requires={"location": "location"}),
    )

    def main():
        run_typed_module(TYPED)

Every typed module has `name`, `resource_group`, `state`, `wait`, `timeout` and the
credential options; it returns `changed`, `diff`, `id`, `api_version`, `resource`, the typed
values (empty when absent) and, with `wait: false`, `operation`.

Instead of `name`, `items` lists several resources of the type, each a dict of the resource's
own options over the task's: one module execution converges them all, and returns one such
result per item in `results` (and with `wait: false` every handle in `operations`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import items, validate
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    api_version_for,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (
    DesiredState,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (
    WAIT_ARGUMENT_SPEC,
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    resource_id_from_parts,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.target import (
    PLACEHOLDER_SUBSCRIPTION,
)

TYPED_ARGUMENT_SPEC: dict = {
    "name": {"type": "str"},
    "items": {"type": "list", "elements": "dict"},
    "resource_group": {"type": "str", "required": True},
    "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    **WAIT_ARGUMENT_SPEC,
}


@dataclass(frozen=True)
class TypedResource:
    """What makes one typed module: its options, its body, its return values."""

    resource_type: str
    argument_spec: dict
    desired_body: Callable[[dict], dict]
    returns: Callable[[dict], dict] = lambda resource: {}
    # Rules, or a function of the params that returns them (when an option changes a rule).
    rules: Any = field(default_factory=Rules)
    validate: Callable[[dict], None] = lambda params: None
    module_kwargs: dict = field(default_factory=dict)
    # The `parent/child` name of a child resource type (workspaces/datastores: "ws/ds").
    resource_name: Callable[[dict], str] = lambda params: params["name"]
    # Replaces engine.ensure for modules with a lifecycle of their own (soft delete, purge).
    ensure: Any = None


def _resource_id(typed: TypedResource, params: dict, subscription_id: str) -> Any:
    provider, type_name = typed.resource_type.split("/", 1)
    return resource_id_from_parts(
        subscription_id, params["resource_group"], provider, type_name, typed.resource_name(params)
    )


def _checked(typed: TypedResource, params: dict) -> dict | None:
    """Every option of one resource checked, its body built, before any request: a bad option
    fails before credentials are read."""
    validate.resource_group_name(params["resource_group"], "resource_group")
    validate.positive(params["timeout"], "timeout")
    typed.validate(params)
    desired = typed.desired_body(params) if params["state"] == "present" else None
    _resource_id(typed, params, PLACEHOLDER_SUBSCRIPTION)
    return desired


def run_typed(module: ArmModule, typed: TypedResource, spec: dict) -> dict:
    params = module.params
    if params["items"] is None:
        desired = _checked(typed, params)
        return _ensure(module, typed, params, desired)
    checked = items.checked_items(spec, params, lambda one: _checked(typed, one))
    results = [_ensure(module, typed, one, desired) for one, desired in checked]
    return items.combined(results, params["wait"])


def _ensure(module: ArmModule, typed: TypedResource, params: dict, desired: dict | None) -> dict:
    resource_id = _resource_id(typed, params, module.subscription_id)
    rules = typed.rules(params) if callable(typed.rules) else typed.rules
    engine = DesiredState(module, resource_id, api_version_for(resource_id), rules)
    if typed.ensure is not None:
        result = typed.ensure(engine, params, desired)
    else:
        result = engine.ensure(params["state"], desired)
    result.update(typed.returns(result[rules.result_key] or {}))
    return result


def run_typed_module(typed: TypedResource) -> None:
    spec = dict(TYPED_ARGUMENT_SPEC, **typed.argument_spec)
    kwargs = dict(typed.module_kwargs)
    for rule in ("required_one_of", "mutually_exclusive"):
        kwargs[rule] = [*kwargs.get(rule, []), ("name", "items")]
    module = ArmModule(argument_spec=spec, supports_check_mode=True, **kwargs)
    module.execute(lambda arm_module: run_typed(arm_module, typed, spec))
