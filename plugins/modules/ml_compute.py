#!/usr/bin/python

# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: ml_compute
short_description: An Azure Machine Learning compute instance, cluster or attached AKS cluster
version_added: 0.4.0
description:
  - Ensures a compute of workspace O(workspace_name) exists, in the customer's VNet and without
    a node public IP by default, or that it does not exist.
  - V(ComputeInstance) is a personal instance assigned to one user; V(AmlCompute) a cluster
    that scales between O(min_nodes) and O(max_nodes); V(AKS) attaches an existing Azure
    Kubernetes Service cluster as inference compute.
  - ARM replaces a compute on every PUT and updates only a cluster's scale settings. Any
    other difference from the existing compute fails naming the option, unless O(recreate=true);
    then the compute is deleted and created again.
  - Deleting deletes the compute's resources, or detaches an attached cluster (which stays).
  - A compute without a public IP needs the workspace's private endpoint approved (and its DNS
    linked) first; ARM refuses it otherwise.
author:
  - Litware Cloud Platform Team (@litware)
options:
  workspace_name:
    description: Name of the workspace the compute belongs to.
    type: str
    required: true
  compute_type:
    description: Kind of compute. Required with O(state=present); it cannot change.
    type: str
    choices: [ComputeInstance, AmlCompute, AKS]
  location:
    description: Azure location (the workspace's). Required to create; it cannot change.
    type: str
  description:
    description: Description of the compute.
    type: str
  vm_size:
    description: VM size of the instance or of the cluster's nodes. Required for them.
    type: str
  subnet_id:
    description:
      - Resource id of the subnet the instance or the cluster's nodes go into; in the
        workspace's region. Required with O(enable_node_public_ip=false).
    type: str
  enable_node_public_ip:
    description:
      - Whether the nodes get public IP addresses. ARM's default is V(true); the module always
        sends the value, V(false) unless set.
    type: bool
    default: false
  disable_local_auth:
    description: Refuse key-based authentication to the compute (Microsoft Entra ID only).
    type: bool
    default: true
  vm_priority:
    description: Priority of the cluster's nodes.
    type: str
    choices: [Dedicated, LowPriority]
    default: Dedicated
  min_nodes:
    description: Fewest nodes of the cluster; V(0) scales to nothing when idle. Updated in place.
    type: int
    default: 0
  max_nodes:
    description: Most nodes of the cluster. Updated in place.
    type: int
    default: 2
  idle_seconds_before_scale_down:
    description: Seconds a cluster node stays idle before it is removed. Updated in place.
    type: int
    default: 120
  remote_login_port_public_access:
    description: Whether the cluster's nodes admit SSH from outside the VNet.
    type: str
    choices: [Enabled, Disabled, NotSpecified]
    default: Disabled
  assigned_user_object_id:
    description: Object id of the Microsoft Entra user the instance is assigned to.
    type: str
  assigned_user_tenant_id:
    description: Tenant of that user. Required with O(assigned_user_object_id).
    type: str
  ssh_public_key:
    description:
      - OpenSSH public key admitted by the instance's C(azureuser) (SSH with keys only). Unset,
        the instance has no SSH access.
    type: str
  idle_time_before_shutdown:
    description:
      - Idle time after which the instance shuts down, as an ISO 8601 duration in minutes
        (V(PT60M)); 15 minutes to 3 days.
    type: str
  setup_script:
    description:
      - Content of a shell script the instance runs once when it is created (for example the
        proxy settings of the compute side of the forward proxy).
    type: str
  aks_resource_id:
    description: Resource id of the AKS cluster to attach. Required to attach one.
    type: str
  cluster_purpose:
    description: Purpose of the attached AKS cluster (V(DevTest) under 12 vCPUs).
    type: str
    choices: [FastProd, DenseProd, DevTest]
    default: FastProd
  load_balancer_type:
    description: Load balancer of the attached AKS cluster's scoring endpoints.
    type: str
    choices: [InternalLoadBalancer, PublicIp]
    default: InternalLoadBalancer
  load_balancer_subnet:
    description: Name (not id) of the subnet the internal load balancer of the AKS cluster uses.
    type: str
  recreate:
    description:
      - Delete and create the compute again when a create-only option differs from the
        existing compute (its disk and state are lost). Without it such a difference fails.
    type: bool
    default: false
extends_documentation_fragment:
  - litware.aml_isolation.typed_resource
  - litware.aml_isolation.wait
  - litware.aml_isolation.azure_credentials
  - litware.aml_isolation.attributes
"""

EXAMPLES = r"""
- name: Start creating the CPU cluster (slow; joined with arm_operation_wait)
  litware.aml_isolation.ml_compute:
    name: cpu-cluster
    workspace_name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    compute_type: AmlCompute
    location: brazilsouth
    vm_size: Standard_DS3_v2
    subnet_id: "{{ training_subnet_id }}"
    min_nodes: 0
    max_nodes: 4
    wait: false
  register: cluster

- name: A personal compute instance, SSH with one key
  litware.aml_isolation.ml_compute:
    name: ci-litware-ds
    workspace_name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    compute_type: ComputeInstance
    location: brazilsouth
    vm_size: Standard_D2as_v4
    subnet_id: "{{ training_subnet_id }}"
    assigned_user_object_id: "{{ data_scientist_object_id }}"
    assigned_user_tenant_id: "{{ tenant_id }}"
    ssh_public_key: "{{ lookup('ansible.builtin.file', '~/.ssh/id_ed25519.pub') }}"
    idle_time_before_shutdown: PT60M

- name: Detach the AKS cluster (the cluster stays)
  litware.aml_isolation.ml_compute:
    name: aks-inference
    workspace_name: mlw-litwarea1b2c3
    resource_group: rg-litware-machinelearning-a1b2c3
    state: absent
"""

RETURN = r"""
compute_type:
  description: Kind of the compute; empty when absent.
  returned: always
  type: str
attached:
  description: Whether the compute is an attached cluster (deleting detaches it).
  returned: always
  type: bool
recreated:
  description: Whether the compute was (would be) deleted and created again.
  returned: always
  type: bool
id:
  description: Resource id of the compute.
  returned: always
  type: str
api_version:
  description: The api-version used.
  returned: always
  type: str
resource:
  description: The compute as ARM returned it (as it would be, in check mode); empty when absent.
  returned: always
  type: dict
changed_properties:
  description: Dotted paths of what differed from the current compute.
  returned: when the compute existed and was updated or recreated
  type: list
  elements: str
operation:
  description: The started operation, for M(litware.aml_isolation.arm_operation_wait).
  returned: when O(wait=false)
  type: dict
"""

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (  # noqa: E402
    PATCH,
    Rules,
    prune,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (  # noqa: E402
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.ml_compute import (  # noqa: E402
    OPTION_PATHS,
    SCALE_PATH,
    compute_values,
    delete_action,
    desired_body,
    same_subnet,
    validate_options,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.typed import (  # noqa: E402
    TypedResource,
    run_typed_module,
)


def _option_of(path: str) -> str:
    for option, option_path in OPTION_PATHS.items():
        if path == option_path or path.startswith(option_path + "."):
            return option
    return "compute_type"


def _recreate(engine, params: dict, current: dict, desired: dict, paths: list) -> dict:
    if not params["recreate"]:
        option = _option_of(paths[0])
        raise invalid_option(
            option,
            f"{engine.resource_id} has {paths[0]} {_value(current, paths[0])!r}; it is fixed "
            "when the compute is created (set recreate: true to delete and create it again)",
        )
    if not engine.module.check_mode:
        engine.module.client.delete(
            engine.resource_id,
            engine.api_version,
            wait=True,
            timeout=engine._timeout,
            query=engine.rules.delete_query,
        )
    expected = dict(desired, id=str(engine.resource_id), name=engine.resource_id.name)
    resource, operation = engine._write("PUT", desired, expected)
    diff = engine.comparator.managed_diff(current, expected, desired)
    result = engine._result(True, resource, diff, operation)
    return dict(result, changed_properties=paths, recreated=True)


def _value(body: dict, path: str):
    for key in path.split("."):
        body = body.get(key) if isinstance(body, dict) else None
    return body


def _rescale(engine, current: dict, desired: dict, paths: list) -> dict:
    scale = _value(desired, SCALE_PATH)
    body = {"properties": {"properties": {"scaleSettings": scale}}}
    expected = engine.comparator.merge(desired, current)
    resource, operation = engine._write(PATCH, body, expected)
    diff = engine.comparator.managed_diff(current, expected, desired)
    result = engine._result(True, resource, diff, operation)
    return dict(result, changed_properties=paths, recreated=False)


def ensure(engine, params: dict, desired: dict | None) -> dict:
    current = engine.read()
    engine.rules = Rules(
        comparator=engine.rules.comparator,
        create_requires=engine.rules.create_requires,
        delete_query={"underlyingResourceAction": delete_action(current)},
    )
    if params["state"] == "absent":
        return dict(engine.absent(current), recreated=False)
    desired = prune(desired)
    if current is None:
        return dict(engine.present(None, desired), recreated=False)
    same_subnet(desired, current)
    paths = engine.comparator.differences(desired, current).paths()
    create_only = [path for path in paths if not path.startswith(SCALE_PATH)]
    if create_only:
        return _recreate(engine, params, current, desired, create_only)
    if paths:
        return _rescale(engine, current, desired, paths)
    return dict(engine.present(current, desired), recreated=False)


ML_COMPUTE = TypedResource(
    resource_type="Microsoft.MachineLearningServices/workspaces/computes",
    argument_spec=dict(
        workspace_name=dict(type="str", required=True),
        compute_type=dict(type="str", choices=["ComputeInstance", "AmlCompute", "AKS"]),
        location=dict(type="str"),
        description=dict(type="str"),
        vm_size=dict(type="str"),
        subnet_id=dict(type="str"),
        enable_node_public_ip=dict(type="bool", default=False),
        disable_local_auth=dict(type="bool", default=True),
        vm_priority=dict(type="str", choices=["Dedicated", "LowPriority"], default="Dedicated"),
        min_nodes=dict(type="int", default=0),
        max_nodes=dict(type="int", default=2),
        idle_seconds_before_scale_down=dict(type="int", default=120),
        remote_login_port_public_access=dict(
            type="str", choices=["Enabled", "Disabled", "NotSpecified"], default="Disabled"
        ),
        assigned_user_object_id=dict(type="str"),
        assigned_user_tenant_id=dict(type="str"),
        ssh_public_key=dict(type="str", no_log=False),
        idle_time_before_shutdown=dict(type="str"),
        setup_script=dict(type="str"),
        aks_resource_id=dict(type="str"),
        cluster_purpose=dict(
            type="str", choices=["FastProd", "DenseProd", "DevTest"], default="FastProd"
        ),
        load_balancer_type=dict(
            type="str", choices=["InternalLoadBalancer", "PublicIp"], default="InternalLoadBalancer"
        ),
        load_balancer_subnet=dict(type="str"),
        recreate=dict(type="bool", default=False),
    ),
    desired_body=desired_body,
    returns=compute_values,
    validate=validate_options,
    resource_name=lambda params: f"{params['workspace_name']}/{params['name']}",
    rules=Rules(create_requires={"location": "location"}),
    ensure=ensure,
)


def main() -> None:
    run_typed_module(ML_COMPUTE)


if __name__ == "__main__":
    main()
