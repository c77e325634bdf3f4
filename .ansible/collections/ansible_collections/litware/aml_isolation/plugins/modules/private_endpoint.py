#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: private_endpoint
short_description: A private endpoint to one sub-resource of a target, with its DNS zone group
version_added: 0.3.0
description:
  - Ensures an Azure private endpoint in O(subnet_id) connects to the sub-resource O(group_id)
    of O(target_id), and that its DNS zone group O(zone_group_name) registers the target's names
    in O(private_dns_zone_ids); or that the endpoint does not exist (its zone group, network
    interface, DNS records and the connection on the target go with it).
  - Waits until the connection on the target is C(Approved). With O(approve=true) it approves a
    C(Pending) connection on the target itself (the caller needs the target's
    C(privateEndpointConnectionsApproval/action)); otherwise, and for a C(Rejected) connection, it
    fails with the connection's state and description.
  - A O(group_id) that the type of O(target_id) does not offer fails before any request.
  - With O(wait=false) only the endpoint's write is started (for
    M(litware.aml_isolation.arm_operation_wait)); run the module again with O(wait=true) to add
    the zone group and wait for the approval. When the endpoint already exists as wanted and
    is provisioned, nothing is started and the zone group and approval are handled at once
    (RV(connection) then shows C(Approved)).
  - An endpoint that exists unchanged and whose own connection state shows C(Approved) is not
    looked up on its target.
author:
  - Litware Cloud Platform Team (@litware)
options:
  location:
    description: Azure location (the subnet's). Required to create the endpoint; it cannot change.
    type: str
  tags:
    description: Tags of the endpoint (merged into the current ones).
    type: dict
  subnet_id:
    description: Resource id of the subnet. Required to create the endpoint; it cannot change.
    type: str
  target_id:
    description:
      - Resource id of the private-link target (ML workspace, storage account, key vault,
        container registry, Azure Monitor Private Link Scope, SQL server). Required to create
        the endpoint; it cannot change.
    type: str
  group_id:
    description:
      - The sub-resource of O(target_id) (V(amlworkspace), V(blob), V(file), V(dfs), V(vault),
        V(registry), V(azuremonitor), V(sqlServer), ...). Required with O(target_id).
    type: str
  private_dns_zone_ids:
    description:
      - Resource ids of the private DNS zones (at most 5) the zone group writes the target's
        records into. V([]) removes the zone group; unset leaves it unmanaged.
    type: list
    elements: str
  zone_group_name:
    description: Name of the DNS zone group.
    type: str
    default: default
  manual:
    description:
      - Ask for a manual connection (C(manualPrivateLinkServiceConnections)); the target's owner
        must approve it. Otherwise the connection is automatic (approved at once when the caller
        may approve it). Only decides how a new endpoint asks; an existing one keeps its kind.
    type: bool
    default: false
  request_message:
    description: Message shown to the target's owner with a manual request.
    type: str
    default: ""
  approve:
    description: Approve a C(Pending) connection of this endpoint on the target.
    type: bool
    default: false
  approval_description:
    description: Description written with the approval.
    type: str
    default: Approved by litware.aml_isolation
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: One workspace endpoint whose zone group holds both workspace zones
  litware.aml_isolation.private_endpoint:
    name: pe-aml
    resource_group: rg-aml-privatelink
    location: eastus
    subnet_id: "{{ network_subnet_ids['private-endpoints'] }}"
    target_id: "{{ workspace_id }}"
    group_id: amlworkspace
    private_dns_zone_ids:
      - "{{ zone_prefix }}/privatelink.api.azureml.ms"
      - "{{ zone_prefix }}/privatelink.notebooks.azure.net"
  register: pe

- name: A manual request, approved on the target by the same task
  litware.aml_isolation.private_endpoint:
    name: pe-kv
    resource_group: rg-aml-privatelink
    location: eastus
    subnet_id: "{{ network_subnet_ids['private-endpoints'] }}"
    target_id: "{{ workspace_key_vault_id }}"
    group_id: vault
    private_dns_zone_ids: ["{{ zone_prefix }}/privatelink.vaultcore.azure.net"]
    manual: true
    approve: true
"""

RETURN = r"""
private_ips:
  description: Private IP addresses of the endpoint's network interface.
  returned: always
  type: list
  elements: str
  sample: [10.0.20.4]
records:
  description: The DNS records the zone group registered, as ARM reports them.
  returned: always
  type: list
  elements: dict
  sample: [{fqdn: stml1.privatelink.blob.core.windows.net, ip_addresses: [10.0.20.5]}]
connection:
  description: The state of the endpoint's connection on the target.
  returned: always
  type: dict
  sample: {status: Approved, description: Auto-Approved, actions_required: None}
network_interface_id:
  description: Resource id of the endpoint's network interface; empty when absent.
  returned: always
  type: str
zone_group:
  description: The DNS zone group as ARM returned it; empty when there is none.
  returned: always
  type: dict
id:
  description: Resource id of the endpoint.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The endpoint as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current endpoint.
  returned: when the endpoint existed and was updated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    private_endpoints,
    validate,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    DesiredState,
    Rules,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)

