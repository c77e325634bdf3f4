"""Running commands: one place that logs what the lab does to the machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
VERBOSE = os.environ.get("LAB_VERBOSE") == "1"


def log(message: str) -> None:
    print(f"lab: {message}", file=sys.stderr, flush=True)


def run(
    *args: str, check: bool = True, capture: bool = False, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    if VERBOSE:
        log("+ " + " ".join(args))
    return subprocess.run(
        args,
        check=check,
        text=True,
        input=input_text,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )


def run_logged(log_file: Path, *args: str) -> None:
    """Run a noisy command with its output appended to LOG_FILE; show its end on failure."""
    if VERBOSE:
        log("+ " + " ".join(args))
    with open(log_file, "a") as stream:
        stream.write("+ " + " ".join(args) + "\n")
        stream.flush()
        result = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=stream, stderr=stream)
    if result.returncode != 0:
        tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-40:])
        raise RuntimeError(
            f"{args[0]} failed (exit {result.returncode}), end of {log_file}:\n{tail}"
        )


def output(*args: str) -> str:
    return run(*args, capture=True).stdout


def which(command: str) -> str | None:
    return shutil.which(command, path=os.environ.get("PATH", "") + ":" + SYSTEM_PATH)


def require(command: str) -> str:
    path = which(command)
    if path is None:
        raise RuntimeError(f"{command} not found")
    return path
