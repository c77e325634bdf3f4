"""The lab itself: hosts reached over real SSH, a network shaped like the topology, clean down."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.lab import config, host, lab, network
from tools.lab.lab import lab_exec

pytestmark = [pytest.mark.lab]
REPO_ROOT = Path(__file__).resolve().parents[2]


def hostvars(inventory: Path, group: str) -> dict[str, Any]:
    groups = yaml.safe_load(inventory.read_text())["all"]["children"]
    return next(iter(groups[group]["hosts"].values()))


def ssh(inventory: Path, group: str, *options: str, user: str | None = None) -> list[str]:
    """An ssh command line built from the inventory, as Ansible builds it."""
    hv = hostvars(inventory, group)
    common = shlex.split(hv["ansible_ssh_common_args"])
    target = f"{user or hv['ansible_user']}@{hv['ansible_host']}"
    return ["ssh", "-i", hv["ansible_ssh_private_key_file"], *common, *options, target]


def test_inventory_has_every_group_with_ssh_settings_and_lab_facts(lab_inventory: Path) -> None:
    for group in ("proxy", "client", "origin", "outsider"):
        hv = hostvars(lab_inventory, group)
        assert hv["ansible_host"] == config.host_by_group(group).address
        assert hv["ansible_user"] == "azureuser"
        assert Path(hv["ansible_ssh_private_key_file"]).is_file()
        assert "ProxyCommand=" in hv["ansible_ssh_common_args"]
        assert "StrictHostKeyChecking=yes" in hv["ansible_ssh_common_args"]
        assert hv["lab_proxy_address"] == "10.0.200.4"
        assert "management.azure.com" in hv["lab_origin_names_allowed"]
        assert "example.com" in hv["lab_origin_names_forbidden"]
        assert Path(hv["lab_ca_cert"]).is_file()
        assert hv["lab_training_cidr"] == "10.0.40.0/24"


def test_ssh_into_proxy_with_the_lab_key_and_sudo(lab_inventory: Path) -> None:
    result = subprocess.run(
        ssh(lab_inventory, "proxy", "-o", "BatchMode=yes") + ["id -un; sudo -n id -u; hostname"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["azureuser", "0", "lab-proxy"]


def test_password_authentication_is_refused(lab_inventory: Path) -> None:
    no_key = ["-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no"]
    password = ["-o", "PreferredAuthentications=password,keyboard-interactive"]
    result = subprocess.run(
        ssh(lab_inventory, "proxy", *no_key, *password) + ["true"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 255
    assert "Permission denied (publickey)" in result.stderr


def test_root_login_is_refused(lab_inventory: Path) -> None:
    result = subprocess.run(
        ssh(lab_inventory, "proxy", "-o", "BatchMode=yes", user="root") + ["true"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 255
    effective = lab_exec("proxy", "sshd", "-T", check=True).stdout
    assert "permitrootlogin no" in effective
    assert "passwordauthentication no" in effective


def test_ansible_reaches_every_host(lab_inventory: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(REPO_ROOT / ".venv/bin/ansible"),
            "all",
            "-i",
            str(lab_inventory),
            "-m",
            "ansible.builtin.ping",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("SUCCESS") == 4


def test_exec_runs_inside_the_host(lab_inventory: Path) -> None:
    result = lab_exec("client", "sh", "-c", "hostname; cat /proc/1/comm; ip -4 -o addr show eth0")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["lab-client", "init"]
    assert "10.0.40.4/24" in lines[2]


def test_client_cannot_reach_the_origin_directly(lab_inventory: Path) -> None:
    for url in ("http://192.0.2.10/", "https://management.azure.com/"):
        result = lab_exec("client", "curl", "-sS", "-m", "5", url)
        assert result.returncode == 7, result.stdout  # could not connect
    routes = lab_exec("client", "ip", "route", check=True).stdout
    assert "default" not in routes


def test_client_and_outsider_reach_the_proxy_subnet(lab_inventory: Path) -> None:
    for source in ("client", "outsider"):
        banner = lab_exec(source, "bash", "-c", "exec 3<>/dev/tcp/10.0.200.4/22; head -c 7 <&3")
        assert banner.stdout == "SSH-2.0", (source, banner.stderr)


@pytest.mark.parametrize("scheme_port", ["http://{}/", "https://{}/", "https://{}:8443/"])
def test_proxy_reaches_the_origin_by_name(lab_inventory: Path, scheme_port: str) -> None:
    for name in ("management.azure.com", "abc.blob.core.windows.net", "example.com"):
        result = lab_exec("proxy", "curl", "-sS", "-m", "5", scheme_port.format(name))
        assert result.stdout == f"{name}\n", result.stderr


def test_lab_ca_validates_the_origin_from_the_machine_too(lab_inventory: Path) -> None:
    ca = hostvars(lab_inventory, "proxy")["lab_ca_cert"]
    result = lab_exec(
        "proxy",
        "curl",
        "-sS",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "https://login.microsoftonline.com/bytes/1000",
    )
    assert result.stdout == "200"
    verify = subprocess.run(
        ["openssl", "verify", "-CAfile", ca, str(config.state_path("ca/origin.crt"))],
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stderr


def test_nothing_outside_the_lab_is_reachable(lab_inventory: Path) -> None:
    result = lab_exec("proxy", "curl", "-sS", "-m", "5", "http://203.0.113.1/")
    assert result.returncode != 0
    router_routes = subprocess.run(
        ["ip", "-n", config.ROUTER_NETNS, "route"], capture_output=True, text=True, check=True
    ).stdout
    assert "default" not in router_routes


def test_up_again_is_a_quick_no_op(lab_inventory: Path) -> None:
    before = [host.init_pid(h) for h in config.HOSTS]
    started = time.monotonic()
    assert lab.up() == lab_inventory
    assert time.monotonic() - started < 2
    assert [host.init_pid(h) for h in config.HOSTS] == before


def live_lab_processes(pids: set[int]) -> set[int]:
    """PIDS still running, or any process naming the state dir (e.g. ssh connection masters)."""
    marker = str(config.STATE_DIR).encode()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes():
                pids.add(int(entry.name))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return {pid for pid in pids if host.is_alive(pid)}


def wait_until_no_lab_processes(pids: set[int], timeout: float = 5) -> set[int]:
    deadline = time.monotonic() + timeout
    while (left := live_lab_processes(set(pids))) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_down_leaves_nothing_behind_then_up_again(lab_inventory: Path) -> None:
    lab_exec("origin", "sh", "-c", "sleep 600 >/dev/null 2>&1 &")  # a straggler to clean up
    pids: set[int] = set()
    for netns in network.lab_namespaces():
        listed = subprocess.run(["ip", "netns", "pids", netns], capture_output=True, text=True)
        pids |= {int(pid) for pid in listed.stdout.split()}
    pids |= {host.launcher_pid(h) or 0 for h in config.HOSTS} - {0}
    assert len(pids) >= 8

    lab.down()

    assert network.lab_namespaces() == []
    assert lab.lab_mounts() == []
    assert not config.STATE_DIR.exists()
    veths = subprocess.run(
        ["ip", "-o", "link", "show", "type", "veth"], capture_output=True, text=True
    )
    assert not any(h.router_link in veths.stdout for h in config.HOSTS)
    assert wait_until_no_lab_processes(pids) == set()

    started = time.monotonic()
    assert lab.up() == lab_inventory  # the rest of the session keeps its lab
    print(f"cached up: {time.monotonic() - started:.1f} s")
    for daemon in ("squid", "nginx"):
        assert lab_exec("proxy", "pgrep", "-x", daemon).returncode == 1, daemon
