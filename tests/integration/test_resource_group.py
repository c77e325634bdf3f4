"""resource_group through ansible-playbook against the emulator."""

from __future__ import annotations

from tests.integration.playbook_runner import Runner

TARGET = "resource_group"


def test_lifecycle(runner: Runner) -> None:
    group = {"rg_name": "rg-it-lifecycle", "rg_location": "East US", "rg_tags": {"owner": "ml"}}
    delete = {"rg_name": group["rg_name"], "rg_state": "absent"}

    checked = runner.step(TARGET, "--check", **group)
    assert checked.returncode == 0, checked.output
    assert checked.result["changed"] is True
    assert runner.writes() == []

    created = runner.step(TARGET, **group)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    assert created.result["resource_group"]["tags"] == {"owner": "ml"}
    assert created.result["id"].endswith("/resourceGroups/rg-it-lifecycle")

    again = runner.step(TARGET, **{**group, "rg_location": "eastus"})
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False

    runner.emulator.clear_requests()
    changed = runner.step(TARGET, "--diff", **{**group, "rg_tags": {"cost": "42"}})
    assert changed.returncode == 0, changed.output
    assert changed.result["changed"] is True
    assert changed.result["resource_group"]["tags"] == {"owner": "ml", "cost": "42"}
    assert changed.result["diff"]["before"]["tags"] == {"owner": "ml"}
    assert changed.result["diff"]["after"]["tags"] == {"owner": "ml", "cost": "42"}
    assert "--- before" in changed.stdout and "+++ after" in changed.stdout
    assert '+        "cost": "42"' in changed.stdout
    assert [write["method"] for write in runner.writes()] == ["PATCH"]

    replaced = runner.step(TARGET, **{**group, "rg_tags": {"cost": "7"}, "rg_append_tags": False})
    assert replaced.result["changed"] is True
    assert replaced.result["resource_group"]["tags"] == {"cost": "7"}

    runner.emulator.clear_requests()
    check_delete = runner.step(TARGET, "--check", **delete)
    assert check_delete.result["changed"] is True
    assert runner.writes() == []

    deleted = runner.step(TARGET, **delete)
    assert deleted.returncode == 0, deleted.output
    assert deleted.result["changed"] is True
    assert "rg-it-lifecycle" not in str(runner.emulator.state())

    deleted_again = runner.step(TARGET, **delete)
    assert deleted_again.returncode == 0, deleted_again.output
    assert deleted_again.result["changed"] is False


def test_non_empty_group_needs_force_delete(runner: Runner) -> None:
    assert runner.step(TARGET, rg_name="rg-it-full", rg_location="eastus").returncode == 0
    vnet = runner.step(
        "arm_resource",
        resource_group="rg-it-full",
        provider="Microsoft.Network",
        resource_type="virtualNetworks",
        resource_name="vnet-full",
        body={
            "location": "eastus",
            "properties": {"addressSpace": {"addressPrefixes": ["10.5.0.0/16"]}},
        },
    )
    assert vnet.returncode == 0, vnet.output

    runner.emulator.clear_requests()
    refused = runner.step(TARGET, rg_name="rg-it-full", rg_state="absent", expect_failure=True)
    assert refused.result["failed"] is True
    assert refused.result["msg"].startswith("force_delete:")
    assert "vnet-full" in refused.result["msg"]
    assert runner.writes() == []

    forced = runner.step(TARGET, rg_name="rg-it-full", rg_state="absent", rg_force_delete=True)
    assert forced.returncode == 0, forced.output
    assert forced.result["changed"] is True
    assert any("vnet-full" in resource for resource in forced.result["contained_resources"])
    assert "vnet-full" not in str(runner.emulator.state())


def test_bad_inputs_fail_before_any_write_naming_the_option(runner: Runner) -> None:
    cases = [
        ({"rg_name": "bad/name", "rg_location": "eastus"}, "name:"),
        ({"rg_name": "rg-it-bad"}, "location:"),
        ({"rg_name": "rg-it-bad", "rg_location": "eastus", "rg_tags": {"n": 3}}, "tags:"),
        ({"rg_name": "rg-it-bad", "rg_location": "east-us!"}, "location:"),
    ]
    for inputs, option_prefix in cases:
        failed = runner.step(TARGET, expect_failure=True, **inputs)
        assert failed.result.get("failed") is True, inputs
        assert failed.result["msg"].startswith(option_prefix), failed.result["msg"]
    assert runner.writes() == []


def test_location_of_an_existing_group_cannot_change(runner: Runner) -> None:
    assert runner.step(TARGET, rg_name="rg-it-move", rg_location="eastus").returncode == 0
    runner.emulator.clear_requests()
    moved = runner.step(TARGET, rg_name="rg-it-move", rg_location="westeurope", expect_failure=True)
    assert moved.result["msg"].startswith("location:")
    assert runner.writes() == []


def test_wrong_secret_gives_one_clear_error_without_the_secret(runner: Runner) -> None:
    wrong_secret = "Wr0ng~Secret-7f3a9c"
    emulator = runner.emulator
    for how in ("options", "environment"):
        if how == "options":
            failed = runner.step(
                TARGET,
                "-vvv",
                rg_name="rg-it-auth",
                rg_location="eastus",
                expect_failure=True,
                azure_client_id=emulator.client_id,
                azure_secret=wrong_secret,
                azure_tenant=emulator.tenant,
            )
        else:
            failed = runner.step(
                TARGET,
                "-vvv",
                env={"AZURE_SECRET": wrong_secret},
                rg_name="rg-it-auth",
                rg_location="eastus",
                expect_failure=True,
            )
        assert failed.result["failed"] is True
        assert failed.result["error"]["code"] == "AuthenticationFailed"
        assert failed.result["msg"].startswith("authentication failed for client_id")
        assert failed.output.count("authentication failed for client_id") >= 1
        assert wrong_secret not in failed.output, how
        assert wrong_secret not in str(failed.result), how
    assert runner.writes() == []
