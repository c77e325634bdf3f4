"""The allow-list's NSG projection is accepted by ARM as written (emulator, pinned schema)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from tests.emulator.arm_client import ArmClient
from tools.ansible_run import collections_path

sys.path.insert(0, str(collections_path(Path(tempfile.mkdtemp(prefix="aml-isolation-emu-")))))

from ansible_collections.litware.aml_isolation.plugins.filter.egress import (  # noqa: E402
    allowlist_resolve,
)
from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import (  # noqa: E402
    projections,
    vocabulary,
)
from tools.egress_tables import load_catalog  # noqa: E402


@pytest.mark.parametrize("cloud", vocabulary.CLOUDS)
def test_the_nsg_rules_of_every_cloud_are_accepted(arm: ArmClient, group: str, cloud: str) -> None:
    entries = allowlist_resolve(
        load_catalog(),
        region="brazilsouth",
        region_service_tag="BrazilSouth",
        categories=list(vocabulary.CATEGORIES),
        features=list(vocabulary.FEATURES),
        cloud=cloud,
    )
    rules = projections.nsg_rules(entries, "10.0.40.0/24", priority=200)
    path = arm.net_path(group, "networkSecurityGroups/nsg-training")
    body = {"location": "brazilsouth", "properties": {"securityRules": rules}}
    created = arm.request("PUT", path, body)
    assert created.status_code in (200, 201), created.text()
    stored = arm.request("GET", path).json()["properties"]["securityRules"]
    assert {rule["name"]: rule["properties"]["destinationAddressPrefix"] for rule in stored} == {
        rule["name"]: rule["properties"]["destinationAddressPrefix"] for rule in rules
    }
    assert "VirtualNetwork" in {rule["properties"]["destinationAddressPrefix"] for rule in stored}