ZONE_GROUPS = "privateDnsZoneGroups"
_MAX_ZONES = 5


def connection_key(params: dict) -> str:
    return (
        "manualPrivateLinkServiceConnections"
        if params["manual"]
        else "privateLinkServiceConnections"
    )


def desired_body(params: dict) -> dict:
    connections = None
    if params["target_id"]:
        request = {
            "privateLinkServiceId": params["target_id"],
            "groupIds": [params["group_id"]],
        }
        if params["manual"]:
            request["requestMessage"] = params["request_message"]
        connections = [{"name": params["name"], "properties": request}]
    subnet = {"id": params["subnet_id"]} if params["subnet_id"] else None
    return {
        "location": params["location"],
        "tags": params["tags"],
        "properties": {"subnet": subnet, connection_key(params): connections},
    }


def zone_group_body(params: dict) -> dict:
    return {
        "properties": {
            "privateDnsZoneConfigs": [
                {
                    "name": zone_id.rstrip("/").rsplit("/", 1)[1].replace(".", "-"),
                    "properties": {"privateDnsZoneId": zone_id},
                }
                for zone_id in params["private_dns_zone_ids"]
            ]
        }
    }


def validate_options(params: dict) -> None:
    validate.location(params["location"])
    validate.tags(params["tags"])
    validate.resource_id_of(
        params["subnet_id"], "Microsoft.Network/virtualNetworks/subnets", "subnet_id"
    )
    if params["target_id"]:
        if not params["group_id"]:
            raise invalid_option("group_id", "required with target_id")
        private_endpoints.check_target(params["target_id"], params["group_id"])
    zones = params["private_dns_zone_ids"] or []
    if len(zones) > _MAX_ZONES:
        raise invalid_option(
            "private_dns_zone_ids", f"a zone group holds at most {_MAX_ZONES} zones"
        )
    for zone_id in zones:
        validate.resource_id_of(
            zone_id, "Microsoft.Network/privateDnsZones", "private_dns_zone_ids"
        )
    if len({z.lower() for z in zones}) != len(zones):
        raise invalid_option("private_dns_zone_ids", "a zone appears twice")


def rules(params: dict) -> Rules:
    path = f"properties.{connection_key(params)}.0.properties"
    return Rules(
        create_requires={
            "location": "location",
            "subnet_id": "properties.subnet",
            "target_id": f"{path}.privateLinkServiceId",
        },
        # The target and the group id cannot change either: ARM refuses such an update.
        immutable={"location": "location", "subnet_id": "properties.subnet.id"},
    )


def ensure(engine: DesiredState, params: dict, desired: dict | None) -> dict:
    module = engine.module
    current = engine.read()
    if params["state"] == "absent":
        result = engine.absent(current)
    else:
        result = engine.present(current, _same_kind(desired, current))
    result["zone_group"] = {}
    result["connection"] = private_endpoints.status_of(None)
    endpoint = result["resource"] or {}
    if params["state"] == "absent" or (not params["wait"] and not _settled(result, endpoint)):
        return result
    endpoint_id = str(engine.resource_id)
    # In check mode an endpoint that would be created has no zone group or connection to read.
    would_create = module.check_mode and result["changed"] and "changed_properties" not in result
    target_id = params["target_id"] or _target_of(endpoint)
    zone_engine = DesiredState(
        module, engine.resource_id.child(ZONE_GROUPS, params["zone_group_name"]), engine.api_version
    )
    if params["private_dns_zone_ids"] is not None:
        zone_state = "present" if params["private_dns_zone_ids"] else "absent"
        zone_current = None if would_create else zone_engine.read()
        if zone_state == "absent":
            zone_result = zone_engine.absent(zone_current)
        else:
            zone_result = zone_engine.present(zone_current, zone_group_body(params))
        _merge_diff(result, zone_result, ZONE_GROUPS)
        result["zone_group"] = zone_result["resource"]
    elif not would_create:
        result["zone_group"] = zone_engine.read() or {}
    if would_create:
        return result
    mirrored = _own_connection_state(endpoint)
    if not result["changed"] and mirrored["status"] == private_endpoints.APPROVED:
        # ARM mirrors the target's decision on the endpoint: no read of the target needed.
        result["connection"] = mirrored
        return result
    connection, approved = private_endpoints.wait_for_approval(
        module, target_id, endpoint_id, params["approve"], params["approval_description"]
    )
    result["changed"] = result["changed"] or approved
    result["connection"] = private_endpoints.status_of(connection)
    if approved:
        result.setdefault("diff", {}).setdefault("after", {})["connection"] = "Approved"
        result["diff"].setdefault("before", {})["connection"] = "Pending"
        result["resource"] = engine.read() or endpoint
    return result


