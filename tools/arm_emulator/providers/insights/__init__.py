"""Microsoft.Insights: Application Insights components, Azure Monitor private link scopes (and
their scoped resources), diagnostic settings on any resource."""

from __future__ import annotations

from tools.arm_emulator.providers.insights import (
    components,
    diagnostic_settings,
    private_link_scopes,
)

TYPES = [*components.TYPES, *private_link_scopes.TYPES, *diagnostic_settings.TYPES]
