"""The type table: api-versions come from the collection's one table and match the SDK models the
emulator validates with; the emulator's modules import without cycles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tools.arm_emulator.api_versions import API_VERSIONS
from tools.arm_emulator.providers import all_entries
from tools.arm_emulator.schema import import_sdk_module
from tools.arm_emulator.type_registry import ResourceType

_BUILDER = re.compile(
    r'def build_\w+_request\(.*?_params\.pop\("api-version", "([0-9a-z-]+)"\)'
    r'.*?_url = (?:kwargs\.pop\(\s*"template_url",\s*)?"([^"]+)"',
    re.DOTALL,
)
ENTRIES = {entry.rtype.name: entry.rtype for entry in all_entries()}


def _sdk_versions(rtype: ResourceType) -> set[str]:
    """api-versions of the SDK operations (of the model's package) that address this type."""
    package = import_sdk_module(rtype.model.partition(":")[0].removesuffix(".models"))
    operations = Path(package.__path__[0]) / "operations"
    source = "\n".join(path.read_text() for path in sorted(operations.glob("_*.py")))
    pieces = [re.escape(rtype.namespace), *rtype.segments]
    if rtype.name == "Microsoft.Resources/resourceGroups":
        pattern = r"/subscriptions/\{[^}]+\}/resourcegroups/\{[^}]+\}$"
    else:
        # a name is a parameter, or a fixed singleton name (`blobServices/default`)
        tail = "".join(
            rf"/(?:{re.escape(s)}|\{{[^}}]+\}})/(?:\{{[^}}]+\}}|default)" for s in rtype.segments
        )
        pattern = rf"/providers/{pieces[0]}{tail}$"
    return {
        version
        for version, url in _BUILDER.findall(source)
        if re.search(pattern, url, re.IGNORECASE)
    }


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_served_version_is_the_collection_pin_and_the_sdk_version(name: str) -> None:
    rtype = ENTRIES[name]
    assert rtype.api_versions == (API_VERSIONS[name.lower()],)
    assert _sdk_versions(rtype) == set(rtype.api_versions)


def test_no_import_cycle_among_emulator_modules() -> None:
    """Every import, including those for type checking only, points one way."""
    root = Path(__file__).resolve().parents[2]
    package = root / "tools" / "arm_emulator"
    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        imports = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tools.arm"):
                base = node.module or ""
                imports.add(base)
                imports.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imports.update(a.name for a in node.names if a.name.startswith("tools.arm"))
        graph[module] = imports
    graph = {m: {i for i in deps if i in graph and i != m} for m, deps in graph.items()}

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " -> ".join((*trail, module))
        for dependency in graph[module]:
            if not dependency.startswith(module + "."):  # a package importing its own modules
                visit(dependency, (*trail, module))

    for module in graph:
        visit(module, ())
