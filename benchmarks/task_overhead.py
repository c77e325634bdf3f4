"""Per-task overhead: 20 already-converged resource_group tasks against the emulator (zero
latency) next to 20 ansible.builtin.ping tasks, median of several runs.

    .venv/bin/python -m benchmarks.task_overhead [--runs 5]

The last line printed holds the figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator

TASKS = 20
GOAL_SECONDS_PER_TASK = 0.8


def write_playbook(path: Path, task: str) -> Path:
    tasks = "".join(f"    - name: Task {n}\n{task}" for n in range(TASKS))
    path.write_text(
        "- name: Benchmark\n  hosts: localhost\n  connection: local\n  gather_facts: false\n"
        f"  tasks:\n{tasks}"
    )
    return path


def timed_run(playbook: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = run_playbook(playbook, env)
    elapsed = time.perf_counter() - started
    totals = recap_totals(result.stdout)
    if result.returncode != 0 or totals["failed"] or totals["changed"]:
        raise SystemExit(f"benchmark playbook did not run clean:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Emulator.start(work / "emulator", latency="zero") as emulator:
            env = ansible_env(work / "collections", emulator.env)
            group = (
                "      litware.aml_isolation.resource_group:\n"
                "        name: rg-benchmark\n        location: brazilsouth\n"
            )
            setup = write_playbook(work / "setup.yml", group)
            run_playbook(setup, env).check_returncode()
            converged = write_playbook(work / "groups.yml", group)
            ping = write_playbook(work / "ping.yml", "      ansible.builtin.ping:\n")
            group_times, ping_times = [], []
            for _ in range(runs):
                group_times.append(timed_run(converged, env))
                ping_times.append(timed_run(ping, env))
    group_per_task = statistics.median(group_times) / TASKS
    ping_per_task = statistics.median(ping_times) / TASKS
    print(f"runs={runs} group_runs_s={[round(t, 2) for t in group_times]}")
    print(f"ping_runs_s={[round(t, 2) for t in ping_times]}")
    verdict = "PASS" if group_per_task <= GOAL_SECONDS_PER_TASK else "FAIL"
    print(
        f"{verdict} resource_group {group_per_task:.3f} s/task, ping {ping_per_task:.3f} s/task, "
        f"overhead {group_per_task - ping_per_task:.3f} s/task, ratio "
        f"{group_per_task / ping_per_task:.2f}x (goal <= {GOAL_SECONDS_PER_TASK} s/task, "
        f"median of {runs})"
    )


if __name__ == "__main__":
    main()
