"""The lab tests share one lab for the whole session."""

from tools.lab.fixture import lab_inventory  # noqa: F401
