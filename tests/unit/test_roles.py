"""The built-in role table, the deterministic assignment name, role lookup by name."""

from __future__ import annotations

import uuid

import pytest

from tests.unit.fakes import FakeTransport, Reply, make_client

SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg"
PRINCIPAL = "11111111-2222-4333-8444-555555555555"
MONITORING_READER = "43d0d8ad-25c7-4714-9337-8ba259a9fe05"


def roles():
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import roles

    return roles


def test_assignment_name_is_a_guid_that_depends_on_scope_role_and_principal_only() -> None:
    name = roles().assignment_name(SCOPE, "ACDD72A7-3385-48ef-bd42-f606fba81ae7", PRINCIPAL)
    assert str(uuid.UUID(name)) == name
    assert name == roles().assignment_name(
        SCOPE.upper() + "/", "acdd72a7-3385-48ef-bd42-f606fba81ae7", PRINCIPAL.upper()
    )
    others = {
        roles().assignment_name(SCOPE + "x", "acdd72a7-3385-48ef-bd42-f606fba81ae7", PRINCIPAL),
        roles().assignment_name(SCOPE, "b24988ac-6180-42a0-ab88-20f7382dd24c", PRINCIPAL),
        roles().assignment_name(SCOPE, "acdd72a7-3385-48ef-bd42-f606fba81ae7", str(uuid.uuid4())),
    }
    assert name not in others and len(others) == 3


@pytest.mark.parametrize(
    "role",
    ["Key Vault Administrator", "key vault administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483"],
)
def test_table_names_and_guids_resolve_without_a_request(role: str) -> None:
    transport = FakeTransport([])
    resolved = roles().role_definition_id(make_client(transport), SCOPE, role)
    assert resolved == (
        "/subscriptions/00000000-0000-0000-0000-000000000001/providers/"
        "Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483"
    )
    assert transport.sent == []


def test_other_names_are_looked_up_and_unknown_ones_name_the_option() -> None:
    definitions = {
        "value": [
            {
                "id": f"/providers/Microsoft.Authorization/roleDefinitions/{MONITORING_READER}",
                "properties": {"roleName": "Monitoring Reader"},
            }
        ]
    }
    transport = FakeTransport([Reply(200, definitions), Reply(200, definitions)])
    client = make_client(transport)
    assert (
        roles()
        .role_definition_id(client, SCOPE, "monitoring reader")
        .endswith("/roleDefinitions/43d0d8ad-25c7-4714-9337-8ba259a9fe05")
    )
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError

    with pytest.raises(ArmError) as raised:
        roles().role_definition_id(client, SCOPE, "Data Wizard")
    assert raised.value.option == "role"
