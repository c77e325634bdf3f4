"""Run the collection's modules through ansible-playbook against the session's ARM emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.playbook_runner import Runner
from tests.integration.target_runner import TargetRunner
from tools.arm_emulator.control import Emulator


@pytest.fixture
def runner(emulator: Emulator, tmp_path: Path) -> Runner:
    """One module call per playbook run (targets/<name>/step.yml), for tests that arrange state
    step by step."""
    return Runner(emulator, tmp_path)


@pytest.fixture
def target_runner(emulator: Emulator, tmp_path: Path) -> TargetRunner:
    """A whole target (targets/<name>/tasks/main.yml) in one playbook run."""
    return TargetRunner(emulator, tmp_path)
