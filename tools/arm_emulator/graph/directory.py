"""The directory's objects: users, groups, applications and service principals by object id,
with the rules Graph enforces on them (unique UPN, password complexity, unique appId)."""

from __future__ import annotations

import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tools.arm_emulator.graph.errors import GraphError, bad_request, not_found

KINDS = {
    "users": "#microsoft.graph.user",
    "groups": "#microsoft.graph.group",
    "applications": "#microsoft.graph.application",
    "servicePrincipals": "#microsoft.graph.servicePrincipal",
}
# Properties a create request must carry, per kind (Graph answers 400 without them).
REQUIRED = {
    "users": (
        "accountEnabled",
        "displayName",
        "mailNickname",
        "userPrincipalName",
        "passwordProfile",
    ),
    "groups": ("displayName", "mailEnabled", "mailNickname", "securityEnabled"),
    "applications": ("displayName",),
    "servicePrincipals": ("appId",),
}
WRITABLE = {
    "users": {
        "accountEnabled",
        "displayName",
        "mailNickname",
        "userPrincipalName",
        "passwordProfile",
        "givenName",
        "surname",
        "usageLocation",
        "jobTitle",
        "department",
    },
    "groups": {"displayName", "mailEnabled", "mailNickname", "securityEnabled", "description"},
    "applications": {"displayName", "signInAudience", "description", "notes"},
    "servicePrincipals": {"appId", "accountEnabled", "notes", "tags"},
}
# Which relationship each kind has: (relationship name, kinds it may point at).
RELATIONSHIPS = {
    ("groups", "members"): ("users", "groups", "servicePrincipals"),
    ("groups", "owners"): ("users", "servicePrincipals"),
    ("applications", "owners"): ("users", "servicePrincipals"),
    ("servicePrincipals", "owners"): ("users", "servicePrincipals"),
}
PASSWORD_COMPLEXITY = (
    "The specified password does not comply with password complexity requirements. "
    "Please provide a different password."
)
_CATEGORIES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]")


def password_complies(password: str) -> bool:
    """Entra ID's rule: 8 to 256 characters, three of lower, upper, digit and symbol."""
    if not 8 <= len(password) <= 256:
        return False
    return sum(1 for pattern in _CATEGORIES if re.search(pattern, password)) >= 3


