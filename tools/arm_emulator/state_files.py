"""endpoint.json and env.sh: how clients find and authenticate to a running emulator."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

ENDPOINT_FILE = "endpoint.json"
ENV_FILE = "env.sh"


def _write_private(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)  # readers never see a half-written file


def client_environment(endpoint: dict[str, Any]) -> dict[str, str]:
    return {
        "AZURE_CLIENT_ID": endpoint["client_id"],
        "AZURE_SECRET": endpoint["secret"],
        "AZURE_TENANT": endpoint["tenant"],
        "AZURE_SUBSCRIPTION_ID": endpoint["subscription_id"],
        "AZURE_CLOUD_ENVIRONMENT": endpoint["metadata_url"],
        "REQUESTS_CA_BUNDLE": endpoint["ca_bundle"],
    }


def export_lines(endpoint: dict[str, Any]) -> str:
    return "".join(
        f"export {k}={shlex.quote(v)}\n" for k, v in client_environment(endpoint).items()
    )


def write_state_files(state_dir: Path, endpoint: dict[str, Any]) -> None:
    _write_private(state_dir / ENV_FILE, export_lines(endpoint))
    _write_private(state_dir / ENDPOINT_FILE, json.dumps(endpoint, indent=2) + "\n")


def read_endpoint(state_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((state_dir / ENDPOINT_FILE).read_text())
    except (OSError, ValueError):
        return None


def remove_endpoint(state_dir: Path, pid: int) -> None:
    endpoint = read_endpoint(state_dir)
    if endpoint is not None and endpoint.get("pid") == pid:
        (state_dir / ENDPOINT_FILE).unlink(missing_ok=True)
