"""Microsoft.Insights: Application Insights components, Azure Monitor private link scopes with
scoped resources, diagnostic settings on any resource."""

from __future__ import annotations

import json
from typing import Any

from tests.emulator.aml_resources import (
    APP_INSIGHTS_API,
    DIAGNOSTIC_SETTINGS_API,
    PRIVATE_LINK_SCOPE_API,
    app_insights,
    log_analytics,
    put,
    resource_path,
    storage,
)
from tests.emulator.arm_client import ArmClient, error_code
from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.providers.network.common import MODELS as NETWORK_MODELS
from tools.arm_emulator.service import handle_arm
from tools.arm_emulator.type_registry import ResourceType


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


def test_diagnostic_categories_are_checked_where_microsoft_lists_them() -> None:
    """Azure Firewall's categories, on a firewall type built here from Microsoft.Network's model
    (the firewall types come with their own provider)."""
    subscription = "00000000-0000-0000-0000-000000000001"
    group = f"/subscriptions/{subscription}/resourceGroups/rg"
    firewall_type = ResourceType(
        name="Microsoft.Network/azureFirewalls",
        api_versions=(pinned("Microsoft.Network/azureFirewalls"),),
        model=f"{NETWORK_MODELS}:AzureFirewall",
    )
    state = ArmState(
        "https://127.0.0.1",
        subscription,
        "tenant",
        [*all_entries(), TypeEntry(firewall_type, TypeHooks())],
        Knobs(),
    )

    def send(method: str, path: str, type_name: str, body: Any = None) -> tuple[int, Any]:
        payload = json.dumps(body).encode() if body is not None else b""
        request = Request(method, path, {"api-version": pinned(type_name)}, {}, payload)
        try:
            response = handle_arm(state, request, fail_operation=False)
        except ArmError as error:
            return error.status, error.body()
        return response.status, json.loads(response.body) if response.body else None

    send("PUT", group, "Microsoft.Resources/resourceGroups", {"location": "eastus"})
    law = f"{group}/providers/Microsoft.OperationalInsights/workspaces/log"
    send("PUT", law, "Microsoft.OperationalInsights/workspaces", {"location": "eastus"})
    firewall = f"{group}/providers/Microsoft.Network/azureFirewalls/fw"
    send("PUT", firewall, firewall_type.name, {"location": "eastus", "properties": {}})
    setting = f"{firewall}/providers/Microsoft.Insights/diagnosticSettings/to-law"

    def logs(*entries: dict[str, Any]) -> tuple[int, Any]:
        body = {"properties": {"workspaceId": law, "logs": list(entries)}}
        return send("PUT", setting, "Microsoft.Insights/diagnosticSettings", body)

    assert logs({"category": "AZFWNetworkRule", "enabled": True})[0] == 200
    assert logs({"categoryGroup": "allLogs", "enabled": True})[0] == 200
    status, error = logs({"category": "AZFWNetworkRules", "enabled": True})
    assert (status, error["error"]["target"]) == (400, "properties.logs[0].category")
    status, error = logs({"categoryGroup": "everything", "enabled": True})
    assert error["error"]["target"] == "properties.logs[0].categoryGroup"
