"""Microsoft.ContainerRegistry: registries."""

from __future__ import annotations

from tools.arm_emulator.providers.containerregistry import registries

TYPES = [*registries.TYPES]
