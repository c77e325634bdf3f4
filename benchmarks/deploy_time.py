"""The full site.yml in `make demo`'s form (tools/run_on_emulator with the lab) at the realistic
latency profile, its wall time against the deployment's critical path (tools/critical_path.py).

    LAB_NAME=lab-x .venv/bin/python -m benchmarks.deploy_time [--scale 1.0] [--run-dir DIR]

The critical path is computed from what the run deployed (state and request log the run saved)
with the create times of tools/arm_emulator/deploy_times.py times the scale. Goal: wall time at
most 1.25 x the critical path. The last line printed holds the figures."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.ansible_run import BIN, REPO_ROOT
from tools.critical_path import build_graph, critical_path, load_run, report

GOAL = 1.25


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--run-dir", type=Path, help="keep state.json and requests.json here")
    args = parser.parse_args()
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="deploy-time-"))
    command = [
        sys.executable,
        "-m",
        "tools.run_on_emulator",
        "--lab",
        "--latency",
        "realistic",
        "--latency-scale",
        str(args.scale),
        "--save-run",
        str(run_dir),
        "--",
        str(BIN / "ansible-playbook"),
        "-i",
        "inventories/local",
        "playbooks/site.yml",
    ]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    (run_dir / "site.log").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"site.yml failed, see {run_dir / 'site.log'}")
    state, requests = load_run(run_dir)
    # The playbook's own span: from its first ARM request to its last (lab start-up excluded).
    times = [entry["time"] for entry in requests]
    playbook = max(times) - min(times)
    nodes = build_graph(state, requests, args.scale)
    path = critical_path(nodes)
    print(report(nodes, path))
    ratio = playbook / path.total if path.total else float("inf")
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    print(
        f"{verdict} site.yml at realistic latency x{args.scale}: wall {wall:.1f} s (with lab "
        f"start/stop), ARM span {playbook:.1f} s, critical path {path.total:.1f} s, ratio "
        f"{ratio:.2f} (goal <= {GOAL}); run saved in {run_dir}"
    )


if __name__ == "__main__":
    main()
