"""Conventions that keep one source per fact: role specs and READMEs, the Ansible version,
credentials only through the modules, and one header style per kind of file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools import role_docs

REPO = Path(__file__).resolve().parents[2]
ROLES = sorted(path for path in (REPO / "roles").iterdir() if path.is_dir())
COPYRIGHT = (
    "# Copyright: Contributors to the litware.aml_isolation collection\n"
    "# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)\n"
    "# SPDX-License-Identifier: GPL-3.0-or-later\n"
)
PRIVATE = "# PRIVATE to litware.aml_isolation: no compatibility promises.\n"


def tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [REPO / name for name in listed if (REPO / name).is_file()]


def specs(role: Path) -> dict:
    return yaml.safe_load((role / "meta/argument_specs.yml").read_text())["argument_specs"]


# ---- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=[role.name for role in ROLES])
def test_every_default_is_specified_and_every_task_entry_point_has_a_spec(role: Path) -> None:
    role_specs = specs(role)
    defaults = yaml.safe_load((role / "defaults/main.yml").read_text()) or {}
    assert set(defaults) == set(role_specs["main"]["options"])
    assert (role / "tasks/validate.yml").exists() <= ("validate" in role_specs)


def test_every_tasks_from_in_the_playbooks_names_an_entry_point_with_a_spec() -> None:
    pattern = re.compile(r"name: litware\.aml_isolation\.(\w+)\n\s+tasks_from: (\w+)")
    found = []
    for playbook in (REPO / "playbooks").glob("*.yml"):
        for role, entry in pattern.findall(playbook.read_text()):
            found.append((role, entry))
            assert entry in specs(REPO / "roles" / role), f"{playbook.name}: {role} {entry}"
    assert ("proxy_vm", "validate") in found


def test_role_readmes_list_every_variable_of_the_specs() -> None:
    assert role_docs.main(["--check"]) == 0, "run: python -m tools.role_docs"
    for role in ROLES:
        readme = (role / "README.md").read_text()
        for entry in specs(role).values():
            for name in entry.get("options") or {}:
                assert f"| `{name}` |" in readme, f"{role.name}: {name}"


def test_one_minimum_ansible_version_everywhere() -> None:
    runtime = yaml.safe_load((REPO / "meta/runtime.yml").read_text())
    minimum = re.fullmatch(r">=(\d+\.\d+)\.0", runtime["requires_ansible"])
    assert minimum, runtime["requires_ansible"]
    for role in ROLES:
        meta = yaml.safe_load((role / "meta/main.yml").read_text())
        assert meta["galaxy_info"]["min_ansible_version"] == minimum.group(1), role.name
    pinned = (REPO / "requirements/runtime.txt").read_text()
    assert f"ansible-core=={minimum.group(1)}." in pinned


def test_no_role_or_playbook_reads_credentials_from_the_environment() -> None:
    """The subscription and credentials reach roles only through arm_context_info."""
    lookup = re.compile(r"lookup\(\s*['\"](ansible\.builtin\.)?env['\"]")
    offenders = [
        str(path.relative_to(REPO))
        for path in tracked("roles", "playbooks")
        if lookup.search(path.read_text(errors="ignore"))
    ]
    assert offenders == []


# Action plugins that only write on the controller: no Azure request, so not in the azure group.
CONTROLLER_MODULES = {"controller_files"}


def test_every_azure_module_is_in_the_action_group() -> None:
    runtime = yaml.safe_load((REPO / "meta/runtime.yml").read_text())
    modules = {path.stem for path in (REPO / "plugins/modules").glob("*.py")}
    actions = {path.stem for path in (REPO / "plugins/action").glob("*.py")}
    assert CONTROLLER_MODULES <= modules & actions
    assert sorted(runtime["action_groups"]["azure"]) == sorted(modules - CONTROLLER_MODULES)


# ---- one header style per kind of file ----------------------------------------------------


def test_python_plugins_carry_the_collection_header() -> None:
    for path in tracked("plugins/*.py"):
        text = path.read_text()
        name = str(path.relative_to(REPO))
        if not text.strip():
            continue
        if name.startswith("plugins/modules/"):
            assert text.startswith("#!/usr/bin/python\n\n" + COPYRIGHT), name
        elif name.startswith(("plugins/module_utils/", "plugins/plugin_utils/")):
            assert text.startswith(PRIVATE + COPYRIGHT), name
        else:
            assert text.startswith(COPYRIGHT), name


def test_project_python_starts_with_a_docstring() -> None:
    for path in tracked("tests/*.py", "tools/*.py", "benchmarks/*.py"):
        text = path.read_text()
        if text.strip():
            assert text.startswith('"""'), path.relative_to(REPO)


def test_yaml_files_start_with_the_document_marker() -> None:
    for path in tracked("*.yml", "*.yaml"):
        assert path.read_text().startswith("---\n"), path.relative_to(REPO)


def test_templates_start_with_ansible_managed() -> None:
    for path in tracked("roles/*/templates/*.j2"):
        lines = path.read_text().splitlines()
        head = lines[1:2] if lines and lines[0].startswith("#!") else lines[:1]
        assert head and head[0].startswith("{{ ansible_managed | comment"), path.relative_to(REPO)


# ---- execution environment ------------------------------------------------------------------


def test_execution_environment_context_installs_the_collection_and_its_requirements(
    tmp_path: Path,
) -> None:
    """`ansible-builder create` writes the build context (no container engine needed); then the
    galaxy and introspection steps the Containerfile runs are run here on that context."""
    bin_dir = Path(sys.executable).parent
    context = tmp_path / "context"
    created = subprocess.run(
        [
            str(bin_dir / "ansible-builder"),
            "create",
            "-f",
            "execution-environment.yml",
            "-c",
            str(context),
            "--output-filename",
            "Containerfile",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    containerfile = (context / "Containerfile").read_text()
    runtime = (REPO / "requirements/runtime.txt").read_text().split()
    core_pin = next(line for line in runtime if line.startswith("ansible-core=="))
    assert f'ANSIBLE_INSTALL_REFS="{core_pin} ' in containerfile
    assert "ansible-galaxy collection install" in containerfile

    collections = tmp_path / "collections"
    installed = subprocess.run(
        [
            str(bin_dir / "ansible-galaxy"),
            "collection",
            "install",
            "-r",
            "requirements.yml",
            "-p",
            str(collections),
        ],
        cwd=context / "_build",
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (collections / "ansible_collections/litware/aml_isolation/plugins/modules").is_dir()
    python_requirements = tmp_path / "requirements.txt"
    introspected = subprocess.run(
        [
            sys.executable,
            str(context / "_build/scripts/introspect.py"),
            "introspect",
            str(collections),
            "--write-pip",
            str(python_requirements),
        ],
        capture_output=True,
        text=True,
    )
    assert introspected.returncode == 0, introspected.stdout + introspected.stderr
    wanted = python_requirements.read_text()
    for requirement in runtime:
        if not requirement.startswith(("#", "ansible-core")) and "==" in requirement:
            assert requirement in wanted
    assert "ansible-core" not in wanted
