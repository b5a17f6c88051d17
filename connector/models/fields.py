"""Lenient marshmallow fields for what Magento's REST output really carries.

Magento's DataObjectProcessor casts each getter's value to the type its docblock declares
(Fw/Reflection/TypeCaster::castValueToType) but passes null through whatever the type, so a
"required" key arrives as null (a shipment track's ``qty``, a credit-memo item's ``base_cost``:
sandbox 2.4.7-p3). PHP's json_encode writes an empty array for an absent object (``[]``). Values
that skip the caster (extension attributes, plugins, other producers of Magento-shaped JSON) come as
PHP holds them: an id as ``"12"``, an amount as ``"10.5000"``, a flag as ``true`` for 1. These fields
accept each of those and turn them into one Python type; anything else is a validation error.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from marshmallow import ValidationError, fields
from marshmallow.schema import SchemaMeta

# ASCII digits only (``\d`` would take "١٢"), surrounding whitespace allowed, as PHP 8's is_numeric does.
_INTEGER = re.compile(r"[+-]?[0-9]+")
# A decimal column read back as text ("12.0000") is still a whole number.
_WHOLE_DECIMAL = re.compile(r"([+-]?[0-9]+)\.0*")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_WHITESPACE = " \t\n\r\v\f"  # PHP's, not Unicode's
_TRUE = frozenset({"1", "true"})
_FALSE = frozenset({"0", "false", ""})


def _empty_to_none(value: Any) -> Any:
    """PHP's json_encode writes an empty array for an absent object: ``[]`` is "no object"."""
    return None if isinstance(value, list) and not value else value


class Integer(fields.Field[int]):
    """An int: also a digit string, a whole float or decimal string, or a PHP bool (``(int) true``)."""

    invalid: ClassVar[str] = "Not a valid integer."

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> int:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.strip(_WHITESPACE)
            if _INTEGER.fullmatch(text):
                return int(text)
            whole = _WHOLE_DECIMAL.fullmatch(text)
            if whole:
                return int(whole.group(1))
        raise ValidationError(self.invalid)


class Float(fields.Field[float]):
    """A finite number: also a numeric string (``"10.5"``, ``"1e3"``); never a bool."""

    invalid: ClassVar[str] = "Not a valid number."

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and _NUMBER.fullmatch(value.strip(_WHITESPACE)):
            number = float(value.strip(_WHITESPACE))
        if number is None or not math.isfinite(number):
            raise ValidationError(self.invalid)
        return number


class String(fields.Field[str]):
    """A string: a number or bool is cast as PHP's settype does (``2`` -> "2", ``2.0`` -> "2", true -> "1")."""

    invalid: ClassVar[str] = "Not a valid string."

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "1" if value else ""
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float) and math.isfinite(value):
            return str(int(value)) if value.is_integer() else repr(value)
        raise ValidationError(self.invalid)


class Boolean(fields.Field[bool]):
    """A bool: also 0/1 and "0"/"1"/"true"/"false"/"" (Magento's flags travel in all these forms)."""

    invalid: ClassVar[str] = "Not a valid boolean."

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip(_WHITESPACE).lower() in _TRUE | _FALSE:
            return value.strip(_WHITESPACE).lower() in _TRUE
        raise ValidationError(self.invalid)


def _none_to(empty: Callable[[], Any]) -> Callable[[Any], Any]:
    return lambda value: empty() if value is None else value


class Object(fields.Field[dict[str, Any]]):
    """A JSON object kept as received (``extension_attributes``, ``product_option``); null or [] is {}."""

    invalid: ClassVar[str] = "Not a valid object."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_none=True, pre_load=_none_to(dict), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> dict[str, Any]:
        if value == []:
            return {}
        if isinstance(value, dict):
            return dict(value)
        raise ValidationError(self.invalid)


class ObjectList(fields.Field[list[dict[str, Any]]]):
    """A list of JSON objects kept as received (a product's ``tier_prices``); null is []."""

    invalid: ClassVar[str] = "Not a valid list of objects."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_none=True, pre_load=_none_to(list), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> list[dict[str, Any]]:
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return [dict(item) for item in value]
        raise ValidationError(self.invalid)


class ScalarList(fields.List):  # type: ignore[type-arg]
    """A list of scalars (``street``, ``additional_information``); null is [].

    A null element reads as the element type's PHP zero value, as TypeProcessor's settype casts it.
    """

    def __init__(self, element: fields.Field[Any], zero: Any, **kwargs: Any) -> None:
        super().__init__(element, allow_none=True, pre_load=_none_to(list), **kwargs)
        self.zero = zero

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> list[Any]:
        if isinstance(value, list):
            value = [self.zero if item is None else item for item in value]
        return list(super()._deserialize(value, attr, data, **kwargs))


class CustomAttributes(fields.Field[dict[str, Any]]):
    """Magento's ``custom_attributes`` list of ``{attribute_code, value}`` as a dict code -> value.

    Values stay as sent: EAV values are strings (``"2"``) or lists (``category_ids``).
    """

    invalid: ClassVar[str] = "Not a list of {attribute_code, value} objects."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_none=True, pre_load=_none_to(list), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> dict[str, Any]:
        if not isinstance(value, list):
            raise ValidationError(self.invalid)
        result: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("attribute_code"), str):
                raise ValidationError(self.invalid)
            result[item["attribute_code"]] = item.get("value")
        return result

    def _serialize(self, value: dict[str, Any] | None, attr: str | None, obj: Any,
                   **kwargs: Any) -> list[dict[str, Any]]:
        return [{"attribute_code": code, "value": item} for code, item in (value or {}).items()]


SchemaRef = Callable[[], SchemaMeta]


class NestedModel(fields.Nested):
    """One nested object loaded by its model's schema; null, absent or ``[]`` is None."""

    def __init__(self, schema: SchemaRef, **kwargs: Any) -> None:
        super().__init__(schema, allow_none=True, pre_load=_empty_to_none, **kwargs)


class NestedModelList(fields.List):  # type: ignore[type-arg]
    """A list of nested objects loaded by their model's schema; null is []."""

    def __init__(self, schema: SchemaRef, **kwargs: Any) -> None:
        super().__init__(fields.Nested(schema), allow_none=True, pre_load=_none_to(list), **kwargs)
