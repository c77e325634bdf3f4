# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ArmModule: an AnsibleModule (by composition), the shared credential options, a lazy client."""

from __future__ import annotations

from typing import Any, Callable

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.client import (
    ARM_LIBRARIES,
    ARM_LIBRARIES_IMPORT_ERROR,
    ArmClient,
    RetrySettings,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.clouds import resolve_cloud
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.credentials import (
    CREDENTIAL_ARGUMENT_SPEC,
    build_token_credential,
    cache_identity,
    resolve_settings,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import ArmError
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.graph import GraphClient
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.read_log import (
    ReadLog,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.token_cache import (
    CachedTokenCredential,
    FileCache,
    cached_metadata,
    default_cache_dir,
)

# Options every module has for long-running operations.
WAIT_ARGUMENT_SPEC: dict = {
    "wait": {"type": "bool", "default": True},
    "timeout": {"type": "int", "default": 1800},
}


class ArmModule:
    """What a module needs: validated params, check mode, a client built on first use, failing.

    Constructing it only validates arguments; no credential is read and no request is sent
    until `.client` is first used.
    """

    def __init__(
        self, argument_spec: dict, supports_check_mode: bool = True, **kwargs: Any
    ) -> None:
        merged_spec = dict(CREDENTIAL_ARGUMENT_SPEC)
        merged_spec.update(argument_spec)
        self.module = AnsibleModule(
            argument_spec=merged_spec, supports_check_mode=supports_check_mode, **kwargs
        )
        if ARM_LIBRARIES_IMPORT_ERROR is not None:
            self.module.fail_json(
                msg=missing_required_lib(ARM_LIBRARIES), exception=ARM_LIBRARIES_IMPORT_ERROR
            )
        self._client: ArmClient | None = None
        self._graph: GraphClient | None = None
        self._signed_in: tuple | None = None

    @property
    def params(self) -> dict:
        return self.module.params

    @property
    def check_mode(self) -> bool:
        return self.module.check_mode

    @property
    def diff_mode(self) -> bool:
        return self.module._diff

    @property
    def client(self) -> ArmClient:
        if self._client is None:
            self._client = self._build_client()
        return self._client

    @property
    def graph(self) -> GraphClient:
        """Microsoft Graph with the same credential, for the cloud's Graph scope."""
        if self._graph is None:
            settings, cloud, credential = self._sign_in(require_subscription=False)
            self._graph = GraphClient(
                endpoint=cloud.graph_endpoint or "",
                credential=credential,
                scope=cloud.graph_scope,
                retry=RetrySettings(),
                identity=settings.describe(),
                secrets=[settings.secret],
            )
        return self._graph

    @property
    def subscription_id(self) -> str:
        return self.client.subscription_id

    def _sign_in(self, require_subscription: bool = True) -> tuple:
        """(settings, cloud, token credential), resolved once; tokens are cached per scope."""
        if self._signed_in is not None and (
            self._signed_in[0].subscription_id or not require_subscription
        ):
            return self._signed_in
        settings = resolve_settings(self.params, require_subscription=require_subscription)
        cache = FileCache(default_cache_dir()) if self.params.get("token_cache") else None
        cloud = resolve_cloud(
            settings.cloud_environment,
            cached=(lambda url, fetch: cached_metadata(cache, url, fetch)) if cache else None,
        )
        identity = cache_identity(settings, cloud)
        if cache is not None and identity is not None:
            credential = CachedTokenCredential(
                lambda: build_token_credential(settings, cloud), identity, cache
            )
        else:
            credential = build_token_credential(settings, cloud)
        self._signed_in = (settings, cloud, credential)
        return self._signed_in

    def _build_client(self) -> ArmClient:
        settings, cloud, credential = self._sign_in()
        return ArmClient(
            resource_manager=cloud.resource_manager,
            credential=credential,
            token_scope=cloud.token_scope,
            subscription_id=settings.subscription_id or "",
            retry=RetrySettings(),
            identity=settings.describe(),
            secrets=[settings.secret],
            read_log=ReadLog(self.params.get("read_log")),
        )

    def fail_arm(self, err: ArmError, **result: Any) -> None:
        fail_kwargs = err.to_fail_kwargs()
        fail_kwargs.update(result)
        self.module.fail_json(**fail_kwargs)

    def fail_option(self, option: str, message: str) -> None:
        self.module.fail_json(
            msg=f"{option}: {message}",
            error={"code": "InvalidOption", "option": option},
        )

    def exit_json(self, **result: Any) -> None:
        self.module.exit_json(**result)

    def execute(self, work: Callable[[ArmModule], dict]) -> None:
        """Exit with the result of WORK, or fail with the ARM error it raised."""
        try:
            result = work(self)
        except ArmError as err:
            self.fail_arm(err)
        else:
            self.exit_json(**result)
