"""Per-task overhead: 20 already-converged resource_group tasks against the emulator (zero
latency) next to 20 ansible.builtin.ping tasks, median of several runs; the resource_group
playbook runs with the token cache (the default) and without it (ANSIBLE_AZURE_TOKEN_CACHE=false),
and the identity requests of each run are counted from the emulator's request log.

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


def identity_requests(emulator: Emulator) -> int:
    return sum(
        1
        for entry in emulator.requests()
        if entry["path"].lower().startswith("/metadata/")
        or "openid-configuration" in entry["path"].lower()
        or "/oauth2/" in entry["path"].lower()
    )


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
            env = ansible_env(
                work / "collections",
                {**emulator.env, "ANSIBLE_AZURE_TOKEN_CACHE_DIR": str(work / "token-cache")},
            )
            uncached_env = {**env, "ANSIBLE_AZURE_TOKEN_CACHE": "false"}
            group = (
                "      litware.aml_isolation.resource_group:\n"
                "        name: rg-benchmark\n        location: brazilsouth\n"
            )
            setup = write_playbook(work / "setup.yml", group)
            run_playbook(setup, env).check_returncode()
            converged = write_playbook(work / "groups.yml", group)
            ping = write_playbook(work / "ping.yml", "      ansible.builtin.ping:\n")
            group_times, uncached_times, ping_times = [], [], []
            identity = {"cached": [], "uncached": []}
            for _ in range(runs):
                emulator.clear_requests()
                group_times.append(timed_run(converged, env))
                identity["cached"].append(identity_requests(emulator))
                emulator.clear_requests()
                uncached_times.append(timed_run(converged, uncached_env))
                identity["uncached"].append(identity_requests(emulator))
                ping_times.append(timed_run(ping, env))
    group_per_task = statistics.median(group_times) / TASKS
    uncached_per_task = statistics.median(uncached_times) / TASKS
    ping_per_task = statistics.median(ping_times) / TASKS
    print(f"runs={runs} group_runs_s={[round(t, 2) for t in group_times]}")
    print(f"uncached_runs_s={[round(t, 2) for t in uncached_times]}")
    print(f"ping_runs_s={[round(t, 2) for t in ping_times]}")
    print(
        f"identity requests per run of {TASKS} tasks: cached {identity['cached']}, "
        f"uncached {identity['uncached']}; without the cache {uncached_per_task:.3f} s/task, "
        f"overhead {uncached_per_task - ping_per_task:.3f} s/task"
    )
    verdict = "PASS" if group_per_task <= GOAL_SECONDS_PER_TASK else "FAIL"
    print(
        f"{verdict} resource_group {group_per_task:.3f} s/task, ping {ping_per_task:.3f} s/task, "
        f"overhead {group_per_task - ping_per_task:.3f} s/task, ratio "
        f"{group_per_task / ping_per_task:.2f}x (goal <= {GOAL_SECONDS_PER_TASK} s/task, "
        f"median of {runs})"
    )


if __name__ == "__main__":
    main()
