# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: task_timing
type: aggregate
short_description: Progress and per-task timing for long runs
version_added: 0.1.0
description:
  - At the start of every task, prints the wall-clock time, how long the previous task took and
    how long the run has taken so far, so a long deployment shows where it is and how it goes.
  - At the end of the run, prints the slowest tasks with their durations.
  - Works beside any stdout callback; enable it with C(callbacks_enabled).
author:
  - Litware Cloud Platform Team (@litware)
requirements:
  - enabled in the configuration, for example
    C(callbacks_enabled = litware.aml_isolation.task_timing)
options:
  summary_tasks:
    description: How many of the slowest tasks the end-of-run summary lists (0 for none).
    type: int
    default: 20
    ini:
      - section: litware_task_timing
        key: summary_tasks
    env:
      - name: LITWARE_TASK_TIMING_SUMMARY_TASKS
"""

import time  # noqa: E402

from ansible.plugins.callback import CallbackBase  # noqa: E402


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{seconds:06.3f}"


class CallbackModule(CallbackBase):
    """Prints progress lines with timings, then the slowest tasks."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "litware.aml_isolation.task_timing"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self) -> None:
        super().__init__()
        self._started = time.monotonic()
        self._current: tuple[str, float] | None = None
        self._durations: dict[str, float] = {}

    def _finish_current(self, now: float) -> float:
        if self._current is None:
            return 0.0
        key, started = self._current
        took = now - started
        self._durations[key] = self._durations.get(key, 0.0) + took
        self._current = None
        return took

    def _start(self, task: object, kind: str) -> None:
        now = time.monotonic()
        previous = self._finish_current(now)
        name = task.get_name().strip() or kind  # type: ignore[attr-defined]
        path = task.get_path() or ""  # type: ignore[attr-defined]
        self._current = (f"{name}  ({path})" if path else name, now)
        stamp = time.strftime("%H:%M:%S", time.gmtime())
        self._display.display(
            f"[timing] {stamp} UTC  previous task {_duration(previous)}  "
            f"elapsed {_duration(now - self._started)}  starting: {name}"
        )

    def v2_playbook_on_task_start(self, task: object, is_conditional: bool) -> None:
        self._start(task, "task")

    def v2_playbook_on_handler_task_start(self, task: object) -> None:
        self._start(task, "handler")

    def v2_playbook_on_stats(self, stats: object) -> None:
        now = time.monotonic()
        self._finish_current(now)
        limit = int(self.get_option("summary_tasks"))
        self._display.display(f"[timing] total {_duration(now - self._started)}")
        slowest = sorted(self._durations.items(), key=lambda item: item[1], reverse=True)
        for key, took in slowest[:limit]:
            self._display.display(f"[timing] {_duration(took)}  {key}")
