"""A copy of the collection's content under an ansible_collections/ path, as ansible-test needs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]


def collection_files() -> list[str]:
    """Files git tracks or would track, less what galaxy.yml keeps out of the build."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    ignored = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())["build_ignore"]
    return [
        path
        for path in listed
        if (REPO_ROOT / path).is_file()
        and not any(path == pattern or path.startswith(pattern + "/") for pattern in ignored)
        and not path.endswith(".tar.gz")
    ]


def copy_collection(target_root: Path) -> Path:
    """Copy the collection to TARGET_ROOT/ansible_collections/litware/aml_isolation."""
    destination = target_root / "ansible_collections" / "litware" / "aml_isolation"
    for path in collection_files():
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / path, destination / path)
    return destination
