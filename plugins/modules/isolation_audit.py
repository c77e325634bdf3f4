#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: isolation_audit
short_description: Checks every network isolation invariant of a deployment against what it declared
version_added: 0.4.0
description:
  - Reads the deployment with GET requests only and compares it with the declared state (what
    the deployment intended), one result per check and resource
    (C(check), C(resource), C(expected), C(actual), C(severity), C(passed), C(evidence)).
  - Public network access off (or exactly the declared opt-in), every private endpoint
    approved and registered in its zones, every required name resolving to a private address
    through the linked zones, no public IP address, NIC, VM or ML compute with a public IP
    unless declared, computes in the intended subnets, NSG rules exactly as declared, the
    default route of the routed subnets to the firewall, firewall policy rules equal to the
    allow-list, diagnostic settings present, role assignments exactly the declared table.
  - A section left empty is not checked. Never writes; check mode changes nothing.
  - With O(read_log) of a run that wrote nothing (a converged run, or one in check mode), what
    that run already read comes from the log rather than a second GET; in any other case
    everything is read anew (a write may have changed what was read before it).
author:
  - Litware Cloud Platform Team (@litware)
options:
  public_access:
    description: Resources whose public network access must be off, or exactly the declared opt-in.
    type: list
    elements: dict
    default: []
    suboptions:
      id:
        description: Resource id (workspace, storage account, key vault, registry).
        type: str
        required: true
      enabled:
        description: Public access is the declared opt-in (enabled, default action Deny).
        type: bool
        default: false
      ip_rules:
        description: The IPv4 rules the opt-in admits; any other rule fails the check.
        type: list
        elements: str
        default: []
  private_endpoints:
    description: Private endpoints that must be approved and registered in their zones.
    type: list
    elements: dict
    default: []
    suboptions:
      id:
        description: Resource id of the endpoint.
        type: str
        required: true
      zone_ids:
        description: Private DNS zones its zone group must name.
        type: list
        elements: str
        default: []
  dns:
    description:
      - Names that must resolve to a private address through the zones linked to the VNet,
        besides every name the endpoints of O(private_endpoints) serve.
    type: dict
    suboptions:
      fqdns:
        description: The names.
        type: list
        elements: str
        default: []
      zone_ids:
        description: The private DNS zones.
        type: list
        elements: str
        default: []
      vnet_id:
        description: The VNet the zones must be linked to.
        type: str
        default: ""
      subnet_prefix:
        description: When set, every address must also be in this prefix.
        type: str
        default: ""
  resource_groups:
    description: Resource group ids whose public IPs, NICs and VMs are checked.
    type: list
    elements: str
    default: []
  allowed_public_ip_ids:
    description: Public IP addresses the deployment declared (opt-ins, the firewall's).
    type: list
    elements: str
    default: []
  workspace_id:
    description: The workspace whose computes are checked. Empty skips that check.
    type: str
    default: ""
  compute_subnet_ids:
    description: Subnets computes may be in.
    type: list
    elements: str
    default: []
  compute_public_ip:
    description: Computes may have a public IP (opt-in).
    type: bool
    default: false
  security_groups:
    description: NSGs with exactly their declared rules.
    type: list
    elements: dict
    default: []
    suboptions:
      id:
        description: Resource id of the NSG.
        type: str
        required: true
      rules:
        description: >-
          The declared rules, in the vocabulary of M(litware.aml_isolation.network_security_group)
          (C(name), C(priority), C(direction), C(access), C(protocol), C(source_address_prefix),
          C(source_port_range), C(destination_address_prefix), C(destination_port_range)).
        type: list
        elements: dict
        default: []
  routes:
    description: Subnets whose route table sends 0.0.0.0/0 to the firewall.
    type: list
    elements: dict
    default: []
    suboptions:
      subnet_id:
        description: The subnet.
        type: str
        required: true
      route_table_id:
        description: The route table it must use.
        type: str
        required: true
      next_hop_ip:
        description: The firewall's private address.
        type: str
        required: true
  firewall_policy:
    description: The firewall policy and the rule collection groups the allow-list gives.
    type: dict
    suboptions:
      id:
        description: Resource id of the policy.
        type: str
        required: true
      rule_collection_groups:
        description:
          - The groups (C(name), C(priority), C(ruleCollections)) as the firewall_policy_rules
            filter returns them.
        type: list
        elements: dict
        default: []
  diagnostic_settings:
    description: Diagnostic settings that must exist.
    type: list
    elements: dict
    default: []
    suboptions:
      resource_id:
        description: The resource.
        type: str
        required: true
      name:
        description: Name of the setting.
        type: str
        required: true
      workspace_id:
        description: When set, the Log Analytics workspace it must send to.
        type: str
        default: ""
  role_assignments:
    description:
      - The declared role assignments; any other assignment inside O(role_assignment_scopes)
        fails.
    type: list
    elements: dict
    default: []
    suboptions:
      principal_id:
        description: Object id of the principal.
        type: str
        required: true
      role:
        description: Built-in role name (or role definition GUID).
        type: str
        required: true
      scope:
        description: Scope of the assignment.
        type: str
        required: true
  role_assignment_scopes:
    description:
      - Scopes (the resource groups) inside which the assignments must be exactly the declared
        ones. Empty skips that check.
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes.INFO_MODULE
"""

EXAMPLES = r"""
- name: Audit public access and the endpoints
  litware.aml_isolation.isolation_audit:
    public_access:
      - id: "{{ workspace_id }}"
      - id: "{{ workspace_storage_account_id }}"
    private_endpoints:
      - id: "{{ private_endpoints_endpoints[0].id }}"
        zone_ids: ["{{ zone_prefix }}/privatelink.blob.core.windows.net"]
  register: audit

- name: Fail on any failed check
  ansible.builtin.assert:
    that: audit.summary.failed == 0
"""

RETURN = r"""
results:
  description: One entry per check and resource.
  returned: always
  type: list
  elements: dict
  contains:
    check:
      description: The invariant (C(public_network_access), C(nsg_rules), ...).
      type: str
    resource:
      description: What was checked (a resource id, a name).
      type: str
    expected:
      description: What the declared state says.
      type: raw
    actual:
      description: What is deployed.
      type: raw
    severity:
      description: V(error) or V(warning).
      type: str
    passed:
      description: Whether the invariant holds.
      type: bool
    status:
      description: V(pass) or V(fail).
      type: str
    evidence:
      description: What was read, in a sentence.
      type: str
summary:
  description: C(checks), C(passed), C(failed) and C(failed_by_severity).
  returned: always
  type: dict
reads:
  description:
    - C(requests), the GET requests the audit sent, and C(from_run), the reads it took from
      O(read_log) instead.
  returned: always
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (  # noqa: E402
    isolation_checks as checks,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.module import ArmModule  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (  # noqa: E402
    reads_of_unchanged_run,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (  # noqa: E402
    parse_resource_id,
)

ID_OPTIONS = ("workspace_id",)
ID_LIST_OPTIONS = ("allowed_public_ip_ids", "compute_subnet_ids")


def validate(params: dict) -> None:
    """Every id parses before the first read (the error names the option)."""
    for option in ID_OPTIONS:
        if params[option]:
            parse_resource_id(params[option], option)
    for option in ID_LIST_OPTIONS:
        for index, value in enumerate(params[option]):
            parse_resource_id(value, f"{option}[{index}]")
    for option in ("public_access", "private_endpoints", "security_groups"):
        for index, item in enumerate(params[option]):
            parse_resource_id(item["id"], f"{option}[{index}].id")


def run(module: ArmModule) -> dict:
    params = module.params
    validate(params)
    reader = checks.Reader(module.client, reads_of_unchanged_run(params["read_log"]))
    endpoint_fqdns: list = []
    results = [
        *checks.public_network_access(reader, params["public_access"]),
        *checks.private_endpoints(reader, params["private_endpoints"], endpoint_fqdns),
        *checks.private_dns_resolution(reader, params["dns"] or {}, endpoint_fqdns),
        *checks.public_ips(reader, params["resource_groups"], params["allowed_public_ip_ids"]),
        *checks.computes(
            reader,
            params["workspace_id"],
            params["compute_subnet_ids"],
            params["compute_public_ip"],
        ),
        *checks.security_groups(reader, params["security_groups"]),
        *checks.routes(reader, params["routes"]),
        *checks.firewall_policy(reader, params["firewall_policy"] or {}),
        *checks.diagnostic_settings(reader, params["diagnostic_settings"]),
        *checks.role_assignments(
            reader, params["role_assignments"], params["role_assignment_scopes"]
        ),
    ]
    failed = [item for item in results if not item["passed"]]
    by_severity = {severity: 0 for severity in (checks.ERROR, checks.WARNING)}
    for item in failed:
        by_severity[item["severity"]] += 1
    return {
        "changed": False,
        "results": results,
        "summary": {
            "checks": len(results),
            "passed": len(results) - len(failed),
            "failed": len(failed),
            "failed_by_severity": by_severity,
        },
        "reads": {"requests": reader.requests, "from_run": reader.from_run},
    }


def _items(options: dict) -> dict:
    return dict(type="list", elements="dict", default=[], options=options)


def main() -> None:
    ids = dict(type="list", elements="str", default=[])
    module = ArmModule(
        argument_spec=dict(
            public_access=_items(
                dict(
                    id=dict(type="str", required=True),
                    enabled=dict(type="bool", default=False),
                    ip_rules=ids,
                )
            ),
            private_endpoints=_items(dict(id=dict(type="str", required=True), zone_ids=ids)),
            dns=dict(
                type="dict",
                options=dict(
                    fqdns=ids,
                    zone_ids=ids,
                    vnet_id=dict(type="str", default=""),
                    subnet_prefix=dict(type="str", default=""),
                ),
            ),
            resource_groups=ids,
            allowed_public_ip_ids=ids,
            workspace_id=dict(type="str", default=""),
            compute_subnet_ids=ids,
            compute_public_ip=dict(type="bool", default=False),
            security_groups=_items(
                dict(
                    id=dict(type="str", required=True),
                    rules=dict(type="list", elements="dict", default=[]),
                )
            ),
            routes=_items(
                dict(
                    subnet_id=dict(type="str", required=True),
                    route_table_id=dict(type="str", required=True),
                    next_hop_ip=dict(type="str", required=True),
                )
            ),
            firewall_policy=dict(
                type="dict",
                options=dict(
                    id=dict(type="str", required=True),
                    rule_collection_groups=dict(type="list", elements="dict", default=[]),
                ),
            ),
            diagnostic_settings=_items(
                dict(
                    resource_id=dict(type="str", required=True),
                    name=dict(type="str", required=True),
                    workspace_id=dict(type="str", default=""),
                )
            ),
            role_assignments=_items(
                dict(
                    principal_id=dict(type="str", required=True),
                    role=dict(type="str", required=True),
                    scope=dict(type="str", required=True),
                )
            ),
            role_assignment_scopes=ids,
        ),
        supports_check_mode=True,
    )
    module.execute(run)


if __name__ == "__main__":
    main()
