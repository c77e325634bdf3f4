# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one playbook run read from ARM, for the audit at its end.

With a read log, every module appends each GET answer (a resource, a missing one, a collection)
and a marker for each write to one file of the run. The audit's reader then takes a resource
from the log instead of reading it a second time - but only when the run wrote nothing: a run
that changed something may have changed what it read before (an endpoint adds a connection to
its target), so the audit then reads everything itself.
"""

from __future__ import annotations

import json
import os
import stat
from typing import Any, Mapping
from urllib.parse import urlencode

READ_LOG_ENV = "LITWARE_ARM_READ_LOG"


def key(path: str, api_version: str, query: Mapping[str, str] | None = None) -> str:
    """One name for a read: the path without case, the api-version and any query."""
    parameters = urlencode(sorted({"api-version": api_version, **(query or {})}.items()))
    return f"{'/' + path.strip('/').lower()}?{parameters}"


class ReadLog:
    """Appends to the run's log; does nothing without one."""

    def __init__(self, path: str | None) -> None:
        self.path = path or None

    def read(self, read_key: str, value: Any) -> None:
        self._append({"read": read_key, "value": value})

    def write(self, method: str, path: str) -> None:
        self._append({"write": method, "path": path})

    def _append(self, entry: dict) -> None:
        if not self.path:
            return
        # One line per os.write on a descriptor opened for appending, owner-only.
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (json.dumps(entry, separators=(",", ":")) + "\n").encode())
        finally:
            os.close(descriptor)


def reads_of_unchanged_run(path: str | None) -> dict:
    """Each read of the log (the last answer per read), or nothing when the log is missing,
    can be written by others, or holds a write."""
    if not path or not os.path.isfile(path):
        return {}
    info = os.stat(path)
    if info.st_uid != os.getuid() or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        return {}
    reads: dict = {}
    with open(path, encoding="utf-8") as log:
        for line in log:
            try:
                entry = json.loads(line)
            except ValueError:
                return {}
            if "write" in entry:
                return {}
            reads[entry["read"]] = entry["value"]
    return reads
