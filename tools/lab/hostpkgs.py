"""Installs the Debian packages the lab needs on the machine that runs it."""

from __future__ import annotations

import os

from . import config, shell


def missing_host_packages() -> list[str]:
    return sorted({pkg for cmd, pkg in config.HOST_PACKAGES.items() if shell.which(cmd) is None})


def ensure_host_packages() -> None:
    missing = missing_host_packages()
    if not missing:
        return
    os.environ.setdefault("DEBIAN_FRONTEND", "noninteractive")
    shell.log(f"installing host packages: {' '.join(missing)}")
    log_file = config.CACHE_DIR / "host-packages.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    shell.run_logged(log_file, "apt-get", "update")
    shell.run_logged(log_file, "apt-get", "install", "-y", "--no-install-recommends", *missing)
