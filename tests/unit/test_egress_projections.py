"""What each enforcement point makes of the allow-list, for every cloud, checked entry by entry."""

from __future__ import annotations

import functools

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.filter.egress import allowlist_resolve
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import projections
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.service_tags import (
    SERVICE_TAGS,
    tag_error,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress.vocabulary import (
    CATEGORIES,
    CLOUDS,
    FEATURES,
)
from tools.arm_emulator.schema import Validator, load_model
from tools.egress_tables import load_catalog

# A region of each cloud, in the order of CLOUDS, as host names and as service tags spell it.
REGIONS = dict(
    zip(
        CLOUDS,
        [
            ("brazilsouth", "BrazilSouth"),
            ("usgovvirginia", "USGovVirginia"),
            ("chinaeast2", "ChinaEast2"),
        ],
        strict=True,
    )
)
SOURCES = ["10.0.40.0/24"]
PRIVATE_ENDPOINTS = ["10.0.30.0/24"]


CATALOG = load_catalog()


def resolved(cloud: str = "AzureCloud", features=None, categories=None, **extra) -> list[dict]:
    region, region_tag = REGIONS[cloud]
    return allowlist_resolve(
        CATALOG,
        region=region,
        region_service_tag=region_tag,
        storage_accounts=["stlitware1"],
        registries=["crlitware1"],
        node_package_hosts=["node-packages.example.com"],
        categories=list(CATEGORIES) if categories is None else categories,
        features=list(FEATURES) if features is None else features,
        cloud=cloud,
        **extra,
    )


@functools.cache
def everything(cloud: str) -> list[dict]:
    """Every entry of the cloud, the features that exclude others included."""
    return resolved(cloud, features=None, categories=None) + resolved(cloud, features=[])


def network_rules(cloud: str) -> list[dict]:
    return projections.firewall_network_rules(
        everything(cloud), SOURCES, private_endpoint_prefixes=PRIVATE_ENDPOINTS
    )


def application_rules(cloud: str) -> list[dict]:
    return projections.firewall_application_rules(everything(cloud), SOURCES)


@pytest.mark.parametrize("cloud", CLOUDS)
def test_no_wildcard_host_in_a_network_rule(cloud: str) -> None:
    rules = network_rules(cloud)
    assert rules
    fqdns = [fqdn for rule in rules for fqdn in rule.get("destinationFqdns", [])]
    assert fqdns and not [fqdn for fqdn in fqdns if "*" in fqdn]


@pytest.mark.parametrize("cloud", CLOUDS)
def test_no_virtual_network_tag_in_a_firewall_rule(cloud: str) -> None:
    assert "VirtualNetwork" in {e["value"] for e in everything(cloud)}  # kept for NSGs
    addresses = [a for rule in network_rules(cloud) for a in rule.get("destinationAddresses", [])]
    assert "VirtualNetwork" not in addresses
    targets = [t for rule in application_rules(cloud) for t in rule["targetFqdns"]]
    assert "VirtualNetwork" not in targets
    nsg = projections.nsg_rules(everything(cloud), SOURCES)
    assert "VirtualNetwork" in {rule["properties"]["destinationAddressPrefix"] for rule in nsg}


@pytest.mark.parametrize("cloud", CLOUDS)
def test_every_generated_tag_is_in_the_known_tag_table(cloud: str) -> None:
    addresses = {a for rule in network_rules(cloud) for a in rule.get("destinationAddresses", [])}
    nsg = projections.nsg_rules(everything(cloud), SOURCES)
    addresses |= {rule["properties"]["destinationAddressPrefix"] for rule in nsg}
    tags = {address for address in addresses if address[0].isalpha()}
    assert {"AzureFrontDoor.FirstParty", "MicrosoftContainerRegistry"} <= tags
    assert {tag: tag_error(tag) for tag in tags} == dict.fromkeys(tags)
    region_tag = REGIONS[cloud][1]
    assert {f"Storage.{region_tag}", f"BatchNodeManagement.{region_tag}"} <= tags
    assert f"AzureKeyVault.{region_tag}" in tags


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("AzureFrontDoor.FrontEnd", "'AzureFrontDoor' is not a known service tag"),
        ("Keyvault.BrazilSouth", "'Keyvault' is not a known service tag"),
        ("Storage.brazilsouth", "spelled like BrazilSouth"),
        ("AzureResourceManager.BrazilSouth", "has no regional form"),
    ],
)
def test_the_tag_table_refuses_misspelled_tags(tag: str, problem: str) -> None:
    assert problem in tag_error(tag)


