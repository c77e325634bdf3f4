"""Command line: python -m tools.lab up|down|status|inventory|exec HOST -- COMMAND..."""

from __future__ import annotations

import argparse
import os
import sys

from . import config, lab


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "up", help="bring the lab up (no-op when it is up); print the inventory path"
    )
    commands.add_parser("down", help="remove every namespace, mount and process of the lab")
    commands.add_parser("status", help="show each host's state; exit 1 when the lab is not up")
    commands.add_parser("inventory", help="print the inventory path; exit 1 when the lab is not up")
    run = commands.add_parser("exec", help="run a command as root inside a host")
    run.add_argument("host", help=", ".join(h.group for h in config.HOSTS))
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if os.geteuid() != 0:
        print("the lab needs root (network namespaces, mounts, chroot)", file=sys.stderr)
        return 2
    args = parse_args(argv)
    if args.command == "up":
        print(lab.up())
    elif args.command == "down":
        lab.down()
    elif args.command == "status":
        for name, state in lab.status().items():
            print(f"{name:14} {state}")
        return 0 if lab.is_up() else 1
    elif args.command == "inventory":
        if not lab.is_up():
            print("the lab is not up: python -m tools.lab up", file=sys.stderr)
            return 1
        print(lab.inventory.inventory_path())
    elif args.command == "exec":
        command = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
        if not command:
            print("usage: python -m tools.lab exec HOST -- COMMAND [ARGS...]", file=sys.stderr)
            return 2
        entry = lab.exec_command(args.host, command)
        os.execvp(entry[0], entry)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
