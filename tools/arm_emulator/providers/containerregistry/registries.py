"""Container registries: global names (`<name>.azurecr.io`), the login server and other
service-set members, network rules only on Premium, private-link target."""

from __future__ import annotations

import datetime
import re

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, WriteContext
from tools.arm_emulator.parts import managed_identity, private_link
from tools.arm_emulator.providers.global_names import holder_of_name
from tools.arm_emulator.type_names import CONTAINER_REGISTRY
from tools.arm_emulator.type_registry import LOCATION_DELETE, NETWORK_PUT, ResourceType

_MODELS = "azure.mgmt.containerregistry.models"
_NAME = re.compile(r"^[a-zA-Z0-9]{5,50}$")


class RegistryHooks(private_link.PrivateLinkTargetHooks):
    def validate(self, ctx: WriteContext) -> None:
        if not _NAME.match(ctx.name):
            raise ArmError(
                400,
                "InvalidResourceName",
                f"The registry name '{ctx.name}' is invalid: 5-50 letters and digits.",
            )
        if holder_of_name(ctx) is not None:
            raise ArmError(
                409,
                "AlreadyInUse",
                f"The registry DNS name {ctx.name.lower()}.azurecr.io is already in use.",
            )
        sku = str((ctx.body.get("sku") or {}).get("name", ""))
        if sku != "Premium" and ctx.properties.get("networkRuleSet"):
            raise ArmError(
                400,
                "NetworkRuleSetNotSupported",
                "Network rules are only supported on the Premium SKU.",
                target="properties.networkRuleSet",
            )

    def derive(self, ctx: WriteContext) -> None:
        managed_identity.derive_identity(ctx)
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        name = ctx.name.lower()
        properties["loginServer"] = f"{name}.azurecr.io"
        properties["creationDate"] = previous.get("creationDate") or (
            datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")
        )
        properties.setdefault("adminUserEnabled", False)
        properties.setdefault("publicNetworkAccess", "Enabled")
        properties.setdefault("networkRuleBypassOptions", "AzureServices")
        properties.setdefault("zoneRedundancy", "Disabled")
        properties.setdefault("anonymousPullEnabled", False)
        properties.setdefault("dataEndpointEnabled", False)
        properties["dataEndpointHostNames"] = (
            [f"{name}.{ctx.body['location']}.data.azurecr.io"]
            if properties["dataEndpointEnabled"]
            else []
        )
        sku = ctx.body.get("sku") or {}
        sku["tier"] = sku.get("name")


def _registry_type() -> ResourceType:
    return ResourceType(
        name=CONTAINER_REGISTRY,
        api_versions=(pinned(CONTAINER_REGISTRY),),
        model=f"{_MODELS}:Registry",
        patch_model=f"{_MODELS}:RegistryUpdateParameters",
        put_lro=NETWORK_PUT,
        delete_lro=LOCATION_DELETE,
        realistic_seconds=30,  # typical observed create time (Premium)
        etag=None,
    )


_REGISTRY = _registry_type()

TYPES = [
    TypeEntry(_REGISTRY, RegistryHooks()),
    private_link.connection_entry(_REGISTRY, f"{_MODELS}:PrivateEndpointConnection"),
]
