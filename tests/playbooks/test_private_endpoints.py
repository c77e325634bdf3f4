"""site.yml --tags network,workspace,private_endpoints on the ARM emulator: --check on an empty
subscription reports every endpoint it would create, the run leaves exactly one Approved
endpoint per dependency and sub-resource with every required name resolving (through the zones
linked to the VNet, as read from the emulator's state) to a private IP of the private-endpoints
subnet, a re-run writes nothing, a forced manual connection ends Approved by the collection
alone, deleting and recreating one endpoint leaves no stale record, destroy removes it all."""

from __future__ import annotations

import ipaddress
import json

import pytest

from tests.emulator.arm_client import ArmClient
from tests.playbooks.test_site import (  # noqa: F401 (the shared module fixtures)
    DESTROY,
    assert_ok,
    emulator,
    env,
    output,
    play,
    resources,
    writes,
)
from tools.arm_emulator.control import Emulator
from tools.request_counts import reported_changed_ids

TAGS = ("--tags", "network,workspace,private_endpoints")
SUBNET = ipaddress.ip_network("10.0.20.0/24")
ENDPOINTS = "/microsoft.network/privateendpoints/"
# (target name, sub-resource) every dependency needs, one endpoint each.
NEEDED = {
    ("mlw-litwarelocal1", "amlworkspace"),
    ("crlitwarelocal1", "registry"),
    ("kv-litwarelocal1", "vault"),
    ("stlitwarelocal1", "blob"),
    ("stlitwarelocal1", "file"),
    ("dlslitwarelocal1", "dfs"),
    ("dlslitwarelocal1", "blob"),
    ("ampls-litware", "azuremonitor"),
}
ZONES = {
    "privatelink.api.azureml.ms",
    "privatelink.notebooks.azure.net",
    "privatelink.azurecr.io",
    "privatelink.vaultcore.azure.net",
    "privatelink.blob.core.windows.net",
    "privatelink.file.core.windows.net",
    "privatelink.dfs.core.windows.net",
    "privatelink.monitor.azure.com",
    "privatelink.oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net",
}


def resolution_table(state: dict[str, dict]) -> dict[str, list[str]]:
    """Every name the endpoints serve -> the addresses it resolves to in the VNet, computed
    from the emulator's state alone: the public name's `privatelink.` CNAME target, answered by
    an A record (or wildcard) of a zone linked to the spoke VNet."""
    vnet = next(k for k in state if k.endswith("/virtualnetworks/vnet-litware"))
    linked = {
        key.split("/virtualnetworklinks/")[0].rsplit("/", 1)[1]
        for key, item in state.items()
        if "/virtualnetworklinks/" in key
        and item["properties"]["virtualNetwork"]["id"].lower() == vnet
        and item["properties"]["registrationEnabled"] is False
    }
    records = {
        item["properties"]["fqdn"].rstrip(".").lower(): [
            a["ipv4Address"] for a in item["properties"]["aRecords"]
        ]
        for key, item in state.items()
        if "/privatednszones/" in key and "/a/" in key
    }
    table = {}
    for key, item in state.items():
        if ENDPOINTS not in key or "/privatednszonegroups/" in key:
            continue
        for config in item["properties"]["customDnsConfigs"]:
            fqdn = config["fqdn"].lower()
            # Public DNS answers <vault>.vault.azure.net with <vault>.privatelink.vaultcore...
            cname = fqdn.replace(".vault.", ".vaultcore.", 1)
            found: list[str] = []
            for zone in linked:
                suffix = zone.removeprefix("privatelink.")
                if not cname.endswith("." + suffix):
                    continue
                name = f"{cname[: -len(suffix) - 1]}.{zone}"
                labels = name.split(".")
                candidates = [name] + ["*." + ".".join(labels[i:]) for i in range(1, len(labels))]
                found = next((records[c] for c in candidates if c in records), [])
                if found:
                    break
            table[fqdn] = found
    return table