def _same_kind(desired: dict | None, current: dict | None) -> dict | None:
    """An automatic or manual connection is chosen at create: an existing endpoint keeps its
    kind (ARM cannot change it), so `manual` only decides how a new endpoint asks."""
    if desired is None or current is None:
        return desired
    existing = current.get("properties") or {}
    wanted = desired["properties"]
    for key, other in (
        ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"),
        ("manualPrivateLinkServiceConnections", "privateLinkServiceConnections"),
    ):
        if wanted.get(key) and not existing.get(key) and existing.get(other):
            request = wanted.pop(key)
            request[0]["properties"].pop("requestMessage", None)
            wanted[other] = request
    return desired


def _settled(result: dict, endpoint: dict) -> bool:
    """With wait=false: nothing was started and the endpoint exists, provisioned, so its zone
    group and connection are handled at once (a converged run needs no second pass)."""
    properties = endpoint.get("properties") or {}
    return (
        result["operation"].get("method") is None
        and bool(endpoint.get("id"))
        and str(properties.get("provisioningState") or "").lower() == "succeeded"
    )


def _own_connection_state(endpoint: dict) -> dict:
    """The connection state the endpoint itself shows (ARM copies it from the target)."""
    properties = endpoint.get("properties") or {}
    for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
        for item in properties.get(key) or []:
            return private_endpoints.status_of(item)
    return private_endpoints.status_of(None)


def _target_of(endpoint: dict) -> str:
    properties = endpoint.get("properties") or {}
    for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
        for item in properties.get(key) or []:
            return str((item.get("properties") or {}).get("privateLinkServiceId") or "")
    return ""


def _merge_diff(result: dict, zone_result: dict, key: str) -> None:
    result["changed"] = result["changed"] or zone_result["changed"]
    diff = result.setdefault("diff", {"before": {}, "after": {}})
    diff.setdefault("before", {})[key] = zone_result["diff"].get("before") or {}
    diff.setdefault("after", {})[key] = zone_result["diff"].get("after") or {}


def returns(resource: dict) -> dict:
    return {
        "network_interface_id": next(
            (
                n.get("id", "")
                for n in (resource.get("properties") or {}).get("networkInterfaces") or []
            ),
            "",
        ),
        "private_ips": sorted(
            {
                address
                for config in (resource.get("properties") or {}).get("customDnsConfigs") or []
                for address in config.get("ipAddresses") or []
            }
        ),
    }


def _records(zone_group: dict) -> list:
    return [
        {"fqdn": record.get("fqdn", ""), "ip_addresses": record.get("ipAddresses") or []}
        for config in (zone_group.get("properties") or {}).get("privateDnsZoneConfigs") or []
        for record in (config.get("properties") or {}).get("recordSets") or []
    ]


def ensure_with_records(engine: DesiredState, params: dict, desired: dict | None) -> dict:
    result = ensure(engine, params, desired)
    result["records"] = _records(result["zone_group"])
    return result


PRIVATE_ENDPOINT = TypedResource(
    resource_type="Microsoft.Network/privateEndpoints",
    argument_spec=dict(
        location=dict(type="str"),
        tags=dict(type="dict"),
        subnet_id=dict(type="str"),
        target_id=dict(type="str"),
        group_id=dict(type="str"),
        private_dns_zone_ids=dict(type="list", elements="str"),
        zone_group_name=dict(type="str", default="default"),
        manual=dict(type="bool", default=False),
        request_message=dict(type="str", default=""),
        approve=dict(type="bool", default=False),
        approval_description=dict(type="str", default="Approved by litware.aml_isolation"),
    ),
    desired_body=desired_body,
    returns=returns,
    validate=validate_options,
    rules=rules,
    ensure=ensure_with_records,
)


def main() -> None:
    run_typed_module(PRIVATE_ENDPOINT)


if __name__ == "__main__":
    main()
