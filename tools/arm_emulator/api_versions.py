"""The api-versions the emulator serves: the collection's own table
(plugins/module_utils/_arm/api_versions.py), read as a file so that Ansible need not be
installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_TABLE = Path(__file__).resolve().parents[2] / "plugins/module_utils/_arm/api_versions.py"


def _load_table() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("_collection_api_versions", _TABLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.API_VERSIONS)


API_VERSIONS = _load_table()


def pinned(type_name: str) -> str:
    """The collection's pinned api-version of a type; a type the collection does not pin is a
    mistake in the emulator's type table."""
    try:
        return API_VERSIONS[type_name.lower()]
    except KeyError:
        raise LookupError(f"{type_name} has no pinned api-version in {_TABLE}") from None
