"""site.yml --tags iam on the emulator, after the network and workspace areas, converged once
for the module: --check reports what it would create and writes nothing, the run creates the
personas and grants the table's roles, a re-run changes and writes nothing, -vvv never shows a
password, Azure's role assignments are exactly the table's, existing principals make no
Graph write, and persona groups take the roles."""

from __future__ import annotations

import json
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.playbooks.test_site import (  # noqa: F401 (the shared module fixtures)
    assert_ok,
    emulator,
    env,
    output,
    play,
)
from tools.ansible_run import collections_path
from tools.arm_emulator.control import Emulator
from tools.request_counts import created_ids, reported_changed_ids

sys.path.insert(0, str(collections_path(Path(tempfile.mkdtemp(prefix="aml-isolation-iam-")))))

from ansible_collections.litware.aml_isolation.plugins.filter.roles import (  # noqa: E402
    declared_role_assignments,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.built_in_roles import (  # noqa: E402
    BUILT_IN_ROLES,
)

IAM = ("--tags", "iam")
ADMINISTRATOR = "aml.admin@litware.example"
SCIENTIST = "aml.scientist@litware.example"
PREFIX = "/providers/microsoft."


def writes(emulator: Emulator, since: int = 0) -> list[str]:  # noqa: F811
    """Every request after SINCE that changed ARM or Graph state (token requests left out)."""
    return [
        f"{entry['method']} {entry['path']}"
        for entry in emulator.requests()[since:]
        if entry["method"] not in ("GET", "HEAD") and "/oauth2/" not in entry["path"]
    ]


def run(emulator: Emulator, env: dict[str, str], *args: str) -> dict[str, Any]:  # noqa: F811
    mark = len(emulator.requests())
    result = play(env, *IAM, *args)
    return {
        "result": result,
        "totals": assert_ok(result),
        "writes": writes(emulator, mark),
        "requests": emulator.requests()[mark:],
    }


@pytest.fixture(scope="module")
def passwords() -> dict[str, str]:
    return {
        "iam_administrator_password": secrets.token_urlsafe(18) + "-Aa1",
        "iam_data_scientist_password": secrets.token_urlsafe(18) + "-Aa1",
    }


@pytest.fixture(scope="module")
def story(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    passwords: dict[str, str],
) -> dict[str, Any]:
    """The earlier areas, then --tags iam: --check, the run with -vvv, the re-run with -vvv."""
    assert_ok(play(env, "--tags", "network,workspace"))
    checked = run(emulator, env, "--check", "-v")
    created = run(emulator, env, "-vvv", "-e", json.dumps(passwords))
    again = run(emulator, env, "-vvv", "-e", json.dumps(passwords))
    return {"checked": checked, "created": created, "again": again}


def directory(emulator: Emulator) -> dict[str, dict]:  # noqa: F811
    return {
        item.get("userPrincipalName") or item["displayName"]: item
        for item in emulator.state()["directory"]
    }


def assignments(emulator: Emulator) -> set[tuple[str, str, str]]:  # noqa: F811
    """(principal id, role definition GUID, scope) of every role assignment in the emulator."""
    found = set()
    for item in emulator.state()["resources"]:
        if "/providers/microsoft.authorization/roleassignments/" not in item["id"].lower():
            continue
        properties = item["properties"]
        found.add(
            (
                properties["principalId"].lower(),
                properties["roleDefinitionId"].rsplit("/", 1)[-1].lower(),
                properties["scope"].lower(),
            )
        )
    return found


def test_check_reports_what_it_would_create_and_writes_nothing(story: dict[str, Any]) -> None:
    checked = story["checked"]
    assert checked["writes"] == []
    assert checked["totals"]["changed"] > 0
    text = checked["result"].stdout
    assert "changed: [localhost] => (item=administrator)" in text
    # Every assignment of the table by the id the run then creates (names from principal keys).
    reported = reported_changed_ids(text)
    created = {
        rid for rid in created_ids(story["created"]["requests"]) if "/roleassignments/" in rid
    }
    assert created and created <= reported


def test_the_run_creates_the_personas_and_the_rerun_writes_nothing(
    emulator: Emulator,  # noqa: F811
    story: dict[str, Any],
) -> None:
    created, again = story["created"], story["again"]
    assert created["totals"]["changed"] > 0
    assert any(w.startswith("POST /graph/v1.0/users") for w in created["writes"])
    assert again["totals"]["changed"] == 0
    assert again["writes"] == []
    users = directory(emulator)
    assert {ADMINISTRATOR, SCIENTIST} <= set(users)


def test_no_output_shows_a_password(story: dict[str, Any], passwords: dict[str, str]) -> None:
    for run_name in ("checked", "created", "again"):
        text = output(story[run_name]["result"])
        for password in passwords.values():
            assert password not in text, run_name
    assert "<ansible.builtin.vars>" not in output(story["created"]["result"])


def test_azure_holds_exactly_the_table_of_role_assignments(
    emulator: Emulator,  # noqa: F811
    story: dict[str, Any],
) -> None:
    state = emulator.state()
    users = directory(emulator)
    identity = next(
        item
        for item in state["resources"]
        if item["id"].lower().endswith("/microsoft.managedidentity/userassignedidentities/id-mlw")
    )
    by_suffix = {item["id"].lower(): item["id"] for item in state["resources"]}
    sub = f"/subscriptions/{emulator.subscription_id}"
    groups = [
        f"{sub}/resourceGroups/rg-litware-machinelearning-local1",
        f"{sub}/resourceGroups/rg-litware-privatelink-local1",
    ]
    ml = f"{groups[0]}/providers"
    registry = next(k for k in by_suffix if "/microsoft.containerregistry/registries/" in k)
    declared = declared_role_assignments(
        {
            "workspace_identity": {"object_id": identity["properties"]["principalId"]},
            "administrator": {"object_id": users[ADMINISTRATOR]["id"], "type": "User"},
            "data_scientist": {"object_id": users[SCIENTIST]["id"], "type": "User"},
        },
        scopes={
            "workspace_resource_group": groups[0],
            "resource_groups": groups,
            "storage": next(
                k
                for k in by_suffix
                if k.startswith(ml.lower() + "/microsoft.storage/storageaccounts/st")
            ),
            "data_lake": next(
                k
                for k in by_suffix
                if k.startswith(ml.lower() + "/microsoft.storage/storageaccounts/dls")
            ),
            "key_vault": next(k for k in by_suffix if "/microsoft.keyvault/vaults/" in k),
            "registry": registry,
        },
    )
    expected = {
        (row["principal_id"].lower(), row["role_definition_guid"], row["scope"].lower())
        for row in declared
    }
    assert len(expected) == len(declared) == 12
    assert assignments(emulator) == expected
    assert BUILT_IN_ROLES["AcrPush"] in {guid for _, guid, _ in expected}


def test_existing_principals_make_no_graph_write(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    story: dict[str, Any],
) -> None:
    users = directory(emulator)
    existing = run(
        emulator,
        env,
        "-e",
        json.dumps(
            {
                "iam_create_users": False,
                "iam_administrator_object_id": users[ADMINISTRATOR]["id"],
                "iam_data_scientist_object_id": users[SCIENTIST]["id"],
            }
        ),
    )
    assert existing["writes"] == []
    assert existing["totals"]["changed"] == 0
    graph_reads = [
        entry for entry in emulator.requests() if entry["path"].startswith("/graph/v1.0/users/")
    ]
    assert graph_reads


def test_persona_groups_take_the_roles(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    story: dict[str, Any],
) -> None:
    grouped = run(emulator, env, "-e", '{"iam_persona_groups": true}')
    assert any(w == "POST /graph/v1.0/groups" for w in grouped["writes"])
    found = directory(emulator)
    scientists = found["aml-data-scientists-litware"]
    assert scientists["links"]["members"] == [found[SCIENTIST]["id"]]
    held = {(principal, guid) for principal, guid, _ in assignments(emulator)}
    assert (scientists["id"], BUILT_IN_ROLES["AzureML Data Scientist"]) in held


def test_a_bad_input_fails_before_any_write(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    story: dict[str, Any],
) -> None:
    mark = len(emulator.requests())
    result = play(env, *IAM, "-e", '{"iam_create_users": false}')
    assert result.returncode != 0
    assert "iam_administrator_object_id" in output(result)
    assert writes(emulator, mark) == []
