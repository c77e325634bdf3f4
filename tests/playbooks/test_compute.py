"""site.yml --tags network,workspace,private_endpoints,compute with every compute flag on, on the
ARM emulator, converged once for the module: --check on empty reports every compute it would
create and writes nothing; the run leaves no compute with a public IP; a re-run writes nothing;
a new instance size fails naming the option (and recreates with compute_instance_recreate); bad
inputs fail before the first write."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.playbooks.test_site import (  # noqa: F401 (the shared module fixtures)
    assert_ok,
    emulator,
    env,
    output,
    play,
    resources,
    ssh_key,
    writes,
)
from tools.arm_emulator.control import Emulator

TAGS = ("--tags", "network,workspace,private_endpoints,compute")
COMPUTES = "/providers/microsoft.machinelearningservices/workspaces/mlw-litwarelocal1/computes/"


def keyed(ssh_key: Path) -> tuple[str, ...]:  # noqa: F811
    """The deployer's key for the instance (and the proxy's) without the lab."""
    return (
        "-e",
        f"compute_instance_ssh_public_key_file={ssh_key}.pub",
        "-e",
        f"proxy_vm_ssh_public_key_file={ssh_key}.pub",
    )


@pytest.fixture(scope="module")
def converged(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    ssh_key: Path,  # noqa: F811
) -> dict[str, Any]:
    emulator.reset()
    checked = play(env, "--check", *TAGS, *keyed(ssh_key))
    checked_writes = writes(emulator)
    created = play(env, *TAGS, *keyed(ssh_key))
    state = resources(emulator)
    emulator.clear_requests()
    again = play(env, *TAGS, *keyed(ssh_key))
    return {
        "checked": checked,
        "checked_writes": checked_writes,
        "created": created,
        "state": state,
        "again": again,
        "again_writes": writes(emulator),
    }


def test_check_on_empty_reports_every_compute_and_writes_nothing(converged: dict) -> None:
    checked = converged["checked"]
    assert_ok(checked)
    assert converged["checked_writes"] == []
    started = re.findall(
        r"TASK \[litware\.aml_isolation\.compute : Start the ([\w ]+?) \(", checked.stdout
    )
    assert started == ["CPU cluster", "compute instance"]
    assert checked.stdout.count("changed: [localhost]") >= 2


def test_run_builds_computes_without_public_ips(converged: dict) -> None:
    assert_ok(converged["created"])
    state = converged["state"]
    computes = {k.rsplit("/", 1)[1]: v for k, v in state.items() if COMPUTES in k}
    assert set(computes) == {"cpu-cluster", "ci-litwarelocal1"}
    for compute in computes.values():
        settings = compute["properties"]["properties"]
        assert settings["enableNodePublicIp"] is False
        assert settings["subnet"]["id"].endswith("/subnets/training")
    instance = computes["ci-litwarelocal1"]["properties"]["properties"]
    assert instance["sshSettings"]["adminPublicKey"].startswith("ssh-ed25519 ")
    assert instance["idleTimeBeforeShutdown"] == "PT60M"
    assert instance["setupScripts"]["scripts"]["creationScript"]["scriptSource"] == "inline"
    assert instance["personalComputeInstanceSettings"]["assignedUser"]["objectId"]
    cluster = computes["cpu-cluster"]["properties"]["properties"]
    assert cluster["scaleSettings"]["minNodeCount"] == 0
    workspace = next(v for k, v in state.items() if k.endswith("/workspaces/mlw-litwarelocal1"))
    assert workspace["properties"]["imageBuildCompute"] == "cpu-cluster"
    # Nothing anywhere with a public IP: no public IP resource, no NIC pointing at one.
    assert not [k for k in state if "/publicipaddresses/" in k]
    for key, item in state.items():
        if "/networkinterfaces/" in key:
            for config in item["properties"]["ipConfigurations"]:
                assert "publicIPAddress" not in config["properties"], key


def test_rerun_changes_and_writes_nothing(converged: dict) -> None:
    totals = assert_ok(converged["again"])
    assert totals["changed"] == 0, output(converged["again"])[-4000:]
    assert converged["again_writes"] == []


def test_instance_size_change_fails_naming_the_option_then_recreates(
    converged: dict,
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    ssh_key: Path,  # noqa: F811
) -> None:
    emulator.clear_requests()
    size = ("-e", "compute_instance_vm_size=Standard_D4as_v4")
    refused = play(env, "--tags", "compute", *keyed(ssh_key), *size)
    assert refused.returncode != 0
    assert "vm_size:" in output(refused) and "recreate" in output(refused)
    assert writes(emulator) == []
    recreated = play(
        env, "--tags", "compute", *keyed(ssh_key), *size, "-e", "compute_instance_recreate=true"
    )
    assert_ok(recreated)
    instance = next(
        v for k, v in resources(emulator).items() if k.endswith("/computes/ci-litwarelocal1")
    )
    assert instance["properties"]["properties"]["vmSize"] == "Standard_D4as_v4"


BAD = [
    ("compute_cluster_max_nodes=0", "compute_cluster_max_nodes"),
    ("compute_cluster_vm_size='no size'", "compute_cluster_vm_size"),
    ("compute_cluster_idle_seconds_before_scale_down=0", "idle_seconds_before_scale_down"),
    ("compute_instance_user_object_id=alice", "compute_instance_user_object_id"),
    ("compute_instance_ssh_public_key='not a key'", "compute_instance_ssh_public_key"),
    ("compute_instance_idle_time_before_shutdown=PT5M", "idle_time_before_shutdown"),
    ("compute_instance_idle_time_before_shutdown=60", "idle_time_before_shutdown"),
    ("compute_instance_vm_size='D2 v4'", "compute_instance_vm_size"),
]


@pytest.mark.parametrize(("extra", "named"), BAD)
def test_bad_input_fails_before_any_write(
    converged: dict,
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    ssh_key: Path,  # noqa: F811
    extra: str,
    named: str,
) -> None:
    emulator.clear_requests()
    result: subprocess.CompletedProcess[str] = play(
        env, "--tags", "compute", *keyed(ssh_key), "-e", extra
    )
    assert result.returncode != 0
    assert named in output(result)
    assert writes(emulator) == []
