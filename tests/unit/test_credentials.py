"""Credential source precedence as azure.azcollection has it; the secret never shows in errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import credentials
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import (
    KNOWN_CLOUDS,
    Cloud,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError

SECRET_IN_FILE = "file-Secret~1"
SECRET_IN_ENV = "env-Secret~2"
SECRET_IN_PARAMS = "param-Secret~3"


def params(**given: str) -> dict:
    base = {key: None for key in credentials.CREDENTIAL_ARGUMENT_SPEC}
    base["auth_source"] = "auto"
    base.update(given)
    return base


@pytest.fixture
def credential_file(tmp_path: Path) -> Path:
    path = tmp_path / "credentials"
    path.write_text(
        "[default]\n"
        "subscription_id = sub-file\n"
        "client_id = app-file\n"
        f"secret = {SECRET_IN_FILE}\n"
        "tenant = tenant-file\n"
        "\n"
        "[gov]\n"
        "subscription_id = sub-gov\n"
        "client_id = app-gov\n"
        "secret = gov-secret\n"
        "tenant = tenant-gov\n"
        "cloud_environment = AzureUSGovernment\n"
    )
    return path


@pytest.fixture
def environment(credential_file: Path) -> dict:
    return {
        "AZURE_CREDENTIAL_FILE": str(credential_file),
        "AZURE_SUBSCRIPTION_ID": "sub-env",
        "AZURE_CLIENT_ID": "app-env",
        "AZURE_SECRET": SECRET_IN_ENV,
        "AZURE_TENANT": "tenant-env",
        "AZURE_CLOUD_ENVIRONMENT": "AzureChinaCloud",
    }


def test_module_options_come_first(environment: dict) -> None:
    settings = credentials.resolve_settings(
        params(client_id="app-param", secret=SECRET_IN_PARAMS, tenant="tenant-param"), environment
    )
    assert (settings.client_id, settings.secret, settings.tenant) == (
        "app-param",
        SECRET_IN_PARAMS,
        "tenant-param",
    )
    assert settings.source == "module options"
    # Not given as options: taken from the environment.
    assert settings.subscription_id == "sub-env"
    assert settings.cloud_environment == "AzureChinaCloud"


def test_environment_comes_before_the_credential_file(environment: dict) -> None:
    settings = credentials.resolve_settings(params(), environment)
    assert (settings.client_id, settings.secret, settings.subscription_id) == (
        "app-env",
        SECRET_IN_ENV,
        "sub-env",
    )
    assert settings.source == "environment variables"


def test_default_profile_when_nothing_else_is_set(credential_file: Path) -> None:
    settings = credentials.resolve_settings(
        params(), {"AZURE_CREDENTIAL_FILE": str(credential_file)}
    )
    assert (settings.client_id, settings.secret, settings.subscription_id) == (
        "app-file",
        SECRET_IN_FILE,
        "sub-file",
    )
    assert settings.source.startswith("profile [default]")


def test_profile_option_selects_a_section(environment: dict) -> None:
    settings = credentials.resolve_settings(params(profile="gov"), environment)
    assert (settings.client_id, settings.cloud_environment) == ("app-gov", "AzureUSGovernment")


def test_azure_profile_variable_selects_a_section(credential_file: Path) -> None:
    environ = {"AZURE_CREDENTIAL_FILE": str(credential_file), "AZURE_PROFILE": "gov"}
    assert credentials.resolve_settings(params(), environ).client_id == "app-gov"


def test_subscription_and_cloud_options_always_win(environment: dict) -> None:
    settings = credentials.resolve_settings(
        params(subscription_id="sub-param", cloud_environment="AzureCloud"), environment
    )
    assert (settings.subscription_id, settings.cloud_environment) == ("sub-param", "AzureCloud")


def test_auth_source_env_ignores_options(environment: dict) -> None:
    settings = credentials.resolve_settings(
        params(auth_source="env", client_id="app-param", secret="x", tenant="t"), environment
    )
    assert settings.client_id == "app-env"


def test_auth_source_credential_file_ignores_environment(environment: dict) -> None:
    settings = credentials.resolve_settings(params(auth_source="credential_file"), environment)
    assert settings.client_id == "app-file"


def test_auth_source_cli_and_msi(environment: dict) -> None:
    assert (
        credentials.resolve_settings(params(auth_source="cli"), environment).kind == credentials.CLI
    )
    msi = credentials.resolve_settings(params(auth_source="msi", client_id="uami"), environment)
    assert (msi.kind, msi.client_id, msi.subscription_id) == (credentials.MSI, "uami", "sub-env")


def test_auto_falls_back_to_cli_or_managed_identity(tmp_path: Path) -> None:
    config_dir = tmp_path / "az"
    config_dir.mkdir()
    (config_dir / "azureProfile.json").write_text(
        '\ufeff{"subscriptions": [{"id": "sub-other"}, {"id": "sub-cli", "isDefault": true}]}',
        encoding="utf-8",
    )
    environ = {"AZURE_CREDENTIAL_FILE": str(tmp_path / "none"), "AZURE_CONFIG_DIR": str(config_dir)}
    settings = credentials.resolve_settings(params(), environ)
    assert (settings.kind, settings.subscription_id) == (credentials.CLI_OR_MSI, "sub-cli")


def test_missing_part_names_what_is_missing_without_the_secret(environment: dict) -> None:
    del environment["AZURE_TENANT"]
    with pytest.raises(ArmError) as caught:
        credentials.resolve_settings(params(), environment)
    assert caught.value.option == "AZURE_TENANT"
    assert SECRET_IN_ENV not in str(caught.value.to_fail_kwargs())


def test_missing_option_part_is_named(environment: dict) -> None:
    with pytest.raises(ArmError) as caught:
        credentials.resolve_settings(params(client_id="app", secret=SECRET_IN_PARAMS), environment)
    assert caught.value.option == "tenant"
    assert SECRET_IN_PARAMS not in str(caught.value)


def test_unknown_profile_is_named(environment: dict) -> None:
    with pytest.raises(ArmError) as caught:
        credentials.resolve_settings(params(profile="nope"), environment)
    assert caught.value.option == "profile"
    assert "[nope]" in caught.value.message


def test_no_subscription_anywhere_names_subscription_id(tmp_path: Path) -> None:
    environ = {
        "AZURE_CLIENT_ID": "a",
        "AZURE_SECRET": "s",
        "AZURE_TENANT": "t",
        "AZURE_CONFIG_DIR": str(tmp_path),
    }
    with pytest.raises(ArmError) as caught:
        credentials.resolve_settings(params(), environ)
    assert caught.value.option == "subscription_id"


def test_describe_never_includes_the_secret(environment: dict) -> None:
    settings = credentials.resolve_settings(params(), environment)
    assert SECRET_IN_ENV not in settings.describe()
    assert SECRET_IN_ENV not in repr(settings.describe())


@pytest.mark.parametrize(
    ("cloud", "authority", "discovery_disabled"),
    [
        (KNOWN_CLOUDS["azureusgovernment"], "https://login.microsoftonline.us", False),
        (
            Cloud("Emulator", "https://127.0.0.1:1", "https://127.0.0.1:1", "https://m/"),
            "https://127.0.0.1:1",
            True,
        ),
    ],
)
def test_service_principal_credential_uses_the_cloud_login_endpoint(
    monkeypatch: pytest.MonkeyPatch, cloud: Cloud, authority: str, discovery_disabled: bool
) -> None:
    import azure.identity

    created: list = []

    def record(*args: str, **kwargs: object) -> str:
        created.append((args, kwargs))
        return "credential"

    monkeypatch.setattr(azure.identity, "ClientSecretCredential", record)
    settings = credentials.CredentialSettings(
        kind=credentials.SERVICE_PRINCIPAL,
        source="test",
        subscription_id="s",
        client_id="app",
        secret="x",
        tenant="tenant1",
    )
    assert credentials.build_token_credential(settings, cloud) == "credential"
    assert created == [
        (
            ("tenant1", "app", "x"),
            {"authority": authority, "disable_instance_discovery": discovery_disabled},
        )
    ]
