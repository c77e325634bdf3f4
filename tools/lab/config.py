"""The lab's topology, image contents and paths: one place to read or change them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Another LAB_NAME gives a second, separate lab on the same machine (own namespaces and state).
LAB_NAME = os.environ.get("LAB_NAME", "litware-aml-lab")
STATE_DIR = Path("/run") / LAB_NAME
NETNS_PREFIX = LAB_NAME + "-"
CACHE_DIR = Path("/var/cache/litware-aml-lab")  # shared by every lab: the image is read-only
ROUTER_NETNS = NETNS_PREFIX + "router"
ADMIN_USER = "azureuser"

# Everything the proxy role installs must already be here: lab hosts cannot reach a mirror.
IMAGE_PACKAGES = (
    "apache2-utils",
    "ca-certificates",
    "curl",
    "iproute2",
    "iputils-ping",
    "libnginx-mod-stream",
    "logrotate",
    "nginx",
    "openssh-server",
    "procps",
    "python3",
    "python3-apt",
    "rsyslog",
    "squid",
    "sudo",
    "sysvinit-utils",
    "tini",
    "unattended-upgrades",
)

# Packages the lab itself needs on the machine that runs it.
HOST_PACKAGES = {
    "debootstrap": "debootstrap",
    "ip": "iproute2",
    "nsenter": "util-linux",
    "openssl": "openssl",
    "socat": "socat",
    "ssh": "openssh-client",
    "ssh-keygen": "openssh-client",
    "zstd": "zstd",
}

VNET_CIDR = "10.0.0.0/16"
TRAINING_CIDR = "10.0.40.0/24"
PROXY_CIDR = "10.0.200.0/24"
ORIGIN_CIDR = "192.0.2.0/24"
OUTSIDER_CIDR = "198.51.100.0/24"

# Names from the AML egress allow-list (categories required and recommended); no package
# registry's name, by project rule.
ORIGIN_NAMES_ALLOWED = (
    "login.microsoftonline.com",
    "management.azure.com",
    "graph.microsoft.com",
    "abc.blob.core.windows.net",
    "abc.instances.azureml.ms",
    "www.tensorflow.org",
)
ORIGIN_NAMES_FORBIDDEN = ("example.com", "exfil.example.net")
ORIGIN_HTTPS_ALT_PORT = 8443
ORIGIN_BYTES_SIZES = (1, 10, 100, 1000, 10000, 100000, 1000000)

# Names the VNet's private DNS zone would give the proxy VM.
PROXY_NAMES = ("vm-proxy.private.litware.com", "squid.private.litware.com")


@dataclass(frozen=True)
class LabHost:
    """One lab host: its inventory name and group, its network and its routes."""

    name: str
    group: str
    address: str
    prefix_len: int
    gateway: str
    routes: tuple[str, ...]

    @property
    def netns(self) -> str:
        return NETNS_PREFIX + self.group

    @property
    def router_link(self) -> str:
        return "to-" + self.group


HOSTS = (
    LabHost("lab-proxy", "proxy", "10.0.200.4", 24, "10.0.200.1", ("default",)),
    # A training node: its only way out is the proxy subnet.
    LabHost("lab-client", "client", "10.0.40.4", 24, "10.0.40.1", (PROXY_CIDR,)),
    LabHost("lab-origin", "origin", "192.0.2.10", 24, "192.0.2.1", ("default",)),
    LabHost("lab-outsider", "outsider", "198.51.100.10", 24, "198.51.100.1", (PROXY_CIDR,)),
)


def host_by_group(group: str) -> LabHost:
    for host in HOSTS:
        if host.group == group or host.name == group:
            return host
    raise KeyError(f"no lab host {group!r}; known: {', '.join(h.group for h in HOSTS)}")


def state_path(*parts: str) -> Path:
    return STATE_DIR.joinpath(*parts)
