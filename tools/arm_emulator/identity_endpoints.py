"""Microsoft identity platform look-alike: OpenID metadata and the client-credentials token
endpoint."""

from __future__ import annotations

import base64
import datetime
import hmac
import uuid
from urllib.parse import parse_qs

from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.principal import ServicePrincipal
from tools.arm_emulator.tokens import TOKEN_LIFETIME_SECONDS, TokenSigner, normalize_audience

_MULTI_TENANT_ALIASES = ("common", "organizations")


class IdentityEndpoints:
    def __init__(
        self,
        base_url: str,
        principal: ServicePrincipal,
        signer: TokenSigner,
        graph_audiences: tuple[str, ...] = (),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.graph_audiences = graph_audiences
        self.principal = principal
        self.signer = signer

    def openid_configuration(self, tenant: str) -> Response:
        if tenant.lower() not in (self.principal.tenant, *_MULTI_TENANT_ALIASES):
            return self._aad_error(400, "invalid_tenant", 90002, f"Tenant '{tenant}' not found.")
        issuer_tenant = (
            self.principal.tenant if tenant.lower() == self.principal.tenant else "{tenantid}"
        )
        base = f"{self.base_url}/{tenant}"
        return Response.json(
            200,
            {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "client_secret_basic",
                ],
                "jwks_uri": f"{base}/discovery/v2.0/keys",
                "response_modes_supported": ["query", "fragment", "form_post"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
                "scopes_supported": ["openid", "profile", "email", "offline_access"],
                "issuer": f"{self.base_url}/{issuer_tenant}/v2.0",
                "request_uri_parameter_supported": False,
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                "end_session_endpoint": f"{base}/oauth2/v2.0/logout",
                "tenant_region_scope": None,
                "cloud_instance_name": "127.0.0.1",
            },
        )

    def token(self, tenant: str, request: Request) -> Response:
        if tenant.lower() != self.principal.tenant:
            return self._aad_error(400, "invalid_request", 90002, f"Tenant '{tenant}' not found.")
        form = {k: v[0] for k, v in parse_qs(request.body.decode(errors="replace")).items()}
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = request.header("authorization") or ""
        if basic.lower().startswith("basic "):
            decoded = base64.b64decode(basic[6:]).decode(errors="replace")
            client_id, _, secret = decoded.partition(":")
        if form.get("grant_type") != "client_credentials":
            return self._aad_error(
                400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."
            )
        if client_id != self.principal.client_id:
            return self._aad_error(
                400,
                "unauthorized_client",
                700016,
                f"Application with identifier '{client_id}' was not found in the directory "
                f"'{tenant}'.",
            )
        if not secret or not hmac.compare_digest(secret.encode(), self.principal.secret.encode()):
            return self._aad_error(
                401,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is "
                "the client "
                f"secret value, not the client secret ID, for a secret added to app '{client_id}'.",
            )
        audience = None
        for scope in (form.get("scope") or form.get("resource") or "").split():
            # One token per resource: a Graph scope gets a Graph audience, never ARM's.
            audience = (
                audience
                or normalize_audience(scope)
                or normalize_audience(scope, self.graph_audiences)
            )
        if audience is None:
            return self._aad_error(
                400,
                "invalid_resource",
                500011,
                f"The resource principal named {form.get('scope')} was not found in the tenant "
                f"named {tenant}.",
            )
        access_token = self.signer.issue(
            audience, self.principal.client_id, self.principal.object_id
        )
        return Response.json(
            200,
            {
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME_SECONDS,
                "ext_expires_in": TOKEN_LIFETIME_SECONDS,
                "access_token": access_token,
            },
            {"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"},
        )

    @staticmethod
    def _aad_error(status: int, error: str, code: int, description: str) -> Response:
        trace_id, correlation_id = str(uuid.uuid4()), str(uuid.uuid4())
        timestamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        return Response.json(
            status,
            {
                "error": error,
                "error_description": f"AADSTS{code}: {description} Trace ID: {trace_id} "
                f"Correlation ID: {correlation_id} Timestamp: {timestamp}",
                "error_codes": [code],
                "timestamp": timestamp,
                "trace_id": trace_id,
                "correlation_id": correlation_id,
            },
        )
