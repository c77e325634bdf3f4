"""Subset comparison, list modes, read-only and write-only fields, ARM's case rules, merge."""

from __future__ import annotations

import pytest

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.compare import (
    ALLOW_MORE_PRESENT,
    MASK,
    ORDERED,
    UNORDERED,
    Comparator,
    normalize_location,
)

VNET = "microsoft.network/virtualnetworks"
VM = "microsoft.compute/virtualmachines"

CURRENT_VNET = {
    "id": "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Network/virtualNetworks/vnet1",
    "name": "vnet1",
    "type": "Microsoft.Network/virtualNetworks",
    "etag": 'W/"1"',
    "location": "eastus",
    "tags": {"owner": "ml", "cost": "42"},
    "properties": {
        "provisioningState": "Succeeded",
        "resourceGuid": "guid",
        "addressSpace": {"addressPrefixes": ["10.0.0.0/16", "10.1.0.0/16"]},
        "subnets": [
            {
                "name": "snet-a",
                "id": "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/"
                "virtualNetworks/vnet1/subnets/snet-a",
                "properties": {"addressPrefix": "10.0.1.0/24", "provisioningState": "Succeeded"},
            },
            {"name": "snet-b", "properties": {"addressPrefix": "10.0.2.0/24"}},
        ],
    },
}


def test_subset_of_current_is_up_to_date() -> None:
    desired = {"location": "eastus", "tags": {"owner": "ml"}}
    assert Comparator(VNET).is_subset(desired, CURRENT_VNET)


def test_changed_scalar_is_reported_with_its_path() -> None:
    tracker = Comparator(VNET).differences({"tags": {"owner": "data"}}, CURRENT_VNET)
    assert tracker.paths() == ["tags.owner"]
    assert tracker.differences[0]["before"] == "ml"
    assert tracker.differences[0]["after"] == "data"


def test_missing_property_is_a_difference() -> None:
    tracker = Comparator(VNET).differences(
        {"properties": {"enableDdosProtection": True}}, CURRENT_VNET
    )
    assert tracker.paths() == ["properties.enableDdosProtection"]


def test_read_only_fields_are_ignored() -> None:
    desired = {
        "id": "/other",
        "etag": "x",
        "type": "whatever",
        "properties": {"provisioningState": "Updating", "resourceGuid": "other"},
    }
    assert Comparator(VNET).is_subset(desired, CURRENT_VNET)


def test_nested_type_is_not_read_only() -> None:
    current = {"identity": {"type": "SystemAssigned"}}
    assert not Comparator(VNET).is_subset({"identity": {"type": "UserAssigned"}}, current)


@pytest.mark.parametrize("desired_location", ["East US", "EASTUS", "east us"])
def test_location_is_compared_without_case_or_spaces(desired_location: str) -> None:
    assert Comparator(VNET).is_subset({"location": desired_location}, CURRENT_VNET)
    assert normalize_location(desired_location) == "eastus"


def test_resource_ids_are_compared_without_case() -> None:
    desired = {
        "properties": {
            "subnets": [
                {
                    "name": "SNET-A",
                    "id": "/SUBSCRIPTIONS/S/resourcegroups/rg1/providers/microsoft.network/"
                    "virtualnetworks/VNET1/subnets/snet-a",
                },
                {"name": "snet-b"},
            ]
        }
    }
    assert Comparator(VNET).is_subset(desired, CURRENT_VNET)


def test_ordinary_strings_stay_case_sensitive() -> None:
    assert not Comparator(VNET).is_subset({"tags": {"owner": "ML"}}, CURRENT_VNET)


def test_ordered_lists_need_the_same_order() -> None:
    desired = {"properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16", "10.0.0.0/16"]}}}
    assert not Comparator(VNET, ORDERED).is_subset(desired, CURRENT_VNET)
    assert Comparator(VNET, UNORDERED).is_subset(desired, CURRENT_VNET)


def test_unordered_lists_need_the_same_elements() -> None:
    desired = {"properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}
    assert not Comparator(VNET, UNORDERED).is_subset(desired, CURRENT_VNET)
    assert Comparator(VNET, ALLOW_MORE_PRESENT).is_subset(desired, CURRENT_VNET)


def test_allow_more_present_still_needs_every_desired_element() -> None:
    desired = {"properties": {"addressSpace": {"addressPrefixes": ["10.9.0.0/16"]}}}
    assert not Comparator(VNET, ALLOW_MORE_PRESENT).is_subset(desired, CURRENT_VNET)


def test_list_mode_per_path_overrides_the_default() -> None:
    desired = {"properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16", "10.0.0.0/16"]}}}
    comparator = Comparator(
        VNET, ORDERED, list_modes={"properties.addressSpace.addressPrefixes": UNORDERED}
    )
    assert comparator.is_subset(desired, CURRENT_VNET)


def test_lists_of_dicts_are_matched_by_name() -> None:
    desired = {
        "properties": {
            "subnets": [
                {"name": "snet-b", "properties": {"addressPrefix": "10.0.2.0/24"}},
                {"name": "snet-a", "properties": {"addressPrefix": "10.0.1.0/24"}},
            ]
        }
    }
    assert Comparator(VNET, UNORDERED).is_subset(desired, CURRENT_VNET)
    changed = {
        "properties": {"subnets": [{"name": "snet-a", "properties": {"addressPrefix": "x"}}]}
    }
    assert not Comparator(VNET, ALLOW_MORE_PRESENT).is_subset(changed, CURRENT_VNET)


