"""playbooks/site.yml and destroy.yml end to end: the ARM emulator for the Azure side, the
lab's proxy host standing in for the proxy VM (tests marked `lab`)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tools.ansible_run import REPO_ROOT, ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator
from tools.request_counts import created_ids, gets_per_resource, reported_changed_ids

INVENTORY = "inventories/local"
SITE = "playbooks/site.yml"
DESTROY = "playbooks/destroy.yml"
WRITES = {"PUT", "PATCH", "DELETE"}
GROUPS = ("rg-litware-machinelearning-local1", "rg-litware-privatelink-local1")
FIREWALL_GROUP = "rg-litware-firewall-local1"
NET = "/providers/microsoft.network"
VNET = f"{NET}/virtualnetworks/vnet-litware"
ZONE = f"{NET}/privatednszones/private.litware.com"
PROXY_URL = "http://squid.private.litware.com:3128"
RECAP_CHANGED = re.compile(r"^\S+\s+:\s+ok=\d+\s+changed=(\d+)", re.MULTILINE)


@pytest.fixture(scope="module")
def emulator(arm_emulator: Emulator) -> Emulator:
    """The session's emulator, reset once: this module's tests build on each other's state."""
    return arm_emulator.reset_all()


@pytest.fixture(scope="module")
def network(emulator: Emulator, env: dict[str, str]) -> dict[str, Any]:
    """`--tags network` converged once for the module, from nothing, with an operator address
    (test_network_converges_and_is_idempotent then takes it away again): recap totals and the
    state right after."""
    emulator.reset()
    totals = assert_ok(
        play(env, "--tags", "network", "-e", "network_allowed_ip_address=203.0.113.7")
    )
    return {"totals": totals, "state": resources(emulator)}


