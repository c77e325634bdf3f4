"""The allow-list vocabulary and entry checks live once; the README tables follow the data."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from ansible_collections.litware.aml_isolation.plugins.plugin_utils._egress import vocabulary
from tools import egress_tables

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE = REPO_ROOT / "plugins" / "plugin_utils" / "_egress" / "vocabulary.py"
SEARCHED = ("roles", "plugins", "playbooks", "inventories", "tools", "molecule", "tests")
# Every one of these sets lives in vocabulary.py; a second place that spells out all of it (or
# offers its items as `choices`) is a copy that will drift.
SETS = {
    "categories": set(vocabulary.CATEGORIES),
    "features": set(vocabulary.FEATURES),
    "kinds": set(vocabulary.KINDS),
    "protocols": set(vocabulary.PROTOCOLS),
    "clouds": set(vocabulary.CLOUDS),
}


def _files(*suffixes: str) -> list[Path]:
    return [
        path
        for top in SEARCHED
        for path in (REPO_ROOT / top).rglob("*")
        if path.suffix in suffixes and path.is_file() and path not in (SOURCE, Path(__file__))
    ]


def _copies(items: list, where: str, choices: bool = False) -> list[str]:
    strings = {item for item in items if isinstance(item, str)}
    found = []
    for name, known in SETS.items():
        if known <= strings or (choices and len(known & strings) >= 2):
            found.append(f"{where} repeats the {name} of vocabulary.py")
    return found


def _yaml_lists(node: object, where: str, key: str = "") -> list[str]:
    found = []
    if isinstance(node, dict):
        for child_key, child in node.items():
            found += _yaml_lists(child, f"{where}.{child_key}", str(child_key))
    elif isinstance(node, list):
        found += _copies(node, where, choices=key == "choices")
        for index, child in enumerate(node):
            found += _yaml_lists(child, f"{where}[{index}]")
    return found


def test_no_yaml_file_copies_the_allowlist_vocabulary() -> None:
    found = []
    for path in _files(".yml", ".yaml"):
        try:
            documents = list(yaml.safe_load_all(path.read_text()))
        except yaml.YAMLError:
            continue
        for document in documents:
            found += _yaml_lists(document, str(path.relative_to(REPO_ROOT)))
    assert found == []


def test_no_python_file_copies_the_allowlist_vocabulary() -> None:
    found = []
    for path in _files(".py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            elif isinstance(node, ast.Dict):
                items = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            else:
                continue
            found += _copies(items, f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert found == []


def test_the_copy_detector_finds_a_copy() -> None:
    spec = {"options": {"kind": {"choices": ["fqdn", "service_tag"]}}}
    assert _yaml_lists(spec, "spec") == [
        "spec.options.kind.choices repeats the kinds of vocabulary.py"
    ]
    assert _copies(["custom", "recommended", "required"], "list") == [
        "list repeats the categories of vocabulary.py"
    ]


def test_entries_are_checked_by_one_filter_only() -> None:
    checkers = [
        path.relative_to(REPO_ROOT).as_posix()
        for path in _files(".py")
        if "def allowlist_errors" in path.read_text() or "def _port_errors" in path.read_text()
    ]
    assert checkers == ["plugins/filter/egress.py"]


def test_the_readme_tables_match_the_data() -> None:
    current = egress_tables.README.read_text()
    assert egress_tables.BEGIN in current and egress_tables.END in current
    assert egress_tables.updated_readme(current) == current, "run python -m tools.egress_tables"
    assert egress_tables.main(["--check"]) == 0
