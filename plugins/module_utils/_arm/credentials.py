# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Credential options and sources, with the names and precedence azure.azcollection users know."""

from __future__ import annotations

import configparser
import json
import os
from dataclasses import dataclass
from typing import Any, Mapping

from ansible.module_utils.basic import env_fallback

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import Cloud
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    ArmError,
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (
    READ_LOG_ENV,
)

AUTH_SOURCES = ("auto", "cli", "credential_file", "env", "msi")

# Module option -> environment variable, as in azure.azcollection.
ENVIRONMENT_VARIABLES = {
    "subscription_id": "AZURE_SUBSCRIPTION_ID",
    "client_id": "AZURE_CLIENT_ID",
    "secret": "AZURE_SECRET",
    "tenant": "AZURE_TENANT",
    "cloud_environment": "AZURE_CLOUD_ENVIRONMENT",
    "profile": "AZURE_PROFILE",
}
CREDENTIAL_FILE_KEYS = ("subscription_id", "client_id", "secret", "tenant", "cloud_environment")
CREDENTIAL_FILE_VARIABLE = "AZURE_CREDENTIAL_FILE"
DEFAULT_CREDENTIAL_FILE = "~/.azure/credentials"
CLI_PROFILE_FILE = "~/.azure/azureProfile.json"
DEFAULT_PROFILE = "default"

SERVICE_PRINCIPAL = "service_principal"
CLI = "cli"
MSI = "msi"
CLI_OR_MSI = "cli_or_msi"

CREDENTIAL_ARGUMENT_SPEC: dict = {
    "auth_source": {
        "type": "str",
        "choices": list(AUTH_SOURCES),
        "default": "auto",
        "fallback": (env_fallback, ["ANSIBLE_AZURE_AUTH_SOURCE"]),
    },
    "subscription_id": {"type": "str"},
    "client_id": {"type": "str"},
    "secret": {"type": "str", "no_log": True},
    "tenant": {"type": "str"},
    "profile": {"type": "str"},
    "cloud_environment": {"type": "str"},
    "token_cache": {
        "type": "bool",
        "default": True,
        "fallback": (env_fallback, ["ANSIBLE_AZURE_TOKEN_CACHE"]),
    },
    "read_log": {"type": "path", "fallback": (env_fallback, [READ_LOG_ENV])},
}


@dataclass(frozen=True)
class CredentialSettings:
    """Where the credentials came from and what they are; `kind` says which credential to build."""

    kind: str
    source: str
    subscription_id: str | None = None
    client_id: str | None = None
    secret: str | None = None
    tenant: str | None = None
    cloud_environment: str | None = None

    def describe(self) -> str:
        """Who is signing in, for error messages; never includes the secret."""
        if self.kind == SERVICE_PRINCIPAL:
            return f"client_id {self.client_id} in tenant {self.tenant} (from {self.source})"
        return f"{self.kind} credential (from {self.source})"


def credential_file_path(environ: Mapping[str, str]) -> str:
    return os.path.expanduser(environ.get(CREDENTIAL_FILE_VARIABLE) or DEFAULT_CREDENTIAL_FILE)


def read_profile(path: str, profile: str) -> dict | None:
    """One `[profile]` section of the credential file; None when the file or section is missing."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as credential_file:
            parser.read_file(credential_file)
    except FileNotFoundError:
        return None
    except (OSError, configparser.Error) as err:
        raise ArmError(
            f"cannot read the credential file {path}: {err.__class__.__name__}",
            code="CredentialFileInvalid",
        ) from None
    if not parser.has_section(profile):
        return None
    return {
        key: parser.get(profile, key)
        for key in CREDENTIAL_FILE_KEYS
        if parser.has_option(profile, key)
    }


def _service_principal(
    values: Mapping[str, Any], source: str, names: Mapping[str, str]
) -> CredentialSettings:
    """A service principal's settings; `names` maps each field to its name in this source."""
    for field_name in ("client_id", "secret", "tenant"):
        if not values.get(field_name):
            raise invalid_option(
                names[field_name],
                f"a service principal from {source} needs client_id, secret and tenant; "
                f"{names[field_name]} is missing",
            )
    return CredentialSettings(
        kind=SERVICE_PRINCIPAL,
        source=source,
        subscription_id=values.get("subscription_id"),
        client_id=values["client_id"],
        secret=values["secret"],
        tenant=values["tenant"],
        cloud_environment=values.get("cloud_environment"),
    )


def _from_parameters(params: Mapping[str, Any]) -> CredentialSettings:
    return _service_principal(params, "module options", {key: key for key in CREDENTIAL_FILE_KEYS})


def _from_environment(environ: Mapping[str, str]) -> CredentialSettings:
    if environ.get("AZURE_PROFILE"):
        return _from_profile(environ["AZURE_PROFILE"], environ, "AZURE_PROFILE")
    values = {key: environ.get(variable) for key, variable in ENVIRONMENT_VARIABLES.items()}
    return _service_principal(values, "environment variables", ENVIRONMENT_VARIABLES)


