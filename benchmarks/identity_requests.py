"""Identity requests per run of playbooks/site.yml against the emulator: cloud metadata,
OpenID configuration and token requests, counted from the emulator's request log.

    .venv/bin/python -m benchmarks.identity_requests [--tags network] [--lab]

Four runs on one emulator with an empty token cache: the first converge, a converged re-run
(the figure the goal is about), and the same two with the cache switched off
(ANSIBLE_AZURE_TOKEN_CACHE=false) for comparison. `--lab` brings the lab up for the proxy
tags (as root). The last line printed holds the figures."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.ansible_run import REPO_ROOT, ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator

GOAL_PER_RUN = 1


def is_identity(path: str) -> bool:
    low = path.lower()
    return (
        low.startswith("/metadata/endpoints") or "openid-configuration" in low or "/oauth2/" in low
    )


def counted_run(emulator: Emulator, env: dict[str, str], tags: str, script: Path) -> dict:
    emulator.clear_requests()
    result = run_playbook(
        "playbooks/site.yml",
        env,
        "--tags",
        tags,
        "-e",
        f"compute_proxy_script_path={script}",
        inventory="inventories/local",
    )
    totals = recap_totals(result.stdout)
    if result.returncode != 0 or totals["failed"]:
        raise SystemExit(f"site.yml failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    paths = [entry["path"] for entry in emulator.requests()]
    arm = [path for path in paths if path.lower().startswith("/subscriptions")]
    return {
        "identity": sum(1 for path in paths if is_identity(path)),
        "arm": len(arm),
        "changed": totals["changed"],
    }


def lab(action: str) -> None:
    subprocess.run([sys.executable, "-m", "tools.lab", action], cwd=REPO_ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tags", default="network")
    parser.add_argument("--lab", action="store_true")
    args = parser.parse_args()
    runs = {}
    if args.lab:
        lab("up")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            with Emulator.start(work / "emulator", latency="zero") as emulator:
                base = ansible_env(work / "collections", emulator.env)
                cached = {**base, "ANSIBLE_AZURE_TOKEN_CACHE_DIR": str(work / "token-cache")}
                uncached = {**base, "ANSIBLE_AZURE_TOKEN_CACHE": "false"}
                script = work / "setup.sh"
                runs["first"] = counted_run(emulator, cached, args.tags, script)
                runs["rerun"] = counted_run(emulator, cached, args.tags, script)
                emulator.reset()
                runs["first_uncached"] = counted_run(emulator, uncached, args.tags, script)
                runs["rerun_uncached"] = counted_run(emulator, uncached, args.tags, script)
    finally:
        if args.lab:
            lab("down")
    for name, figures in runs.items():
        print(f"{name}: {figures}")
    rerun = runs["rerun"]["identity"]
    uncached = runs["rerun_uncached"]["identity"]
    verdict = "PASS" if rerun <= GOAL_PER_RUN and runs["rerun"]["changed"] == 0 else "FAIL"
    print(
        f"{verdict} site.yml --tags {args.tags}: identity requests per converged re-run {rerun} "
        f"(first run {runs['first']['identity']}); without the cache {uncached} "
        f"per re-run, {runs['first_uncached']['identity']} on the first "
        f"(goal <= {GOAL_PER_RUN} per converged re-run)"
    )


if __name__ == "__main__":
    main()
