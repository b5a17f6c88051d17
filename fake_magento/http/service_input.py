"""Service input as Magento's Fw/Webapi/ServiceInputProcessor builds it, driven by the contract.

One walk converts a request's parameters into what the service method receives, with the tables
``openapi/cut.py`` generates (``service_types``): each parameter of the operation, in the method's
order, looked up by its camelCase name then its snake_case one (``isset``: a null counts as absent),
converted to its type; a missing parameter without default collects ``"%fieldName" is required``
(thrown after all parameters, so a conversion error of a later parameter comes first). A data object
(``_createFromArray``) takes its keys in input order: a key names a field when ``ucwords(key, '_')``
without the underscores is the field's getter name after ``get`` (NameFinder compares the method name
exactly), so ``parent_id``, ``parentId`` and ``parent_Id`` are one field and ``PARENTID`` is none; any
other key is 400 ``"%fieldName" is not supported...`` with the key in that UpperCamel form. A value that is not an array is read as an empty object; a JSON list is an array
whose keys ``0``, ``1``... are field names (not supported, unless empty). A nested conversion error is
wrapped once per level: ``Error occurred during "<key as sent>" processing. <inner message>``.

Simple types follow TypeProcessor::processSimpleAndAnyType and setType: ``int``/``float`` must pass
``is_numeric`` (an int saturates as PHP's cast does), ``bool`` is ``filter_var(FILTER_VALIDATE_BOOLEAN)``
(so ``"yes"`` and ``"on"`` are true, ``"abc"`` false: never an error), ``string`` takes any scalar, and
an array where a scalar is expected is ``The "array" value's type is invalid``. A ``T[]`` field takes an
array (a JSON object's values, in order) whose items are PHP-``settype`` converted without checks, null,
or fails naming the sent value's ``gettype``; an array of objects given a scalar is null. ``mixed`` and
free-form ``array`` pass through. Keys come out as the contract's snake_case field names; parameters
under the contract's (camelCase) names. Source: Magento 2.4.7 framework/Webapi/ServiceInputProcessor.php,
framework/Reflection/TypeProcessor.php, framework/Reflection/NameFinder.php; measured on the 2.4.7-p3
sandbox (tests/platform/test_service_input.py).

Why not marshmallow (which the connector's models use): a schema validates every field and reports
all errors keyed by field, while Magento stops at the first conversion error in input order, wraps it
once per enclosing field and names unknown keys in getter form; bending marshmallow to that would mean
a custom field for every PHP type plus error post-processing, more code than this walk.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from fake_magento.errors import InputError, WebapiError
from fake_magento.http.service_types import FIELDS, PARAMS
from fake_magento.types import (
    custom_attribute_list,
    php_settype,
    php_string,
    php_type,
    type_error,
    typed_value,
)

SIMPLE = frozenset({"int", "float", "bool", "string"})
PASS_THROUGH = frozenset({"mixed", "array"})
_FILTER_TRUE = frozenset({"1", "true", "on", "yes"})


class SerializationError(Exception):
    """Fw/Exception/SerializationException: wrapped by each enclosing field, unwrapped at the top."""


def filter_bool(value: Any) -> bool:
    """filter_var($value, FILTER_VALIDATE_BOOLEAN): true for "1", "true", "on", "yes" (any case,
    surrounding whitespace trimmed) and for PHP's true/1; false for everything else."""
    if isinstance(value, bool):
        return value
    return php_string(value).strip().lower() in _FILTER_TRUE


def upper_camel(key: str) -> str:
    """SimpleDataObjectConverter::snakeCaseToUpperCamelCase: ucwords on '_' then drop the '_'."""
    return "".join(part[:1].upper() + part[1:] for part in key.split("_"))


