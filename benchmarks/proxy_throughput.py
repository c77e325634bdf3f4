"""Proxy throughput: direct vs squid vs nginx in one run, on the lab, with ApacheBench (-k).

Two loads, each sent directly (from the proxy host itself, the only lab host besides the origin
with a route to it) and through each proxy (from the training-subnet client):
- bandwidth: 1 MB objects (what package and model downloads look like), MB/s;
- request rate: 100-byte objects with keep-alive, requests/s.
Runs alternate direct / squid / nginx so that a busy moment of the shared machine touches all
three alike; the figures are medians of the runs.

    .venv/bin/python -m benchmarks.proxy_throughput [--runs 3] [--small-requests 20000]
        [--large-requests 300] [--concurrency 16] [--no-converge]

Brings the lab up when it is down (and takes it down again). Unless --no-converge, converges
squid and then nginx with the molecule scenarios' converge playbooks, then starts squid again:
both proxies serve on their own ports during the run (an idle one costs nothing). The last
lines printed are the table and whether the goals are met (bandwidth >= 0.8 of direct, request
rate >= 0.5 of direct, for both proxies).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from tools.ansible_run import REPO_ROOT, ansible_env, recap_totals, run_playbook
from tools.lab import config, lab

PROXY_PORTS = {"squid": 3128, "nginx": 8888}
# A lab origin name that every allow-list default carries on port 80.
NAME = "login.microsoftonline.com"
SMALL, LARGE = "/bytes/100", "/bytes/1000000"
GOALS = {"MB/s": 0.8, "req/s": 0.5}
PROFILED = ("proxy:squid", "proxy:nginx", "origin:nginx")


def ab(host: str, url: str, requests: int, concurrency: int, proxy: str | None) -> dict:
    """One ab run: requests per second and transfer rate (MB/s); any failure is an error."""
    command = ["ab", "-q", "-k", "-n", str(requests), "-c", str(concurrency)]
    if proxy:
        command += ["-X", proxy]
    result = lab.lab_exec(host, *command, url, timeout=900)
    output = result.stdout
    if result.returncode != 0:
        raise RuntimeError(f"ab on {host} failed:\n{output}\n{result.stderr}")
    complete = int(re.search(r"^Complete requests:\s+(\d+)", output, re.M).group(1))
    failed = int(re.search(r"^Failed requests:\s+(\d+)", output, re.M).group(1))
    if complete != requests or failed or re.search(r"^Non-2xx responses:", output, re.M):
        raise RuntimeError(f"ab saw failures:\n{output}")
    rps = float(re.search(r"^Requests per second:\s+([\d.]+)", output, re.M).group(1))
    kbytes = float(re.search(r"^Transfer rate:\s+([\d.]+)", output, re.M).group(1))
    return {"req/s": rps, "MB/s": kbytes * 1024 / 1e6}


# The long-running processes whose CPU time is counted on each lab host (ab's own time is gone
# from /proc once it exits).
DAEMONS = {"proxy": ("squid", "nginx"), "origin": ("nginx",)}


def cpu_seconds(host: str) -> dict[str, float]:
    """CPU time (user + system) used so far by each daemon of DAEMONS[host] on a lab host."""
    script = "cat /proc/[0-9]*/stat 2>/dev/null; getconf CLK_TCK"
    lines = lab.lab_exec(host, "sh", "-c", script, check=True).stdout.splitlines()
    ticks = int(lines.pop())
    used: dict[str, float] = {}
    for line in lines:
        name = line[line.index("(") + 1 : line.rindex(")")]
        fields = line[line.rindex(")") + 2 :].split()
        # squid's kids are named "(squid-1)", "(squid-coord-3)"; its log daemons do not count.
        daemon = next((d for d in DAEMONS[host] if name == d or name.startswith(d + "-")), None)
        if daemon:
            used[daemon] = used.get(daemon, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return used


def converge(kind: str, inventory: Path) -> None:
    playbook = REPO_ROOT / "molecule" / kind / "converge.yml"
    with tempfile.TemporaryDirectory() as base:
        result = run_playbook(playbook, ansible_env(Path(base)), inventory=str(inventory))
    if result.returncode != 0 or recap_totals(result.stdout)["failed"]:
        raise RuntimeError(f"converge failed:\n{result.stdout[-5000:]}\n{result.stderr}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small-requests", type=int, default=20000)
    parser.add_argument("--large-requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--no-converge", action="store_true")
    args = parser.parse_args(argv)

    if NAME not in config.ORIGIN_NAMES_ALLOWED:
        parser.error(f"the lab origin no longer serves {NAME}: pick another port-80 name")
    was_up = lab.is_up()
    inventory = lab.up()
    proxy_address = config.host_by_group("proxy").address
    paths = {"MB/s": (LARGE, args.large_requests), "req/s": (SMALL, args.small_requests)}
    figures: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str, str], list[float]] = {}
    try:
        if not args.no_converge:
            converge("squid", inventory)
            converge("nginx", inventory)
        lab.lab_exec("proxy", "service", "squid", "start", check=True)
        # SMP squid starts its workers after the command returns: wait until it answers.
        wait = "for i in $(seq 60); do curl -s -o /dev/null 127.0.0.1:3128 && exit; sleep 1; done"
        lab.lab_exec("proxy", "sh", "-c", wait + "; exit 1", check=True)
        for port in PROXY_PORTS.values():  # warm-up: connections, name lookups
            ab("client", f"http://{NAME}{SMALL}", 200, 4, f"{proxy_address}:{port}")
        for number in range(1, args.runs + 1):
            for unit, (path, requests) in paths.items():
                url = f"http://{NAME}{path}"
                for way in ("direct", *PROXY_PORTS):
                    host, proxy = ("proxy", None) if way == "direct" else ("client", way)
                    proxy = proxy and f"{proxy_address}:{PROXY_PORTS[proxy]}"
                    before = {name: cpu_seconds(name) for name in DAEMONS}
                    value = ab(host, url, requests, args.concurrency, proxy)[unit]
                    figures.setdefault((way, unit), []).append(value)
                    after = {name: cpu_seconds(name) for name in DAEMONS}
                    # CPU milliseconds per request in each process: where the time goes,
                    # whatever else the shared machine runs at the same moment.
                    for name in DAEMONS:
                        for daemon in after[name]:
                            spent = after[name][daemon] - before[name].get(daemon, 0.0)
                            key = (way, unit, f"{name}:{daemon}")
                            cpu.setdefault(key, []).append(spent * 1000 / requests)
                    print(f"run {number}: {way:6} {path:15} {value:10.1f} {unit}", flush=True)
    finally:
        if not was_up:
            lab.down()

    median = {key: statistics.median(values) for key, values in figures.items()}
    print(
        f"\nab -k -c {args.concurrency}; 1 MB: -n {args.large_requests}; 100 B: "
        f"-n {args.small_requests}; median of {args.runs} runs\n"
        "| path | 1 MB objects, MB/s | ratio | 100 B objects, req/s | ratio |\n"
        "|---|---|---|---|---|"
    )
    verdicts = []
    for way in ("direct", *PROXY_PORTS):
        cells = []
        for unit in ("MB/s", "req/s"):
            ratio = median[(way, unit)] / median[("direct", unit)]
            cells += [f"{median[(way, unit)]:,.0f}", f"{ratio:.2f}"]
            if way != "direct":
                verdicts.append(
                    f"{way} {unit} {ratio:.2f} (goal >= {GOALS[unit]}: "
                    f"{'met' if ratio >= GOALS[unit] else 'missed'})"
                )
        print(f"| {way} | " + " | ".join(cells) + " |")
    header = " | ".join(PROFILED)
    print(f"\nCPU ms per request, median\n| path | load | {header} |\n|---|---|---|---|---|")
    for way in ("direct", *PROXY_PORTS):
        for unit in ("MB/s", "req/s"):
            load = "1 MB" if unit == "MB/s" else "100 B"
            cells = [statistics.median(cpu.get((way, unit, key), [0.0])) for key in PROFILED]
            print(f"| {way} | {load} | " + " | ".join(f"{cell:.3f}" for cell in cells) + " |")
    print("; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
