"""Microsoft.Resources: resource groups (generic ARM behaviour only)."""

from __future__ import annotations

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.hooks_base import TypeEntry
from tools.arm_emulator.type_names import RESOURCE_GROUP
from tools.arm_emulator.type_registry import LOCATION_DELETE, ResourceType

_MODELS = "azure.mgmt.resource.resources.models"

TYPES = [
    TypeEntry(
        ResourceType(
            name=RESOURCE_GROUP,
            api_versions=(pinned(RESOURCE_GROUP),),
            model=f"{_MODELS}:ResourceGroup",
            patch_model=f"{_MODELS}:ResourceGroupPatchable",
            delete_lro=LOCATION_DELETE,
            realistic_seconds=15,
            etag=None,
            list_in_subscription=False,
        )
    )
]