@pytest.fixture(scope="module")
def ssh_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A key pair for runs without the lab (its public half goes into the VM definition)."""
    key = tmp_path_factory.mktemp("key") / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
        check=True,
        capture_output=True,
    )
    return key


@pytest.fixture(scope="module")
def env(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    build = tmp_path_factory.mktemp("build")
    return ansible_env(
        tmp_path_factory.mktemp("collections"),
        {
            **emulator.env,
            # The rendered compute setup script goes here, not into the checkout.
            "TEST_BUILD_DIR": str(build),
        },
    )


def play(env: dict[str, str], *args: str, playbook: str = SITE) -> subprocess.CompletedProcess[str]:
    script = Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh"
    return run_playbook(
        playbook, env, "-e", f"compute_proxy_script_path={script}", *args, inventory=INVENTORY
    )


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def writes(emulator: Emulator) -> list[str]:
    return [
        f"{entry['method']} {entry['path']}"
        for entry in emulator.requests()
        if entry["method"] in WRITES
    ]


def resources(emulator: Emulator) -> dict[str, dict]:
    return {item["id"].lower(): item for item in emulator.state()["resources"]}


def rg_id(emulator: Emulator, group: str) -> str:
    return f"/subscriptions/{emulator.subscription_id}/resourceGroups/{group}".lower()


def assert_ok(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    assert result.returncode == 0, output(result)[-6000:]
    return recap_totals(result.stdout)


def without_lab_key(ssh_key: Path) -> tuple[str, ...]:
    """Extra vars that let proxy and compute tasks validate without the lab (no host is
    configured, so the audit's traffic proof has no proxy of this run to go through: it is
    reported as not run)."""
    return (
        "-e",
        f"proxy_vm_ssh_public_key_file={ssh_key}.pub",
        "-e",
        f"compute_instance_ssh_public_key_file={ssh_key}.pub",
        "-e",
        "audit_traffic_host=",
    )


# ---- before anything exists -------------------------------------------------------------


@pytest.fixture(scope="module")
def check_on_empty(emulator: Emulator, env: dict[str, str], ssh_key: Path) -> dict[str, Any]:
    """The whole site.yml in check mode on an empty subscription, at -v so that every result
    names its resource: the output, the writes it sent and the state after."""
    emulator.reset()
    result = play(env, "--check", "-v", *without_lab_key(ssh_key))
    return {"result": result, "writes": writes(emulator), "state": emulator.state()["resources"]}


def test_check_mode_before_anything_exists_writes_nothing(check_on_empty: dict[str, Any]) -> None:
    totals = assert_ok(check_on_empty["result"])
    assert totals["changed"] > 0, "check mode should report what it would create"
    assert check_on_empty["writes"] == []
    assert check_on_empty["state"] == []


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (
            '{"network_subnet_prefixes": {"bastion": "10.0.0.0/24", "private-endpoints": '
            '"10.0.20.0/24", "training": "10.1.40.0/24", "scoring": "10.0.90.0/24", '
            '"scoring-aks-api": "10.0.95.0/24", "proxy": "10.0.200.0/24"}}',
            "network_subnet_prefixes.training (10.1.40.0/24) is not inside",
        ),
        (
            '{"network_subnet_prefixes": {"bastion": "10.0.0.0/24", "private-endpoints": '
            '"10.0.20.0/24", "training": "10.0.40.0/24", "scoring": "10.0.90.0/24", '
            '"scoring-aks-api": "10.0.90.128/25", "proxy": "10.0.200.0/24"}}',
            "overlaps",
        ),
        ('{"network_vnet_address_prefix": "10.0.0.1/16"}', "prefix (10.0.0.1/16)"),
        ('{"network_affix": "ABC"}', "affix 'ABC' must be empty"),
        ('{"network_training_ssh_enabled": true}', "network_training_ssh_enabled=true needs"),
    ],
    ids=["subnet-outside-vnet", "overlap", "host-bits", "affix", "ssh-without-address"],
)
def test_bad_network_input_fails_before_any_write(
    emulator: Emulator, env: dict[str, str], extra: str, named: str
) -> None:
    emulator.reset()
    result = play(env, "--tags", "network", "-e", extra)
    assert result.returncode != 0
    assert named in output(result)
    assert writes(emulator) == []


def test_public_ip_without_allowed_address_fails_before_any_write(
    emulator: Emulator, env: dict[str, str], ssh_key: Path
) -> None:
    emulator.reset()
    result = play(env, *without_lab_key(ssh_key), "-e", '{"proxy_vm_public_ip": true}')
    assert result.returncode != 0
    assert "proxy_vm_public_ip=true needs proxy_vm_allowed_ip_address" in output(result)
    assert writes(emulator) == []


def test_missing_ssh_key_fails_before_any_write(emulator: Emulator, env: dict[str, str]) -> None:
    emulator.reset()
    result = play(env, "--tags", "proxy", "-e", "proxy_vm_ssh_public_key_file=/nonexistent.pub")
    assert result.returncode != 0
    failed = [line for line in output(result).splitlines() if line.startswith("fatal: ")]
    assert len(failed) == 1, output(result)[-4000:]
    assert "'/nonexistent.pub': File not found" in failed[0]
    assert "TASK [litware.aml_isolation.proxy_vm : Read the SSH public key file]" in result.stdout
    assert writes(emulator) == []


# ---- network ------------------------------------------------------------------------------


def test_operator_address_adds_only_the_bastion_rule(
    emulator: Emulator, network: dict[str, Any]
) -> None:
    assert network["totals"]["changed"] > 0
    rules = {
        item_id.rsplit("/networksecuritygroups/", 1)[1]: item["properties"]
        for item_id, item in network["state"].items()
        if "/securityrules/" in item_id and item["properties"]["direction"] == "Inbound"
    }
    assert list(rules) == ["nsg-bastion/securityrules/allowrdpfromoperator"]
    rule = rules["nsg-bastion/securityrules/allowrdpfromoperator"]
    assert rule["sourceAddressPrefix"] == "203.0.113.7/32"
    assert rule["destinationPortRange"] == "3389"


def test_network_converges_and_is_idempotent(
    emulator: Emulator, env: dict[str, str], network: dict[str, Any]
) -> None:
    """Without the operator address (the default) its rule goes; a re-run writes nothing."""
    assert_ok(play(env, "--tags", "network"))
    state = resources(emulator)
    sub = f"/subscriptions/{emulator.subscription_id}".lower()
    ml = f"{sub}/resourcegroups/{GROUPS[0]}"
    vnet = state[f"{ml}{VNET}"]
    assert vnet["properties"]["addressSpace"]["addressPrefixes"] == ["10.0.0.0/16"]
    expected_subnets = {
        "bastion": ("10.0.0.0/24", "nsg-bastion"),
        "private-endpoints": ("10.0.20.0/24", "nsg-default"),
        "training": ("10.0.40.0/24", "nsg-training"),
        "scoring": ("10.0.90.0/24", "nsg-default"),
        "scoring-aks-api": ("10.0.95.0/24", "nsg-default"),
        "proxy": ("10.0.200.0/24", "nsg-proxy"),
    }
    for name, (prefix, nsg) in expected_subnets.items():
        subnet = state[f"{ml}{VNET}/subnets/{name}"]
        assert subnet["properties"]["addressPrefix"] == prefix
        assert subnet["properties"]["networkSecurityGroup"]["id"].lower().endswith(f"/{nsg}")
    endpoints = state[f"{ml}{VNET}/subnets/private-endpoints"]
    assert endpoints["properties"]["privateEndpointNetworkPolicies"] == "Disabled"
    training_rules = {
        rule["name"]: rule["properties"]
        for item_id, rule in state.items()
        if "/networksecuritygroups/nsg-training/securityrules/" in item_id
    }
    assert set(training_rules) == {"AllowVNETOnly", "DenyAll"}
    assert training_rules["DenyAll"]["priority"] == 200
    assert training_rules["DenyAll"]["access"] == "Deny"
    # Secure default: no inbound rule from the internet anywhere.
    inbound = [
        item_id
        for item_id, rule in state.items()
        if "/securityrules/" in item_id and rule["properties"]["direction"] == "Inbound"
    ]
    assert inbound == []
    link = state[f"{ml}{ZONE}/virtualnetworklinks/link-vnet-litware"]
    assert link["properties"]["registrationEnabled"] is True
    assert rg_id(emulator, GROUPS[1]) in state

    emulator.clear_requests()
    second = assert_ok(play(env, "--tags", "network"))
    assert second["changed"] == 0
    assert writes(emulator) == []


def test_rule_added_by_hand_is_reported_by_check_and_removed_by_a_run(
    emulator: Emulator, env: dict[str, str]
) -> None:
    assert_ok(play(env, "--tags", "network"))
    sub = f"/subscriptions/{emulator.subscription_id}"
    rule_id = (
        f"{sub}/resourceGroups/{GROUPS[0]}/providers/Microsoft.Network/"
        "networkSecurityGroups/nsg-training/securityRules/AllowAllByHand"
    )
    allow_all = {
        "priority": 150,
        "direction": "Outbound",
        "access": "Allow",
        "protocol": "*",
        "sourceAddressPrefix": "*",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "*",
    }
    by_hand = subprocess.run(
        [
            str(Path(sys.executable).parent / "ansible"),
            "localhost",
            "-c",
            "local",
            "-m",
            "litware.aml_isolation.arm_resource",
            "-a",
            json.dumps({"id": rule_id, "body": {"properties": allow_all}}),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert by_hand.returncode == 0, by_hand.stdout + by_hand.stderr

    emulator.clear_requests()
    checked = play(env, "--tags", "network", "--check", "--diff")
    assert assert_ok(checked)["changed"] == 1
    assert "AllowAllByHand" in checked.stdout
    assert writes(emulator) == []

    removed = assert_ok(play(env, "--tags", "network"))
    assert removed["changed"] == 1
    assert rule_id.lower() not in resources(emulator)
    assert assert_ok(play(env, "--tags", "network"))["changed"] == 0


# ---- proxy (the lab's proxy host stands in for the VM) -------------------------------------


def lab_exec(host: str, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.lab", "exec", host, "--", *command],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )


def through_proxy(url: str) -> str:
    """HTTP status a training-subnet node gets for URL through the proxy's DNS alias."""
    result = lab_exec(
        "client",
        "curl",
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "--max-time",
        "20",
        "-x",
        PROXY_URL,
        url,
    )
    return result.stdout.strip()


