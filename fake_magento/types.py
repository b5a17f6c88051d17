"""Service-input type conversion as Fw/Reflection/TypeProcessor and ServiceInputProcessor do it.

A nested data-object field of the wrong type answers 400 with the rendered message
``Error occurred during "<field>" processing. The "<value>" value's type is invalid. The "<type>"
type was expected. Verify and try again.``; numbers must pass PHP's ``is_numeric``; an overflowing
integer saturates at PHP_INT_MAX as PHP's cast does.
"""
from __future__ import annotations

import math
import re
from typing import Any

from fake_magento.errors import WebapiError

PHP_INT_MAX = 2**63 - 1
_NUMERIC = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def type_error(field: str, value: Any, expected: str) -> WebapiError:
    if isinstance(value, (dict, list)):
        shown = "array"
    elif isinstance(value, bool):
        shown = "1" if value else ""
    else:
        shown = "" if value is None else str(value)
    return WebapiError(f'Error occurred during "{field}" processing. The "{shown}" value\'s type is invalid. '
                       f'The "{expected}" type was expected. Verify and try again.')


def php_type(value: Any) -> str:
    """PHP's gettype() of a decoded JSON value."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "double", str: "string"}.get(type(value), "array")


def typed_list(field: str, value: Any, item_kind: str) -> list[Any] | None:
    """An ``int[]``/``string[]`` field: TypeProcessor::processSimpleAndAnyType names a non-array
    value by its gettype() ("The "string" value's type is invalid. The "int[]" type was expected.")."""
    if value is None:
        return None
    if not isinstance(value, (list, dict)):
        raise type_error(field, php_type(value), f"{item_kind}[]")
    return [php_settype(v, item_kind) for v in (value.values() if isinstance(value, dict) else value)]


_LEADING_NUMBER = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def php_settype(value: Any, kind: str) -> Any:
    """PHP's settype() as TypeProcessor applies it to the items of an array field: no is_numeric
    check, so "abc" is 0 for an int, null is 0 or "", an array is 1/0 or "Array"."""
    if kind == "string":
        if value is None:
            return ""
        return "Array" if isinstance(value, (list, dict)) else php_string(value)
    if isinstance(value, (list, dict)):
        number: float = 1.0 if value else 0.0
    elif value is None:
        number = 0.0
    elif isinstance(value, (bool, int, float)):
        number = float(value)
    else:
        match = _LEADING_NUMBER.match(str(value))
        number = float(match.group(0)) if match else 0.0
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return max(-PHP_INT_MAX - 1, min(PHP_INT_MAX, value))
        return int(number) if math.isfinite(number) and abs(number) < 2**63 else 0
    return number


def php_truthy(value: Any) -> bool:
    """PHP's boolean cast: null, false, 0, 0.0, "", "0" and [] are false ("0.0" and " " are true)."""
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def php_string(value: Any) -> str:
    """PHP's (string) cast of a decoded JSON scalar: true "1", false "", 2.0 "2"."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def typed_value(field: str, value: Any, kind: str) -> Any:
    """Convert one field to ``int``, ``float`` or ``string``; None stays None."""
    if value is None:
        return None
    if kind == "string":
        if isinstance(value, (dict, list)):
            raise type_error(field, value, "string")
        return value if isinstance(value, str) else php_string(value)
    if isinstance(value, (bool, dict, list)) or not _NUMERIC.match(str(value)):
        raise type_error(field, value, kind)
    number = float(value)
    if kind == "int":
        if not isinstance(value, int):
            value = int(number)
        return max(-PHP_INT_MAX - 1, min(PHP_INT_MAX, int(value)))
    return number


def int_value(value: Any, *, type_name: str = "int") -> int:
    """A top-level ``int`` service parameter (path or query): the message is not wrapped in
    "Error occurred during ..." (ServiceInputProcessor::process re-throws it as a Webapi\\Exception).
    PHP saturates an overflowing numeric string at PHP_INT_MAX, so a huge id is simply not found."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value == int(value):
        number = int(value)
    elif not isinstance(value, (dict, list)) and value is not None and _NUMERIC.match(str(value)):
        number = int(float(str(value)))
    else:
        shown = "array" if isinstance(value, (dict, list)) else ("" if value is None else str(value))
        raise WebapiError(f'The "{shown}" value\'s type is invalid. The "{type_name}" type was expected. '
                          "Verify and try again.")
    return max(-PHP_INT_MAX - 1, min(PHP_INT_MAX, number))


