"""Bringing the whole lab up and down, and asking whether it is up."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import config, host, hostpkgs, image, inventory, network, origin, pki, shell


@contextmanager
def lab_lock() -> Iterator[None]:
    """Serialise `up` and `down` across processes (parallel test sessions share one lab)."""
    config.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(config.CACHE_DIR / "lab.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def is_up() -> bool:
    namespaces = set(network.lab_namespaces())
    wanted = set(network.all_lab_namespace_names())
    running = all(host.init_pid(h) is not None for h in config.HOSTS)
    return namespaces == wanted and running and inventory.inventory_path().exists()


def has_leftovers() -> bool:
    return bool(network.lab_namespaces() or lab_mounts() or config.STATE_DIR.exists())


def up() -> Path:
    with lab_lock():
        if is_up():
            return inventory.inventory_path()
        if has_leftovers():
            shell.log("a partial lab is present: taking it down first")
            _down()
        started = time.monotonic()
        try:
            _up()
        except BaseException:
            _down()  # leave nothing half-built behind; the error says what failed
            raise
        shell.log(f"lab up in {time.monotonic() - started:.1f} s")
        return inventory.inventory_path()


def _up() -> None:
    hostpkgs.ensure_host_packages()
    rootfs = image.ensure_image()
    config.STATE_DIR.mkdir(mode=0o700, parents=True)
    public_key = inventory.make_key_pair()
    pki.make_ca()
    network.create()
    for lab_host in config.HOSTS:
        host.mount_root(lab_host, rootfs)
        host.configure(lab_host, public_key, pki.ca_cert())
    origin.configure(config.host_by_group("origin"))
    for lab_host in config.HOSTS:
        host.start(lab_host)
    for lab_host in config.HOSTS:
        host.wait_for_sshd(lab_host)
    shell.run(*origin.start_web_server(config.host_by_group("origin")), capture=True)
    inventory.write_access_files()


def down() -> None:
    with lab_lock():
        _down()


def _down() -> None:
    for lab_host in config.HOSTS:
        host.stop(lab_host)
    kill_namespace_processes()
    for mount_point in state_mounts():
        if shell.run("umount", mount_point, check=False, capture=True).returncode != 0:
            shell.run("umount", "--lazy", mount_point, check=False)  # busy: detach, don't leave it
    network.delete()
    if lab_mounts():
        raise RuntimeError(f"lab mounts remain, not deleting {config.STATE_DIR}: {lab_mounts()}")
    shutil.rmtree(config.STATE_DIR, ignore_errors=True)


def kill_namespace_processes() -> None:
    """Kill anything still running in a lab network namespace (e.g. entered with `exec`)."""
    for netns in network.lab_namespaces():
        for pid in shell.output("ip", "netns", "pids", netns).split():
            shell.run("kill", "-KILL", pid, check=False)


def mount_points() -> list[str]:
    """Mount points in this mount namespace, deepest first."""
    lines = Path("/proc/self/mountinfo").read_text().splitlines()
    points = [line.split()[4].replace("\\040", " ") for line in lines]
    return sorted(points, key=len, reverse=True)


def state_mounts() -> list[str]:
    return [p for p in mount_points() if p.startswith(str(config.STATE_DIR) + "/")]


def lab_mounts() -> list[str]:
    netns_files = {f"/run/netns/{name}" for name in network.all_lab_namespace_names()}
    return state_mounts() + [p for p in mount_points() if p in netns_files]


def status() -> dict[str, str]:
    report = {}
    namespaces = set(network.lab_namespaces())
    for lab_host in config.HOSTS:
        if lab_host.netns not in namespaces:
            report[lab_host.name] = "absent"
        elif host.init_pid(lab_host) is None:
            report[lab_host.name] = "namespace only, not running"
        else:
            report[lab_host.name] = f"running, ssh {lab_host.address}:22"
    report["router"] = "present" if config.ROUTER_NETNS in namespaces else "absent"
    return report


def exec_command(group: str, command: list[str]) -> list[str]:
    return host.enter_command(config.host_by_group(group), command)


def lab_exec(
    group: str, *command: str, check: bool = False, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run COMMAND as root inside a lab host (by group or name) and capture its output."""
    return subprocess.run(
        exec_command(group, list(command)),
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )
