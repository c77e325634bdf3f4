"""Foreground serving: certificates, principal, server, state files, clean shutdown on SIGTERM."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from types import FrameType

from tools.arm_emulator import certs
from tools.arm_emulator.app import EmulatorApp
from tools.arm_emulator.https_server import EmulatorHttpServer
from tools.arm_emulator.knobs import Knobs
from tools.arm_emulator.principal import ServicePrincipal
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.schema import load_model
from tools.arm_emulator.state_files import remove_endpoint, write_state_files


def _preload_models() -> float:
    """Import the SDK model modules before announcing readiness, so the first request is not
    slow."""
    started = time.perf_counter()
    for entry in all_entries():
        for reference in (entry.rtype.model, entry.rtype.patch_model):
            if reference:
                load_model(reference)
    return time.perf_counter() - started


def serve(state_dir: Path, port: int, knobs: Knobs) -> int:
    knobs.check()
    state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(state_dir, 0o700)
    preload_seconds = _preload_models()
    certificate_files = certs.generate(state_dir)
    principal = ServicePrincipal.generate()
    server = EmulatorHttpServer(port, certificate_files)
    base_url = f"https://127.0.0.1:{server.port}"
    server.app = EmulatorApp(base_url, principal, knobs)

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pid = os.getpid()
    write_state_files(
        state_dir,
        {
            "url": base_url + "/",
            "port": server.port,
            "ca_bundle": str(certificate_files.ca_pem),
            "tenant": principal.tenant,
            "client_id": principal.client_id,
            "secret": principal.secret,
            "subscription_id": principal.subscription_id,
            "metadata_url": f"{base_url}/metadata/endpoints?api-version=2022-09-01",
            "pid": pid,
        },
    )
    print(
        f"ARM emulator listening on {base_url}/ (pid {pid}, SDK models loaded in "
        f"{preload_seconds:.2f}s)",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        remove_endpoint(state_dir, pid)
    return 0
