"""Import rules between the project's parts: benchmarks and tools never import tests, and in
tools/lab only the fixture module imports pytest."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_benchmarks_and_tools_do_not_import_tests() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("benchmarks", "tools")
        for path in (ROOT / folder).rglob("*.py")
        if any(m == "tests" or m.startswith("tests.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_only_the_lab_fixture_imports_pytest() -> None:
    importers = sorted(
        path.name
        for path in (ROOT / "tools" / "lab").rglob("*.py")
        if "pytest" in imported_modules(path)
    )
    assert importers == ["fixture.py"]
