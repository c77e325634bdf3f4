"""The ARM client on the real azure-core pipeline, against a scripted transport."""

from __future__ import annotations

import pytest
from azure.core.exceptions import ServiceRequestError

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import (
    RetrySettings,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError
from tests.unit.fakes import (
    ARM,
    GROUP_ID,
    VNET_ID,
    FakeCredential,
    FakeTransport,
    Reply,
    make_client,
)

API = "2026-03-01"
VNET = {"id": VNET_ID, "name": "vnet1", "properties": {"provisioningState": "Succeeded"}}
OPERATION_URL = f"{ARM}/subscriptions/s/providers/Microsoft.Network/locations/eastus/operations/op1"


def throttled(seconds: str = "7") -> Reply:
    return Reply(
        429,
        {"error": {"code": "TooManyRequests", "message": "slow down"}},
        {"Retry-After": seconds},
    )


def test_get_returns_the_resource_with_a_bearer_token_and_api_version() -> None:
    transport = FakeTransport([Reply(200, VNET)])
    credential = FakeCredential()
    assert make_client(transport, credential).get(VNET_ID, API) == VNET
    (sent,) = transport.sent
    assert sent.url == f"{ARM}{VNET_ID}?api-version={API}"
    assert sent.headers["Authorization"] == "Bearer fake-token"
    assert credential.scopes == ["https://management.core.windows.net/.default"]


def test_get_of_a_missing_resource_is_none() -> None:
    body = {"error": {"code": "ResourceNotFound", "message": "not found"}}
    assert make_client(FakeTransport([Reply(404, body)])).get(VNET_ID, API) is None


def test_names_are_escaped_in_the_url() -> None:
    transport = FakeTransport([Reply(200, {})])
    record = f"{GROUP_ID}/providers/Microsoft.Network/privateDnsZones/z.example/A/my record"
    make_client(transport).get(record, "2024-06-01")
    assert "/A/my%20record?api-version=2024-06-01" in transport.sent[0].url


def test_other_errors_raise_arm_error_with_ids() -> None:
    reply = Reply(
        403,
        {"error": {"code": "AuthorizationFailed", "message": "no access"}},
        {"x-ms-request-id": "rid", "x-ms-correlation-request-id": "cid"},
    )
    with pytest.raises(ArmError) as caught:
        make_client(FakeTransport([reply])).get(VNET_ID, API)
    error = caught.value
    assert (error.status, error.code, error.request_id, error.correlation_id) == (
        403,
        "AuthorizationFailed",
        "rid",
        "cid",
    )
    assert error.message.startswith(f"GET {ARM}{VNET_ID}: no access")


def test_throttling_is_retried_after_the_retry_after_delay() -> None:
    transport = FakeTransport([throttled("7"), throttled("3"), Reply(200, VNET)])
    assert make_client(transport).get(VNET_ID, API) == VNET
    assert transport.sleeps == [7.0, 3.0]
    assert transport.methods() == ["GET", "GET", "GET"]


def test_retry_after_is_capped() -> None:
    transport = FakeTransport([throttled("3600"), Reply(200, VNET)])
    make_client(transport, retry=RetrySettings(retry_after_max=20)).get(VNET_ID, API)
    assert transport.sleeps == [20.0]


def test_throttled_patch_is_retried_too() -> None:
    transport = FakeTransport([throttled("1"), Reply(200, VNET)])
    make_client(transport).patch(VNET_ID, {"tags": {}}, API, wait=False)
    assert transport.methods() == ["PATCH", "PATCH"]


def test_server_errors_are_retried_with_bounded_backoff() -> None:
    error = Reply(503, {"error": {"code": "ServiceUnavailable", "message": "later"}})
    transport = FakeTransport([error, error, error, Reply(200, VNET)])
    settings = RetrySettings(total_retries=5, backoff_factor=1.0, backoff_max=1.5)
    assert make_client(transport, retry=settings).get(VNET_ID, API) == VNET
    assert len(transport.sent) == 4
    # azure-core retries the first failure at once, then backs off exponentially up to the cap.
    assert transport.sleeps == [1.5, 1.5]


def test_retries_are_bounded() -> None:
    transport = FakeTransport([throttled("1") for _ in range(10)])
    with pytest.raises(ArmError) as caught:
        make_client(transport, retry=RetrySettings(total_retries=2)).get(VNET_ID, API)
    assert caught.value.status == 429
    assert caught.value.code == "TooManyRequests"
    assert len(transport.sent) == 3


def test_dropped_connections_are_retried() -> None:
    transport = FakeTransport([ServiceRequestError("connection reset"), Reply(200, VNET)])
    assert make_client(transport).get(VNET_ID, API) == VNET
    assert len(transport.sent) == 2


def test_connection_errors_after_retries_are_arm_errors() -> None:
    transport = FakeTransport([ServiceRequestError("refused") for _ in range(3)])
    with pytest.raises(ArmError) as caught:
        make_client(transport, retry=RetrySettings(total_retries=2)).get(VNET_ID, API)
    assert caught.value.code == "ServiceRequestError"
    assert "refused" in caught.value.message


def test_put_follows_azure_async_operation_then_reads_the_resource() -> None:
    transport = FakeTransport(
        [
            Reply(
                201,
                {"id": VNET_ID, "properties": {"provisioningState": "Updating"}},
                {"Azure-AsyncOperation": OPERATION_URL, "Retry-After": "2"},
            ),
            Reply(200, {"status": "InProgress"}, {"Retry-After": "4"}),
            Reply(200, {"status": "Succeeded"}),
            Reply(200, VNET),
        ]
    )
    result = make_client(transport).put(VNET_ID, {"location": "eastus"}, API, timeout=60)
    assert result == VNET
    assert transport.methods() == ["PUT", "GET", "GET", "GET"]
    assert transport.sent[0].body == {"location": "eastus"}
    assert transport.sent[1].url == OPERATION_URL
    assert transport.sent[3].url == f"{ARM}{VNET_ID}?api-version={API}"
    # azure-core polls once at once, then waits what each status answer's Retry-After says.
    assert transport.sleeps == [4.0]


def test_delete_follows_location_until_done() -> None:
    location = f"{ARM}/subscriptions/s/operationResults/op2"
    transport = FakeTransport(
        [
            Reply(202, None, {"Location": location, "Retry-After": "1"}),
            Reply(202, None, {"Location": location, "Retry-After": "1"}),
            Reply(200, None),
        ]
    )
    assert make_client(transport).delete(VNET_ID, API, timeout=60) is True
    assert transport.methods() == ["DELETE", "GET", "GET"]


def test_delete_of_a_missing_resource_is_false() -> None:
    assert make_client(FakeTransport([Reply(204)])).delete(VNET_ID, API) is False
    body = {"error": {"code": "ResourceGroupNotFound", "message": "x"}}
    assert make_client(FakeTransport([Reply(404, body)])).delete(VNET_ID, API) is False


def test_failed_operation_raises_its_error() -> None:
    transport = FakeTransport(
        [
            Reply(201, {"id": VNET_ID}, {"Azure-AsyncOperation": OPERATION_URL}),
            Reply(
                200,
                {
                    "status": "Failed",
                    "error": {"code": "NetcfgInvalidSubnet", "message": "Subnet is not valid"},
                },
            ),
        ]
    )
    with pytest.raises(ArmError) as caught:
        make_client(transport).put(VNET_ID, {"location": "eastus"}, API, timeout=60)
    assert caught.value.code == "NetcfgInvalidSubnet"
    assert "Subnet is not valid" in caught.value.message
    assert caught.value.message.startswith(f"PUT {ARM}{VNET_ID} failed")


def failed_operation(code: str) -> list[Reply]:
    return [
        Reply(201, {"id": VNET_ID}, {"Azure-AsyncOperation": OPERATION_URL}),
        Reply(200, {"status": "Failed", "error": {"code": code, "message": "try again"}}),
    ]


def test_transiently_failed_operation_is_sent_again() -> None:
    transport = FakeTransport(
        [
            *failed_operation("InternalServerError"),
            Reply(200, {"id": VNET_ID}, {"Azure-AsyncOperation": OPERATION_URL}),
            Reply(200, {"status": "Succeeded"}),
            Reply(200, VNET),
        ]
    )
    result = make_client(transport).put(VNET_ID, {"location": "eastus"}, API, timeout=60)
    assert result == VNET
    assert transport.methods() == ["PUT", "GET", "PUT", "GET", "GET"]


def test_operation_retries_are_bounded() -> None:
    replies = [reply for _ in range(3) for reply in failed_operation("RetryableError")]
    transport = FakeTransport(replies)
    client = make_client(transport, retry=RetrySettings(operation_retries=2))
    with pytest.raises(ArmError) as caught:
        client.put(VNET_ID, {"location": "eastus"}, API, timeout=60)
    assert caught.value.code == "RetryableError"
    assert transport.methods().count("PUT") == 3


def test_operation_that_never_ends_times_out() -> None:
    def handler(request):
        if request.method == "PUT":
            return Reply(201, {"id": VNET_ID}, {"Azure-AsyncOperation": OPERATION_URL})
        return Reply(200, {"status": "InProgress"}, {"Retry-After": "10"})

    transport = FakeTransport(handler=handler)
    with pytest.raises(ArmError) as caught:
        make_client(transport).put(VNET_ID, {"location": "eastus"}, API, timeout=45)
    assert caught.value.code == "OperationTimedOut"
    assert "45" in caught.value.message
    assert transport.now == pytest.approx(45)
    assert sum(transport.sleeps) <= 45


def test_provisioning_state_in_the_body_is_polled_without_headers() -> None:
    transport = FakeTransport(
        [
            Reply(200, {"id": VNET_ID, "properties": {"provisioningState": "Updating"}}),
            Reply(200, {"id": VNET_ID, "properties": {"provisioningState": "Updating"}}),
            Reply(200, VNET),
        ]
    )
    assert make_client(transport, poll_interval=3).put(VNET_ID, {}, API, timeout=60) == VNET
    assert transport.sleeps == [3.0]


def test_no_wait_returns_the_first_answer() -> None:
    accepted = {"id": VNET_ID, "properties": {"provisioningState": "Updating"}}
    transport = FakeTransport([Reply(201, accepted, {"Azure-AsyncOperation": OPERATION_URL})])
    assert make_client(transport).put(VNET_ID, {}, API, wait=False) == accepted
    assert len(transport.sent) == 1


def test_list_follows_next_link() -> None:
    collection = f"{GROUP_ID}/providers/Microsoft.Network/virtualNetworks"
    transport = FakeTransport(
        [
            Reply(200, {"value": [{"name": "a"}], "nextLink": f"{ARM}{collection}?page=2"}),
            Reply(200, {"value": [{"name": "b"}]}),
        ]
    )
    assert make_client(transport).list(collection, API) == [{"name": "a"}, {"name": "b"}]
    assert transport.sent[1].url == f"{ARM}{collection}?page=2"


def test_authentication_failure_is_one_clear_error_without_the_secret() -> None:
    secret = "Sup3r-S3cret~value"
    credential = FakeCredential(error=f"AADSTS7000215: Invalid client secret provided ({secret}).")
    client = make_client(
        FakeTransport([]),
        credential,
        identity="client_id app1 in tenant t1 (from environment variables)",
        secrets=[secret],
    )
    with pytest.raises(ArmError) as caught:
        client.get(VNET_ID, API)
    error = caught.value
    assert error.code == "AuthenticationFailed"
    assert "client_id app1 in tenant t1" in error.message
    assert "AADSTS7000215" in error.message
    assert secret not in str(error.to_fail_kwargs())


def test_only_https_endpoints_are_accepted() -> None:
    with pytest.raises(ArmError) as caught:
        make_client_with_endpoint("http://management.example.test")
    assert caught.value.option == "cloud_environment"


def make_client_with_endpoint(endpoint: str):
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import ArmClient

    return ArmClient(endpoint, FakeCredential(), "scope/.default", "sub")
