"""The molecule scenarios and the bad-input runs share the session's lab."""

from tools.lab.fixture import lab_inventory  # noqa: F401
