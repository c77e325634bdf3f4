"""Microsoft.OperationalInsights: Log Analytics workspaces (202 + Location create, defaults,
soft delete, recover in the same group, force)."""

from __future__ import annotations

from tests.emulator.aml_resources import LOG_ANALYTICS_API, log_analytics, resource_path
from tests.emulator.arm_client import ArmClient, error_code


def _law(arm: ArmClient, group: str, name: str = "log-litware") -> str:
    return resource_path(arm, group, "Microsoft.OperationalInsights", f"workspaces/{name}")


def test_log_analytics_create_and_defaults(arm: ArmClient, group: str) -> None:
    response = arm.request(
        "PUT", _law(arm, group), {"location": "eastus"}, api_version=LOG_ANALYTICS_API
    )
    assert response.status_code == 202 and "Location" in response.headers
    workspace = log_analytics(arm, group)
    properties = workspace["properties"]
    assert properties["sku"]["name"] == "PerGB2018"
    assert properties["retentionInDays"] == 30
    assert properties["customerId"]
    short = arm.request(
        "PUT",
        _law(arm, group, "log-short"),
        {"location": "eastus", "properties": {"retentionInDays": 7}},
        api_version=LOG_ANALYTICS_API,
    )
    assert short.json()["error"]["target"] == "properties.retentionInDays"


def test_log_analytics_soft_delete_recover_and_force(arm: ArmClient, group: str) -> None:
    customer = log_analytics(arm, group)["properties"]["customerId"]
    arm.lro("DELETE", _law(arm, group), api_version=LOG_ANALYTICS_API)
    deleted = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.OperationalInsights/deletedWorkspaces",
        api_version=LOG_ANALYTICS_API,
    ).json()
    assert [w["name"] for w in deleted["value"]] == ["log-litware"]
    arm.resource_group("rg-other")
    elsewhere = arm.request(
        "PUT", _law(arm, "rg-other"), {"location": "eastus"}, api_version=LOG_ANALYTICS_API
    )
    assert (elsewhere.status_code, error_code(elsewhere)) == (409, "Conflict")
    assert log_analytics(arm, group)["properties"]["customerId"] == customer
    arm.lro("DELETE", f"{_law(arm, group)}?force=true", api_version=LOG_ANALYTICS_API)
    log_analytics(arm, "rg-other")
