"""Azure Monitor private link scopes (global, `accessModeSettings` required) and their scoped
resources (Log Analytics workspaces and Application Insights components that exist);
private-link target (group `azuremonitor`)."""

from __future__ import annotations

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.references import same_id
from tools.arm_emulator.type_names import (
    APPLICATION_INSIGHTS,
    LOG_ANALYTICS_WORKSPACE,
    PRIVATE_LINK_SCOPE,
    SCOPED_RESOURCE,
)
from tools.arm_emulator.type_registry import LOCATION_DELETE, NETWORK_PUT, ResourceType

_MODELS = "azure.mgmt.monitor.v2021_07_01_preview.models"
_LINKABLE = (LOG_ANALYTICS_WORKSPACE.lower(), APPLICATION_INSIGHTS.lower())


class ScopedResourceHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        linked = str(ctx.properties.get("linkedResourceId", ""))
        record = ctx.world.store.get(linked)
        if record is None or record.rtype.key not in _LINKABLE:
            raise ArmError(
                400,
                "InvalidLinkedResourceId",
                f"The linked resource '{linked}' does not exist or is not a Log Analytics "
                "workspace or an Application Insights component.",
                target="properties.linkedResourceId",
            )
        assert ctx.parent is not None
        for sibling in ctx.world.store.children(ctx.parent.id, SCOPED_RESOURCE):
            if sibling.key != ctx.resource_id.lower() and same_id(
                str(sibling.properties.get("linkedResourceId")), linked
            ):
                raise ArmError(
                    409,
                    "Conflict",
                    f"The resource '{linked}' is already in this scope as '{sibling.name}'.",
                )
        if ctx.existing is not None and not same_id(
            str(ctx.existing.properties.get("linkedResourceId")), linked
        ):
            raise ArmError(
                400,
                "BadRequest",
                "linkedResourceId cannot change; delete the scoped resource and create another.",
                target="properties.linkedResourceId",
            )


def _scope_type() -> ResourceType:
    return ResourceType(
        name=PRIVATE_LINK_SCOPE,
        api_versions=(pinned(PRIVATE_LINK_SCOPE),),
        model=f"{_MODELS}:AzureMonitorPrivateLinkScope",
        patch_model=f"{_MODELS}:TagsResource",
        location="global",
        etag=None,
    )


_SCOPE = _scope_type()

TYPES = [
    TypeEntry(_SCOPE, private_link.PrivateLinkTargetHooks()),
    TypeEntry(
        ResourceType(
            name=SCOPED_RESOURCE,
            api_versions=(pinned(SCOPED_RESOURCE),),
            model=f"{_MODELS}:ScopedResource",
            parent=PRIVATE_LINK_SCOPE,
            put_lro=NETWORK_PUT,
            delete_lro=LOCATION_DELETE,
            realistic_seconds=5,  # typical observed
            location="none",
            etag=None,
            list_in_subscription=False,
        ),
        ScopedResourceHooks(),
    ),
    private_link.connection_entry(_SCOPE, f"{_MODELS}:PrivateEndpointConnection"),
]
