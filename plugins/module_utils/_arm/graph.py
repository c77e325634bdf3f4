# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small Microsoft Graph v1.0 client on azure-core's pipeline, with the modules' credential.

Graph's habits are handled here once: paging (@odata.nextLink), throttling (429 with
Retry-After, through the same bounded retry policy as ARM) and eventual consistency (an
object created a moment ago may answer 404 for a while, so calls that name one retry a
404 until a deadline).
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import quote, urlencode, urlparse

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import (
    SUCCESS_STATUSES,
    RetrySettings,
    pipeline_policies,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    from_response,
    parse_error_body,
    redact,
)

try:
    from azure.core import PipelineClient
    from azure.core.exceptions import AzureError, ClientAuthenticationError
    from azure.core.pipeline.policies import BearerTokenCredentialPolicy
    from azure.core.rest import HttpRequest
except ImportError:  # reported by ArmModule, which checks the same libraries
    pass

GRAPH_VERSION = "v1.0"
# How long an object just created may stay invisible before a 404 is believed.
CONSISTENCY_SECONDS = 60.0
CONSISTENCY_FIRST_DELAY = 0.5
CONSISTENCY_MAX_DELAY = 8.0


def odata_string(value: str) -> str:
    """VALUE as an OData string literal ('' doubles a quote)."""
    return "'" + value.replace("'", "''") + "'"


class GraphClient:
    """Thin Graph calls by path under /v1.0; every failure is an ArmError."""

    def __init__(
        self,
        endpoint: str,
        credential: Any,
        scope: str,
        retry: RetrySettings | None = None,
        transport: Any = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        consistency_seconds: float = CONSISTENCY_SECONDS,
        identity: str = "",
        secrets: Sequence[str | None] = (),
    ) -> None:
        if urlparse(endpoint).scheme.lower() != "https":
            raise ArmError(
                f"cloud_environment: the Microsoft Graph endpoint must be an https URL, "
                f"got {endpoint!r}",
                code="InvalidOption",
                option="cloud_environment",
            )
        self.endpoint = endpoint.rstrip("/")
        retry = retry or RetrySettings()
        self.retry = retry
        self._clock = clock
        self._sleep = sleep
        self._consistency_seconds = consistency_seconds
        self._identity = identity
        self._secrets = list(secrets)
        self._pipeline_client = PipelineClient(
            base_url=self.endpoint,
            policies=pipeline_policies(retry, BearerTokenCredentialPolicy(credential, scope)),
            transport=transport,
        )

    def url(self, path: str, query: Mapping[str, str] | None = None) -> str:
        text = f"{self.endpoint}/{GRAPH_VERSION}/{path.strip('/')}"
        return f"{text}?{urlencode(query, quote_via=quote)}" if query else text

    # ---- calls ----------------------------------------------------------------------------

    def get(self, path: str, query: Mapping[str, str] | None = None) -> dict | None:
        """The object, or None when Graph says it does not exist."""
        status, body = self._call("GET", self.url(path, query))
        return None if status == 404 else body or {}

    def get_created(self, path: str, query: Mapping[str, str] | None = None) -> dict:
        """An object known to exist (just created): a 404 is retried until the deadline."""
        return self._consistent("GET", self.url(path, query)) or {}

    def list(self, path: str, query: Mapping[str, str] | None = None) -> list:
        """Every item of a collection, following @odata.nextLink."""
        items: list = []
        next_url: str | None = self.url(path, query)
        while next_url:
            page = self._call("GET", next_url, missing_ok=False)[1] or {}
            items.extend(page.get("value") or [])
            next_url = _checked_next_link(page.get("@odata.nextLink"))
        return items

    def post(self, path: str, body: dict, names_new_object: bool = False) -> dict:
        """Create (or add a reference); NAMES_NEW_OBJECT retries a 404 for a just-made object."""
        url = self.url(path)
        if names_new_object:
            return self._consistent("POST", url, body) or {}
        return self._call("POST", url, body, missing_ok=False)[1] or {}

    def patch(self, path: str, body: dict) -> None:
        self._consistent("PATCH", self.url(path), body)

    def delete(self, path: str) -> bool:
        """True when something was deleted; a 404 means it was not there."""
        return self._call("DELETE", self.url(path))[0] != 404

    # ---- plumbing -------------------------------------------------------------------------

    def _consistent(self, method: str, url: str, body: dict | None = None) -> dict | None:
        deadline = self._clock() + self._consistency_seconds
        delay = CONSISTENCY_FIRST_DELAY
        while True:
            status, answer = self._call(method, url, body, missing_ok=True, raw_error=True)
            if status != 404:
                return answer
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise answer["error"]
            self._sleep(min(delay, remaining))
            delay = min(delay * 2, CONSISTENCY_MAX_DELAY)

    def _call(
        self,
        method: str,
        url: str,
        body: dict | None = None,
        missing_ok: bool = True,
        raw_error: bool = False,
    ) -> tuple:
        request = (
            HttpRequest(method, url, json=body) if body is not None else HttpRequest(method, url)
        )
        try:
            response = self._pipeline_client.send_request(
                request,
                connection_timeout=self.retry.connection_timeout,
                read_timeout=self.retry.read_timeout,
            )
        except ClientAuthenticationError as err:
            reason = " ".join(self._clean(getattr(err, "message", None) or err).split())
            raise ArmError(
                f"authentication failed for {self._identity or 'the configured credential'}: "
                f"{reason[:600]}",
                code="AuthenticationFailed",
            ) from None
        except AzureError as err:
            raise ArmError(
                f"{method} {_without_query(url)} failed: {self._clean(err)}",
                code=err.__class__.__name__,
            ) from None
        status = response.status_code
        if status in SUCCESS_STATUSES:
            text = response.text()
            return status, (_json(text) if text else None)
        error = self._error(method, url, response)
        if status == 404 and raw_error:
            return status, {"error": error}
        if status == 404 and missing_ok:
            return status, None
        raise error

    def _error(self, method: str, url: str, response: Any) -> ArmError:
        text = response.text()
        error = from_response(response.status_code, response.headers, text)
        inner = parse_error_body(text).get("innerError") or {}
        error.request_id = (
            error.request_id or inner.get("request-id") or (response.headers.get("request-id"))
        )
        error.message = f"{method} {_without_query(url)}: {self._clean(error.message)}"
        return error

    def _clean(self, value: Any) -> str:
        return redact(str(value), self._secrets)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise ArmError(
            f"Microsoft Graph answered with a body that is not JSON: {text[:200]}",
            code="InvalidResponse",
        ) from None


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


def _checked_next_link(next_link: str | None) -> str | None:
    if not next_link:
        return None
    if urlparse(next_link).scheme.lower() != "https":
        raise ArmError(
            f"Microsoft Graph returned an @odata.nextLink that is not an https URL: {next_link}",
            code="InvalidNextLink",
        )
    return next_link
