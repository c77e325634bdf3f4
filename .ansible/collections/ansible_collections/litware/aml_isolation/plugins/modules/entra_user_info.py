#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: entra_user_info
short_description: Look up one Microsoft Entra ID user by user principal name or object id
version_added: 0.4.0
description:
  - Reads one user through Microsoft Graph v1.0; never writes.
  - For platforms where users are made elsewhere, this is how a deployment finds them.
author:
  - Litware Cloud Platform Team (@litware)
options:
  user_principal_name:
    description: The user's sign-in name.
    type: str
  object_id:
    description: The user's object id.
    type: str
  required:
    description: Fail, naming the user, when it does not exist (instead of C(exists=false)).
    type: bool
    default: false
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Find the administrator made by the identity team
  litware.aml_isolation.entra_user_info:
    user_principal_name: aml.admin@contoso.com
    required: true
  register: administrator
"""

RETURN = r"""
exists:
  description: Whether the user exists.
  returned: always
  type: bool
object_id:
  description: Object id of the user; empty when it does not exist.
  returned: always
  type: str
user_principal_name:
  description: The user principal name; empty when it does not exist.
  returned: always
  type: str
display_name:
  description: Display name.
  returned: when it exists
  type: str
account_enabled:
  description: Whether the user can sign in.
  returned: when it exists
  type: bool
"""

from urllib.parse import quote  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.principals import (  # noqa: E402
    check_user_principal_name,
)

ARGUMENT_SPEC = dict(
    user_principal_name=dict(type="str"),
    object_id=dict(type="str"),
    required=dict(type="bool", default=False),
)


def run(module: ArmModule) -> dict:
    params = module.params
    if params["user_principal_name"] is not None:
        check_user_principal_name(params["user_principal_name"], "user_principal_name")
        option, key = "user_principal_name", params["user_principal_name"]
    else:
        validate.uuid(params["object_id"], "object_id")
        option, key = "object_id", params["object_id"]
    user = module.graph.get(f"users/{quote(key)}")
    if user is None:
        if params["required"]:
            raise invalid_option(option, f"no user {key} in the directory")
        return {"changed": False, "exists": False, "object_id": "", "user_principal_name": ""}
    return {
        "changed": False,
        "exists": True,
        "object_id": user["id"],
        "user_principal_name": user.get("userPrincipalName", ""),
        "display_name": user.get("displayName"),
        "account_enabled": user.get("accountEnabled"),
    }


def main() -> None:
    module = ArmModule(
        argument_spec=ARGUMENT_SPEC,
        supports_check_mode=True,
        required_one_of=[("user_principal_name", "object_id")],
        mutually_exclusive=[("user_principal_name", "object_id")],
    )
    module.execute(run)


if __name__ == "__main__":
    main()
