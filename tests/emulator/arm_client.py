"""A small ARM client for the tests, built from Microsoft's own azure-identity and
azure-mgmt-core."""

from __future__ import annotations

import json
from typing import Any

from azure.core.pipeline import PipelineResponse, policies
from azure.core.polling import LROPoller
from azure.core.rest import HttpRequest, HttpResponse
from azure.identity import ClientSecretCredential
from azure.mgmt.core import ARMPipelineClient
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy
from azure.mgmt.core.polling.arm_polling import ARMPolling

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.control import Emulator

ARM_SCOPE = "https://management.core.windows.net//.default"

RESOURCES_API = pinned("Microsoft.Resources/resourceGroups")
NETWORK_API = pinned("Microsoft.Network/virtualNetworks")
PRIVATE_DNS_API = pinned("Microsoft.Network/privateDnsZones")
COMPUTE_API = pinned("Microsoft.Compute/virtualMachines")


def credential_for(emulator: Emulator, secret: str | None = None) -> ClientSecretCredential:
    return ClientSecretCredential(
        emulator.tenant,
        emulator.client_id,
        secret if secret is not None else emulator.secret,
        authority=emulator.url.rstrip("/"),
        disable_instance_discovery=True,
    )


class ArmClient:
    def __init__(self, emulator: Emulator, *, retries: int = 0, authenticate: bool = True) -> None:
        self.base = emulator.url.rstrip("/")
        self.subscription = emulator.subscription_id
        chain: list[Any] = [
            policies.RequestIdPolicy(),
            policies.HeadersPolicy(),
            policies.UserAgentPolicy(),
            policies.RetryPolicy(retry_total=retries, retry_backoff_factor=0.01),
        ]
        if authenticate:
            chain.append(ARMChallengeAuthenticationPolicy(credential_for(emulator), ARM_SCOPE))
        self.client = ARMPipelineClient(base_url=self.base, policies=chain)

    def rg_path(self, group: str) -> str:
        return f"/subscriptions/{self.subscription}/resourceGroups/{group}"

    def net_path(self, group: str, rest: str) -> str:
        return f"{self.rg_path(group)}/providers/Microsoft.Network/{rest}"

    def url(self, path: str, api_version: str | None) -> str:
        if api_version is None:
            return self.base + path
        joiner = "&" if "?" in path else "?"
        return f"{self.base}{path}{joiner}api-version={api_version}"

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        api_version: str | None = NETWORK_API,
        headers: dict[str, str] | None = None,
    ) -> HttpResponse:
        request = HttpRequest(method, self.url(path, api_version), json=body, headers=headers)
        return self.client.send_request(request)

    def lro(
        self, method: str, path: str, body: Any = None, *, api_version: str = NETWORK_API
    ) -> Any:
        """Start a long-running operation and poll it to the end with azure-mgmt-core's
        ARMPolling."""
        request = HttpRequest(method, self.url(path, api_version), json=body)
        initial: PipelineResponse = self.client._pipeline.run(request)  # noqa: SLF001
        if initial.http_response.status_code >= 400:
            raise AssertionError(f"{method} {path}: {initial.http_response.text()}")

        def deserialize(response: PipelineResponse) -> Any:
            text = response.http_response.text()
            return json.loads(text) if text else None

        poller = LROPoller(self.client, initial, deserialize, ARMPolling(0))
        return poller.result(timeout=30), poller.status(), initial.http_response

    def resource_group(self, name: str, location: str = "eastus") -> dict[str, Any]:
        response = self.request(
            "PUT", self.rg_path(name), {"location": location}, api_version=RESOURCES_API
        )
        assert response.status_code in (200, 201), response.text()
        return response.json()

    def vnet(
        self, group: str, name: str, prefixes: list[str], subnets: list[dict] | None = None
    ) -> Any:
        body: dict[str, Any] = {
            "location": "eastus",
            "properties": {"addressSpace": {"addressPrefixes": prefixes}},
        }
        if subnets is not None:
            body["properties"]["subnets"] = subnets
        return self.lro("PUT", self.net_path(group, f"virtualNetworks/{name}"), body)[0]


def error_code(response: HttpResponse) -> str:
    return response.json()["error"]["code"]
