# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one table of service tag names the allow-list may use, as Azure spells them.

Source: MicrosoftDocs/azure-docs articles/virtual-network/service-tags-overview.md (the
"Available service tags" table: regional scope, usable in Azure Firewall).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceTag:
    """What Azure accepts for one service tag."""

    regional: bool  # Name.<Region> exists
    firewall: bool  # usable as a destination of an Azure Firewall network rule
    why_not_firewall: str = ""


SERVICE_TAGS: dict[str, ServiceTag] = {
    "AzureActiveDirectory": ServiceTag(regional=False, firewall=True),
    "AzureCloud": ServiceTag(regional=True, firewall=True),
    "AzureContainerRegistry": ServiceTag(regional=True, firewall=True),
    "AzureFrontDoor.Backend": ServiceTag(regional=False, firewall=True),
    "AzureFrontDoor.FirstParty": ServiceTag(regional=False, firewall=True),
    "AzureFrontDoor.Frontend": ServiceTag(regional=False, firewall=True),
    "AzureKeyVault": ServiceTag(regional=True, firewall=True),
    "AzureMachineLearning": ServiceTag(regional=True, firewall=True),
    "AzureMonitor": ServiceTag(regional=True, firewall=True),
    "AzureResourceManager": ServiceTag(regional=False, firewall=True),
    "BatchNodeManagement": ServiceTag(regional=True, firewall=True),
    "MicrosoftContainerRegistry": ServiceTag(regional=True, firewall=True),
    "Storage": ServiceTag(regional=True, firewall=True),
    "VirtualNetwork": ServiceTag(
        regional=False,
        firewall=False,
        why_not_firewall=(
            "VirtualNetwork is a network security group tag, not usable in Azure Firewall or "
            "routes; traffic inside the VNet and its peerings does not reach the firewall"
        ),
    ),
}

# Region parts as service tags write them: BrazilSouth, WestUS2, USGovVirginia, ChinaEast2.
REGION_PART = re.compile(r"^[A-Z][A-Za-z0-9]*[a-z0-9][A-Za-z0-9]*$")


def split_tag(value: str) -> tuple[str, str | None]:
    """Split a tag into its name and region part: Storage.BrazilSouth -> Storage, BrazilSouth."""
    if value in SERVICE_TAGS:
        return value, None
    name, dot, region = value.rpartition(".")
    return (name, region or None) if dot else (value, None)


def tag_error(value: object) -> str | None:
    """Tell what is wrong with a service tag, or None when Azure accepts it."""
    if not isinstance(value, str):
        return "a service tag is a string"
    name, region = split_tag(value)
    if name not in SERVICE_TAGS:
        return f"{value!r} is not a known service tag ({', '.join(SERVICE_TAGS)})"
    if region is None:
        return None
    if not SERVICE_TAGS[name].regional:
        return f"{name} has no regional form"
    if not REGION_PART.match(region):
        return f"the region part {region!r} is spelled like BrazilSouth"
    return None


def firewall_usable(value: str) -> bool:
    """Tell whether an Azure Firewall network rule accepts the tag as a destination."""
    name = split_tag(value)[0]
    return name in SERVICE_TAGS and SERVICE_TAGS[name].firewall
