"""The model base, the schema base, and ``load``/``load_many``/``dump``.

A model is a frozen dataclass whose fields are Magento's keys, typed. Its schema is a marshmallow
schema named after Magento's definition (``sales-data-order-interface`` ->
``SalesDataOrderInterfaceSchema``) whose fields are derived from the dataclass's type hints, so each
key is declared once:

=================================  =============================================================
hint                               field
=================================  =============================================================
``int`` / ``int | None``           :class:`~.fields.Integer` (required and non-null / optional)
``float``, ``str``, ``bool``       :class:`~.fields.Float`, :class:`~.fields.String`, :class:`~.fields.Boolean`
``list[str]``, ``list[int]``       :class:`~.fields.ScalarList`
``list[Model]``, ``Model | None``  the model's own schema, nested
``list[dict[str, Any]]``           :class:`~.fields.ObjectList` (kept as received)
``dict[str, Any]``                 :class:`~.fields.Object`, or :class:`~.fields.CustomAttributes`
                                   for ``custom_attributes``
=================================  =============================================================

Every key the schema does not declare is kept, as received, in the model's ``extra``.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from marshmallow import INCLUDE, Schema, ValidationError, post_dump, post_load
from marshmallow import fields as mfields
from marshmallow.schema import SchemaMeta

from connector.models import fields as mf

M = TypeVar("M", bound="MagentoModel")
S = TypeVar("S", bound="ModelSchema")


class ModelError(ValueError):
    """A response body that does not load into its model; ``messages`` are marshmallow's, by key path."""

    def __init__(self, model: str, messages: Any) -> None:
        super().__init__(f"{model} could not be loaded: {messages}")
        self.model = model
        self.messages = messages


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class MagentoModel:
    """Base of every model: the object's ``extension_attributes`` and every undeclared key."""

    extension_attributes: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        # An order has 140 fields, most of them None: show what the response carried, ids first.
        names = [f.name for f in fields(self) if f.name not in _BASE_FIELDS] + list(_BASE_FIELDS)
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names
                          if getattr(self, name) not in (None, [], {}))
        return f"{type(self).__name__}({shown})"


_BASE_FIELDS = ("extension_attributes", "extra")


class CustomAttributesMixin:
    """For models with Magento's ``custom_attributes`` (loaded into a dict code -> value)."""

    __slots__ = ()
    custom_attributes: dict[str, Any]

    def attribute(self, code: str, default: Any = None) -> Any:
        """One custom attribute's value as sent (EAV values are strings or lists), or ``default``."""
        return self.custom_attributes.get(code, default)


class ModelSchema(Schema):
    """Base of every model schema: loads into the model, keeping unknown keys in ``extra``."""

    definition: ClassVar[str] = ""
    model: ClassVar[type[MagentoModel]] = MagentoModel

    class Meta:
        unknown = INCLUDE

    @post_load
    def _to_model(self, data: dict[str, Any], **kwargs: Any) -> MagentoModel:
        declared = {key: value for key, value in data.items() if key in self.fields}
        extra = {key: value for key, value in data.items() if key not in self.fields}
        return self.model(**declared, extra=extra)

    @post_dump(pass_original=True)
    def _to_body(self, data: dict[str, Any], original: MagentoModel, **kwargs: Any) -> dict[str, Any]:
        # Magento leaves out what it has no value for; a raw object loaded as {} (absent, null or [])
        # goes too. A nested model that came as {} stays {}.
        body = {key: value for key, value in data.items()
                if value is not None and not (value == {} and isinstance(self.fields[key], mf.Object))}
        return {**body, **original.extra}


_SCHEMAS: dict[type[MagentoModel], type[ModelSchema]] = {}


def magento_schema(definition: str, model: type[MagentoModel]) -> Callable[[type[S]], type[S]]:
    """Class decorator: make the schema load ``definition`` into ``model``, one field per dataclass field."""

    def register(schema: type[S]) -> type[S]:
        schema.definition = definition
        schema.model = model
        # SchemaMeta collected the (empty) class body already; each schema class owns its dict.
        schema._declared_fields.update(_fields_for(model))
        _SCHEMAS[model] = schema
        return schema

    return register


def schema_for(model: type[MagentoModel]) -> type[ModelSchema]:
    try:
        return _SCHEMAS[model]
    except KeyError:
        raise TypeError(f"{model.__name__} has no registered schema") from None


def _lazy(model: type[MagentoModel]) -> Callable[[], SchemaMeta]:
    # Resolved at load time, so a model may nest itself (an order item's parent_item).
    return lambda: schema_for(model)


def _fields_for(model: type[MagentoModel]) -> dict[str, mfields.Field[Any]]:
    hints = typing.get_type_hints(model)
    declared: dict[str, mfields.Field[Any]] = {}
    for item in fields(model):
        if item.name == "extra":
            continue
        required = item.default is MISSING and item.default_factory is MISSING
        declared[item.name] = _field_for(item.name, hints[item.name], required)
    return declared


_SCALARS: dict[Any, tuple[type[mfields.Field[Any]], Any]] = {
    int: (mf.Integer, 0), float: (mf.Float, 0.0), str: (mf.String, ""), bool: (mf.Boolean, False),
}


def _field_for(name: str, hint: Any, required: bool) -> mfields.Field[Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType and type(None) in args:
        (inner,) = [arg for arg in args if arg is not type(None)]
        if isinstance(inner, type) and issubclass(inner, MagentoModel):
            return mf.NestedModel(_lazy(inner))
        return _SCALARS[inner][0](allow_none=True)
    if hint in _SCALARS:
        return _SCALARS[hint][0](required=True, allow_none=False)
    if origin is list:
        (element,) = args
        if isinstance(element, type) and issubclass(element, MagentoModel):
            return mf.NestedModelList(_lazy(element))
        if element in _SCALARS:
            scalar, zero = _SCALARS[element]
            return mf.ScalarList(scalar(), zero)
        return mf.ObjectList()
    if origin is dict:
        # Magento's custom_attributes is always Fw\Api\AttributeInterface[]: {attribute_code, value}.
        return mf.CustomAttributes() if name == "custom_attributes" else mf.Object()
    raise TypeError(f"no Magento field for {name}: {hint!r}")


_INSTANCES: dict[type[MagentoModel], ModelSchema] = {}


def _schema(model: type[MagentoModel]) -> ModelSchema:
    # A schema instance is reusable across loads (marshmallow keeps no per-load state on it).
    if model not in _INSTANCES:
        _INSTANCES[model] = schema_for(model)()
    return _INSTANCES[model]


def load(model_type: type[M], data: Any) -> M:
    """One response object -> ``model_type``; raises :class:`ModelError` with marshmallow's messages."""
    try:
        result = _schema(model_type).load(data)
    except ValidationError as exc:
        raise ModelError(model_type.__name__, exc.messages) from exc
    return typing.cast(M, result)


def load_many(model_type: type[M], items: Any) -> list[M]:
    """A response list -> ``list[model_type]``; null is []. Error messages are keyed by index."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise ModelError(model_type.__name__, {"_schema": ["Not a valid list."]})
    try:
        result = _schema(model_type).load(items, many=True)
    except ValidationError as exc:
        raise ModelError(model_type.__name__, exc.messages) from exc
    return typing.cast(list[M], result)


def dump(model: MagentoModel) -> dict[str, Any]:
    """A model back to Magento's shape: declared keys with a value, extension attributes, ``extra``."""
    return typing.cast(dict[str, Any], _schema(type(model)).dump(model))
