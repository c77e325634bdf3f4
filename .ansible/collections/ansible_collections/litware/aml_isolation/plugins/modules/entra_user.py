#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: entra_user
short_description: One Microsoft Entra ID user, by user principal name
version_added: 0.4.0
description:
  - Ensures the user O(user_principal_name) exists with the given properties, or does not,
    through Microsoft Graph v1.0 with the same credential as every module of the collection.
  - The password is write-only. It is sent when the user is created (and, with
    O(update_password=always), on every run); it is never read back, compared or shown, so a
    re-run with the same options reports no change.
  - Keep the password out of files in clear text; take it from Ansible Vault.
author:
  - Litware Cloud Platform Team (@litware)
options:
  user_principal_name:
    description: The user's sign-in name (C(name@domain)); it identifies the user.
    type: str
    required: true
  display_name:
    description: Display name. Defaults to the part of O(user_principal_name) before C(@) on create.
    type: str
  mail_nickname:
    description: Mail alias. Defaults to the part of O(user_principal_name) before C(@) on create.
    type: str
  account_enabled:
    description: Whether the user can sign in. A new user is enabled unless this says otherwise.
    type: bool
  password:
    description:
      - The initial password, needed to create the user. Entra ID requires 8 to 256
        characters with three of lower case, upper case, digits and symbols.
    type: str
  force_change_password_next_sign_in:
    description: Whether the user must change the password at the next sign-in.
    type: bool
    default: true
  update_password:
    description:
      - C(on_create) sends the password only when the user is created; C(always) sets it on
        every run (and so always reports a change).
    type: str
    choices: [on_create, always]
    default: on_create
  state:
    description: Whether the user should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the data scientist (password from Ansible Vault)
  litware.aml_isolation.entra_user:
    user_principal_name: data.scientist@contoso.onmicrosoft.com
    display_name: Data Scientist
    password: "{{ vault_data_scientist_password }}"
"""

RETURN = r"""
object_id:
  description: Object id of the user; empty when absent or about to be created in check mode.
  returned: always
  type: str
user_principal_name:
  description: The user principal name.
  returned: always
  type: str
display_name:
  description: Display name.
  returned: when present
  type: str
account_enabled:
  description: Whether the user can sign in.
  returned: when present
  type: bool
"""

from urllib.parse import quote  # noqa: E402

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    directory_objects,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.principals import (  # noqa: E402
    check_password,
    check_user_principal_name,
    mail_nickname_of,
)

ARGUMENT_SPEC = dict(
    user_principal_name=dict(type="str", required=True),
    display_name=dict(type="str"),
    mail_nickname=dict(type="str"),
    account_enabled=dict(type="bool"),
    password=dict(type="str", no_log=True),
    force_change_password_next_sign_in=dict(type="bool", default=True, no_log=False),
    update_password=dict(
        type="str", choices=["on_create", "always"], default="on_create", no_log=False
    ),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def run(module: ArmModule) -> dict:
    params = module.params
    upn = params["user_principal_name"]
    check_user_principal_name(upn, "user_principal_name")
    if params["password"] is not None:
        check_password(params["password"], "password")
    if params["update_password"] == "always" and params["password"] is None:
        raise invalid_option("password", "update_password=always needs a password")
    current = module.graph.get(f"users/{quote(upn)}")
    desired = {
        "userPrincipalName": upn,
        "displayName": params["display_name"],
        "mailNickname": params["mail_nickname"],
        "accountEnabled": params["account_enabled"],
    }
    write_only: dict = {}
    profile = {
        "password": params["password"],
        "forceChangePasswordNextSignIn": params["force_change_password_next_sign_in"],
    }
    if params["state"] == "present" and current is None:
        if params["password"] is None:
            raise invalid_option(
                "password", f"the user {upn} does not exist; a password creates it"
            )
        local_part = mail_nickname_of(upn)
        desired["displayName"] = desired["displayName"] or local_part
        desired["mailNickname"] = desired["mailNickname"] or local_part
        desired["accountEnabled"] = (
            True if desired["accountEnabled"] is None else desired["accountEnabled"]
        )
        write_only = {"passwordProfile": profile}
    result = directory_objects.ensure_object(
        module, "users", current, desired, write_only, params["state"]
    )
    if (
        params["state"] == "present"
        and current is not None
        and params["update_password"] == "always"
    ):
        if not module.check_mode:
            module.graph.patch(f"users/{current['id']}", {"passwordProfile": profile})
        result["changed"] = True
        result["diff"]["after"] = dict(result["diff"]["after"], passwordProfile="(set)")
    user = result.pop("object")
    return dict(
        result,
        object_id=user.get("id", ""),
        user_principal_name=upn,
        **(
            {
                "display_name": user.get("displayName"),
                "account_enabled": user.get("accountEnabled"),
            }
            if user
            else {}
        ),
    )


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run)


if __name__ == "__main__":
    main()
