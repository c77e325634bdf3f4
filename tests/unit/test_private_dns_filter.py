"""private_dns_resolution: a public name resolves through the linked zone of its suffix, a
wildcard answers deeper names, an unlinked zone or a missing record resolves publicly."""

from __future__ import annotations

from ansible_collections.litware.aml_isolation.plugins.filter.private_dns import (
    private_dns_resolution,
)

BLOB = {
    "name": "privatelink.blob.core.windows.net",
    "linked": True,
    "records": {"st1": ["10.0.20.5"]},
}
API = {
    "name": "privatelink.api.azureml.ms",
    "linked": True,
    "records": {"*.g.inference.eastus": ["10.0.20.4"], "g.workspace.eastus": ["10.0.20.4"]},
}


def test_public_name_resolves_through_the_linked_zone() -> None:
    [entry] = private_dns_resolution(["ST1.blob.core.windows.net."], [BLOB], "10.0.20.0/24")
    assert entry == {
        "fqdn": "st1.blob.core.windows.net",
        "zone": "privatelink.blob.core.windows.net",
        "record": "st1",
        "ip_addresses": ["10.0.20.5"],
        "private": True,
    }


def test_wildcard_and_the_privatelink_name_itself() -> None:
    table = private_dns_resolution(
        ["x.g.inference.eastus.api.azureml.ms", "g.workspace.eastus.privatelink.api.azureml.ms"],
        [API],
    )
    assert [(e["record"], e["private"]) for e in table] == [
        ("g.workspace.eastus", True),
        ("*.g.inference.eastus", True),
    ]


def test_unlinked_zone_missing_record_or_other_subnet_is_not_private() -> None:
    table = private_dns_resolution(
        ["st1.blob.core.windows.net", "st2.blob.core.windows.net", "kv.vault.azure.net"],
        [{**BLOB, "linked": False}],
    )
    assert [e["private"] for e in table] == [False, False, False]
    [elsewhere] = private_dns_resolution(["st1.blob.core.windows.net"], [BLOB], "10.0.40.0/24")
    assert elsewhere["private"] is False


def test_vault_name_resolves_through_the_vaultcore_zone() -> None:
    zone = {
        "name": "privatelink.vaultcore.azure.net",
        "linked": True,
        "records": {"kv1": ["10.0.20.6"]},
    }
    [entry] = private_dns_resolution(["kv1.vault.azure.net"], [zone], "10.0.20.0/24")
    assert (entry["record"], entry["private"]) == ("kv1", True)
