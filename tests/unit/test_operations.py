"""Joining started operations: polling each as ARM says, final GETs, each failure reported."""

from __future__ import annotations

import pytest

from tests.unit.fakes import ARM, GROUP_ID, VNET_ID, FakeTransport, Reply, make_client

ZONE_ID = f"{GROUP_ID}/providers/Microsoft.Network/privateDnsZones/example.com"
STATUS = f"{ARM}/subscriptions/s/providers/Microsoft.Network/locations/eastus/operations/1"
LOCATION = f"{ARM}/subscriptions/s/providers/Microsoft.Network/locations/eastus/operationResults/2"


def operations_module():
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import operations

    return operations


def handle(resource_id: str, method: str | None = "PUT", **urls: str) -> dict:
    return {"id": resource_id, "api_version": "2026-03-01", "method": method, **urls}


def join(transport: FakeTransport, handles: list, timeout: float = 60) -> list:
    ops = operations_module()
    client = make_client(transport)
    operations = [ops.Operation.from_handle(h, index) for index, h in enumerate(handles)]
    return ops.join(client, operations, timeout, 5, clock=transport.clock, sleep=transport.sleep)


def test_start_returns_the_polling_urls_of_the_operation() -> None:
    transport = FakeTransport(
        [Reply(201, {"name": "vnet1"}, {"Azure-AsyncOperation": STATUS, "Retry-After": "3"})]
    )
    body, started = make_client(transport).start("PUT", VNET_ID, "2026-03-01", {"location": "x"})
    assert body == {"name": "vnet1"}
    assert started == {
        "id": VNET_ID,
        "api_version": "2026-03-01",
        "method": "PUT",
        "status_url": STATUS,
        "location_url": None,
    }
    assert transport.methods() == ["PUT"]


def test_start_of_a_delete_of_nothing_starts_nothing() -> None:
    transport = FakeTransport([Reply(204)])
    _, started = make_client(transport).start("DELETE", VNET_ID, "2026-03-01")
    assert started["method"] is None


def test_two_operations_are_polled_together_and_their_resources_returned() -> None:
    def answer(request):
        url = str(request.url)
        polls = sum(1 for sent in transport.sent if sent.url.startswith(url.split("?")[0]))
        if url.startswith(STATUS):
            body = {"status": "Succeeded" if polls >= 3 else "InProgress"}
            return Reply(200, body, {"Retry-After": "2"})
        if url.startswith(LOCATION):
            return Reply(200 if polls >= 2 else 202, None, {"Retry-After": "4"})
        name = "vnet1" if "virtualNetworks" in url else "example.com"
        return Reply(200, {"name": name, "properties": {"provisioningState": "Succeeded"}})

    transport = FakeTransport(handler=answer)
    outcomes = join(
        transport,
        [handle(VNET_ID, status_url=STATUS), handle(ZONE_ID, location_url=LOCATION)],
    )
    assert [outcome.error for outcome in outcomes] == [None, None]
    assert [outcome.resource["name"] for outcome in outcomes] == ["vnet1", "example.com"]
    # One loop for both: the shorter Retry-After sets the pace, no operation waits for the other.
    assert transport.sleeps == [2, 2]


def test_joining_a_handle_of_nothing_started_hands_back_its_resource_unread() -> None:
    transport = FakeTransport([])
    idle = {**handle(VNET_ID, None), "resource": {"name": "vnet1", "id": VNET_ID}}
    (outcome,) = join(transport, [idle])
    assert outcome.error is None
    assert outcome.resource == {"name": "vnet1", "id": VNET_ID}
    assert transport.methods() == []


def test_each_failed_operation_keeps_its_arm_error() -> None:
    failed = {"status": "Failed", "error": {"code": "QuotaExceeded", "message": "no quota"}}
    transport = FakeTransport(
        handler=lambda request: (
            Reply(200, failed)
            if str(request.url).startswith(STATUS)
            else Reply(200, {"name": "example.com"})
        )
    )
    outcomes = join(transport, [handle(VNET_ID, status_url=STATUS), handle(ZONE_ID, None)])
    assert outcomes[0].error.code == "QuotaExceeded"
    assert "no quota" in outcomes[0].error.message and VNET_ID in outcomes[0].error.message
    assert outcomes[0].summary()["status"] == "Failed"
    assert (outcomes[1].error, outcomes[1].resource["name"]) == (None, "example.com")


def test_delete_without_polling_urls_is_done_when_the_resource_is_gone() -> None:
    transport = FakeTransport([Reply(200, {"name": "vnet1"}), Reply(404, {"error": {}})])
    outcomes = join(transport, [handle(VNET_ID, "DELETE")])
    assert (outcomes[0].error, outcomes[0].resource) == (None, {})
    assert transport.methods() == ["GET", "GET"]


def test_an_operation_past_the_deadline_fails_with_a_timeout() -> None:
    transport = FakeTransport(handler=lambda request: Reply(200, {"status": "InProgress"}))
    outcomes = join(transport, [handle(VNET_ID, status_url=STATUS)], timeout=12)
    assert outcomes[0].error.code == "OperationTimedOut"
    assert sum(transport.sleeps) == pytest.approx(12)


@pytest.mark.parametrize(
    ("bad", "option"),
    [
        ("not a dict", "operations[0]"),
        ({"api_version": "2026-03-01"}, "operations[0].id"),
        ({"id": VNET_ID, "api_version": "2026-03-01", "method": "GET"}, "operations[0].method"),
    ],
)
def test_bad_handles_name_the_item(bad, option: str) -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
        ArmError,
    )

    with pytest.raises(ArmError) as raised:
        operations_module().Operation.from_handle(bad, 0)
    assert raised.value.option == option
