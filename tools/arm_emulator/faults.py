"""Seeded fault injection for ARM resource requests."""

from __future__ import annotations

import random
import threading

from tools.arm_emulator.knobs import Knobs


class FaultInjector:
    """Draws at most one fault per request; the same seed and request sequence give the same
    faults."""

    def __init__(self, knobs: Knobs) -> None:
        self._lock = threading.Lock()
        self.reset(knobs)

    def reset(self, knobs: Knobs) -> None:
        with self._lock:
            self._knobs = knobs
            self._random = random.Random(knobs.fault_seed)

    def draw(self, *, starts_operation: bool) -> str | None:
        with self._lock:
            if self._knobs.fault_rate <= 0:
                return None
            # Two draws per request, always, so a request's outcome does not shift the sequence.
            roll, pick = self._random.random(), self._random.random()
            if roll >= self._knobs.fault_rate:
                return None
            kinds = [k for k in self._knobs.fault_kinds if starts_operation or k != "lro_failed"]
            if not kinds:
                return None
            return kinds[int(pick * len(kinds)) % len(kinds)]
