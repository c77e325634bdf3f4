"""Fixtures every test directory shares: one ARM emulator and one lab per test session.

`arm_emulator` is the session's emulator; `emulator` hands it to a test reset (no resources,
no request log, zero latency, no faults). A module that builds on state across its tests
overrides `emulator` at module scope (tests/playbooks/test_site.py).

`make test` runs the suite in two pytest-xdist processes (`-n 2 --dist loadfile`). Each is a
session of its own, with its own emulator and, if one of its tests asks for `lab_inventory`,
its own lab (LAB_NAME with the worker's id appended: LAB_NAME-gw0, ...). The scheduler below
hands out whole test files, so a module's tests share one process and run in order
(module-scoped fixtures, state built test by test), and hands out the long files first (SLOW),
so that none is left running alone at the end. A new test file needs nothing for this; a long
one can be added to SLOW.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

# Before tools.lab reads LAB_NAME: two workers must not bring up, reconfigure and take down the
# same lab.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["LAB_NAME"] = f"{os.environ.get('LAB_NAME', 'litware-aml-lab')}-{worker}"

from tools.arm_emulator.control import Emulator  # noqa: E402
from tools.lab.fixture import lab_inventory  # noqa: E402, F401

# Files or directories whose tests run for minutes: ansible-test sanity and ansible-lint,
# molecule, and the converges of playbooks/site.yml.
SLOW = ("tests/molecule/", "tests/playbooks/", "tests/quality/test_quality.py")


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    # Test by test ("load", xdist's default for -n) would split a module's state: files too.
    if config.getvalue("dist") not in ("load", "loadfile"):
        return None
    from xdist.scheduler import LoadFileScheduling

    config.option.loadscopereorder = False  # keep the order the workers collected in (SLOW first)
    return LoadFileScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In an xdist worker: the SLOW files first (a stable sort, the same in every worker)."""
    if worker:
        items.sort(key=lambda item: not file_of(item.nodeid).startswith(SLOW))


@pytest.fixture(scope="session")
def arm_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with Emulator.start(tmp_path_factory.mktemp("arm-emulator")) as running:
        yield running


@pytest.fixture
def emulator(arm_emulator: Emulator) -> Emulator:
    return arm_emulator.reset_all()
