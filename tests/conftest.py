"""Fixtures every test directory shares: one ARM emulator and one lab per test session.

`arm_emulator` is the session's emulator; `emulator` hands it to a test reset (no resources,
no request log, zero latency, no faults). A module that builds on state across its tests
overrides `emulator` at module scope (tests/playbooks/test_site.py).

`make test` runs the suite on two pytest-xdist workers (`-n 2 --dist loadgroup`); each worker
is its own session, with its own emulator. `pytest_collection_modifyitems` below keeps together
what must run in one process, in collection order:
- every module with a test that uses the lab (`lab_inventory`): group "lab", since the
  machine's one lab (LAB_NAME) is brought up, taken down and reconfigured by these tests;
- every other module with a module- or class-scoped fixture (its tests build on one state):
  a group of its own.
Other tests are spread one by one. A new module needs nothing for this: a module-scoped
`emulator` override or the `lab_inventory` fixture puts it in the right group.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tools.arm_emulator.control import Emulator
from tools.lab.fixture import lab_inventory  # noqa: F401

SHARED_SCOPES = ("module", "class", "package")


def _uses_shared_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:  # not a function test: keep its module together, to be safe
        return True
    return any(defs[-1].scope in SHARED_SCOPES for defs in info.name2fixturedefs.values() if defs)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """xdist groups (see the module docstring); without xdist the marks change nothing."""
    module = lambda item: item.nodeid.split("::", 1)[0]  # noqa: E731
    lab_modules = {module(item) for item in items if "lab_inventory" in item.fixturenames}
    shared_modules = {module(item) for item in items if _uses_shared_fixture(item)}
    for item in items:
        if module(item) in lab_modules:
            item.add_marker(pytest.mark.xdist_group("lab"))
        elif module(item) in shared_modules:
            item.add_marker(pytest.mark.xdist_group(module(item)))


@pytest.fixture(scope="session")
def arm_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with Emulator.start(tmp_path_factory.mktemp("arm-emulator")) as running:
        yield running


@pytest.fixture
def emulator(arm_emulator: Emulator) -> Emulator:
    return arm_emulator.reset_all()
