"""Graph's error body: {"error": {"code", "message", "innerError": {...}}}."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from tools.arm_emulator.http_types import Response


class GraphError(Exception):
    def __init__(
        self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []

    def response(self, client_request_id: str | None) -> Response:
        request_id = str(uuid.uuid4())
        inner = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            "request-id": request_id,
            "client-request-id": client_request_id or request_id,
        }
        error: dict[str, Any] = {"code": self.code, "message": self.message, "innerError": inner}
        if self.details:
            error["details"] = self.details
        return Response.json(self.status, {"error": error}, {"request-id": request_id})


def not_found(object_id: str) -> GraphError:
    return GraphError(
        404,
        "Request_ResourceNotFound",
        f"Resource '{object_id}' does not exist or one of its queried reference-property "
        "objects are not present.",
    )


def bad_request(message: str, details: list[dict[str, Any]] | None = None) -> GraphError:
    return GraphError(400, "Request_BadRequest", message, details)
