# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The isolation invariants: each check reads what is deployed (GET only, through READER) and
compares it with the declared state, one result per check and resource."""

from __future__ import annotations

from typing import Any, Iterator

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import read_log
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    AUTHORIZATION,
    COMPUTE,
    DIAGNOSTIC_SETTINGS,
    MACHINE_LEARNING,
    NETWORK,
    PRIVATE_DNS,
    api_version_for_type,
    resource_type_key,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.built_in_roles import (
    BUILT_IN_ROLES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_dns import (
    resolve,
)

ERROR = "error"
WARNING = "warning"
# Severity of each check: a failed error fails the audit by default.
SEVERITY = {
    "public_network_access": ERROR,
    "private_endpoint_approved": ERROR,
    "private_endpoint_zone_group": ERROR,
    "private_dns_resolution": ERROR,
    "public_ip_address": ERROR,
    "nic_public_ip": ERROR,
    "vm_public_ip": ERROR,
    "compute_public_ip": ERROR,
    "compute_subnet": ERROR,
    "nsg_rules": ERROR,
    "route_to_firewall": ERROR,
    "firewall_policy_rules": ERROR,
    "diagnostic_setting": WARNING,
    "role_assignments": ERROR,
}
_ROLE_NAMES = {guid.lower(): name for name, guid in BUILT_IN_ROLES.items()}


class Reader:
    """GET-only access to ARM: a resource by id (None when missing) or a collection; what the
    run already read (READS, from its read log) is taken from there."""

    def __init__(self, client: Any, reads: dict | None = None) -> None:
        self.client = client
        self.reads = reads or {}
        self.requests = 0
        self.from_run = 0

    def get(self, resource_id: str) -> dict | None:
        api_version = api_version_for_type(resource_type_key(resource_id))
        known = read_log.key(resource_id, api_version)
        if known in self.reads:
            self.from_run += 1
            return self.reads[known]
        self.requests += 1
        return self.client.get(resource_id, api_version)

    def list(self, path: str, api_version: str, query: dict | None = None) -> list:
        known = read_log.key(path, api_version, query)
        if known in self.reads:
            self.from_run += 1
            return list((self.reads[known] or {}).get("value") or [])
        self.requests += 1
        return self.client.list(path, api_version, query=query)


def result(
    check: str, resource: str, expected: Any, actual: Any, passed: bool, evidence: str
) -> dict:
    return {
        "check": check,
        "resource": resource,
        "expected": expected,
        "actual": actual,
        "severity": SEVERITY[check],
        "passed": bool(passed),
        "status": "pass" if passed else "fail",
        "evidence": evidence,
    }


def _lower(value: Any) -> str:
    return str(value or "").lower()


def _props(document: dict | None) -> dict:
    return (document or {}).get("properties") or {}


def _ip_rules(properties: dict) -> list:
    """The IPv4 rules of any of the firewalls: storage and vault networkAcls, registry
    networkRuleSet, workspace ipAllowlist."""
    acls = properties.get("networkAcls") or properties.get("networkRuleSet") or {}
    rules = [
        rule.get("value") or rule.get("ipAddressOrRange") for rule in acls.get("ipRules") or []
    ]
    rules += list(properties.get("ipAllowlist") or [])
    return sorted(str(rule) for rule in rules if rule)


# ---- public network access --------------------------------------------------------------


def public_network_access(reader: Reader, declared: list) -> Iterator[dict]:
    for item in declared:
        properties = _props(reader.get(item["id"]))
        access = properties.get("publicNetworkAccess") or "Enabled"
        rules = _ip_rules(properties)
        expected_access = "Enabled" if item["enabled"] else "Disabled"
        allowed = sorted(item["ip_rules"]) if item["enabled"] else []
        default_action = (
            properties.get("networkAcls") or properties.get("networkRuleSet") or {}
        ).get("defaultAction", "Deny")
        wider = [rule for rule in rules if rule not in allowed]
        open_default = access == "Enabled" and default_action == "Allow"
        passed = access == expected_access and not wider and not open_default
        yield result(
            "public_network_access",
            item["id"],
            {"publicNetworkAccess": expected_access, "ipRules": allowed, "defaultAction": "Deny"},
            {"publicNetworkAccess": access, "ipRules": rules, "defaultAction": default_action},
            passed,
            f"publicNetworkAccess={access}, defaultAction={default_action}, ipRules={rules}"
            + (f"; not declared: {wider}" if wider else ""),
        )


# ---- private endpoints and DNS ----------------------------------------------------------


def _connection_status(endpoint: dict) -> str:
    properties = _props(endpoint)
    for key in ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"):
        for connection in properties.get(key) or []:
            state = _props(connection).get("privateLinkServiceConnectionState") or {}
            return state.get("status") or "Unknown"
    return "None"


def private_endpoints(reader: Reader, declared: list, fqdns: list) -> Iterator[dict]:
    """Each endpoint approved and in its zones; adds the names it serves to FQDNS."""
    for item in declared:
        endpoint = reader.get(item["id"])
        fqdns.extend(
            config.get("fqdn")
            for config in _props(endpoint).get("customDnsConfigs") or []
            if config.get("fqdn")
        )
        status = _connection_status(endpoint) if endpoint else "missing"
        yield result(
            "private_endpoint_approved",
            item["id"],
            "Approved",
            status,
            status == "Approved",
            "the endpoint does not exist" if endpoint is None else f"connection status {status}",
        )
        groups = reader.list(f"{item['id']}/privateDnsZoneGroups", NETWORK) if endpoint else []
        zones = sorted(
            _lower(_props(config).get("privateDnsZoneId"))
            for group in groups
            for config in _props(group).get("privateDnsZoneConfigs") or []
        )
        expected = sorted(_lower(zone) for zone in item["zone_ids"])
        missing = [zone.rsplit("/", 1)[-1] for zone in expected if zone not in zones]
        yield result(
            "private_endpoint_zone_group",
            item["id"],
            [zone.rsplit("/", 1)[-1] for zone in expected],
            [zone.rsplit("/", 1)[-1] for zone in zones],
            not missing,
            f"zones missing from the zone group: {missing}" if missing else "every zone registered",
        )


def _zone_view(reader: Reader, zone_id: str, vnet_id: str) -> dict:
    records = {
        record["name"]: [a.get("ipv4Address") for a in _props(record).get("aRecords") or []]
        for record in reader.list(f"{zone_id}/A", PRIVATE_DNS)
    }
    links = reader.list(f"{zone_id}/virtualNetworkLinks", PRIVATE_DNS)
    linked = any(
        _lower((_props(link).get("virtualNetwork") or {}).get("id")) == _lower(vnet_id)
        for link in links
    )
    return {"name": zone_id.rsplit("/", 1)[-1], "linked": linked, "records": records}


def private_dns_resolution(reader: Reader, declared: dict, endpoint_fqdns: list) -> Iterator[dict]:
    """The declared names and every name the endpoints serve resolve privately."""
    fqdns = list(declared.get("fqdns") or []) + endpoint_fqdns
    if not declared or not fqdns:
        return
    zones = [_zone_view(reader, zone_id, declared["vnet_id"]) for zone_id in declared["zone_ids"]]
    prefix = declared.get("subnet_prefix") or ""
    for entry in resolve(fqdns, zones, prefix):
        how = (
            f"{entry['record']} in {entry['zone']} -> {entry['ip_addresses']}"
            if entry["zone"]
            else "no linked private zone answers: resolves publicly"
        )
        yield result(
            "private_dns_resolution",
            entry["fqdn"],
            f"private address in {prefix or 'a private range'}",
            entry["ip_addresses"] or "public resolution",
            entry["private"],
            how,
        )


# ---- public IPs, computes ---------------------------------------------------------------


def _in_groups(reader: Reader, groups: list, provider_type: str, api_version: str) -> list:
    found = []
    for group in groups:
        found += reader.list(f"{group}/providers/{provider_type}", api_version)
    return found


def public_ips(reader: Reader, groups: list, allowed: list) -> Iterator[dict]:
    """Every public IP, NIC and VM of the resource groups: a public address only where allowed."""
    allowed_ids = {_lower(item) for item in allowed}
    addresses = _in_groups(reader, groups, "Microsoft.Network/publicIPAddresses", NETWORK)
    for address in addresses:
        passed = _lower(address.get("id")) in allowed_ids
        yield result(
            "public_ip_address",
            address.get("id", ""),
            "only declared public IPs",
            _props(address).get("ipAddress") or "allocated",
            passed,
            "declared opt-in" if passed else "a public IP address nobody declared",
        )
    nic_public: dict = {}
    for nic in _in_groups(reader, groups, "Microsoft.Network/networkInterfaces", NETWORK):
        attached = [
            (_props(config).get("publicIPAddress") or {}).get("id")
            for config in _props(nic).get("ipConfigurations") or []
        ]
        attached = [item for item in attached if item]
        extra = [item for item in attached if _lower(item) not in allowed_ids]
        nic_public[_lower(nic.get("id"))] = extra
        yield result(
            "nic_public_ip",
            nic.get("id", ""),
            "no public IP (or a declared one)",
            attached or "none",
            not extra,
            f"public IP attached: {extra}" if extra else "no undeclared public IP",
        )
    for vm in _in_groups(reader, groups, "Microsoft.Compute/virtualMachines", COMPUTE):
        nics = [
            _lower(nic.get("id"))
            for nic in (_props(vm).get("networkProfile") or {}).get("networkInterfaces") or []
        ]
        extra = [address for nic in nics for address in nic_public.get(nic, [])]
        yield result(
            "vm_public_ip",
            vm.get("id", ""),
            "no public IP on any NIC (or a declared one)",
            extra or "none",
            not extra,
            f"NICs {[nic.rsplit('/', 1)[-1] for nic in nics]}"
            + (f" carry {extra}" if extra else ""),
        )


def _compute_subnet(settings: dict) -> str:
    subnet = settings.get("subnet") or {}
    aks = settings.get("aksNetworkingConfiguration") or {}
    return (subnet.get("id") if isinstance(subnet, dict) else subnet) or aks.get("subnetId") or ""


def computes(
    reader: Reader, workspace_id: str, subnet_ids: list, public_ip_allowed: bool
) -> Iterator[dict]:
    if not workspace_id:
        return
    intended = {_lower(item) for item in subnet_ids}
    for compute in reader.list(f"{workspace_id}/computes", MACHINE_LEARNING):
        properties = _props(compute)
        settings = properties.get("properties") or {}
        kind = properties.get("computeType", "")
        name = compute.get("id", "")
        if kind in ("ComputeInstance", "AmlCompute"):
            public = settings.get("enableNodePublicIp", True) is not False
            yield result(
                "compute_public_ip",
                name,
                "enableNodePublicIp=false" if not public_ip_allowed else "any (opted in)",
                f"enableNodePublicIp={str(public).lower()}",
                public_ip_allowed or not public,
                f"{kind} with enableNodePublicIp={str(public).lower()}",
            )
        subnet = _compute_subnet(settings)
        cluster_id = properties.get("resourceId") or ""
        if kind == "AKS" and cluster_id and not subnet:
            # An attached cluster: its node pools say where its nodes are and whether they
            # have public IPs.
            pools = _props(reader.get(cluster_id) or {}).get("agentPoolProfiles") or []
            subnets = [pool.get("vnetSubnetID") or "" for pool in pools] or [""]
            subnet = next((item for item in subnets if _lower(item) not in intended), subnets[0])
            public = any(pool.get("enableNodePublicIP") for pool in pools)
            yield result(
                "compute_public_ip",
                name,
                "enableNodePublicIP=false" if not public_ip_allowed else "any (opted in)",
                f"enableNodePublicIP={str(public).lower()}",
                public_ip_allowed or not public,
                f"AKS {cluster_id} node pools with enableNodePublicIP={str(public).lower()}",
            )
        if kind in ("ComputeInstance", "AmlCompute", "AKS", "Kubernetes") or subnet:
            yield result(
                "compute_subnet",
                name,
                [item.rsplit("/", 1)[-1] for item in subnet_ids],
                subnet.rsplit("/", 1)[-1] if subnet else "none (managed network)",
                _lower(subnet) in intended,
                f"{kind} in subnet {subnet or 'none'}",
            )


# ---- NSGs, routes, firewall -------------------------------------------------------------

# Declared rule option -> ARM property (the network_security_group module's vocabulary).
_RULE_FIELDS = {
    "priority": "priority",
    "direction": "direction",
    "access": "access",
    "protocol": "protocol",
    "source_address_prefix": "sourceAddressPrefix",
    "source_port_range": "sourcePortRange",
    "destination_address_prefix": "destinationAddressPrefix",
    "destination_port_range": "destinationPortRange",
}
# Properties that widen a rule when set besides the single-valued ones above.
_WIDENING = (
    "sourceAddressPrefixes",
    "destinationAddressPrefixes",
    "sourcePortRanges",
    "destinationPortRanges",
    "sourceApplicationSecurityGroups",
    "destinationApplicationSecurityGroups",
)


def _rule_view(properties: dict) -> dict:
    view = {
        field: properties.get(field, "*" if field != "priority" else None)
        for field in _RULE_FIELDS.values()
    }
    view.update({field: properties[field] for field in _WIDENING if properties.get(field)})
    return view


def _declared_rule(rule: dict) -> dict:
    return {
        arm: rule.get(option) if rule.get(option) is not None else "*"
        for option, arm in _RULE_FIELDS.items()
    }


def security_groups(reader: Reader, declared: list) -> Iterator[dict]:
    for item in declared:
        nsg = reader.get(item["id"])
        actual = {
            _lower(rule.get("name")): (rule.get("name"), _rule_view(_props(rule)))
            for rule in _props(nsg).get("securityRules") or []
        }
        expected = {
            _lower(rule["name"]): (rule["name"], _declared_rule(rule)) for rule in item["rules"]
        }
        problems = []
        if nsg is None:
            problems.append("the NSG does not exist")
        for key, (name, view) in actual.items():
            if key not in expected:
                problems.append(f"rule {name} is not declared: {view}")
            elif view != expected[key][1]:
                changed = {
                    f: view.get(f)
                    for f in set(view) | set(expected[key][1])
                    if view.get(f) != expected[key][1].get(f)
                }
                problems.append(f"rule {name} differs: {changed}")
        problems += [
            f"declared rule {name} is missing"
            for key, (name, _v) in expected.items()
            if key not in actual
        ]
        yield result(
            "nsg_rules",
            item["id"],
            sorted(name for name, _v in expected.values()),
            sorted(name for name, _v in actual.values()),
            not problems,
            "; ".join(problems) or "exactly the declared rules",
        )


def routes(reader: Reader, declared: list) -> Iterator[dict]:
    for item in declared:
        subnet = _props(reader.get(item["subnet_id"]))
        table_id = (subnet.get("routeTable") or {}).get("id") or ""
        problems = []
        if _lower(table_id) != _lower(item["route_table_id"]):
            problems.append(f"subnet's route table is {table_id or 'none'}")
        table = reader.get(item["route_table_id"])
        default = [
            _props(route)
            for route in _props(table).get("routes") or []
            if _props(route).get("addressPrefix") == "0.0.0.0/0"
        ]
        hops = [(route.get("nextHopType"), route.get("nextHopIpAddress")) for route in default]
        if hops != [("VirtualAppliance", item["next_hop_ip"])]:
            problems.append(f"0.0.0.0/0 goes to {hops or 'the internet (no route)'}")
        yield result(
            "route_to_firewall",
            item["subnet_id"],
            {
                "route_table": item["route_table_id"].rsplit("/", 1)[-1],
                "0.0.0.0/0": item["next_hop_ip"],
            },
            {"route_table": table_id.rsplit("/", 1)[-1] or "none", "0.0.0.0/0": hops},
            not problems,
            "; ".join(problems) or "default route to the firewall",
        )


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def _differences(expected: Any, actual: Any, path: str) -> list:
    """Where ACTUAL differs from EXPECTED; an absent value equals an empty one, named lists
    compare by name."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(set(expected) | set(actual)):
            if _empty(expected.get(key)) and _empty(actual.get(key)):
                continue
            found += _differences(expected.get(key), actual.get(key), f"{path}.{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if all(isinstance(x, dict) and "name" in x for x in expected + actual):
            wanted = {x["name"]: x for x in expected}
            have = {x["name"]: x for x in actual}
            found = [f"{path}: {name} added" for name in have if name not in wanted]
            found += [f"{path}: {name} missing" for name in wanted if name not in have]
            for name in wanted:
                if name in have:
                    found += _differences(wanted[name], have[name], f"{path}[{name}]")
            return found
        if sorted(map(str, expected)) != sorted(map(str, actual)):
            return [f"{path}: {actual} instead of {expected}"]
        return []
    if str(expected) != str(actual):
        return [f"{path}: {actual!r} instead of {expected!r}"]
    return []


def firewall_policy(reader: Reader, declared: dict) -> Iterator[dict]:
    if not declared or not declared.get("id"):
        return
    groups = reader.list(f"{declared['id']}/ruleCollectionGroups", NETWORK)
    wanted = {group["name"]: group for group in declared["rule_collection_groups"]}
    have = {group.get("name"): _props(group) for group in groups}
    for name in sorted(set(wanted) | set(have)):
        if name not in wanted:
            problems = [f"rule collection group {name} is not in the allow-list"]
        elif name not in have:
            problems = [f"rule collection group {name} is missing"]
        else:
            expected = {
                "priority": wanted[name]["priority"],
                "ruleCollections": wanted[name]["ruleCollections"],
            }
            actual = {
                "priority": have[name].get("priority"),
                "ruleCollections": have[name].get("ruleCollections") or [],
            }
            problems = _differences(expected, actual, name)
        yield result(
            "firewall_policy_rules",
            f"{declared['id']}/ruleCollectionGroups/{name}",
            "the allow-list's rules" if name in wanted else "absent",
            "present" if name in have else "absent",
            not problems,
            "; ".join(problems) or "equal to the allow-list",
        )


# ---- diagnostics, role assignments ------------------------------------------------------


def diagnostic_settings(reader: Reader, declared: list) -> Iterator[dict]:
    for item in declared:
        settings = reader.list(
            f"{item['resource_id']}/providers/Microsoft.Insights/diagnosticSettings",
            DIAGNOSTIC_SETTINGS,
        )
        names = sorted(setting.get("name", "") for setting in settings)
        match = [s for s in settings if _lower(s.get("name")) == _lower(item["name"])]
        destination = _props(match[0]).get("workspaceId", "") if match else ""
        passed = bool(match) and (
            not item.get("workspace_id") or _lower(destination) == _lower(item["workspace_id"])
        )
        yield result(
            "diagnostic_setting",
            item["resource_id"],
            {
                "name": item["name"],
                "workspace": (item.get("workspace_id") or "").rsplit("/", 1)[-1],
            },
            {"names": names, "workspace": destination.rsplit("/", 1)[-1]},
            passed,
            f"settings present: {names or 'none'}",
        )


def _role_key(principal_id: str, role_guid: str, scope: str) -> tuple:
    return (_lower(principal_id), _lower(role_guid), _lower(scope).rstrip("/"))


def _role_guid(role: str) -> str:
    by_name = {name.lower(): guid for name, guid in BUILT_IN_ROLES.items()}
    return by_name.get(_lower(role), role.rstrip("/").rsplit("/", 1)[-1])


def _show(key: tuple) -> str:
    principal, guid, scope = key
    return f"{_ROLE_NAMES.get(guid, guid)} for {principal} on {scope.rsplit('/', 1)[-1]}"


def role_assignments(reader: Reader, declared: list, scopes: list) -> Iterator[dict]:
    """Every assignment at or below SCOPES (the resource groups) equals the declared table."""
    if not scopes:
        return
    inside = [_lower(scope).rstrip("/") for scope in scopes]
    actual = set()
    for scope in scopes:
        for assignment in reader.list(
            f"{scope}/providers/Microsoft.Authorization/roleAssignments", AUTHORIZATION
        ):
            properties = _props(assignment)
            at = _lower(properties.get("scope")).rstrip("/")
            if any(at == outer or at.startswith(outer + "/") for outer in inside):
                actual.add(
                    _role_key(
                        properties.get("principalId"),
                        _lower(properties.get("roleDefinitionId")).rsplit("/", 1)[-1],
                        at,
                    )
                )
    expected = {
        _role_key(item["principal_id"], _role_guid(item["role"]), item["scope"])
        for item in declared
    }
    for key in sorted(expected | actual):
        declared_here = key in expected
        present = key in actual
        yield result(
            "role_assignments",
            f"{key[2]} | {_ROLE_NAMES.get(key[1], key[1])} | {key[0]}",
            "present" if declared_here else "absent (not declared)",
            "present" if present else "absent",
            declared_here == present,
            _show(key) + (" (declared)" if declared_here else " is not in the declared table"),
        )
