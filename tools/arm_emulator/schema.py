"""Request-body schemas derived at run time from the model classes of Microsoft's Python SDKs.

The TypeSpec-generated models declare each JSON property with `rest_field(name=..., visibility=...)`
and a type hint; that is the published REST schema of the SDK's pinned api-version. The older
AutoRest (msrest) models, still used by the multi-version packages (msi, authorization, monitor,
applicationinsights), declare it in `_attribute_map` (JSON paths, flattened through `properties`)
and `_validation`; their enums are only in the `__init__` type hints.
"""

from __future__ import annotations

import datetime
import enum
import functools
import importlib
import inspect
import os
import re
import sys
import types
import typing
from dataclasses import dataclass, field
from typing import Any

_SCALAR_KINDS: dict[Any, str] = {
    str: "str",
    bytes: "str",
    int: "int",
    float: "float",
    bool: "bool",
    datetime.datetime: "str",
    datetime.date: "str",
    datetime.time: "str",
    datetime.timedelta: "str",
}
# Extensible enums whose SDK member list lags the service: any string is accepted for them,
# as ARM does (e.g. the topology's Standard_B2ls_v2 is not among VirtualMachineSizeTypes).
OPEN_ENUMS = frozenset({"VirtualMachineSizeTypes"})
# Flag enums: a comma-separated combination of members (storage `networkAcls.bypass`:
# "Logging, Metrics, AzureServices").
FLAG_ENUMS = frozenset({"Bypass"})
_JSON_TYPE_NAMES = {"str": "String", "int": "Int32", "float": "Double", "bool": "Boolean"}


# Packages whose `__init__` imports a dependency tree the emulator does not install: their
# submodules (the generated REST client of azure-ai-ml) are imported without running it.
_LIGHT_PARENTS = ("azure.ai.ml", "azure.ai.ml._restclient")
_MSREST_SCALARS = {
    "str": "str",
    "int": "int",
    "long": "int",
    "float": "float",
    "bool": "bool",
    "iso-8601": "str",
    "rfc-1123": "str",
    "duration": "str",
    "date": "str",
    "unix-time": "int",
    "bytearray": "str",
    "base64": "str",
    "object": "any",
}


@dataclass(frozen=True)
class TypeSpec:
    kind: str  # str | int | float | bool | enum | list | dict | model | any
    item: TypeSpec | None = None
    model: type | None = None
    enum_values: tuple[str, ...] = ()
    enum_name: str = ""
    # A JSON object that an msrest model flattens into its parent (`properties.x` keys).
    schema: ModelSchema | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FieldSpec:
    rest_name: str
    spec: TypeSpec
    required: bool
    writable: bool
    discriminator: bool


@dataclass
class ModelSchema:
    name: str
    fields: dict[
        str, FieldSpec
    ]  # keyed by lower-cased rest name: ARM matches members case-insensitively
    subtypes: dict[str, type] = field(default_factory=dict)

    @property
    def discriminator(self) -> FieldSpec | None:
        return next((f for f in self.fields.values() if f.discriminator), None)


@dataclass(frozen=True)
class SchemaIssue:
    code: str
    path: str
    message: str


def import_sdk_module(name: str) -> types.ModuleType:
    """Import an SDK module; below a light parent, without running the parents' `__init__`."""
    for parent in _LIGHT_PARENTS:
        if name.startswith(parent + ".") and parent not in sys.modules:
            container, _, leaf = parent.rpartition(".")
            stub = types.ModuleType(parent)
            stub.__path__ = [os.path.join(importlib.import_module(container).__path__[0], leaf)]
            sys.modules[parent] = stub
    return importlib.import_module(name)


def load_model(reference: str) -> type:
    """Resolve 'package.module:ClassName'."""
    module_name, _, class_name = reference.partition(":")
    return getattr(import_sdk_module(module_name), class_name)


def _is_model_class(candidate: Any) -> bool:
    return isinstance(candidate, type) and (
        hasattr(candidate, "_calculated") or "_attribute_map" in vars(candidate)
    )


def _is_rest_field(value: Any) -> bool:
    return hasattr(value, "_rest_name_input") and hasattr(value, "_visibility")


def _namespace(cls: type) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    namespace = dict(vars(module))
    namespace["_models"] = sys.modules[cls.__module__.rsplit(".", 1)[0]]
    return namespace


