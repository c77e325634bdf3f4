"""Microsoft.ContainerService: managed (AKS) clusters."""

from __future__ import annotations

from tools.arm_emulator.providers.containerservice import managed_clusters

TYPES = [*managed_clusters.TYPES]
