"""Fixtures every test directory shares: one lab per test session (brought up on first use,
taken down at the end when this session brought it up)."""

from tools.lab.fixture import lab_inventory  # noqa: F401
