"""The lab as a pytest fixture: one lab per test session. The only module of tools/lab that
imports pytest; everything else (lab.up(), lab.lab_exec()) works without it.

In a conftest.py:  from tools.lab.fixture import lab_inventory  # noqa: F401
then ask for the `lab_inventory` fixture (the inventory path).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import lab


@pytest.fixture(scope="session")
def lab_inventory() -> Iterator[Path]:
    """The lab's inventory path. A lab this session brought up is taken down at its end,
    unless LAB_KEEP=1; a lab that was already up is left as it was."""
    if os.geteuid() != 0:
        pytest.skip("the lab needs root")
    was_up = lab.is_up()
    yield lab.up()
    if not was_up and os.environ.get("LAB_KEEP") != "1":
        lab.down()
