"""Faults survived: a playbook creating 30 resources converges against the emulator with 20%
injected transient faults (429 with Retry-After, 503, dropped connections, failed long-running
operations), and the final state equals the fault-free run's (ignoring etags and timestamps).

    .venv/bin/python -m benchmarks.fault_convergence [--rate 0.2] [--seed 1]

The last line printed holds the figures."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator
from tools.arm_emulator.knobs import FAULT_KINDS

VOLATILE_KEYS = {"etag", "createdTime", "changedTime", "lastModifiedAt", "createdAt", "timeCreated"}
SUBNETS = {
    "bastion": 0,
    "private-endpoints": 20,
    "training": 40,
    "scoring": 90,
    "scoring-aks-api": 95,
    "proxy": 200,
}
ZONES = ["privatelink.api.azureml.ms", "privatelink.blob.core.windows.net", "private.litware.com"]


def resources(subscription: str) -> list[tuple[str, dict]]:
    """Thirty (id, body) pairs in creation order: group, NSGs and rules, VNet, subnets, zones."""
    group = f"/subscriptions/{subscription}/resourceGroups/rg-faults"
    net = f"{group}/providers/Microsoft.Network"
    dns = f"{group}/providers/Microsoft.Network/privateDnsZones"
    vnet = f"{net}/virtualNetworks/vnet-faults"
    pairs: list[tuple[str, dict]] = [(group, {"location": "brazilsouth"})]
    for name in SUBNETS:
        pairs.append((f"{net}/networkSecurityGroups/nsg-{name}", {"location": "brazilsouth"}))
    for priority, name in enumerate(SUBNETS, start=1):
        rule = {
            "properties": {
                "priority": 100 * priority,
                "direction": "Inbound",
                "access": "Deny",
                "protocol": "Tcp",
                "sourceAddressPrefix": "Internet",
                "sourcePortRange": "*",
                "destinationAddressPrefix": "*",
                "destinationPortRange": "22",
            }
        }
        pairs.append((f"{net}/networkSecurityGroups/nsg-{name}/securityRules/deny-ssh", rule))
    pairs.append((f"{net}/routeTables/rt-faults", {"location": "brazilsouth"}))
    pairs.append(
        (
            vnet,
            {
                "location": "brazilsouth",
                "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
            },
        )
    )
    for name, third_octet in SUBNETS.items():
        body = {
            "properties": {
                "addressPrefix": f"10.0.{third_octet}.0/24",
                "networkSecurityGroup": {"id": f"{net}/networkSecurityGroups/nsg-{name}"},
            }
        }
        pairs.append((f"{vnet}/subnets/{name}", body))
    for zone in ZONES:
        pairs.append((f"{dns}/{zone}", {"location": "global"}))
        link = {
            "location": "global",
            "properties": {
                "virtualNetwork": {"id": vnet},
                "registrationEnabled": zone == "private.litware.com",
            },
        }
        pairs.append((f"{dns}/{zone}/virtualNetworkLinks/link-faults", link))
    for host, address in [("api", "10.0.20.4"), ("blob", "10.0.20.5")]:
        record = {"properties": {"ttl": 300, "aRecords": [{"ipv4Address": address}]}}
        pairs.append((f"{dns}/{ZONES[0 if host == 'api' else 1]}/A/{host}", record))
    pairs.append(
        (
            f"{dns}/private.litware.com/CNAME/squid",
            {"properties": {"ttl": 300, "cnameRecord": {"cname": "vm-proxy.private.litware.com"}}},
        )
    )
    return pairs


def write_playbook(path: Path, subscription: str) -> Path:
    tasks = []
    for resource_id, body in resources(subscription):
        if resource_id.count("/") == 4:
            task = {
                "name": "Ensure the resource group exists",
                "litware.aml_isolation.resource_group": {"name": "rg-faults", **body},
            }
        else:
            kind, name = resource_id.rsplit("/", 2)[-2:]
            task = {
                "name": f"Ensure {kind} {name} exists",
                "litware.aml_isolation.arm_resource": {"id": resource_id, "body": body},
            }
        tasks.append(task)
    play = [
        {
            "name": "Thirty resources",
            "hosts": "localhost",
            "connection": "local",
            "gather_facts": False,
            "tasks": tasks,
        }
    ]
    path.write_text(json.dumps(play, indent=1))
    return path


def comparable(state: object) -> object:
    if isinstance(state, dict):
        return {k: comparable(v) for k, v in state.items() if k not in VOLATILE_KEYS}
    if isinstance(state, list):
        return [comparable(v) for v in state]
    return state


def converge(work: Path, rate: float, seed: int) -> tuple[dict, object, Counter]:
    with Emulator.start(work / f"emulator-{rate}", fault_rate=rate, fault_seed=seed) as emulator:
        env = ansible_env(work / "collections", emulator.env)
        playbook = write_playbook(work / f"thirty-{rate}.yml", emulator.subscription_id)
        result = run_playbook(playbook, env)
        totals = recap_totals(result.stdout)
        if result.returncode != 0 or totals["failed"]:
            raise SystemExit(
                f"run with fault rate {rate} failed:\n{result.stdout}\n{result.stderr}"
            )
        faults = Counter(r.get("fault") for r in emulator.requests() if r.get("fault"))
        return totals, comparable(emulator.state()), faults


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        clean_totals, clean_state, _ = converge(work, 0.0, options.seed)
        faulty_totals, faulty_state, faults = converge(work, options.rate, options.seed)
    count = len(resources("x"))
    same = clean_state == faulty_state
    print(f"fault-free run: {clean_totals}; faulty run: {faulty_totals}")
    print(f"faults injected: {dict(faults)}")
    every_kind = set(FAULT_KINDS) <= set(faults)
    verdict = "PASS" if same and every_kind and faulty_totals["failed"] == 0 else "FAIL"
    print(
        f"{verdict} {count} resources, fault rate {options.rate} seed {options.seed}: "
        f"{sum(faults.values())} faults injected (every kind: {every_kind}), "
        f"failed tasks {faulty_totals['failed']}, "
        f"final state equal to fault-free run: {same}"
    )


if __name__ == "__main__":
    main()
