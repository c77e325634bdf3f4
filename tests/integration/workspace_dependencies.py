"""What a workspace needs, created through the collection's own modules for the workspace tests:
an identity with its roles, storage, key vault, registry and Application Insights."""

from __future__ import annotations

from dataclasses import dataclass

from tests.integration.playbook_runner import Runner


@dataclass
class Dependencies:
    identity_id: str
    storage_id: str
    datalake_id: str
    datalake_name: str
    key_vault_id: str
    registry_id: str
    insights_id: str

    def workspace_options(self) -> dict:
        return {
            "location": "eastus",
            "storage_account_id": self.storage_id,
            "key_vault_id": self.key_vault_id,
            "application_insights_id": self.insights_id,
            "container_registry_id": self.registry_id,
            "identity_id": self.identity_id,
        }


def create_dependencies(runner: Runner, group: str, stem: str) -> Dependencies:
    made = runner.step("ml_dependencies", group=group, stem=stem)
    assert made.returncode == 0, made.output
    return Dependencies(**made.result)
