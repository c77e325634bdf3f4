"""One lab host: an overlay root on the shared image, and its own init + sshd in its namespaces."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from . import config, pki, shell

BOOT_SCRIPT = Path(__file__).with_name("boot.sh")
CLEAN_ENV = ("env", "-i", f"PATH={shell.SYSTEM_PATH}", "HOME=/root", "LANG=C.UTF-8")


def host_dir(host: config.LabHost) -> Path:
    return config.state_path("hosts", host.group)


def root(host: config.LabHost) -> Path:
    return host_dir(host) / "root"


def pid_file(host: config.LabHost) -> Path:
    return host_dir(host) / "pid"


def mount_root(host: config.LabHost, image: Path) -> None:
    for part in ("upper", "work", "root"):
        (host_dir(host) / part).mkdir(parents=True, exist_ok=True)
    options = (
        f"lowerdir={image},upperdir={host_dir(host) / 'upper'},workdir={host_dir(host) / 'work'}"
    )
    shell.run("mount", "-t", "overlay", "overlay", "-o", options, str(root(host)))


def write(
    host: config.LabHost, path: str, text: str, mode: int = 0o644, owner: str = "root"
) -> None:
    target = root(host) / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    target.chmod(mode)
    ids = user_ids(host, owner)
    os.chown(target, *ids)


def user_ids(host: config.LabHost, user: str) -> tuple[int, int]:
    """UID and GID of USER in the host's /etc/passwd (not the machine's)."""
    for line in (root(host) / "etc/passwd").read_text().splitlines():
        fields = line.split(":")
        if fields[0] == user:
            return int(fields[2]), int(fields[3])
    raise KeyError(f"{user} not in {host.name}'s /etc/passwd")


def hosts_file(host: config.LabHost) -> str:
    names = {
        "proxy": " ".join(config.PROXY_NAMES),
        "origin": " ".join(config.ORIGIN_NAMES_ALLOWED + config.ORIGIN_NAMES_FORBIDDEN),
    }
    block = [f"{h.address}\t{h.name} {names.get(h.group, '')}".rstrip() for h in config.HOSTS]
    return "\n".join(
        [
            "127.0.0.1\tlocalhost",
            "::1\tlocalhost ip6-localhost ip6-loopback",
            "# BEGIN litware-aml-lab",
            *block,
            "# END litware-aml-lab",
            "",
        ]
    )


def configure(host: config.LabHost, public_key: str, ca_cert: Path) -> None:
    admin = config.ADMIN_USER
    write(host, "/etc/hostname", host.name + "\n")
    write(host, "/etc/hosts", hosts_file(host))
    write(host, "/etc/ssh/sshd_config.d/20-lab-listen.conf", f"ListenAddress {host.address}\n")
    write(host, f"/home/{admin}/.ssh/authorized_keys", public_key, 0o600, owner=admin)
    write(host, "/usr/local/sbin/lab-boot", BOOT_SCRIPT.read_text(), 0o755)
    trust_ca(host, ca_cert)
    host_key = root(host) / "etc/ssh/ssh_host_ed25519_key"
    shell.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", host.name, "-f", str(host_key))


def trust_ca(host: config.LabHost, ca_cert: Path) -> None:
    """Add the lab CA to the trust store as update-ca-certificates would (it takes ~2 s a host)."""
    pem = ca_cert.read_text()
    write(host, "/usr/local/share/ca-certificates/litware-aml-lab.crt", pem)
    certs = root(host) / "etc/ssl/certs"
    (certs / "litware-aml-lab.pem").symlink_to(
        "/usr/local/share/ca-certificates/litware-aml-lab.crt"
    )
    (certs / f"{pki.subject_hash(ca_cert)}.0").symlink_to("litware-aml-lab.pem")
    with open(certs / "ca-certificates.crt", "a") as bundle:
        bundle.write(pem)


def host_public_key(host: config.LabHost) -> str:
    return (root(host) / "etc/ssh/ssh_host_ed25519_key.pub").read_text().strip()


def start(host: config.LabHost) -> None:
    """Start the host's init in new mount/UTS/IPC/PID namespaces inside its network namespace.

    The launcher is detached (setsid -f) so that it outlives this process and never lingers as
    its zombie; it writes its own PID, which `stop` kills.
    """
    pid_file(host).unlink(missing_ok=True)
    with open(host_dir(host) / "console.log", "ab") as console:
        subprocess.run(
            ["setsid", "--fork", "sh", "-c", 'echo $$ >"$0" && exec "$@"', str(pid_file(host)),
             "ip", "netns", "exec", host.netns,
             "unshare", "--mount", "--uts", "--ipc", "--pid", "--fork", "--kill-child",
             "chroot", str(root(host)), *CLEAN_ENV,
             "/usr/local/sbin/init", "--", "/usr/local/sbin/lab-boot", host.name],
            stdin=subprocess.DEVNULL, stdout=console, stderr=console, check=True,
        )  # fmt: skip


def launcher_pid(host: config.LabHost) -> int | None:
    """PID of the host's `unshare` process when it is still running."""
    try:
        pid = int(pid_file(host).read_text() or 0)
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ValueError):
        return None
    return pid if cmdline.startswith(b"unshare\0") else None


def init_pid(host: config.LabHost) -> int | None:
    """PID (seen from the machine) of the host's init, the child of its `unshare`."""
    parent = launcher_pid(host)
    if parent is None:
        return None
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(stat.rpartition(")")[2].split()[1]) == parent:
                return int(entry.name)
    return None


def enter_command(host: config.LabHost, command: list[str]) -> list[str]:
    """The command line that runs COMMAND inside the running host, as root."""
    pid = init_pid(host)
    if pid is None:
        raise RuntimeError(f"lab host {host.name} is not running")
    namespaces = ("--mount", "--uts", "--ipc", "--net", "--pid", "--root", "--wd")
    terminal = [f"TERM={os.environ['TERM']}"] if "TERM" in os.environ else []
    return ["nsenter", f"--target={pid}", *namespaces, *CLEAN_ENV, *terminal, *command]


def wait_for_sshd(host: config.LabHost, timeout: float = 20.0) -> None:
    probe = f"exec 3<>/dev/tcp/{host.address}/22"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = shell.run(
            "ip", "netns", "exec", host.netns, "bash", "-c", probe, check=False, capture=True
        )
        if result.returncode == 0:
            return
        time.sleep(0.1)
    log = (host_dir(host) / "console.log").read_text(errors="replace")
    raise RuntimeError(f"sshd of {host.name} did not start within {timeout} s:\n{log}")


def stop(host: config.LabHost) -> None:
    """Kill the host's launcher: --kill-child then kills its init, and with it the whole host."""
    pid = launcher_pid(host)
    if pid is None:
        return
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while is_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def is_alive(pid: int) -> bool:
    """True while PID runs; a zombie (whose parent may never reap it) counts as gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"
