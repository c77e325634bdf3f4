"""What every Microsoft.Network type shares: its SDK model package and its operation style."""

from __future__ import annotations

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.type_registry import NETWORK_DELETE, NETWORK_PUT, ResourceType

MODELS = "azure.mgmt.network.models"
TAGS_PATCH = f"{MODELS}:TagsObject"


def network_type(name: str, model: str, seconds: float, **extra: object) -> ResourceType:
    """A Microsoft.Network type: 201/200 + Azure-AsyncOperation PUT, 202 DELETE."""
    return ResourceType(
        name=name,
        api_versions=(pinned(name),),
        model=f"{MODELS}:{model}",
        put_lro=NETWORK_PUT,
        delete_lro=NETWORK_DELETE,
        realistic_seconds=seconds,
        **extra,  # type: ignore[arg-type]
    )


def child_type(name: str, model: str, seconds: float, parent: str, inline: str) -> ResourceType:
    """A child embedded in its parent's `properties.<inline>` (subnets, rules, routes)."""
    return network_type(
        name,
        model,
        seconds,
        parent=parent,
        location="none",
        inline_property=inline,
        list_in_subscription=False,
    )
