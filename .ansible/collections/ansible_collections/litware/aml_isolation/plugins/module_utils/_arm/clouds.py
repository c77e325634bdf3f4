# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Azure clouds by name, or read from a cloud's metadata endpoint."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Mapping
from urllib.parse import urlparse

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_link_zones import (
    cloud_for_storage_suffix,
)

DEFAULT_CLOUD_NAME = "AzureCloud"
METADATA_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Cloud:
    """The endpoints a client needs to authenticate against and call one Azure cloud."""

    name: str
    resource_manager: str
    login_endpoint: str
    audience: str
    known_public: bool = False
    # The row of the private-link zone table (private_link_zones.py) this cloud uses, if any.
    private_link_cloud: str | None = None
    # Microsoft Graph: both its base URL and the resource its tokens are issued for.
    graph_endpoint: str | None = None

    @property
    def token_scope(self) -> str:
        return self.audience.rstrip("/") + "/.default"

    @property
    def graph_scope(self) -> str:
        if not self.graph_endpoint:
            raise ArmError(
                f"cloud_environment: the cloud {self.name} names no Microsoft Graph endpoint "
                "(microsoftGraphResourceId in its metadata)",
                code="CloudMetadataInvalid",
                option="cloud_environment",
            )
        return self.graph_endpoint.rstrip("/") + "/.default"


KNOWN_CLOUDS: dict[str, Cloud] = {
    cloud.name.lower(): cloud
    for cloud in (
        Cloud(
            name="AzureCloud",
            resource_manager="https://management.azure.com",
            login_endpoint="https://login.microsoftonline.com",
            audience="https://management.core.windows.net/",
            known_public=True,
            private_link_cloud="AzureCloud",
            graph_endpoint="https://graph.microsoft.com",
        ),
        Cloud(
            name="AzureUSGovernment",
            resource_manager="https://management.usgovcloudapi.net",
            login_endpoint="https://login.microsoftonline.us",
            audience="https://management.core.usgovcloudapi.net/",
            known_public=True,
            private_link_cloud="AzureUSGovernment",
            graph_endpoint="https://graph.microsoft.us",
        ),
        Cloud(
            name="AzureChinaCloud",
            resource_manager="https://management.chinacloudapi.cn",
            login_endpoint="https://login.chinacloudapi.cn",
            audience="https://management.core.chinacloudapi.cn/",
            known_public=True,
            private_link_cloud="AzureChinaCloud",
            graph_endpoint="https://microsoftgraph.chinacloudapi.cn",
        ),
    )
}


def is_metadata_url(value: str) -> bool:
    return value.lower().startswith(("https://", "http://"))


def resolve_cloud(
    cloud_environment: str | None,
    transport: Any = None,
    cached: Callable[[str, Callable[[], Any]], Any] | None = None,
) -> Cloud:
    """A cloud by its name (no request), or by the URL of its metadata endpoint.

    `cached(url, fetch)` may answer from a cache instead of calling `fetch()`.
    """
    value = (cloud_environment or DEFAULT_CLOUD_NAME).strip()
    if is_metadata_url(value):

        def fetch() -> Any:
            return fetch_metadata(value, transport)

        return cloud_from_metadata(value, cached(value, fetch) if cached else fetch())
    known = KNOWN_CLOUDS.get(value.lower())
    if known is None:
        known_names = ", ".join(cloud.name for cloud in KNOWN_CLOUDS.values())
        raise invalid_option(
            "cloud_environment",
            f"unknown cloud {value!r}; use one of {known_names} "
            "or the https URL of a cloud metadata endpoint",
        )
    return known


def fetch_metadata(url: str, transport: Any = None) -> Any:
    """GET the metadata document; the CA bundle comes from REQUESTS_CA_BUNDLE as for every call."""
    if urlparse(url).scheme.lower() != "https":
        raise invalid_option("cloud_environment", f"the metadata URL must use https: {url}")
    from azure.core import PipelineClient
    from azure.core.exceptions import AzureError
    from azure.core.pipeline.policies import RetryPolicy
    from azure.core.rest import HttpRequest

    client = PipelineClient(
        base_url=url,
        policies=[RetryPolicy(retry_total=3, retry_backoff_factor=0.5)],
        transport=transport,
    )
    try:
        response = client.send_request(
            HttpRequest("GET", url), connection_timeout=METADATA_TIMEOUT_SECONDS
        )
    except AzureError as err:
        raise ArmError(
            f"cloud_environment: cannot read the cloud metadata from {url}: {err}",
            code="CloudMetadataUnavailable",
            option="cloud_environment",
        ) from None
    if response.status_code != 200:
        raise ArmError(
            f"cloud_environment: the cloud metadata endpoint {url} answered "
            f"HTTP {response.status_code}",
            status=response.status_code,
            code="CloudMetadataUnavailable",
            option="cloud_environment",
        )
    try:
        return json.loads(response.text())
    except ValueError:
        raise ArmError(
            f"cloud_environment: the cloud metadata from {url} is not JSON",
            code="CloudMetadataInvalid",
            option="cloud_environment",
        ) from None


def cloud_from_metadata(url: str, metadata: Any) -> Cloud:
    """Pick the entry whose resourceManager host is the URL's host, else the first entry.

    The current format (api-version 2022-09-01) is a list of clouds; older ones return one object.
    """
    entries = metadata if isinstance(metadata, list) else [metadata]
    entries = [
        entry for entry in entries if isinstance(entry, dict) and entry.get("resourceManager")
    ]
    if not entries:
        raise ArmError(
            f"cloud_environment: the metadata from {url} names no cloud "
            "with a resourceManager endpoint",
            code="CloudMetadataInvalid",
            option="cloud_environment",
        )
    url_host = (urlparse(url).hostname or "").lower()
    chosen = next(
        (entry for entry in entries if _host(entry["resourceManager"]) == url_host), entries[0]
    )
    return _cloud_from_entry(chosen, url)


def _host(endpoint: str) -> str:
    return (urlparse(endpoint).hostname or "").lower()


def _cloud_from_entry(entry: Mapping[str, Any], url: str) -> Cloud:
    authentication = entry.get("authentication") or {}
    login_endpoint = authentication.get("loginEndpoint")
    audiences = authentication.get("audiences") or []
    if not login_endpoint or not audiences:
        raise ArmError(
            f"cloud_environment: the metadata from {url} lacks "
            "authentication.loginEndpoint or authentication.audiences",
            code="CloudMetadataInvalid",
            option="cloud_environment",
        )
    name = str(entry.get("name") or _host(entry["resourceManager"]))
    known = KNOWN_CLOUDS.get(name.lower())
    is_known_public = known is not None and _host(known.resource_manager) == _host(
        entry["resourceManager"]
    )
    return Cloud(
        name=name,
        resource_manager=str(entry["resourceManager"]).rstrip("/"),
        login_endpoint=str(login_endpoint).rstrip("/"),
        audience=str(audiences[0]),
        known_public=is_known_public,
        private_link_cloud=known.name
        if is_known_public and known
        else cloud_for_storage_suffix((entry.get("suffixes") or {}).get("storage")),
        graph_endpoint=str(entry.get("microsoftGraphResourceId") or "").rstrip("/")
        or (known.graph_endpoint if is_known_public and known else None),
    )
