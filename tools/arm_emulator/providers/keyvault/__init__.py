"""Microsoft.KeyVault: vaults, with soft delete and purge."""

from __future__ import annotations

from tools.arm_emulator.providers.keyvault import vaults

TYPES = [*vaults.TYPES]
