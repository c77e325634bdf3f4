"""Microsoft.Authorization: role assignments at any scope, built-in role definitions."""

from __future__ import annotations

from tools.arm_emulator.providers.authorization import role_assignments, role_definitions

TYPES = [*role_definitions.TYPES, *role_assignments.TYPES]
