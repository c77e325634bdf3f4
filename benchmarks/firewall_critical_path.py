"""site.yml --tags firewall takes about the firewall's own create time, not the sum of its
parts: the emulator at realistic latency (Azure Firewall 360 s x scale, every other type its own
typical duration).

    .venv/bin/python -m benchmarks.firewall_critical_path [--runs 1] [--scale 0.5]

Per run, on a freshly reset emulator: --tags network at zero latency, then --tags firewall
timed twice from scratch, at zero latency (Ansible's own time) and at the realistic profile.
The sum of parts adds the realistic duration of every write the run made (from the emulator's
request log), as if each were waited for in turn. The time spent waiting is the realistic run
less the zero-latency run: about the firewall's create time when the rest overlaps it, about
the sum of parts when it does not. The last line printed holds the figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator
from tools.arm_emulator.deploy_times import seconds
from tools.arm_emulator.providers import default_registry

FIREWALL_SECONDS = 360
WRITES = {"PUT", "DELETE"}


def type_of(path: str) -> str:
    """The resource type a request path addresses (an extension resource's own type)."""
    segments = path.split("?", 1)[0].strip("/").split("/")
    lowered = [segment.lower() for segment in segments]
    if "providers" not in lowered:
        return "Microsoft.Resources/resourceGroups"
    start = len(lowered) - 1 - lowered[::-1].index("providers")
    return "/".join([segments[start + 1], *segments[start + 2 :][0::2]])


def sum_of_parts(emulator: Emulator, scale: float) -> float:
    registry = default_registry()
    total = 0.0
    for entry in emulator.requests():
        if entry["method"] not in WRITES or entry["status"] >= 300:
            continue
        rtype = registry.get(type_of(entry["path"]))
        total += (seconds(rtype, entry["method"].lower()) if rtype else 0.0) * scale
    return total


def timed_firewall(emulator: Emulator, env: dict[str, str], latency: str, scale: float) -> float:
    emulator.configure(latency="zero")
    emulator.reset()
    checked(run_playbook("playbooks/site.yml", env, "--tags", "network", inventory=INVENTORY))
    emulator.configure(latency=latency, latency_scale=scale)
    emulator.clear_requests()
    started = time.perf_counter()
    checked(run_playbook("playbooks/site.yml", env, "--tags", "firewall", inventory=INVENTORY))
    return time.perf_counter() - started


INVENTORY = "inventories/local"


def checked(result) -> None:  # type: ignore[no-untyped-def]
    if result.returncode != 0 or recap_totals(result.stdout)["failed"]:
        raise SystemExit(f"benchmark playbook failed:\n{result.stdout[-6000:]}\n{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--scale", type=float, default=0.5)
    args = parser.parse_args()
    zero, realistic, parts = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Emulator.start(work / "emulator") as emulator:
            env = ansible_env(work / "collections", emulator.env)
            for _ in range(args.runs):
                zero.append(timed_firewall(emulator, env, "zero", 1.0))
                realistic.append(timed_firewall(emulator, env, "realistic", args.scale))
                parts.append(sum_of_parts(emulator, args.scale))
    firewall = FIREWALL_SECONDS * args.scale
    own, took, summed = (statistics.median(v) for v in (zero, realistic, parts))
    waited = took - own
    print(f"zero_latency_runs_s={[round(v, 1) for v in zero]}")
    print(f"realistic_runs_s={[round(v, 1) for v in realistic]}")
    verdict = "PASS" if waited < (firewall + summed) / 2 else "FAIL"
    print(
        f"{verdict} --tags firewall {took:.1f} s at realistic latency, {own:.1f} s at zero: "
        f"{waited:.1f} s spent waiting; the firewall's own create {firewall:.0f} s, the sum of "
        f"its parts waited in turn {summed:.1f} s (scale {args.scale}, median of {args.runs})"
    )


if __name__ == "__main__":
    main()
