# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from typing import Any

from ansible import constants as C
from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.json import get_encoder
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase
from ansible.template import trust_as_template

ARGUMENT_SPEC = dict(
    dest=dict(type="path", required=True),
    files=dict(type="list", elements="dict", required=True),
)
ITEM_OPTIONS = ("name", "template", "content", "mode")
DEFAULT_MODE = "0644"
DEST_MODE = 0o755
OCTAL_MODE = re.compile(r"[0-7]{3,4}")


@dataclass
class Wanted:
    """One checked item of `files`."""

    index: int
    name: str
    template: str | None
    content: Any
    mode: int


@dataclass
class Planned:
    """One file: what it should hold and what it holds now (None when it does not exist)."""

    path: str
    data: bytes
    mode: int
    before: bytes | None
    before_mode: int | None

    @property
    def content_changes(self) -> bool:
        return self.before != self.data

    @property
    def mode_changes(self) -> bool:
        return self.before is not None and self.before_mode != self.mode

    @property
    def changed(self) -> bool:
        return self.content_changes or self.mode_changes


def checked_mode(value: Any, where: str) -> int:
    # An unquoted 0644 in YAML arrives as the integer 420: taken as the mode, as `file` does.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 0o7777:
        return value
    if isinstance(value, str) and OCTAL_MODE.fullmatch(value):
        return int(value, 8)
    raise AnsibleActionFail(f'{where}: give an octal mode such as "0644", not {value!r}')


def checked_item(index: int, item: dict) -> Wanted:
    where = f"files[{index}]"
    unknown = sorted(set(item) - set(ITEM_OPTIONS))
    if unknown:
        raise AnsibleActionFail(
            f"{where}: unknown option(s) {', '.join(unknown)}; use {', '.join(ITEM_OPTIONS)}"
        )
    name = item.get("name")
    if not isinstance(name, str) or not name:
        raise AnsibleActionFail(f"{where}.name: required, a file name")
    if "/" in name or ".." in name or name == ".":
        raise AnsibleActionFail(
            f"{where}.name: {name!r} is not a plain file name (no '/', no '..')"
        )
    template, content = item.get("template"), item.get("content")
    if (template is None) == (content is None):
        raise AnsibleActionFail(f"{where}: give exactly one of template or content")
    if template is not None and (not isinstance(template, str) or not template):
        raise AnsibleActionFail(f"{where}.template: the name of a template file")
    mode = checked_mode(item.get("mode", DEFAULT_MODE), f"{where}.mode")
    return Wanted(index, name, template, content, mode)


def checked_items(files: list[dict]) -> list[Wanted]:
    wanted = [checked_item(index, item) for index, item in enumerate(files)]
    seen: set[str] = set()
    for item in wanted:
        if item.name in seen:
            raise AnsibleActionFail(f"files[{item.index}].name: {item.name!r} is listed twice")
        seen.add(item.name)
    return wanted


def serialized(content: Any) -> str:
    if isinstance(content, str):
        return content
    # What `to_nice_json(sort_keys=false)` plus a newline writes, so reports stay byte-identical.
    return (
        json.dumps(
            content,
            cls=get_encoder("tagless"),
            indent=4,
            sort_keys=False,
            separators=(",", ": "),
        )
        + "\n"
    )


def current(path: str, where: str) -> tuple[bytes | None, int | None]:
    try:
        with open(path, "rb") as handle:
            return handle.read(), stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        raise AnsibleActionFail(f"{where}: cannot read {path}: {error}") from error


def write_atomically(path: str, data: bytes, mode: int) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=os.path.dirname(path), prefix=f".{os.path.basename(path)}."
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def diff_of(planned: Planned) -> list[dict]:
    entries = []
    if planned.content_changes:
        entries.append(
            {
                "before": to_text(planned.before or b"", errors="surrogate_or_replace"),
                "after": to_text(planned.data, errors="surrogate_or_replace"),
                "before_header": planned.path,
                "after_header": planned.path,
            }
        )
    if planned.mode_changes:
        # The shape the file module reports a mode change in (as `template` passes it on).
        entries.append(
            {
                "before": {"path": planned.path, "mode": f"{planned.before_mode:04o}"},
                "after": {"path": planned.path, "mode": f"{planned.mode:04o}"},
            }
        )
    return entries