@pytest.mark.parametrize("cloud", CLOUDS)
def test_every_entry_is_mapped_or_marked_not_applicable_with_a_reason(cloud: str) -> None:
    table = projections.enforcement_table(everything(cloud), PRIVATE_ENDPOINTS)
    assert len(table) == len(everything(cloud))
    for row in table:
        points = {point: row[point] for point in projections.POINTS}
        for point, result in points.items():
            assert result["form"] if result["carried"] else result["reason"], (row["name"], point)
        assert any(result["carried"] for result in points.values()), row["name"]


@pytest.mark.parametrize("cloud", CLOUDS)
def test_the_rules_carry_exactly_what_the_mapping_says(cloud: str) -> None:
    table = projections.enforcement_table(everything(cloud), PRIVATE_ENDPOINTS)
    carried = {
        point: {row["name"] for row in table if row[point]["carried"]}
        for point in projections.POINTS
    }
    assert {rule["name"] for rule in network_rules(cloud)} == carried["firewall_network"]
    assert {rule["name"] for rule in application_rules(cloud)} == carried["firewall_application"]
    nsg = projections.nsg_rules(everything(cloud), SOURCES, name_prefix="")
    assert {rule["name"] for rule in nsg} == carried["nsg"]
    proxied = set(projections.proxy_hosts(everything(cloud), "https"))
    proxied |= set(projections.proxy_hosts(everything(cloud), "http"))
    assert proxied == {row["value"] for row in table if row["proxy"]["carried"]}


def test_the_three_clouds_produce_their_own_lists() -> None:
    hosts = {
        cloud: {e["value"] for e in resolved(cloud) if e["kind"] == "fqdn"} for cloud in CLOUDS
    }
    assert {"login.microsoftonline.com", "ml.azure.com", "*.notebooks.azure.net"} <= hosts[
        "AzureCloud"
    ]
    assert {"login.microsoftonline.us", "management.usgovcloudapi.net", "ml.azure.us"} <= hosts[
        "AzureUSGovernment"
    ]
    assert {"login.chinacloudapi.cn", "studio.ml.azure.cn", "*.vault.azure.cn"} <= hosts[
        "AzureChinaCloud"
    ]
    assert "stlitware1.blob.core.usgovcloudapi.net" in hosts["AzureUSGovernment"]
    assert "crlitware1.azurecr.cn" in hosts["AzureChinaCloud"]
    assert "usgovvirginia.tundra.azureml.us" in hosts["AzureUSGovernment"]
    for cloud, own in hosts.items():
        for other, other_hosts in hosts.items():
            if other != cloud:
                assert own != other_hosts
    sovereign = hosts["AzureUSGovernment"] | hosts["AzureChinaCloud"]
    assert not {"login.microsoftonline.com", "management.azure.com", "ml.azure.com"} & sovereign
    china_tags = {e["value"] for e in resolved("AzureChinaCloud") if e["kind"] == "service_tag"}
    assert "AzureFrontDoor.Frontend" not in china_tags  # not used in 21Vianet


def test_microsoft_storage_is_required_for_compute() -> None:
    required = {e["value"] for e in resolved(categories=["required"], features=[])}
    assert {
        "*.blob.core.windows.net",
        "*.table.core.windows.net",
        "*.queue.core.windows.net",
    } <= required
    assert "stlitware1.file.core.windows.net" in required
    assert "*.anaconda.org" not in required


def test_batch_is_any_protocol_on_443_and_still_reaches_the_proxy() -> None:
    entries = resolved(features=[])
    batch = {rule["name"]: rule for rule in projections.firewall_network_rules(entries, SOURCES)}
    assert batch["batch"]["ipProtocols"] == ["Any"]
    assert batch["batch"]["destinationAddresses"] == ["BatchNodeManagement.BrazilSouth"]
    assert batch["tag-batch-node-management"]["ipProtocols"] == ["Any"]
    assert "*.brazilsouth.batch.azure.com" in projections.proxy_hosts(entries, "https")
    assert "batch" not in {
        rule["name"] for rule in projections.firewall_application_rules(entries, SOURCES)
    }