@pytest.mark.lab
@pytest.mark.slow
def test_proxy_end_to_end_and_idempotent(
    emulator: Emulator, env: dict[str, str], network: dict[str, Any], lab_inventory: Path
) -> None:
    first = assert_ok(play(env, "--tags", "proxy"))
    assert first["changed"] > 0
    state = resources(emulator)
    ml = rg_id(emulator, GROUPS[0])
    nic = state[f"{ml}{NET}/networkinterfaces/nic-proxy"]
    ip_configuration = nic["properties"]["ipConfigurations"][0]["properties"]
    assert ip_configuration["subnet"]["id"].lower().endswith("/subnets/proxy")
    assert "publicIPAddress" not in ip_configuration
    vm = state[f"{ml}/providers/microsoft.compute/virtualmachines/vm-proxy"]
    linux = vm["properties"]["osProfile"]["linuxConfiguration"]
    assert linux["disablePasswordAuthentication"] is True
    assert "adminPassword" not in vm["properties"]["osProfile"]
    assert vm["identity"]["type"] == "SystemAssigned"
    storage = vm["properties"]["storageProfile"]
    assert storage["osDisk"]["managedDisk"]["storageAccountType"] == "StandardSSD_LRS"
    assert storage["imageReference"]["sku"] == "22_04-lts-gen2"
    lab_public_key = (lab_inventory.parent / "id_ed25519.pub").read_text().strip()
    assert linux["ssh"]["publicKeys"][0]["keyData"].strip() == lab_public_key
    cname = state[f"{ml}{ZONE}/cname/squid"]
    assert cname["properties"]["cnameRecord"]["cname"] == "vm-proxy.private.litware.com"
    assert not any("/publicipaddresses/" in item_id for item_id in state)
    # The lab's proxy host now runs squid as the proxy role configured it: a training node
    # reaches an allow-listed name through squid.<zone>:3128 and is refused anything else.
    parsed = lab_exec("proxy", "squid", "-k", "parse")
    assert parsed.returncode == 0, parsed.stderr
    assert through_proxy("https://login.microsoftonline.com/") == "200"
    assert through_proxy("http://example.com/") == "403"
    script = Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh"
    text = script.read_text()
    assert "PROXY_URL=http://squid.private.litware.com:3128" in text
    for entry in (
        "168.63.129.16",
        "169.254.169.254",
        "10.0.0.0/16",
        "api.azureml.ms",
        "vaultcore.azure.net",
    ):
        assert entry in text

    emulator.clear_requests()
    second = assert_ok(play(env, "--tags", "proxy"))
    assert second["changed"] == 0, output(play(env, "--tags", "proxy", "--diff"))[-6000:]
    assert writes(emulator) == []


