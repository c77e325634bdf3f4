"""Application Insights components: workspace-based (the Log Analytics workspace must exist),
with the keys and connection string the service assigns; synchronous PUT answering 200."""

from __future__ import annotations

import datetime

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext, stable_guid
from tools.arm_emulator.type_names import APPLICATION_INSIGHTS, LOG_ANALYTICS_WORKSPACE
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.applicationinsights.v2020_02_02.models"


class ComponentHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        properties = ctx.properties
        if not properties.get("Application_Type"):
            raise ArmError(
                400,
                "BadRequest",
                "Application_Type is required.",
                target="properties.Application_Type",
            )
        workspace = properties.get("WorkspaceResourceId")
        if workspace:
            record = ctx.world.store.get(str(workspace))
            if record is None or record.rtype.key != LOG_ANALYTICS_WORKSPACE.lower():
                raise ArmError(
                    400,
                    "BadRequest",
                    f"The Log Analytics workspace '{workspace}' was not found.",
                    target="properties.WorkspaceResourceId",
                )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        key = previous.get("InstrumentationKey") or stable_guid(ctx.resource_id, "ikey")
        app_id = previous.get("AppId") or stable_guid(ctx.resource_id, "appId")
        location = ctx.body["location"]
        properties["AppId"] = app_id
        properties["ApplicationId"] = ctx.name
        properties["Name"] = ctx.name
        properties["InstrumentationKey"] = key
        properties["ConnectionString"] = (
            f"InstrumentationKey={key};IngestionEndpoint=https://{location}-0.in."
            f"applicationinsights.azure.com/;LiveEndpoint=https://{location}.livediagnostics."
            f"monitor.azure.com/;ApplicationId={app_id}"
        )
        properties["CreationDate"] = previous.get("CreationDate") or (
            datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")
        )
        properties["TenantId"] = ctx.world.subscription
        properties.setdefault(
            "IngestionMode",
            "LogAnalytics" if properties.get("WorkspaceResourceId") else "ApplicationInsights",
        )
        properties.setdefault("publicNetworkAccessForIngestion", "Enabled")
        properties.setdefault("publicNetworkAccessForQuery", "Enabled")


TYPES = [
    TypeEntry(
        ResourceType(
            name=APPLICATION_INSIGHTS,
            api_versions=(pinned(APPLICATION_INSIGHTS),),
            model=f"{_MODELS}:ApplicationInsightsComponent",
            patch_model=f"{_MODELS}:TagsResource",
            sync_create_status=200,
            etag=None,
        ),
        ComponentHooks(),
    )
]
