"""Private DNS zones, virtual network links and record sets."""

from __future__ import annotations

from tests.emulator.arm_client import PRIVATE_DNS_API, ArmClient, error_code

ZONE = "private.litware.com"


def _zone(arm: ArmClient, group: str) -> str:
    path = arm.net_path(group, f"privateDnsZones/{ZONE}")
    arm.lro("PUT", path, {"location": "global"}, api_version=PRIVATE_DNS_API)
    return path


def test_zone_location_must_be_global(arm: ArmClient, group: str) -> None:
    path = arm.net_path(group, f"privateDnsZones/{ZONE}")
    response = arm.request("PUT", path, {"location": "eastus"}, api_version=PRIVATE_DNS_API)
    assert error_code(response) == "LocationNotAvailableForResourceType"


def test_link_to_missing_vnet_fails(arm: ArmClient, group: str) -> None:
    zone = _zone(arm, group)
    missing = f"{arm.rg_path(group)}/providers/Microsoft.Network/virtualNetworks/missing"
    response = arm.request(
        "PUT",
        f"{zone}/virtualNetworkLinks/l",
        {
            "location": "global",
            "properties": {"virtualNetwork": {"id": missing}, "registrationEnabled": True},
        },
        api_version=PRIVATE_DNS_API,
    )
    assert response.status_code == 400
    assert error_code(response) == "InvalidResourceReference"


def test_link_counts_and_single_registration_zone(arm: ArmClient, group: str) -> None:
    vnet = arm.vnet(group, "v", ["10.0.0.0/16"])
    zone = _zone(arm, group)
    link = {
        "location": "global",
        "properties": {"virtualNetwork": {"id": vnet["id"]}, "registrationEnabled": True},
    }
    result = arm.lro("PUT", f"{zone}/virtualNetworkLinks/l", link, api_version=PRIVATE_DNS_API)[0]
    assert result["properties"]["virtualNetworkLinkState"] == "Completed"
    document = arm.request("GET", zone, api_version=PRIVATE_DNS_API).json()
    assert document["properties"]["numberOfVirtualNetworkLinksWithRegistration"] == 1
    other = arm.net_path(group, "privateDnsZones/other.litware.com")
    arm.lro("PUT", other, {"location": "global"}, api_version=PRIVATE_DNS_API)
    response = arm.request(
        "PUT", f"{other}/virtualNetworkLinks/l", link, api_version=PRIVATE_DNS_API
    )
    assert response.status_code == 409
    assert error_code(arm.request("DELETE", zone, api_version=PRIVATE_DNS_API)) == "Conflict"


def test_a_and_cname_record_sets(arm: ArmClient, group: str) -> None:
    zone = _zone(arm, group)
    a_record = {"properties": {"ttl": 300, "aRecords": [{"ipv4Address": "10.0.0.5"}]}}
    created = arm.request("PUT", f"{zone}/A/web", a_record, api_version=PRIVATE_DNS_API)
    assert created.status_code == 201
    assert created.json()["properties"]["fqdn"] == f"web.{ZONE}."
    assert created.json()["type"] == "Microsoft.Network/privateDnsZones/A"
    bad = {"properties": {"aRecords": [{"ipv4Address": "not-an-ip"}]}}
    assert arm.request("PUT", f"{zone}/A/bad", bad, api_version=PRIVATE_DNS_API).status_code == 400
    cname = {"properties": {"ttl": 300, "cnameRecord": {"cname": "web.private.litware.com"}}}
    assert (
        arm.request("PUT", f"{zone}/CNAME/alias", cname, api_version=PRIVATE_DNS_API).status_code
        == 201
    )
    assert (
        arm.request("PUT", f"{zone}/CNAME/web", cname, api_version=PRIVATE_DNS_API).status_code
        == 409
    )
    listed = arm.request("GET", f"{zone}/A", api_version=PRIVATE_DNS_API).json()["value"]
    assert [r["name"] for r in listed] == ["web"]
    assert (
        arm.request("GET", zone, api_version=PRIVATE_DNS_API).json()["properties"][
            "numberOfRecordSets"
        ]
        == 2
    )
