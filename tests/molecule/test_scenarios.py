"""The proxy role on the lab: bad input stops before any change; molecule scenarios end to end.

The molecule scenarios (molecule/squid, molecule/nginx, on the shared base
.config/molecule/config.yml) run create, prepare, converge, idempotence, check (a --check converge
of the converged host must change nothing), verify (real traffic from the lab's client and
outsider: curl probes, the attack set and the shared wildcard table, judged by the origin's own
access log) and destroy.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tools.ansible_run import BIN, REPO_ROOT, ansible_env, recap_totals
from tools.lab.lab import lab_exec

pytestmark = [pytest.mark.lab, pytest.mark.slow]

CONVERGE = REPO_ROOT / "molecule" / "squid" / "converge.yml"
COLLECTIONS = REPO_ROOT / ".cache" / "collections"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Every file the proxy role writes; none may change when the input is bad.
MANAGED_FILES = (
    "/etc/squid/squid.conf",
    "/etc/nginx/nginx.conf",
    "/etc/ssh/sshd_config.d/01-proxy-hardening.conf",
    "/etc/apt/apt.conf.d/20auto-upgrades",
    "/etc/apt/apt.conf.d/52proxy-unattended-upgrades",
    "/etc/logrotate.d/squid",
    "/etc/logrotate.d/nginx",
)

BAD_INPUTS = {
    "allow-list entry that is not a host name": (
        {
            "egress_allowlist_custom_entries": [
                {
                    "name": "internal-mirror",
                    "kind": "fqdn",
                    "value": "mirror_internal!.example.com",
                    "ports": [443],
                    "protocol": "https",
                }
            ]
        },
        "egress_allowlist_custom_entries[0].value",
    ),
    "source network with host bits set": (
        {"proxy_allowed_source_cidrs": ["10.0.40.5/24"]},
        "proxy_allowed_source_cidrs holds '10.0.40.5/24'",
    ),
    "source network that is garbage": (
        {"proxy_allowed_source_cidrs": ["10.0.40.0/24", "training-subnet"]},
        "proxy_allowed_source_cidrs holds 'training-subnet'",
    ),
    "source network open to everyone": (
        {"proxy_allowed_source_cidrs": ["0.0.0.0/0"]},
        "proxy_allowed_source_cidrs holds '0.0.0.0/0'",
    ),
    "empty source list": (
        {"proxy_allowed_source_cidrs": []},
        "proxy_allowed_source_cidrs is empty",
    ),
    "unknown proxy kind": (
        {"proxy_kind": "haproxy"},
        "proxy_kind",
    ),
    "port out of range": (
        {"proxy_squid_port": 70000},
        "proxy_squid_port is 70000",
    ),
    "CONNECT port out of range": (
        {"proxy_allowed_connect_ports": [443, 0]},
        "proxy_allowed_connect_ports holds 0",
    ),
}


def managed_file_checksums() -> dict[str, str]:
    result = lab_exec("proxy", "sha256sum", *MANAGED_FILES, check=False)
    sums = {line.split()[1]: line.split()[0] for line in result.stdout.splitlines()}
    return {path: sums.get(path, "absent") for path in MANAGED_FILES}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_naming_the_variable_before_any_change(
    case: str, lab_inventory: Path, tmp_path: Path
) -> None:
    extra_vars, expected_message = BAD_INPUTS[case]
    before = managed_file_checksums()
    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps(extra_vars))

    result = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", str(lab_inventory), str(CONVERGE), "-e", f"@{extra}"],
        cwd=REPO_ROOT,
        env=ansible_env(COLLECTIONS),
        capture_output=True,
        text=True,
    )

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected_message in output, output
    totals = recap_totals(output)
    assert totals["failed"] == 1 and totals["changed"] == 0, output
    assert managed_file_checksums() == before


def molecule(scenario: str) -> subprocess.CompletedProcess[str]:
    # Wide lines: molecule wraps the ansible output it relays at the terminal width.
    env = ansible_env(COLLECTIONS, {"NO_COLOR": "1", "PY_COLORS": "0", "COLUMNS": "250"})
    return subprocess.run(
        [str(BIN / "molecule"), "test", "-s", scenario],
        cwd=REPO_ROOT,
        env={k: v for k, v in env.items() if k != "ANSIBLE_PYTHON_INTERPRETER"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream: the step markers stay next to their output
        text=True,
        timeout=1800,
    )


def step_marker(scenario: str, step: str, event: str) -> re.Pattern[str]:
    """Molecule's log line for a step: "[squid > check] Executed" (or "squid ➜ check: ...")."""
    return re.compile(rf"\[?{scenario} (?:>|➜) {step}\]?:? {event}")


def step_output(output: str, scenario: str, step: str) -> str:
    """The part of molecule's output that one step of the sequence printed."""
    start = step_marker(scenario, step, "Executing").search(output)
    end = start and step_marker(scenario, step, "Executed: Successful").search(output, start.end())
    assert start and end, f"no successful {step} step in:\n{output[-20000:]}"
    return output[start.end() : end.start()]


@pytest.mark.parametrize("scenario", ["squid", "nginx"])
def test_molecule_scenario(scenario: str, lab_inventory: Path) -> None:
    result = molecule(scenario)
    output = ANSI.sub("", result.stdout)
    assert result.returncode == 0, output[-20000:]
    for step in ("converge", "idempotence", "verify"):
        step_output(output, scenario, step)
    check = recap_totals(step_output(output, scenario, "check"))
    assert check["ok"] > 0, step_output(output, scenario, "check")
    assert check["changed"] == 0 and check["failed"] == 0, step_output(output, scenario, "check")