def _translate(hint: Any, namespace: dict[str, Any]) -> tuple[TypeSpec, bool]:
    """Return the TypeSpec of a type hint and whether the hint allows None."""
    if isinstance(hint, str):
        return _translate(eval(hint, namespace), namespace)  # noqa: S307 - SDK annotation text
    if isinstance(hint, typing.ForwardRef):
        return _translate(eval(hint.__forward_arg__, namespace), namespace)  # noqa: S307
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union:
        optional = type(None) in args
        members = [_translate(a, namespace)[0] for a in args if a is not type(None)]
        enums = [m for m in members if m.kind == "enum"]
        if any(m.kind == "str" for m in members) and any(m.enum_name in OPEN_ENUMS for m in enums):
            return TypeSpec("str"), optional
        if enums:
            values = tuple(v for e in enums for v in e.enum_values)
            return TypeSpec("enum", enum_values=values, enum_name=enums[0].enum_name), optional
        if len(members) == 1:
            return members[0], optional
        return TypeSpec("any"), optional
    if origin is typing.Literal:
        return TypeSpec("enum", enum_values=tuple(str(getattr(a, "value", a)) for a in args)), False
    if origin in (list, typing.List, typing.Sequence):  # noqa: UP006
        return TypeSpec(
            "list", item=_translate(args[0], namespace)[0] if args else TypeSpec("any")
        ), False
    if origin in (dict, typing.Dict, typing.Mapping):  # noqa: UP006
        return TypeSpec(
            "dict", item=_translate(args[1], namespace)[0] if args else TypeSpec("any")
        ), False
    if hint in _SCALAR_KINDS:
        return TypeSpec(_SCALAR_KINDS[hint]), False
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return TypeSpec(
            "enum", enum_values=tuple(str(m.value) for m in hint), enum_name=hint.__name__
        ), False
    if _is_model_class(hint):
        return TypeSpec("model", model=hint), False
    return TypeSpec("any"), False


def _msrest_type(text: str, namespace: dict[str, Any]) -> TypeSpec:
    if text.startswith("[") and text.endswith("]"):
        return TypeSpec("list", item=_msrest_type(text[1:-1], namespace))
    if text.startswith("{") and text.endswith("}"):
        return TypeSpec("dict", item=_msrest_type(text[1:-1], namespace))
    if text in _MSREST_SCALARS:
        return TypeSpec(_MSREST_SCALARS[text])
    model = namespace.get(text) or getattr(namespace["_models"], text, None)
    return TypeSpec("model", model=model) if _is_model_class(model) else TypeSpec("any")


def _msrest_schema(model: type) -> ModelSchema:
    namespace = _namespace(model)
    hints = inspect.signature(model.__init__).parameters
    validation = getattr(model, "_validation", {})
    root = ModelSchema(model.__name__, {})
    for attr, entry in model._attribute_map.items():
        rules = validation.get(attr, {})
        spec = _msrest_type(entry["type"], namespace)
        hint = hints.get(attr)
        if spec.kind in ("str", "list") and hint is not None and hint.annotation is not hint.empty:
            hinted = _translate(hint.annotation, namespace)[0]
            if hinted.kind == "enum" or (hinted.item and hinted.item.kind == "enum"):
                spec = hinted
        writable = not rules.get("readonly", False)
        *outer, leaf = [part.replace("\\.", ".") for part in re.split(r"(?<!\\)\.", entry["key"])]
        schema = root
        for part in outer:
            group = schema.fields.get(part.lower())
            if group is None or group.spec.schema is None:
                nested = ModelSchema(f"{model.__name__}.{part}", {})
                group = FieldSpec(part, TypeSpec("model", schema=nested), False, False, False)
                schema.fields[part.lower()] = group
            if writable or rules.get("required"):
                group = FieldSpec(
                    part, group.spec, group.required or bool(rules.get("required")), True, False
                )
                schema.fields[part.lower()] = group
            assert group.spec.schema is not None
            schema = group.spec.schema
        schema.fields[leaf.lower()] = FieldSpec(
            rest_name=leaf,
            spec=spec,
            required=bool(rules.get("required")) and writable and not rules.get("constant"),
            writable=writable,
            discriminator=False,
        )
    return root


