"""The lab's Debian root file system: built once with debootstrap, cached, shared read-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from . import aptsource, config, shell

SETUP_SCRIPT = Path(__file__).with_name("image_setup.sh")
CHROOT_ENV = ("DEBIAN_FRONTEND=noninteractive", "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
TAR_OPTIONS = ("--zstd", "--numeric-owner", "--xattrs", "--xattrs-include=*")


def image_id(codename: str) -> str:
    """Release + package list + setup script: a change to any of them makes a new image."""
    recipe = "\n".join([codename, *config.IMAGE_PACKAGES, SETUP_SCRIPT.read_text()])
    return f"{codename}-{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"


def tarball_path(ident: str) -> Path:
    return config.CACHE_DIR / f"rootfs-{ident}.tar.zst"


def rootfs_path(ident: str) -> Path:
    return config.CACHE_DIR / f"rootfs-{ident}"


def ready_mark(rootfs: Path) -> Path:
    return rootfs.with_name(rootfs.name + ".ready")


def build_log() -> Path:
    return config.CACHE_DIR / "build.log"


def ensure_image() -> Path:
    """Return the extracted root file system, building or unpacking it when needed."""
    codename = aptsource.release_codename()
    ident = image_id(codename)
    rootfs = rootfs_path(ident)
    if ready_mark(rootfs).exists():
        return rootfs
    config.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tarball = tarball_path(ident)
    if not tarball.exists():
        build_tarball(codename, tarball)
    extract(tarball, rootfs)
    prune_other_images(ident)
    return rootfs


def build_tarball(codename: str, tarball: Path) -> None:
    sources = aptsource.release_sources(codename, aptsource.host_sources())
    work = tarball.with_name(tarball.name.removesuffix(".tar.zst") + ".build")
    shutil.rmtree(work, ignore_errors=True)
    build_log().unlink(missing_ok=True)
    started = time.monotonic()
    shell.log(f"building the lab image ({codename}), about a minute; log: {build_log()}")
    mirror = aptsource.main_mirror(codename, sources)
    shell.run_logged(build_log(), "debootstrap", "--variant=minbase", codename, str(work), mirror)
    (work / "etc/apt/sources.list").write_text("".join(s.line() + "\n" for s in sources))
    policy = work / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")  # packages must not start their services
    policy.chmod(0o755)
    shutil.copy(SETUP_SCRIPT, work / "tmp/lab-image-setup.sh")
    install = " && ".join(
        [
            "apt-get update",
            "apt-get install -y --no-install-recommends " + " ".join(config.IMAGE_PACKAGES),
            f"sh /tmp/lab-image-setup.sh {config.ADMIN_USER}",
            "rm /tmp/lab-image-setup.sh",
        ]
    )
    in_private_namespaces(work, install)
    partial = tarball.with_suffix(".partial")
    shell.run_logged(build_log(), "tar", *TAR_OPTIONS, "-cpf", str(partial), "-C", str(work), ".")
    partial.rename(tarball)
    shutil.rmtree(work)
    shell.log(f"lab image built in {time.monotonic() - started:.0f} s: {tarball}")


def in_private_namespaces(root: Path, script: str) -> None:
    """Run a shell script chrooted in ROOT; anything it starts or mounts dies with it."""
    shell.run_logged(
        build_log(),
        "unshare", "--mount", "--pid", "--fork", "--kill-child", f"--mount-proc={root}/proc",
        "chroot", str(root), "/usr/bin/env", "-i", f"PATH={shell.SYSTEM_PATH}", *CHROOT_ENV,
        "/bin/sh", "-c", script,
    )  # fmt: skip


def extract(tarball: Path, rootfs: Path) -> None:
    partial = rootfs.with_name(rootfs.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    shell.run("tar", *TAR_OPTIONS, "-xpf", str(tarball), "-C", str(partial))
    shutil.rmtree(rootfs, ignore_errors=True)
    os.rename(partial, rootfs)
    ready_mark(rootfs).touch()


def prune_other_images(keep: str) -> None:
    for path in config.CACHE_DIR.glob("rootfs-*"):
        if not path.name.startswith(f"rootfs-{keep}"):
            shell.log(f"removing an outdated lab image: {path}")
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
