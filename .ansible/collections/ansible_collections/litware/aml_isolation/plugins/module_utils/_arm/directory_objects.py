# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desired state of Microsoft Graph directory objects (users, groups, applications, service
principals) and of their members/owners references, for the entra_* modules.

Properties left unset (None) are not managed. Write-only properties (a password) are sent on
create, never compared and never shown in a diff. Check mode reads only.
"""

from __future__ import annotations

from typing import Any, Iterable

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)
from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.graph import (
    GraphClient,
    odata_string,
)

# The directory-object URL Graph expects in a {"@odata.id": ...} reference body.
REFERENCE_PATH = "v1.0/directoryObjects/"


def find_one(graph: GraphClient, kind: str, key: str, value: str, option: str) -> dict | None:
    """The one object of KIND whose KEY equals VALUE; more than one is an error on OPTION."""
    found = graph.list(kind, {"$filter": f"{key} eq {odata_string(value)}"})
    if len(found) > 1:
        raise invalid_option(
            option,
            f"{len(found)} {kind} have {key} {value!r}; make it unique or name the object id",
        )
    return found[0] if found else None


def managed(desired: dict) -> dict:
    return {key: value for key, value in desired.items() if value is not None}


def changes_of(current: dict, desired: dict) -> dict:
    return {key: value for key, value in managed(desired).items() if current.get(key) != value}


def ensure_object(
    module: Any,
    kind: str,
    current: dict | None,
    desired: dict,
    write_only: dict | None = None,
    state: str = "present",
) -> dict:
    """Create, update, delete or leave one object: {changed, diff, object}.

    WRITE_ONLY holds what create sends but nothing compares (a password profile).
    """
    graph: GraphClient = module.graph
    if state == "absent":
        if current is None:
            return {"changed": False, "diff": {"before": {}, "after": {}}, "object": {}}
        if not module.check_mode:
            graph.delete(f"{kind}/{current['id']}")
        return {"changed": True, "diff": {"before": current, "after": {}}, "object": {}}
    if current is None:
        body = managed(desired)
        shown = dict(body)
        if not module.check_mode:
            created = graph.post(kind, dict(body, **(write_only or {})))
            shown = dict(created)
        return {"changed": True, "diff": {"before": {}, "after": body}, "object": shown}
    changes = changes_of(current, desired)
    if changes and not module.check_mode:
        graph.patch(f"{kind}/{current['id']}", changes)
    after = dict(current, **changes)
    return {
        "changed": bool(changes),
        "diff": {
            "before": {key: current.get(key) for key in changes},
            "after": changes,
        },
        "object": after,
    }


def reference_body(graph: GraphClient, object_id: str) -> dict:
    return {"@odata.id": f"{graph.endpoint}/{REFERENCE_PATH}{object_id}"}


def ensure_links(
    module: Any,
    path: str,
    relation: str,
    wanted: Iterable[str] | None,
    purge: bool,
    known: bool = True,
) -> dict:
    """Members or owners of the object at PATH: add WANTED ids, remove others when PURGE.

    Returns {changed, before, after} as sorted id lists; WANTED None means not managed.
    With KNOWN false the object is yet to be made (check mode): nothing exists to read.
    """
    graph: GraphClient = module.graph
    current = sorted(o["id"].lower() for o in graph.list(f"{path}/{relation}")) if known else []
    if wanted is None:
        return {"changed": False, "before": current, "after": current}
    wanted_ids = sorted({object_id.lower() for object_id in wanted})
    to_add = [object_id for object_id in wanted_ids if object_id not in current]
    to_remove = [object_id for object_id in current if purge and object_id not in wanted_ids]
    if not module.check_mode:
        for object_id in to_add:
            # The member may be new: a 404 for it is retried while it replicates.
            graph.post(
                f"{path}/{relation}/$ref", reference_body(graph, object_id), names_new_object=True
            )
        for object_id in to_remove:
            graph.delete(f"{path}/{relation}/{object_id}/$ref")
    after = sorted((set(current) | set(to_add)) - set(to_remove))
    return {"changed": bool(to_add or to_remove), "before": current, "after": after}
