"""Every integration target (targets/<module>/tasks/main.yml), each in one ansible-playbook run
against the emulator. A new module's target is picked up by adding its directory."""

from __future__ import annotations

import pytest

from tests.integration.target_runner import TargetRunner, target_names


@pytest.mark.parametrize("target", target_names())
def test_target(target_runner: TargetRunner, target: str) -> None:
    target_runner.check(target, target_runner.run(target))
