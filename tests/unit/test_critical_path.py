"""The critical path of a deployment, from what was deployed and the deploy-time table."""

from __future__ import annotations

from tools.arm_emulator.deploy_times import TIMES
from tools.critical_path import build_graph, critical_path

SUB = "/subscriptions/s"
RG = f"{SUB}/resourceGroups/rg"
NET = f"{RG}/providers/Microsoft.Network"
VNET = f"{NET}/virtualNetworks/hub"
SUBNET = f"{VNET}/subnets/AzureFirewallSubnet"
POLICY = f"{NET}/firewallPolicies/policy"
FIREWALL = f"{NET}/azureFirewalls/fw"
NIC = f"{NET}/networkInterfaces/nic"
DIAG = f"{FIREWALL}/providers/Microsoft.Insights/diagnosticSettings/logs"
ML = f"{RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw"
COMPUTE = f"{ML}/computes/ci"


def item(rid: str, rtype: str, **properties: object) -> dict:
    return {"id": rid, "type": rtype, "properties": properties}


def put(rid: str, at: float) -> dict:
    return {"method": "PUT", "path": f"{rid}?api-version=1", "status": 201, "time": at}


def create_seconds(rtype: str) -> float:
    return TIMES[rtype].create


STATE = {
    "resources": [
        item(RG, "Microsoft.Resources/resourceGroups"),
        item(VNET, "Microsoft.Network/virtualNetworks", subnets=[{"id": SUBNET}]),
        # A back-reference Azure derives: the NIC was created after the subnet.
        item(SUBNET, "Microsoft.Network/virtualNetworks/subnets", ipConfigurations=[{"id": NIC}]),
        item(POLICY, "Microsoft.Network/firewallPolicies"),
        item(
            FIREWALL,
            "Microsoft.Network/azureFirewalls",
            firewallPolicy={"id": POLICY},
            ipConfigurations=[{"properties": {"subnet": {"id": SUBNET}}}],
        ),
        item(
            NIC,
            "Microsoft.Network/networkInterfaces",
            ipConfigurations=[{"properties": {"subnet": {"id": SUBNET}}}],
        ),
        # It names a workspace the run did not create: no dependency on it (nor on its group).
        item(
            DIAG,
            "Microsoft.Insights/diagnosticSettings",
            workspaceId=f"{RG}/providers/Microsoft.OperationalInsights/workspaces/law",
        ),
        item(ML, "Microsoft.MachineLearningServices/workspaces"),
        item(
            COMPUTE,
            "Microsoft.MachineLearningServices/workspaces/computes",
            computeType="ComputeInstance",
        ),
        item(
            f"{RG}/providers/Microsoft.Network/routeTables/existing",
            "Microsoft.Network/routeTables",
        ),
    ]
}
REQUESTS = [
    put(RG, 1),
    put(VNET, 2),
    put(SUBNET, 3),
    put(POLICY, 4),
    put(FIREWALL, 5),
    put(NIC, 6),
    put(DIAG, 7),
    put(ML, 8),
    put(COMPUTE, 9),
    {"method": "GET", "path": f"{VNET}?api-version=1", "status": 200, "time": 10},
]


def test_the_graph_holds_parents_references_and_scopes_but_no_back_references() -> None:
    nodes = build_graph(STATE, REQUESTS)
    low = str.lower
    assert nodes[low(SUBNET)].deps == {low(VNET)}  # the NIC it lists came later
    assert nodes[low(VNET)].deps == {low(RG)}  # its embedded subnet came later
    assert nodes[low(FIREWALL)].deps == {low(RG), low(POLICY), low(SUBNET)}
    assert nodes[low(NIC)].deps == {low(RG), low(SUBNET)}
    assert nodes[low(DIAG)].deps == {low(FIREWALL)}  # an extension depends on its scope
    # Not created by the run: not part of its graph.
    assert not any("existing" in rid for rid in nodes)


