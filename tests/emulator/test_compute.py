"""Public IPs, NICs with allocated addresses, VMs and private DNS auto-registration."""

from __future__ import annotations

from typing import Any

from tests.emulator.arm_client import COMPUTE_API, PRIVATE_DNS_API, ArmClient, error_code

ZONE = "private.litware.com"
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEmulatorTestKeyOnly proxy"


def _network(arm: ArmClient, group: str) -> dict[str, Any]:
    return arm.vnet(
        group,
        "vnet",
        ["10.0.0.0/16"],
        [{"name": "proxy", "properties": {"addressPrefix": "10.0.200.0/24"}}],
    )


def _nic(arm: ArmClient, group: str, name: str, subnet_id: str, **ip: Any) -> dict[str, Any]:
    body = {
        "location": "eastus",
        "properties": {
            "ipConfigurations": [
                {"name": "ipconfig1", "properties": {"subnet": {"id": subnet_id}, **ip}}
            ]
        },
    }
    return arm.lro("PUT", arm.net_path(group, f"networkInterfaces/{name}"), body)[0]


def _vm_body(nic_id: str, **os_profile: Any) -> dict[str, Any]:
    return {
        "location": "eastus",
        "identity": {"type": "SystemAssigned"},
        "properties": {
            "hardwareProfile": {"vmSize": "Standard_B2ls_v2"},
            "storageProfile": {
                "imageReference": {
                    "publisher": "Debian",
                    "offer": "debian-12",
                    "sku": "12-gen2",
                    "version": "latest",
                },
                "osDisk": {
                    "createOption": "FromImage",
                    "managedDisk": {"storageAccountType": "StandardSSD_LRS"},
                },
            },
            "osProfile": {
                "adminUsername": "azureuser",
                "linuxConfiguration": {
                    "disablePasswordAuthentication": True,
                    "ssh": {
                        "publicKeys": [
                            {"path": "/home/azureuser/.ssh/authorized_keys", "keyData": SSH_KEY}
                        ]
                    },
                },
                **os_profile,
            },
            "networkProfile": {
                "networkInterfaces": [{"id": nic_id, "properties": {"primary": True}}]
            },
        },
    }


