"""Run a command (the main playbook) against a freshly started local ARM emulator, optionally
with the lab up, then print what the emulator holds and stop everything again.

    python -m tools.run_on_emulator [--lab] [--latency realistic [--latency-scale 1.0]]
        [--save-run DIR] -- ansible-playbook ...

--save-run writes the emulator's final state and request log to DIR/state.json and
DIR/requests.json (what tools/critical_path.py reads).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tools.arm_emulator.control import Emulator
from tools.arm_emulator.knobs import LATENCY_PROFILES

REPO_ROOT = Path(__file__).resolve().parents[1]


def lab(action: str) -> None:
    subprocess.run([sys.executable, "-m", "tools.lab", action], cwd=REPO_ROOT, check=True)


def print_summary(state: dict) -> None:
    resources = state.get("resources", state)
    rows = sorted(
        (
            item.get("type", "?"),
            item.get("id", "?"),
            item.get("properties", {}).get("provisioningState", ""),
        )
        for item in (resources.values() if isinstance(resources, dict) else resources)
    )
    print("\nWhat the emulator holds now:")
    for _, resource_id, status in rows:
        print(f"  {status or '-':10} {resource_id}")
    counts = Counter(kind for kind, _, _ in rows)
    print("  " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lab", action="store_true", help="bring the lab up first and down after")
    parser.add_argument("--latency", choices=LATENCY_PROFILES, default="zero")
    parser.add_argument("--latency-scale", type=float, default=1.0)
    parser.add_argument("--save-run", type=Path, help="write state.json and requests.json here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    emulator = Emulator.start(
        REPO_ROOT / ".emulator", latency=options.latency, latency_scale=options.latency_scale
    )
    try:
        if options.lab:
            lab("up")
        result = subprocess.run(command, cwd=REPO_ROOT, env={**os.environ, **emulator.env})
        state = emulator.state()
        print_summary(state)
        if options.save_run:
            options.save_run.mkdir(parents=True, exist_ok=True)
            (options.save_run / "state.json").write_text(json.dumps(state, indent=1))
            (options.save_run / "requests.json").write_text(json.dumps(emulator.requests()))
        return result.returncode
    finally:
        if options.lab:
            lab("down")
        emulator.stop()


if __name__ == "__main__":
    sys.exit(main())