def float_value(value: Any) -> float:
    """A top-level ``float`` service parameter: ``is_numeric`` or the unwrapped type error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (bool, dict, list)) or value is None or not _NUMERIC.match(str(value)):
        shown = "array" if isinstance(value, (dict, list)) else php_string(value) if value is not None else ""
        raise WebapiError(f'The "{shown}" value\'s type is invalid. The "float" type was expected. '
                          "Verify and try again.")
    return float(str(value))


def typed_fields(data: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    for key, kind in types.items():
        if key in data:
            data[key] = typed_value(key, data[key], kind)
    return data


def custom_attribute(item: Any) -> tuple[str, Any]:
    """One ``custom_attributes`` entry as ServiceInputProcessor::processCustomAttribute checks it
    (its errors wrapped as a custom_attributes processing error); returns (code, value)."""
    def fail(message: str) -> WebapiError:
        return WebapiError(f'Error occurred during "custom_attributes" processing. {message}')

    item = item if isinstance(item, dict) else {}
    code = item.get("attribute_code", item.get("attributeCode"))
    if not code and item.get("value") is None:
        raise fail("An empty custom attribute is specified. Enter the attribute and try again.")
    if not code:
        raise fail("A custom attribute is specified with a missing attribute code. Verify the code and try again.")
    if "value" not in item:
        raise fail(f'The "{code}" attribute code doesn\'t have a value set. Enter the value and try again.')
    return str(code), item["value"]


# Eav/Model/TypeLocator/SimpleType: the simple type a custom attribute's value is converted to, by the
# attribute's backend type; static and unknown attributes (and codes no attribute has) take any value.
CUSTOM_ATTRIBUTE_TYPES = {"int": "int", "decimal": "double", "varchar": "string", "text": "string",
                          "datetime": "string"}


def custom_attribute_value(code: str, value: Any, backend_type: str | None) -> Any:
    """ServiceInputProcessor::convertCustomAttributeValue -> TypeProcessor::processSimpleAndAnyType.

    ``int`` must pass ``is_numeric`` (so ``""``, ``" "``, ``true``, ``"0x1A"`` and ``"49,50"`` are 400) and
    becomes an integer (``"1.5"`` is 1); ``double`` is PHP's settype, which never fails on a scalar
    (``"abc"`` is 0, ``"1,5"`` is 1); ``string`` takes any scalar (true is "1"). An array is 400 for all
    three. The message names the attribute inside the custom_attributes processing error. Null stays."""
    kind = CUSTOM_ATTRIBUTE_TYPES.get(backend_type or "")
    if value is None or kind is None:
        return value

    def invalid(shown: str) -> WebapiError:
        return WebapiError(f'Error occurred during "custom_attributes" processing. Attribute "{code}" has invalid '
                           f'value. The "{shown}" value\'s type is invalid. The "{kind}" type was expected. '
                           "Verify and try again.")

    if isinstance(value, (dict, list)):
        raise invalid("array")
    if kind == "int":
        if isinstance(value, bool) or not _NUMERIC.match(php_string(value)):
            raise invalid(php_string(value))
        return php_settype(value, "int")
    if kind == "double":
        return php_settype(value, "float")
    return php_string(value)


def custom_attribute_list(custom: Any) -> list[dict[str, Any]]:
    """A ``custom_attributes`` field checked entry by entry (``custom_attribute``), in the
    ``[{attribute_code, value}]`` form; a JSON object of entries is read as their list."""
    entries = custom.values() if isinstance(custom, dict) else custom if isinstance(custom, list) else []
    return [{"attribute_code": code, "value": value} for code, value in map(custom_attribute, entries)]