@dataclass
class DirectoryObject:
    kind: str
    body: dict[str, Any]
    created_at: float
    links: dict[str, list[str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.body["id"])


class Directory:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.objects: dict[str, DirectoryObject] = {}

    def clear(self) -> None:
        self.objects.clear()

    # ---- reads ----------------------------------------------------------------------------

    def visible(self, record: DirectoryObject, delay: float) -> bool:
        """Replication delay: a new object is not seen before DELAY seconds have passed."""
        return time.time() - record.created_at >= delay

    def find(self, kind: str, key: str, delay: float) -> DirectoryObject:
        """By object id, or a user by userPrincipalName."""
        lowered = key.lower()
        for record in self.objects.values():
            if record.kind != kind or not self.visible(record, delay):
                continue
            if record.id == lowered or (
                kind == "users" and record.body["userPrincipalName"].lower() == lowered
            ):
                return record
        raise not_found(key)

    def find_any(self, object_id: str, delay: float) -> DirectoryObject:
        record = self.objects.get(object_id.lower())
        if record is None or not self.visible(record, delay):
            raise not_found(object_id)
        return record

    def of_kind(self, kind: str, delay: float) -> list[DirectoryObject]:
        return [r for r in self.objects.values() if r.kind == kind and self.visible(r, delay)]

    # ---- writes ---------------------------------------------------------------------------

    def create(self, kind: str, body: dict[str, Any]) -> DirectoryObject:
        self._check_properties(kind, body, create=True)
        missing = [name for name in REQUIRED[kind] if body.get(name) in (None, "")]
        if missing:
            raise bad_request(
                f"Invalid value specified for property '{missing[0]}' of resource "
                f"'{kind.rstrip('s').capitalize()}'."
            )
        stored = {key: value for key, value in body.items() if key != "passwordProfile"}
        stored["id"] = str(uuid.uuid4())
        if kind == "users":
            self._check_user(body, None)
        if kind == "applications":
            stored["appId"] = str(uuid.uuid4())
            stored.setdefault("signInAudience", "AzureADMyOrg")
        if kind == "servicePrincipals":
            self._check_service_principal(stored)
        record = DirectoryObject(kind, stored, time.time())
        if kind == "users":
            record.links["password"] = [body["passwordProfile"]["password"]]
        self.objects[record.id] = record
        return record

    def update(self, record: DirectoryObject, body: dict[str, Any]) -> None:
        self._check_properties(record.kind, body, create=False)
        if record.kind == "users":
            self._check_user(body, record)
            if "passwordProfile" in body:
                record.links["password"] = [body["passwordProfile"]["password"]]
        record.body.update({k: v for k, v in body.items() if k != "passwordProfile"})

    def delete(self, record: DirectoryObject) -> None:
        if record.kind == "applications":
            for principal in [
                r
                for r in self.objects.values()
                if r.kind == "servicePrincipals" and r.body["appId"] == record.body["appId"]
            ]:
                self.delete(principal)
        del self.objects[record.id]
        for other in self.objects.values():
            for name, targets in other.links.items():
                if name != "password" and record.id in targets:
                    targets.remove(record.id)

    def link(self, record: DirectoryObject, relation: str, target: DirectoryObject) -> None:
        allowed = RELATIONSHIPS.get((record.kind, relation))
        if allowed is None or target.kind not in allowed:
            raise bad_request(f"A {target.kind} object cannot be added to '{relation}'.")
        targets = record.links.setdefault(relation, [])
        if target.id in targets:
            raise bad_request(
                "One or more added object references already exist for the following "
                f"modified properties: '{relation}'."
            )
        targets.append(target.id)

    def unlink(self, record: DirectoryObject, relation: str, target_id: str) -> None:
        targets = record.links.get(relation, [])
        if target_id.lower() not in targets:
            raise not_found(target_id)
        targets.remove(target_id.lower())

    # ---- rules ----------------------------------------------------------------------------

    @staticmethod
    def _check_properties(kind: str, body: dict[str, Any], create: bool) -> None:
        unknown = sorted(set(body) - WRITABLE[kind] - ({"@odata.type"} if create else set()))
        if unknown:
            raise bad_request(
                f"Property '{unknown[0]}' does not exist on type "
                f"'{KINDS[kind].removeprefix('#')}' or is read-only."
            )

    def _check_user(self, body: dict[str, Any], current: DirectoryObject | None) -> None:
        upn = body.get("userPrincipalName")
        if upn is not None:
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", str(upn)):
                raise bad_request(
                    "Invalid value specified for property 'userPrincipalName' of resource 'User'."
                )
            for record in self.objects.values():
                if (
                    record.kind == "users"
                    and record is not current
                    and record.body["userPrincipalName"].lower() == str(upn).lower()
                ):
                    raise bad_request(
                        "Another object with the same value for property userPrincipalName "
                        "already exists.",
                        [{"code": "ObjectConflict", "target": "userPrincipalName"}],
                    )
        profile = body.get("passwordProfile")
        if profile is not None:
            if not isinstance(profile, dict) or not isinstance(profile.get("password"), str):
                raise bad_request(
                    "Invalid value specified for property 'passwordProfile' of resource 'User'."
                )
            if not password_complies(profile["password"]):
                raise GraphError(
                    400,
                    "Request_BadRequest",
                    PASSWORD_COMPLEXITY,
                    [{"code": "InvalidValue", "target": "passwordProfile"}],
                )

    def _check_service_principal(self, body: dict[str, Any]) -> None:
        app_id = str(body.get("appId", "")).lower()
        if not any(
            r.kind == "applications" and r.body["appId"] == app_id for r in self.objects.values()
        ):
            raise bad_request(
                f"The appId '{app_id}' of the service principal does not reference a valid "
                "application object."
            )
        if any(
            r.kind == "servicePrincipals" and r.body["appId"] == app_id
            for r in self.objects.values()
        ):
            raise bad_request(
                "The service principal cannot be created, updated, or restored because the "
                "service principal name "
                f"{app_id} is already in use.",
                [{"code": "ObjectConflict", "target": "appId"}],
            )

    def dump(self) -> list[dict[str, Any]]:
        entries = []
        for record in self.objects.values():
            links = {k: list(v) for k, v in record.links.items() if k != "password"}
            entries.append({"kind": record.kind, **record.body, "links": links})
        return entries


def require_kind(kind: str) -> None:
    if kind not in KINDS:
        raise GraphError(400, "BadRequest", f"Resource not found for the segment '{kind}'.")
