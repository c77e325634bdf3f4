#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: entra_group
short_description: One Microsoft Entra ID security group and its members
version_added: 0.4.0
description:
  - Ensures the security group named O(display_name) exists with the given members, or does
    not, through Microsoft Graph v1.0.
  - The display name identifies the group; two groups of that name are an error.
  - Members are added by object id; a member created moments before is retried while Entra ID
    replicates it.
author:
  - Litware Cloud Platform Team (@litware)
options:
  display_name:
    description: Display name of the group; it identifies the group.
    type: str
    required: true
  mail_nickname:
    description: Mail alias, set on create. Defaults to the display name without spaces.
    type: str
  description:
    description: Description of the group.
    type: str
  members:
    description:
      - Object ids of the users, groups or service principals that are members. Unset means
        members are not managed.
    type: list
    elements: str
  purge_members:
    description: Remove members not in O(members).
    type: bool
    default: false
  state:
    description: Whether the group should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Put the data scientists in their group
  litware.aml_isolation.entra_group:
    display_name: aml-data-scientists
    members: ["{{ data_scientist.object_id }}"]
"""

RETURN = r"""
object_id:
  description: Object id of the group; empty when absent or about to be created in check mode.
  returned: always
  type: str
display_name:
  description: Display name.
  returned: always
  type: str
members:
  description: Object ids of the members (lower case, sorted).
  returned: when present
  type: list
  elements: str
"""

import re  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    directory_objects,
    validate,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.principals import (  # noqa: E402
    check_mail_nickname,
)

ARGUMENT_SPEC = dict(
    display_name=dict(type="str", required=True),
    mail_nickname=dict(type="str"),
    description=dict(type="str"),
    members=dict(type="list", elements="str"),
    purge_members=dict(type="bool", default=False),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def validate_options(params: dict) -> None:
    if not params["display_name"].strip() or len(params["display_name"]) > 256:
        raise invalid_option("display_name", "must have 1 to 256 characters")
    check_mail_nickname(params["mail_nickname"], "mail_nickname")
    for index, member in enumerate(params["members"] or []):
        validate.uuid(member, f"members[{index}]")


def run(module: ArmModule) -> dict:
    params = module.params
    validate_options(params)
    name = params["display_name"]
    current = directory_objects.find_one(
        module.graph, "groups", "displayName", name, "display_name"
    )
    desired = {"displayName": name, "description": params["description"]}
    if current is None:
        desired.update(
            mailNickname=params["mail_nickname"] or re.sub(r"[^A-Za-z0-9._-]", "", name)[:64],
            mailEnabled=False,
            securityEnabled=True,
        )
    result = directory_objects.ensure_object(
        module, "groups", current, desired, state=params["state"]
    )
    group = result.pop("object")
    if params["state"] == "absent":
        return dict(result, object_id="", display_name=name)
    members = directory_objects.ensure_links(
        module,
        f"groups/{group.get('id')}",
        "members",
        params["members"],
        params["purge_members"],
        known=current is not None,
    )
    if members["changed"]:
        result["changed"] = True
        result["diff"]["before"]["members"] = members["before"]
        result["diff"]["after"]["members"] = members["after"]
    return dict(result, object_id=group.get("id", ""), display_name=name, members=members["after"])


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run)


if __name__ == "__main__":
    main()
