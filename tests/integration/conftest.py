"""Run the collection's modules through ansible-playbook against one local ARM emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.playbook_runner import Runner
from tools.arm_emulator.control import Emulator


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with Emulator.start(tmp_path_factory.mktemp("arm-emulator")) as running:
        yield running


@pytest.fixture
def runner(emulator: Emulator, tmp_path: Path) -> Runner:
    emulator.reset()
    emulator.clear_requests()
    return Runner(emulator, tmp_path)