class ServiceInputProcessor:
    """Converts request parameters to service arguments with the contract's tables."""

    def __init__(self, params: dict[str, list[list[Any]]] | None = None,
                 fields: dict[str, dict[str, str]] | None = None) -> None:
        self.params = PARAMS if params is None else params
        self.fields = FIELDS if fields is None else fields
        self._folded: dict[str, dict[str, str]] = {}

    # -- the operation ----------------------------------------------------------------------
    def process(self, route_key: str, merged: dict[str, Any], *, check_required: bool = True) -> dict[str, Any]:
        """The service arguments by the contract's parameter names; an absent optional one is left out.

        ``merged`` is Magento's request data: the body's keys, then the query's and the path's on top
        (Rest/Request::getRequestData: array_merge(body, params)). ``check_required=False`` converts
        only: an async/bulk item is checked against the service's own signature instead, which lacks
        the path placeholders the contract lists (http/async_ops.py)."""
        out: dict[str, Any] = {}
        missing: list[str] = []
        for name, kind, required in self.params.get(route_key, ()):
            snake = snake_name(name)
            value = merged.get(name)
            if value is None:
                value = merged.get(snake)
            if value is None:
                if required and check_required:
                    missing.append(name)
                continue
            try:
                out[name] = self.convert(value, kind)
            except SerializationError as exc:
                raise WebapiError(str(exc)) from None
        if missing:
            error = InputError()
            for name in missing:
                error.add('"%fieldName" is required. Enter and try again.', {"fieldName": name})
            raise error
        return out

    # -- values -----------------------------------------------------------------------------
    def convert(self, value: Any, kind: str) -> Any:
        """ServiceInputProcessor::convertValue."""
        if kind.endswith("[]"):
            item = kind[:-2]
            if item in SIMPLE or item in PASS_THROUGH:
                return self._simple_list(value, kind)
            if not isinstance(value, (list, dict)):
                return None
            items = value.values() if isinstance(value, dict) else value
            return [self.data_object(item, entry) for entry in items]
        if kind in PASS_THROUGH:
            return value
        if kind in SIMPLE:
            return self._simple(value, kind)
        return self.data_object(kind, value)

    @staticmethod
    def _simple(value: Any, kind: str) -> Any:
        if isinstance(value, (list, dict)):
            raise SerializationError(type_error_message(php_type(value), kind))
        if value is None:
            return None
        if kind == "bool":
            return filter_bool(value)
        try:
            return typed_value("", value, kind)
        except WebapiError:
            raise SerializationError(type_error_message(php_string(value), kind)) from None

    @staticmethod
    def _simple_list(value: Any, kind: str) -> Any:
        if value is None:
            return None
        if not isinstance(value, (list, dict)):
            raise SerializationError(type_error_message(php_type(value), kind))
        items = list(value.values() if isinstance(value, dict) else value)
        item = kind[:-2]
        if item in PASS_THROUGH:
            return items
        if item == "bool":
            return [bool(v) and v not in ("0", "") for v in items]
        return [php_settype(v, item) for v in items]

    def data_object(self, definition: str, data: Any) -> dict[str, Any]:
        """ServiceInputProcessor::_createFromArray, as a dict of the definition's snake_case fields."""
        fields = self.fields.get(definition)
        if fields is None:  # not in the contract: nothing to check against
            return data if isinstance(data, dict) else {}
        folded = self._folded.get(definition)
        if folded is None:
            folded = self._folded[definition] = {upper_camel(f): f for f in fields}
        entries = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
        out: dict[str, Any] = {}
        for key, value in entries:
            key = str(key)
            field = folded.get(upper_camel(key))
            if field is None:
                raise InputError('"%fieldName" is not supported. Correct the field name and try again.',
                                 {"fieldName": upper_camel(key)})
            try:
                if field == "custom_attributes":
                    out[field] = None if value is None else custom_attribute_list(value)
                else:
                    out[field] = self.convert(value, fields[field])
            except SerializationError as exc:
                raise SerializationError(f'Error occurred during "{key}" processing. {exc}') from None
        return out


@functools.cache
def snake_name(name: str) -> str:
    """A parameter's snake_case spelling, which getRequestData also answers to (names come from the
    contract's tables: a bounded set)."""
    return re.sub(r"(?<=\w)(?=[A-Z])", "_", name).lower()


def type_error_message(shown: str, kind: str) -> str:
    return f'The "{shown}" value\'s type is invalid. The "{kind}" type was expected. Verify and try again.'


PROCESSOR = ServiceInputProcessor()
__all__ = ["PROCESSOR", "SerializationError", "ServiceInputProcessor", "filter_bool", "type_error", "upper_camel"]
