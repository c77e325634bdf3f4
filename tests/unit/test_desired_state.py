"""The desired-state engine: create / update / delete / nothing, check mode, diff, wait=false."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.unit.fakes import GROUP_ID, FakeTransport, Reply, make_client

NSG_ID = f"{GROUP_ID}/providers/Microsoft.Network/networkSecurityGroups/nsg1"
NSG_TYPE = "microsoft.network/networksecuritygroups"
STATUS = "https://management.example.test/subscriptions/s/operations/1"


def rule(name: str, priority: int, **extra) -> dict:
    return {"name": name, "properties": {"priority": priority, "access": "Deny", **extra}}


def current_nsg(*rules: dict) -> dict:
    return {
        "id": NSG_ID,
        "name": "nsg1",
        "etag": 'W/"1"',
        "location": "eastus",
        "properties": {
            "provisioningState": "Succeeded",
            "securityRules": [
                {**r, "id": f"{NSG_ID}/securityRules/{r['name']}", "etag": 'W/"1"'} for r in rules
            ],
        },
    }


def engine(transport: FakeTransport, check_mode: bool = False, wait: bool = True, **rules):
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import (
        compare,
        desired_state,
        resource_id,
    )

    module = SimpleNamespace(
        client=make_client(transport),
        check_mode=check_mode,
        params={"wait": wait, "timeout": 60},
    )
    comparator = compare.Comparator(
        NSG_TYPE, list_modes={"properties.securityRules": compare.UNORDERED}
    )
    return desired_state.DesiredState(
        module,
        resource_id.parse_resource_id(NSG_ID),
        "2026-03-01",
        desired_state.Rules(comparator, **rules),
    )


DESIRED = {"location": "eastus", "properties": {"securityRules": [rule("DenyAll", 200)]}}


def test_nothing_to_do_sends_only_a_get_and_diffs_nothing() -> None:
    transport = FakeTransport([Reply(200, current_nsg(rule("DenyAll", 200)))])
    result = engine(transport).ensure("present", DESIRED)
    assert result["changed"] is False
    assert result["diff"]["before"] == result["diff"]["after"]
    assert transport.methods() == ["GET"]


def test_a_rule_added_by_hand_is_reported_in_check_mode_and_nothing_is_written() -> None:
    hand_added = rule("AllowAllOutbound", 100, access="Allow")
    transport = FakeTransport([Reply(200, current_nsg(rule("DenyAll", 200), hand_added))])
    result = engine(transport, check_mode=True).ensure("present", DESIRED)
    assert result["changed"] is True
    assert result["changed_properties"] == ["properties.securityRules[AllowAllOutbound]"]
    before = [r["name"] for r in result["diff"]["before"]["properties"]["securityRules"]]
    after = [r["name"] for r in result["diff"]["after"]["properties"]["securityRules"]]
    assert (before, after) == (["DenyAll", "AllowAllOutbound"], ["DenyAll"])
    # Only what is managed: no etag, id or provisioningState anywhere in the diff.
    assert "etag" not in str(result["diff"]) and "provisioningState" not in str(result["diff"])
    assert "/securityRules/" not in str(result["diff"])
    assert transport.methods() == ["GET"]


def test_a_run_removes_the_extra_rule_with_one_put() -> None:
    hand_added = rule("AllowAllOutbound", 100, access="Allow")
    written = current_nsg(rule("DenyAll", 200))
    transport = FakeTransport(
        [Reply(200, current_nsg(rule("DenyAll", 200), hand_added)), Reply(200, written)]
    )
    result = engine(transport).ensure("present", DESIRED)
    assert result["changed"] is True
    sent = transport.sent[1]
    assert sent.method == "PUT"
    assert [r["name"] for r in sent.body["properties"]["securityRules"]] == ["DenyAll"]
    assert "etag" not in sent.body and "provisioningState" not in sent.body["properties"]


def test_create_requires_the_named_options_before_any_write() -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
        ArmError,
    )

    transport = FakeTransport([Reply(404, {"error": {"code": "ResourceNotFound"}})])
    with pytest.raises(ArmError) as raised:
        engine(transport, create_requires={"location": "location"}).ensure(
            "present", {"properties": {}}
        )
    assert raised.value.option == "location"
    assert transport.methods() == ["GET"]


def test_immutable_property_change_is_refused() -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
        ArmError,
    )

    transport = FakeTransport([Reply(200, current_nsg())])
    with pytest.raises(ArmError) as raised:
        engine(transport, immutable={"location": "location"}).ensure(
            "present", {"location": "westeurope"}
        )
    assert raised.value.option == "location"


def test_wait_false_returns_the_handle_of_the_started_operation() -> None:
    transport = FakeTransport(
        [
            Reply(404, {"error": {"code": "ResourceNotFound"}}),
            Reply(201, {"name": "nsg1"}, {"Azure-AsyncOperation": STATUS}),
        ]
    )
    result = engine(transport, wait=False).ensure("present", DESIRED)
    assert result["changed"] is True
    assert result["operation"]["method"] == "PUT"
    assert result["operation"]["status_url"] == STATUS
    assert result["diff"]["before"] == {}
    assert transport.methods() == ["GET", "PUT"]


def test_wait_false_without_a_change_returns_an_idle_handle() -> None:
    transport = FakeTransport([Reply(200, current_nsg(rule("DenyAll", 200)))])
    result = engine(transport, wait=False).ensure("present", DESIRED)
    # It carries what was read, so that joining it sends no second GET.
    assert result["operation"] == {
        "id": NSG_ID,
        "api_version": "2026-03-01",
        "method": None,
        "resource": result["resource"],
    }
    assert result["resource"]["name"] == "nsg1"
    assert transport.methods() == ["GET"]


def test_patch_updates_send_only_the_changed_top_level_keys() -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (
        PATCH,
    )

    current = {**current_nsg(), "tags": {"a": "1"}}
    transport = FakeTransport([Reply(200, current), Reply(200, {**current, "tags": {"a": "2"}})])
    engine(transport, update_method=PATCH).ensure(
        "present", {"location": "eastus", "tags": {"a": "2"}}
    )
    assert (transport.sent[1].method, transport.sent[1].body) == ("PATCH", {"tags": {"a": "2"}})


def test_delete_of_a_missing_resource_changes_nothing() -> None:
    transport = FakeTransport([Reply(404, {"error": {"code": "ResourceNotFound"}})])
    result = engine(transport).ensure("absent", None)
    assert result["changed"] is False
    assert transport.methods() == ["GET"]


def test_none_values_are_not_managed_and_null_detaches() -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (
        NULL,
        prune,
    )

    assert prune({"a": None, "b": {"c": NULL, "d": 1}}) == {"b": {"c": None, "d": 1}}


def test_patch_desired_sends_the_desired_value_without_read_only_or_create_only_members() -> None:
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.desired_state import (
        PATCH,
    )

    current = {
        **current_nsg(),
        "tags": {"a": "1"},
        "properties": {"creationTime": "t", "isHnsEnabled": True, "minimumTlsVersion": "TLS1_0"},
    }
    transport = FakeTransport([Reply(200, current), Reply(200, current)])
    desired = {
        "location": "eastus",
        "tags": {"b": "2"},
        "properties": {"isHnsEnabled": True, "minimumTlsVersion": "TLS1_2"},
    }
    engine(
        transport,
        update_method=PATCH,
        patch_desired=True,
        immutable={"location": "location", "hierarchical_namespace": "properties.isHnsEnabled"},
    ).ensure("present", desired)
    assert (transport.sent[1].method, transport.sent[1].body) == (
        "PATCH",
        {"tags": {"a": "1", "b": "2"}, "properties": {"minimumTlsVersion": "TLS1_2"}},
    )


def test_delete_query_goes_with_the_delete() -> None:
    transport = FakeTransport([Reply(200, current_nsg()), Reply(200, None)])
    engine(transport, delete_query={"forceToPurge": "true"}).ensure("absent", None)
    assert transport.sent[1].method == "DELETE"
    assert "forceToPurge=true" in transport.sent[1].url
