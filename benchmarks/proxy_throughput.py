"""Proxy throughput: small keep-alive HTTP requests to the lab origin through the proxy (from the
training-subnet client) next to the same load sent directly (from the proxy host itself, the only
lab host besides the origin with a route to it), with ApacheBench, median of several runs.

    .venv/bin/python -m benchmarks.proxy_throughput [--kind squid|nginx] [--requests 20000]
        [--concurrency 16] [--runs 3] [--path /bytes/100] [--no-converge]

Brings the lab up when it is down (and takes it down again), converges the proxy role with the
molecule scenario's converge playbook unless --no-converge, then runs the load. The last line
printed holds the figures and the ratio, and says whether the goal (ratio >= 0.5) is met.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.ansible_run import REPO_ROOT, ansible_env, recap_totals, run_playbook
from tools.lab import config, lab

PROXY_PORTS = {"squid": 3128, "nginx": 8888}
# A lab origin name that every allow-list default carries on port 80.
NAME = "login.microsoftonline.com"


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    median_ms: float


def parse_ab(output: str, percentiles_csv: str, requests: int) -> Run:
    complete = int(re.search(r"^Complete requests:\s+(\d+)", output, re.M).group(1))
    failed = int(re.search(r"^Failed requests:\s+(\d+)", output, re.M).group(1))
    non_2xx = re.search(r"^Non-2xx responses:\s+(\d+)", output, re.M)
    if complete != requests or failed or non_2xx:
        raise RuntimeError(f"ab saw failures:\n{output}")
    rps = float(re.search(r"^Requests per second:\s+([\d.]+)", output, re.M).group(1))
    # ab's own percentile table is in whole milliseconds; its -e file has fractions.
    median = next(
        float(line.split(",")[1]) for line in percentiles_csv.splitlines() if line.startswith("50,")
    )
    return Run(rps, median)


def ab(host: str, url: str, requests: int, concurrency: int, proxy: str | None) -> Run:
    csv = "/tmp/proxy-throughput-percentiles.csv"
    command = ["ab", "-q", "-k", "-n", str(requests), "-c", str(concurrency), "-e", csv]
    if proxy:
        command += ["-X", proxy]
    result = lab.lab_exec(host, *command, url, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"ab on {host} failed:\n{result.stdout}\n{result.stderr}")
    percentiles = lab.lab_exec(host, "cat", csv, check=True).stdout
    return parse_ab(result.stdout, percentiles, requests)


def converge(kind: str, inventory: Path) -> None:
    playbook = REPO_ROOT / "molecule" / kind / "converge.yml"
    with tempfile.TemporaryDirectory() as base:
        result = run_playbook(playbook, ansible_env(Path(base)), inventory=str(inventory))
    if result.returncode != 0 or recap_totals(result.stdout)["failed"]:
        raise RuntimeError(f"converge failed:\n{result.stdout[-5000:]}\n{result.stderr}")


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.requests_per_second for r in runs),
        statistics.median(r.median_ms for r in runs),
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(PROXY_PORTS), default="squid")
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", default="/bytes/100")
    parser.add_argument("--no-converge", action="store_true")
    args = parser.parse_args(argv)

    if NAME not in config.ORIGIN_NAMES_ALLOWED:
        parser.error(f"the lab origin no longer serves {NAME}: pick another port-80 name")
    was_up = lab.is_up()
    inventory = lab.up()
    try:
        if not args.no_converge:
            converge(args.kind, inventory)
        url = f"http://{NAME}{args.path}"
        proxy = f"{config.host_by_group('proxy').address}:{PROXY_PORTS[args.kind]}"
        load = (args.requests, args.concurrency)
        ab("client", url, 200, 4, proxy)  # warm-up: connections, caches
        direct, proxied = [], []
        for number in range(1, args.runs + 1):
            direct.append(ab("proxy", url, *load, proxy=None))
            proxied.append(ab("client", url, *load, proxy=proxy))
            print(
                f"run {number}: direct {direct[-1].requests_per_second:.0f} req/s "
                f"{direct[-1].median_ms:.2f} ms, through {args.kind} "
                f"{proxied[-1].requests_per_second:.0f} req/s {proxied[-1].median_ms:.2f} ms"
            )
    finally:
        if not was_up:
            lab.down()

    d, p = median_run(direct), median_run(proxied)
    ratio = p.requests_per_second / d.requests_per_second
    print(
        f"{args.kind} -n {args.requests} -c {args.concurrency} -k {url}, median of {args.runs}: "
        f"direct {d.requests_per_second:.0f} req/s {d.median_ms:.2f} ms | "
        f"through {args.kind} {p.requests_per_second:.0f} req/s {p.median_ms:.2f} ms | "
        f"ratio {ratio:.2f} (goal >= 0.50: {'met' if ratio >= 0.5 else 'missed'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
