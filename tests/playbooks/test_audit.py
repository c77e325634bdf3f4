"""The isolation audit: a fresh site.yml deployment (emulator + lab) audits with no failure,
and each change made behind the collection's back is named by the audit.

The deployment converges once for the module; each tampering then changes one thing with a
direct REST call (or a config edit on the lab's proxy), runs the isolation_audit module
directly with the declared state the role wrote (declared.json), and restores it."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.arm_client import ArmClient
from tools.ansible_run import REPO_ROOT, ansible_env, run_playbook
from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.control import Emulator

INVENTORY = "inventories/local"
SITE = "playbooks/site.yml"
WRITES = {"PUT", "PATCH", "DELETE", "POST"}
MODULE = REPO_ROOT / "plugins" / "modules" / "isolation_audit.py"
ML = "rg-litware-machinelearning-local1"
PL = "rg-litware-privatelink-local1"
FW = "rg-litware-firewall-local1"
ROGUE_IP = "20.30.40.50"
DELETE_COMPUTE = "?underlyingResourceAction=Delete"
EXTRA_ASSIGNMENT = "0f5c6a1e-9d1b-4c39-9a40-3e0f4b2c7d11"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

pytestmark = [pytest.mark.lab, pytest.mark.slow]


@pytest.fixture(scope="module")
def emulator(arm_emulator: Emulator) -> Emulator:
    """The session's emulator, reset once: every test audits the one deployment."""
    return arm_emulator.reset_all()


