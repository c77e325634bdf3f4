"""Graph v1.0 requests under /graph/v1.0/: collections with $filter and paging, objects, and
the members/owners relationships with their $ref writes."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from tools.arm_emulator.graph.directory import (
    KINDS,
    RELATIONSHIPS,
    Directory,
    DirectoryObject,
    require_kind,
)
from tools.arm_emulator.graph.errors import GraphError, bad_request
from tools.arm_emulator.http_types import Request, Response

PREFIX = "/graph/v1.0/"
FILTERABLE = ("userPrincipalName", "displayName", "appId", "mailNickname", "id")
_FILTER = re.compile(r"^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$")
_REFERENCE = re.compile(r"/directoryObjects/([0-9a-fA-F-]{36})$")


class GraphService:
    def __init__(self, base_url: str, directory: Directory) -> None:
        self.root = base_url.rstrip("/") + PREFIX.rstrip("/")
        self.directory = directory

    def handle(self, request: Request, delay: float, page_size: int) -> Response:
        segments = [s for s in request.path[len(PREFIX) :].split("/") if s]
        if not segments:
            raise GraphError(400, "BadRequest", "Invalid request.")
        kind = segments[0]
        require_kind(kind)
        method = request.method
        with self.directory.lock:
            if len(segments) == 1 and method == "GET":
                return self._list(request, kind, self.directory.of_kind(kind, delay), page_size)
            if len(segments) == 1 and method == "POST":
                record = self.directory.create(kind, _body(request))
                return Response.json(201, self._render(record))
            record = self.directory.find(kind, segments[1], delay)
            if len(segments) == 2:
                return self._object(request, record)
            relation = segments[2]
            if (kind, relation) not in RELATIONSHIPS:
                raise GraphError(
                    400, "BadRequest", f"Resource not found for the segment '{relation}'."
                )
            if len(segments) == 3 and method == "GET":
                linked = [
                    self.directory.objects[i]
                    for i in record.links.get(relation, [])
                    if i in self.directory.objects
                ]
                return self._list(request, None, linked, page_size)
            if segments[3:] == ["$ref"] and method == "POST":
                target = self._referenced(_body(request), delay)
                self.directory.link(record, relation, target)
                return Response.empty(204)
            if len(segments) == 5 and segments[4] == "$ref" and method == "DELETE":
                self.directory.unlink(record, relation, segments[3])
                return Response.empty(204)
        raise GraphError(405, "Request_BadRequest", f"The method {method} is not supported here.")

    def _object(self, request: Request, record: DirectoryObject) -> Response:
        if request.method == "GET":
            return Response.json(200, self._render(record))
        if request.method == "PATCH":
            self.directory.update(record, _body(request))
            return Response.empty(204)
        if request.method == "DELETE":
            self.directory.delete(record)
            return Response.empty(204)
        raise GraphError(405, "Request_BadRequest", "The method is not supported here.")

    def _list(
        self, request: Request, kind: str | None, records: list[DirectoryObject], page_size: int
    ) -> Response:
        query = request.query
        if query.get("$filter"):
            records = [r for r in records if _matches(query["$filter"], r)]
        records = sorted(records, key=lambda r: r.created_at)
        top = int(query.get("$top") or page_size)
        if not 1 <= top <= 999:
            raise bad_request(
                "Invalid page size specified: '"
                + str(top)
                + "'. Must be between 1 and 999 inclusive."
            )
        start = int(query.get("$skiptoken") or 0)
        page = records[start : start + top]
        body: dict[str, Any] = {
            "@odata.context": f"{self.root}/$metadata#{kind or 'directoryObjects'}",
            "value": [self._render(r, typed=kind is None) for r in page],
        }
        if start + top < len(records):
            rest = {k: v for k, v in query.items() if k not in ("$skiptoken",)}
            rest.update({"$top": str(top), "$skiptoken": str(start + top)})
            encoded = "&".join(f"{quote(k)}={quote(v)}" for k, v in rest.items())
            body["@odata.nextLink"] = f"{self.root}{request.path[len(PREFIX) - 1 :]}?{encoded}"
        return Response.json(200, body)

    def _referenced(self, body: dict[str, Any], delay: float) -> DirectoryObject:
        match = _REFERENCE.search(str(body.get("@odata.id", "")))
        if not match:
            raise bad_request(
                "Invalid URL format specified in @odata.id: expected "
                "'https://graph.microsoft.com/v1.0/directoryObjects/{id}'."
            )
        return self.directory.find_any(match.group(1), delay)

    def _render(self, record: DirectoryObject, typed: bool = False) -> dict[str, Any]:
        rendered = dict(record.body)
        if typed:
            rendered["@odata.type"] = KINDS[record.kind]
        return rendered


def _matches(expression: str, record: DirectoryObject) -> bool:
    match = _FILTER.match(expression)
    if not match or match.group(1) not in FILTERABLE:
        raise GraphError(
            400,
            "Request_UnsupportedQuery",
            f"Unsupported or invalid query filter clause specified: {expression}",
        )
    value = match.group(2).replace("''", "'")
    return str(record.body.get(match.group(1), "")).lower() == value.lower()


def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError as error:
        raise bad_request("Unable to read JSON request payload.") from error
    if not isinstance(body, dict):
        raise bad_request("Unable to read JSON request payload.")
    return body
