"""What ml_compute sends and refuses, without ARM: the body of each kind, the checks of its
options, the subnet id the service rewrites, detach for attached clusters."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.ml_compute import (
    delete_action,
    desired_body,
    same_subnet,
    validate_options,
)

SUBNET = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
    "/Microsoft.Network/virtualNetworks/vnet/subnets/training"
)
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3g0dlz2XU7m2x1 deployer"
OBJECT_ID = "11111111-2222-3333-4444-555555555555"


def params(**overrides) -> dict:
    base = {
        "name": "cpu-cluster",
        "workspace_name": "mlw-test",
        "state": "present",
        "compute_type": "AmlCompute",
        "location": "eastus",
        "description": None,
        "vm_size": "Standard_DS3_v2",
        "subnet_id": SUBNET,
        "enable_node_public_ip": False,
        "disable_local_auth": True,
        "vm_priority": "Dedicated",
        "min_nodes": 0,
        "max_nodes": 2,
        "idle_seconds_before_scale_down": 120,
        "remote_login_port_public_access": "Disabled",
        "assigned_user_object_id": None,
        "assigned_user_tenant_id": None,
        "ssh_public_key": None,
        "idle_time_before_shutdown": None,
        "setup_script": None,
        "aks_resource_id": None,
        "cluster_purpose": "FastProd",
        "load_balancer_type": "InternalLoadBalancer",
        "load_balancer_subnet": None,
    }
    return {**base, **overrides}


def test_cluster_body_sends_no_public_ip_and_scale_settings() -> None:
    settings = desired_body(params())["properties"]["properties"]
    assert settings["enableNodePublicIp"] is False
    assert settings["subnet"] == {"id": SUBNET}
    assert settings["scaleSettings"] == {
        "minNodeCount": 0,
        "maxNodeCount": 2,
        "nodeIdleTimeBeforeScaleDown": "PT120S",
    }


def test_instance_body_carries_user_key_and_inline_script() -> None:
    body = desired_body(
        params(
            name="ci-test",
            compute_type="ComputeInstance",
            assigned_user_object_id=OBJECT_ID,
            assigned_user_tenant_id=OBJECT_ID,
            ssh_public_key=KEY + "\n",
            setup_script="echo hi\n",
        )
    )
    settings = body["properties"]["properties"]
    assert settings["personalComputeInstanceSettings"]["assignedUser"]["objectId"] == OBJECT_ID
    assert settings["sshSettings"]["adminPublicKey"] == KEY
    script = settings["setupScripts"]["scripts"]["creationScript"]
    assert base64.b64decode(script["scriptData"]) == b"echo hi\n"
    assert "scaleSettings" not in settings


@pytest.mark.parametrize(
    ("option", "overrides"),
    [
        ("name", {"name": "-bad"}),
        ("compute_type", {"compute_type": None}),
        ("subnet_id", {"subnet_id": None}),
        ("max_nodes", {"max_nodes": 0}),
        ("ssh_public_key", {"ssh_public_key": KEY}),
        ("aks_resource_id", {"compute_type": "AKS", "aks_resource_id": SUBNET}),
        (
            "assigned_user_tenant_id",
            {
                "compute_type": "ComputeInstance",
                "name": "ci-x",
                "assigned_user_object_id": OBJECT_ID,
            },
        ),
        (
            "idle_time_before_shutdown",
            {
                "compute_type": "ComputeInstance",
                "name": "ci-x",
                "idle_time_before_shutdown": "PT4320M1",
            },
        ),
    ],
)
def test_bad_options_are_named(option: str, overrides: dict) -> None:
    with pytest.raises(ArmError) as raised:
        validate_options(params(**overrides))
    assert str(raised.value).startswith(f"{option}:"), str(raised.value)


def test_rewritten_subnet_id_is_the_same_subnet() -> None:
    desired = desired_body(params())
    current = {"properties": {"properties": {"subnet": {"id": SUBNET.lower() + "/"}}}}
    same_subnet(desired, current)
    assert desired["properties"]["properties"]["subnet"]["id"] == SUBNET.lower() + "/"


def test_attached_clusters_are_detached() -> None:
    assert delete_action({"properties": {"computeType": "AKS", "isAttachedCompute": True}}) == (
        "Detach"
    )
    assert delete_action({"properties": {"computeType": "AmlCompute"}}) == "Delete"
    assert delete_action(None) == "Delete"
