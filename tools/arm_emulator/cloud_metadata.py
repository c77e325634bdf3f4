"""ARM's `/metadata/endpoints` document describing this emulator as a cloud."""

from __future__ import annotations

from typing import Any

from tools.arm_emulator.tokens import ARM_AUDIENCES


def cloud_metadata(base_url: str, graph_endpoint: str) -> list[dict[str, Any]]:
    root = base_url.rstrip("/") + "/"
    return [
        {
            "name": "AzureEmulator",
            "portal": root,
            "resourceManager": root,
            "authentication": {
                "loginEndpoint": root,
                "audiences": list(ARM_AUDIENCES),
                "tenant": "common",
                "identityProvider": "AAD",
            },
            "microsoftGraphResourceId": graph_endpoint,
            "suffixes": {
                "storage": "core.windows.net",
                "keyVaultDns": "vault.azure.net",
                "acrLoginServer": "azurecr.io",
                "sqlServerHostname": "database.windows.net",
            },
        }
    ]
