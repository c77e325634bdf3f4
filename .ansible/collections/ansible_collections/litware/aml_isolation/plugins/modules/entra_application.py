#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: entra_application
short_description: One Microsoft Entra ID application, its service principal and owners
version_added: 0.4.0
description:
  - Ensures the application (app registration) named O(display_name) exists with its service
    principal and owners, or does not, through Microsoft Graph v1.0.
  - The display name identifies the application; two applications of that name are an error.
  - No credential (secret or certificate) is made here; a deployment that needs one adds it
    where it is stored.
author:
  - Litware Cloud Platform Team (@litware)
options:
  display_name:
    description: Display name of the application; it identifies the application.
    type: str
    required: true
  sign_in_audience:
    description: Who may sign in; set on create, compared afterwards when given.
    type: str
    choices: [AzureADMyOrg, AzureADMultipleOrgs]
  owners:
    description:
      - Object ids of the owners of both the application and its service principal. Unset
        means owners are not managed.
    type: list
    elements: str
  purge_owners:
    description: Remove owners not in O(owners).
    type: bool
    default: false
  state:
    description: Whether the application (and with it its service principal) should exist.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the service principal of credential-based datastores
  litware.aml_isolation.entra_application:
    display_name: aml-datastore-reader
    owners: ["{{ administrator.object_id }}"]
"""

RETURN = r"""
object_id:
  description: Object id of the application; empty when absent or about to be created.
  returned: always
  type: str
app_id:
  description: Application (client) id; empty when absent or about to be created.
  returned: always
  type: str
service_principal_object_id:
  description: Object id of the service principal (what role assignments name).
  returned: always
  type: str
owners:
  description: Object ids of the application's owners (lower case, sorted).
  returned: when present
  type: list
  elements: str
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    directory_objects,
    validate,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402

ARGUMENT_SPEC = dict(
    display_name=dict(type="str", required=True),
    sign_in_audience=dict(type="str", choices=["AzureADMyOrg", "AzureADMultipleOrgs"]),
    owners=dict(type="list", elements="str"),
    purge_owners=dict(type="bool", default=False),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def validate_options(params: dict) -> None:
    if not params["display_name"].strip() or len(params["display_name"]) > 120:
        raise invalid_option("display_name", "must have 1 to 120 characters")
    for index, owner in enumerate(params["owners"] or []):
        validate.uuid(owner, f"owners[{index}]")


def ensure_service_principal(module: ArmModule, application: dict, created: bool) -> dict:
    """{changed, object}: the application's service principal, made when missing."""
    app_id = application.get("appId")
    current = None
    if app_id and not created:
        current = directory_objects.find_one(
            module.graph, "servicePrincipals", "appId", app_id, "display_name"
        )
    if current is not None:
        return {"changed": False, "object": current}
    if module.check_mode:
        return {"changed": True, "object": {}}
    # The application may be seconds old: its appId is retried while it replicates.
    principal = module.graph.post("servicePrincipals", {"appId": app_id}, names_new_object=True)
    return {"changed": True, "object": principal}


def run(module: ArmModule) -> dict:
    params = module.params
    validate_options(params)
    name = params["display_name"]
    graph = module.graph
    current = directory_objects.find_one(graph, "applications", "displayName", name, "display_name")
    desired = {"displayName": name, "signInAudience": params["sign_in_audience"]}
    if current is None:
        desired["signInAudience"] = desired["signInAudience"] or "AzureADMyOrg"
    result = directory_objects.ensure_object(
        module, "applications", current, desired, state=params["state"]
    )
    application = result.pop("object")
    if params["state"] == "absent":
        return dict(result, object_id="", app_id="", service_principal_object_id="")
    principal = ensure_service_principal(module, application, created=current is None)
    if principal["changed"]:
        result["changed"] = True
        result["diff"]["after"]["servicePrincipal"] = "present"
        result["diff"]["before"]["servicePrincipal"] = "absent"
    owners = directory_objects.ensure_links(
        module,
        f"applications/{application.get('id')}",
        "owners",
        params["owners"],
        params["purge_owners"],
        known=current is not None,
    )
    principal_known = current is not None and not principal["changed"]
    if principal["object"]:
        directory_objects.ensure_links(
            module,
            f"servicePrincipals/{principal['object']['id']}",
            "owners",
            params["owners"],
            params["purge_owners"],
            known=principal_known,
        )
    if owners["changed"]:
        result["changed"] = True
        result["diff"]["before"]["owners"] = owners["before"]
        result["diff"]["after"]["owners"] = owners["after"]
    return dict(
        result,
        object_id=application.get("id", ""),
        app_id=application.get("appId", ""),
        service_principal_object_id=principal["object"].get("id", ""),
        owners=owners["after"],
    )


def main() -> None:
    module = ArmModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.execute(run)


if __name__ == "__main__":
    main()
