"""Microsoft Graph on the emulator, through the collection's own Graph client: tokens per
audience, users with unique UPNs and Entra ID's password rule, groups and members,
applications, service principals and owners, paging, throttling and replication delay."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from azure.core.pipeline import policies
from azure.core.rest import HttpRequest
from azure.mgmt.core import ARMPipelineClient
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy

from tests.emulator.arm_client import ARM_SCOPE, credential_for
from tools.ansible_run import collections_path
from tools.arm_emulator.control import Emulator

sys.path.insert(0, str(collections_path(Path(tempfile.mkdtemp(prefix="aml-isolation-emu-")))))

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import (  # noqa: E402
    RetrySettings,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import (  # noqa: E402
    resolve_cloud,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError  # noqa: E402
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.graph import (  # noqa: E402
    GraphClient,
    odata_string,
)

PASSWORD = "Emulat0r-Pass!"


def graph_for(emulator: Emulator, **kwargs) -> GraphClient:
    cloud = resolve_cloud(f"{emulator.url.rstrip('/')}/metadata/endpoints")
    return GraphClient(
        cloud.graph_endpoint or "",
        credential_for(emulator),
        cloud.graph_scope,
        retry=kwargs.pop("retry", RetrySettings(backoff_factor=0.01)),
        **kwargs,
    )


def new_user(upn: str, password: str = PASSWORD) -> dict:
    return {
        "accountEnabled": True,
        "displayName": upn.split("@")[0],
        "mailNickname": upn.split("@")[0],
        "userPrincipalName": upn,
        "passwordProfile": {"password": password, "forceChangePasswordNextSignIn": True},
    }


@pytest.fixture
def graph(clean_emulator: Emulator) -> GraphClient:
    return graph_for(clean_emulator)


def test_metadata_names_a_graph_endpoint_of_its_own(clean_emulator: Emulator) -> None:
    cloud = resolve_cloud(f"{clean_emulator.url.rstrip('/')}/metadata/endpoints")
    assert cloud.graph_endpoint == clean_emulator.url.rstrip("/") + "/graph"
    assert cloud.graph_scope != cloud.token_scope


def test_an_arm_token_does_not_open_graph_nor_a_graph_token_arm(
    clean_emulator: Emulator, graph: GraphClient
) -> None:
    base = clean_emulator.url.rstrip("/")
    with_arm_token = ARMPipelineClient(
        base_url=base,
        policies=[ARMChallengeAuthenticationPolicy(credential_for(clean_emulator), ARM_SCOPE)],
    )
    response = with_arm_token.send_request(HttpRequest("GET", f"{base}/graph/v1.0/users"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "InvalidAuthenticationToken"
    graph_scope = resolve_cloud(f"{base}/metadata/endpoints").graph_scope
    with_graph_token = ARMPipelineClient(
        base_url=base,
        policies=[
            policies.BearerTokenCredentialPolicy(credential_for(clean_emulator), graph_scope)
        ],
    )
    arm_path = f"{base}/subscriptions/{clean_emulator.subscription_id}/resourcegroups"
    response = with_graph_token.send_request(
        HttpRequest("GET", f"{arm_path}?api-version=2021-04-01")
    )
    assert response.status_code == 401
    assert graph.list("users") == []


def test_users_by_id_and_upn_with_unique_upns_and_the_password_rule(graph: GraphClient) -> None:
    created = graph.post("users", new_user("ada@litware.example"))
    assert "passwordProfile" not in created
    assert graph.get(f"users/{created['id']}")["userPrincipalName"] == "ada@litware.example"
    assert graph.get("users/ADA@litware.example")["id"] == created["id"]
    found = graph.list(
        "users", {"$filter": f"userPrincipalName eq {odata_string('ada@litware.example')}"}
    )
    assert [u["id"] for u in found] == [created["id"]]
    with pytest.raises(ArmError) as conflict:
        graph.post("users", new_user("Ada@litware.example"))
    assert conflict.value.code == "Request_BadRequest"
    assert conflict.value.details[0]["code"] == "ObjectConflict"
    with pytest.raises(ArmError) as weak:
        graph.post("users", new_user("bob@litware.example", "password"))
    assert weak.value.status == 400
    assert "password complexity requirements" in weak.value.message
    assert weak.value.request_id
    assert graph.get("users/bob@litware.example") is None
    assert graph.delete(f"users/{created['id']}") is True
    assert graph.delete(f"users/{created['id']}") is False


def test_groups_members_applications_service_principals_and_owners(graph: GraphClient) -> None:
    user = graph.post("users", new_user("carol@litware.example"))
    group = graph.post(
        "groups",
        {"displayName": "ds", "mailNickname": "ds", "mailEnabled": False, "securityEnabled": True},
    )
    reference = {"@odata.id": f"{graph.endpoint}/v1.0/directoryObjects/{user['id']}"}
    graph.post(f"groups/{group['id']}/members/$ref", reference)
    assert [m["id"] for m in graph.list(f"groups/{group['id']}/members")] == [user["id"]]
    with pytest.raises(ArmError, match="already exist"):
        graph.post(f"groups/{group['id']}/members/$ref", reference)
    application = graph.post("applications", {"displayName": "datastore"})
    principal = graph.post("servicePrincipals", {"appId": application["appId"]})
    graph.post(f"applications/{application['id']}/owners/$ref", reference)
    graph.post(f"servicePrincipals/{principal['id']}/owners/$ref", reference)
    owners = graph.list(f"applications/{application['id']}/owners")
    assert [(o["id"], o["@odata.type"]) for o in owners] == [(user["id"], "#microsoft.graph.user")]
    with pytest.raises(ArmError, match="already in use"):
        graph.post("servicePrincipals", {"appId": application["appId"]})
    graph.delete(f"groups/{group['id']}/members/{user['id']}/$ref")
    assert graph.list(f"groups/{group['id']}/members") == []


def test_lists_follow_next_links(clean_emulator: Emulator, graph: GraphClient) -> None:
    clean_emulator.configure(graph_page_size=2)
    for index in range(5):
        graph.post("users", new_user(f"user{index}@litware.example"))
    clean_emulator.clear_requests()
    assert len(graph.list("users")) == 5
    assert len(clean_emulator.requests()) == 3


def test_throttling_is_retried_after_its_delay(
    clean_emulator: Emulator, graph: GraphClient
) -> None:
    clean_emulator.configure(
        fault_rate=0.5, fault_seed=3, fault_kinds=["429"], retry_after_seconds=0
    )
    for index in range(4):
        graph.post("users", new_user(f"busy{index}@litware.example"))
    statuses = [entry["status"] for entry in clean_emulator.requests()]
    assert 429 in statuses
    assert len(graph.list("users")) == 4


def test_a_new_object_is_waited_for_within_a_bound(clean_emulator: Emulator) -> None:
    clean_emulator.configure(graph_replication_seconds=0.6)
    graph = graph_for(clean_emulator, consistency_seconds=5)
    created = graph.post("users", new_user("dave@litware.example"))
    assert graph.get(f"users/{created['id']}") is None
    assert graph.get_created(f"users/{created['id']}")["id"] == created["id"]
    impatient = graph_for(clean_emulator, consistency_seconds=0)
    fresh = impatient.post("users", new_user("erin@litware.example"))
    with pytest.raises(ArmError) as gone:
        impatient.get_created(f"users/{fresh['id']}")
    assert gone.value.code == "Request_ResourceNotFound"
