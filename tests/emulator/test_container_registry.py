"""Microsoft.ContainerRegistry: registries (201 + Azure-AsyncOperation create, global names,
login server, Premium-only network rules, private-link target)."""

from __future__ import annotations

from tests.emulator.aml_resources import REGISTRY_API, registry, registry_body, resource_path
from tests.emulator.arm_client import ArmClient, error_code


def _registry(arm: ArmClient, group: str, name: str = "crlitware") -> str:
    return resource_path(arm, group, "Microsoft.ContainerRegistry", f"registries/{name}")


def test_registry_create_is_long_running_and_sets_the_login_server(
    arm: ArmClient, group: str
) -> None:
    response = arm.request("PUT", _registry(arm, group), registry_body(), api_version=REGISTRY_API)
    assert response.status_code == 201
    assert "Azure-AsyncOperation" in response.headers
    created = registry(arm, group)
    properties = created["properties"]
    assert properties["loginServer"] == "crlitware.azurecr.io"
    assert properties["publicNetworkAccess"] == "Disabled"
    assert created["sku"] == {"name": "Premium", "tier": "Premium"}
    assert properties["privateEndpointConnections"] == []


def test_names_are_global(arm: ArmClient, group: str) -> None:
    registry(arm, group)
    arm.resource_group("rg-other")
    taken = arm.request(
        "PUT", _registry(arm, "rg-other", "CRLitware"), registry_body(), api_version=REGISTRY_API
    )
    assert (taken.status_code, error_code(taken)) == (409, "AlreadyInUse")


def test_network_rules_need_premium(arm: ArmClient, group: str) -> None:
    body = registry_body()
    body["sku"] = {"name": "Basic"}
    response = arm.request("PUT", _registry(arm, group), body, api_version=REGISTRY_API)
    assert response.json()["error"]["target"] == "properties.networkRuleSet"


def test_delete_is_long_running(arm: ArmClient, group: str) -> None:
    registry(arm, group)
    _, status, initial = arm.lro("DELETE", _registry(arm, group), api_version=REGISTRY_API)
    assert (initial.status_code, status) == (202, "Succeeded")
    assert arm.request("GET", _registry(arm, group), api_version=REGISTRY_API).status_code == 404
