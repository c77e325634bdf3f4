"""Microsoft.MachineLearningServices: workspaces and their datastores."""

from __future__ import annotations

from tools.arm_emulator.providers.machinelearning import datastores, workspaces

TYPES = [*workspaces.TYPES, *datastores.TYPES]
