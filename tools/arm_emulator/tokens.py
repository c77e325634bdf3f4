"""HS256 JWT bearer tokens: issued by the token endpoint, verified on every ARM request."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any

ARM_AUDIENCES = (
    "https://management.core.windows.net/",
    "https://management.azure.com/",
)
TOKEN_LIFETIME_SECONDS = 3599


class TokenError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def normalize_audience(resource: str, audiences: tuple[str, ...] = ARM_AUDIENCES) -> str | None:
    """Map a scope or resource (with or without '/.default', trailing slash) to one of
    AUDIENCES (ARM's unless told)."""
    base = resource.removesuffix(".default").rstrip("/").lower()
    for audience in audiences:
        if audience.rstrip("/").lower() == base:
            return audience
    return None


class TokenSigner:
    def __init__(self, key: bytes, issuer: str, tenant: str) -> None:
        self._key = key
        self.issuer = issuer
        self.tenant = tenant

    def _sign(self, signing_input: bytes) -> str:
        return _b64(hmac.new(self._key, signing_input, hashlib.sha256).digest())

    def issue(self, audience: str, client_id: str, object_id: str) -> str:
        now = int(time.time())
        header = {"typ": "JWT", "alg": "HS256"}
        claims: dict[str, Any] = {
            "aud": audience,
            "iss": self.issuer,
            "iat": now,
            "nbf": now,
            "exp": now + TOKEN_LIFETIME_SECONDS,
            "appid": client_id,
            "oid": object_id,
            "sub": object_id,
            "tid": self.tenant,
            "idtyp": "app",
            "uti": uuid.uuid4().hex,
            "ver": "1.0",
        }
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        return f"{signing_input}.{self._sign(signing_input.encode())}"

    def verify(self, token: str, audiences: tuple[str, ...] = ARM_AUDIENCES) -> dict[str, Any]:
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError("InvalidAuthenticationToken", "The access token is invalid.")
        signing_input = f"{parts[0]}.{parts[1]}".encode()
        if not hmac.compare_digest(self._sign(signing_input), parts[2]):
            raise TokenError(
                "InvalidAuthenticationToken", "The access token has an invalid signature."
            )
        try:
            claims: dict[str, Any] = json.loads(_unb64(parts[1]))
        except ValueError as exc:
            raise TokenError("InvalidAuthenticationToken", "The access token is invalid.") from exc
        if claims.get("exp", 0) <= time.time():
            raise TokenError(
                "ExpiredAuthenticationToken",
                "The access token expiry UTC time is earlier than current UTC time.",
            )
        if claims.get("aud") not in audiences or claims.get("tid") != self.tenant:
            raise TokenError(
                "InvalidAuthenticationTokenAudience",
                "The access token has been obtained for wrong audience or resource.",
            )
        return claims