def test_list_elements_are_subsets_too() -> None:
    desired = {"properties": {"subnets": [{"name": "snet-a"}, {"name": "snet-b"}]}}
    assert Comparator(VNET, ORDERED).is_subset(desired, CURRENT_VNET)


def test_write_only_fields_of_a_type_never_cause_a_change() -> None:
    current = {"properties": {"osProfile": {"adminUsername": "azureuser"}}}
    desired = {
        "properties": {
            "osProfile": {
                "adminUsername": "azureuser",
                "adminPassword": "S3cret!",
                "customData": "x",
            }
        }
    }
    assert Comparator(VM).is_subset(desired, current)


def test_write_only_keys_are_masked_in_the_diff() -> None:
    desired = {"properties": {"osProfile": {"adminUsername": "u", "adminPassword": "S3cret!"}}}
    diff = Comparator(VM).managed_diff(None, desired, desired)
    assert diff["after"]["properties"]["osProfile"]["adminPassword"] == MASK
    assert "S3cret!" not in repr(diff)


def test_generic_write_only_key_counts_when_arm_returns_it() -> None:
    desired = {"properties": {"sharedKey": "new"}}
    comparator = Comparator("microsoft.example/things")
    assert not comparator.is_subset(desired, {"properties": {"sharedKey": "old"}})
    assert comparator.is_subset(desired, {"properties": {}})


def test_booleans_are_not_numbers() -> None:
    assert not Comparator(VNET).is_subset(
        {"properties": {"flag": 1}}, {"properties": {"flag": True}}
    )


def test_merge_keeps_unmanaged_properties_and_drops_read_only_ones() -> None:
    desired = {"tags": {"owner": "data"}, "properties": {"subnets": [{"name": "snet-a"}]}}
    merged = Comparator(VNET).merge(desired, CURRENT_VNET)
    assert merged["location"] == "eastus"
    assert merged["tags"] == {"owner": "data", "cost": "42"}
    assert merged["properties"]["addressSpace"] == CURRENT_VNET["properties"]["addressSpace"]
    assert merged["properties"]["subnets"] == [
        {
            "name": "snet-a",
            "id": CURRENT_VNET["properties"]["subnets"][0]["id"],
            "properties": {"addressPrefix": "10.0.1.0/24"},
        }
    ]
    for read_only in ("id", "etag", "type", "name"):
        assert read_only not in merged
    assert "provisioningState" not in merged["properties"]


def test_merge_with_allow_more_present_keeps_extra_elements() -> None:
    desired = {
        "properties": {"subnets": [{"name": "snet-c", "properties": {"addressPrefix": "x"}}]}
    }
    merged = Comparator(VNET, ALLOW_MORE_PRESENT).merge(desired, CURRENT_VNET)
    names = [subnet["name"] for subnet in merged["properties"]["subnets"]]
    assert names == ["snet-c", "snet-a", "snet-b"]


def test_diff_has_before_and_after() -> None:
    comparator = Comparator(VNET)
    desired = {"tags": {"owner": "data"}}
    diff = comparator.whole_diff(CURRENT_VNET, comparator.merge(desired, CURRENT_VNET))
    assert diff["before"]["tags"]["owner"] == "ml"
    assert diff["after"]["tags"]["owner"] == "data"
    assert "etag" not in diff["before"] and "provisioningState" not in diff["before"]["properties"]
    assert comparator.whole_diff(CURRENT_VNET, None)["after"] == {}


def test_managed_diff_shows_only_what_the_body_manages() -> None:
    comparator = Comparator(VNET)
    desired = {"properties": {"addressSpace": {"addressPrefixes": ["10.9.0.0/16"]}}}
    diff = comparator.managed_diff(CURRENT_VNET, comparator.merge(desired, CURRENT_VNET), desired)
    assert diff["before"] == {
        "properties": {"addressSpace": CURRENT_VNET["properties"]["addressSpace"]}
    }
    assert diff["after"] == desired


def test_exact_paths_make_extra_keys_a_change_and_replace_on_merge() -> None:
    comparator = Comparator(VNET, exact_paths=("tags",))
    desired = {"tags": {"owner": "ml"}}
    assert comparator.differences(desired, CURRENT_VNET).paths() == ["tags.cost"]
    assert comparator.merge(desired, CURRENT_VNET)["tags"] == {"owner": "ml"}


def test_named_elements_of_exclusive_lists_are_reported_one_by_one() -> None:
    comparator = Comparator(VNET, list_modes={"properties.subnets": UNORDERED})
    desired = {
        "properties": {"subnets": [{"name": "snet-a", "properties": {"addressPrefix": "x"}}]}
    }
    assert comparator.differences(desired, CURRENT_VNET).paths() == [
        "properties.subnets[snet-a].properties.addressPrefix",
        "properties.subnets[snet-b]",
    ]


def test_unknown_list_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        Comparator(VNET, "sorted")
