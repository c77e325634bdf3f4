"""private_endpoint_connection(_info), one story on a manual connection: list it Pending,
approve in check mode (no write), approve, re-run unchanged, reject with a diff, refuse to
approve it again, delete it, delete again."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

GROUP = "rg-it-pec"


@pytest.fixture
def pending(runner: Runner) -> dict:
    made = runner.step("private_endpoint_setup", group=GROUP, stem="itpec01")
    assert made.returncode == 0, made.output
    endpoint = runner.step(
        "private_endpoint",
        expect_failure=True,
        pe_name="pe-file",
        pe_resource_group=GROUP,
        pe_location="eastus",
        pe_subnet_id=made.result["subnet_id"],
        pe_target_id=made.result["storage_id"],
        pe_group_id="file",
        pe_manual=True,
        pe_timeout=1,
    )
    assert endpoint.result["failed"] is True and "Pending" in endpoint.result["msg"]
    runner.emulator.clear_requests()
    group_id = made.result["storage_id"].split("/providers/")[0]
    endpoint_id = f"{group_id}/providers/Microsoft.Network/privateEndpoints/pe-file"
    return {"target": made.result["storage_id"], "endpoint": endpoint_id}


def _listed(runner: Runner, target: str) -> list[dict]:
    listed = runner.step("private_endpoint_connection", info=True, pec_target_id=target)
    assert listed.returncode == 0, listed.output
    return listed.result["connections"]


def test_story(runner: Runner, pending: dict) -> None:
    [connection] = _listed(runner, pending["target"])
    assert connection["status"] == "Pending"
    assert connection["group_ids"] == ["file"]
    assert connection["private_endpoint_id"].lower() == pending["endpoint"].lower()
    by_endpoint = {
        "pec_target_id": pending["target"],
        "pec_private_endpoint_id": pending["endpoint"],
    }

    checked = runner.step("private_endpoint_connection", "--check", **by_endpoint)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    approved = runner.step("private_endpoint_connection", **by_endpoint)
    assert approved.returncode == 0, approved.output
    assert approved.result["changed"] is True
    assert approved.result["status"]["status"] == "Approved"
    assert [c["status"] for c in _listed(runner, pending["target"])] == ["Approved"]

    runner.emulator.clear_requests()
    again = runner.step("private_endpoint_connection", **by_endpoint)
    assert again.result["changed"] is False
    assert runner.writes() == []

    by_name = {"pec_target_id": pending["target"], "pec_name": connection["name"]}
    rejected = runner.step(
        "private_endpoint_connection",
        "--diff",
        pec_status="Rejected",
        pec_description="no",
        **by_name,
    )
    assert rejected.returncode == 0, rejected.output
    assert rejected.result["diff"] == {
        "before": {"status": "Approved", "description": "Approved by litware.aml_isolation"},
        "after": {"status": "Rejected", "description": "no"},
    }

    runner.emulator.clear_requests()
    refused = runner.step("private_endpoint_connection", expect_failure=True, **by_name)
    assert refused.result["failed"] is True
    assert refused.result["msg"].startswith("status:")
    assert runner.writes() == []

    deleted = runner.step("private_endpoint_connection", pec_state="absent", **by_name)
    assert deleted.returncode == 0, deleted.output
    assert deleted.result["changed"] is True
    assert _listed(runner, pending["target"]) == []

    again_deleted = runner.step("private_endpoint_connection", pec_state="absent", **by_name)
    assert again_deleted.result["changed"] is False