def endpoints_by_target(state: dict[str, dict]) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for key, item in state.items():
        if ENDPOINTS not in key or "/privatednszonegroups/" in key:
            continue
        [request] = (
            item["properties"]["privateLinkServiceConnections"]
            + item["properties"]["manualPrivateLinkServiceConnections"]
        )
        target = request["properties"]["privateLinkServiceId"].rsplit("/", 1)[1].lower()
        group = request["properties"]["groupIds"][0]
        status = request["properties"]["privateLinkServiceConnectionState"]["status"]
        found.setdefault((target, group), []).append(status)
    return found


def connection_states(state: dict[str, dict]) -> list[str]:
    return [
        item["properties"]["privateLinkServiceConnectionState"]["status"]
        for key, item in state.items()
        if "/privateendpointconnections/" in key
    ]


def assert_isolated(state: dict[str, dict]) -> dict[str, list[str]]:
    assert endpoints_by_target(state) == {need: ["Approved"] for need in NEEDED}
    assert sorted(connection_states(state)) == ["Approved"] * len(NEEDED)
    zones = {key.rsplit("/", 1)[1] for key in state if key.split("/")[-2] == "privatednszones"}
    assert zones >= ZONES
    table = resolution_table(state)
    assert len(table) >= 15
    for fqdn, addresses in table.items():
        assert addresses, f"{fqdn} resolves publicly"
        assert all(ipaddress.ip_address(a) in SUBNET for a in addresses), (fqdn, addresses)
    return table


def test_check_run_rerun_manual_recreate_destroy(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", emulator.ca_bundle)
    emulator.reset()
    checked = play(env, "--check", "-v", *TAGS)
    assert_ok(checked)
    assert writes(emulator) == []
    would = {
        rid.rsplit("/", 1)[1]
        for rid in reported_changed_ids(checked.stdout)
        if rid.split("/")[-2] == "privateendpoints"
    }
    assert would == {
        "pe-aml",
        "pe-cr",
        "pe-keyvault",
        "pe-blob",
        "pe-file",
        "pe-dfs",
        "pe-lake-blob",
        "peampls-litwarelocal1",
    }

    assert_ok(play(env, *TAGS))
    table = assert_isolated(resources(emulator))
    workspace_names = [f for f in table if f.endswith("api.azureml.ms")]
    assert any(".cert." in f for f in workspace_names)
    assert any(f.endswith(".notebooks.azure.net") for f in table)

    emulator.clear_requests()
    again = play(env, *TAGS)
    totals = assert_ok(again)
    assert totals["changed"] == 0, output(again)[-4000:]
    assert writes(emulator) == []

    # Two endpoints deleted and made again as manual requests: the collection approves them,
    # and no record of the deleted ones survives.
    arm = ArmClient(emulator)
    group = arm.rg_path("rg-litware-privatelink-local1")
    for name in ("pe-blob", "pe-keyvault"):
        arm.lro("DELETE", f"{group}/providers/Microsoft.Network/privateEndpoints/{name}")
    gone = resources(emulator)
    assert not [k for k in gone if "privatelink.blob.core.windows.net/a/stlitwarelocal1" in k]
    manual = play(env, *TAGS, "-e", json.dumps({"private_endpoints_manual_connections": True}))
    assert_ok(manual)
    state = resources(emulator)
    assert_isolated(state)
    recreated = state[f"{group}/providers/microsoft.network/privateendpoints/pe-blob".lower()]
    assert recreated["properties"]["manualPrivateLinkServiceConnections"]
    [record] = [
        v
        for k, v in state.items()
        if k.endswith("privatelink.blob.core.windows.net/a/stlitwarelocal1")
    ]
    address = recreated["properties"]["customDnsConfigs"][0]["ipAddresses"]
    assert [a["ipv4Address"] for a in record["properties"]["aRecords"]] == address

    assert_ok(
        play(env, "-e", "destroy_confirmed=true", "-e", "destroy_purge=true", playbook=DESTROY)
    )
    assert resources(emulator) == {}
