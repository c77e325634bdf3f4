"""Microsoft.Sql: servers (global names, administrator login fixed at creation, a write-only
password never returned, TLS and public access, private-link target `sqlServer`) and their
databases (in the server's region)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.http_types import Request
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.parts import private_link
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.service import handle_arm

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
TENANT = "72f988bf-0000-4000-8000-00000000e001"
GROUP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
SERVER = f"{GROUP}/providers/Microsoft.Sql/servers/sqls-litware"
DATABASE = f"{SERVER}/databases/sqldb-litware"
ENDPOINT = f"{GROUP}/providers/Microsoft.Network/privateEndpoints/pe-sqlserver"
PASSWORD = "Example-Passw0rd-not-secret"


def _send(state: ArmState, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    type_name = "Microsoft.Resources/resourceGroups"
    if "/providers/" in path:
        namespace, kind = path.split("/providers/", 1)[1].split("/")[:2]
        type_name = f"{namespace}/{kind}"
    request = Request(
        method,
        path,
        {"api-version": pinned(type_name)},
        {},
        json.dumps(body).encode() if body is not None else b"",
    )
    try:
        response = handle_arm(state, request, fail_operation=False)
    except ArmError as error:
        return error.status, error.body()
    return response.status, json.loads(response.body) if response.body else None


def _server_body(**properties: Any) -> dict[str, Any]:
    return {
        "location": "eastus",
        "properties": {
            "administratorLogin": "sqladminuser",
            "administratorLoginPassword": PASSWORD,
            "minimalTlsVersion": "1.2",
            "publicNetworkAccess": "Disabled",
            **properties,
        },
    }


@pytest.fixture
def state() -> ArmState:
    state = ArmState("https://127.0.0.1", SUBSCRIPTION, TENANT, all_entries(), Knobs())
    status, _ = _send(state, "PUT", GROUP, {"location": "eastus"})
    assert status in (200, 201)
    return state


def _create_server(state: ArmState) -> dict[str, Any]:
    status, document = _send(state, "PUT", SERVER, _server_body())
    assert status in (201, 202), document
    status, document = _send(state, "GET", SERVER)
    assert status == 200
    return document


def test_server_create_is_long_running_and_never_returns_the_password(state: ArmState) -> None:
    server = _create_server(state)
    properties = server["properties"]
    assert properties["fullyQualifiedDomainName"] == "sqls-litware.database.windows.net"
    assert properties["publicNetworkAccess"] == "Disabled"
    assert properties["minimalTlsVersion"] == "1.2"
    assert properties["administratorLogin"] == "sqladminuser"
    assert properties["privateEndpointConnections"] == []
    assert PASSWORD not in json.dumps(server)


def test_update_without_the_password_keeps_the_server(state: ArmState) -> None:
    _create_server(state)
    body = _server_body()
    del body["properties"]["administratorLoginPassword"]
    status, document = _send(state, "PUT", SERVER, body)
    assert status in (200, 202), document


@pytest.mark.parametrize(
    ("body", "target"),
    [
        (_server_body(administratorLoginPassword=""), "properties.administratorLoginPassword"),
        (_server_body(administratorLogin="sa"), "properties.administratorLogin"),
        (_server_body(administratorLogin=""), "properties.administratorLogin"),
        (_server_body(minimalTlsVersion="0.9"), "properties.minimalTlsVersion"),
    ],
)
def test_bad_servers_are_refused(state: ArmState, body: dict[str, Any], target: str) -> None:
    status, document = _send(state, "PUT", SERVER, body)
    assert status == 400
    assert document["error"]["target"] == target


def test_the_login_is_fixed_and_the_name_is_global(state: ArmState) -> None:
    _create_server(state)
    status, document = _send(state, "PUT", SERVER, _server_body(administratorLogin="other"))
    assert (status, document["error"]["target"]) == (400, "properties.administratorLogin")
    _send(state, "PUT", f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg2", {"location": "eastus"})
    other = SERVER.replace("/resourceGroups/rg/", "/resourceGroups/rg2/")
    status, document = _send(state, "PUT", other, _server_body())
    assert (status, document["error"]["code"]) == (409, "ServerAlreadyExists")
    status, document = _send(state, "PUT", SERVER.replace("sqls-litware", "SQLS"), _server_body())
    assert (status, document["error"]["code"]) == (400, "InvalidServerName")


def test_database_lives_in_the_server_region(state: ArmState) -> None:
    _create_server(state)
    status, document = _send(state, "PUT", DATABASE, {"location": "westus"})
    assert (status, document["error"]["target"]) == (400, "location")
    status, document = _send(
        state, "PUT", DATABASE, {"location": "eastus", "sku": {"name": "Basic"}}
    )
    assert status in (201, 202), document
    status, database = _send(state, "GET", DATABASE)
    assert status == 200
    assert database["properties"]["status"] == "Online"
    assert database["sku"]["name"] == "Basic"
    status, _ = _send(
        state, "PUT", f"{SERVER}/databases/missing", {"location": "eastus", "bogus": 1}
    )
    assert status == 400


def test_database_needs_its_server(state: ArmState) -> None:
    status, _ = _send(state, "PUT", DATABASE, {"location": "eastus"})
    assert status == 404


def test_server_is_a_private_link_target(state: ArmState) -> None:
    _create_server(state)
    record = state.store.get(SERVER)
    assert record is not None
    private_link.connect(state.world, record, "pe.conn", ENDPOINT, ["sqlServer"], manual=False)
    [shown] = _send(state, "GET", SERVER)[1]["properties"]["privateEndpointConnections"]
    assert shown["properties"]["privateLinkServiceConnectionState"]["status"] == "Approved"
    assert shown["properties"]["groupIds"] == ["sqlServer"]
