# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small ARM client on azure-mgmt-core's pipeline.

get/put/patch/delete/list, retries, and long-running operations polled up to a deadline.
"""

from __future__ import annotations

import base64
import json
import logging
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import urlencode, urlparse

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    from_response,
    redact,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (
    ReadLog,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (
    key as read_key,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    ResourceId,
    parse_resource_id,
)

try:
    from azure.core.exceptions import AzureError, ClientAuthenticationError, HttpResponseError
    from azure.core.pipeline.policies import (
        HeadersPolicy,
        RequestIdPolicy,
        RetryPolicy,
        UserAgentPolicy,
    )
    from azure.core.rest import HttpRequest
    from azure.mgmt.core import ARMPipelineClient
    from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy
    from azure.mgmt.core.polling.arm_polling import ARMPolling

    ARM_LIBRARIES_IMPORT_ERROR = None
except ImportError:
    ARM_LIBRARIES_IMPORT_ERROR = traceback.format_exc()
    RetryPolicy = ARMPolling = object

ARM_LIBRARIES = "azure-identity and azure-mgmt-core"
USER_AGENT_MONIKER = "litware-aml-isolation"
SUCCESS_STATUSES = (200, 201, 202, 204)
# A long-running operation that ends with one of these failed for a passing reason on the
# service side; re-sending an idempotent request (PUT, PATCH, DELETE) is what ARM asks for.
TRANSIENT_OPERATION_CODES = frozenset(
    {"internalservererror", "retryableerror", "serviceunavailable", "toomanyrequests"}
)
IDEMPOTENT_METHODS = ("PUT", "PATCH", "DELETE")

# Without a handler Python prints azure-identity's warnings to stderr;
# the module reports errors itself.
logging.getLogger("azure").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class RetrySettings:
    """How hard to retry throttling (429), server errors (5xx) and dropped connections."""

    total_retries: int = 6
    backoff_factor: float = 1.0
    backoff_max: float = 30.0
    retry_after_max: float = 60.0
    request_timeout: float = 600.0
    connection_timeout: float = 30.0
    read_timeout: float = 300.0
    operation_retries: int = 2


class OperationTimeout(Exception):
    """A long-running operation outlived its deadline."""


class ArmRetryPolicy(RetryPolicy):
    """azure-core's retry policy, with Retry-After capped and 429 retried for every method.

    ARM answers 429 before it processes a request, so retrying a PATCH or POST after it is safe.
    """

    def __init__(self, retry_after_max: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retry_after_max = retry_after_max

    def get_retry_after(self, response: Any) -> float | None:
        retry_after = super().get_retry_after(response)
        if retry_after is None:
            return None
        return min(retry_after, self.retry_after_max)

    def _is_method_retryable(self, settings: Any, request: Any, response: Any = None) -> bool:
        if response is not None and response.status_code == 429:
            return True
        return super()._is_method_retryable(settings, request, response)


def pipeline_policies(retry: RetrySettings, authentication: Any) -> list:
    """The request pipeline every client of the lean layer uses (ARM, Graph): request id,
    headers, user agent, bounded retries honouring Retry-After, then the token."""
    return [
        RequestIdPolicy(),
        HeadersPolicy(),
        UserAgentPolicy(sdk_moniker=USER_AGENT_MONIKER),
        ArmRetryPolicy(
            retry_after_max=retry.retry_after_max,
            retry_total=retry.total_retries,
            retry_connect=retry.total_retries,
            retry_read=retry.total_retries,
            retry_status=retry.total_retries,
            retry_backoff_factor=retry.backoff_factor,
            retry_backoff_max=retry.backoff_max,
            timeout=retry.request_timeout,
        ),
        authentication,
    ]


class BoundedArmPolling(ARMPolling):
    """ARMPolling (Azure-AsyncOperation, Location or provisioningState) giving up at a deadline."""

    def __init__(
        self, poll_interval: float, deadline: float, clock: Callable[[], float], **kwargs: Any
    ) -> None:
        super().__init__(timeout=poll_interval, **kwargs)
        self._deadline = deadline
        self._clock = clock

    def _sleep(self, delay: float) -> None:
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise OperationTimeout()
        super()._sleep(min(delay, remaining))


def _json_body(pipeline_response: Any) -> Any:
    text = pipeline_response.http_response.text()
    return json.loads(text) if text else None


class ArmClient:
    """Thin ARM calls by resource id; every failure is an ArmError."""

    def __init__(
        self,
        resource_manager: str,
        credential: Any,
        token_scope: str,
        subscription_id: str,
        retry: RetrySettings = RetrySettings(),
        poll_interval: float = 5.0,
        transport: Any = None,
        clock: Callable[[], float] = time.monotonic,
        identity: str = "",
        secrets: Sequence[str | None] = (),
        read_log: ReadLog | None = None,
    ) -> None:
        if urlparse(resource_manager).scheme.lower() != "https":
            raise ArmError(
                "cloud_environment: the resource manager endpoint must be an absolute https URL, "
                f"got {resource_manager!r}",
                code="InvalidOption",
                option="cloud_environment",
            )
        self.resource_manager = resource_manager.rstrip("/")
        self.subscription_id = subscription_id
        self.retry = retry
        self.poll_interval = poll_interval
        self._clock = clock
        self._identity = identity
        self._secrets = list(secrets)
        self._credential = credential
        self._token_scope = token_scope
        self.read_log = read_log or ReadLog(None)
        self._pipeline_client = ARMPipelineClient(
            base_url=self.resource_manager,
            policies=pipeline_policies(
                retry, ARMChallengeAuthenticationPolicy(credential, token_scope)
            ),
            transport=transport,
        )

    def principal_id(self) -> str:
        """The object id (`oid` claim) of the principal the token is issued to; "" if none."""
        token = self._credential.get_token(self._token_scope).token
        try:
            payload = token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (IndexError, ValueError):
            return ""
        return str(claims.get("oid") or "")

    # ---- URLs -----------------------------------------------------------------------------

    def url(self, path: Any, api_version: str, query: Mapping[str, str] | None = None) -> str:
        """Absolute https URL of an id (ResourceId or str) or collection path, with api-version
        and any further QUERY parameters (forceToPurge=true, ...)."""
        if isinstance(path, ResourceId):
            path_text = path.url_path()
        else:
            path_text = "/" + str(path).strip("/")
        query = urlencode({"api-version": api_version, **(query or {})})
        return f"{self.resource_manager}{path_text}?{query}"

    # ---- calls ----------------------------------------------------------------------------

    def get(self, resource_id: Any, api_version: str) -> dict | None:
        """The resource, or None when ARM says it does not exist."""
        rid = _as_id(resource_id)
        response = self._send("GET", self.url(rid, api_version))
        if response.http_response.status_code == 404:
            self.read_log.read(read_key(str(rid), api_version), None)
            return None
        self._raise_for_status(response)
        resource = _json_body(response) or {}
        self.read_log.read(read_key(str(rid), api_version), resource)
        return resource

    def put(
        self,
        resource_id: Any,
        body: dict,
        api_version: str,
        wait: bool = True,
        timeout: float = 1800,
    ) -> dict | None:
        return self._write("PUT", self.url(_as_id(resource_id), api_version), body, wait, timeout)

    def patch(
        self,
        resource_id: Any,
        body: dict,
        api_version: str,
        wait: bool = True,
        timeout: float = 1800,
    ) -> dict | None:
        return self._write("PATCH", self.url(_as_id(resource_id), api_version), body, wait, timeout)

    def post(
        self,
        path: str,
        body: dict | None,
        api_version: str,
        wait: bool = True,
        timeout: float = 1800,
    ) -> dict | None:
        return self._write("POST", self.url(path, api_version), body, wait, timeout)

    def delete(
        self,
        resource_id: Any,
        api_version: str,
        wait: bool = True,
        timeout: float = 1800,
        query: Mapping[str, str] | None = None,
    ) -> bool:
        """True when something was deleted; 404 and 204 mean it was not there."""
        url = self.url(_as_id(resource_id), api_version, query)
        for attempt in range(self.retry.operation_retries + 1):
            response = self._send("DELETE", url)
            if attempt == 0 and response.http_response.status_code in (404, 204):
                return False
            self._raise_for_status(response)
            if not wait:
                return True
            try:
                self._wait_for_operation(response, timeout, "DELETE")
                return True
            except ArmError as err:
                if not self._operation_retryable(err, attempt):
                    raise
        return True

    def start(
        self,
        method: str,
        resource_id: Any,
        api_version: str,
        body: dict | None = None,
        query: Mapping[str, str] | None = None,
    ) -> tuple:
        """Send a write without waiting: (the response body, the handle of its operation).

        The handle holds what a later join needs (see operations.py): the resource id and
        api-version for the final GET, and the Azure-AsyncOperation / Location polling URLs.
        """
        rid = _as_id(resource_id)
        response = self._send(method, self.url(rid, api_version, query), body)
        handle = {"id": str(rid), "api_version": api_version, "method": method}
        if method == "DELETE" and response.http_response.status_code in (404, 204):
            return None, dict(handle, method=None)
        self._raise_for_status(response)
        headers = response.http_response.headers
        handle["status_url"] = _checked_polling_url(headers.get("Azure-AsyncOperation"))
        handle["location_url"] = _checked_polling_url(headers.get("Location"))
        return _json_body(response), handle

    def get_url(self, url: str) -> tuple:
        """GET an https URL ARM handed out (a polling URL): (status, headers, body text)."""
        response = self._send("GET", _checked_polling_url(url))
        http_response = response.http_response
        return http_response.status_code, dict(http_response.headers), http_response.text()

    def list(
        self,
        collection_path: str,
        api_version: str,
        missing_is_empty: bool = True,
        query: Mapping[str, str] | None = None,
    ) -> list:
        """Every item of a collection, following nextLink; a missing parent gives an empty list.

        With `missing_is_empty=False` a 404 raises instead, for callers that must not mistake
        "cannot tell" for "empty".
        """
        items: list = []
        next_url: str | None = self.url(collection_path, api_version, query)
        while next_url:
            response = self._send("GET", next_url)
            if response.http_response.status_code == 404 and missing_is_empty:
                break
            self._raise_for_status(response)
            page = _json_body(response) or {}
            items.extend(page.get("value") or [])
            next_url = _checked_next_link(page.get("nextLink"))
        self.read_log.read(read_key(collection_path, api_version, query), {"value": items})
        return items

    # ---- plumbing -------------------------------------------------------------------------

    def _write(
        self, method: str, url: str, body: dict | None, wait: bool, timeout: float
    ) -> dict | None:
        for attempt in range(self.retry.operation_retries + 1):
            response = self._send(method, url, body)
            self._raise_for_status(response)
            if not wait:
                return _json_body(response)
            try:
                return self._wait_for_operation(response, timeout, method)
            except ArmError as err:
                if method not in IDEMPOTENT_METHODS or not self._operation_retryable(err, attempt):
                    raise
        return None

    def _operation_retryable(self, err: ArmError, attempt: int) -> bool:
        return (
            attempt < self.retry.operation_retries
            and (err.code or "").lower() in TRANSIENT_OPERATION_CODES
        )

    def _send(self, method: str, url: str, body: dict | None = None) -> Any:
        if method != "GET":
            self.read_log.write(method, urlparse(url).path)
        request = (
            HttpRequest(method, url, json=body) if body is not None else HttpRequest(method, url)
        )
        try:
            return self._pipeline_client.send_request(
                request,
                _return_pipeline_response=True,
                connection_timeout=self.retry.connection_timeout,
                read_timeout=self.retry.read_timeout,
            )
        except ClientAuthenticationError as err:
            raise self._authentication_error(err) from None
        except AzureError as err:
            raise ArmError(
                f"{method} {_without_query(url)} failed: {self._clean(err)}",
                code=err.__class__.__name__,
            ) from None

    def _raise_for_status(self, response: Any) -> None:
        http_response = response.http_response
        if http_response.status_code in SUCCESS_STATUSES:
            return
        error = from_response(
            http_response.status_code, http_response.headers, http_response.text()
        )
        request = http_response.request
        error.message = (
            f"{request.method} {_without_query(request.url)}: {self._clean(error.message)}"
        )
        raise error

    def _wait_for_operation(
        self, initial_response: Any, timeout: float, method: str
    ) -> dict | None:
        polling = BoundedArmPolling(self.poll_interval, self._clock() + timeout, self._clock)
        polling.initialize(self._pipeline_client, initial_response, _json_body)
        url = _without_query(initial_response.http_request.url)
        try:
            polling.run()
        except OperationTimeout:
            raise ArmError(
                f"{method} {url} did not finish within {timeout} seconds "
                "(raise the timeout option to wait longer)",
                code="OperationTimedOut",
                request_id=initial_response.http_response.headers.get("x-ms-request-id"),
                correlation_id=initial_response.http_response.headers.get(
                    "x-ms-correlation-request-id"
                ),
            ) from None
        except ClientAuthenticationError as err:
            raise self._authentication_error(err) from None
        except HttpResponseError as err:
            raise self._operation_error(err, method, url) from None
        except AzureError as err:
            raise ArmError(
                f"{method} {url} failed while waiting: {self._clean(err)}",
                code=err.__class__.__name__,
            ) from None
        return polling.resource()

    def _operation_error(self, err: Any, method: str, url: str) -> ArmError:
        response = getattr(err, "response", None)
        if response is None:
            return ArmError(f"{method} {url} failed: {self._clean(err)}", code="OperationFailed")
        error = from_response(
            response.status_code, response.headers, response.text(), "the operation failed"
        )
        error.message = f"{method} {url} failed: {self._clean(error.message)}"
        if error.code is None:
            error.code = "OperationFailed"
        return error

    def _authentication_error(self, err: Any) -> ArmError:
        reason = " ".join(self._clean(getattr(err, "message", None) or err).split())
        return ArmError(
            f"authentication failed for {self._identity or 'the configured credential'}: "
            f"{reason[:600]}",
            status=getattr(err, "status_code", None),
            code="AuthenticationFailed",
        )

    def _clean(self, value: Any) -> str:
        return redact(str(value), self._secrets)


def _as_id(resource_id: Any) -> ResourceId:
    if isinstance(resource_id, ResourceId):
        return resource_id
    return parse_resource_id(str(resource_id))


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


def _checked_polling_url(url: str | None) -> str | None:
    if url and urlparse(url).scheme.lower() != "https":
        raise ArmError(
            f"ARM returned a polling URL that is not an https URL: {url}",
            code="InvalidPollingUrl",
        )
    return url or None


def _checked_next_link(next_link: str | None) -> str | None:
    if not next_link:
        return None
    if urlparse(next_link).scheme.lower() != "https":
        raise ArmError(
            f"ARM returned a nextLink that is not an https URL: {next_link}",
            code="InvalidNextLink",
        )
    return next_link
