"""The task_timing callback the example configuration enables: progress lines with timings at
every task start, the slowest tasks at the end."""

from __future__ import annotations

import re
from pathlib import Path

from tools.ansible_run import ansible_env, run_playbook


def test_progress_and_slowest_tasks(tmp_path: Path) -> None:
    env = ansible_env(
        tmp_path,
        {
            "ANSIBLE_CALLBACKS_ENABLED": "litware.aml_isolation.task_timing",
            "LITWARE_TASK_TIMING_SUMMARY_TASKS": "5",
        },
    )
    result = run_playbook("tests/playbooks/timing.yml", env)
    assert result.returncode == 0, result.stdout + result.stderr
    starts = re.findall(r"\[timing\] \d\d:\d\d:\d\d UTC .* starting: (.+)", result.stdout)
    assert starts == ["Wait a little", "Say done"]
    summary = re.findall(r"^\[timing\] (\d+):(\d\d):(\d\d\.\d{3})  (.+)$", result.stdout, re.M)
    assert sorted(line[3].split("  (")[0] for line in summary) == ["Say done", "Wait a little"]
    assert all(
        line[3].endswith("timing.yml:8)") or line[3].endswith("timing.yml:11)") for line in summary
    )
    assert re.search(r"^\[timing\] total \d+:\d\d:\d\d\.\d{3}$", result.stdout, re.M)
