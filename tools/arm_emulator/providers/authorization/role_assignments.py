"""Role assignments at any scope (subscription, group, resource): GUID names, built-in roles
only, principals that exist, one assignment per (scope, role, principal), no updates."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.parts.managed_identity import principal_ids
from tools.arm_emulator.principal import PRINCIPAL_OBJECT_ID
from tools.arm_emulator.providers.authorization.role_definitions import role_name
from tools.arm_emulator.references import same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import ROLE_ASSIGNMENT, USER_ASSIGNED_IDENTITY
from tools.arm_emulator.type_registry import ResourceType

_MODELS = "azure.mgmt.authorization.v2022_04_01.models"
_AT_SCOPE = re.compile(r"^\s*atScope\(\)\s*$", re.IGNORECASE)
_PRINCIPAL = re.compile(r"^\s*principalId\s+eq\s+'([^']*)'\s*$", re.IGNORECASE)
_IDENTITY_MEMBERS = ("roleDefinitionId", "principalId", "condition", "conditionVersion")
# Principals outside the emulator's resources (users, groups) live in a directory it does not
# model; assignments to them are taken as given.
_DIRECTORY_TYPES = ("user", "group", "foreigngroup", "device")


def known_principals(world: World) -> set[str]:
    """Principals that exist: the emulator's own and every managed identity."""
    found = {PRINCIPAL_OBJECT_ID}
    for record in world.store:
        if record.rtype.name == USER_ASSIGNED_IDENTITY:
            found.add(str(record.properties.get("principalId", "")))
        found.update(principal_ids(record.body))
    return {p.lower() for p in found if p}


def scope_of(assignment_id: str) -> str:
    return assignment_id.rsplit(f"/providers/{ROLE_ASSIGNMENT}/", 1)[0]


def assignments_of(world: World, principal_id: str) -> list[Record]:
    return [
        r
        for r in world.store.of_type(ROLE_ASSIGNMENT)
        if same_id(str(r.properties.get("principalId")), principal_id)
    ]


def holds_role(world: World, principal_id: str, role: str, resource_id: str) -> bool:
    """Whether the principal has the built-in `role` at the resource or a scope above it."""
    target = resource_id.lower().rstrip("/")
    for record in assignments_of(world, principal_id):
        scope = scope_of(record.id).lower()
        covers = target == scope or target.startswith(scope + "/")
        if covers and role_name(str(record.properties.get("roleDefinitionId"))) == role:
            return True
    return False


def _covers(outer: str, inner: str) -> bool:
    outer, inner = outer.lower().rstrip("/"), inner.lower().rstrip("/")
    return inner == outer or inner.startswith(outer + "/")


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")


class RoleAssignmentHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        try:
            uuid.UUID(ctx.name)
        except ValueError:
            raise ArmError(
                400,
                "InvalidRoleAssignmentId",
                f"The role assignment ID '{ctx.name}' is not valid. The role assignment ID must "
                "be a GUID.",
            ) from None
        properties = ctx.properties
        definition = str(properties.get("roleDefinitionId", ""))
        if role_name(definition) is None:
            raise ArmError(
                400,
                "RoleDefinitionDoesNotExist",
                f"The specified role definition with ID '{definition.rsplit('/', 1)[-1]}' does "
                "not exist.",
            )
        principal = str(properties.get("principalId", ""))
        principal_type = str(properties.get("principalType", "")).lower()
        if principal_type not in _DIRECTORY_TYPES and principal.lower() not in known_principals(
            ctx.world
        ):
            raise ArmError(
                400,
                "PrincipalNotFound",
                f"Principal {principal.replace('-', '')} does not exist in the directory "
                f"{ctx.world.tenant}. Check that you have the correct principal ID. If you are "
                "creating this principal and then immediately assigning a role, this error "
                "might be related to a replication delay; set principalType to avoid it.",
            )
        if ctx.existing is not None:
            before = ctx.existing.properties
            for member in _IDENTITY_MEMBERS:
                old, new = before.get(member), properties.get(member)
                if member == "roleDefinitionId":
                    old, new = role_name(str(old)), role_name(str(new))
                if str(old or "").lower() != str(new or "").lower():
                    raise ArmError(
                        400,
                        "RoleAssignmentUpdateNotPermitted",
                        "Tenant ID, application ID, principal ID, and scope are not allowed to "
                        "be updated.",
                    )
            return
        scope = scope_of(ctx.resource_id).lower()
        for record in assignments_of(ctx.world, principal):
            same_role = role_name(str(record.properties.get("roleDefinitionId"))) == role_name(
                definition
            )
            if same_role and scope_of(record.id).lower() == scope:
                raise ArmError(
                    409,
                    "RoleAssignmentExists",
                    f"The role assignment already exists. The ID of the existing role assignment "
                    f"is {record.name.replace('-', '')}.",
                )

    def derive(self, ctx: WriteContext) -> None:
        previous = ctx.existing.properties if ctx.existing else {}
        properties = ctx.properties
        properties["scope"] = scope_of(ctx.resource_id)
        properties["createdOn"] = previous.get("createdOn") or _now()
        properties["updatedOn"] = _now()
        properties["createdBy"] = previous.get("createdBy") or PRINCIPAL_OBJECT_ID
        properties["updatedBy"] = PRINCIPAL_OBJECT_ID
        properties.setdefault("principalType", previous.get("principalType", "ServicePrincipal"))

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        document["properties"].pop("provisioningState", None)

    def list_at_scope(
        self, world: World, scope_id: str, query: dict[str, str]
    ) -> list[Record] | None:
        """ARM's list at a scope: assignments at, above and below it; `$filter=atScope()` keeps
        those at and above, `principalId eq '<id>'` those of one principal."""
        wanted = query.get("$filter", "")
        at_scope = bool(_AT_SCOPE.match(wanted))
        principal = _PRINCIPAL.match(wanted)
        if wanted and not (at_scope or principal):
            raise ArmError(400, "UnsupportedQuery", f"The filter '{wanted}' is not supported.")
        found = []
        for record in world.store.of_type(ROLE_ASSIGNMENT):
            scope = scope_of(record.id)
            if not (_covers(scope, scope_id) or (not at_scope and _covers(scope_id, scope))):
                continue
            if principal and not same_id(str(record.properties.get("principalId")), principal[1]):
                continue
            found.append(record)
        return found


TYPES = [
    TypeEntry(
        ResourceType(
            name=ROLE_ASSIGNMENT,
            api_versions=(pinned(ROLE_ASSIGNMENT),),
            model=f"{_MODELS}:RoleAssignmentCreateParameters",
            location="none",
            etag=None,
            extension=True,
        ),
        RoleAssignmentHooks(),
    )
]