@pytest.fixture(scope="module")
def env(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return ansible_env(tmp_path_factory.mktemp("collections"), dict(emulator.env))


@pytest.fixture(scope="module")
def deployment(
    emulator: Emulator,
    env: dict[str, str],
    lab_inventory: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """site.yml converged once, from nothing, with the audit at its end: the run, the report
    directory, the declared state and the JSON report."""
    reports = tmp_path_factory.mktemp("audit-report")
    build = tmp_path_factory.mktemp("build")
    result = site(env, reports, build)
    assert result.returncode == 0, (result.stdout + result.stderr)[-8000:]
    return {
        "result": result,
        "reports": reports,
        "build": build,
        "declared": json.loads((reports / "declared.json").read_text()),
        "report": json.loads((reports / "report.json").read_text()),
    }


def site(
    env: dict[str, str], reports: Path, build: Path, *args: str
) -> subprocess.CompletedProcess:
    return run_playbook(
        SITE,
        env,
        "-e",
        f"audit_report_dir={reports}",
        "-e",
        f"compute_proxy_script_path={build / 'compute-instance-proxy-setup.sh'}",
        *args,
        inventory=INVENTORY,
    )


def audit(env: dict[str, str], declared: dict[str, Any]) -> dict[str, Any]:
    """The isolation_audit module run directly (no playbook) with DECLARED."""
    args = Path(env["ANSIBLE_COLLECTIONS_PATH"]) / "audit-args.json"
    args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": declared}))
    run = subprocess.run(
        [sys.executable, str(MODULE), str(args)],
        env={**env, "PYTHONPATH": env["ANSIBLE_COLLECTIONS_PATH"]},
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    output = json.loads(run.stdout)
    assert not output.get("failed"), output
    return output


def failing(output: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (item["check"], item["resource"].lower())
        for item in output["results"]
        if not item["passed"]
    ]


# ---- the fresh deployment ---------------------------------------------------------------


def test_fresh_deployment_audits_with_no_failure(deployment: dict[str, Any]) -> None:
    summary = deployment["report"]["summary"]
    assert summary["failed"] == 0, [r for r in deployment["report"]["results"] if not r["passed"]]
    assert summary["not_run"] == 0
    checks = {item["check"] for item in deployment["report"]["results"]}
    assert {
        "public_network_access",
        "private_endpoint_approved",
        "private_endpoint_zone_group",
        "private_dns_resolution",
        "nic_public_ip",
        "vm_public_ip",
        "nsg_rules",
        "route_to_firewall",
        "firewall_policy_rules",
        "diagnostic_setting",
        "role_assignments",
        "egress_allowed_through_proxy",
        "egress_forbidden_refused",
        "egress_direct_blocked",
        "proxy_logged_refusal",
    } <= checks
    # The summary a person reads at the end: counts and where the report is.
    stdout = deployment["result"].stdout
    assert (
        f"passed, 0 failed (error), 0 failed (warning), 0 not run, of {summary['checks']}" in stdout
    )
    assert f"Report: {deployment['reports']}/report.md" in stdout


def test_reports_are_written_for_people_and_ci(deployment: dict[str, Any]) -> None:
    reports = deployment["reports"]
    markdown = (reports / "report.md").read_text()
    assert "| check | passed | failed | not run | severity |" in markdown
    assert "None: every invariant holds." in markdown
    html = (reports / "report.html").read_text()
    # Self-contained: nothing fetched from elsewhere.
    assert "<!DOCTYPE html>" in html.split("<html")[0]
    assert not any(tag in html for tag in ("<script", "<link", "src=", "@import"))
    suite = ET.parse(reports / "junit.xml").getroot()
    assert suite.get("tests") == str(deployment["report"]["summary"]["checks"])
    assert suite.get("failures") == "0"
    assert len(suite.findall(".//testcase")) == deployment["report"]["summary"]["checks"]


def test_audit_sends_get_requests_only(
    emulator: Emulator, env: dict[str, str], deployment: dict[str, Any]
) -> None:
    emulator.clear_requests()
    output = audit(env, deployment["declared"])
    assert output["changed"] is False
    assert output["summary"]["failed"] == 0, failing(output)
    methods = {entry["method"] for entry in emulator.requests()}
    assert methods and methods <= {"GET"}, methods


# ---- tampering behind the collection's back ----------------------------------------------


@dataclass
class Change:
    """One change by direct REST calls: TAMPER, then RESTORE; the audit must fail NAMED
    (check, resource suffix) pairs."""

    tamper: list[tuple[str, str, Any, str]]
    restore: list[tuple[str, str, Any, str]]
    named: list[tuple[str, str]]
    read_first: Callable[[ArmClient], None] | None = field(default=None)


NET = pinned("Microsoft.Network/virtualNetworks")
DNS = pinned("Microsoft.Network/privateDnsZones")
STORAGE = pinned("Microsoft.Storage/storageAccounts")
VAULT = pinned("Microsoft.KeyVault/vaults")
ACR = pinned("Microsoft.ContainerRegistry/registries")
MLS = pinned("Microsoft.MachineLearningServices/workspaces")
AUTH = pinned("Microsoft.Authorization/roleAssignments")
DIAG = pinned("Microsoft.Insights/diagnosticSettings")


def rg(group: str, rest: str, sub: str) -> str:
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/{rest}"


def send(client: ArmClient, method: str, path: str, body: Any, api: str) -> Any:
    if method == "GET":
        response = client.request("GET", path, api_version=api)
        assert response.status_code == 200, (path, response.text())
        return response.json()
    response = client.request(method, path, body, api_version=api)
    assert response.status_code in (200, 201, 202, 204), (method, path, response.text())
    return response.json() if response.text() else None


def strip(document: dict[str, Any], keep: tuple[str, ...] = ("location", "properties")) -> dict:
    return {key: document[key] for key in keep if key in document}


def network_path(sub: str, group: str, rest: str) -> str:
    return rg(group, f"Microsoft.Network/{rest}", sub)


def cases(client: ArmClient, declared: dict[str, Any]) -> dict[str, Change]:
    """Every tampering, built from what is deployed (bodies to restore read first)."""
    sub = client.subscription
    ids = {item["id"].rsplit("/", 1)[-1]: item["id"] for item in declared["public_access"]}
    storage, datalake, vault, registry, workspace = (
        next(i for n, i in ids.items() if "/storageaccounts/" in i.lower() and "dl" not in n),
        next(i for n, i in ids.items() if "/storageaccounts/" in i.lower() and "dl" in n),
        next(i for i in ids.values() if "/vaults/" in i.lower()),
        next(i for i in ids.values() if "/registries/" in i.lower()),
        declared["workspace_id"],
    )
    nsg = network_path(sub, ML, "networkSecurityGroups")
    route_table = declared["routes"][0]["route_table_id"]
    route = f"{route_table}/routes/all-to-firewall"
    route_body = strip(send(client, "GET", route, None, NET), ("properties",))
    vnet_only = f"{nsg}/nsg-training/securityRules/AllowVNETOnly"
    vnet_only_body = strip(send(client, "GET", vnet_only, None, NET), ("properties",))
    blob_zone = rg(PL, "Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net", sub)
    blob_records = send(client, "GET", f"{blob_zone}/A", None, DNS)["value"]
    record = next(r for r in blob_records if not r["name"].startswith("@"))
    record_path = f"{blob_zone}/A/{record['name']}"
    record_body = {
        "properties": {
            "ttl": record["properties"]["ttl"],
            "aRecords": record["properties"]["aRecords"],
        }
    }
    links = send(client, "GET", f"{blob_zone}/virtualNetworkLinks", None, DNS)["value"]
    link_path, link_body = links[0]["id"], strip(links[0], ("location", "properties"))
    endpoint = next(
        e["id"]
        for e in declared["private_endpoints"]
        if e["id"].lower().endswith("pe-st-blob") or "blob" in e["id"].lower()
    )
    groups = send(client, "GET", f"{endpoint}/privateDnsZoneGroups", None, NET)["value"]
    group_path = groups[0]["id"]
    group_body = {
        "properties": {
            "privateDnsZoneConfigs": [
                {
                    "name": c["name"],
                    "properties": {"privateDnsZoneId": c["properties"]["privateDnsZoneId"]},
                }
                for c in groups[0]["properties"]["privateDnsZoneConfigs"]
            ]
        }
    }
    policy = declared["firewall_policy"]["id"]
    first_group = declared["firewall_policy"]["rule_collection_groups"][0]
    group_id = f"{policy}/ruleCollectionGroups/{first_group['name']}"
    wider_group = json.loads(json.dumps(first_group))
    wider_rules = wider_group["ruleCollections"][0]["rules"]
    wider_rules.append({**wider_rules[0], "name": "rogue-anything"})
    diag = declared["diagnostic_settings"][0]
    diag_path = (
        f"{diag['resource_id']}/providers/Microsoft.Insights/diagnosticSettings/{diag['name']}"
    )
    diag_body = strip(send(client, "GET", diag_path, None, DIAG), ("properties",))
    identity = declared["role_assignments"][0]["principal_id"]
    authorization = "providers/Microsoft.Authorization"
    extra_assignment = f"{storage}/{authorization}/roleAssignments/{EXTRA_ASSIGNMENT}"
    owner = f"/subscriptions/{sub}/{authorization}/roleDefinitions/{OWNER}"
    vault_assignments = send(
        client, "GET", f"{vault}/providers/Microsoft.Authorization/roleAssignments", None, AUTH
    )["value"]
    declared_vault = next(
        a for a in vault_assignments if a["properties"]["scope"].lower() == vault.lower()
    )
    declared_vault_body = {
        "properties": {
            k: declared_vault["properties"][k]
            for k in ("roleDefinitionId", "principalId", "principalType")
            if k in declared_vault["properties"]
        }
    }
    vault_principal = declared_vault["properties"]["principalId"]
    pip = network_path(sub, ML, "publicIPAddresses/pip-rogue")
    pip_body = {
        "location": "brazilsouth",
        "sku": {"name": "Standard"},
        "properties": {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"},
    }
    nic = network_path(sub, ML, "networkInterfaces/nic-proxy")
    nic_doc = send(client, "GET", nic, None, NET)
    nic_config = nic_doc["properties"]["ipConfigurations"][0]

    def nic_body(public: bool) -> dict:
        properties = {
            "subnet": {"id": nic_config["properties"]["subnet"]["id"]},
            "privateIPAllocationMethod": nic_config["properties"].get(
                "privateIPAllocationMethod", "Dynamic"
            ),
        }
        if public:
            properties["publicIPAddress"] = {"id": pip}
        return {
            "location": nic_doc["location"],
            "properties": {
                "ipConfigurations": [{"name": nic_config["name"], "properties": properties}]
            },
        }

    training = declared["compute_subnet_ids"][0]
    bastion = training.rsplit("/", 1)[0] + "/bastion"

    def compute(public: bool, subnet: str) -> dict:
        return {
            "location": "brazilsouth",
            "properties": {
                "computeType": "AmlCompute",
                "properties": {
                    "vmSize": "STANDARD_DS3_V2",
                    "enableNodePublicIp": public,
                    "subnet": {"id": subnet},
                    "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 1},
                },
            },
        }

    def access(resource: str, api: str, on: str, extra: dict | None = None) -> Change:
        return Change(
            tamper=[
                (
                    "PATCH",
                    resource,
                    {"properties": {"publicNetworkAccess": on, **(extra or {})}},
                    api,
                )
            ],
            restore=[("PATCH", resource, {"properties": {"publicNetworkAccess": "Disabled"}}, api)],
            named=[("public_network_access", resource)],
        )

    rule = lambda **kw: {  # noqa: E731
        "properties": {
            "priority": 300,
            "direction": "Inbound",
            "access": "Allow",
            "protocol": "Tcp",
            "sourceAddressPrefix": "*",
            "sourcePortRange": "*",
            "destinationAddressPrefix": "*",
            "destinationPortRange": "22",
            **kw,
        }
    }
    return {
        "storage-public": access(
            storage, STORAGE, "Enabled", {"networkAcls": {"defaultAction": "Allow"}}
        ),
        "datalake-public": access(datalake, STORAGE, "Enabled"),
        "vault-public": access(vault, VAULT, "Enabled"),
        "registry-public": access(registry, ACR, "Enabled"),
        "workspace-public": access(workspace, MLS, "Enabled"),
        "zone-group-removed": Change(
            tamper=[("DELETE", group_path, None, NET)],
            restore=[("PUT", group_path, group_body, NET)],
            named=[("private_endpoint_zone_group", endpoint)],
        ),
        "dns-record-public": Change(
            tamper=[
                (
                    "PUT",
                    record_path,
                    {"properties": {"ttl": 10, "aRecords": [{"ipv4Address": ROGUE_IP}]}},
                    DNS,
                )
            ],
            restore=[("PUT", record_path, record_body, DNS)],
            named=[("private_dns_resolution", "")],
        ),
        "zone-link-removed": Change(
            tamper=[("DELETE", link_path, None, DNS)],
            restore=[("PUT", link_path, link_body, DNS)],
            named=[("private_dns_resolution", "")],
        ),
        "public-ip-on-proxy-nic": Change(
            tamper=[("PUT", pip, pip_body, NET), ("PUT", nic, nic_body(True), NET)],
            restore=[("PUT", nic, nic_body(False), NET), ("DELETE", pip, None, NET)],
            named=[
                ("public_ip_address", pip),
                ("nic_public_ip", nic),
                ("vm_public_ip", "/vm-proxy"),
            ],
        ),
        "nsg-rule-widened": Change(
            tamper=[
                (
                    "PUT",
                    vnet_only,
                    {
                        "properties": {
                            **vnet_only_body["properties"],
                            "destinationAddressPrefix": "Internet",
                        }
                    },
                    NET,
                )
            ],
            restore=[("PUT", vnet_only, vnet_only_body, NET)],
            named=[("nsg_rules", f"{nsg}/nsg-training")],
        ),
        "nsg-rule-added": Change(
            tamper=[
                (
                    "PUT",
                    f"{nsg}/nsg-default/securityRules/AllowAnyInbound",
                    rule(destinationPortRange="*"),
                    NET,
                )
            ],
            restore=[("DELETE", f"{nsg}/nsg-default/securityRules/AllowAnyInbound", None, NET)],
            named=[("nsg_rules", f"{nsg}/nsg-default")],
        ),
        "proxy-nsg-open-to-internet": Change(
            tamper=[
                (
                    "PUT",
                    f"{nsg}/nsg-proxy/securityRules/AllowSSHFromInternet",
                    rule(sourceAddressPrefix="Internet"),
                    NET,
                )
            ],
            restore=[("DELETE", f"{nsg}/nsg-proxy/securityRules/AllowSSHFromInternet", None, NET)],
            named=[("nsg_rules", f"{nsg}/nsg-proxy")],
        ),
        "route-removed": Change(
            tamper=[("DELETE", route, None, NET)],
            restore=[("PUT", route, route_body, NET)],
            named=[("route_to_firewall", declared["routes"][0]["subnet_id"])],
        ),
        "route-to-internet": Change(
            tamper=[
                (
                    "PUT",
                    route,
                    {"properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}},
                    NET,
                )
            ],
            restore=[("PUT", route, route_body, NET)],
            named=[("route_to_firewall", declared["routes"][0]["subnet_id"])],
        ),
        "firewall-rule-added": Change(
            tamper=[
                (
                    "PUT",
                    group_id,
                    {
                        "properties": {
                            "priority": wider_group["priority"],
                            "ruleCollections": wider_group["ruleCollections"],
                        }
                    },
                    NET,
                )
            ],
            restore=[
                (
                    "PUT",
                    group_id,
                    {
                        "properties": {
                            "priority": first_group["priority"],
                            "ruleCollections": first_group["ruleCollections"],
                        }
                    },
                    NET,
                )
            ],
            named=[("firewall_policy_rules", group_id)],
        ),
        "firewall-group-added": Change(
            tamper=[
                (
                    "PUT",
                    f"{policy}/ruleCollectionGroups/rogue",
                    {
                        "properties": {
                            "priority": 150,
                            "ruleCollections": wider_group["ruleCollections"],
                        }
                    },
                    NET,
                )
            ],
            restore=[("DELETE", f"{policy}/ruleCollectionGroups/rogue", None, NET)],
            named=[("firewall_policy_rules", f"{policy}/ruleCollectionGroups/rogue")],
        ),
        "diagnostic-setting-deleted": Change(
            tamper=[("DELETE", diag_path, None, DIAG)],
            restore=[("PUT", diag_path, diag_body, DIAG)],
            named=[("diagnostic_setting", diag["resource_id"])],
        ),
        "extra-role-assignment": Change(
            tamper=[
                (
                    "PUT",
                    extra_assignment,
                    {
                        "properties": {
                            "roleDefinitionId": owner,
                            "principalId": identity,
                            "principalType": "ServicePrincipal",
                        }
                    },
                    AUTH,
                )
            ],
            restore=[("DELETE", extra_assignment, None, AUTH)],
            named=[("role_assignments", f"{storage} | owner | {identity}")],
        ),
        "declared-role-assignment-removed": Change(
            tamper=[("DELETE", declared_vault["id"], None, AUTH)],
            restore=[("PUT", declared_vault["id"], declared_vault_body, AUTH)],
            named=[
                (
                    "role_assignments",
                    f"{vault} | key vault administrator | {vault_principal}",
                )
            ],
        ),
        "compute-with-public-ip": Change(
            tamper=[("PUT", f"{workspace}/computes/rogue-public", compute(True, training), MLS)],
            restore=[("DELETE", f"{workspace}/computes/rogue-public{DELETE_COMPUTE}", None, MLS)],
            named=[("compute_public_ip", f"{workspace}/computes/rogue-public")],
        ),
        "compute-outside-its-subnets": Change(
            tamper=[("PUT", f"{workspace}/computes/rogue-subnet", compute(False, bastion), MLS)],
            restore=[("DELETE", f"{workspace}/computes/rogue-subnet{DELETE_COMPUTE}", None, MLS)],
            named=[("compute_subnet", f"{workspace}/computes/rogue-subnet")],
        ),
    }


TAMPERINGS = [
    "storage-public",
    "datalake-public",
    "vault-public",
    "registry-public",
    "workspace-public",
    "zone-group-removed",
    "dns-record-public",
    "zone-link-removed",
    "public-ip-on-proxy-nic",
    "nsg-rule-widened",
    "nsg-rule-added",
    "proxy-nsg-open-to-internet",
    "route-removed",
    "route-to-internet",
    "firewall-rule-added",
    "firewall-group-added",
    "diagnostic-setting-deleted",
    "extra-role-assignment",
    "declared-role-assignment-removed",
    "compute-with-public-ip",
    "compute-outside-its-subnets",
]


def names_it(found: list[tuple[str, str]], check: str, resource: str) -> bool:
    return any(c == check and r.endswith(resource.lower()) for c, r in found)


@pytest.fixture
def client(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> ArmClient:
    """Direct REST access to the emulator, behind the collection's back."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", emulator.ca_bundle)
    return ArmClient(emulator)


def test_every_tampering_is_named_and_restored(
    client: ArmClient, env: dict[str, str], deployment: dict[str, Any]
) -> None:
    """One module run per tampering; after each restore the audit is clean again."""
    declared = deployment["declared"]
    changes = cases(client, declared)
    assert sorted(changes) == sorted(TAMPERINGS)
    missed = {}
    for name in TAMPERINGS:
        change = changes[name]
        for method, path, body, api in change.tamper:
            send(client, method, path, body, api)
        found = failing(audit(env, declared))
        for method, path, body, api in change.restore:
            send(client, method, path, body, api)
        not_named = [pair for pair in change.named if not names_it(found, *pair)]
        if not_named:
            missed[name] = {"not named": not_named, "failing": found}
        after = failing(audit(env, declared))
        assert after == [], f"{name} not restored: {after}"
    assert missed == {}


# ---- the host side (lab) -----------------------------------------------------------------


def lab_exec(host: str, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.lab", "exec", host, "--", *command],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )


def test_proxy_allowing_a_forbidden_host_is_named_and_fails_the_play(
    env: dict[str, str], deployment: dict[str, Any], tmp_path: Path
) -> None:
    """A config edit on the proxy (every request allowed), then `--tags audit`."""
    conf = "/etc/squid/squid.conf"
    saved = lab_exec("proxy", "cp", "-p", conf, f"{conf}.audit-saved")
    assert saved.returncode == 0, saved.stderr
    try:
        edit = lab_exec(
            "proxy", "sed", "-i", r"0,/^http_access/s//http_access allow all\nhttp_access/", conf
        )
        assert edit.returncode == 0, edit.stderr
        assert lab_exec("proxy", "squid", "-k", "reconfigure").returncode == 0
        lab_exec("proxy", "sleep", "2")
        result = site(env, tmp_path, deployment["build"], "--tags", "audit")
    finally:
        lab_exec("proxy", "mv", f"{conf}.audit-saved", conf)
        lab_exec("proxy", "squid", "-k", "reconfigure")
    assert result.returncode != 0
    report = json.loads((tmp_path / "report.json").read_text())
    failed = [item for item in report["results"] if item["status"] == "fail"]
    assert [item["check"] for item in failed] == ["egress_forbidden_refused"], failed
    assert "FAIL [error] egress_forbidden_refused" in result.stdout
    assert "The isolation audit failed: 1 check(s) of severity error failed" in result.stdout
    markdown = (tmp_path / "report.md").read_text()
    assert "### FAIL [error] egress_forbidden_refused" in markdown
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    assert junit.get("failures") == "1"


def test_without_a_traffic_host_the_proof_is_reported_not_run(
    env: dict[str, str], deployment: dict[str, Any], tmp_path: Path
) -> None:
    result = site(
        env, tmp_path, deployment["build"], "--tags", "audit", "-e", '{"audit_traffic_host": ""}'
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["summary"]["not_run"] == 1
    assert report["summary"]["failed"] == 0
    assert "NOT RUN [warning] egress_traffic" in result.stdout
    assert ET.parse(tmp_path / "junit.xml").getroot().get("skipped") == "1"


def test_rejected_and_deleted_endpoints_are_named(
    client: ArmClient, env: dict[str, str], deployment: dict[str, Any]
) -> None:
    """Last (a rejected connection cannot be approved again): reject one endpoint's
    connection on its target, delete another endpoint."""
    declared = deployment["declared"]
    vault = next(i["id"] for i in declared["public_access"] if "/vaults/" in i["id"].lower())
    connections = send(client, "GET", f"{vault}/privateEndpointConnections", None, VAULT)["value"]
    connection = connections[0]
    rejected = connection["properties"]["privateEndpoint"]["id"]
    send(
        client,
        "PUT",
        connection["id"],
        {
            "properties": {
                "privateLinkServiceConnectionState": {
                    "status": "Rejected",
                    "description": "by hand",
                }
            }
        },
        VAULT,
    )
    deleted = next(
        e["id"] for e in declared["private_endpoints"] if e["id"].lower() != rejected.lower()
    )
    send(client, "DELETE", deleted, None, NET)
    found = failing(audit(env, declared))
    assert names_it(found, "private_endpoint_approved", rejected), found
    assert names_it(found, "private_endpoint_approved", deleted), found
