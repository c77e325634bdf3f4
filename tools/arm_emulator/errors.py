"""ARM-style error responses raised anywhere in request handling."""

from __future__ import annotations

from typing import Any


class ArmError(Exception):
    """An error rendered as ARM's `{"error": {"code", "message", ...}}` envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        target: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.target = target
        self.details = details or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.target:
            error["target"] = self.target
        if self.details:
            error["details"] = self.details
        return {"error": error}


def invalid_reference(referenced_id: str, referencing_id: str) -> ArmError:
    return ArmError(
        400,
        "InvalidResourceReference",
        f"Resource {referenced_id} referenced by resource {referencing_id} was not found. "
        "Please make sure that the referenced resource exists, and that both resources are in the "
        "same region.",
    )
