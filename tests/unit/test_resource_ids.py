"""Resource ids, the api-version table and module targets."""

from __future__ import annotations

import pytest

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.api_versions import (
    api_version_for_type,
    resource_type_key,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.resource_id import (
    ResourceId,
    parse_resource_id,
    resource_id_from_parts,
    same_resource_id,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.target import (
    resource_or_collection_target,
    resource_target,
)

SUB = "00000000-0000-0000-0000-000000000001"
SUBNET_ID = (
    f"/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/"
    "virtualNetworks/vnet1/subnets/snet1"
)


def target_params(**given: str) -> dict:
    base = dict.fromkeys(("id", "resource_group", "provider", "resource_type", "resource_name"))
    base["api_version"] = None
    base.update(given)
    return base


def test_parse_child_resource() -> None:
    parsed = parse_resource_id(SUBNET_ID)
    assert parsed.subscription_id == SUB
    assert parsed.resource_group == "rg1"
    assert parsed.namespace == "Microsoft.Network"
    assert parsed.types == ("virtualNetworks", "subnets")
    assert parsed.names == ("vnet1", "snet1")
    assert parsed.name == "snet1"
    assert parsed.type_key == "microsoft.network/virtualnetworks/subnets"
    assert str(parsed) == SUBNET_ID
    assert str(parsed.parent) == SUBNET_ID.rsplit("/subnets/", 1)[0]
    assert str(parsed.parent.parent) == f"/subscriptions/{SUB}/resourceGroups/rg1"


def test_parse_resource_group() -> None:
    parsed = parse_resource_id(f"/subscriptions/{SUB}/resourcegroups/RG1")
    assert parsed.is_resource_group
    assert parsed.type_key == "microsoft.resources/resourcegroups"


@pytest.mark.parametrize(
    "bad",
    ["", "rg1", "/subscriptions", f"/subscriptions/{SUB}/resourceGroups/rg/providers/Ns/type"],
)
def test_bad_ids_name_the_option(bad: str) -> None:
    with pytest.raises(ArmError) as caught:
        parse_resource_id(bad, option="id")
    assert caught.value.option == "id"


def test_ids_compare_without_case() -> None:
    assert same_resource_id(SUBNET_ID.upper(), SUBNET_ID + "/")
    assert not same_resource_id(SUBNET_ID, SUBNET_ID + "x")


def test_parts_build_the_same_id() -> None:
    built = resource_id_from_parts(
        SUB, "rg1", "Microsoft.Network", "virtualNetworks/subnets", "vnet1/snet1"
    )
    assert built == parse_resource_id(SUBNET_ID)
    with pytest.raises(ArmError) as caught:
        resource_id_from_parts(SUB, "rg1", "Microsoft.Network", "virtualNetworks/subnets", "vnet1")
    assert caught.value.option == "resource_name"


def test_child_builder() -> None:
    vnet = ResourceId(SUB, "rg1", "Microsoft.Network", ("virtualNetworks",), ("vnet1",))
    assert str(vnet.child("subnets", "snet1")) == SUBNET_ID


@pytest.mark.parametrize(
    ("type_key", "version"),
    [
        ("microsoft.resources/resourcegroups", "2025-04-01"),
        ("Microsoft.Network/virtualNetworks/subnets", "2026-03-01"),
        ("microsoft.network/networksecuritygroups/securityrules", "2026-03-01"),
        ("microsoft.network/privatednszones/virtualnetworklinks", "2024-06-01"),
        ("microsoft.network/privatednszones/a", "2024-06-01"),
        ("microsoft.compute/virtualmachines", "2026-04-01"),
        ("microsoft.machinelearningservices/workspaces/computes", "2025-12-01"),
        ("microsoft.example/unknown", None),
    ],
)
def test_pinned_api_versions(type_key: str, version: str | None) -> None:
    assert api_version_for_type(type_key) == version


def test_type_key_of_an_id() -> None:
    assert resource_type_key(SUBNET_ID) == "microsoft.network/virtualnetworks/subnets"


def test_target_by_id_and_by_parts_agree() -> None:
    by_id = resource_target(target_params(id=SUBNET_ID), lambda: "unused")
    by_parts = resource_target(
        target_params(
            resource_group="rg1",
            provider="Microsoft.Network",
            resource_type="virtualNetworks/subnets",
            resource_name="vnet1/snet1",
        ),
        lambda: SUB,
    )
    assert by_id == by_parts
    assert by_id.api_version == "2026-03-01"


def test_unknown_type_without_api_version_names_api_version() -> None:
    params = target_params(
        resource_group="rg1",
        provider="Microsoft.Example",
        resource_type="things",
        resource_name="t",
    )
    with pytest.raises(ArmError) as caught:
        resource_target(params, lambda: SUB)
    assert caught.value.option == "api_version"
    params["api_version"] = "2024-01-01"
    assert resource_target(params, lambda: SUB).api_version == "2024-01-01"


def test_bad_api_version_is_named() -> None:
    with pytest.raises(ArmError) as caught:
        resource_target(target_params(id=SUBNET_ID, api_version="latest"), lambda: SUB)
    assert caught.value.option == "api_version"


def test_parts_are_checked_before_the_subscription_is_asked_for() -> None:
    def no_subscription() -> str:
        raise AssertionError("asked for the subscription before validating")

    with pytest.raises(ArmError) as caught:
        resource_target(
            target_params(resource_group="rg1", provider="Microsoft.Network"), no_subscription
        )
    assert caught.value.option == "resource_type"


def test_collection_targets() -> None:
    vnets = resource_or_collection_target(
        target_params(
            resource_group="rg1", provider="Microsoft.Network", resource_type="virtualNetworks"
        ),
        lambda: SUB,
    )
    assert vnets.collection_path == (
        f"/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks"
    )
    subnets = resource_or_collection_target(
        target_params(
            resource_group="rg1",
            provider="Microsoft.Network",
            resource_type="virtualNetworks/subnets",
            resource_name="vnet1",
        ),
        lambda: SUB,
    )
    assert subnets.collection_path == SUBNET_ID.rsplit("/", 1)[0]
    assert subnets.api_version == "2026-03-01"


def test_extension_resource_has_the_key_of_its_own_type() -> None:
    firewall = (
        f"/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network/azureFirewalls/afw"
    )
    setting = f"{firewall}/providers/Microsoft.Insights/diagnosticSettings/firewall-monitor"
    parsed = parse_resource_id(setting)
    assert parsed.type_key == "microsoft.insights/diagnosticsettings"
    assert str(parsed) == setting
