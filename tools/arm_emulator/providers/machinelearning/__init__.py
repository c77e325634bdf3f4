"""Microsoft.MachineLearningServices: workspaces, their datastores and computes."""

from __future__ import annotations

from tools.arm_emulator.providers.machinelearning import computes, datastores, workspaces

TYPES = [*workspaces.TYPES, *datastores.TYPES, *computes.TYPES]
