"""site.yml --tags network,workspace and destroy.yml on the ARM emulator: check mode against an
empty subscription, a real run, a re-run without writes, destroy with purge, the same names
again; bad input for the area fails before the first write, naming the variable."""

from __future__ import annotations

import re
import subprocess

import pytest

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
from tools.arm_emulator.providers import default_registry
from tools.arm_emulator.resource_paths import ResourcePath, parse_arm_path

TAGS = ("--tags", "network,workspace")
ML_GROUP = "rg-litware-machinelearning-local1"
PROVIDERS = "/providers/"
CHANGED = re.compile(r"^changed: \[localhost\]( => \(item=(?P<item>.*)\))?$", re.MULTILINE)


def changed_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What a run reports as changed, per task (loop items by label)."""
    lines, task = [], ""
    for line in result.stdout.splitlines():
        if line.startswith("TASK ["):
            task = line[6 : line.index("]")]
        elif CHANGED.match(line):
            lines.append(f"{task} {CHANGED.match(line).group('item') or ''}".strip())
    return lines


def body_schemas(running: Emulator) -> tuple[int, list[str]]:
    """(bodies checked against an SDK model, bodies no model checks) of the logged writes."""
    registry = default_registry()
    checked, unchecked = 0, []
    for entry in running.requests():
        if entry["method"] not in ("PUT", "PATCH"):
            continue
        path = parse_arm_path(entry["path"])
        rtype = registry.get(path.type_name) if isinstance(path, ResourcePath) else None
        model = None
        if rtype is not None:
            model = rtype.patch_model if entry["method"] == "PATCH" else rtype.model
        if model is None:
            unchecked.append(f"{entry['method']} {entry['path']}")
        else:
            checked += 1
    return checked, unchecked


def of_type(state: dict[str, dict], type_suffix: str) -> dict[str, dict]:
    return {key: item for key, item in state.items() if key.split("?")[0].endswith(type_suffix)}


def one(state: dict[str, dict], id_suffix: str) -> dict:
    found = [item for key, item in state.items() if key.endswith(id_suffix.lower())]
    assert len(found) == 1, (id_suffix, sorted(state))
    return found[0]


def test_check_run_rerun_destroy_with_purge_and_again(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
) -> None:
    emulator.reset()
    checked = play(env, "--check", *TAGS)
    assert_ok(checked)
    assert writes(emulator) == []
    assert emulator.state()["resources"] == []

    real = play(env, *TAGS)
    assert_ok(real)
    checked_bodies, unchecked_bodies = body_schemas(emulator)
    assert unchecked_bodies == []
    assert checked_bodies > 20
    # --check reported every change the real run made, task by task and item by item.
    assert changed_lines(checked) == changed_lines(real)

    state = resources(emulator)
    props = lambda suffix: one(state, suffix)["properties"]  # noqa: E731
    storage = props("/microsoft.storage/storageaccounts/stlitwarelocal1")
    lake = props("/microsoft.storage/storageaccounts/dlslitwarelocal1")
    for account in (storage, lake):
        assert account["publicNetworkAccess"] == "Disabled"
        assert account["allowSharedKeyAccess"] is False
        assert account["allowBlobPublicAccess"] is False
        assert account["minimumTlsVersion"] == "TLS1_2"
        assert account["supportsHttpsTrafficOnly"] is True
        assert account["networkAcls"]["ipRules"] == []
    assert (storage["isHnsEnabled"], lake["isHnsEnabled"]) == (False, True)
    one(state, "/dlslitwarelocal1/blobservices/default/containers/data")
    vault = props("/microsoft.keyvault/vaults/kv-litwarelocal1")
    assert (vault["enableRbacAuthorization"], vault["publicNetworkAccess"]) == (True, "Disabled")
    assert not vault.get("enablePurgeProtection")
    registry = one(state, "/microsoft.containerregistry/registries/crlitwarelocal1")
    assert registry["sku"]["name"] == "Premium"
    assert registry["properties"]["adminUserEnabled"] is False
    assert registry["properties"]["publicNetworkAccess"] == "Disabled"
    workspace = one(state, "/microsoft.machinelearningservices/workspaces/mlw-litwarelocal1")
    assert workspace["identity"]["type"] == "UserAssigned"
    wprops = workspace["properties"]
    assert wprops["publicNetworkAccess"] == "Disabled"
    assert wprops["managedNetwork"]["isolationMode"] == "Disabled"
    assert wprops["systemDatastoresAuthMode"].lower() == "identity"
    assert wprops["friendlyName"] == "Litware Machine Learning"
    assert wprops["primaryUserAssignedIdentity"].lower().endswith("/id-mlw")
    for name, kind, member in (
        ("blobs", "AzureBlob", "containerName"),
        ("datalake", "AzureDataLakeGen2", "filesystem"),
    ):
        datastore = props(f"/workspaces/mlw-litwarelocal1/datastores/{name}")
        assert (datastore["datastoreType"], datastore[member]) == (kind, "data")
        assert datastore["credentials"]["credentialsType"] == "None"
    scope = props("/microsoft.insights/privatelinkscopes/ampls-litware")
    assert scope["accessModeSettings"] == {"ingestionAccessMode": "Open", "queryAccessMode": "Open"}
    assert len(of_type(state, "/scopedresources/log-litware")) == 1
    assert len(of_type(state, "/scopedresources/appi-litware")) == 1
    assert props("/microsoft.operationalinsights/workspaces/log-litware")["retentionInDays"] == 30
    assignments = [key for key in state if "/microsoft.authorization/roleassignments/" in key]
    assert len(assignments) == 4  # the identity's: group Contributor, 2 blob, vault admin

    emulator.clear_requests()
    again = assert_ok(play(env, *TAGS))
    assert again["changed"] == 0
    assert writes(emulator) == []

    destroyed = play(
        env, "-e", "destroy_confirmed=true", "-e", "destroy_purge=true", playbook=DESTROY
    )
    assert_ok(destroyed)
    assert resources(emulator) == {}

    redeployed = assert_ok(play(env, *TAGS))
    assert redeployed["changed"] > 0
    one(resources(emulator), "/workspaces/mlw-litwarelocal1")


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ('{"workspace_storage_account_name": "St_Litware"}', "workspace_storage_account_name"),
        ('{"workspace_datalake_name": "dls-litware"}', "workspace_datalake_name"),
        ('{"workspace_key_vault_name": "kv--litware"}', "workspace_key_vault_name"),
        (
            '{"workspace_container_registry_name": "cr-litware"}',
            "workspace_container_registry_name",
        ),
        ('{"workspace_name": "-mlw"}', "workspace_name"),
        ('{"workspace_allowed_ip_address": "20.1.2.3"}', "needs workspace_trusted_services_access"),
        ('{"workspace_key_vault_soft_delete_days": 3}', "workspace_key_vault_soft_delete_days"),
        ('{"workspace_deployer_data_roles": true}', "workspace_deployer_principal_id"),
        ('{"monitoring_retention_days": 7}', "monitoring_retention_days"),
    ],
    ids=[
        "storage",
        "lake",
        "vault",
        "registry",
        "workspace",
        "ip-without-opt-in",
        "retention",
        "deployer",
        "log-retention",
    ],
)
def test_bad_workspace_input_fails_before_any_write(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
    extra: str,
    named: str,
) -> None:
    emulator.reset()
    result = play(env, *TAGS, "-e", extra)
    assert result.returncode != 0
    assert named in output(result)
    assert writes(emulator) == []


def test_destroy_refuses_to_purge_a_protected_vault_before_deleting_anything(
    emulator: Emulator,  # noqa: F811
    env: dict[str, str],  # noqa: F811
) -> None:
    emulator.reset()
    result = play(
        env,
        "-e",
        "destroy_confirmed=true",
        "-e",
        "destroy_purge=true",
        "-e",
        "workspace_key_vault_purge_protection=true",
        playbook=DESTROY,
    )
    assert result.returncode != 0
    assert "workspace_key_vault_purge_protection is true" in output(result)
    assert writes(emulator) == []