class ActionModule(ActionBase):
    """Writes several files on the controller in one task, in the Ansible process."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)[1]
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}

        # Where a module on a local connection would put a relative path (ActionBase runs it
        # in the loader's base directory, the playbook's).
        dest = os.path.join(self._loader.get_basedir(), args["dest"])
        wanted = checked_items(args["files"])
        if os.path.exists(dest) and not os.path.isdir(dest):
            raise AnsibleActionFail(f"dest: {dest} is not a directory")
        # Everything is rendered and read before the first write: a bad item writes nothing.
        plan = [self._planned(dest, item, task_vars) for item in wanted]

        if not self._task.check_mode:
            if not os.path.isdir(dest):
                try:
                    os.makedirs(dest, exist_ok=True)
                    os.chmod(dest, DEST_MODE)
                except OSError as error:
                    raise AnsibleActionFail(f"dest: cannot create {dest}: {error}") from error
            for item, planned in zip(wanted, plan, strict=True):
                self._apply(item, planned)

        result.update(
            changed=any(planned.changed for planned in plan),
            dest=dest,
            files=[{"path": planned.path, "changed": planned.changed} for planned in plan],
        )
        if self._task.diff:
            result["diff"] = [entry for planned in plan for entry in diff_of(planned)]
        return result

    def _planned(self, dest: str, item: Wanted, task_vars: dict) -> Planned:
        path = os.path.join(dest, item.name)
        where = f"files[{item.index}]"
        if os.path.isdir(path):
            raise AnsibleActionFail(f"{where}.name: {path} is a directory")
        if item.template is not None:
            text = self._rendered(item.template, path, task_vars, f"{where}.template")
        else:
            text = serialized(item.content)
        data = to_bytes(text, errors="surrogate_or_strict")
        return Planned(path, data, item.mode, *current(path, where))

    def _rendered(self, template: str, path: str, task_vars: dict, where: str) -> str:
        """TEMPLATE rendered as ansible.builtin.template renders it for dest PATH."""
        try:
            source = self._find_needle("templates", template)
        except AnsibleError as error:
            raise AnsibleActionFail(f"{where}: {to_text(error)}") from error
        data = trust_as_template(self._loader.get_text_file_contents(source))
        bases = [
            *task_vars.get("ansible_search_path", []),
            self._loader.get_basedir(),
            os.path.dirname(source),
        ]
        searchpath = [entry for base in bases for entry in (os.path.join(base, "templates"), base)]
        variables = dict(task_vars)
        # The variables `template` adds, from public API only (ansible-core keeps its own
        # helper internal). ansible_managed is the configured string, with no strftime codes or
        # placeholders expanded: the collection's templates only pass it through `comment`.
        variables.update(
            template_host=os.uname()[1],
            template_path=template,
            template_fullpath=source,
            template_destpath=path,
        )
        variables.setdefault("ansible_managed", C.config.get_config_value("DEFAULT_MANAGED_STR"))
        templar = self._templar.copy_with_new_env(
            searchpath=searchpath, available_variables=variables
        )
        try:
            rendered = templar.template(data, escape_backslashes=False)
        except AnsibleError as error:
            raise AnsibleActionFail(f"{where}: cannot render {template}: {error}") from error
        return "" if rendered is None else to_text(rendered)

    def _apply(self, item: Wanted, planned: Planned) -> None:
        try:
            if planned.content_changes:
                write_atomically(planned.path, planned.data, planned.mode)
            elif planned.mode_changes:
                os.chmod(planned.path, planned.mode)
        except OSError as error:
            raise AnsibleActionFail(
                f"files[{item.index}]: cannot write {planned.path}: {error}"
            ) from error
