#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: resource_group
short_description: Create, update or delete an Azure resource group
version_added: 0.1.0
description:
  - Ensures an Azure resource group exists with the given location and tags, or does not exist.
  - Options left unset are not managed; an existing group keeps its tags unless O(tags) is given.
  - Refuses to delete a group that still holds resources unless O(force_delete=true).
author:
  - Litware Cloud Platform Team (@litware)
options:
  name:
    description:
      - Name of the resource group.
    type: str
    required: true
  location:
    description:
      - Azure location of the group, for example V(eastus) or V(West Europe).
      - Required to create the group. The location of an existing group cannot change.
    type: str
  tags:
    description:
      - Tags of the group. Values must be strings.
      - With O(append_tags=true) these are added to (or update) the tags the group already has;
        with O(append_tags=false) they replace all of them.
    type: dict
  append_tags:
    description:
      - Whether O(tags) are merged into the existing tags (V(true)) or replace them (V(false)).
    type: bool
    default: true
  force_delete:
    description:
      - With O(state=absent), also delete a group that still holds resources (and with it
        the resources).
    type: bool
    default: false
  state:
    description:
      - Whether the group should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the resource group of the workspace
  litware.aml_isolation.resource_group:
    name: rg-aml-prod
    location: eastus
    tags:
      owner: ml-platform

- name: Replace every tag of the group
  litware.aml_isolation.resource_group:
    name: rg-aml-prod
    tags:
      owner: ml-platform
    append_tags: false

- name: Delete the group with everything in it
  litware.aml_isolation.resource_group:
    name: rg-aml-prod
    state: absent
    force_delete: true
"""

RETURN = r"""
id:
  description: Resource id of the group; also returned in check mode and when the group is absent.
  returned: always
  type: str
  sample: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod
resource_group:
  description:
    - The group as ARM returns it after the change (or as it would be, in check mode).
    - Empty when the group does not exist.
  returned: always
  type: dict
  sample:
    id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod
    name: rg-aml-prod
    type: Microsoft.Resources/resourceGroups
    location: eastus
    tags:
      owner: ml-platform
    properties:
      provisioningState: Succeeded
  contains:
    id:
      description: Resource id.
      type: str
      returned: success
      sample: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod
    name:
      description: Name of the group.
      type: str
      returned: success
      sample: rg-aml-prod
    location:
      description: Location of the group.
      type: str
      returned: success
      sample: eastus
    tags:
      description: Tags of the group.
      type: dict
      returned: success
      sample: {"owner": "ml-platform"}
    properties:
      description: Properties of the group.
      type: dict
      returned: success
      sample: {"provisioningState": "Succeeded"}
contained_resources:
  description:
    - Ids of the resources the group held when it was deleted (or would be, in check mode).
    - Empty also when ARM could not list them and O(force_delete=true) deleted the group unchecked.
  returned: when O(state=absent) and the group existed
  type: list
  elements: str
  sample:
    - "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml-prod/\
        providers/Microsoft.Network/virtualNetworks/vnet-aml"
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    RESOURCES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    Comparator,
    build_diff,
    normalize_location,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import (  # noqa: E402
    WAIT_ARGUMENT_SPEC,
    ArmModule,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    ResourceId,
)

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    location=dict(type="str"),
    tags=dict(type="dict"),
    append_tags=dict(type="bool", default=True),
    force_delete=dict(type="bool", default=False),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    **WAIT_ARGUMENT_SPEC,
)
LISTED_RESOURCES_SHOWN = 10


def validate_options(params: dict) -> None:
    validate.resource_group_name(params["name"])
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate.positive(params["timeout"], "timeout")


def desired_tags(params: dict, current: dict) -> dict:
    if params["append_tags"]:
        merged = dict(current.get("tags") or {})
        merged.update(params["tags"])
        return merged
    return dict(params["tags"])


