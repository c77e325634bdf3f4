"""Microsoft.OperationalInsights: Log Analytics workspaces, with soft delete."""

from __future__ import annotations

from tools.arm_emulator.providers.operationalinsights import workspaces

TYPES = [*workspaces.TYPES]