def test_non_http_wildcards_take_the_tag_or_the_private_endpoint_subnet() -> None:
    entries = resolved(features=["workspace_private_endpoint"])
    rules = {
        r["name"]: r
        for r in projections.firewall_network_rules(entries, SOURCES, None, PRIVATE_ENDPOINTS)
    }
    assert rules["tundra-api"]["destinationAddresses"] == ["AzureMachineLearning"]
    assert rules["tundra-api"]["ipProtocols"] == ["UDP"]
    assert (
        rules["instances-azureml-ms-private-endpoint"]["destinationAddresses"] == PRIVATE_ENDPOINTS
    )
    assert rules["instances-azureml-ms-private-endpoint"]["destinationPorts"] == ["8787", "18881"]
    assert rules["tundra"]["destinationFqdns"] == ["brazilsouth.tundra.azureml.ms"]
    without = projections.firewall_network_rules(entries, SOURCES)
    assert "instances-azureml-ms-private-endpoint" not in {r["name"] for r in without}
    row = next(
        r
        for r in projections.enforcement_table(entries)
        if r["name"] == "instances-azureml-ms-private-endpoint"
    )
    assert "private_endpoint_prefixes" in row["firewall_network"]["reason"]


def test_exfiltration_hardened_swaps_the_front_door_tag_for_host_names() -> None:
    plain = {e["value"] for e in resolved(features=[])}
    hardened = {e["value"] for e in resolved(features=["exfiltration_hardened"])}
    assert "AzureFrontDoor.Frontend" in plain and "AzureFrontDoor.Frontend" not in hardened
    assert {"ml.azure.com", "automlresources-prod-d0eaehh7g8andvav.b02.azurefd.net"} <= hardened


@pytest.mark.parametrize(
    ("feature", "value"),
    [
        ("vscode_interactive_jobs", "raw.githubusercontent.com"),
        ("kubernetes", "*.kusto.windows.net"),
        ("kubernetes", "node-packages.example.com"),
        ("kubernetes", "brazilsouth.dp.kubernetesconfiguration.azure.com"),
    ],
)
def test_feature_entries_are_off_unless_the_feature_is_on(feature: str, value: str) -> None:
    assert value not in {e["value"] for e in resolved(features=[])}
    assert value in {e["value"] for e in resolved(features=[feature])}


def test_the_rule_collection_group_matches_the_pinned_network_schema() -> None:
    collections = projections.firewall_rule_collections(
        everything("AzureCloud"), SOURCES, private_endpoint_prefixes=PRIVATE_ENDPOINTS
    )
    assert [c["name"] for c in collections] == ["aml-egress-network", "aml-egress-application"]
    body = {"properties": {"priority": 500, "ruleCollections": collections}}
    validator = Validator(enforce_required=True)
    validator.validate_model(
        body, load_model("azure.mgmt.network.models:FirewallPolicyRuleCollectionGroup"), ""
    )
    assert validator.issues == []
    application = collections[1]["rules"]
    login = next(rule for rule in application if rule["name"] == "login")
    assert login["protocols"] == [
        {"protocolType": "Http", "port": 80},
        {"protocolType": "Https", "port": 443},
    ]
    assert login["sourceAddresses"] == SOURCES and login["targetFqdns"] == [
        "login.microsoftonline.com"
    ]


def test_nsg_rules_match_the_pinned_network_schema() -> None:
    rules = projections.nsg_rules(
        everything("AzureCloud"), ["10.0.40.0/24", "10.0.41.0/24"], priority=300
    )
    model = load_model("azure.mgmt.network.models:SecurityRule")
    for rule in rules:
        validator = Validator(enforce_required=True)
        validator.validate_model(rule, model, "")
        assert validator.issues == [], rule["name"]
    assert [rule["properties"]["priority"] for rule in rules] == list(range(300, 300 + len(rules)))
    ports = {rule["name"]: rule["properties"] for rule in rules}["allow-vscode-remote-ports"]
    assert ports["destinationPortRange"] == "8704-8710" and ports["protocol"] == "Tcp"


def test_projections_refuse_unresolved_entries_and_rules_without_a_source() -> None:
    with pytest.raises(AnsibleFilterError, match="pass the entries through allowlist_resolve"):
        projections.firewall_network_rules(load_catalog(), SOURCES)
    with pytest.raises(AnsibleFilterError, match="give source_addresses or source_ip_groups"):
        projections.firewall_application_rules(resolved(), None, [])
    with pytest.raises(AnsibleFilterError, match="scheme is 'ftp'"):
        projections.proxy_hosts(resolved(), "ftp")


def test_the_known_tag_table_covers_every_tag_of_the_data() -> None:
    names = {
        e["value"].split(".<region>")[0]
        for e in load_catalog()
        if e["kind"] == "service_tag" and isinstance(e["value"], str)
    }
    assert names <= set(SERVICE_TAGS)
