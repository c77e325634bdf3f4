"""What resolving the context once costs: 20 arm_context_info tasks against the emulator (zero
latency) next to 20 ansible.builtin.ping tasks, median of several runs. The network role's
names step runs it once per playbook run.

    .venv/bin/python -m benchmarks.context_cost [--runs 3]

The last line printed holds the figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks.task_overhead import TASKS, timed_run, write_playbook
from tools.ansible_run import ansible_env
from tools.arm_emulator.control import Emulator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Emulator.start(work / "emulator", latency="zero") as emulator:
            env = ansible_env(work / "collections", emulator.env)
            context = write_playbook(
                work / "context.yml", "      litware.aml_isolation.arm_context_info:\n"
            )
            ping = write_playbook(work / "ping.yml", "      ansible.builtin.ping:\n")
            context_times, ping_times = [], []
            for _ in range(runs):
                context_times.append(timed_run(context, env))
                ping_times.append(timed_run(ping, env))
    context_per_task = statistics.median(context_times) / TASKS
    ping_per_task = statistics.median(ping_times) / TASKS
    print(f"runs={runs} context_runs_s={[round(t, 2) for t in context_times]}")
    print(f"ping_runs_s={[round(t, 2) for t in ping_times]}")
    print(
        f"arm_context_info {context_per_task:.3f} s/task, ping {ping_per_task:.3f} s/task, "
        f"overhead {context_per_task - ping_per_task:.3f} s per run of the names step "
        f"(median of {runs})"
    )


if __name__ == "__main__":
    main()
