"""A scripted azure-core transport and a fake credential: the real pipeline, no network."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from azure.core.pipeline.transport import HttpTransport
from azure.core.rest._http_response_impl import HttpResponseImpl
from azure.core.utils import CaseInsensitiveDict

ARM = "https://management.example.test"
SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
GROUP_ID = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg1"
VNET_ID = f"{GROUP_ID}/providers/Microsoft.Network/virtualNetworks/vnet1"


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class SentRequest:
    method: str
    url: str
    body: Any
    headers: dict[str, str]


class FakeTransport(HttpTransport):
    """Answers each request with the next scripted Reply (or a handler); sleep advances a clock."""

    def __init__(
        self, replies: list[Reply | Exception] | None = None, handler: Callable | None = None
    ):
        self.replies = list(replies or [])
        self.handler = handler
        self.sent: list[SentRequest] = []
        self.sleeps: list[float] = []
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def send(self, request: Any, **kwargs: Any) -> Any:
        body = json.loads(request.content) if request.content else None
        self.sent.append(SentRequest(request.method, request.url, body, dict(request.headers)))
        reply = self.handler(request) if self.handler else self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return self._response(request, reply)

    @staticmethod
    def _response(request: Any, reply: Reply) -> Any:
        content = b"" if reply.body is None else json.dumps(reply.body).encode()
        response = HttpResponseImpl(
            request=request,
            internal_response=None,
            status_code=reply.status,
            reason="",
            content_type="application/json",
            headers=CaseInsensitiveDict(reply.headers),
            stream_download_generator=None,
        )
        response._content = content
        return response

    def sleep(self, duration: float) -> None:
        self.sleeps.append(duration)
        self.now += duration

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> FakeTransport:
        return self

    def __exit__(self, *args: Any) -> None:
        pass

    def methods(self) -> list[str]:
        return [request.method for request in self.sent]


class FakeCredential:
    def __init__(self, error: str | None = None):
        self.error = error
        self.scopes: list[str] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.extend(scopes)
        if self.error:
            raise ClientAuthenticationError(message=self.error)
        return AccessToken("fake-token", 4102444800)


def make_client(transport: FakeTransport, credential: Any = None, **kwargs: Any) -> Any:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import (
        ArmClient,
        RetrySettings,
    )

    settings = kwargs.pop(
        "retry", RetrySettings(backoff_factor=0.5, backoff_max=4, retry_after_max=20)
    )
    return ArmClient(
        resource_manager=ARM,
        credential=credential or FakeCredential(),
        token_scope="https://management.core.windows.net/.default",
        subscription_id=SUBSCRIPTION,
        retry=settings,
        transport=transport,
        clock=transport.clock,
        **kwargs,
    )
