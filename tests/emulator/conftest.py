"""One emulator for the whole emulator test session; its state is reset before every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulator.arm_client import ArmClient
from tools.arm_emulator.control import Emulator


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    state_dir: Path = tmp_path_factory.mktemp("arm-emulator")
    with Emulator.start(state_dir) as running:
        previous = os.environ.get("REQUESTS_CA_BUNDLE")
        os.environ["REQUESTS_CA_BUNDLE"] = running.ca_bundle
        try:
            yield running
        finally:
            if previous is None:
                os.environ.pop("REQUESTS_CA_BUNDLE", None)
            else:
                os.environ["REQUESTS_CA_BUNDLE"] = previous


@pytest.fixture(autouse=True)
def clean_emulator(emulator: Emulator) -> Emulator:
    emulator.configure(latency="zero", latency_scale=1.0, fault_rate=0.0, fault_seed=0)
    emulator.reset()
    return emulator


@pytest.fixture(scope="session")
def arm(emulator: Emulator) -> ArmClient:
    return ArmClient(emulator)


@pytest.fixture
def group(arm: ArmClient) -> str:
    arm.resource_group("rg-test")
    return "rg-test"
