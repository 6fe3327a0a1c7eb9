"""Generic traversal of the data models: every sub-model, reference and prose field, with its path.

The path (`loc`) uses the YAML keys and list positions, the same form as pydantic's error
locations and the loader's position map, so anything found here can be reported with its line.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from .loader import Loc
from .schema import ProseField, Ref

Shape = Literal["single", "list", "dict-key"]


@dataclass(frozen=True)
class FieldInfo:
    name: str  # attribute name on the model
    key: str  # key in the YAML (differs when the field has an alias)
    ref: Ref | None
    ref_shape: Shape | None
    prose: bool


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _markers(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Annotated:
        return list(get_args(annotation)[1:])
    return []


def _find_ref(annotation: Any, metadata: list[Any]) -> tuple[Ref | None, Shape | None]:
    for marker in metadata + _markers(annotation):
        if isinstance(marker, Ref):
            return marker, "single"
    annotation = _strip_optional(annotation)
    for marker in _markers(annotation):
        if isinstance(marker, Ref):
            return marker, "single"
    origin = get_origin(annotation)
    if origin is list:
        (inner,) = get_args(annotation)
        for marker in _markers(inner):
            if isinstance(marker, Ref):
                return marker, "list"
    if origin is dict:
        key_type = get_args(annotation)[0]
        for marker in _markers(key_type):
            if isinstance(marker, Ref):
                return marker, "dict-key"
    return None, None


def _is_prose(annotation: Any, metadata: list[Any]) -> bool:
    annotation = _strip_optional(annotation)
    candidates = metadata + _markers(annotation)
    if get_origin(annotation) is list:
        candidates += _markers(get_args(annotation)[0])
    return any(isinstance(marker, ProseField) for marker in candidates)


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    """What the walker needs to know about each field of a model class (computed once per class)."""
    result = []
    for name, info in model.model_fields.items():
        ref, shape = _find_ref(info.annotation, list(info.metadata))
        result.append(
            FieldInfo(
                name=name,
                key=info.alias or name,
                ref=ref,
                ref_shape=shape,
                prose=_is_prose(info.annotation, list(info.metadata)),
            )
        )
    return tuple(result)


@cache
def _ref_fields(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    return tuple(info for info in fields_of(model) if info.ref is not None)


def holds_references(model: type[BaseModel]) -> bool:
    """Whether instances of `model` can hold references themselves (most models cannot)."""
    return bool(_ref_fields(model))


@cache
def _prose_fields(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    return tuple(info for info in fields_of(model) if info.prose)


@cache
def _child_fields(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    """Fields that can hold sub-models (the walker skips plain text and numbers without looking)."""
    return tuple(info for info in fields_of(model) if _may_hold_models(model.model_fields[info.name].annotation))


def model_classes(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class a file of `model` can hold, `model` first, each once (in field order)."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for info in annotation.model_fields.values():
                    visit(info.annotation)
        else:
            for arg in get_args(annotation):
                visit(arg)

    visit(model)
    return found


def _may_hold_models(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_may_hold_models(arg) for arg in get_args(annotation))


class Reference(NamedTuple):  # a tuple: a large handbook makes hundreds of thousands of them
    target: str
    kind: str
    loc: Loc


def walk_models(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[BaseModel, Loc]]:
    """Every model instance in the tree, depth first, with its path."""
    yield model, loc
    for info in _child_fields(type(model)):
        value = getattr(model, info.name)
        if isinstance(value, BaseModel):
            yield from walk_models(value, (*loc, info.key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_models(item, (*loc, info.key, i))


def references(model: BaseModel, loc: Loc) -> Iterator[Reference]:
    """The references held directly by one model instance (not its children)."""
    fields = _ref_fields(type(model))
    if not fields:  # most models hold none: return before making a generator's worth of work
        return
    for info in fields:
        value = getattr(model, info.name)
        if value is None or info.ref is None:
            continue
        if info.ref_shape == "single":
            yield Reference(value, info.ref.kind, (*loc, info.key))
        elif info.ref_shape == "list":
            for i, target in enumerate(value):
                yield Reference(target, info.ref.kind, (*loc, info.key, i))
        elif info.ref_shape == "dict-key":
            for target in value:
                yield Reference(target, info.ref.kind, (*loc, info.key, target))


def prose_fields(model: BaseModel, loc: Loc) -> Iterator[tuple[str, Loc]]:
    """The Markdown text held directly by one model instance."""
    for info in _prose_fields(type(model)):
        value = getattr(model, info.name)
        if isinstance(value, list):
            for i, entry in enumerate(value):
                yield entry, (*loc, info.key, i)
        elif value:
            yield value, (*loc, info.key)


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the value at `loc`, following field types down the path."""
    current: Any = model
    for step in loc:
        current = _strip_optional(current)
        if get_origin(current) is Annotated:
            current = get_args(current)[0]
        if isinstance(current, type) and issubclass(current, BaseModel):
            by_key = {info.alias or name: info for name, info in current.model_fields.items()}
            if not isinstance(step, str) or step not in by_key:
                return None
            current = by_key[step].annotation
        elif get_origin(current) is list and isinstance(step, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _strip_optional(current)
    if get_origin(current) is Annotated:
        current = get_args(current)[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None
