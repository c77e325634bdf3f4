"""Clouds by name and from ARM's metadata endpoint format."""

from __future__ import annotations

import pytest

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import (
    KNOWN_CLOUDS,
    cloud_from_metadata,
    resolve_cloud,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError
from tests.unit.fakes import FakeTransport, Reply

URL = "https://127.0.0.1:8443/metadata/endpoints?api-version=2022-09-01"

METADATA = [
    {
        "name": "AzureCloud",
        "resourceManager": "https://management.azure.com/",
        "authentication": {
            "loginEndpoint": "https://login.microsoftonline.com",
            "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
            "tenant": "common",
            "identityProvider": "AAD",
        },
        "suffixes": {"storage": "core.windows.net"},
    },
    {
        "name": "Emulator",
        "resourceManager": "https://127.0.0.1:8443/",
        "authentication": {
            "loginEndpoint": "https://127.0.0.1:8443/",
            "audiences": ["https://management.emulator.local/"],
        },
    },
]


@pytest.mark.parametrize(
    ("name", "endpoint"),
    [
        ("AzureCloud", "https://management.azure.com"),
        ("azureusgovernment", "https://management.usgovcloudapi.net"),
        ("AzureChinaCloud", "https://management.chinacloudapi.cn"),
        (None, "https://management.azure.com"),
    ],
)
def test_known_clouds_by_name(name: str | None, endpoint: str) -> None:
    cloud = resolve_cloud(name)
    assert cloud.resource_manager == endpoint
    assert cloud.known_public
    assert cloud.token_scope.endswith("/.default")


@pytest.mark.parametrize("name", sorted(cloud.name for cloud in KNOWN_CLOUDS.values()))
def test_known_clouds_use_their_own_private_link_zones(name: str) -> None:
    assert resolve_cloud(name.lower()).private_link_cloud == name


def test_metadata_cloud_is_matched_to_zones_by_its_storage_suffix() -> None:
    emulator = {**METADATA[1], "suffixes": {"storage": "core.usgovcloudapi.net"}}
    assert cloud_from_metadata(URL, [emulator]).private_link_cloud == "AzureUSGovernment"
    assert cloud_from_metadata(URL, METADATA[1]).private_link_cloud is None


def test_unknown_name_is_refused_naming_the_option() -> None:
    with pytest.raises(ArmError) as caught:
        resolve_cloud("AzureMoonCloud")
    assert caught.value.option == "cloud_environment"


def test_metadata_entry_matching_the_url_host_is_chosen() -> None:
    cloud = cloud_from_metadata(URL, METADATA)
    assert cloud.name == "Emulator"
    assert cloud.resource_manager == "https://127.0.0.1:8443"
    assert cloud.login_endpoint == "https://127.0.0.1:8443"
    assert cloud.token_scope == "https://management.emulator.local/.default"
    assert not cloud.known_public


def test_first_entry_when_no_host_matches() -> None:
    cloud = cloud_from_metadata("https://metadata.example.test/metadata/endpoints", METADATA)
    assert cloud.name == "AzureCloud"
    assert cloud.known_public
    assert cloud.token_scope == "https://management.core.windows.net/.default"


def test_older_single_object_format() -> None:
    assert cloud_from_metadata(URL, METADATA[1]).name == "Emulator"


def test_metadata_without_login_endpoint_is_refused() -> None:
    with pytest.raises(ArmError) as caught:
        cloud_from_metadata(URL, [{"name": "x", "resourceManager": "https://x/"}])
    assert caught.value.code == "CloudMetadataInvalid"


def test_metadata_is_fetched_through_the_pipeline() -> None:
    transport = FakeTransport([Reply(200, METADATA)])
    assert resolve_cloud(URL, transport=transport).name == "Emulator"
    assert transport.sent[0].url == URL


def test_metadata_endpoint_errors_name_the_option() -> None:
    with pytest.raises(ArmError) as caught:
        resolve_cloud(URL, transport=FakeTransport([Reply(404, {"error": {"code": "NotFound"}})]))
    assert caught.value.option == "cloud_environment"
    with pytest.raises(ArmError):
        resolve_cloud("http://127.0.0.1/metadata/endpoints")


@pytest.mark.parametrize(
    ("name", "graph"),
    [
        ("AzureCloud", "https://graph.microsoft.com"),
        ("AzureUSGovernment", "https://graph.microsoft.us"),
        ("AzureChinaCloud", "https://microsoftgraph.chinacloudapi.cn"),
    ],
)
def test_each_cloud_has_its_own_graph_scope(name: str, graph: str) -> None:
    cloud = resolve_cloud(name)
    assert (cloud.graph_endpoint, cloud.graph_scope) == (graph, f"{graph}/.default")


def test_graph_comes_from_the_metadata_or_its_lack_is_named() -> None:
    emulator = dict(METADATA[1], microsoftGraphResourceId="https://127.0.0.1:8443/graph/")
    cloud = cloud_from_metadata(URL, [emulator])
    assert cloud.graph_scope == "https://127.0.0.1:8443/graph/.default"
    public = cloud_from_metadata("https://management.azure.com/metadata", [METADATA[0]])
    assert public.graph_endpoint == "https://graph.microsoft.com"
    with pytest.raises(ArmError, match="^cloud_environment: .* no Microsoft Graph endpoint"):
        _ = cloud_from_metadata(URL, [METADATA[1]]).graph_scope
