"""Virtual machines: NIC references, OS profile rules (Linux and Windows), identity, secrets never
returned."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import (
    Action,
    ActionResult,
    TypeEntry,
    TypeHooks,
    World,
    WriteContext,
    stable_guid,
)
from tools.arm_emulator.providers.privatedns.auto_registration import sync_auto_registration
from tools.arm_emulator.references import ref_id, require_reference, same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import NETWORK_INTERFACE, VIRTUAL_MACHINE
from tools.arm_emulator.type_registry import NETWORK_DELETE, NETWORK_PUT, ResourceType

_MODELS = "azure.mgmt.compute.models"
_IMMUTABLE_OS_PROFILE = ("computerName", "adminUsername")
_SECRETS = ("adminPassword", "customData")
_WINDOWS_COMPUTER_NAME_MAX = 15
_WINDOWS_PASSWORD_LENGTH = (12, 123)
_POWER_STATES = {"running": "VM running", "stopped": "VM stopped", "deallocated": "VM deallocated"}


def _power_action(target: str, *, from_running: bool = False) -> Action:
    """powerOff / start / deallocate / restart: 202 and an operation; the new power state shows
    in `$expand=instanceView`."""

    def act(world: World, record: Record, body: dict[str, Any]) -> ActionResult:
        if from_running and record.extra.get("power", "running") != "running":
            raise ArmError(
                409,
                "OperationNotAllowed",
                f"Operation 'restart' is not allowed on VM '{record.name}' since the VM is "
                f"{record.extra['power']}.",
            )
        record.extra["power"] = target
        return ActionResult(202, long_running=True)

    return act


def _invalid(target: str, message: str) -> ArmError:
    return ArmError(400, "InvalidParameter", message, target=target)


class VirtualMachineHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        network = ctx.properties.get("networkProfile") or {}
        references = network.get("networkInterfaces") or []
        if not references and not network.get("networkInterfaceConfigurations"):
            raise _invalid(
                "networkProfile",
                "At least one network interface is required for a virtual machine.",
            )
        for reference in references:
            nic = require_reference(ctx.world, reference, NETWORK_INTERFACE, ctx.resource_id)
            assert nic is not None
            for vm in ctx.world.store.of_type(VIRTUAL_MACHINE):
                if same_id(vm.id, ctx.resource_id):
                    continue
                attached = (vm.properties.get("networkProfile") or {}).get(
                    "networkInterfaces"
                ) or []
                if any(same_id(ref_id(r), nic.id) for r in attached):
                    raise ArmError(
                        409,
                        "NicInUse",
                        f"Network interface {nic.id} is already attached to virtual machine "
                        f"{vm.id}.",
                    )
        self._check_os_profile(ctx)

    def _check_os_profile(self, ctx: WriteContext) -> None:
        profile = ctx.properties.get("osProfile")
        previous = (ctx.existing.properties.get("osProfile") or {}) if ctx.existing else None
        if previous is not None:
            for member in _IMMUTABLE_OS_PROFILE:
                if (
                    profile
                    and member in profile
                    and previous.get(member) not in (None, profile[member])
                ):
                    raise ArmError(
                        409,
                        "PropertyChangeNotAllowed",
                        f"Changing property 'osProfile.{member}' is not allowed.",
                    )
            return
        os_disk = ((ctx.properties.get("storageProfile") or {}).get("osDisk")) or {}
        if str(os_disk.get("createOption", "")).lower() == "attach":
            return
        if not profile:
            raise _invalid("osProfile", "Required parameter 'osProfile' is missing (null).")
        if not profile.get("adminUsername"):
            raise _invalid("adminUsername", "Required parameter 'adminUsername' is missing (null).")
        linux = profile.get("linuxConfiguration")
        if profile.get("windowsConfiguration") is not None:
            self._check_windows_profile(ctx, profile, linux)
            return
        if linux is not None and linux.get("disablePasswordAuthentication"):
            if not ((linux.get("ssh") or {}).get("publicKeys")):
                raise _invalid(
                    "linuxConfiguration.ssh.publicKeys",
                    "Authentication using either SSH or by user name and password must be enabled "
                    "in Linux profile.",
                )
            if profile.get("adminPassword"):
                raise _invalid(
                    "adminPassword",
                    "Password authentication is disabled; adminPassword must not be given.",
                )
        elif not profile.get("adminPassword"):
            raise _invalid("adminPassword", "Required parameter 'adminPassword' is missing (null).")

    @staticmethod
    def _check_windows_profile(
        ctx: WriteContext, profile: dict[str, Any], linux: dict[str, Any] | None
    ) -> None:
        if linux is not None:
            raise _invalid(
                "osProfile",
                "Only one of linuxConfiguration and windowsConfiguration may be given.",
            )
        computer_name = str(profile.get("computerName") or ctx.name)
        if len(computer_name) > _WINDOWS_COMPUTER_NAME_MAX:
            raise _invalid(
                "osProfile.computerName",
                f"Windows computer name '{computer_name}' cannot be more than "
                f"{_WINDOWS_COMPUTER_NAME_MAX} characters long.",
            )
        password = str(profile.get("adminPassword") or "")
        if not _WINDOWS_PASSWORD_LENGTH[0] <= len(password) <= _WINDOWS_PASSWORD_LENGTH[1]:
            raise _invalid(
                "adminPassword",
                "The supplied password must be between 12-123 characters long.",
            )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.body if ctx.existing else {}
        previous_properties = previous.get("properties") or {}
        ctx.keep_guid("vmId")
        ctx.properties["timeCreated"] = previous_properties.get("timeCreated") or (
            datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")
        )
        profile = ctx.properties.get("osProfile")
        previous_profile = previous_properties.get("osProfile") or {}
        if profile is not None:
            profile.setdefault("computerName", previous_profile.get("computerName") or ctx.name)
            for secret in _SECRETS:
                if secret not in profile and secret in previous_profile:
                    profile[secret] = previous_profile[secret]
        elif previous_profile:
            ctx.properties["osProfile"] = previous_profile
        os_disk = ctx.properties.setdefault("storageProfile", {}).setdefault("osDisk", {})
        os_disk.setdefault(
            "name", f"{ctx.name}_OsDisk_1_{uuid.UUID(stable_guid(ctx.resource_id, 'osDisk')).hex}"
        )
        os_disk.setdefault("createOption", "FromImage")
        self._derive_identity(ctx, previous.get("identity") or {})

    def _derive_identity(self, ctx: WriteContext, previous: dict[str, Any]) -> None:
        identity = ctx.body.get("identity")
        if not identity:
            return
        kind = str(identity.get("type", "None"))
        if "systemassigned" in kind.lower().replace(" ", "").replace(",", ""):
            identity["principalId"] = previous.get("principalId") or stable_guid(
                ctx.resource_id, "principalId"
            )
            identity["tenantId"] = ctx.world.tenant
        for user_identity in (identity.get("userAssignedIdentities") or {}).values():
            if isinstance(user_identity, dict):
                user_identity.setdefault(
                    "principalId", stable_guid(ctx.resource_id, "userPrincipalId")
                )
                user_identity.setdefault("clientId", stable_guid(ctx.resource_id, "userClientId"))

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        profile = document["properties"].get("osProfile")
        if isinstance(profile, dict):
            for secret in _SECRETS:
                profile.pop(secret, None)

    def after_change(self, world: World) -> None:
        sync_auto_registration(world)

    def actions(self) -> dict[str, Action]:
        return {
            "poweroff": _power_action("stopped"),
            "start": _power_action("running"),
            "deallocate": _power_action("deallocated"),
            "restart": _power_action("running", from_running=True),
        }

    def render_expanded(
        self, world: World, record: Record, expand: str, document: dict[str, Any]
    ) -> None:
        if expand.lower() != "instanceview":
            return
        power = record.extra.get("power", "running")
        document["properties"]["instanceView"] = {
            "computerName": (record.properties.get("osProfile") or {}).get("computerName"),
            "statuses": [
                {
                    "code": f"ProvisioningState/{record.state.lower()}",
                    "level": "Info",
                    "displayStatus": f"Provisioning {record.state.lower()}",
                },
                {
                    "code": f"PowerState/{power}",
                    "level": "Info",
                    "displayStatus": _POWER_STATES[power],
                },
            ],
        }


TYPES = [
    TypeEntry(
        ResourceType(
            name=VIRTUAL_MACHINE,
            api_versions=(pinned(VIRTUAL_MACHINE),),
            model=f"{_MODELS}:VirtualMachine",
            patch_model=f"{_MODELS}:VirtualMachineUpdate",
            put_lro=NETWORK_PUT,
            delete_lro=NETWORK_DELETE,
            realistic_seconds=60,
            etag="plain",
        ),
        VirtualMachineHooks(),
    )
]
