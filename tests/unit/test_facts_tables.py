"""One table per fact: private-link zones, resource names and address checks, and the guard
that no second copy of a private-link zone can drift from the table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.filter.address import (
    address_plan_errors,
    operator_inbound_rule,
    operator_prefix,
    valid_ipv4_source,
)
from ansible_collections.litware.aml_isolation.plugins.filter.naming import resource_names
from ansible_collections.litware.aml_isolation.plugins.filter.private_link import (
    private_link_zones,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import (
    KNOWN_CLOUDS,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.private_link_zones import (
    PRIVATE_LINK_ZONES,
    SUB_RESOURCES,
    zone_table,
)

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "plugins/module_utils/_arm/private_link_zones.py"
CONTEXT_MODULE = REPO / "plugins/modules/arm_context_info.py"
SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa"

# ---- private-link zones --------------------------------------------------------------------


@pytest.mark.parametrize("cloud", sorted(PRIVATE_LINK_ZONES))
def test_every_cloud_row_covers_every_sub_resource(cloud: str) -> None:
    row = PRIVATE_LINK_ZONES[cloud]
    assert sorted(row) == sorted(SUB_RESOURCES)
    for entry in row.values():
        assert entry["zones"] and entry["forwarders"]
        assert all(zone.startswith("privatelink.") for zone in entry["zones"])


def test_every_known_cloud_has_a_row() -> None:
    assert {cloud.private_link_cloud for cloud in KNOWN_CLOUDS.values()} == set(PRIVATE_LINK_ZONES)


def test_public_cloud_zones_are_microsofts_names() -> None:
    row = zone_table("AzureCloud")
    assert row["amlworkspace"]["zones"] == [
        "privatelink.api.azureml.ms",
        "privatelink.notebooks.azure.net",
    ]
    assert row["vault"]["zones"] == ["privatelink.vaultcore.azure.net"]
    assert row["registry"]["zones"] == ["privatelink.azurecr.io"]
    assert row["dfs"]["zones"] == ["privatelink.dfs.core.windows.net"]
    assert row["sqlServer"]["zones"] == ["privatelink.database.windows.net"]
    assert len(row["azuremonitor"]["zones"]) == 5
    assert "privatelink.blob.core.windows.net" in row["azuremonitor"]["zones"]


def test_sovereign_rows_differ_from_the_public_one() -> None:
    assert zone_table("azureusgovernment")["amlworkspace"]["zones"][0] == (
        "privatelink.api.ml.azure.us"
    )
    assert zone_table("AzureChinaCloud")["vault"]["forwarders"] == [
        "vaultcore.azure.cn",
        "vault.azure.cn",
    ]
    assert zone_table("AzureEmulator") == {}


def test_filter_returns_the_module_utils_table_and_refuses_unknown_clouds() -> None:
    assert private_link_zones("AzureCloud") == zone_table("AzureCloud")
    with pytest.raises(AnsibleFilterError, match="AzureUSGovernment"):
        private_link_zones("AzureMoonCloud")


def _zone_names() -> set[str]:
    return {
        zone
        for row in PRIVATE_LINK_ZONES.values()
        for entry in row.values()
        for zone in entry["zones"]
    }


def _code(path: Path) -> str:
    """The file's text; for a module, without its DOCUMENTATION, EXAMPLES and RETURN strings
    (examples and samples only explain, like a README)."""
    text = path.read_text(errors="ignore")
    if path.parent.name != "modules" or path.suffix != ".py":
        return text
    lines = text.splitlines()
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id in {"DOCUMENTATION", "EXAMPLES", "RETURN"}
            for target in node.targets
        ):
            for index in range(node.lineno - 1, node.end_lineno or node.lineno):
                lines[index] = ""
    return "\n".join(lines)


def test_no_private_link_zone_is_spelled_outside_the_table() -> None:
    """A second copy of a zone (or a suffix table) in roles, playbooks or plugins would drift."""
    pattern = re.compile(r"privatelink\.[a-z0-9.-]+")
    offenders = []
    for path in [
        *REPO.glob("roles/**/*"),
        *REPO.glob("playbooks/**/*"),
        *REPO.glob("plugins/**/*.py"),
        *REPO.glob("inventories/**/*"),
    ]:
        # The module's RETURN sample is compared with the table below; READMEs only explain.
        if not path.is_file() or path in (TABLE, CONTEXT_MODULE) or path.suffix == ".md":
            continue
        for match in pattern.findall(_code(path)):
            if match.rstrip(".") in _zone_names():
                offenders.append(f"{path.relative_to(REPO)}: {match}")
    assert offenders == []


@pytest.mark.parametrize("role", ["network", "proxy_vm", "compute_proxy"])
def test_roles_that_keep_private_endpoints_off_the_proxy_read_the_table(role: str) -> None:
    """The old second copy: a per-cloud suffix table in the compute_proxy defaults."""
    forwarders = {
        name
        for row in PRIVATE_LINK_ZONES.values()
        for entry in row.values()
        for name in entry["forwarders"]
    }
    spelled = {
        f"{path.relative_to(REPO)}: {name}"
        for path in (REPO / "roles" / role).rglob("*.yml")
        for name in forwarders
        if re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", path.read_text())
    }
    assert spelled == set()


def test_the_documented_sample_is_the_table() -> None:
    from ansible_collections.litware.aml_isolation.plugins.modules import arm_context_info

    sample = yaml.safe_load(arm_context_info.RETURN)["private_link_zones"]["sample"]
    table = zone_table("AzureCloud")
    assert sample == {key: table[key] for key in sample}


# ---- names ---------------------------------------------------------------------------------


def test_names_follow_the_topology_and_azures_rules() -> None:
    names = resource_names("litware", "a1b2c3")
    assert names["resource_groups"] == {
        "machinelearning": "rg-litware-machinelearning-a1b2c3",
        "privatelink": "rg-litware-privatelink-a1b2c3",
        "firewall": "rg-litware-firewall-a1b2c3",
        "aks_nodes": "rg-litware-aks-a1b2c3",
    }
    assert names["storage_account"] == "stlitwarea1b2c3"
    assert names["data_lake"] == "dlslitwarea1b2c3"
    assert names["key_vault"] == "kv-litwarea1b2c3"
    assert names["container_registry"] == "crlitwarea1b2c3"
    assert names["workspace"] == "mlw-litwarea1b2c3"
    assert names["private_endpoints"]["azuremonitor"] == "peampls-litwarea1b2c3"
    assert names["hub_vnet"] == "vnet-firewall-hub-a1b2c3"


def test_longest_workload_still_fits_the_global_names() -> None:
    names = resource_names("a" * 15, "zzzzzz")
    assert len(names["storage_account"]) <= 24
    assert len(names["data_lake"]) == 24
    assert len(names["key_vault"]) == 24


def test_empty_affix_is_derived_from_the_subscription() -> None:
    derived = resource_names("litware", "", SUBSCRIPTION.upper())["affix"]
    assert derived == resource_names("litware", "", SUBSCRIPTION)["affix"]
    assert re.fullmatch(r"[0-9a-f]{6}", derived)
    assert derived != resource_names("other", "", SUBSCRIPTION)["affix"]


@pytest.mark.parametrize(
    ("workload", "affix", "message"),
    [
        ("Litware", "", "workload"),
        ("l", "", "workload"),
        ("litware-ml", "", "workload"),
        ("litware", "ABC", "affix 'ABC'"),
        ("litware", "", "subscription_id"),
    ],
)
def test_bad_naming_input_is_refused(workload: str, affix: str, message: str) -> None:
    with pytest.raises(AnsibleFilterError, match=message):
        resource_names(workload, affix)


# ---- addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("203.0.113.7", True),
        ("203.0.113.0/28", True),
        ("203.0.113.7/32", True),
        ("256.0.0.1", False),
        ("203.0.113.7/33", False),
        ("2001:db8::1", False),
        ("example.com", False),
        ("", False),
        (" 203.0.113.7", False),
        (None, False),
    ],
)
def test_one_ipv4_source_check(value: object, valid: bool) -> None:
    assert valid_ipv4_source(value) is valid


def test_operator_rule_body() -> None:
    assert operator_prefix("203.0.113.7") == "203.0.113.7/32"
    assert operator_prefix("203.0.113.0/28") == "203.0.113.0/28"
    rule = operator_inbound_rule("203.0.113.7", 22, "SSH.")
    assert rule == {
        "description": "SSH.",
        "priority": 100,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": "203.0.113.7/32",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "22",
    }
    with pytest.raises(AnsibleFilterError):
        operator_prefix("not-an-address")


def test_address_plan_errors_name_the_offending_input() -> None:
    good = {"a": "10.0.0.0/24", "b": "10.0.1.0/24"}
    assert address_plan_errors(good, "10.0.0.0/16") == []
    errors = address_plan_errors(
        {"a": "10.0.0.0/24", "b": "10.0.0.128/25", "c": "10.1.0.0/24", "d": "10.0.2.1/24"},
        "10.0.0.0/16",
        network_label="vnet",
        subnets_label="subnets",
    )
    assert errors == [
        "subnets.c (10.1.0.0/24) is not inside vnet (10.0.0.0/16).",
        "subnets.d (10.0.2.1/24) is not an IPv4 network in CIDR notation with the host bits "
        "zero (for example 10.0.40.0/24).",
        "subnets.a (10.0.0.0/24) overlaps subnets.b (10.0.0.128/25).",
    ]
    assert "vnet (10.0.0.1/16)" in address_plan_errors(good, "10.0.0.1/16", "vnet")[0]
