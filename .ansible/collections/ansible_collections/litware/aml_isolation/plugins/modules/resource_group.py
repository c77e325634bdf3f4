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
api_version:
  description: The api-version used.
  returned: always
  type: str
  sample: "2025-04-01"
changed_properties:
  description: Dotted paths of what differed from the current group, such as C(tags.owner).
  returned: when the group existed and was updated
  type: list
  elements: str
  sample: [tags.cost]
operation:
  description:
    - With O(wait=false), the handle of the started operation (a delete), for
      M(litware.aml_isolation.arm_operation_wait); C(method) is V(null) when nothing was started.
  returned: when O(wait=false)
  type: dict
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
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    PATCH,
    DesiredState,
    Rules,
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


def rules(params: dict) -> Rules:
    """Tags are merged into the current ones, or with append_tags=false replace them all."""
    exact = () if params["append_tags"] else ("tags",)
    return Rules(
        Comparator(exact_paths=exact),
        update_method=PATCH,
        create_requires={"location": "location"},
        immutable={"location": "location"},
        result_key="resource_group",
    )


def desired_body(params: dict) -> dict:
    return {"location": params["location"], "tags": params["tags"]}


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


def ensure_absent(engine: DesiredState, current: dict | None) -> dict:
    params = engine.module.params
    if current is None:
        return engine.absent(current)
    contained = contained_resource_ids(engine.module, engine.resource_id)
    if (contained is None or contained) and not params["force_delete"]:
        refuse_unforced_delete(params["name"], contained)
    result = engine.absent(current)
    result["contained_resources"] = contained or []
    return result


def run(module: ArmModule) -> dict:
    params = module.params
    validate_options(params)
    group_id = ResourceId(module.subscription_id, params["name"])
    engine = DesiredState(module, group_id, RESOURCES, rules(params))
    current = engine.read()
    if params["state"] == "absent":
        return ensure_absent(engine, current)
    if current is None and params["tags"] is None:
        # A new group gets an empty tag set rather than none at all.
        params = dict(params, tags={})
    return engine.present(current, desired_body(params))


def main() -> None:
    ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True).execute(run)


if __name__ == "__main__":
    main()
