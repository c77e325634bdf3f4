"""Reading a run's output and request log: what check mode reported and what was read."""

from __future__ import annotations

from tools.request_counts import gets_per_resource, reported_changed_ids

SA = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/dls"
RA = f"{SA}/providers/Microsoft.Authorization/roleAssignments/012b"
# Lines as the default callback prints them at -v (trimmed results).
STARTED = f'{{"changed": true, "id": "{SA}", "operation": {{"id": "{SA}", "method": null}}}}'
OUTPUT = "\n".join(
    [
        "TASK [workspace : Start creating the storage accounts] ***",
        f"changed: [localhost] => (item=dls) => {STARTED}",
        'ok: [localhost] => {"changed": false, "id": "/subscriptions/s/resourceGroups/rg/x/y"}',
        f'changed: [localhost] => (item=Blob Reader) => {{"changed": true, "id": "{RA}"}}',
        'changed: [localhost] => {"changed": true, "msg": "no id"}',
    ]
)


def test_changed_results_name_their_resources() -> None:
    assert reported_changed_ids(OUTPUT) == {SA.lower(), RA.lower()}


PE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-a"
ZONE_GROUP = f"{PE}/privateDnsZoneGroups/default"
ZONE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z"


def test_a_list_and_the_child_resources_of_a_result_are_named() -> None:
    item = f'{{"changed": true, "id": "{PE}", "zone_group": {{"id": "{ZONE_GROUP}"}}}}'
    unchanged = f'{{"changed": false, "id": "{ZONE}"}}'
    other = '{"id": "/subscriptions/s/resourceGroups/rg/providers/A/b/loop-item"}'
    output = "\n".join(
        [
            f'changed: [localhost] => {{"changed": true, "results": [{item}, {unchanged}]}}',
            f'changed: [localhost] => (item=x) => {{"changed": true, "id": "{ZONE}", '
            f'"item": {other}}}',
        ]
    )
    assert reported_changed_ids(output) == {PE.lower(), ZONE_GROUP.lower(), ZONE.lower()}


def test_a_list_read_counts_once_for_its_collection() -> None:
    managed = {SA.lower(), RA.lower()}
    requests = [
        {"method": "GET", "path": f"{SA}?api-version=1"},
        {"method": "GET", "path": f"{SA}/providers/Microsoft.Authorization/roleAssignments"},
        {"method": "GET", "path": "/subscriptions/s/providers/Microsoft.Network/operations/1"},
        {"method": "PUT", "path": SA},
    ]
    counts = gets_per_resource(requests, managed)
    assert counts[SA.lower()] == 1
    assert counts[f"list {SA.lower()}/providers/microsoft.authorization/roleassignments"] == 1
    assert counts["(other)"] == 1
    assert RA.lower() not in counts
