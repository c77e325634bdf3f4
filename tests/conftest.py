"""Fixtures every test directory shares: one ARM emulator and one lab per test session.

`arm_emulator` is the session's emulator; `emulator` hands it to a test reset (no resources,
no request log, zero latency, no faults). A module that builds on state across its tests
overrides `emulator` at module scope (tests/playbooks/test_site.py).

`make test` runs the suite in two pytest-xdist processes (`-n 2 --dist loadfile`); each is a
session of its own, with its own emulator. The scheduler below hands out whole files, so a
module's tests always share one process and run in order (module-scoped fixtures, state built
test by test), and puts every file that names the `lab_inventory` fixture into one unit, "lab":
the machine has one lab (LAB_NAME), which those tests bring up, take down and reconfigure. The
lab's unit and the heavy linters go first, so neither is left running alone at the end. A new
test file needs nothing for this.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tools.arm_emulator.control import Emulator
from tools.lab.fixture import lab_inventory  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
FIRST = ("tests/quality/test_quality.py",)  # long single tests (ansible-test sanity, lint)


@cache
def uses_the_lab(test_file: str) -> bool:
    path = ROOT / test_file
    return path.is_file() and "lab_inventory" in path.read_text()


def work_unit(nodeid: str) -> str:
    """What one process runs as a whole: the test file, or "lab" for every file of the lab."""
    test_file = nodeid.split("::", 1)[0]
    return "lab" if uses_the_lab(test_file) else test_file


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    # Test by test ("load", xdist's default for -n) would split a module's state: files too.
    if config.getvalue("dist") not in ("load", "loadfile"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LabAwareFileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the order the workers collected in
    return LabAwareFileScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In an xdist worker: the lab's unit first, then FIRST, then the rest (a stable sort,
    the same in every worker)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return

    def rank(item: pytest.Item) -> int:
        unit = work_unit(item.nodeid)
        return 0 if unit == "lab" else 1 if unit in FIRST else 2

    items.sort(key=rank)


@pytest.fixture(scope="session")
def arm_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with Emulator.start(tmp_path_factory.mktemp("arm-emulator")) as running:
        yield running


@pytest.fixture
def emulator(arm_emulator: Emulator) -> Emulator:
    return arm_emulator.reset_all()