def ensure_present(module: ArmModule, group_id: ResourceId, current: dict) -> dict:
    params = module.params
    if current is None:
        return create(module, group_id)
    if params["location"] and normalize_location(params["location"]) != normalize_location(
        current.get("location")
    ):
        raise invalid_option(
            "location",
            "resource group {} is in {}; the location of a group cannot change".format(
                params["name"], current.get("location")
            ),
        )
    if params["tags"] is None:
        return {
            "changed": False,
            "resource_group": current,
            "diff": build_diff(current, current, Comparator()),
        }
    tags = desired_tags(params, current)
    if tags == (current.get("tags") or {}):
        return {
            "changed": False,
            "resource_group": current,
            "diff": build_diff(current, current, Comparator()),
        }
    expected = dict(current, tags=tags)
    updated = expected
    if not module.check_mode:
        updated = (
            module.client.patch(group_id, {"tags": tags}, RESOURCES, timeout=params["timeout"])
            or expected
        )
    return {
        "changed": True,
        "resource_group": updated,
        "diff": build_diff(current, expected, Comparator()),
    }


def create(module: ArmModule, group_id: ResourceId) -> dict:
    params = module.params
    if not params["location"]:
        raise invalid_option(
            "location", "required to create resource group {}".format(params["name"])
        )
    body = {"location": params["location"], "tags": dict(params["tags"] or {})}
    created = dict(body, id=str(group_id), name=params["name"])
    if not module.check_mode:
        created = module.client.put(group_id, body, RESOURCES, timeout=params["timeout"]) or created
    return {
        "changed": True,
        "resource_group": created,
        "diff": build_diff(None, created, Comparator()),
    }


def contained_resource_ids(module: ArmModule, group_id: ResourceId) -> list | None:
    """Ids of the resources in the group; None when ARM cannot list them (emptiness unknown)."""
    try:
        resources = module.client.list(
            group_id.url_path() + "/resources", RESOURCES, missing_is_empty=False
        )
    except ArmError as err:
        if err.status != 404:
            raise
        return None
    return [resource.get("id") for resource in resources]


def refuse_unforced_delete(name: str, contained: list | None) -> None:
    if contained is None:
        raise invalid_option(
            "force_delete",
            f"cannot list the resources of resource group {name} to check that it is empty; "
            "set force_delete=true to delete it without that check",
        )
    shown = ", ".join(contained[:LISTED_RESOURCES_SHOWN])
    more = (
        f" and {len(contained) - LISTED_RESOURCES_SHOWN} more"
        if len(contained) > LISTED_RESOURCES_SHOWN
        else ""
    )
    raise invalid_option(
        "force_delete",
        f"resource group {name} still holds {len(contained)} resource(s) "
        f"({shown}{more}); set force_delete=true to delete them too",
    )


def ensure_absent(module: ArmModule, group_id: ResourceId, current: dict) -> dict:
    params = module.params
    if current is None:
        return {"changed": False, "resource_group": {}, "diff": {"before": {}, "after": {}}}
    contained = contained_resource_ids(module, group_id)
    if (contained is None or contained) and not params["force_delete"]:
        refuse_unforced_delete(params["name"], contained)
    if not module.check_mode:
        module.client.delete(group_id, RESOURCES, wait=params["wait"], timeout=params["timeout"])
    return {
        "changed": True,
        "resource_group": {},
        "contained_resources": contained or [],
        "diff": build_diff(current, None, Comparator()),
    }


def run(module: ArmModule) -> dict:
    params = module.params
    validate_options(params)
    group_id = ResourceId(module.subscription_id, params["name"])
    current = module.client.get(group_id, RESOURCES)
    if params["state"] == "absent":
        result = ensure_absent(module, group_id, current)
    else:
        result = ensure_present(module, group_id, current)
    result["id"] = str(group_id)
    return result


def main() -> None:
    ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True).execute(run)


if __name__ == "__main__":
    main()
