"""The run's read log: what modules read is kept, a write makes the whole log unusable, and the
audit's reader takes from it only what the run read (everything else it reads itself)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (
    isolation_checks as checks,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (
    ReadLog,
    key,
    reads_of_unchanged_run,
)

NSG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg"
ZONE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z"
LINKS = f"{ZONE}/virtualNetworkLinks"


class CountingClient:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def get(self, resource_id: str, api_version: str) -> dict | None:
        self.calls.append(resource_id)
        return {"id": resource_id, "fresh": True}

    def list(self, path: str, api_version: str, query: Any = None) -> list:
        self.calls.append(path)
        return [{"fresh": True}]


def test_reads_are_kept_by_path_without_case_and_api_version(tmp_path: Path) -> None:
    log = ReadLog(str(tmp_path / "reads.jsonl"))
    log.read(key(NSG, "2026-03-01"), {"id": NSG})
    log.read(key(NSG.upper(), "2026-03-01"), {"id": NSG, "later": True})
    log.read(key(LINKS, "2024-06-01"), {"value": []})
    reads = reads_of_unchanged_run(str(tmp_path / "reads.jsonl"))
    assert reads[key(NSG, "2026-03-01")] == {"id": NSG, "later": True}
    assert key(NSG, "2025-01-01") not in reads
    assert oct(os.stat(tmp_path / "reads.jsonl").st_mode & 0o777) == "0o600"


def test_a_write_or_a_log_others_can_write_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "reads.jsonl"
    log = ReadLog(str(path))
    log.read(key(NSG, "1"), {"id": NSG})
    assert reads_of_unchanged_run(str(path))
    os.chmod(path, 0o666)
    assert reads_of_unchanged_run(str(path)) == {}
    os.chmod(path, 0o600)
    log.write("PUT", NSG)
    assert reads_of_unchanged_run(str(path)) == {}
    assert reads_of_unchanged_run(str(tmp_path / "missing")) == {}
    assert reads_of_unchanged_run(None) == {}


def test_without_a_log_nothing_is_written(tmp_path: Path) -> None:
    ReadLog(None).read("k", {})
    ReadLog(None).write("PUT", NSG)
    assert list(tmp_path.iterdir()) == []


def test_the_audit_reader_takes_what_the_run_read_and_reads_the_rest() -> None:
    client = CountingClient()
    network = "2026-03-01"
    reads = {
        key(NSG, network): {"id": NSG, "fresh": False},
        key(LINKS, "2024-06-01"): {"value": []},
    }
    reader = checks.Reader(client, reads)
    assert reader.get(NSG) == {"id": NSG, "fresh": False}
    assert reader.list(LINKS, "2024-06-01") == []
    assert reader.list(LINKS, "2024-06-01", {"$filter": "x"}) == [{"fresh": True}]
    other = NSG.replace("/nsg", "/nsg-other")
    assert reader.get(other) == {"id": other, "fresh": True}
    assert client.calls == [LINKS, other]
    assert (reader.requests, reader.from_run) == (2, 2)


def test_the_client_logs_its_reads_and_its_writes(tmp_path: Path) -> None:
    from tests.unit.fakes import VNET_ID, FakeTransport, Reply, make_client

    VNET = {"id": VNET_ID, "name": "vnet1"}
    path = tmp_path / "reads.jsonl"
    client = make_client(
        FakeTransport([Reply(200, VNET), Reply(404, {}), Reply(200, {"value": [VNET]})]),
        read_log=ReadLog(str(path)),
    )
    client.get(VNET_ID, "2026-03-01")
    client.get(VNET_ID + "x", "2026-03-01")
    client.list(VNET_ID + "/subnets", "2026-03-01")
    reads = reads_of_unchanged_run(str(path))
    assert reads == {
        key(VNET_ID, "2026-03-01"): VNET,
        key(VNET_ID + "x", "2026-03-01"): None,
        key(VNET_ID + "/subnets", "2026-03-01"): {"value": [VNET]},
    }
    writer = make_client(FakeTransport([Reply(200, VNET)]), read_log=ReadLog(str(path)))
    writer.put(VNET_ID, {"location": "eastus"}, "2026-03-01")
    assert reads_of_unchanged_run(str(path)) == {}