@pytest.mark.lab
@pytest.mark.slow
def test_public_ip_is_detached_and_removed_when_switched_off(
    emulator: Emulator, env: dict[str, str], network: dict[str, Any], lab_inventory: Path
) -> None:
    ml = rg_id(emulator, GROUPS[0])
    nic_id = f"{ml}{NET}/networkinterfaces/nic-proxy"
    public_ip_id = f"{ml}{NET}/publicipaddresses/pip-proxy"
    ssh_rule = f"{ml}{NET}/networksecuritygroups/nsg-proxy/securityrules/allowsshfromoperator"
    on = ("-e", '{"proxy_vm_public_ip": true, "proxy_vm_allowed_ip_address": "203.0.113.7"}')
    assert_ok(play(env, "--tags", "proxy", *on))
    state = resources(emulator)
    attached = state[nic_id]["properties"]["ipConfigurations"][0]["properties"]
    assert attached["publicIPAddress"]["id"].lower() == public_ip_id
    assert state[ssh_rule]["properties"]["sourceAddressPrefix"] == "203.0.113.7/32"

    assert_ok(play(env, "--tags", "proxy"))
    state = resources(emulator)
    detached = state[nic_id]["properties"]["ipConfigurations"][0]["properties"]
    assert "publicIPAddress" not in detached
    assert public_ip_id not in state
    assert ssh_rule not in state
    emulator.clear_requests()
    assert assert_ok(play(env, "--tags", "proxy"))["changed"] == 0
    assert writes(emulator) == []


# ---- compute-side setup script -------------------------------------------------------------


