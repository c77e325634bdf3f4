"""ArmError from real-looking ARM error bodies and headers."""

from __future__ import annotations

import json

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    from_response,
    invalid_option,
    parse_error_body,
    redact,
)

HEADERS = {
    "x-ms-request-id": "5a7c1d0e-1111-4a4a-9b9b-000000000001",
    "X-MS-Correlation-Request-Id": "c0ffee00-2222-4b4b-8c8c-000000000002",
    "Content-Type": "application/json; charset=utf-8",
}


def test_arm_error_envelope() -> None:
    body = json.dumps(
        {
            "error": {
                "code": "InUseSubnetCannotBeDeleted",
                "message": "Subnet snet1 is in use by .../ipConfigurations/ipconfig1.",
                "details": [{"code": "Inner", "message": "more", "target": "snet1"}],
            }
        }
    )
    error = from_response(400, HEADERS, body)
    assert error.status == 400
    assert error.code == "InUseSubnetCannotBeDeleted"
    assert error.message.startswith("Subnet snet1 is in use")
    assert error.request_id == HEADERS["x-ms-request-id"]
    assert error.correlation_id == HEADERS["X-MS-Correlation-Request-Id"]
    assert error.details == [{"code": "Inner", "message": "more", "target": "snet1"}]


def test_bare_error_object_of_older_providers() -> None:
    error = from_response(404, {}, '{"code": "ResourceGroupNotFound", "message": "gone"}')
    assert (error.code, error.message) == ("ResourceGroupNotFound", "gone")


def test_failed_long_running_operation_body() -> None:
    body = '{"status": "Failed", "error": {"code": "QuotaExceeded", "message": "no cores"}}'
    assert parse_error_body(body) == {"code": "QuotaExceeded", "message": "no cores"}


def test_non_json_body_becomes_the_message() -> None:
    error = from_response(502, {}, "<html>Bad Gateway</html>")
    assert error.code is None
    assert error.message == "<html>Bad Gateway</html>"
    assert from_response(503, {}, "").message == "HTTP 503"


def test_fail_kwargs_carry_everything() -> None:
    error = from_response(
        409, HEADERS, '{"error": {"code": "AnotherOperationInProgress", "message": "busy"}}'
    )
    kwargs = error.to_fail_kwargs()
    assert "AnotherOperationInProgress" in kwargs["msg"]
    assert "409" in kwargs["msg"]
    assert HEADERS["x-ms-request-id"] in kwargs["msg"]
    assert HEADERS["X-MS-Correlation-Request-Id"] in kwargs["msg"]
    assert kwargs["error"] == {
        "status": 409,
        "code": "AnotherOperationInProgress",
        "message": "busy",
        "request_id": HEADERS["x-ms-request-id"],
        "correlation_id": HEADERS["X-MS-Correlation-Request-Id"],
    }


def test_invalid_option_names_the_option() -> None:
    error = invalid_option("location", "required to create resource group rg1")
    assert isinstance(error, ArmError)
    assert error.option == "location"
    assert error.to_fail_kwargs()["msg"] == "location: required to create resource group rg1"


def test_redact_removes_secrets() -> None:
    assert (
        redact("bad secret p@ss in p@ss", ["p@ss", None, ""]) == "bad secret ******** in ********"
    )
