"""What Ansible and ssh need to reach the lab: key pair, known_hosts, ssh_config, inventory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import config, host, pki, shell


def private_key() -> Path:
    return config.state_path("id_ed25519")


def known_hosts() -> Path:
    return config.state_path("known_hosts")


def ssh_config() -> Path:
    return config.state_path("ssh_config")


def inventory_path() -> Path:
    return config.state_path("inventory.yml")


def make_key_pair() -> str:
    shell.run(
        "ssh-keygen",
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        "litware-aml-lab",
        "-f",
        str(private_key()),
    )
    return private_key().with_suffix(".pub").read_text()


def proxy_command(lab_host: config.LabHost) -> str:
    """A jump-host analogue: ssh's stream is relayed from inside the host's network namespace."""
    relay = f"{shell.require('socat')} STDIO TCP:%h:%p"
    return f"{shell.require('ip')} netns exec {lab_host.netns} {relay}"


def ssh_options(lab_host: config.LabHost) -> dict[str, str]:
    return {
        "ProxyCommand": proxy_command(lab_host),
        "StrictHostKeyChecking": "yes",
        "UserKnownHostsFile": str(known_hosts()),
        "IdentitiesOnly": "yes",
        # Per lab: every lab has the same addresses, and Ansible's shared default path would
        # hand one lab's persistent connection to another.
        "ControlPath": str(config.state_path("cp", "%C")),
    }


def lab_facts() -> dict[str, Any]:
    return {
        "lab_proxy_address": config.host_by_group("proxy").address,
        "lab_proxy_names": list(config.PROXY_NAMES),
        "lab_origin_address": config.host_by_group("origin").address,
        "lab_origin_names_allowed": list(config.ORIGIN_NAMES_ALLOWED),
        "lab_origin_names_forbidden": list(config.ORIGIN_NAMES_FORBIDDEN),
        "lab_origin_https_alt_port": config.ORIGIN_HTTPS_ALT_PORT,
        "lab_origin_bytes_sizes": list(config.ORIGIN_BYTES_SIZES),
        "lab_ca_cert": str(pki.ca_cert()),
        "lab_ca_key": str(pki.ca_key()),
        "lab_vnet_cidr": config.VNET_CIDR,
        "lab_training_cidr": config.TRAINING_CIDR,
        "lab_proxy_cidr": config.PROXY_CIDR,
        "lab_outsider_cidr": config.OUTSIDER_CIDR,
        "lab_origin_cidr": config.ORIGIN_CIDR,
    }


def host_vars(lab_host: config.LabHost) -> dict[str, Any]:
    common_args = " ".join(f"-o '{key}={value}'" for key, value in ssh_options(lab_host).items())
    return {
        "ansible_host": lab_host.address,
        "ansible_user": config.ADMIN_USER,
        "ansible_ssh_private_key_file": str(private_key()),
        "ansible_ssh_common_args": common_args,
        "ansible_python_interpreter": "/usr/bin/python3",
        "lab_netns": lab_host.netns,
        **lab_facts(),
    }


def inventory() -> dict[str, Any]:
    groups = {h.group: {"hosts": {h.name: host_vars(h)}} for h in config.HOSTS}
    return {"all": {"children": groups}}


def write_access_files() -> None:
    config.state_path("cp").mkdir(mode=0o700, exist_ok=True)
    known_hosts().write_text(
        "".join(f"{h.address} {host.host_public_key(h)}\n" for h in config.HOSTS)
    )
    stanzas = []
    for lab_host in config.HOSTS:
        options = {
            "HostName": lab_host.address,
            "User": config.ADMIN_USER,
            "IdentityFile": str(private_key()),
            **ssh_options(lab_host),
        }
        lines = [f"Host {lab_host.name} {lab_host.group}"] + [
            f"    {k} {v}" for k, v in options.items()
        ]
        stanzas.append("\n".join(lines) + "\n")
    ssh_config().write_text("\n".join(stanzas))
    header = "# Lab inventory, rewritten by `python -m tools.lab up`.\n"
    inventory_path().write_text(header + yaml.safe_dump(inventory(), sort_keys=False, width=4096))
