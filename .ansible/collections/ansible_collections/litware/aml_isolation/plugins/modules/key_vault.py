#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: key_vault
short_description: A key vault with RBAC authorization and its soft-delete lifecycle
version_added: 0.3.0
description:
  - Ensures an Azure key vault exists with RBAC authorization, soft delete and public network
    access off unless O(public_network_access) says otherwise; or that it does not exist.
  - Deleting a vault only soft-deletes it; its name stays taken until it is purged. With
    O(state=absent) and O(purge=true) the module also purges it (also when it was deleted
    before). A vault with purge protection cannot be purged; asking for it fails before any
    write.
  - Creating a vault whose name a soft-deleted vault holds fails and says so, unless
    O(recover=true) recovers it.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location. Required to create the vault; it cannot change.
    type: str
  tags:
    description: Tags of the vault (merged into the current ones).
    type: dict
  tenant_id:
    description: Entra ID tenant of the vault. Unset means the tenant of the subscription.
    type: str
  sku:
    description: Pricing tier.
    type: str
    choices: [standard, premium]
    default: standard
  rbac_authorization:
    description: Authorize data-plane access with Azure RBAC instead of access policies.
    type: bool
    default: true
  soft_delete_retention_days:
    description: Days a deleted vault stays recoverable (7-90). It cannot change once created.
    type: int
    default: 7
  purge_protection:
    description:
      - Turn purge protection on. Once on it cannot be turned off, and a deleted vault's name
        stays blocked for the whole retention period. V(false) leaves it off (ARM does not
        accept an explicit false).
    type: bool
    default: false
  purge:
    description: With O(state=absent), purge the soft-deleted vault so its name is free again.
    type: bool
    default: false
  recover:
    description:
      - When a soft-deleted vault holds the name, recover it instead of failing.
    type: bool
    default: false
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.network_access
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Create the workspace's key vault, private endpoints only
  litware.aml_isolation.key_vault:
    name: kv-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    location: brazilsouth

- name: Delete and purge it, so the name can be used again at once
  litware.aml_isolation.key_vault:
    name: kv-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    state: absent
    purge: true
"""

RETURN = r"""
vault_uri:
  description: Data-plane URI of the vault; empty before it exists.
  returned: always
  type: str
purged:
  description: Whether a soft-deleted vault was purged (would be, in check mode).
  returned: always
  type: bool
recovered:
  description: Whether a soft-deleted vault was recovered (would be, in check mode).
  returned: always
  type: bool
