"""Microsoft.Storage: storage accounts, their blob service and containers."""

from __future__ import annotations

from tools.arm_emulator.providers.storage import storage_accounts

TYPES = [*storage_accounts.TYPES]
