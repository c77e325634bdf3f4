"""Diagnostic settings: an extension resource under any resource
(`{resourceId}/providers/Microsoft.Insights/diagnosticSettings/{name}`), synchronous PUT
answering 200. It needs a destination that exists; log categories are checked for the types in
`LOG_CATEGORIES` (Azure Monitor's "Supported logs" reference), any category elsewhere."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    DIAGNOSTIC_SETTING,
    LOG_ANALYTICS_WORKSPACE,
    STORAGE_ACCOUNT,
)
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.monitor.v2021_05_01_preview.models"
_DESTINATIONS = {"workspaceId": LOG_ANALYTICS_WORKSPACE, "storageAccountId": STORAGE_ACCOUNT}
_EXTERNAL = ("eventHubAuthorizationRuleId", "marketplacePartnerId")
_CATEGORY_GROUPS = ("allLogs", "audit")
# learn.microsoft.com azure-monitor/reference/supported-logs/microsoft-network-azurefirewalls-logs
LOG_CATEGORIES = {
    "microsoft.network/azurefirewalls": frozenset(
        {
            "AZFWApplicationRule",
            "AZFWApplicationRuleAggregation",
            "AZFWDnsAdditional",
            "AZFWDnsQuery",
            "AZFWFatFlow",
            "AZFWFlowTrace",
            "AZFWFqdnResolveFailure",
            "AZFWIdpsSignature",
            "AZFWNatRule",
            "AZFWNatRuleAggregation",
            "AZFWNetworkRule",
            "AZFWNetworkRuleAggregation",
            "AZFWThreatIntel",
            "AzureFirewallApplicationRule",
            "AzureFirewallDnsProxy",
            "AzureFirewallNetworkRule",
        }
    ),
}


class DiagnosticSettingHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        properties = ctx.properties
        given = [m for m in (*_DESTINATIONS, *_EXTERNAL) if properties.get(m)]
        if not given:
            raise ArmError(
                400,
                "BadRequest",
                "At least one destination (a Log Analytics workspace, a storage account, an event "
                "hub or a partner solution) must be set.",
            )
        for member, type_name in _DESTINATIONS.items():
            target = properties.get(member)
            if not target:
                continue
            record = ctx.world.store.get(str(target))
            if record is None or record.rtype.key != type_name.lower():
                raise ArmError(
                    400,
                    "ResourceNotFound",
                    f"The resource '{target}' named by '{member}' was not found.",
                    target=f"properties.{member}",
                )
        scope = ctx.world.store.get(ctx.parent.id) if ctx.parent else None
        offered = LOG_CATEGORIES.get(scope.rtype.key) if scope else None
        for index, log in enumerate(properties.get("logs") or []):
            if bool(log.get("category")) == bool(log.get("categoryGroup")):
                raise ArmError(
                    400,
                    "BadRequest",
                    "Each log setting names either a category or a category group.",
                    target=f"properties.logs[{index}]",
                )
            group = log.get("categoryGroup")
            if group and group not in _CATEGORY_GROUPS:
                raise ArmError(
                    400,
                    "BadRequest",
                    f"Category group '{group}' is not supported.",
                    target=f"properties.logs[{index}].categoryGroup",
                )
            if offered is not None and log.get("category") and log["category"] not in offered:
                raise ArmError(
                    400,
                    "BadRequest",
                    f"Category '{log['category']}' is not supported.",
                    target=f"properties.logs[{index}].category",
                )
        if not (properties.get("logs") or properties.get("metrics")):
            raise ArmError(
                400, "BadRequest", "At least one log or metric category must be enabled."
            )

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        document["properties"].pop("provisioningState", None)  # not a member of the setting


TYPES = [
    TypeEntry(
        ResourceType(
            name=DIAGNOSTIC_SETTING,
            api_versions=(pinned(DIAGNOSTIC_SETTING),),
            model=f"{_MODELS}:DiagnosticSettingsResource",
            sync_create_status=200,
            location="none",
            etag=None,
            extension=True,
            list_in_subscription=False,
        ),
        DiagnosticSettingHooks(),
    )
]
