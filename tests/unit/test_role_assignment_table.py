"""The deployment's one table of role assignments: every row names a built-in role and
declared symbols, the iam README shows it, the filter resolves it, and the workspace role
reads it instead of keeping lists of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.litware.aml_isolation.plugins.filter.roles import (
    declared_role_assignments,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.built_in_roles import (
    BUILT_IN_ROLES,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.deployment_role_assignments import (  # noqa: E501
    PRINCIPALS,
    ROLE_ASSIGNMENTS,
    SCOPES,
)
from tools import role_assignment_table

REPO = Path(__file__).resolve().parents[2]
SUB = "/subscriptions/00000000-0000-4000-8000-000000005ab5"
GROUPS = [f"{SUB}/resourceGroups/rg-a", f"{SUB}/resourceGroups/rg-b"]
REGISTRY = f"{GROUPS[0]}/providers/Microsoft.ContainerRegistry/registries/cr1"
SCIENTIST = "11111111-2222-4333-8444-555555555555"


def test_every_row_names_a_built_in_role_and_declared_symbols() -> None:
    for row in ROLE_ASSIGNMENTS:
        assert row["role"] in BUILT_IN_ROLES, row
        assert row["principal"] in PRINCIPALS, row
        assert row["scope"] in SCOPES, row
        assert row["reason"].strip(), row
    keys = [(r["principal"], r["role"], r["scope"]) for r in ROLE_ASSIGNMENTS]
    assert len(keys) == len(set(keys))


def test_the_iam_readme_shows_the_table() -> None:
    assert role_assignment_table.main(["--check"]) == 0, "python -m tools.role_assignment_table"
    readme = (REPO / "roles" / "iam" / "README.md").read_text()
    assert "| `aks_kubelet` | AcrPull | `registry` | `aks` |" in readme


def test_the_filter_resolves_rows_per_resource_with_their_flags() -> None:
    resolved = declared_role_assignments(
        {"data_scientist": {"object_id": SCIENTIST, "type": "User"}},
        scopes={"resource_groups": GROUPS, "registry": REGISTRY},
    )
    assert sorted((r["role"], r["scope"]) for r in resolved) == sorted(
        [
            ("Reader", GROUPS[0]),
            ("Reader", GROUPS[1]),
            ("AzureML Data Scientist", GROUPS[0]),
            ("AzureML Data Scientist", GROUPS[1]),
            ("AcrPush", REGISTRY),
            ("AcrDelete", REGISTRY),
        ]
    )
    assert {r["principal_type"] for r in resolved} == {"User"}
    kubelet = {"aks_kubelet": {"object_id": SCIENTIST}}
    assert declared_role_assignments(kubelet, scopes={"registry": REGISTRY}) == []
    (pull,) = declared_role_assignments(kubelet, scopes={"registry": REGISTRY}, flags={"aks": True})
    assert (pull["role_definition_guid"], pull["principal_type"]) == (
        BUILT_IN_ROLES["AcrPull"],
        "ServicePrincipal",
    )


@pytest.mark.parametrize(
    ("principals", "scopes", "message"),
    [
        ({"nobody": {"object_id": SCIENTIST}}, {}, "unknown principal 'nobody'"),
        ({"data_scientist": {"object_id": ""}}, {"resource_groups": GROUPS}, "needs an object_id"),
        ({"data_scientist": {"object_id": SCIENTIST}}, {"resource_groups": GROUPS}, "'registry'"),
        ({"administrator": {"object_id": SCIENTIST}}, {"resource_groups": ["rg"]}, "resource ids"),
    ],
)
def test_bad_input_is_named(principals: dict, scopes: dict, message: str) -> None:
    with pytest.raises(AnsibleFilterError, match=message):
        declared_role_assignments(principals, scopes=scopes)


def test_the_workspace_role_reads_the_table() -> None:
    variables = (REPO / "roles" / "workspace" / "vars" / "main.yml").read_text()
    assert "declared_role_assignments" in variables
    for role in BUILT_IN_ROLES:
        assert f"role: {role}" not in variables


def test_the_deployer_rows_come_only_with_their_flag() -> None:
    vault = f"{GROUPS[0]}/providers/Microsoft.KeyVault/vaults/kv1"
    storage = f"{GROUPS[0]}/providers/Microsoft.Storage/storageAccounts/st1"
    scopes = {"storage": storage, "data_lake": storage + "dl", "key_vault": vault}
    deployer = {"deployer": {"object_id": SCIENTIST, "type": "User"}}
    assert declared_role_assignments(deployer, scopes=scopes) == []
    granted = declared_role_assignments(deployer, scopes=scopes, flags={"deployer_data_roles": 1})
    assert [r["role"] for r in granted] == [
        "Storage Blob Data Contributor",
        "Storage File Data Privileged Contributor",
        "Storage Blob Data Contributor",
        "Key Vault Administrator",
    ]
