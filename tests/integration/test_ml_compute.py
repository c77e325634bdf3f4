"""ml_compute, one story per kind: check, create, re-run, scale in place, create-only change
refused naming the option or recreated, wait: false joined, delete (detach) twice; bad inputs
fail before any request is sent."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner
from tests.integration.workspace_dependencies import Dependencies, create_dependencies

GROUP = "rg-it-compute"
WORKSPACE = "mlw-it-compute"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3g0dlz2XU7m2x1Q7nYb1Yb0wU6bq3w8n4m0b0zQ3aK deployer"
USER = "11111111-2222-3333-4444-555555555555"


def step(runner: Runner, *args: str, **module_args):
    expect_failure = module_args.pop("expect_failure", False)
    return runner.step(
        "typed_step",
        *args,
        module="ml_compute",
        module_args=module_args,
        expect_failure=expect_failure,
    )


@pytest.fixture
def setup(runner: Runner) -> dict:
    deps: Dependencies = create_dependencies(runner, GROUP, "itcmp")
    made = runner.step("ml_compute_setup", group=GROUP, workspace=WORKSPACE, deps=deps.__dict__)
    assert made.returncode == 0, made.output
    runner.emulator.clear_requests()
    return made.result


def _where(name: str) -> dict:
    return {"name": name, "workspace_name": WORKSPACE, "resource_group": GROUP}


def test_cluster_story(runner: Runner, setup: dict) -> None:
    wanted = {
        **_where("cpu-cluster"),
        "compute_type": "AmlCompute",
        "location": "eastus",
        "vm_size": "Standard_DS3_v2",
        "subnet_id": setup["subnet_id"],
    }
    checked = step(runner, "--check", **wanted)
    assert (checked.returncode, checked.result["changed"]) == (0, True), checked.output
    assert runner.writes() == []

    started = step(runner, **wanted, wait=False)
    assert started.returncode == 0, started.output
    joined = runner.step(
        "arm_operation_wait", started=[], extra_operations=[started.result["operation"]]
    )
    assert joined.returncode == 0, joined.output
    assert joined.result["join"]["operations"][0]["status"] == "Succeeded"
    settings = joined.result["join"]["resources"][0]["properties"]["properties"]
    assert settings["enableNodePublicIp"] is False
    assert settings["scaleSettings"]["minNodeCount"] == 0

    runner.emulator.clear_requests()
    again = step(runner, **{**wanted, "subnet_id": setup["subnet_id"].upper()})
    assert (again.returncode, again.result["changed"]) == (0, False), again.output
    assert runner.writes() == []

    scaled = step(runner, "--diff", **wanted, max_nodes=4)
    assert scaled.returncode == 0, scaled.output
    assert scaled.result["changed_properties"] == [
        "properties.properties.scaleSettings.maxNodeCount"
    ]
    [patch] = runner.writes()
    assert patch["method"] == "PATCH"

    runner.emulator.clear_requests()
    resized = step(
        runner, **{**wanted, "max_nodes": 4, "vm_size": "Standard_DS4_v2"}, expect_failure=True
    )
    assert resized.result["msg"].startswith("vm_size:"), resized.result["msg"]
    assert "recreate" in resized.result["msg"]
    assert runner.writes() == []

    deleted = step(runner, **_where("cpu-cluster"), state="absent")
    assert deleted.result["changed"] is True
    [delete] = runner.writes()
    assert delete["method"] == "DELETE"
    again_deleted = step(runner, **_where("cpu-cluster"), state="absent")
    assert (again_deleted.returncode, again_deleted.result["changed"]) == (0, False)


def test_instance_recreate(runner: Runner, setup: dict) -> None:
    wanted = {
        **_where("ci-it-ds"),
        "compute_type": "ComputeInstance",
        "location": "eastus",
        "vm_size": "Standard_D2as_v4",
        "subnet_id": setup["subnet_id"],
        "assigned_user_object_id": USER,
        "assigned_user_tenant_id": USER,
        "ssh_public_key": KEY,
        "idle_time_before_shutdown": "PT60M",
        "setup_script": "#!/bin/sh\necho proxy\n",
    }
    created = step(runner, **wanted)
    assert created.returncode == 0, created.output
    settings = created.result["resource"]["properties"]["properties"]
    assert settings["personalComputeInstanceSettings"]["assignedUser"]["objectId"] == USER
    assert settings["sshSettings"]["adminPublicKey"] == KEY
    assert created.result["recreated"] is False

    again = step(runner, **wanted)
    assert again.result["changed"] is False, again.output

    runner.emulator.clear_requests()
    refused = step(runner, **{**wanted, "vm_size": "Standard_D4as_v4"}, expect_failure=True)
    assert refused.result["msg"].startswith("vm_size:"), refused.result["msg"]
    assert runner.writes() == []

    checked = step(runner, "--check", **{**wanted, "vm_size": "Standard_D4as_v4"}, recreate=True)
    assert (checked.result["changed"], checked.result["recreated"]) == (True, True)
    assert runner.writes() == []

    recreated = step(runner, **{**wanted, "vm_size": "Standard_D4as_v4"}, recreate=True)
    assert recreated.returncode == 0, recreated.output
    assert recreated.result["recreated"] is True
    assert [w["method"] for w in runner.writes()] == ["DELETE", "PUT"]
    resource = recreated.result["resource"]["properties"]["properties"]
    assert resource["vmSize"] == "Standard_D4as_v4"


def test_attach_and_detach_aks(runner: Runner, setup: dict) -> None:
    subscription = setup["workspace_id"].split("/")[2]
    aks_id = (
        f"/subscriptions/{subscription}/resourceGroups/{GROUP}"
        "/providers/Microsoft.ContainerService/managedClusters/aks-it"
    )
    wanted = {
        **_where("aks-inference"),
        "compute_type": "AKS",
        "location": "eastus",
        "aks_resource_id": aks_id,
        "cluster_purpose": "DevTest",
        "load_balancer_subnet": "training",
    }
    attached = step(runner, **wanted)
    assert attached.returncode == 0, attached.output
    assert attached.result["attached"] is True
    again = step(runner, **wanted)
    assert again.result["changed"] is False, again.output
    listed = runner.step(
        "typed_step",
        module="ml_compute_info",
        module_args={"workspace_name": WORKSPACE, "resource_group": GROUP},
    )
    assert listed.returncode == 0, listed.output
    [aks] = listed.result["computes"]
    assert (aks["name"], aks["compute_type"], aks["attached"]) == ("aks-inference", "AKS", True)

    runner.emulator.clear_requests()
    detached = step(runner, **_where("aks-inference"), state="absent")
    assert detached.result["changed"] is True
    [delete] = runner.writes()
    assert delete["method"] == "DELETE"


BAD_INPUTS = [
    ("name", {"name": "9bad"}),
    ("compute_type", {"compute_type": None}),
    ("vm_size", {"vm_size": None}),
    ("subnet_id", {"subnet_id": None}),
    ("subnet_id", {"subnet_id": "/subscriptions/x/resourceGroups/g"}),
    ("min_nodes", {"min_nodes": -1}),
    ("max_nodes", {"min_nodes": 3, "max_nodes": 2}),
    ("ssh_public_key", {"compute_type": "ComputeInstance", "ssh_public_key": "not a key"}),
    (
        "idle_time_before_shutdown",
        {
            "compute_type": "ComputeInstance",
            "ssh_public_key": None,
            "idle_time_before_shutdown": "PT5M",
        },
    ),
    (
        "assigned_user_object_id",
        {
            "compute_type": "ComputeInstance",
            "ssh_public_key": None,
            "assigned_user_object_id": "alice",
        },
    ),
    ("aks_resource_id", {"compute_type": "AKS", "aks_resource_id": None}),
    ("workspace_name", {"workspace_name": "x"}),
]


@pytest.mark.parametrize(
    ("option", "change"), BAD_INPUTS, ids=[f"{o}-{i}" for i, (o, _) in enumerate(BAD_INPUTS)]
)
def test_bad_input_fails_before_any_request(runner: Runner, option: str, change: dict) -> None:
    base = {
        **_where("cpu-cluster"),
        "compute_type": "AmlCompute",
        "location": "eastus",
        "vm_size": "Standard_DS3_v2",
        "subnet_id": (
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers"
            "/Microsoft.Network/virtualNetworks/v/subnets/training"
        ),
        "ssh_public_key": None,
    }
    wanted = {key: value for key, value in {**base, **change}.items() if value is not None}
    runner.emulator.clear_requests()
    failed = step(runner, **wanted, expect_failure=True)
    assert failed.result["msg"].startswith(f"{option}:"), failed.result["msg"]
    assert [r for r in runner.emulator.requests() if "/subscriptions/" in r["path"]] == []
