"""Starting `serve` as a child process and waiting until it has announced itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.state_files import ENDPOINT_FILE, read_endpoint

REPO_ROOT = Path(__file__).resolve().parents[2]
LOG_FILE = "emulator.log"


class EmulatorStartError(RuntimeError):
    pass


def serve_arguments(state_dir: Path, port: int, knobs: Knobs) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tools.arm_emulator",
        "serve",
        "--state-dir",
        str(state_dir),
        "--port",
        str(port),
        "--latency",
        knobs.latency,
        "--latency-scale",
        str(knobs.latency_scale),
        "--fault-rate",
        str(knobs.fault_rate),
        "--fault-seed",
        str(knobs.fault_seed),
    ]


def spawn(state_dir: Path, port: int, knobs: Knobs, *, detach: bool) -> subprocess.Popen[bytes]:
    state_dir = state_dir.resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / ENDPOINT_FILE).unlink(missing_ok=True)
    log = open(state_dir / LOG_FILE, "ab")  # noqa: SIM115 - handed to the child, closed below
    try:
        return subprocess.Popen(
            serve_arguments(state_dir, port, knobs),
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=detach,
        )
    finally:
        log.close()


def wait_ready(
    state_dir: Path, process: subprocess.Popen[bytes], timeout: float = 30.0
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        endpoint = read_endpoint(state_dir.resolve())
        if endpoint is not None and endpoint.get("pid") == process.pid:
            return endpoint
        if process.poll() is not None:
            tail = (state_dir / LOG_FILE).read_text(errors="replace")[-2000:]
            raise EmulatorStartError(f"emulator exited with status {process.returncode}:\n{tail}")
        time.sleep(0.05)
    process.terminate()
    raise EmulatorStartError(f"emulator did not become ready within {timeout:.0f}s")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def terminate(pid: int, timeout: float = 10.0) -> bool:
    """SIGTERM the emulator with this pid and wait for it to go; True when it is gone."""
    if not pid_alive(pid):
        return True
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
            if finished == pid:
                return True
        except ChildProcessError:
            pass  # not our child: poll for its disappearance instead
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return not pid_alive(pid)