id:
  description: Resource id of the vault.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The vault as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current vault.
  returned: when the vault existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import validate  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (  # noqa: E402
    KEY_VAULT,
    RESOURCES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (  # noqa: E402
    UNORDERED,
    Comparator,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.network_access import (  # noqa: E402
    NETWORK_ACCESS_ARGUMENT_SPEC,
    bypass,
    validate_network_access,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def desired_body(params: dict) -> dict:
    return {
        "location": params["location"],
        "tags": params["tags"],
        "properties": {
            "tenantId": params["tenant_id"],
            "sku": {"family": "A", "name": params["sku"]},
            "enableRbacAuthorization": params["rbac_authorization"],
            "enableSoftDelete": True,
            "softDeleteRetentionInDays": params["soft_delete_retention_days"],
            "enablePurgeProtection": True if params["purge_protection"] else None,
            "publicNetworkAccess": params["public_network_access"],
            "networkAcls": {
                "defaultAction": params["network_default_action"],
                "bypass": bypass(params),
                "ipRules": [{"value": rule} for rule in params["ip_rules"]],
            },
        },
    }


def returns(resource: dict) -> dict:
    return {"vault_uri": (resource.get("properties") or {}).get("vaultUri") or ""}


def validate_options(params: dict) -> None:
    validate.global_name(params["name"], "key vault")
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate.uuid(params["tenant_id"], "tenant_id")
    validate_network_access(params)
    if not 7 <= params["soft_delete_retention_days"] <= 90:
        raise invalid_option(
            "soft_delete_retention_days",
            f"must be 7-90 days, got {params['soft_delete_retention_days']}",
        )
    if params["purge"] and params["state"] == "present":
        raise invalid_option("purge", "only applies with state: absent")
    if params["purge"] and params["purge_protection"]:
        raise invalid_option(
            "purge", "a vault with purge protection cannot be purged (purge_protection is true)"
        )


def deleted_vault(client, subscription_id: str, name: str) -> dict | None:
    """The soft-deleted vault holding NAME in the subscription, if any."""
    path = f"/subscriptions/{subscription_id}/providers/Microsoft.KeyVault/deletedVaults"
    for vault in client.list(path, KEY_VAULT):
        if (vault.get("name") or "").lower() == name.lower():
            return vault
    return None


def purge_deleted(engine, deleted: dict) -> None:
    properties = deleted.get("properties") or {}
    path = (
        f"/subscriptions/{engine.resource_id.subscription_id}/providers/Microsoft.KeyVault/"
        f"locations/{properties.get('location')}/deletedVaults/{deleted.get('name')}/purge"
    )
    engine.module.client.post(path, None, KEY_VAULT, wait=True, timeout=engine._timeout)


def refuse_protected_purge(name: str, protected: bool) -> None:
    if protected:
        raise invalid_option(
            "purge",
            f"key vault {name} has purge protection: it cannot be purged and its name stays "
            "blocked until the retention period ends",
        )


def absent(engine, params: dict) -> dict:
    current = engine.read()
    client = engine.module.client
    name = params["name"]
    if current is not None:
        if params["purge"]:
            properties = current.get("properties") or {}
            refuse_protected_purge(name, bool(properties.get("enablePurgeProtection")))
            engine.module.params["wait"] = True  # a purge needs the deletion finished
        result = engine.absent(current)
        deleted = None
        if params["purge"] and not engine.module.check_mode:
            deleted = deleted_vault(client, engine.resource_id.subscription_id, name)
            if deleted is not None:
                purge_deleted(engine, deleted)
        return dict(result, purged=bool(params["purge"]), recovered=False)
    result = engine.absent(None)
    if not params["purge"]:
        return dict(result, purged=False, recovered=False)
    deleted = deleted_vault(client, engine.resource_id.subscription_id, name)
    if deleted is None:
        return dict(result, purged=False, recovered=False)
    refuse_protected_purge(
        name, bool((deleted.get("properties") or {}).get("purgeProtectionEnabled"))
    )
    if not engine.module.check_mode:
        purge_deleted(engine, deleted)
    return dict(result, changed=True, purged=True, recovered=False)


def present(engine, params: dict, desired: dict) -> dict:
    client = engine.module.client
    current = engine.read()
    if current is not None:
        properties = current.get("properties") or {}
        if properties.get("enablePurgeProtection") and not params["purge_protection"]:
            raise invalid_option(
                "purge_protection",
                f"{engine.resource_id} has purge protection on; it cannot be turned off",
            )
        desired["properties"]["tenantId"] = desired["properties"]["tenantId"] or properties.get(
            "tenantId"
        )
        return dict(engine.present(current, desired), purged=False, recovered=False)
    if not desired["properties"]["tenantId"]:
        subscription = client.get(f"/subscriptions/{engine.resource_id.subscription_id}", RESOURCES)
        desired["properties"]["tenantId"] = (subscription or {}).get("tenantId")
    deleted = deleted_vault(client, engine.resource_id.subscription_id, params["name"])
    if deleted is None:
        return dict(engine.present(None, desired), purged=False, recovered=False)
    if not params["recover"]:
        purge_date = (deleted.get("properties") or {}).get("scheduledPurgeDate") or "its purge date"
        raise invalid_option(
            "name",
            f"a soft-deleted key vault holds the name {params['name']} until {purge_date}: "
            "set recover: true to recover it, or purge it (state: absent, purge: true) "
            "unless it has purge protection",
        )
    desired["properties"]["createMode"] = "recover"
    return dict(engine.present(None, desired), purged=False, recovered=True)


def ensure(engine, params: dict, desired: dict | None) -> dict:
    if params["state"] == "absent":
        return absent(engine, params)
    return present(engine, params, desired)


KEY_VAULT_RESOURCE = TypedResource(
    resource_type="Microsoft.KeyVault/vaults",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        tenant_id=dict(type="str"),
        sku=dict(type="str", choices=["standard", "premium"], default="standard"),
        rbac_authorization=dict(type="bool", default=True),
        soft_delete_retention_days=dict(type="int", default=7),
        purge_protection=dict(type="bool", default=False),
        purge=dict(type="bool", default=False),
        recover=dict(type="bool", default=False),
        **NETWORK_ACCESS_ARGUMENT_SPEC,
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    ensure=ensure,
    rules=Rules(
        Comparator(
            "microsoft.keyvault/vaults",
            list_modes={"properties.networkAcls.ipRules": UNORDERED},
        ),
        create_requires={"location": "location"},
        immutable={
            "location": "location",
            "soft_delete_retention_days": "properties.softDeleteRetentionInDays",
        },
    ),
)


def main() -> None:
    run_typed_module(KEY_VAULT_RESOURCE)


if __name__ == "__main__":
    main()
