"""Microsoft.Network private DNS (its own SDK package and api-version): zones, virtual network
links, record sets and VM auto-registration."""

from __future__ import annotations

from tools.arm_emulator.providers.privatedns import private_dns

TYPES = [*private_dns.TYPES]