def _from_profile(profile: str, environ: Mapping[str, str], option: str) -> CredentialSettings:
    path = credential_file_path(environ)
    values = read_profile(path, profile)
    if values is None:
        raise invalid_option(option, f"no profile [{profile}] in the credential file {path}")
    source = f"profile [{profile}] of {path}"
    return _service_principal(
        values, source, {key: f"{key} in {source}" for key in CREDENTIAL_FILE_KEYS}
    )


def _has_environment_credentials(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("AZURE_CLIENT_ID") or environ.get("AZURE_PROFILE"))


def _auto(params: Mapping[str, Any], environ: Mapping[str, str]) -> CredentialSettings:
    """azure.azcollection's order: options, environment, default profile, CLI / managed identity."""
    if params.get("profile"):
        return _from_profile(params["profile"], environ, "profile")
    if params.get("client_id"):
        return _from_parameters(params)
    if _has_environment_credentials(environ):
        return _from_environment(environ)
    default_profile = read_profile(credential_file_path(environ), DEFAULT_PROFILE)
    if default_profile:
        return _from_profile(DEFAULT_PROFILE, environ, "profile")
    return CredentialSettings(kind=CLI_OR_MSI, source="Azure CLI login or managed identity")


def resolve_settings(
    params: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    require_subscription: bool = True,
) -> CredentialSettings:
    """The credential source per `auth_source`; options subscription_id, cloud_environment win.

    Microsoft Graph calls need no subscription (REQUIRE_SUBSCRIPTION false)."""
    environ = os.environ if environ is None else environ
    auth_source = params.get("auth_source") or "auto"
    if auth_source == "env":
        settings = _from_environment(environ)
    elif auth_source == "credential_file":
        profile = params.get("profile") or environ.get("AZURE_PROFILE") or DEFAULT_PROFILE
        settings = _from_profile(profile, environ, "profile")
    elif auth_source == "cli":
        settings = CredentialSettings(kind=CLI, source="Azure CLI login")
    elif auth_source == "msi":
        settings = CredentialSettings(
            kind=MSI, source="managed identity", client_id=params.get("client_id")
        )
    else:
        settings = _auto(params, environ)
    return _with_subscription_and_cloud(settings, params, environ, require_subscription)


def _with_subscription_and_cloud(
    settings: CredentialSettings,
    params: Mapping[str, Any],
    environ: Mapping[str, str],
    require_subscription: bool = True,
) -> CredentialSettings:
    subscription_id = (
        params.get("subscription_id")
        or settings.subscription_id
        or environ.get("AZURE_SUBSCRIPTION_ID")
        or (_cli_default_subscription(environ) if settings.kind in (CLI, CLI_OR_MSI) else None)
    )
    if not subscription_id and require_subscription:
        raise invalid_option(
            "subscription_id",
            "no subscription: set the option, AZURE_SUBSCRIPTION_ID "
            "or subscription_id in the credential file",
        )
    cloud_environment = (
        params.get("cloud_environment")
        or settings.cloud_environment
        or environ.get("AZURE_CLOUD_ENVIRONMENT")
    )
    return CredentialSettings(
        kind=settings.kind,
        source=settings.source,
        subscription_id=subscription_id,
        client_id=settings.client_id,
        secret=settings.secret,
        tenant=settings.tenant,
        cloud_environment=cloud_environment,
    )


def _cli_default_subscription(environ: Mapping[str, str]) -> str | None:
    config_dir = environ.get("AZURE_CONFIG_DIR")
    path = (
        os.path.join(config_dir, "azureProfile.json")
        if config_dir
        else os.path.expanduser(CLI_PROFILE_FILE)
    )
    try:
        with open(path, encoding="utf-8-sig") as profile_file:
            cli_profile = json.load(profile_file)
    except (OSError, ValueError):
        return None
    for subscription in cli_profile.get("subscriptions") or []:
        if subscription.get("isDefault"):
            return subscription.get("id")
    return None


def cache_identity(settings: CredentialSettings, cloud: Cloud) -> tuple | None:
    """What chooses a service principal's token (its secret included); None: not cached.

    Azure CLI and managed-identity tokens are not cached here: who they sign in as can change
    under the same settings (az login, another identity), and both cache tokens themselves.
    """
    if settings.kind != SERVICE_PRINCIPAL:
        return None
    return (cloud.login_endpoint, settings.tenant, settings.client_id, settings.secret)


def build_token_credential(settings: CredentialSettings, cloud: Cloud) -> Any:
    """The azure-identity credential for the settings (imported here: only the chosen one loads)."""
    if settings.kind == SERVICE_PRINCIPAL:
        from azure.identity import ClientSecretCredential

        return ClientSecretCredential(
            settings.tenant,
            settings.client_id,
            settings.secret,
            authority=cloud.login_endpoint,
            disable_instance_discovery=not cloud.known_public,
        )
    if settings.kind == CLI:
        from azure.identity import AzureCliCredential

        return AzureCliCredential()
    if settings.kind == MSI:
        from azure.identity import ManagedIdentityCredential

        return ManagedIdentityCredential(client_id=settings.client_id)
    from azure.identity import AzureCliCredential, ChainedTokenCredential, ManagedIdentityCredential

    return ChainedTokenCredential(AzureCliCredential(), ManagedIdentityCredential())
