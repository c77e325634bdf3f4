"""The admin endpoints: request log, state dump, reset, configuration."""

from __future__ import annotations

import urllib.error

import pytest

from tests.emulator.arm_client import NETWORK_API, ArmClient
from tools.arm_emulator.control import Emulator


def test_request_log_records_every_request(emulator: Emulator, arm: ArmClient, group: str) -> None:
    emulator.clear_requests()
    arm.request("GET", arm.net_path(group, "networkSecurityGroups/none"))
    (entry,) = emulator.requests()
    assert entry["method"] == "GET"
    assert entry["path"].endswith("/networkSecurityGroups/none")
    assert entry["api_version"] == NETWORK_API
    assert entry["status"] == 404
    assert entry["duration_ms"] >= 0
    assert entry["fault"] is None


def test_state_dump_and_reset(emulator: Emulator, arm: ArmClient, group: str) -> None:
    arm.vnet(
        group,
        "VNet-A",
        ["10.0.0.0/16"],
        [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24"}}],
    )
    dump = emulator.state()
    ids = [r["id"] for r in dump["resources"]]
    assert f"{arm.rg_path(group)}/providers/Microsoft.Network/virtualNetworks/VNet-A" in ids
    assert (
        f"{arm.rg_path(group)}/providers/Microsoft.Network/virtualNetworks/VNet-A/subnets/s" in ids
    )
    assert dump["subscription_id"] == emulator.subscription_id
    emulator.reset()
    assert emulator.state()["resources"] == []


def test_configuration_is_validated(emulator: Emulator) -> None:
    with pytest.raises(urllib.error.HTTPError):
        emulator.configure(latency="glacial")
    with pytest.raises(urllib.error.HTTPError):
        emulator.configure(no_such_knob=1)