def test_the_critical_path_is_the_longest_chain_of_create_times() -> None:
    path = critical_path(build_graph(STATE, REQUESTS))
    chain = [node.id for node in path.chain]
    # A compute instance (a variant row) after the workspace is shorter than the firewall
    # after its policy (which takes longer than the hub and its subnet).
    assert chain == [RG, POLICY, FIREWALL, DIAG]
    expected = sum(
        create_seconds(t)
        for t in (
            "Microsoft.Resources/resourceGroups",
            "Microsoft.Network/firewallPolicies",
            "Microsoft.Network/azureFirewalls",
        )
    )
    assert path.total == expected  # the diagnostic setting is synchronous: no time of its own


def test_a_variant_row_times_a_compute_instance_apart_from_a_cluster() -> None:
    nodes = build_graph(STATE, REQUESTS, scale=0.5)
    compute = nodes[COMPUTE.lower()]
    assert compute.seconds == 0.5 * create_seconds(
        "Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance"
    )
    assert compute.deps == {ML.lower()}


SPOKE = f"{NET}/virtualNetworks/spoke"
TRAINING = f"{SPOKE}/subnets/training"
ROUTES = f"{NET}/routeTables/to-firewall"
RULES = f"{POLICY}/ruleCollectionGroups/egress"
INSTANCE = f"{ML}/computes/instance"


def egress_run(next_hop: str) -> tuple[dict, list]:
    """A firewall at 10.0.0.4, its policy's rules, and a compute instance in a training subnet
    whose default route goes to NEXT_HOP."""
    firewall = item(
        FIREWALL,
        "Microsoft.Network/azureFirewalls",
        firewallPolicy={"id": POLICY},
        ipConfigurations=[
            {"properties": {"subnet": {"id": SUBNET}, "privateIPAddress": "10.0.0.4"}}
        ],
    )
    route = {
        "properties": {
            "addressPrefix": "0.0.0.0/0",
            "nextHopType": "VirtualAppliance",
            "nextHopIpAddress": next_hop,
        }
    }
    resources = [
        item(RG, "Microsoft.Resources/resourceGroups"),
        item(VNET, "Microsoft.Network/virtualNetworks"),
        item(SUBNET, "Microsoft.Network/virtualNetworks/subnets"),
        item(POLICY, "Microsoft.Network/firewallPolicies"),
        item(RULES, "Microsoft.Network/firewallPolicies/ruleCollectionGroups"),
        firewall,
        item(SPOKE, "Microsoft.Network/virtualNetworks"),
        item(ROUTES, "Microsoft.Network/routeTables", routes=[route]),
        # ARM lower-cases the subnet id a compute reports.
        item(TRAINING, "Microsoft.Network/virtualNetworks/subnets", routeTable={"id": ROUTES}),
        item(ML, "Microsoft.MachineLearningServices/workspaces"),
        item(
            INSTANCE,
            "Microsoft.MachineLearningServices/workspaces/computes",
            computeType="ComputeInstance",
            properties={"subnet": {"id": TRAINING.lower()}},
        ),
    ]
    order = [RG, VNET, SUBNET, POLICY, RULES, FIREWALL, SPOKE, ROUTES, TRAINING, ML, INSTANCE]
    return {"resources": resources}, [put(rid, at) for at, rid in enumerate(order, start=1)]


def test_a_compute_instance_routed_through_a_firewall_waits_for_it_and_its_rules() -> None:
    state, requests = egress_run("10.0.0.4")
    nodes = build_graph(state, requests)
    low = str.lower
    assert nodes[low(INSTANCE)].deps == {low(ML), low(TRAINING), low(FIREWALL), low(RULES)}
    chain = [node.id for node in critical_path(nodes).chain]
    assert chain == [RG, POLICY, FIREWALL, INSTANCE]


def test_a_route_to_another_appliance_adds_no_dependency_on_the_firewall() -> None:
    state, requests = egress_run("10.9.9.9")
    nodes = build_graph(state, requests)
    assert nodes[INSTANCE.lower()].deps == {ML.lower(), TRAINING.lower()}
