"""Run-time settings for latency and fault injection, changeable through /_emulator/config."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tools.arm_emulator.errors import ArmError

FAULT_KINDS = ("429", "500", "503", "drop", "lro_failed")
LATENCY_PROFILES = ("zero", "realistic")


@dataclass
class Knobs:
    latency: str = "zero"
    latency_scale: float = 1.0
    fault_rate: float = 0.0
    fault_seed: int = 0
    fault_kinds: list[str] = field(default_factory=lambda: list(FAULT_KINDS))
    retry_after_seconds: int = 1
    # Seconds a new directory object stays invisible (Graph's replication delay).
    graph_replication_seconds: float = 0.0
    # Items per Graph page unless the request asks for fewer ($top).
    graph_page_size: int = 100

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def updated(self, changes: dict[str, Any]) -> Knobs:
        merged = {**self.as_dict(), **changes}
        unknown = set(changes) - set(self.as_dict())
        if unknown:
            raise ArmError(400, "InvalidKnob", f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        knobs = Knobs(
            latency=str(merged["latency"]),
            latency_scale=float(merged["latency_scale"]),
            fault_rate=float(merged["fault_rate"]),
            fault_seed=int(merged["fault_seed"]),
            fault_kinds=[str(k) for k in merged["fault_kinds"]],
            retry_after_seconds=int(merged["retry_after_seconds"]),
            graph_replication_seconds=float(merged["graph_replication_seconds"]),
            graph_page_size=int(merged["graph_page_size"]),
        )
        knobs.check()
        return knobs

    def check(self) -> None:
        if self.latency not in LATENCY_PROFILES:
            raise ArmError(
                400, "InvalidKnob", f"latency must be one of {', '.join(LATENCY_PROFILES)}."
            )
        if self.latency_scale < 0 or not 0 <= self.fault_rate <= 1:
            raise ArmError(
                400, "InvalidKnob", "latency_scale must be >= 0 and fault_rate within [0, 1]."
            )
        if self.graph_replication_seconds < 0 or not 1 <= self.graph_page_size <= 999:
            raise ArmError(
                400,
                "InvalidKnob",
                "graph_replication_seconds must be >= 0 and graph_page_size within [1, 999].",
            )
        bad = [k for k in self.fault_kinds if k not in FAULT_KINDS]
        if bad or not self.fault_kinds:
            raise ArmError(
                400,
                "InvalidKnob",
                f"fault_kinds must be a non-empty subset of {', '.join(FAULT_KINDS)}.",
            )

    def duration(self, realistic_seconds: float) -> float:
        if self.latency == "zero":
            return 0.0
        return realistic_seconds * self.latency_scale
