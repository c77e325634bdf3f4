"""The command line: start in the background, status, stop; state files are private."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from tools.arm_emulator.process import REPO_ROOT


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.arm_emulator", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_status_stop(tmp_path: Path) -> None:
    state_dir = tmp_path / "emu"
    started = _cli(
        "start", "--state-dir", str(state_dir), "--latency", "realistic", "--latency-scale", "0.01"
    )
    try:
        assert started.returncode == 0, started.stderr
        endpoint = json.loads((state_dir / "endpoint.json").read_text())
        assert set(endpoint) == {
            "url", "port", "ca_bundle", "tenant", "client_id", "secret", "subscription_id",
            "metadata_url", "pid",
        }  # fmt: skip
        assert endpoint["url"] == f"https://127.0.0.1:{endpoint['port']}/"
        for name in ("endpoint.json", "env.sh", "server.key"):
            assert stat.S_IMODE((state_dir / name).stat().st_mode) == 0o600
        env = (state_dir / "env.sh").read_text()
        assert f"export AZURE_SECRET={endpoint['secret']}" in env
        assert f"export REQUESTS_CA_BUNDLE={endpoint['ca_bundle']}" in env
        assert started.stdout == env
        assert _cli("status", "--state-dir", str(state_dir)).returncode == 0
        again = _cli("start", "--state-dir", str(state_dir))
        assert json.loads((state_dir / "endpoint.json").read_text())["pid"] == endpoint["pid"]
        assert again.returncode == 0
    finally:
        stopped = _cli("stop", "--state-dir", str(state_dir))
    assert stopped.returncode == 0
    assert not (state_dir / "endpoint.json").exists()
    assert _cli("status", "--state-dir", str(state_dir)).returncode == 1
