"""Make `ansible_collections.litware.aml_isolation` importable from this checkout."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

from tools.ansible_run import collections_path

_COLLECTIONS_BASE = Path(tempfile.mkdtemp(prefix="aml-isolation-unit-"))
atexit.register(shutil.rmtree, _COLLECTIONS_BASE, ignore_errors=True)
sys.path.insert(0, str(collections_path(_COLLECTIONS_BASE)))
