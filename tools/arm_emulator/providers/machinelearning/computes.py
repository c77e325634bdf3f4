"""Workspace computes (compute instances, clusters, attached AKS): 201 + Azure-AsyncOperation, a
subnet that exists in the compute's region, no public IP only with a subnet and once a private
endpoint of the workspace is approved, the instance in the workspace's region; the subnet id comes
back in the service's own (lower-case) spelling; PUT does not update (PATCH changes a cluster's
scale settings); DELETE needs `underlyingResourceAction`."""

from __future__ import annotations

import datetime
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, WriteContext
from tools.arm_emulator.parts import managed_identity, private_link
from tools.arm_emulator.providers.machinelearning.workspaces import MODELS
from tools.arm_emulator.references import ref_id
from tools.arm_emulator.store import parent_id_of
from tools.arm_emulator.type_names import ML_COMPUTE, ML_WORKSPACE, SUBNET
from tools.arm_emulator.type_registry import NETWORK_DELETE, NETWORK_PUT, ResourceType

_ACTIONS = ("delete", "detach")


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")


def _bad_request(message: str, target: str) -> ArmError:
    return ArmError(400, "BadRequest", message, target=target)


def _settings(properties: dict[str, Any]) -> dict[str, Any]:
    return properties.get("properties") or {}


def _contained(sent: Any, stored: Any) -> bool:
    """Whether what a PUT sends is already what the compute has (the service's own members
    aside): a PUT that would change anything is refused."""
    if isinstance(sent, dict):
        return isinstance(stored, dict) and all(
            k in stored and _contained(v, stored[k]) for k, v in sent.items()
        )
    if isinstance(sent, str) and sent.startswith("/subscriptions/") and isinstance(stored, str):
        return sent.lower() == stored.lower()
    return bool(sent == stored)


class ComputeHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        properties = ctx.properties
        kind = str(properties.get("computeType", ""))
        workspace_location = str(ctx.parent.body.get("location", ""))
        location = str(properties.get("computeLocation") or workspace_location).replace(" ", "")
        settings = _settings(properties)
        subnet_id = ref_id(settings.get("subnet"))
        if subnet_id:
            subnet = ctx.world.store.get(subnet_id)
            if subnet is None or subnet.rtype.key != SUBNET.lower():
                raise _bad_request(
                    f"The subnet '{subnet_id}' of compute '{ctx.name}' was not found.",
                    "properties.properties.subnet.id",
                )
            network = ctx.world.store.get(parent_id_of(subnet.id) or "")
            if network is not None and network.body.get("location") != location.lower():
                raise _bad_request(
                    f"The subnet's virtual network is in '{network.body.get('location')}', the "
                    f"compute in '{location}'; they must be in the same region.",
                    "properties.properties.subnet.id",
                )
        if settings.get("enableNodePublicIp") is False and not subnet_id:
            raise _bad_request(
                "A compute without a public IP address needs a subnet.",
                "properties.properties.enableNodePublicIp",
            )
        if settings.get("enableNodePublicIp") is False and not private_link.has_approved_connection(
            ctx.world, ctx.parent
        ):
            raise _bad_request(
                f"Compute '{ctx.name}' has no public IP address, so it reaches the workspace "
                "only through an approved private endpoint of the workspace; the workspace "
                "has none.",
                "properties.properties.enableNodePublicIp",
            )
        if kind == "ComputeInstance":
            if location.lower() != workspace_location:
                raise _bad_request(
                    "A compute instance must be in the workspace's region.",
                    "properties.computeLocation",
                )
            if not settings.get("vmSize"):
                raise _bad_request("vmSize is required.", "properties.properties.vmSize")
        if ctx.existing is not None and not ctx.is_patch:
            if not _contained(properties, ctx.existing.properties):
                raise ArmError(
                    409,
                    "Conflict",
                    f"Compute '{ctx.name}' already exists with other properties; a compute is "
                    "not updated by PUT. Delete and create it again (a cluster's scale settings "
                    "change with PATCH).",
                )

    def derive(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        managed_identity.derive_identity(ctx)
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        properties.setdefault("computeLocation", ctx.parent.body.get("location"))
        properties["createdOn"] = previous.get("createdOn") or _now()
        properties["modifiedOn"] = _now()
        properties["isAttachedCompute"] = bool(properties.get("resourceId"))
        settings = properties.setdefault("properties", {})
        subnet = settings.get("subnet")
        if isinstance(subnet, dict) and subnet.get("id"):
            # The service keeps its own spelling of the subnet id, not the client's.
            settings["subnet"] = dict(subnet, id=str(subnet["id"]).lower())
        if properties.get("computeType") == "ComputeInstance":
            settings["state"] = "Running"
            ssh = settings.setdefault("sshSettings", {"sshPublicAccess": "Disabled"})
            ssh["adminUserName"] = "azureuser"
            ssh["sshPort"] = 50000 if ssh.get("sshPublicAccess") == "Enabled" else 22
        elif properties.get("computeType") == "AmlCompute":
            settings.setdefault("enableNodePublicIp", True)
            scale = settings.get("scaleSettings") or {}
            settings["allocationState"] = "Steady"
            settings["currentNodeCount"] = 0
            settings["targetNodeCount"] = int(scale.get("minNodeCount", 0))

    def check_delete(self, query: dict[str, str]) -> None:
        if query.get("underlyingresourceaction", "").lower() not in _ACTIONS:
            raise ArmError(
                400,
                "BadRequest",
                "The query parameter 'underlyingResourceAction' (Delete or Detach) is required.",
                target="underlyingResourceAction",
            )


TYPES = [
    TypeEntry(
        ResourceType(
            name=ML_COMPUTE,
            api_versions=(pinned(ML_COMPUTE),),
            model=f"{MODELS}:ComputeResource",
            patch_model=f"{MODELS}:ClusterUpdateParameters",
            parent=ML_WORKSPACE,
            put_lro=NETWORK_PUT,
            delete_lro=NETWORK_DELETE,
            # typical observed: a cluster about 2 minutes (an instance takes longer, ~5 min)
            realistic_seconds=120,
            etag=None,
            list_in_subscription=False,
        ),
        ComputeHooks(),
    )
]
