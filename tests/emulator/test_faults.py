"""Seeded fault injection: throttling, server errors, dropped connections, failed operations."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError, ServiceRequestError, ServiceResponseError

from tests.emulator.arm_client import ARM_SCOPE, RESOURCES_API, ArmClient, credential_for
from tools.arm_emulator.control import Emulator


def _statuses(emulator: Emulator, arm: ArmClient, seed: int) -> list[int]:
    emulator.configure(fault_rate=0.5, fault_seed=seed, fault_kinds=["429", "500", "503"])
    return [
        arm.request("GET", arm.rg_path("rg-test"), api_version=RESOURCES_API).status_code
        for _ in range(24)
    ]


def test_faults_are_deterministic_for_a_seed(
    emulator: Emulator, arm: ArmClient, group: str
) -> None:
    first = _statuses(emulator, arm, 7)
    second = _statuses(emulator, arm, 7)
    other = _statuses(emulator, arm, 8)
    assert first == second
    assert first != other
    assert {429, 500, 503} & set(first)
    assert 200 in first
    log = [e for e in emulator.requests() if e["path"].startswith("/subscriptions")]
    faulted = [e for e in log if e["fault"]]
    assert faulted and all(str(e["status"]) == e["fault"] for e in faulted)


def test_throttling_carries_retry_after_and_clients_recover(emulator: Emulator, group: str) -> None:
    emulator.configure(fault_rate=0.5, fault_seed=3, fault_kinds=["429"], retry_after_seconds=0)
    patient = ArmClient(emulator, retries=10)
    for _ in range(6):
        response = patient.request("GET", patient.rg_path(group), api_version=RESOURCES_API)
        assert response.status_code == 200
    throttled = [e for e in emulator.requests() if e["status"] == 429]
    assert throttled


def test_faults_never_hit_identity_or_metadata(emulator: Emulator) -> None:
    emulator.configure(fault_rate=1.0, fault_kinds=["500"])
    assert credential_for(emulator).get_token(ARM_SCOPE).token


def test_dropped_connection(emulator: Emulator, arm: ArmClient, group: str) -> None:
    emulator.configure(fault_rate=1.0, fault_kinds=["drop"])
    with pytest.raises((ServiceResponseError, ServiceRequestError)):
        arm.request("GET", arm.rg_path(group), api_version=RESOURCES_API)
    assert emulator.requests()[-1]["fault"] == "drop"


def test_failed_operation_leaves_failed_state_and_a_retry_succeeds(
    emulator: Emulator, arm: ArmClient, group: str
) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n")
    emulator.configure(fault_rate=1.0, fault_kinds=["lro_failed"])
    with pytest.raises(HttpResponseError) as caught:
        arm.lro("PUT", path, {"location": "eastus"})
    assert "InternalServerError" in str(caught.value)
    emulator.configure(fault_rate=0.0)
    assert arm.request("GET", path).json()["properties"]["provisioningState"] == "Failed"
    result, status, _ = arm.lro("PUT", path, {"location": "eastus"})
    assert status == "Succeeded"
    assert result["properties"]["provisioningState"] == "Succeeded"
