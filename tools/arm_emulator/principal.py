"""The one service principal of an emulator run and the ids it lives under."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

# Fixed so state dumps and logs are comparable between runs; only the secret changes.
TENANT_ID = "72f988bf-0000-4000-8000-00000000e001"
CLIENT_ID = "a1b2c3d4-0000-4000-8000-00000000c11e"
SUBSCRIPTION_ID = "00000000-0000-4000-8000-000000005ab5"
PRINCIPAL_OBJECT_ID = "5e1f0b7a-0000-4000-8000-0000000000b1"


@dataclass(frozen=True)
class ServicePrincipal:
    tenant: str
    client_id: str
    secret: str
    subscription_id: str
    object_id: str

    @classmethod
    def generate(cls) -> ServicePrincipal:
        return cls(
            TENANT_ID, CLIENT_ID, secrets.token_urlsafe(32), SUBSCRIPTION_ID, PRINCIPAL_OBJECT_ID
        )
