"""The lab's network: one namespace per host, each wired by a veth pair to a router namespace.

Nothing is created in the machine's own network namespace, so lab hosts have no way out of the lab.
"""

from __future__ import annotations

from . import config, shell


def all_lab_namespace_names() -> list[str]:
    return [config.ROUTER_NETNS] + [host.netns for host in config.HOSTS]


def lab_namespaces() -> list[str]:
    """This lab's namespaces that exist (by exact name: another lab's prefix may extend ours)."""
    listing = shell.output("ip", "netns", "list")
    present = {line.split()[0] for line in listing.splitlines() if line.strip()}
    return [name for name in all_lab_namespace_names() if name in present]


def sysctl(netns: str, setting: str) -> None:
    shell.run("ip", "netns", "exec", netns, "sysctl", "-qw", setting)


def add_namespace(netns: str, forward: bool) -> None:
    shell.run("ip", "netns", "add", netns)
    shell.run("ip", "-n", netns, "link", "set", "lo", "up")
    sysctl(netns, f"net.ipv4.ip_forward={int(forward)}")


def wire_host(host: config.LabHost) -> None:
    router = config.ROUTER_NETNS
    shell.run(
        "ip", "link", "add", host.router_link, "netns", router, "type", "veth",
        "peer", "name", "eth0", "netns", host.netns,
    )  # fmt: skip
    shell.run(
        "ip",
        "-n",
        router,
        "addr",
        "add",
        f"{host.gateway}/{host.prefix_len}",
        "dev",
        host.router_link,
    )
    shell.run("ip", "-n", router, "link", "set", host.router_link, "up")
    shell.run(
        "ip", "-n", host.netns, "addr", "add", f"{host.address}/{host.prefix_len}", "dev", "eth0"
    )
    shell.run("ip", "-n", host.netns, "link", "set", "eth0", "up")
    for destination in host.routes:
        shell.run("ip", "-n", host.netns, "route", "add", destination, "via", host.gateway)


def create() -> None:
    add_namespace(config.ROUTER_NETNS, forward=True)
    for host in config.HOSTS:
        add_namespace(host.netns, forward=False)
        wire_host(host)


def delete() -> None:
    for netns in lab_namespaces():
        shell.run("ip", "netns", "delete", netns)
