"""Command line: start (background), serve (foreground), stop, status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.arm_emulator.knobs import LATENCY_PROFILES, Knobs
from tools.arm_emulator.process import EmulatorStartError, pid_alive, spawn, terminate, wait_ready
from tools.arm_emulator.state_files import ENDPOINT_FILE, export_lines, read_endpoint


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.arm_emulator", description="Local ARM emulator."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("start", "start in the background and print env exports"),
        ("serve", "run in the foreground"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--state-dir", type=Path, default=Path(".emulator"))
        command.add_argument("--port", type=int, default=0, help="0 picks a free port")
        command.add_argument("--latency", choices=LATENCY_PROFILES, default="zero")
        command.add_argument("--latency-scale", type=float, default=1.0)
        command.add_argument("--fault-rate", type=float, default=0.0)
        command.add_argument("--fault-seed", type=int, default=0)
    for name, text in (
        ("stop", "stop the background emulator"),
        ("status", "report whether it runs"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--state-dir", type=Path, default=Path(".emulator"))
    return parser


def _knobs(args: argparse.Namespace) -> Knobs:
    return Knobs(
        latency=args.latency,
        latency_scale=args.latency_scale,
        fault_rate=args.fault_rate,
        fault_seed=args.fault_seed,
    )


def _running(state_dir: Path) -> dict | None:
    endpoint = read_endpoint(state_dir)
    if endpoint is not None and pid_alive(int(endpoint["pid"])):
        return endpoint
    return None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    state_dir: Path = args.state_dir.resolve()
    if args.command == "serve":
        from tools.arm_emulator.runner import serve  # the SDK imports are only needed here

        return serve(state_dir, args.port, _knobs(args))
    if args.command == "start":
        running = _running(state_dir)
        if running is not None:
            print(f"# already running (pid {running['pid']}) at {running['url']}", file=sys.stderr)
            print(export_lines(running), end="")
            return 0
        process = spawn(state_dir, args.port, _knobs(args), detach=True)
        try:
            endpoint = wait_ready(state_dir, process)
        except EmulatorStartError as error:
            print(error, file=sys.stderr)
            return 1
        print(
            f"# ARM emulator running (pid {endpoint['pid']}) at {endpoint['url']}", file=sys.stderr
        )
        print(export_lines(endpoint), end="")
        return 0
    if args.command == "stop":
        endpoint = read_endpoint(state_dir)
        if endpoint is None:
            print("not running")
            return 0
        if not terminate(int(endpoint["pid"])):
            print(f"pid {endpoint['pid']} did not stop", file=sys.stderr)
            return 1
        (state_dir / ENDPOINT_FILE).unlink(missing_ok=True)
        print(f"stopped (pid {endpoint['pid']})")
        return 0
    running = _running(state_dir)
    if running is None:
        print("not running")
        return 1
    print(f"running (pid {running['pid']}) at {running['url']}")
    return 0
