"""The critical path of a deployment: the longest chain of creates that depend on each other,
timed with the emulator's deploy-time table (tools/arm_emulator/deploy_times.py).

    python -m tools.critical_path RUN_DIR [--scale 1.0]

RUN_DIR holds `state.json` and `requests.json` as `tools.run_on_emulator --save-run` writes
them. The graph comes from what was deployed, so a new type needs no code here:
- a node is every resource of the final state that a successful PUT of the run created;
- it depends on the closest deployed resource whose id is a prefix of its own (its parent, or
  the scope of an extension resource such as a role assignment or a diagnostic setting), and on
  every deployed resource an id in its body points into (a NIC's subnet, an endpoint's subnet and
  target, a workspace's storage, vault, registry and Application Insights, ...);
- a compute that boots nodes when it is created (a compute instance, an AKS cluster) in a subnet
  whose default route leads to a firewall depends on that firewall and on its policy's rule
  collection groups: without the egress they allow its provisioning fails (Azure ML's "no public
  IP" computes need outbound access to the service; docs/decisions/0013);
- only references to a resource created earlier in the run count: the others are
  back-references Azure derives (a subnet's ipConfigurations, a VNet's embedded subnets).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.arm_emulator.deploy_times import seconds
from tools.arm_emulator.providers import default_registry

WRITES_OK = range(200, 300)
# Types (or `type#variant`, as in the deploy-time table) whose creation needs egress.
NEEDS_EGRESS_TO_CREATE = {
    "microsoft.machinelearningservices/workspaces/computes#computeinstance",
    "microsoft.containerservice/managedclusters",
}
FIREWALL_TYPE = "microsoft.network/azurefirewalls"
RULE_GROUP_TYPE = "microsoft.network/firewallpolicies/rulecollectiongroups"


@dataclass
class Node:
    id: str
    type: str
    seconds: float
    started: float  # time of the first successful PUT, orders the graph
    deps: set[str]


@dataclass
class Path_:
    chain: list[Node]
    total: float


def first_puts(requests: list[dict[str, Any]]) -> dict[str, float]:
    """Resource id (lower case) -> time of its first successful PUT in the log."""
    found: dict[str, float] = {}
    for entry in requests:
        if entry["method"] == "PUT" and entry.get("status") in WRITES_OK:
            found.setdefault(entry["path"].split("?", 1)[0].rstrip("/").lower(), entry["time"])
    return found


def _ids_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.lower().startswith("/subscriptions/") else []
    if isinstance(value, dict):
        return [found for item in value.values() for found in _ids_in(item)]
    if isinstance(value, list):
        return [found for item in value for found in _ids_in(item)]
    return []


def _owner(reference: str, known: set[str], within: bool = False) -> str | None:
    """The longest known id that `reference` equals or lies under; with `within`, only when
    the rest is a part of that resource (an ip configuration of a NIC), not another resource
    (`/providers/...`) that the run did not create."""
    full = reference.lower().rstrip("/")
    low = full
    while low:
        if low in known:
            rest = full[len(low) :]
            return None if within and "/providers/" in rest else low
        low = low.rpartition("/")[0]
    return None


def _props(item: dict[str, Any] | None) -> dict[str, Any]:
    return (item or {}).get("properties") or {}


def _egress_firewalls(item: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> set[str]:
    """The firewalls (and their policies' rule collection groups) that the default route of a
    subnet `item` references leads to."""
    hops = set()
    for reference in _ids_in(_props(item)):
        subnet = by_id.get(reference.lower().rstrip("/"))
        if not subnet or not subnet.get("type", "").lower().endswith("/subnets"):
            continue
        table = by_id.get((_props(subnet).get("routeTable") or {}).get("id", "").lower())
        for route in _props(table).get("routes", []):
            route_props = route.get("properties") or {}
            if (
                route_props.get("addressPrefix") == "0.0.0.0/0"
                and route_props.get("nextHopType") == "VirtualAppliance"
            ):
                hops.add(route_props.get("nextHopIpAddress"))
    found: set[str] = set()
    for rid, other in by_id.items():
        if other.get("type", "").lower() != FIREWALL_TYPE:
            continue
        addresses = {
            (config.get("properties") or {}).get("privateIPAddress")
            for config in _props(other).get("ipConfigurations", [])
        }
        if addresses & hops:
            found.add(rid)
            policy = (_props(other).get("firewallPolicy") or {}).get("id", "").lower()
            found.update(
                gid
                for gid, group in by_id.items()
                if policy
                and group.get("type", "").lower() == RULE_GROUP_TYPE
                and gid.startswith(policy + "/")
            )
    return found


def _needs_egress(item: dict[str, Any]) -> bool:
    rtype = item.get("type", "").lower()
    kind = str(_props(item).get("computeType", "")).lower()
    return rtype in NEEDS_EGRESS_TO_CREATE or f"{rtype}#{kind}" in NEEDS_EGRESS_TO_CREATE


def build_graph(
    state: dict[str, Any], requests: list[dict[str, Any]], scale: float = 1.0
) -> dict[str, Node]:
    registry = default_registry()
    created = first_puts(requests)
    items = [item for item in state.get("resources", []) if item.get("id", "").lower() in created]
    known = {item["id"].lower() for item in items}
    by_id = {item["id"].lower(): item for item in state.get("resources", []) if "id" in item}
    nodes: dict[str, Node] = {}
    for item in items:
        rid = item["id"].lower()
        rtype = registry.get(item.get("type", ""))
        duration = seconds(rtype, "put", item) * scale if rtype else 0.0
        deps = set()
        parent = _owner(rid.rpartition("/")[0], known)
        if parent:
            deps.add(parent)
        body = {k: v for k, v in item.items() if k != "id"}
        for reference in _ids_in(body):
            target = _owner(reference, known, within=True)
            if target and target != rid and not target.startswith(rid + "/"):
                deps.add(target)
        if _needs_egress(item):
            deps.update(known & _egress_firewalls(item, by_id))
        nodes[rid] = Node(item["id"], item.get("type", "?"), duration, created[rid], deps)
    for node in nodes.values():
        node.deps = {d for d in node.deps if nodes[d].started < node.started}
    return nodes


def critical_path(nodes: dict[str, Node]) -> Path_:
    finish: dict[str, float] = {}
    via: dict[str, str | None] = {}
    for rid in sorted(nodes, key=lambda r: nodes[r].started):
        node = nodes[rid]
        before = max(node.deps, key=lambda d: finish[d], default=None)
        finish[rid] = (finish[before] if before else 0.0) + node.seconds
        via[rid] = before
    if not finish:
        return Path_([], 0.0)
    # On a tie the later resource ends the path (a synchronous write after the long create).
    last: str | None = max(finish, key=lambda r: (finish[r], nodes[r].started))
    total = finish[last]
    chain: list[Node] = []
    while last:
        chain.append(nodes[last])
        last = via[last]
    return Path_(list(reversed(chain)), total)


def load_run(run_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    state = json.loads((run_dir / "state.json").read_text())
    requests = json.loads((run_dir / "requests.json").read_text())
    return state, requests


def report(nodes: dict[str, Node], path: Path_) -> str:
    lines = ["Critical path (create times of the deploy-time table):"]
    elapsed = 0.0
    for node in path.chain:
        elapsed += node.seconds
        name = node.id.rsplit("/", 1)[-1]
        lines.append(f"  {node.seconds:7.1f} s  -> {elapsed:7.1f} s  {node.type} {name}")
    total_sum = sum(n.seconds for n in nodes.values())
    lines.append(
        f"critical_path_s={path.total:.1f} resources={len(nodes)} sequential_sum_s={total_sum:.1f}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="the run's latency_scale")
    options = parser.parse_args()
    state, requests = load_run(options.run_dir)
    nodes = build_graph(state, requests, options.scale)
    print(report(nodes, critical_path(nodes)))


if __name__ == "__main__":
    main()
