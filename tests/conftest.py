"""Fixtures every test directory shares: one ARM emulator and one lab per test session.

`arm_emulator` is the session's emulator; `emulator` hands it to a test reset (no resources,
no request log, zero latency, no faults). A module that builds on state across its tests
overrides `emulator` at module scope (tests/playbooks/test_site.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tools.arm_emulator.control import Emulator
from tools.lab.fixture import lab_inventory  # noqa: F401


@pytest.fixture(scope="session")
def arm_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with Emulator.start(tmp_path_factory.mktemp("arm-emulator")) as running:
        yield running


@pytest.fixture
def emulator(arm_emulator: Emulator) -> Emulator:
    return arm_emulator.reset_all()
