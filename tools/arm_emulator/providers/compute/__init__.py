"""Microsoft.Compute: virtual machines."""

from __future__ import annotations

from tools.arm_emulator.providers.compute import virtual_machines

TYPES = [*virtual_machines.TYPES]
