"""Authentication: the token endpoint, OpenID metadata, cloud metadata and 401s on ARM."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request

import pytest
from azure.core.exceptions import ClientAuthenticationError

from tests.emulator.arm_client import (
    ARM_SCOPE,
    RESOURCES_API,
    ArmClient,
    credential_for,
    error_code,
)
from tools.arm_emulator.control import Emulator


def _raw(emulator: Emulator, method: str, path: str, data: bytes | None = None, headers=None):
    context = ssl.create_default_context(cafile=emulator.ca_bundle)
    request = urllib.request.Request(
        emulator.url.rstrip("/") + path, data=data, method=method, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(request, context=context) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_client_secret_credential_gets_a_token(emulator: Emulator) -> None:
    token = credential_for(emulator).get_token(ARM_SCOPE)
    assert token.token.count(".") == 2
    assert token.expires_on > 0


def test_wrong_secret_is_rejected_without_echoing_it(emulator: Emulator) -> None:
    wrong = "not-the-secret-value"
    with pytest.raises(ClientAuthenticationError) as caught:
        credential_for(emulator, secret=wrong).get_token(ARM_SCOPE)
    assert "AADSTS7000215" in str(caught.value)
    form = (
        f"grant_type=client_credentials&client_id={emulator.client_id}"
        f"&client_secret={wrong}&scope=x"
    )
    status, _, body = _raw(emulator, "POST", f"/{emulator.tenant}/oauth2/v2.0/token", form.encode())
    assert status == 401
    payload = json.loads(body)
    assert payload["error"] == "invalid_client"
    assert payload["error_codes"] == [7000215]
    assert wrong not in body.decode()


def test_arm_request_without_token_is_401(emulator: Emulator) -> None:
    client = ArmClient(emulator, authenticate=False)
    response = client.request("GET", client.rg_path("any"), api_version=RESOURCES_API)
    assert response.status_code == 401
    assert error_code(response) == "AuthenticationFailed"
    assert response.headers["WWW-Authenticate"].startswith("Bearer authorization_uri=")


def test_arm_request_with_forged_token_is_401(emulator: Emulator) -> None:
    token = credential_for(emulator).get_token(ARM_SCOPE).token
    header, claims, _ = token.split(".")
    path = f"/subscriptions/{emulator.subscription_id}/resourcegroups?api-version={RESOURCES_API}"
    status, headers, body = _raw(
        emulator, "GET", path, headers={"Authorization": f"Bearer {header}.{claims}.AAAA"}
    )
    assert status == 401
    assert json.loads(body)["error"]["code"] == "InvalidAuthenticationToken"
    assert "WWW-Authenticate" in headers


def test_cloud_metadata_describes_the_emulator(emulator: Emulator) -> None:
    status, _, body = _raw(emulator, "GET", "/metadata/endpoints?api-version=2022-09-01")
    assert status == 200
    (cloud,) = json.loads(body)
    assert cloud["name"] == "AzureEmulator"
    assert cloud["resourceManager"] == emulator.url
    assert cloud["authentication"]["loginEndpoint"] == emulator.url
    assert "https://management.core.windows.net/" in cloud["authentication"]["audiences"]
    assert cloud["suffixes"]["storage"] == "core.windows.net"
    assert emulator.metadata_url.startswith(emulator.url + "metadata/endpoints")


def test_openid_configuration_names_the_token_endpoint(emulator: Emulator) -> None:
    status, _, body = _raw(
        emulator, "GET", f"/{emulator.tenant}/v2.0/.well-known/openid-configuration"
    )
    assert status == 200
    document = json.loads(body)
    assert document["token_endpoint"] == f"{emulator.url}{emulator.tenant}/oauth2/v2.0/token"
    assert _raw(emulator, "GET", "/common/v2.0/.well-known/openid-configuration")[0] == 200
