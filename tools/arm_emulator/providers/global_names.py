"""Names that are global in Azure (a DNS label: `<name>.blob.core.windows.net`,
`<name>.vault.azure.net`, `<name>.azurecr.io`): taken once across every resource group (and, for key
vaults, while a deleted vault keeps its name)."""

from __future__ import annotations

from tools.arm_emulator.hooks_base import WriteContext
from tools.arm_emulator.store import Record


def holder_of_name(ctx: WriteContext) -> Record | None:
    """Another resource of the same type that already has this name, in any group."""
    name = ctx.name.lower()
    for record in ctx.world.store.of_type(ctx.rtype.name):
        if record.name.lower() == name and record.key != ctx.resource_id.lower():
            return record
    return None
