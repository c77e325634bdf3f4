"""arm_context_info through ansible-playbook against the emulator."""

from __future__ import annotations

from tests.integration.playbook_runner import Runner
from tools.arm_emulator.principal import PRINCIPAL_OBJECT_ID

TARGET = "arm_context_info"


def test_context_of_the_emulator_in_check_mode_and_again(runner: Runner) -> None:
    emulator = runner.emulator
    checked = runner.step(TARGET, "--check")
    assert checked.returncode == 0, checked.output
    result = checked.result
    assert result["changed"] is False
    assert result["subscription_id"] == emulator.subscription_id
    assert result["tenant_id"] == emulator.tenant
    assert result["principal_id"] == PRINCIPAL_OBJECT_ID
    assert result["cloud"]["name"] == "AzureEmulator"
    assert result["cloud"]["resource_manager"] == emulator.url.rstrip("/")
    # The emulator's metadata names AzureCloud's storage suffix, so it uses that zone row.
    assert result["cloud"]["private_link_cloud"] == "AzureCloud"
    zones = result["private_link_zones"]
    assert zones["amlworkspace"]["zones"] == [
        "privatelink.api.azureml.ms",
        "privatelink.notebooks.azure.net",
    ]
    assert sorted(zones) == sorted(
        ["amlworkspace", "registry", "vault", "blob", "file", "dfs", "queue", "table"]
        + ["azuremonitor", "sqlServer"]
    )
    assert emulator.secret not in checked.output
    assert emulator.secret not in result["credential_source"]

    again = runner.step(TARGET)
    assert again.returncode == 0, again.output
    assert again.result["changed"] is False
    assert again.result["subscription_id"] == result["subscription_id"]
    assert runner.writes() == []


def test_unknown_subscription_fails_naming_the_option(runner: Runner) -> None:
    failed = runner.step(
        TARGET,
        context_subscription_id="11111111-2222-3333-4444-555555555555",
        expect_failure=True,
    )
    assert failed.result["failed"] is True
    assert failed.result["msg"].startswith("subscription_id: the subscription 1111")
    assert runner.writes() == []


def test_unknown_cloud_fails_naming_the_option(runner: Runner) -> None:
    failed = runner.step(TARGET, context_cloud_environment="AzureMoonCloud", expect_failure=True)
    assert failed.result["failed"] is True
    assert "cloud_environment" in failed.result["msg"]
    assert runner.writes() == []
