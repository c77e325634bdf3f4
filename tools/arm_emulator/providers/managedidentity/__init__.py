"""Microsoft.ManagedIdentity: user-assigned identities."""

from __future__ import annotations

from tools.arm_emulator.providers.managedidentity import user_assigned_identities

TYPES = [*user_assigned_identities.TYPES]