def test_compute_setup_script_is_idempotent(
    emulator: Emulator, env: dict[str, str], tmp_path: Path
) -> None:
    emulator.clear_requests()
    assert_ok(play(env, "--tags", "compute_proxy"))
    assert writes(emulator) == []
    script = Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh"
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "environment").write_text('PATH="/usr/bin"\nhttp_proxy=stale\n')
    run_env = {**os.environ, "LITWARE_PROXY_SETUP_ROOT": str(root)}
    first = subprocess.run(["sh", str(script)], env=run_env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "updated:" in first.stdout
    second = subprocess.run(["sh", str(script)], env=run_env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "updated:" not in second.stdout
    environment = (root / "etc" / "environment").read_text()
    assert 'HTTPS_PROXY="http://squid.private.litware.com:3128"' in environment
    assert "http_proxy=stale" not in environment
    assert f"proxy = {PROXY_URL}" in (root / "etc" / "pip.conf").read_text()
    assert "proxy_servers:" in (root / "etc" / "conda" / ".condarc").read_text()


NGINX = {
    "proxy_kind": "nginx",
    # The lab has no DNS server: nginx gets the lab origin's names as fixed upstreams.
    "proxy_nginx_resolver": ["127.0.0.1"],
    "proxy_nginx_static_upstreams": {
        name: "192.0.2.10" for name in ("login.microsoftonline.com", "management.azure.com")
    },
}


@pytest.mark.lab
@pytest.mark.slow
def test_nginx_proxy_gets_private_dns_for_its_https_names(
    emulator: Emulator, env: dict[str, str], lab_inventory: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "nginx.json"
    extra.write_text(json.dumps(NGINX))
    assert_ok(play(env, "--tags", "network"))
    assert_ok(play(env, "--tags", "proxy", "-e", f"@{extra}"))
    state = resources(emulator)
    ml = rg_id(emulator, GROUPS[0])
    nic = state[f"{ml}{NET}/networkinterfaces/nic-proxy"]
    address = nic["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"]
    zones = f"{ml}{NET}/privatednszones"
    # An exact name: its own zone, apex record. A wildcard: the parent's zone, record "*" only.
    exact = state[f"{zones}/management.azure.com/a/@"]
    assert exact["properties"]["aRecords"] == [{"ipv4Address": address}]
    wildcard = state[f"{zones}/pytorch.org/a/*"]
    assert wildcard["properties"]["aRecords"] == [{"ipv4Address": address}]
    link = state[f"{zones}/pytorch.org/virtualnetworklinks/link-vnet-litware"]
    assert link["properties"]["virtualNetwork"]["id"].lower() == f"{ml}{VNET}"
    assert link["properties"]["registrationEnabled"] is False
    # Private-endpoint domains keep their own privatelink resolution.
    assert not any(item.startswith(f"{zones}/blob.core.windows.net") for item in state)
    # HTTPS by name through the SNI passthrough, as those records make a training node do.
    https = lab_exec(
        "client",
        *("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"),
        *("--resolve", "management.azure.com:443:10.0.200.4", "https://management.azure.com/"),
    )
    assert https.stdout.strip() == "200", https.stderr
    text = (Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh").read_text()
    assert "PROXY_URL=http://squid.private.litware.com:8888" in text
    assert "HTTPS_PROXY_URL=''" in text

    emulator.clear_requests()
    second = assert_ok(play(env, "--tags", "proxy", "-e", f"@{extra}"))
    assert second["changed"] == 0, output(play(env, "--tags", "proxy", "-e", f"@{extra}", "--diff"))
    assert writes(emulator) == []


def test_compute_setup_script_follows_a_switch_to_nginx(
    env: dict[str, str], tmp_path: Path
) -> None:
    script = Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh"
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    run_env = {**os.environ, "LITWARE_PROXY_SETUP_ROOT": str(root)}
    for kind in ("squid", "nginx"):
        assert_ok(play(env, "--tags", "compute_proxy", "-e", f"proxy_kind={kind}"))
        run = subprocess.run(["sh", str(script)], env=run_env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    environment = (root / "etc" / "environment").read_text()
    assert 'HTTP_PROXY="http://squid.private.litware.com:8888"' in environment
    # nginx has no CONNECT: nothing sends HTTPS to its forward port.
    assert "HTTPS_PROXY" not in environment and "https_proxy" not in environment
    assert "proxy" not in (root / "etc" / "pip.conf").read_text().replace("[global]", "")
    condarc = (root / "etc" / "conda" / ".condarc").read_text()
    assert "http: http://squid.private.litware.com:8888" in condarc and "https:" not in condarc


def test_affix_is_derived_from_subscription_and_workload(
    emulator: Emulator, env: dict[str, str]
) -> None:
    affix = hashlib.sha256(f"{emulator.subscription_id.lower()}:litware".encode()).hexdigest()[:6]
    emulator.clear_requests()
    assert_ok(play(env, "--tags", "compute_proxy", "-e", "network_affix="))
    assert writes(emulator) == []
    script = Path(env["TEST_BUILD_DIR"]) / "compute-instance-proxy-setup.sh"
    assert f"stlitware{affix}.blob.core.windows.net" in script.read_text()


# ---- the whole site -----------------------------------------------------------------------


def test_whole_site_converges_and_a_rerun_only_reads_each_resource_once(
    emulator: Emulator, env: dict[str, str], ssh_key: Path, check_on_empty: dict[str, Any]
) -> None:
    """Every area but the proxy host play (the lab tests above cover it): the first run creates
    only what check mode on an empty subscription reported, the converged re-run writes
    nothing, changes nothing and reads each managed resource at most once."""
    emulator.clear_requests()
    assert_ok(play(env, "--skip-tags", "proxy", *without_lab_key(ssh_key)))
    created = created_ids(emulator.requests())
    assert created, "the first run should create the deployment"
    unreported = created - reported_changed_ids(output(check_on_empty["result"]))
    assert unreported == set(), "check mode did not report these as would-create"

    emulator.clear_requests()
    rerun = play(env, "--skip-tags", "proxy", *without_lab_key(ssh_key))
    assert_ok(rerun)
    assert RECAP_CHANGED.findall(rerun.stdout), rerun.stdout[-2000:]
    assert {int(n) for n in RECAP_CHANGED.findall(rerun.stdout)} == {0}
    assert writes(emulator) == []
    managed = set(resources(emulator))
    gets = gets_per_resource(emulator.requests(), managed)
    gets.pop("(other)", None)
    assert {rid: n for rid, n in gets.items() if n > 1} == {}


# ---- destroy ------------------------------------------------------------------------------


def test_destroy_removes_the_whole_deployment_and_site_builds_it_again(
    emulator: Emulator, env: dict[str, str], ssh_key: Path
) -> None:
    """Last in the module, after the whole site: destroy asks for confirmation, lists and then
    deletes every group of the deployment (and nothing else), after which the emulator holds
    nothing of it; site.yml then builds it again under the same names."""
    other = f"/subscriptions/{emulator.subscription_id}/resourceGroups/rg-someone-else"
    helper = "tests/playbooks/create_group.yml"
    unrelated = run_playbook(helper, env, "-e", "group_name=rg-someone-else", inventory=INVENTORY)
    assert_ok(unrelated)

    emulator.clear_requests()
    refused = play(env, playbook=DESTROY)
    assert refused.returncode != 0
    assert "destroy_confirmed=true" in output(refused)
    assert writes(emulator) == []

    checked = play(env, "--check", playbook=DESTROY)
    assert_ok(checked)
    for group in (*GROUPS, FIREWALL_GROUP):
        assert f"changed: [localhost] => (item={group})" in checked.stdout
    assert writes(emulator) == []

    # Purged, so that the workspace's and the key vault's names are free again at once.
    destroy = ("-e", "destroy_confirmed=true", "-e", "destroy_purge=true")
    assert_ok(play(env, *destroy, playbook=DESTROY))
    left = set(resources(emulator))
    assert left == {item for item in left if item.startswith(other.lower())}
    assert other.lower() in left
    deleted = [line for line in writes(emulator) if line.startswith("DELETE")]
    assert all("rg-someone-else" not in line for line in deleted)

    again = assert_ok(play(env, *destroy, playbook=DESTROY))
    assert again["changed"] == 0

    assert_ok(play(env, "--skip-tags", "proxy", *without_lab_key(ssh_key)))
    rebuilt = set(resources(emulator))
    for group in (*GROUPS, FIREWALL_GROUP):
        assert rg_id(emulator, group) in rebuilt
