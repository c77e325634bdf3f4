"""Generic ARM behaviour: api-versions, parents, ids, PUT/GET/PATCH/DELETE/list, etags."""

from __future__ import annotations

from tests.emulator.arm_client import NETWORK_API, RESOURCES_API, ArmClient, error_code

NSG = {"location": "eastus"}


def test_missing_api_version(arm: ArmClient, group: str) -> None:
    response = arm.request("GET", arm.net_path(group, "virtualNetworks/v"), api_version=None)
    assert response.status_code == 400
    assert error_code(response) == "MissingApiVersionParameter"


def test_unknown_api_versions(arm: ArmClient, group: str) -> None:
    response = arm.request(
        "GET", arm.net_path(group, "virtualNetworks/v"), api_version="2015-01-01"
    )
    assert response.status_code == 400
    assert error_code(response) == "NoRegisteredProviderFound"
    assert NETWORK_API in response.json()["error"]["message"]
    response = arm.request("GET", arm.rg_path(group), api_version="1999-01-01")
    assert error_code(response) == "InvalidApiVersionParameter"


def test_unknown_type_and_namespace(arm: ArmClient, group: str) -> None:
    assert (
        error_code(arm.request("GET", arm.net_path(group, "noSuchThings/x")))
        == "InvalidResourceType"
    )
    path = f"{arm.rg_path(group)}/providers/Contoso.Nothing/things/x"
    assert error_code(arm.request("GET", path)) == "InvalidResourceNamespace"


def test_missing_resource_group_and_parent(arm: ArmClient) -> None:
    response = arm.request("PUT", arm.net_path("nope", "networkSecurityGroups/n"), NSG)
    assert response.status_code == 404
    assert error_code(response) == "ResourceGroupNotFound"
    arm.resource_group("rg-p")
    response = arm.request(
        "PUT",
        arm.net_path("rg-p", "virtualNetworks/missing/subnets/s"),
        {"properties": {"addressPrefix": "10.0.0.0/24"}},
    )
    assert response.status_code == 404
    assert error_code(response) == "ParentResourceNotFound"


def test_get_missing_resource_is_404(arm: ArmClient, group: str) -> None:
    response = arm.request("GET", arm.net_path(group, "networkSecurityGroups/none"))
    assert response.status_code == 404
    assert error_code(response) == "ResourceNotFound"


def test_ids_are_case_insensitive_and_keep_their_casing(arm: ArmClient) -> None:
    arm.resource_group("RG-Mixed")
    first = arm.request("PUT", arm.net_path("rg-mixed", "networkSecurityGroups/NSG-One"), NSG)
    assert first.status_code == 201
    again = arm.request("GET", arm.net_path("RG-MIXED", "networksecuritygroups/nsg-one"))
    assert again.status_code == 200
    document = again.json()
    assert document["id"].endswith(
        "/resourceGroups/RG-Mixed/providers/Microsoft.Network/networkSecurityGroups/NSG-One"
    )
    assert document["name"] == "NSG-One"
    assert document["type"] == "Microsoft.Network/networkSecurityGroups"


def test_put_creates_then_updates_and_ignores_read_only_members(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n1")
    created = arm.request(
        "PUT", path, {**NSG, "etag": "forged", "properties": {"resourceGuid": "forged"}}
    )
    assert created.status_code == 201
    assert created.json()["properties"]["resourceGuid"] != "forged"
    assert created.json()["etag"] != "forged"
    updated = arm.request("PUT", path, {**NSG, "tags": {"a": "b"}})
    assert updated.status_code == 200
    assert updated.json()["tags"] == {"a": "b"}
    assert updated.json()["etag"] != created.json()["etag"]


def test_patch_replaces_tags(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n1")
    arm.request("PUT", path, {**NSG, "tags": {"old": "1"}})
    patched = arm.request("PATCH", path, {"tags": {"new": "2"}})
    assert patched.status_code == 200
    assert patched.json()["tags"] == {"new": "2"}
    assert patched.json()["location"] == "eastus"


def test_lists_at_group_subscription_and_parent_scope(arm: ArmClient, group: str) -> None:
    arm.resource_group("rg-other")
    arm.request("PUT", arm.net_path(group, "networkSecurityGroups/a"), NSG)
    arm.request("PUT", arm.net_path("rg-other", "networkSecurityGroups/b"), NSG)
    arm.vnet(
        group,
        "v",
        ["10.0.0.0/16"],
        [{"name": "s1", "properties": {"addressPrefix": "10.0.1.0/24"}}],
    )
    in_group = arm.request("GET", arm.net_path(group, "networkSecurityGroups")).json()["value"]
    assert [r["name"] for r in in_group] == ["a"]
    everywhere = arm.request(
        "GET",
        f"/subscriptions/{arm.subscription}/providers/Microsoft.Network/networkSecurityGroups",
    ).json()["value"]
    assert sorted(r["name"] for r in everywhere) == ["a", "b"]
    subnets = arm.request("GET", arm.net_path(group, "virtualNetworks/v/subnets")).json()["value"]
    assert [s["name"] for s in subnets] == ["s1"]
    groups = arm.request(
        "GET", f"/subscriptions/{arm.subscription}/resourcegroups", api_version=RESOURCES_API
    )
    assert sorted(g["name"] for g in groups.json()["value"]) == ["rg-other", "rg-test"]


def test_group_contents_list_top_level_resources_only(arm: ArmClient, group: str) -> None:
    arm.request("PUT", arm.net_path(group, "networkSecurityGroups/a"), NSG)
    arm.vnet(
        group,
        "v",
        ["10.0.0.0/16"],
        [{"name": "s1", "properties": {"addressPrefix": "10.0.1.0/24"}}],
    )
    contents = arm.request("GET", f"{arm.rg_path(group)}/resources", api_version=RESOURCES_API)
    assert sorted(r["type"] for r in contents.json()["value"]) == [
        "Microsoft.Network/networkSecurityGroups",
        "Microsoft.Network/virtualNetworks",
    ]
    missing = arm.request("GET", f"{arm.rg_path('rg-none')}/resources", api_version=RESOURCES_API)
    assert missing.status_code == 404 and error_code(missing) == "ResourceGroupNotFound"


def test_delete_of_missing_resource_is_204(arm: ArmClient, group: str) -> None:
    assert (
        arm.request("DELETE", arm.net_path(group, "networkSecurityGroups/none")).status_code == 204
    )


def test_if_match_mismatch_is_412(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n1")
    etag = arm.request("PUT", path, NSG).json()["etag"]
    stale = arm.request("PUT", path, NSG, headers={"If-Match": 'W/"stale"'})
    assert stale.status_code == 412
    assert error_code(stale) == "PreconditionFailed"
    fresh = arm.request("PUT", path, NSG, headers={"If-Match": etag})
    assert fresh.status_code == 200
    assert arm.request("PUT", path, NSG, headers={"If-None-Match": "*"}).status_code == 412


def test_location_rules(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, "networkSecurityGroups/n1")
    assert error_code(arm.request("PUT", path, {})) == "LocationRequired"
    arm.request("PUT", path, {"location": "East US"})
    assert arm.request("GET", path).json()["location"] == "eastus"
    assert (
        error_code(arm.request("PUT", path, {"location": "westeurope"}))
        == "InvalidResourceLocation"
    )
