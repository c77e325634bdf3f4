"""Python control API for tests and benchmarks: start an emulator, drive its admin endpoints,
stop it."""

from __future__ import annotations

import json
import ssl
import subprocess
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.process import spawn, terminate, wait_ready
from tools.arm_emulator.state_files import client_environment


class Emulator:
    """A running emulator process; a context manager that stops it on exit."""

    def __init__(
        self, state_dir: Path, process: subprocess.Popen[bytes], endpoint: dict[str, Any]
    ) -> None:
        self.state_dir = state_dir
        self._process = process
        self.endpoint = endpoint
        self.url: str = endpoint["url"]
        self.port: int = endpoint["port"]
        self.ca_bundle: str = endpoint["ca_bundle"]
        self.tenant: str = endpoint["tenant"]
        self.client_id: str = endpoint["client_id"]
        self.secret: str = endpoint["secret"]
        self.subscription_id: str = endpoint["subscription_id"]
        self.metadata_url: str = endpoint["metadata_url"]
        self.env: dict[str, str] = client_environment(endpoint)
        self._ssl = ssl.create_default_context(cafile=self.ca_bundle)

    @classmethod
    def start(
        cls,
        state_dir: Path,
        *,
        latency: str = "zero",
        latency_scale: float = 1.0,
        fault_rate: float = 0.0,
        fault_seed: int = 0,
        port: int = 0,
    ) -> Emulator:
        knobs = Knobs(
            latency=latency,
            latency_scale=latency_scale,
            fault_rate=fault_rate,
            fault_seed=fault_seed,
        )
        knobs.check()
        process = spawn(state_dir, port, knobs, detach=False)
        try:
            endpoint = wait_ready(state_dir, process)
        except BaseException:
            process.kill()
            process.wait()
            raise
        return cls(state_dir.resolve(), process, endpoint)

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _admin(self, method: str, action: str, payload: Any = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(
            f"{self.url}_emulator/{action}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data else {},
        )
        with urllib.request.urlopen(request, context=self._ssl, timeout=30) as response:  # noqa: S310 - loopback
            body = response.read()
        return json.loads(body) if body else None

    def requests(self) -> list[dict[str, Any]]:
        return self._admin("GET", "requests")

    def clear_requests(self) -> None:
        self._admin("DELETE", "requests")

    def state(self) -> dict[str, Any]:
        return self._admin("GET", "state")

    def reset(self) -> None:
        self._admin("POST", "reset")

    def configure(self, **knobs: Any) -> None:
        self._admin("POST", "config", knobs)

    def reset_all(self) -> Emulator:
        """As freshly started: no resources, no request log, zero latency, no faults."""
        self.configure(latency="zero", latency_scale=1.0, fault_rate=0.0, fault_seed=0)
        self.reset()
        return self

    def stop(self) -> None:
        if self._process.poll() is None:
            if not terminate(self._process.pid):
                self._process.kill()
            self._process.wait(timeout=10)
