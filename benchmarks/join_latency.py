"""Two slow creates started with wait=false and joined take about the longer one's time, not
the sum: the emulator at realistic latency (private DNS zones take 30 s x scale each).

    .venv/bin/python -m benchmarks.join_latency [--runs 3] [--scale 0.3]

Three playbooks, each on a freshly reset emulator, alternating, median of the runs: one zone
(wait), two zones one after the other (wait), two zones started with wait=false and joined with
arm_operation_wait. The last line printed holds the figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator

HEADER = """- name: Benchmark
  hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/litware.aml_isolation.azure:
      timeout: 600
  tasks:
    - name: Create the resource group
      litware.aml_isolation.resource_group:
        name: rg-join
        location: eastus
      register: group
"""
ZONE = """    - name: Create zone {n}
      litware.aml_isolation.arm_resource:
        id: "{{{{ group.id }}}}/providers/Microsoft.Network/privateDnsZones/zone{n}.example"
        body:
          location: global
        wait: {wait}
      register: zone{n}
"""
JOIN = """    - name: Join both zones
      litware.aml_isolation.arm_operation_wait:
        operations: ["{{ zone1.operation }}", "{{ zone2.operation }}"]
        poll_interval: 2
"""


def playbooks(work: Path) -> dict[str, Path]:
    texts = {
        "one": HEADER + ZONE.format(n=1, wait="true"),
        "sequential": HEADER + ZONE.format(n=1, wait="true") + ZONE.format(n=2, wait="true"),
        "joined": HEADER + ZONE.format(n=1, wait="false") + ZONE.format(n=2, wait="false") + JOIN,
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = work / f"{name}.yml"
        paths[name].write_text(text)
    return paths


def timed_run(emulator: Emulator, playbook: Path, env: dict[str, str]) -> float:
    emulator.reset()
    started = time.perf_counter()
    result = run_playbook(playbook, env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or recap_totals(result.stdout)["failed"]:
        raise SystemExit(f"benchmark playbook failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=0.3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"one": [], "sequential": [], "joined": []}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Emulator.start(
            work / "emulator", latency="realistic", latency_scale=args.scale
        ) as emulator:
            env = ansible_env(work / "collections", emulator.env)
            paths = playbooks(work)
            for _ in range(args.runs):
                for name, path in paths.items():
                    times[name].append(timed_run(emulator, path, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name}_runs_s={[round(value, 2) for value in values]}")
    zone = median["sequential"] - median["one"]
    extra = median["joined"] - median["one"]
    verdict = "PASS" if extra < zone / 2 else "FAIL"
    print(
        f"{verdict} one zone {median['one']:.1f} s, two sequential {median['sequential']:.1f} s, "
        f"two joined {median['joined']:.1f} s; the second zone adds {zone:.1f} s waited, "
        f"{extra:.1f} s joined (scale {args.scale}, zone {30 * args.scale:.0f} s, "
        f"median of {args.runs})"
    )


if __name__ == "__main__":
    main()
