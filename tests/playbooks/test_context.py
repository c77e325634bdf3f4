"""One subscription, resolved once: the roles build their ids in the subscription the modules
use, whether it comes only from module_defaults or only from a credentials profile, with no
AZURE_SUBSCRIPTION_ID set (playbooks/site.yml against the emulator)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator

INVENTORY = "inventories/local"
SITE = "playbooks/site.yml"
WRITES = {"PUT", "PATCH", "DELETE"}


def bare_env(emulator: Emulator, home: Path, base: Path) -> dict[str, str]:
    """No AZURE_* variable and an empty home: only the emulator's CA is known."""
    env = ansible_env(base, {"HOME": str(home), "REQUESTS_CA_BUNDLE": emulator.ca_bundle})
    return {key: value for key, value in env.items() if not key.startswith("AZURE_")}


def site_network(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_playbook(
        SITE, env, "--tags", "network", "-e", "network_affix=", *args, inventory=INVENTORY
    )


def derived_groups(emulator: Emulator) -> set[str]:
    affix = hashlib.sha256(f"{emulator.subscription_id.lower()}:litware".encode()).hexdigest()
    return {
        f"rg-litware-machinelearning-{affix[:6]}".lower(),
        f"rg-litware-privatelink-{affix[:6]}".lower(),
    }


def assert_everything_in_the_modules_subscription(
    emulator: Emulator, result: subprocess.CompletedProcess[str]
) -> None:
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert recap_totals(result.stdout)["changed"] > 0
    prefix = f"/subscriptions/{emulator.subscription_id}/".lower()
    written = [entry["path"].lower() for entry in emulator.requests() if entry["method"] in WRITES]
    assert written and all(path.startswith(prefix) for path in written)
    groups = {
        item["name"].lower()
        for item in emulator.state()["resources"]
        if item["type"].lower() == "microsoft.resources/resourcegroups"
    }
    # The affix is derived from the subscription the module resolved, not from the environment.
    assert groups == derived_groups(emulator)


def test_subscription_only_from_module_defaults(emulator: Emulator, tmp_path: Path) -> None:
    emulator.reset()
    emulator.clear_requests()
    defaults = {
        "subscription_id": emulator.subscription_id,
        "client_id": emulator.client_id,
        "secret": emulator.secret,
        "tenant": emulator.tenant,
        "cloud_environment": emulator.metadata_url,
    }
    env = bare_env(emulator, tmp_path / "home", tmp_path / "collections")
    result = site_network(env, "-e", json.dumps({"azure_module_defaults": defaults}))
    assert_everything_in_the_modules_subscription(emulator, result)


def test_subscription_only_from_a_credentials_profile(emulator: Emulator, tmp_path: Path) -> None:
    emulator.reset()
    emulator.clear_requests()
    home = tmp_path / "home"
    (home / ".azure").mkdir(parents=True)
    (home / ".azure" / "credentials").write_text(
        "[default]\n"
        f"subscription_id={emulator.subscription_id}\n"
        f"client_id={emulator.client_id}\n"
        f"secret={emulator.secret}\n"
        f"tenant={emulator.tenant}\n"
        f"cloud_environment={emulator.metadata_url}\n"
    )
    env = bare_env(emulator, home, tmp_path / "collections")
    result = site_network(env)
    assert_everything_in_the_modules_subscription(emulator, result)


def test_no_subscription_anywhere_fails_naming_it_before_any_write(
    emulator: Emulator, tmp_path: Path
) -> None:
    emulator.clear_requests()
    env = bare_env(emulator, tmp_path / "home", tmp_path / "collections")
    result = site_network(env, "-e", json.dumps({"azure_module_defaults": {"auth_source": "cli"}}))
    assert result.returncode != 0
    assert "subscription_id: no subscription" in result.stdout + result.stderr
    assert [entry for entry in emulator.requests() if entry["method"] in WRITES] == []


def test_the_old_role_variable_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    emulator.clear_requests()
    env = {**ansible_env(tmp_path / "collections"), **emulator.env}
    result = site_network(env, "-e", "network_subscription_id=" + emulator.subscription_id)
    assert result.returncode != 0
    assert "network_subscription_id is no longer read" in result.stdout
    assert [entry for entry in emulator.requests() if entry["method"] in WRITES] == []
