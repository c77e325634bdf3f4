"""The lab for tests, molecule scenarios and benchmarks: one lab per test session.

In a conftest.py:  from tools.lab.fixture import lab_inventory  # noqa: F401
then ask for the `lab_inventory` fixture (the inventory path). Outside pytest: `lab_up()`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import lab


def lab_up() -> Path:
    """Bring the lab up (a no-op when it is up) and return the inventory path."""
    return lab.up()


def lab_exec(
    host: str, *command: str, check: bool = False, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run COMMAND as root inside a lab host (by group or name) and capture its output."""
    return subprocess.run(
        lab.exec_command(host, list(command)),
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def lab_inventory() -> Iterator[Path]:
    """The lab's inventory path. A lab this session brought up is taken down at its end,
    unless LAB_KEEP=1; a lab that was already up is left as it was."""
    if os.geteuid() != 0:
        pytest.skip("the lab needs root")
    was_up = lab.is_up()
    yield lab_up()
    if not was_up and os.environ.get("LAB_KEEP") != "1":
        lab.down()
