"""Local Azure Resource Manager emulator speaking ARM's wire protocol over HTTPS."""
