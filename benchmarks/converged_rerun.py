"""The converged re-run of the full site.yml (`make demo`'s form, the lab up): writes, GETs per
managed resource, changed per host and wall time of the second run.

    LAB_NAME=lab-x .venv/bin/python -m benchmarks.converged_rerun
    .venv/bin/python -m benchmarks.converged_rerun --no-lab    # without the proxy host's play
    .venv/bin/python -m benchmarks.converged_rerun --strategy ansible.builtin.linear

Per run on a fresh emulator at zero latency: site.yml once to converge, the request log
cleared, site.yml again, timed. A managed resource is one the emulator holds after the run;
a GET of its id counts for it, a list GET once for every managed resource
the collection holds. Goals: 0 writes, at most 1 GET per managed resource, changed=0 on every host,
at most 60 s. The last line printed holds the figures."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
import time
from pathlib import Path

from tools.ansible_run import ansible_env, run_playbook
from tools.arm_emulator.control import Emulator
from tools.request_counts import gets_per_resource, writes
from tools.run_on_emulator import lab

HOST_RECAP = re.compile(r"^(\S+)\s+:\s+ok=\d+\s+changed=(\d+)", re.MULTILINE)


def no_lab_options(scratch: Path) -> tuple[str, ...]:
    """Without the lab: no proxy host play, no traffic proof, and a key pair of the run's own
    for the proxy VM and the compute instance (the local inventory takes the lab's)."""
    key = scratch / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    return (
        "--skip-tags", "proxy",
        "-e", f"proxy_vm_ssh_public_key_file={key}.pub",
        "-e", f"compute_instance_ssh_public_key_file={key}.pub",
        "-e", "audit_traffic_host=",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--no-lab", action="store_true", help="without the lab: the proxy area is skipped"
    )
    parser.add_argument(
        "--strategy",
        help="the play strategy (default: ansible.cfg's, mitogen_linear; docs/decisions/0014)",
    )
    parser.add_argument("--log", type=Path, help="write the second run's output here")
    parser.add_argument("--requests", type=Path, help="write the second run's request log here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, Emulator.start(Path(scratch) / "em") as em:
        env = ansible_env(Path(scratch) / "collections", em.env)
        if args.strategy:
            env["ANSIBLE_STRATEGY"] = args.strategy
        if not args.no_lab:
            lab("up")
        try:
            extra = no_lab_options(Path(scratch)) if args.no_lab else ()
            first = run_playbook("playbooks/site.yml", env, *extra, inventory="inventories/local")
            if first.returncode != 0:
                raise SystemExit(f"first run failed:\n{first.stdout[-4000:]}")
            em.clear_requests()
            started = time.perf_counter()
            second = run_playbook("playbooks/site.yml", env, *extra, inventory="inventories/local")
            wall = time.perf_counter() - started
        finally:
            if not args.no_lab:
                lab("down")
        requests = em.requests()
        managed = {item["id"].lower() for item in em.state()["resources"]}
    if args.log:
        args.log.write_text(second.stdout + second.stderr)
    if args.requests:
        args.requests.write_text(json.dumps(requests))
    written = writes(requests)
    gets = gets_per_resource(requests, managed)
    # Not a managed resource: the cloud's metadata, the subscription, Graph look-ups.
    other = gets.pop("(other)", 0)
    over = {rid: n for rid, n in gets.items() if n > 1}
    changed = {host: int(n) for host, n in HOST_RECAP.findall(second.stdout)}
    for rid, n in sorted(over.items(), key=lambda kv: -kv[1]):
        print(f"  {n:3d} GET  {rid}")
    print(f"writes: {written}")
    ok = not written and not over and not any(changed.values()) and second.returncode == 0
    print(
        f"{'PASS' if ok and wall <= 60 else 'FAIL'} converged re-run: wall {wall:.1f} s, "
        f"{len(written)} writes, {sum(gets.values())} GETs for {len(managed)} managed resources "
        f"(max {max(gets.values(), default=0)} per resource, {len(over)} read more than once; "
        f"{other} other GETs), "
        f"changed per host {changed}"
    )


if __name__ == "__main__":
    main()
