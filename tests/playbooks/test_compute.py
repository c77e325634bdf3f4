"""site.yml --tags network,workspace,private_endpoints,compute with every compute flag on (instance,
AKS, Azure SQL, jump VM), on the ARM emulator, converged once for the module: --check on empty
reports every compute it would create and writes nothing; the run leaves nothing with a public IP;
a re-run writes nothing and never shows the passwords; a new instance size fails naming the option
(and recreates with compute_instance_recreate); bad inputs fail before the first write."""

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
# Known passwords for the run that greps its -vvv output (the inventory generates its own).
SQL_PASSWORD = "Sql-Example-0-" + "x" * 12
JUMP_PASSWORD = "Jump-Example-0-" + "y" * 12
PASSWORDS = (
    "-e",
    f"compute_sql_admin_password={SQL_PASSWORD}",
    "-e",
    f"compute_jump_vm_admin_password={JUMP_PASSWORD}",
)


def one(state: dict[str, Any], suffix: str) -> dict[str, Any]:
    [item] = [v for k, v in state.items() if k.endswith(suffix)]
    return item


def task_changed(stdout: str, task: str) -> bool:
    """Whether the task of that name (in the compute role) reported a change."""
    section = stdout.split(f"TASK [litware.aml_isolation.compute : {task}", 1)[1]
    return "changed: [localhost]" in section.split("TASK [", 1)[0]


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
    # The AKS cluster first: site.yml starts it right after the network; the instance right
    # after the firewall's join, before the proxy VM and the rest of the compute.
    assert started == ["AKS cluster", "compute instance", "CPU cluster", "SQL server"]
    for task in (
        "Start the CPU cluster",
        "Start the compute instance",
        "Start the AKS cluster",
        "Attach the AKS cluster",
        "Start the SQL server",
        "Start the SQL database",
        "Create the SQL private endpoint",
        "Create the jump VM's network interface",
        "Create the Windows 11 jump VM",
    ):
        assert task_changed(checked.stdout, task), task


def test_run_builds_computes_without_public_ips(converged: dict) -> None:
    assert_ok(converged["created"])
    state = converged["state"]
    computes = {k.rsplit("/", 1)[1]: v for k, v in state.items() if COMPUTES in k}
    assert set(computes) == {"cpu-cluster", "ci-litwarelocal1", "cluster001"}
    attached = computes.pop("cluster001")["properties"]
    assert attached["computeType"] == "AKS"
    assert attached["resourceId"].lower().endswith("/managedclusters/aks-litware")
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
    # ARM never returns a password; none is kept anywhere the state shows.
    shown = str(state)
    assert "adminPassword" not in shown and "administratorLoginPassword" not in shown


def test_aks_is_private_in_the_scoring_subnet_and_pulls_from_the_registry(converged: dict) -> None:
    state = converged["state"]
    aks = one(state, "/managedclusters/aks-litware")
    properties = aks["properties"]
    assert properties["apiServerAccessProfile"]["enablePrivateCluster"] is True
    assert properties["apiServerAccessProfile"]["enablePrivateClusterPublicFQDN"] is False
    assert "fqdn" not in properties
    [pool] = properties["agentPoolProfiles"]
    assert pool["enableNodePublicIP"] is False
    assert pool["vnetSubnetID"].endswith("/subnets/scoring")
    assert properties["networkProfile"]["serviceCidr"] == "192.168.90.0/24"
    assert aks["identity"]["type"] == "SystemAssigned"
    kubelet = properties["identityProfile"]["kubeletidentity"]["objectId"]
    pulls = [
        v
        for k, v in state.items()
        if "/providers/microsoft.authorization/roleassignments/" in k
        and v["properties"]["principalId"] == kubelet
    ]
    assert len(pulls) == 1
    assert "/registries/" in pulls[0]["properties"]["scope"].lower()
    assert pulls[0]["properties"]["roleDefinitionId"].endswith(
        "/7f951dda-4ed3-4680-a7ca-43fe172d538d"  # AcrPull
    )


def test_sql_is_reachable_only_through_its_private_endpoint(converged: dict) -> None:
    state = converged["state"]
    server = one(state, "/providers/microsoft.sql/servers/sqls-litwarelocal1")
    properties = server["properties"]
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["minimalTlsVersion"] == "1.2"
    [connection] = properties["privateEndpointConnections"]
    assert connection["properties"]["privateLinkServiceConnectionState"]["status"] == "Approved"
    assert one(state, "/servers/sqls-litwarelocal1/databases/sqldb-litware")
    assert not [k for k in state if "/firewallrules/" in k]
    endpoint = one(state, "/privateendpoints/pe-sqlserver")
    assert endpoint["properties"]["subnet"]["id"].endswith("/subnets/private-endpoints")
    assert one(state, "/privatednszones/privatelink.database.windows.net")
    group = one(state, "/privateendpoints/pe-sqlserver/privatednszonegroups/default")
    [config] = group["properties"]["privateDnsZoneConfigs"]
    assert config["properties"]["privateDnsZoneId"].endswith("privatelink.database.windows.net")


def test_jump_vm_is_windows_in_the_bastion_subnet_without_public_ip(converged: dict) -> None:
    state = converged["state"]
    vm = one(state, "/virtualmachines/vm-windows11")
    assert "windowsConfiguration" in vm["properties"]["osProfile"]
    assert vm["identity"]["type"] == "SystemAssigned"
    disk = vm["properties"]["storageProfile"]["osDisk"]["managedDisk"]
    assert disk["storageAccountType"] == "StandardSSD_LRS"
    assert vm["properties"]["storageProfile"]["imageReference"]["offer"] == "windows-11"
    nic = one(state, "/networkinterfaces/nic-windows11")
    [config] = nic["properties"]["ipConfigurations"]
    assert config["properties"]["subnet"]["id"].endswith("/subnets/bastion")


def test_rerun_changes_and_writes_nothing(converged: dict) -> None:
    totals = assert_ok(converged["again"])
    assert totals["changed"] == 0, output(converged["again"])[-4000:]
    assert converged["again_writes"] == []


def test_verbose_run_never_shows_the_passwords(
    converged: dict,
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    ssh_key: Path,  # noqa: F811
) -> None:
    emulator.clear_requests()
    result = play(env, "-vvv", "--tags", "compute", *keyed(ssh_key), *PASSWORDS)
    totals = assert_ok(result)
    text = output(result)
    assert SQL_PASSWORD not in text and JUMP_PASSWORD not in text
    # The passwords are write-only: a new value is neither sent nor reported.
    assert totals["changed"] == 0
    assert writes(emulator) == []


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
    ("compute_sql_admin_password=''", "compute_sql_admin_password"),
    ("compute_sql_admin_login=sa", "compute_sql_admin_login"),
    ("compute_jump_vm_admin_password=''", "compute_jump_vm_admin_password"),
    ("compute_jump_vm_admin_password=short", "compute_jump_vm_admin_password"),
    ("compute_jump_vm_public_ip=true", "network_allowed_ip_address"),
    ("compute_aks_node_count=0", "compute_aks_node_count"),
    ("compute_aks_service_cidr=everything", "compute_aks_service_cidr"),
    ("compute_aks_cluster_purpose=Prod", "compute_aks_cluster_purpose"),
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
