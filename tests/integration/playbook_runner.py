"""Runs a target's step playbook (one module call) against the emulator and reads back the
module result."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.ansible_run import ansible_env, run_playbook
from tools.arm_emulator.control import Emulator

TARGETS = Path(__file__).resolve().parent / "targets"
WRITE_METHODS = {"PUT", "PATCH", "DELETE"}


@dataclass
class Step:
    """What one ansible-playbook run printed and the module result it registered."""

    returncode: int
    stdout: str
    stderr: str
    result: dict[str, Any]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Runner:
    """Runs a target's step playbook with extra vars; reads back the registered result."""

    def __init__(self, emulator: Emulator, base: Path) -> None:
        self.emulator = emulator
        self.base = base
        self.env = ansible_env(base, emulator.env)
        self._count = 0

    def step(
        self, target: str, *args: str, env: dict[str, str] | None = None, **extra_vars: Any
    ) -> Step:
        self._count += 1
        result_file = self.base / f"result-{self._count}.json"
        extra_vars["result_file"] = str(result_file)
        completed = run_playbook(
            TARGETS / target / "step.yml",
            {**self.env, **(env or {})},
            "-e",
            json.dumps(extra_vars),
            *args,
        )
        result = json.loads(result_file.read_text()) if result_file.exists() else {}
        return Step(completed.returncode, completed.stdout, completed.stderr, result)

    def writes(self) -> list[dict[str, Any]]:
        """Requests that change ARM state (the token request is a POST to the login endpoint)."""
        return [
            request
            for request in self.emulator.requests()
            if request["method"] in WRITE_METHODS
            or (request["method"] == "POST" and "/oauth2/" not in request["path"])
        ]
