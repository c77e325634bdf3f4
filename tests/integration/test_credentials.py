"""A wrong secret, given as module options or in the environment, gives one clear error and is
never shown, even at -vvv. The environment case needs the controller's environment, so it runs
as single steps rather than in the resource_group target."""

from __future__ import annotations

import pytest

from tests.integration.playbook_runner import Runner

WRONG_SECRET = "Wr0ng~Secret-7f3a9c"


@pytest.mark.parametrize("how", ["options", "environment"])
def test_wrong_secret_gives_one_clear_error_without_the_secret(runner: Runner, how: str) -> None:
    emulator = runner.emulator
    if how == "options":
        given = {
            "azure_client_id": emulator.client_id,
            "azure_secret": WRONG_SECRET,
            "azure_tenant": emulator.tenant,
        }
        environment = {}
    else:
        given, environment = {}, {"AZURE_SECRET": WRONG_SECRET}
    failed = runner.step(
        "resource_group",
        "-vvv",
        env=environment,
        expect_failure=True,
        rg_name="rg-it-auth",
        rg_location="eastus",
        **given,
    )
    assert failed.result["failed"] is True
    assert failed.result["error"]["code"] == "AuthenticationFailed"
    assert failed.result["msg"].startswith("authentication failed for client_id")
    assert WRONG_SECRET not in failed.output
    assert WRONG_SECRET not in str(failed.result)
    assert runner.writes() == []
