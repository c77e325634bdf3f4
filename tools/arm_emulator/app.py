"""Routing of every request: admin, cloud metadata, identity, and authenticated ARM with faults
and logging."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from typing import Any

from tools.arm_emulator.arm_state import ArmState
from tools.arm_emulator.cloud_metadata import cloud_metadata
from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.faults import FaultInjector
from tools.arm_emulator.graph.directory import Directory
from tools.arm_emulator.graph.errors import GraphError
from tools.arm_emulator.graph.routes import PREFIX as GRAPH_PREFIX
from tools.arm_emulator.graph.routes import GraphService
from tools.arm_emulator.http_types import Request, Response
from tools.arm_emulator.identity_endpoints import IdentityEndpoints
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.principal import ServicePrincipal
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.request_log import RequestLog
from tools.arm_emulator.service import handle_arm
from tools.arm_emulator.tokens import ARM_AUDIENCES, TokenError, TokenSigner


class EmulatorApp:
    def __init__(self, base_url: str, principal: ServicePrincipal, knobs: Knobs) -> None:
        self.base_url = base_url.rstrip("/")
        self.principal = principal
        self.signer = TokenSigner(
            secrets.token_bytes(32), f"{self.base_url}/{principal.tenant}/v2.0", principal.tenant
        )
        # Graph lives on the same server under /graph, with an audience of its own.
        self.graph_endpoint = self.base_url + GRAPH_PREFIX.removesuffix("/v1.0/")
        self.graph_audiences = (self.graph_endpoint,)
        self.identity = IdentityEndpoints(
            self.base_url, principal, self.signer, self.graph_audiences
        )
        self.directory = Directory()
        self.graph = GraphService(self.base_url, self.directory)
        self.state = ArmState(
            self.base_url, principal.subscription_id, principal.tenant, all_entries(), knobs
        )
        self.faults = FaultInjector(knobs)
        self.log = RequestLog()

    def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        try:
            response = self._route(request)
        except ArmError as error:
            response = Response.json(error.status, error.body(), error.headers)
        if request.path.lower().startswith("/subscriptions"):
            request_id = str(uuid.uuid4())
            response.headers.setdefault("x-ms-request-id", request_id)
            response.headers.setdefault(
                "x-ms-correlation-request-id",
                request.header("x-ms-correlation-request-id") or request_id,
            )
            client_request_id = request.header("x-ms-client-request-id")
            if client_request_id:
                response.headers.setdefault("x-ms-client-request-id", client_request_id)
        if not request.path.startswith("/_emulator/"):
            self.log.add(
                {
                    "time": time.time(),
                    "method": request.method,
                    "path": request.path,
                    "api_version": request.api_version,
                    "status": None if response.drop else response.status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                    "fault": response.fault,
                }
            )
        return response

    def _route(self, request: Request) -> Response:
        path = request.path
        low = path.lower()
        if low.startswith("/_emulator/"):
            return self._admin(request, low.removeprefix("/_emulator/").strip("/"))
        if low.rstrip("/") == "/metadata/endpoints":
            return Response.json(200, cloud_metadata(self.base_url, self.graph_endpoint))
        parts = [p for p in path.split("/") if p]
        low_parts = [p.lower() for p in parts]
        if low_parts[1:] in (
            ["v2.0", ".well-known", "openid-configuration"],
            [".well-known", "openid-configuration"],
        ):
            return self.identity.openid_configuration(parts[0])
        if low_parts[1:] == ["oauth2", "v2.0", "token"] or low_parts[1:] == ["oauth2", "token"]:
            if request.method != "POST":
                raise ArmError(405, "MethodNotAllowed", "The token endpoint accepts POST only.")
            return self.identity.token(parts[0], request)
        if low_parts and low_parts[0] == "subscriptions":
            return self._arm(request)
        if path.startswith(GRAPH_PREFIX):
            return self._graph(request)
        raise ArmError(404, "NotFound", f"No endpoint at '{path}'.")

    def _arm(self, request: Request) -> Response:
        self._authenticate(request)
        fault = self.faults.draw(starts_operation=request.method in ("PUT", "DELETE"))
        if fault == "drop":
            return Response(0, drop=True, fault=fault)
        if fault in ("429", "500", "503"):
            return self._fault_response(fault)
        response = handle_arm(self.state, request, fail_operation=fault == "lro_failed")
        applied = fault == "lro_failed" and (
            "Azure-AsyncOperation" in response.headers or "Location" in response.headers
        )
        response.fault = fault if applied else None
        return response

    def _graph(self, request: Request) -> Response:
        client_request_id = request.header("client-request-id")
        try:
            self._authenticate(request, self.graph_audiences)
        except ArmError as error:
            return GraphError(401, "InvalidAuthenticationToken", error.message).response(
                client_request_id
            )
        fault = self.faults.draw(starts_operation=False)
        if fault == "drop":
            return Response(0, drop=True, fault=fault)
        if fault in ("429", "500", "503"):
            response = self._fault_response(fault)
            return response
        knobs = self.state.knobs
        try:
            return self.graph.handle(
                request, knobs.graph_replication_seconds, knobs.graph_page_size
            )
        except GraphError as error:
            return error.response(client_request_id)

    def _fault_response(self, fault: str) -> Response:
        retry_after = {"Retry-After": str(self.state.knobs.retry_after_seconds)}
        if fault == "429":
            error = ArmError(
                429,
                "TooManyRequests",
                "The request is being throttled as the limit has been reached for operation type "
                "- Write.",
                headers=retry_after,
            )
        elif fault == "503":
            error = ArmError(
                503,
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
                headers=retry_after,
            )
        else:
            error = ArmError(500, "InternalServerError", "Encountered internal server error.")
        response = Response.json(error.status, error.body(), error.headers)
        response.fault = fault
        return response

    def _authenticate(self, request: Request, audiences: tuple[str, ...] = ARM_AUDIENCES) -> None:
        header = request.header("authorization") or ""
        challenge = (
            f'Bearer authorization_uri="{self.base_url}/{self.principal.tenant}", '
            'error="invalid_token", error_description="{}"'
        )
        if not header.lower().startswith("bearer "):
            message = "Authentication failed. The 'Authorization' header is missing."
            raise ArmError(
                401,
                "AuthenticationFailed",
                message,
                headers={"WWW-Authenticate": challenge.format(message)},
            )
        try:
            self.signer.verify(header[7:].strip(), audiences)
        except TokenError as error:
            raise ArmError(
                401,
                error.code,
                error.message,
                headers={"WWW-Authenticate": challenge.format(error.message)},
            ) from error

    def _admin(self, request: Request, action: str) -> Response:
        method = request.method
        if action == "requests" and method == "GET":
            return Response.json(200, self.log.entries())
        if action == "requests" and method == "DELETE":
            self.log.clear()
            return Response.empty(204)
        if action == "state" and method == "GET":
            return Response.json(200, self.state_dump())
        if action == "reset" and method == "POST":
            with self.state.lock:
                self.state.store.clear()
                self.state.operations.clear()
            with self.directory.lock:
                self.directory.clear()
            self.log.clear()
            self.faults.reset(self.state.knobs)
            return Response.empty(204)
        if action == "config" and method == "GET":
            return Response.json(200, self.state.knobs.as_dict())
        if action == "config" and method == "POST":
            changes = json.loads(request.body or b"{}")
            with self.state.lock:
                self.state.knobs = self.state.knobs.updated(changes)
            self.faults.reset(self.state.knobs)
            return Response.json(200, self.state.knobs.as_dict())
        if action == "health" and method == "GET":
            return Response.json(200, {"status": "ok"})
        raise ArmError(404, "NotFound", f"No admin endpoint '{method} /_emulator/{action}'.")

    def state_dump(self) -> dict[str, Any]:
        with self.state.lock:
            resources = []
            for record in self.state.store:
                entry = self.state.render(record)
                entry["provisioningState"] = record.state
                resources.append(entry)
        with self.directory.lock:
            directory = self.directory.dump()
        return {
            "subscription_id": self.principal.subscription_id,
            "resources": resources,
            "directory": directory,
        }
