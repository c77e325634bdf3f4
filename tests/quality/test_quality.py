"""Linters and ecosystem checks, run as tests so `make test` reports them with everything else."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.quality.collection_copy import REPO_ROOT, copy_collection

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path = REPO_ROOT, env: dict | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_ruff_lint() -> None:
    run([str(BIN / "ruff"), "check", "."])


def test_ruff_format() -> None:
    run([str(BIN / "ruff"), "format", "--check", "."])


def test_ansible_lint_production_profile(tmp_path: Path) -> None:
    copy = copy_collection(tmp_path)
    run(
        [str(BIN / "ansible-lint"), "--profile", "production", "--offline"],
        cwd=copy,
        env={"ANSIBLE_COLLECTIONS_PATH": str(tmp_path), "PATH": f"{BIN}:{os.environ['PATH']}"},
    )


def provide_pip_bootstrap() -> None:
    """Put the local stand-in where ansible-test looks for its cached pip bootstrap script."""
    from ansible_test._internal.python_requirements import get_venv_packages

    python = SimpleNamespace(version=f"{sys.version_info.major}.{sys.version_info.minor}")
    version = get_venv_packages(python)["pip"]  # type: ignore[arg-type]
    cache = Path.home() / ".ansible/test/cache" / f"get_pip_{version.replace('.', '_')}.py"
    cache.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).with_name("get_pip_from_index.py"), cache)


@pytest.mark.slow
def test_ansible_test_sanity_without_ignores(tmp_path: Path) -> None:
    provide_pip_bootstrap()
    copy = copy_collection(tmp_path)
    assert not (copy / "tests" / "sanity").exists(), "sanity ignore files are not allowed"
    run(
        [
            str(BIN / "ansible-test"),
            "sanity",
            "--venv",
            "--python",
            f"{sys.version_info.major}.{sys.version_info.minor}",
            "--color",
            "no",
        ],
        cwd=copy,
        env={"PATH": f"{BIN}:{os.environ['PATH']}"},
    )


def rendered_docs(output: str, plugin_type: str) -> dict[str, str]:
    """One `ansible-doc` run's text for several plugins, split per plugin (short name)."""
    marker = re.compile(rf"^> {plugin_type.upper()} litware\.aml_isolation\.(\w+) ", re.MULTILINE)
    starts = list(marker.finditer(output))
    ends = [match.start() for match in starts[1:]] + [len(output)]
    return {
        match.group(1): output[match.start() : end] for match, end in zip(starts, ends, strict=True)
    }


def test_ansible_doc_renders_every_plugin(tmp_path: Path) -> None:
    copy_collection(tmp_path)
    env = {"ANSIBLE_COLLECTIONS_PATH": str(tmp_path), "ANSIBLE_NOCOLOR": "1"}
    for plugin_type in ("module", "filter"):
        directory = REPO_ROOT / "plugins" / ("modules" if plugin_type == "module" else "filter")
        names = sorted(p.stem for p in directory.glob("*.py") if not p.stem.startswith("_"))
        if plugin_type == "filter":
            listed = run(
                [str(BIN / "ansible-doc"), "-t", "filter", "-l", "litware.aml_isolation"], env=env
            )
            names = [line.split()[0].rsplit(".", 1)[-1] for line in listed.splitlines() if line]
        # One process renders them all (a name it cannot render gets no section of its own).
        fqcns = [f"litware.aml_isolation.{name}" for name in names]
        docs = rendered_docs(
            run([str(BIN / "ansible-doc"), "-t", plugin_type, *fqcns], env=env), plugin_type
        )
        assert sorted(docs) == sorted(names), plugin_type
        for name, rendered in docs.items():
            assert "EXAMPLES" in rendered or "examples" in rendered.lower(), name


def test_galaxy_build_holds_only_collection_content(tmp_path: Path) -> None:
    run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(tmp_path), "."])
    (artifact,) = tmp_path.glob("litware-aml_isolation-*.tar.gz")
    with tarfile.open(artifact) as tar:
        top_level = {name.split("/", 1)[0] for name in tar.getnames()}
    assert top_level.isdisjoint({"tests", "tools", "molecule", "benchmarks", ".venv", ".ci"})
    assert {"plugins", "roles", "meta", "MANIFEST.json"} <= top_level