def test_nic_gets_first_free_address_and_subnet_shows_it(arm: ArmClient, group: str) -> None:
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    first = _nic(arm, group, "nic1", subnet_id)
    second = _nic(arm, group, "nic2", subnet_id)
    assert (
        first["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.200.4"
    )
    assert (
        second["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"]
        == "10.0.200.5"
    )
    again = _nic(arm, group, "nic1", subnet_id)
    assert (
        again["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.200.4"
    )
    subnet = arm.request("GET", arm.net_path(group, "virtualNetworks/vnet/subnets/proxy")).json()
    assert {c["id"] for c in subnet["properties"]["ipConfigurations"]} == {
        first["properties"]["ipConfigurations"][0]["id"],
        second["properties"]["ipConfigurations"][0]["id"],
    }
    taken = arm.request(
        "PUT",
        arm.net_path(group, "networkInterfaces/nic3"),
        {
            "location": "eastus",
            "properties": {
                "ipConfigurations": [
                    {
                        "name": "c",
                        "properties": {
                            "subnet": {"id": subnet_id},
                            "privateIPAllocationMethod": "Static",
                            "privateIPAddress": "10.0.200.5",
                        },
                    }
                ]
            },
        },
    )
    assert error_code(taken) == "PrivateIPAddressInUse"
    in_use = arm.request("DELETE", arm.net_path(group, "virtualNetworks/vnet/subnets/proxy"))
    assert error_code(in_use) == "InUseSubnetCannotBeDeleted"


def test_secondary_ip_configuration_without_subnet_takes_the_primarys(
    arm: ArmClient, group: str
) -> None:
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    body = {
        "location": "eastus",
        "properties": {
            "ipConfigurations": [
                {"name": "ipconfig1", "properties": {"subnet": {"id": subnet_id}}},
                {"name": "ipconfig2", "properties": {"privateIPAddressPrefixLength": 28}},
                {"name": "ipconfig3", "properties": {}},
            ]
        },
    }
    nic = arm.lro("PUT", arm.net_path(group, "networkInterfaces/nic"), body)[0]
    configurations = [c["properties"] for c in nic["properties"]["ipConfigurations"]]
    assert [c["subnet"]["id"] for c in configurations] == [subnet_id] * 3
    assert [c["privateIPAddress"] for c in configurations] == [
        "10.0.200.4",
        "10.0.200.16/28",
        "10.0.200.5",
    ]
    again = arm.lro("PUT", arm.net_path(group, "networkInterfaces/nic"), body)[0]
    assert [c["properties"] for c in again["properties"]["ipConfigurations"]] == configurations
    without = {"location": "eastus", "properties": {"ipConfigurations": [{"name": "c"}]}}
    response = arm.request("PUT", arm.net_path(group, "networkInterfaces/bare"), without)
    assert error_code(response) == "InvalidRequestFormat"


def test_static_public_ip_gets_a_documentation_address(arm: ArmClient, group: str) -> None:
    pip = arm.lro(
        "PUT",
        arm.net_path(group, "publicIPAddresses/pip"),
        {
            "location": "eastus",
            "sku": {"name": "Standard"},
            "properties": {"publicIPAllocationMethod": "Static"},
        },
    )[0]
    assert pip["properties"]["ipAddress"].startswith("203.0.113.")
    dynamic = arm.request(
        "PUT",
        arm.net_path(group, "publicIPAddresses/dyn"),
        {
            "location": "eastus",
            "sku": {"name": "Standard"},
            "properties": {"publicIPAllocationMethod": "Dynamic"},
        },
    )
    assert error_code(dynamic) == "StandardSkuPublicIPAddressesMustBeStatic"


def test_vm_requires_an_existing_nic_and_ssh_key(arm: ArmClient, group: str) -> None:
    missing = f"{arm.rg_path(group)}/providers/Microsoft.Network/networkInterfaces/none"
    path = f"{arm.rg_path(group)}/providers/Microsoft.Compute/virtualMachines/vm"
    response = arm.request("PUT", path, _vm_body(missing), api_version=COMPUTE_API)
    assert error_code(response) == "InvalidResourceReference"
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    nic = _nic(arm, group, "nic", subnet_id)
    body = _vm_body(nic["id"])
    body["properties"]["osProfile"]["linuxConfiguration"]["ssh"] = {"publicKeys": []}
    response = arm.request("PUT", path, body, api_version=COMPUTE_API)
    assert response.status_code == 400
    assert response.json()["error"]["target"] == "linuxConfiguration.ssh.publicKeys"


def test_vm_registers_in_the_auto_registration_zone(arm: ArmClient, group: str) -> None:
    vnet = _network(arm, group)
    zone = arm.net_path(group, f"privateDnsZones/{ZONE}")
    arm.lro("PUT", zone, {"location": "global"}, api_version=PRIVATE_DNS_API)
    link = {
        "location": "global",
        "properties": {"virtualNetwork": {"id": vnet["id"]}, "registrationEnabled": True},
    }
    arm.lro("PUT", f"{zone}/virtualNetworkLinks/spoke", link, api_version=PRIVATE_DNS_API)
    nic = _nic(arm, group, "nic-proxy", vnet["properties"]["subnets"][0]["id"])
    vm_path = f"{arm.rg_path(group)}/providers/Microsoft.Compute/virtualMachines/vm-proxy"
    vm, status, initial = arm.lro(
        "PUT", vm_path, _vm_body(nic["id"], computerName="proxy01"), api_version=COMPUTE_API
    )
    assert initial.status_code == 201 and "Azure-AsyncOperation" in initial.headers
    assert status == "Succeeded"
    assert vm["identity"]["principalId"]
    assert "adminPassword" not in vm["properties"]["osProfile"]
    record = arm.request("GET", f"{zone}/A/proxy01", api_version=PRIVATE_DNS_API)
    assert record.status_code == 200
    assert record.json()["properties"]["aRecords"] == [{"ipv4Address": "10.0.200.4"}]
    assert record.json()["properties"]["isAutoRegistered"] is True
    nic_now = arm.request("GET", arm.net_path(group, "networkInterfaces/nic-proxy")).json()
    assert nic_now["properties"]["virtualMachine"]["id"] == vm["id"]
    assert (
        error_code(arm.request("DELETE", arm.net_path(group, "networkInterfaces/nic-proxy")))
        == "NicInUse"
    )
    arm.lro("DELETE", vm_path, api_version=COMPUTE_API)
    assert arm.request("GET", f"{zone}/A/proxy01", api_version=PRIVATE_DNS_API).status_code == 404


def test_power_actions_are_long_running_posts(arm: ArmClient, group: str) -> None:
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    nic = _nic(arm, group, "nic", subnet_id)
    vm_path = f"{arm.rg_path(group)}/providers/Microsoft.Compute/virtualMachines/vm"
    arm.lro("PUT", vm_path, _vm_body(nic["id"]), api_version=COMPUTE_API)

    def power() -> str:
        view = arm.request("GET", f"{vm_path}?$expand=instanceView", api_version=COMPUTE_API)
        return view.json()["properties"]["instanceView"]["statuses"][1]["code"]

    assert power() == "PowerState/running"
    _, status, initial = arm.lro("POST", f"{vm_path}/deallocate", api_version=COMPUTE_API)
    assert initial.status_code == 202 and "Azure-AsyncOperation" in initial.headers
    assert status == "Succeeded"
    assert power() == "PowerState/deallocated"
    restart = arm.request("POST", f"{vm_path}/restart", api_version=COMPUTE_API)
    assert error_code(restart) == "OperationNotAllowed"
    arm.lro("POST", f"{vm_path}/start", api_version=COMPUTE_API)
    assert power() == "PowerState/running"
    unknown = arm.request("POST", f"{vm_path}/explode", api_version=COMPUTE_API)
    assert (unknown.status_code, error_code(unknown)) == (404, "InvalidResourceType")
    missing = arm.request("POST", f"{vm_path}-none/start", api_version=COMPUTE_API)
    assert (missing.status_code, error_code(missing)) == (404, "ResourceNotFound")


def _windows_body(nic_id: str, **os_profile: Any) -> dict[str, Any]:
    body = _vm_body(nic_id)
    body["properties"]["storageProfile"]["imageReference"] = {
        "publisher": "MicrosoftWindowsDesktop",
        "offer": "windows-11",
        "sku": "win11-23h2-ent",
        "version": "latest",
    }
    body["properties"]["osProfile"] = {
        "computerName": "vm-windows11",
        "adminUsername": "windowsadmin",
        "adminPassword": "Example-Passw0rd-not-secret",
        "windowsConfiguration": {"provisionVMAgent": True, "enableAutomaticUpdates": True},
        **os_profile,
    }
    return body


def test_windows_vm_never_returns_its_password(arm: ArmClient, group: str) -> None:
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    nic = _nic(arm, group, "nic-windows11", subnet_id)
    path = f"{arm.rg_path(group)}/providers/Microsoft.Compute/virtualMachines/vm-windows11"
    created = arm.lro("PUT", path, _windows_body(nic["id"]), api_version=COMPUTE_API)[0]
    assert "Example-Passw0rd" not in str(created)
    shown = arm.request("GET", path, api_version=COMPUTE_API).json()
    assert "adminPassword" not in shown["properties"]["osProfile"]
    assert shown["properties"]["osProfile"]["windowsConfiguration"]["provisionVMAgent"] is True
    assert shown["identity"]["principalId"]
    # A re-send without the password keeps the VM (the password is write-only).
    again = _windows_body(nic["id"])
    del again["properties"]["osProfile"]["adminPassword"]
    assert arm.lro("PUT", path, again, api_version=COMPUTE_API)[1] == "Succeeded"


def test_windows_vm_rules(arm: ArmClient, group: str) -> None:
    subnet_id = _network(arm, group)["properties"]["subnets"][0]["id"]
    nic = _nic(arm, group, "nic-windows11", subnet_id)
    path = f"{arm.rg_path(group)}/providers/Microsoft.Compute/virtualMachines/vm-windows11"
    cases = [
        ({"adminPassword": "short"}, "adminPassword"),
        ({"adminPassword": ""}, "adminPassword"),
        ({"computerName": "a-name-too-long-for-windows"}, "osProfile.computerName"),
        ({"linuxConfiguration": {"disablePasswordAuthentication": False}}, "osProfile"),
    ]
    for os_profile, target in cases:
        body = _windows_body(nic["id"], **os_profile)
        response = arm.request("PUT", path, body, api_version=COMPUTE_API)
        assert response.status_code == 400, os_profile
        assert response.json()["error"]["target"] == target
    body = _windows_body(nic["id"])
    body["properties"]["osProfile"]["windowsConfiguration"]["bogus"] = True
    assert arm.request("PUT", path, body, api_version=COMPUTE_API).status_code == 400
