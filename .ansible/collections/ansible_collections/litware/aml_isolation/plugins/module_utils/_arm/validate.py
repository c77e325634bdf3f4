# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input checks shared by modules, run before any request so a bad option fails with its name."""

from __future__ import annotations

import re
from typing import Any

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    parse_resource_id,
)

RESOURCE_GROUP_NAME = re.compile(r"^[-\w.()]{1,90}$")
LOCATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ]*$")
API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9.]+)?$")
TAG_KEY_FORBIDDEN = re.compile(r"[<>%&\\?/]")
MAX_TAGS = 50
MAX_TAG_KEY_LENGTH = 512
MAX_TAG_VALUE_LENGTH = 256


def resource_group_name(name: str, option: str = "name") -> None:
    if not RESOURCE_GROUP_NAME.match(name or "") or name.endswith("."):
        raise invalid_option(
            option,
            f"{name!r} is not a valid resource group name "
            "(1-90 letters, digits, '_', '-', '.', '(', ')'; "
            "not ending with '.')",
        )


def location(value: str | None, option: str = "location") -> None:
    if value is not None and not LOCATION.match(value):
        raise invalid_option(
            option, f"{value!r} is not an Azure location such as eastus or 'West Europe'"
        )


def api_version(value: str | None, option: str = "api_version") -> None:
    if value is not None and not API_VERSION.match(value):
        raise invalid_option(option, f"{value!r} is not an api-version such as 2025-04-01")


def tags(value: dict | None, option: str = "tags") -> None:
    if value is None:
        return
    if len(value) > MAX_TAGS:
        raise invalid_option(option, f"at most {MAX_TAGS} tags are allowed, got {len(value)}")
    for key, tag_value in value.items():
        _tag(key, tag_value, option)


def _tag(key: Any, tag_value: Any, option: str) -> None:
    if (
        not isinstance(key, str)
        or not key
        or len(key) > MAX_TAG_KEY_LENGTH
        or TAG_KEY_FORBIDDEN.search(key)
    ):
        raise invalid_option(
            option,
            f"tag name {key!r} must be 1-{MAX_TAG_KEY_LENGTH} characters without < > % & \\ ? /",
        )
    if not isinstance(tag_value, str):
        raise invalid_option(
            option,
            f"the value of tag {key!r} must be a string (quote it), got {type(tag_value).__name__}",
        )
    if len(tag_value) > MAX_TAG_VALUE_LENGTH:
        raise invalid_option(
            option,
            f"the value of tag {key!r} is longer than {MAX_TAG_VALUE_LENGTH} characters",
        )


def positive(value: int | None, option: str) -> None:
    if value is not None and value <= 0:
        raise invalid_option(option, f"must be a positive number of seconds, got {value}")


# Names Azure requires to be unique world-wide (they become host names), per resource kind:
# (pattern, what the pattern means).
GLOBAL_NAMES = {
    "storage account": (re.compile(r"^[a-z0-9]{3,24}$"), "3-24 lowercase letters and digits"),
    "key vault": (
        re.compile(r"^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$"),
        "3-24 letters, digits and hyphens, starting with a letter, ending with a letter or "
        "digit, no two hyphens in a row",
    ),
    "container registry": (re.compile(r"^[A-Za-z0-9]{5,50}$"), "5-50 letters and digits"),
}
ML_WORKSPACE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def global_name(value: str, kind: str, option: str = "name") -> None:
    pattern, meaning = GLOBAL_NAMES[kind]
    if not pattern.match(value or ""):
        raise invalid_option(option, f"{value!r} is not a valid {kind} name ({meaning})")


def ml_workspace_name(value: str, option: str = "name") -> None:
    if not ML_WORKSPACE_NAME.match(value or ""):
        raise invalid_option(
            option,
            f"{value!r} is not a valid workspace name (3-33 letters, digits, '-' and '_', "
            "starting with a letter or digit)",
        )


def uuid(value: str | None, option: str) -> None:
    if value is not None and not UUID.match(value):
        raise invalid_option(option, f"{value!r} is not an object id (a GUID)")


def resource_id_of(value: str | None, resource_type: str, option: str) -> None:
    """VALUE is None or the id of a resource of RESOURCE_TYPE (provider/type, any case)."""
    if value is None or value == "":
        return
    if parse_resource_id(value, option).type_key != resource_type.lower():
        raise invalid_option(option, f"{value!r} is not the id of a {resource_type}")
