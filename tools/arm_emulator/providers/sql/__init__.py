"""Microsoft.Sql: logical servers (private-link target) and their databases."""

from __future__ import annotations

from tools.arm_emulator.providers.sql import databases, servers

TYPES = [*servers.TYPES, *databases.TYPES]
