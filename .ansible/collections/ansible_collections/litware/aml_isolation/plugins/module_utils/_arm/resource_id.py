# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parse and build ARM resource ids; ARM compares them without regard to case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from urllib.parse import quote

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)

RESOURCE_GROUPS_TYPE_KEY = "microsoft.resources/resourcegroups"
SUBSCRIPTIONS_TYPE_KEY = "microsoft.resources/subscriptions"

# Characters ARM accepts unescaped in a name segment (DNS record names use "@" and "*").
_NAME_SAFE_CHARACTERS = "@*!$&'()+,;=:"


@dataclass(frozen=True)
class ResourceId:
    """One ARM resource: subscription, resource group, provider namespace, type/name chain."""

    subscription_id: str
    resource_group: str | None = None
    namespace: str | None = None
    types: tuple = ()
    names: tuple = ()

    @property
    def name(self) -> str | None:
        if self.names:
            return self.names[-1]
        return self.resource_group

    @property
    def type_key(self) -> str:
        """Lowercase `namespace/type[/child...]`, the key of the api-version table.

        An extension resource (`<resource>/providers/<namespace>/<type>/<name>`, such as a
        diagnostic setting) has the key of its own namespace and type.
        """
        lowered = [item.lower() for item in self.types]
        if "providers" in lowered:
            start = len(lowered) - 1 - lowered[::-1].index("providers")
            return "/".join([self.names[start]] + list(self.types[start + 1 :])).lower()
        if self.namespace:
            return "/".join([self.namespace] + list(self.types)).lower()
        if self.resource_group:
            return RESOURCE_GROUPS_TYPE_KEY
        return SUBSCRIPTIONS_TYPE_KEY

    @property
    def is_resource_group(self) -> bool:
        return self.namespace is None and self.resource_group is not None

    @property
    def parent(self) -> ResourceId | None:
        """The resource this one lives in (a parent resource, else its resource group)."""
        if len(self.types) > 1:
            return ResourceId(
                self.subscription_id,
                self.resource_group,
                self.namespace,
                self.types[:-1],
                self.names[:-1],
            )
        if self.namespace and self.resource_group:
            return ResourceId(self.subscription_id, self.resource_group)
        return None

    def child(self, resource_type: str, name: str) -> ResourceId:
        return ResourceId(
            self.subscription_id,
            self.resource_group,
            self.namespace,
            self.types + (resource_type,),
            self.names + (name,),
        )

    def __str__(self) -> str:
        return build_resource_id(
            self.subscription_id, self.resource_group, self.namespace, self.types, self.names
        )

    def url_path(self) -> str:
        """The id with each name escaped for use in a request URL."""
        return build_resource_id(
            self.subscription_id,
            self.resource_group,
            self.namespace,
            self.types,
            tuple(quote(name, safe=_NAME_SAFE_CHARACTERS) for name in self.names),
        )


def build_resource_id(
    subscription_id: str,
    resource_group: str | None = None,
    namespace: str | None = None,
    types: Sequence[str] = (),
    names: Sequence[str] = (),
) -> str:
    path = f"/subscriptions/{subscription_id}"
    if resource_group:
        path += f"/resourceGroups/{resource_group}"
    if namespace:
        path += f"/providers/{namespace}"
        for resource_type, name in zip(types, names):
            path += f"/{resource_type}/{name}"
    return path


def parse_resource_id(resource_id: str, option: str = "id") -> ResourceId:
    """Split an id into its parts; `option` names the module option in the error."""
    segments = (resource_id or "").strip().strip("/").split("/")
    if (
        len(segments) < 2
        or segments[0].lower() != "subscriptions"
        or any(not part for part in segments)
    ):
        raise invalid_option(
            option,
            f"{resource_id!r} is not an ARM resource id "
            "(/subscriptions/<id>/resourceGroups/<name>/...)",
        )
    subscription_id = segments[1]
    rest = segments[2:]
    resource_group = None
    if len(rest) >= 2 and rest[0].lower() == "resourcegroups":
        resource_group = rest[1]
        rest = rest[2:]
    if not rest:
        return ResourceId(subscription_id, resource_group)
    if rest[0].lower() != "providers" or len(rest) < 4 or len(rest) % 2 != 0:
        raise invalid_option(
            option,
            f"{resource_id!r} is not an ARM resource id: expected "
            ".../providers/<namespace>/<type>/<name>[/<type>/<name>...]",
        )
    namespace = rest[1]
    type_name_pairs = rest[2:]
    return ResourceId(
        subscription_id,
        resource_group,
        namespace,
        tuple(type_name_pairs[0::2]),
        tuple(type_name_pairs[1::2]),
    )


def resource_id_from_parts(
    subscription_id: str,
    resource_group: str | None,
    provider: str | None,
    resource_type: str | None,
    resource_name: str | None,
) -> ResourceId:
    """A resource id from module options; child types are `parent/child` in type and name."""
    if not provider and not resource_type and not resource_name:
        if not resource_group:
            raise invalid_option(
                "resource_group",
                "give id, or resource_group (and provider/resource_type/resource_name)",
            )
        return ResourceId(subscription_id, resource_group)
    for option, value in (
        ("provider", provider),
        ("resource_type", resource_type),
        ("resource_name", resource_name),
    ):
        if not value:
            raise invalid_option(
                option, "required together with provider, resource_type and resource_name"
            )
    types = tuple(resource_type.strip("/").split("/"))
    names = tuple(resource_name.strip("/").split("/"))
    if len(types) != len(names) or any(not part for part in types + names):
        raise invalid_option(
            "resource_name",
            f"{resource_name!r} must name one resource per type in resource_type {resource_type!r} "
            "(e.g. vnet1/subnet1 for virtualNetworks/subnets)",
        )
    return ResourceId(subscription_id, resource_group, provider, types, names)


def same_resource_id(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.strip("/").lower() == second.strip("/").lower()
