"""Runs an integration target, a role under targets/ in the way of amazon.aws's targets, in one
ansible-playbook run against the emulator.

A target is `targets/<module>/tasks/main.yml` (with optional `defaults/main.yml`): the module's
story (check -> create -> unchanged re-run -> update with diff -> delete -> delete again, then
its error paths), checked with `ansible.builtin.assert`. run_target.yml gives it the emulator's
request log: `emulator_writes` lists the write methods since the task that set `emulator_mark`
(`emulator_mark: "{{ emulator_requests | length }}"`). A target's
defaults may list `integration_output_contains`: text the run's output must show (a rendered
diff, which only the output has).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tools.ansible_run import ansible_env, recap_totals, run_playbook
from tools.arm_emulator.control import Emulator

HERE = Path(__file__).resolve().parent
TARGETS = HERE / "targets"


def target_names() -> list[str]:
    """Every target with a story (targets/<name>/tasks/main.yml)."""
    return sorted(path.parent.parent.name for path in TARGETS.glob("*/tasks/main.yml"))


def output_contains(target: str) -> list[str]:
    defaults_file = TARGETS / target / "defaults" / "main.yml"
    defaults: dict[str, Any] = {}
    if defaults_file.exists():
        defaults = yaml.safe_load(defaults_file.read_text()) or {}
    return list(defaults.get("integration_output_contains", []))


class TargetRunner:
    def __init__(self, emulator: Emulator, base: Path) -> None:
        self.emulator = emulator
        self.env = {
            **ansible_env(base, emulator.env),
            "ANSIBLE_ROLES_PATH": str(TARGETS),
        }

    def run(self, target: str) -> subprocess.CompletedProcess[str]:
        extra = {
            "target": target,
            "emulator_url": self.emulator.url.rstrip("/"),
            "emulator_ca": self.emulator.ca_bundle,
        }
        return run_playbook(HERE / "run_target.yml", self.env, "-e", json.dumps(extra))

    @staticmethod
    def check(target: str, completed: subprocess.CompletedProcess[str]) -> None:
        """The run passed, and its output shows what the target says it must."""
        output = completed.stdout + completed.stderr
        assert completed.returncode == 0, output[-8000:]
        totals = recap_totals(completed.stdout)
        assert totals["failed"] == 0 and totals["ok"] > 0, totals
        for text in output_contains(target):
            assert text in completed.stdout, f"{target}: output lacks {text!r}"
