"""The session's emulator (tests/conftest.py), reset before every test, and a client for it."""

from __future__ import annotations

import pytest

from tests.emulator.arm_client import ArmClient
from tools.arm_emulator.control import Emulator


@pytest.fixture(autouse=True)
def clean_emulator(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """Every test starts from an empty emulator; azure-core trusts its CA for the test."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", emulator.ca_bundle)
    return emulator


@pytest.fixture
def arm(clean_emulator: Emulator) -> ArmClient:
    return ArmClient(clean_emulator)


@pytest.fixture
def group(arm: ArmClient) -> str:
    arm.resource_group("rg-test")
    return "rg-test"
