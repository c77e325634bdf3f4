# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resource (or collection) a generic module works on, from `id` or its parts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    api_version_for_type,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    ResourceId,
    build_resource_id,
    parse_resource_id,
    resource_id_from_parts,
)

PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"

# Options that name a resource by its parts; arm_resource and arm_resource_info share them.
TARGET_ARGUMENT_SPEC: dict = {
    "id": {"type": "str"},
    "resource_group": {"type": "str"},
    "provider": {"type": "str"},
    "resource_type": {"type": "str"},
    "resource_name": {"type": "str"},
    "api_version": {"type": "str"},
}
TARGET_MUTUALLY_EXCLUSIVE = [
    ["id", "resource_group"],
    ["id", "provider"],
    ["id", "resource_type"],
    ["id", "resource_name"],
]
# AnsibleModule keyword arguments of every module that names its resource by TARGET_ARGUMENT_SPEC.
TARGET_MODULE_RULES: dict = {
    "mutually_exclusive": TARGET_MUTUALLY_EXCLUSIVE,
    "required_one_of": [["id", "resource_group", "provider"]],
}


@dataclass(frozen=True)
class Target:
    """One resource (`resource_id`) or, for listing, one collection (`collection_path`)."""

    type_key: str
    api_version: str
    resource_id: ResourceId | None = None
    collection_path: str | None = None


def resolve_api_version(type_key: str, given: str | None) -> str:
    validate.api_version(given)
    if given:
        return given
    pinned = api_version_for_type(type_key)
    if pinned is None:
        raise invalid_option(
            "api_version",
            f"no api-version is pinned for resource type {type_key}; set api_version",
        )
    return pinned


def resource_target(params: Mapping[str, Any], subscription_id: Callable[[], str]) -> Target:
    """The resource named by `id` or by the parts; the subscription is asked for only if needed."""
    if params.get("id"):
        resource_id = parse_resource_id(params["id"], "id")
    else:
        _require_parts(params)
        # Parsing with a placeholder validates every option before credentials are looked at.
        resource_id_from_parts(
            PLACEHOLDER_SUBSCRIPTION,
            params.get("resource_group"),
            params.get("provider"),
            params.get("resource_type"),
            params.get("resource_name"),
        )
        resource_id = resource_id_from_parts(
            subscription_id(),
            params.get("resource_group"),
            params.get("provider"),
            params.get("resource_type"),
            params.get("resource_name"),
        )
    return Target(
        resource_id.type_key,
        resolve_api_version(resource_id.type_key, params.get("api_version")),
        resource_id,
    )


def resource_or_collection_target(
    params: Mapping[str, Any], subscription_id: Callable[[], str]
) -> Target:
    """Like resource_target; a resource_name one name shorter than resource_type: a collection."""
    if params.get("id") or not _names_a_collection(params):
        return resource_target(params, subscription_id)
    _require_parts(params, need_name=False)
    types = params["resource_type"].strip("/").split("/")
    type_key = "/".join([params["provider"]] + types).lower()
    api_version = resolve_api_version(type_key, params.get("api_version"))
    names = params["resource_name"].strip("/").split("/") if params.get("resource_name") else []
    parent_path = build_resource_id(
        subscription_id(), params.get("resource_group"), params["provider"], types[:-1], names
    )
    return Target(type_key, api_version, collection_path=f"{parent_path}/{types[-1]}")


def _names_a_collection(params: Mapping[str, Any]) -> bool:
    if not params.get("resource_type"):
        return False
    type_count = len(params["resource_type"].strip("/").split("/"))
    name_count = (
        len(params["resource_name"].strip("/").split("/")) if params.get("resource_name") else 0
    )
    return name_count == type_count - 1


def _require_parts(params: Mapping[str, Any], need_name: bool = True) -> None:
    if not any(
        params.get(option)
        for option in ("resource_group", "provider", "resource_type", "resource_name")
    ):
        raise invalid_option(
            "id", "give id, or resource_group with provider, resource_type and resource_name"
        )
    if params.get("provider") or params.get("resource_type") or params.get("resource_name"):
        required = (
            ("provider", "resource_type", "resource_name")
            if need_name
            else ("provider", "resource_type")
        )
        for option in required:
            if not params.get(option):
                raise invalid_option(
                    option, "required together with {}".format(", ".join(required))
                )
