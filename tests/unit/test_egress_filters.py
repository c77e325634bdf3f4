"""The allow-list and network filters the egress_allowlist and proxy roles rely on."""

from __future__ import annotations

import pytest

from ansible_collections.litware.aml_isolation.plugins.filter.egress import (
    allowlist_choice_errors,
    allowlist_errors,
    allowlist_resolve,
    collapse_networks,
    squid_dstdomains,
    valid_hostname,
    valid_network,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    SOURCES,
)
from tools.egress_tables import load_catalog as catalog


def entry(**changes: object) -> dict:
    base = {"name": "e", "kind": "fqdn", "value": "a.example.com", "ports": [443]}
    return {**base, "protocol": "https", "category": "custom", **changes}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ml.azure.com", True),
        ("*.blob.core.windows.net", True),
        ("Login.MicrosoftOnline.com", True),
        ("localhost", False),
        ("bad_name.com", False),
        ("-a.com", False),
        ("a..com", False),
        ("*.", False),
        ("a.*.com", False),
        ("10.0.0.1", False),
        ("x" * 64 + ".com", False),
        (None, False),
    ],
)
def test_valid_hostname(value: object, expected: bool) -> None:
    assert valid_hostname(value) is expected


def test_valid_hostname_without_wildcards() -> None:
    assert not valid_hostname("*.example.com", wildcard=False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.0.40.0/24", True),
        ("10.0.0.0/16", True),
        ("2001:db8::/32", True),
        ("10.0.40.5/24", False),
        ("10.0.40.0", False),
        ("training-subnet", False),
        ("10.0.40.0/33", False),
        (24, False),
    ],
)
def test_valid_network(value: object, expected: bool) -> None:
    assert valid_network(value) is expected


def test_valid_network_by_version() -> None:
    assert valid_network("10.0.0.0/8", version=4)
    assert not valid_network("2001:db8::/32", version=4)


def test_collapse_networks_keeps_the_covering_network() -> None:
    assert collapse_networks(["10.0.40.0/24", "10.0.0.0/16"]) == ["10.0.0.0/16"]
    assert collapse_networks(["10.1.0.0/24", "10.1.1.0/24", "2001:db8::/33"]) == [
        "10.1.0.0/23",
        "2001:db8::/33",
    ]


def test_squid_dstdomains_writes_wildcards_and_drops_covered_names() -> None:
    names = ["*.a.com", "b.a.com", "A.com", "*.x.a.com", "ml.azure.com", "ml.azure.com", "xa.com"]
    assert squid_dstdomains(names) == [".a.com", "ml.azure.com", "xa.com"]


def test_the_builtin_catalog_is_valid_and_covers_the_reference_ports() -> None:
    entries = catalog()
    assert allowlist_errors(entries, "__egress_allowlist_catalog") == []
    ports = {port for e in entries for port in e["ports"]}
    assert {80, 443, 445, 5831, 8787, 18881, "8704-8710"} <= ports
    assert {"udp", "any"} <= {e["protocol"] for e in entries}
    assert all(e["source"] in SOURCES for e in entries)


def test_resolve_selects_categories_and_features_and_fills_placeholders() -> None:
    resolved = allowlist_resolve(
        catalog(),
        region="brazilsouth",
        region_service_tag="BrazilSouth",
        storage_accounts=["stlitware1"],
        registries=[],
        categories=["required"],
        features=[],
    )
    values = {e["value"] for e in resolved}
    assert "Storage.BrazilSouth" in values
    assert "*.brazilsouth.batch.azure.com" in values
    assert "stlitware1.file.core.windows.net" in values
    assert not any("<" in v for v in values)
    assert "cloud.r-project.org" not in values  # recommended not selected
    assert "AzureMonitor" not in values  # feature azure_monitor_public not selected
    assert all(e["regional"] for e in resolved if "brazilsouth" in e["value"].lower())
    assert allowlist_errors(resolved, "resolved") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "bad_host!.com"}, "entries[0].value is 'bad_host!.com'"),
        ({"kind": "hostname"}, "entries[0].kind is 'hostname'"),
        ({"ports": [0]}, "entries[0].ports[0] is 0"),
        ({"ports": [70000]}, "entries[0].ports[0] is 70000"),
        ({"ports": ["9000-8000"]}, "entries[0].ports[0] is '9000-8000'"),
        ({"ports": []}, "entries[0].ports must be a non-empty list"),
        ({"protocol": "icmp"}, "entries[0].protocol is 'icmp'"),
        ({"category": "misc"}, "entries[0].category is 'misc'"),
        ({"category": "training"}, "entries[0].category is 'training': one of"),
        ({"kind": "service_tag", "value": "Storage.brazilsouth"}, "entries[0].value is 'Stor"),
        ({"kind": "service_tag", "value": "AzureFrontDoor.FrontEnd"}, "entries[0].value is 'Azu"),
        ({"kind": "service_tag", "value": "Keyvault.BrazilSouth"}, "entries[0].value is 'Keyv"),
        ({"kind": "service_tag", "value": "AzureMachineLearning"}, "entries[0].protocol is 'h"),
        ({"value": {"AzureGermanCloud": "a.example.de"}}, "entries[0].value maps clouds"),
        ({"value": {"AzureCloud": "bad_host!.com"}}, "entries[0].value.AzureCloud is"),
        ({"feature": "gpu"}, "entries[0].feature is 'gpu'"),
        ({"firewall_via": "VirtualNetwork"}, "entries[0].firewall_via is 'VirtualNetwork'"),
        ({"kind": "ip_prefix", "value": "10.0.0.5/24"}, "entries[0].value is '10.0.0.5/24'"),
        ({"kind": "service_tag", "value": "Storage..X"}, "entries[0].value is 'Storage..X'"),
        ({"colour": "red"}, "entries[0] has unknown keys ['colour']"),
    ],
)
def test_allowlist_errors_name_the_entry(change: dict, message: str) -> None:
    errors = allowlist_errors([entry(**change)])
    assert any(error.startswith(message) for error in errors), errors


def test_allowlist_errors_accepts_placeholders_and_refuses_duplicate_names() -> None:
    placeholders = entry(value="<storage>.blob.core.windows.net")
    assert allowlist_errors([placeholders]) == []
    assert "already used" in allowlist_errors([entry(), entry()], "custom")[0]


def test_retired_categories_and_unknown_choices_are_refused_with_a_hint() -> None:
    errors = allowlist_choice_errors(["required", "training"], ["gpu"], "AzureGermanCloud")
    assert errors[0].startswith("egress_allowlist_categories holds 'training', which was merged")
    assert errors[1].startswith("egress_allowlist_features holds 'gpu': choose from automl")
    assert errors[2].startswith("egress_allowlist_cloud is 'AzureGermanCloud'")
    assert allowlist_choice_errors(["required", "recommended"], ["vscode"], "AzureCloud") == []
