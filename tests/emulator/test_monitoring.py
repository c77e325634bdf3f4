"""Microsoft.OperationalInsights and Microsoft.Insights: Log Analytics workspaces (soft delete,
recover, force), Application Insights components, Azure Monitor private link scopes with scoped
resources, diagnostic settings on any resource."""

from __future__ import annotations

from tests.emulator.aml_resources import (
    APP_INSIGHTS_API,
    DIAGNOSTIC_SETTINGS_API,
    LOG_ANALYTICS_API,
    PRIVATE_LINK_SCOPE_API,
    app_insights,
    log_analytics,
    put,
    resource_path,
    storage,
)
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


def test_app_insights_is_workspace_based_and_synchronous(arm: ArmClient, group: str) -> None:
    workspace = log_analytics(arm, group)["id"]
    path = resource_path(arm, group, "Microsoft.Insights", "components/appi-litware")
    missing = {
        "location": "eastus",
        "kind": "web",
        "properties": {"Application_Type": "web", "WorkspaceResourceId": f"{workspace}x"},
    }
    response = arm.request("PUT", path, missing, api_version=APP_INSIGHTS_API)
    assert response.json()["error"]["target"] == "properties.WorkspaceResourceId"
    missing["properties"]["WorkspaceResourceId"] = workspace
    created = arm.request("PUT", path, missing, api_version=APP_INSIGHTS_API)
    assert created.status_code == 200
    properties = created.json()["properties"]
    assert properties["ConnectionString"].startswith(
        f"InstrumentationKey={properties['InstrumentationKey']};"
    )
    assert properties["IngestionMode"] == "LogAnalytics"
    assert app_insights(arm, group, workspace)["properties"]["AppId"] == properties["AppId"]


def test_private_link_scope_and_scoped_resources(arm: ArmClient, group: str) -> None:
    workspace = log_analytics(arm, group)["id"]
    component = app_insights(arm, group, workspace)["id"]
    scope = resource_path(arm, group, "Microsoft.Insights", "privateLinkScopes/pls-monitor")
    no_modes = arm.request(
        "PUT", scope, {"location": "global", "properties": {}}, api_version=PRIVATE_LINK_SCOPE_API
    )
    assert no_modes.json()["error"]["target"] == "properties.accessModeSettings"
    body = {
        "location": "global",
        "properties": {
            "accessModeSettings": {"ingestionAccessMode": "Open", "queryAccessMode": "Open"}
        },
    }
    regional = arm.request(
        "PUT", scope, {**body, "location": "eastus"}, api_version=PRIVATE_LINK_SCOPE_API
    )
    assert error_code(regional) == "LocationNotAvailableForResourceType"
    created = arm.request("PUT", scope, body, api_version=PRIVATE_LINK_SCOPE_API)
    assert created.status_code == 201
    assert created.json()["properties"]["privateEndpointConnections"] == []
    for name, linked in (("law", workspace), ("appi", component)):
        result = put(
            arm,
            f"{scope}/scopedResources/{name}",
            {"properties": {"linkedResourceId": linked}},
            PRIVATE_LINK_SCOPE_API,
        )
        assert result["properties"]["linkedResourceId"] == linked
    again = arm.request(
        "PUT",
        f"{scope}/scopedResources/law2",
        {"properties": {"linkedResourceId": workspace}},
        api_version=PRIVATE_LINK_SCOPE_API,
    )
    assert again.status_code == 409
    nothing = arm.request(
        "PUT",
        f"{scope}/scopedResources/x",
        {"properties": {"linkedResourceId": f"{workspace}-gone"}},
        api_version=PRIVATE_LINK_SCOPE_API,
    )
    assert error_code(nothing) == "InvalidLinkedResourceId"


def test_diagnostic_settings_on_any_resource(arm: ArmClient, group: str) -> None:
    workspace = log_analytics(arm, group)["id"]
    account = storage(arm, group)["id"]
    setting = (
        f"{account}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings/to-law"
    )
    body = {
        "properties": {
            "workspaceId": workspace,
            "logAnalyticsDestinationType": "Dedicated",
            "logs": [{"categoryGroup": "allLogs", "enabled": True}],
            "metrics": [{"category": "Transaction", "enabled": True}],
        }
    }
    created = arm.request("PUT", setting, body, api_version=DIAGNOSTIC_SETTINGS_API)
    assert created.status_code == 200, created.text()
    assert created.json()["id"] == setting
    assert "provisioningState" not in created.json()["properties"]
    listed = arm.request(
        "GET",
        f"{account}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings",
        api_version=DIAGNOSTIC_SETTINGS_API,
    ).json()
    assert [s["name"] for s in listed["value"]] == ["to-law"]
    body["properties"]["workspaceId"] = f"{workspace}-gone"
    missing = arm.request("PUT", setting, body, api_version=DIAGNOSTIC_SETTINGS_API)
    assert missing.json()["error"]["target"] == "properties.workspaceId"
    no_target = arm.request(
        "PUT", setting, {"properties": {"logs": []}}, api_version=DIAGNOSTIC_SETTINGS_API
    )
    assert no_target.status_code == 400
    on_nothing = arm.request(
        "PUT",
        f"{account}x/providers/Microsoft.Insights/diagnosticSettings/d",
        body,
        api_version=DIAGNOSTIC_SETTINGS_API,
    )
    assert on_nothing.status_code == 404
    assert arm.request("DELETE", setting, api_version=DIAGNOSTIC_SETTINGS_API).status_code == 200
