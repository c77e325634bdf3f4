"""Run ansible-playbook against this checkout of the collection: what tests and benchmarks both
need."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def collections_path(base: Path) -> Path:
    """BASE/ansible_collections/litware/aml_isolation, a link to this checkout; returns BASE."""
    link = base / "ansible_collections" / "litware" / "aml_isolation"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO_ROOT, target_is_directory=True)
    return base


def ansible_env(base: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "ANSIBLE_COLLECTIONS_PATH": str(collections_path(base)),
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.update(extra or {})
    return env


def run_playbook(
    playbook: Path | str,
    env: dict[str, str],
    *args: str,
    inventory: str = "localhost,",
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", inventory, str(playbook), *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def recap_totals(output: str) -> dict[str, int]:
    """Sum of the PLAY RECAP counters over all hosts."""
    totals = {"ok": 0, "changed": 0, "unreachable": 0, "failed": 0}
    for match in RECAP.finditer(output):
        for key, value in zip(totals, match.groups(), strict=True):
            totals[key] += int(value)
    return totals
