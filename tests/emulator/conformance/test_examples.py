"""Microsoft's own REST examples (examples/*.json of azure-rest-api-specs, the request part, kept
under examples/<provider>/ with the path they come from) must be accepted as ARM accepts them.

Each file's `setup` (ours, not Microsoft's) lists the resources the example refers to that must
exist first. The operation's method and URL come from the SDK package the emulator validates
with; the request is sent with the collection's pinned api-version."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.arm_client import ArmClient
from tests.emulator.sdk_operations import operations, snake
from tools.arm_emulator.api_versions import pinned
from tools.arm_emulator.resource_paths import ResourcePath, parse_arm_path

EXAMPLES = Path(__file__).parent / "examples"
PACKAGES = {
    "resources": "azure.mgmt.resource.resources",
    "network": "azure.mgmt.network",
    "privatedns": "azure.mgmt.privatedns",
    "compute": "azure.mgmt.compute",
}
CASES = sorted(EXAMPLES.glob("*/*.json"))


def _in_subscription(value: Any, subscription: str) -> Any:
    """The example's ids, moved into the emulator's one subscription."""
    text = re.sub(r"/subscriptions/[^/\"]+", f"/subscriptions/{subscription}", json.dumps(value))
    return json.loads(text)


def _api_version(path: str) -> str:
    parsed = parse_arm_path(path)
    assert isinstance(parsed, ResourcePath), path
    return pinned(parsed.type_name)


def _groups(paths: list[str]) -> set[str]:
    return {m.group(1) for p in paths if (m := re.search(r"/resourceGroups/([^/]+)/", p, re.I))}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_official_example_is_accepted(arm: ArmClient, case: Path) -> None:
    example = json.loads(case.read_text())
    assert example["source"].startswith("Azure/azure-rest-api-specs@")
    request: dict[str, Any] = example["request"]
    operation = operations(PACKAGES[case.parent.name])[snake(example["operationId"])]
    values = {**request, "subscriptionId": arm.subscription}
    path = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), operation.url)
    [body] = [value for value in request.values() if isinstance(value, dict)]
    setup = [
        (f"/subscriptions/{arm.subscription}{item['id']}", item["body"])
        for item in example["setup"]
    ]
    for group in sorted(_groups([path, *(p for p, _ in setup)]) - {path.rsplit("/", 1)[1]}):
        arm.resource_group(group)
    for setup_path, setup_body in setup:
        arm.lro("PUT", setup_path, _in_subscription(setup_body, arm.subscription),
                api_version=_api_version(setup_path))  # fmt: skip

    document, status, initial = arm.lro(
        operation.method,
        path,
        _in_subscription(body, arm.subscription),
        api_version=_api_version(path),
    )

    assert status == "Succeeded", initial.text()
    current = arm.request("GET", path, api_version=_api_version(path))
    assert current.status_code == 200
    assert current.json()["name"].lower() == path.rsplit("/", 1)[1].lower()
    if document is not None and "tags" in body:
        assert current.json()["tags"] == body["tags"]
