"""What a playbook run asked of ARM, from the emulator's request log and a run's output: the
figures the converged re-run and check-mode tests and benchmarks assert."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

WRITES = {"PUT", "PATCH", "DELETE", "POST"}


def writes(requests: list[dict[str, Any]]) -> list[str]:
    return [f"{e['method']} {e['path']}" for e in requests if e["method"] in WRITES]


def gets_per_resource(requests: list[dict[str, Any]], managed: set[str]) -> Counter[str]:
    """GETs per managed resource id (lower case), and per listed collection: a GET of the id
    counts for it; a list GET of a collection holding managed resources counts once under
    "list <collection>" (a role lists a collection to find what it does not manage, e.g. stale
    rule collection groups, and reads the whole collection once); any other GET (operations,
    the subscription, identity) counts under "(other)"."""
    counts: Counter[str] = Counter()
    parents = {rid.rpartition("/")[0] for rid in managed}
    for entry in requests:
        if entry["method"] != "GET":
            continue
        path = entry["path"].split("?", 1)[0].rstrip("/").lower()
        if path in managed:
            counts[path] += 1
        elif path in parents:
            counts[f"list {path}"] += 1
        else:
            counts["(other)"] += 1
    return counts


def created_ids(requests: list[dict[str, Any]]) -> set[str]:
    """Ids (lower case) a successful PUT created (201, or 200/202 on the first PUT)."""
    seen: set[str] = set()
    for entry in requests:
        if entry["method"] == "PUT" and entry.get("status") in (200, 201, 202):
            seen.add(entry["path"].split("?", 1)[0].rstrip("/").lower())
    return seen


# Result keys that hold something other than a resource the task itself ensures.
NOT_ENSURED = frozenset({"item", "invocation", "operation", "diff"})


def _resource_ids(result: dict) -> set[str]:
    """The top-level `id`, and the `id` of each child resource a module ensures along with its
    resource and returns under its own key (an endpoint's `zone_group`)."""
    found = set()
    for key, value in result.items():
        rid = value if key == "id" else None
        if isinstance(value, dict) and key not in NOT_ENSURED:
            rid = value.get("id")
        if isinstance(rid, str) and rid.lower().startswith("/subscriptions/"):
            found.add(rid.lower())
    return found


def reported_changed_ids(output: str) -> set[str]:
    """Ids (lower case) of the changed results a run printed at -v: each `changed: [host] ...
    => {...}` line carries its result as JSON, whose top-level `id` names the resource (and
    child resources ensured with it, under their own keys), or whose `results` name each
    changed resource of a list."""
    found: set[str] = set()
    for line in output.splitlines():
        if not line.startswith("changed: [") or " => {" not in line:
            continue
        try:
            result = json.loads(line[line.index(" => {") + 4 :])
        except ValueError:
            continue
        if isinstance(result, dict):
            found |= _resource_ids(result)
            # A module converging a list (`items`, arm_resources) reports each in `results`.
            for item in result.get("results") or []:
                if isinstance(item, dict) and item.get("changed"):
                    found |= _resource_ids(item)
    return found
