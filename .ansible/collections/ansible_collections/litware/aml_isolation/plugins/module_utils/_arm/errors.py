# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one exception type for every ARM failure, and its conversion from HTTP responses."""

from __future__ import annotations

import json
from typing import Any, Mapping

REQUEST_ID_HEADER = "x-ms-request-id"
CORRELATION_ID_HEADER = "x-ms-correlation-request-id"
INVALID_OPTION = "InvalidOption"


class ArmError(Exception):
    """A failed ARM call: HTTP status, ARM error code, message and the ids support asks for."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        correlation_id: str | None = None,
        details: list | None = None,
        option: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.correlation_id = correlation_id
        self.details = details or []
        self.option = option

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """One line saying what failed, with the code, status and ids when known."""
        parts = [self.message]
        if self.code and self.code != INVALID_OPTION:
            parts.append(f"code: {self.code}")
        if self.status is not None:
            parts.append(f"HTTP status: {self.status}")
        if self.request_id:
            parts.append(f"request id: {self.request_id}")
        if self.correlation_id:
            parts.append(f"correlation id: {self.correlation_id}")
        return "; ".join(parts)

    def to_fail_kwargs(self) -> dict:
        """Keyword arguments for AnsibleModule.fail_json."""
        fail_kwargs: dict = {"msg": self.summary()}
        error_fields = {
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "request_id": self.request_id,
            "correlation_id": self.correlation_id,
            "details": self.details or None,
            "option": self.option,
        }
        fail_kwargs["error"] = {
            key: value for key, value in error_fields.items() if value is not None
        }
        return fail_kwargs


def invalid_option(option: str, message: str) -> ArmError:
    """An input error found before any request was sent, naming the offending option."""
    return ArmError(f"{option}: {message}", code=INVALID_OPTION, option=option)


def parse_error_body(body_text: str) -> dict:
    """ARM's error object from a response body, or an empty dict when there is none.

    ARM wraps it in {"error": {...}}; some resource providers answer with the bare object,
    and a failed long-running operation returns {"status": "Failed", "error": {...}}.
    """
    try:
        body = json.loads(body_text) if body_text else None
    except ValueError:
        return {}
    if not isinstance(body, dict):
        return {}
    error = body.get("error")
    if isinstance(error, dict):
        return error
    if "code" in body and "message" in body:
        return body
    return {}


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def from_response(
    status: int,
    headers: Mapping[str, str],
    body_text: str,
    fallback_message: str | None = None,
) -> ArmError:
    """Build an ArmError from an HTTP response that ARM answered with an error."""
    error = parse_error_body(body_text)
    message = error.get("message") or fallback_message or _short_text(body_text) or f"HTTP {status}"
    return ArmError(
        message=str(message),
        status=status,
        code=error.get("code"),
        request_id=_header(headers, REQUEST_ID_HEADER),
        correlation_id=_header(headers, CORRELATION_ID_HEADER),
        details=_flatten_details(error.get("details")),
    )


def _flatten_details(details: Any) -> list:
    if not isinstance(details, list):
        return []
    return [
        {
            "code": detail.get("code"),
            "message": detail.get("message"),
            "target": detail.get("target"),
        }
        for detail in details
        if isinstance(detail, dict)
    ]


def _short_text(text: str, limit: int = 500) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit] + "..."


def redact(text: str, secrets: list[str | None]) -> str:
    """Remove every known secret from a text that is about to be shown to the user."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text
