"""The REST operations of an installed azure-mgmt-* package, read from its request builders:
method, URL template and api-version of each operation (`VirtualNetworks_CreateOrUpdate`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tools.arm_emulator.schema import import_sdk_module

_NAME = re.compile(r"^(\w+)_request\(")
_VERSION = re.compile(r'_params\.pop\("api-version", "([0-9a-z-]+)"\)')
_URL = re.compile(r'_url = (?:kwargs\.pop\(\s*"template_url",\s*)?"([^"]+)"')
_METHOD = re.compile(r'HttpRequest\(method="([A-Z]+)"')


@dataclass(frozen=True)
class Operation:
    method: str
    url: str  # template: /subscriptions/{subscriptionId}/...
    api_version: str


def snake(operation_id: str) -> str:
    """`PublicIPAddresses_CreateOrUpdate` -> `public_ip_addresses_create_or_update`."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", operation_id)
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", words)
    return words.replace("__", "_").lower()


@functools.cache
def operations(package: str) -> dict[str, Operation]:
    """Every operation of `package` (e.g. azure.mgmt.network), by snake-case operation id.

    Newer packages keep their request builders in operations/_operations.py, older (AutoRest)
    ones in one operations/_<group>_operations.py each, where the same builder name can recur:
    a name seen again is kept apart by its file."""
    module = import_sdk_module(package)
    found: dict[str, Operation] = {}
    for path in sorted((Path(module.__path__[0]) / "operations").glob("_*.py")):
        for chunk in path.read_text().split("\ndef build_")[1:]:
            parts = [pattern.search(chunk) for pattern in (_NAME, _METHOD, _URL, _VERSION)]
            if all(parts):
                name, method, url, version = (part.group(1) for part in parts)  # type: ignore[union-attr]
                key = name if name not in found else f"{path.stem}:{name}"
                found[key] = Operation(method, url, version)
    return found