@functools.cache
def model_schema(model: type) -> ModelSchema:
    if "_attribute_map" in vars(model):
        return _msrest_schema(model)
    fields: dict[str, FieldSpec] = {}
    for klass in reversed(model.__mro__):
        if not _is_model_class(klass):
            continue
        annotations = klass.__dict__.get("__annotations__", {})
        namespace = _namespace(klass)
        for attr, value in klass.__dict__.items():
            if attr.startswith("_") or not _is_rest_field(value):
                continue
            spec, optional = _translate(annotations.get(attr, "typing.Any"), namespace)
            visibility = value._visibility
            writable = visibility is None or "create" in visibility or "update" in visibility
            rest_name = value._rest_name_input or attr
            fields[rest_name.lower()] = FieldSpec(
                rest_name=rest_name,
                spec=spec,
                required=writable and not optional,
                writable=writable,
                discriminator=bool(getattr(value, "_is_discriminator", False)),
            )
    subtypes = {str(k).lower(): v for k, v in getattr(model, "__mapping__", {}).items()}
    return ModelSchema(model.__name__, fields, subtypes)


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


class Validator:
    """Checks a JSON body against a model; returns it with read-only members removed."""

    def __init__(self, *, enforce_required: bool) -> None:
        self.enforce_required = enforce_required
        self.issues: list[SchemaIssue] = []

    def validate_model(self, value: Any, model: type, path: str) -> dict[str, Any] | None:
        return self.validate_object(value, model_schema(model), model, path)

    def validate_object(
        self, value: Any, schema: ModelSchema, model: type | None, path: str
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self._type_issue(value, schema.name, path)
            return None
        discriminator = schema.discriminator
        if discriminator and schema.subtypes:
            kind = next(
                (v for k, v in value.items() if k.lower() == discriminator.rest_name.lower()), None
            )
            subtype = schema.subtypes.get(str(kind).lower()) if kind is not None else None
            if subtype is not None and subtype is not model:
                schema = model_schema(subtype)
        cleaned: dict[str, Any] = {}
        for key, member in value.items():
            spec = schema.fields.get(key.lower())
            member_path = _join(path, key)
            if spec is None:
                self.issues.append(
                    SchemaIssue(
                        "UnknownProperty",
                        member_path,
                        f"Could not find member '{key}' on object of type '{schema.name}'. Path "
                        f"'{member_path}'.",
                    )
                )
                continue
            if not spec.writable or member is None:
                continue
            cleaned[spec.rest_name] = self.validate_value(
                member, spec.spec, _join(path, spec.rest_name)
            )
        if self.enforce_required:
            for spec in schema.fields.values():
                if spec.required and spec.rest_name not in cleaned:
                    member_path = _join(path, spec.rest_name)
                    self.issues.append(
                        SchemaIssue(
                            "MissingRequiredProperty",
                            member_path,
                            f"Required property '{spec.rest_name}' not found in JSON. Path "
                            f"'{member_path}'.",
                        )
                    )
        return cleaned

    def validate_value(self, value: Any, spec: TypeSpec, path: str) -> Any:
        kind = spec.kind
        if kind == "any":
            return value
        if kind == "model":
            if spec.schema is not None:
                return self.validate_object(value, spec.schema, None, path)
            assert spec.model is not None
            return self.validate_model(value, spec.model, path)
        if kind == "list":
            if not isinstance(value, list):
                self._type_issue(value, "Array", path)
                return value
            assert spec.item is not None
            return [
                self.validate_value(item, spec.item, f"{path}[{i}]") for i, item in enumerate(value)
            ]
        if kind == "dict":
            if not isinstance(value, dict):
                self._type_issue(value, "Object", path)
                return value
            assert spec.item is not None
            return {k: self.validate_value(v, spec.item, _join(path, k)) for k, v in value.items()}
        if kind == "enum":
            return self._enum(value, spec, path)
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if kind == "str" and isinstance(value, str):
            return value
        self._type_issue(value, _JSON_TYPE_NAMES.get(kind, kind), path)
        return value

    def _enum(self, value: Any, spec: TypeSpec, path: str) -> Any:
        if isinstance(value, str) and spec.enum_name in FLAG_ENUMS and "," in value:
            parts = [self._enum(part.strip(), spec, path) for part in value.split(",")]
            return ", ".join(str(part) for part in parts)
        if isinstance(value, str):
            for allowed in spec.enum_values:
                if allowed.lower() == value.lower():
                    return allowed
        self.issues.append(
            SchemaIssue(
                "InvalidEnumValue",
                path,
                f"Value '{value}' is not valid for '{path}'. Allowed values: "
                f"{', '.join(spec.enum_values)}.",
            )
        )
        return value

    def _type_issue(self, value: Any, expected: str, path: str) -> None:
        self.issues.append(
            SchemaIssue(
                "InvalidPropertyType",
                path,
                f"Error converting value {value!r} to type '{expected}'. Path '{path}'.",
            )
        )
