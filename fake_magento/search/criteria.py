"""Parsing ``searchCriteria`` the way ServiceInputProcessor builds a SearchCriteria object.

Keys are accepted in snake_case or camelCase (each key becomes a setter through
SimpleDataObjectConverter::snakeCaseToUpperCamelCase). A key with no setter makes
NameFinder throw a LogicException, which Magento masks as a 500. Index numbers are any
keys, kept in order of appearance.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fake_magento.errors import InputError, InternalError, WebapiError, required_field

CRITERIA_KEYS = {"filtergroups": "filter_groups", "sortorders": "sort_orders",
                 "pagesize": "page_size", "currentpage": "current_page"}
FILTER_KEYS = {"field": "field", "value": "value", "conditiontype": "condition_type"}
SORT_KEYS = {"field": "field", "direction": "direction"}
GROUP_KEYS = {"filters": "filters"}


@dataclass(frozen=True)
class Filter:
    field: str | None
    value: Any
    condition_type: str = "eq"   # Fw/Api/Filter::getConditionType defaults to eq


@dataclass(frozen=True)
class FilterGroup:
    filters: tuple[Filter, ...] = ()


@dataclass(frozen=True)
class SortOrder:
    field: str | None
    direction: str | None        # normalised to upper case; None means DESC when applied


@dataclass(frozen=True)
class SearchCriteria:
    filter_groups: tuple[FilterGroup, ...] = ()
    sort_orders: tuple[SortOrder, ...] | None = None
    page_size: int | None = None
    current_page: int | None = None
    # What running the search adds to the echo (Magento mutates the criteria object).
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def echo(self) -> dict[str, Any]:
        """The ``search_criteria`` of a result: snake_case, null values omitted, values as strings."""
        rewritten = self.extra.get("echo_values", {})
        out: dict[str, Any] = {"filter_groups": [
            {"filters": [_echo_filter(f, rewritten.get(id(f))) for f in g.filters]} for g in self.filter_groups]}
        if self.sort_orders is not None:
            # SortOrder::getField/getDirection are declared non-nullable (@return string), so
            # DataObjectProcessor writes them even when null.
            out["sort_orders"] = [{"field": s.field, "direction": s.direction} for s in self.sort_orders]
        page_size = self.page_size if self.page_size is not None else self.extra.get("page_size")
        if page_size is not None:
            out["page_size"] = page_size
        if self.current_page is not None:
            out["current_page"] = self.current_page
        return out


def _echo_filter(f: Filter, rewritten: str | None = None) -> dict[str, Any]:
    # Filter::getField/getValue are non-nullable (null is written); getConditionType defaults to eq.
    value = f.value if f.value is None or isinstance(f.value, str) else ",".join(map(str, f.value))
    return {"field": f.field, "value": value if rewritten is None else rewritten, "condition_type": f.condition_type}


def _normal(key: str) -> str:
    return key.replace("_", "").lower()


def _object(value: Any, allowed: dict[str, str], cls: str) -> Iterator[tuple[str, str, Any]]:
    """An input object's properties in the order sent, as (canonical name, key as sent, value).

    Keys go through snakeCaseToUpperCamelCase and PHP's case-insensitive method lookup; an
    unknown key fails when its turn comes, as in NameFinder.
    """
    if not isinstance(value, dict):
        return  # _createFromArray treats a non-array as []
    for key, item in value.items():
        canonical = allowed.get(_normal(str(key)))
        if canonical is None:
            # Fw/Reflection/NameFinder::findAccessorMethodName: a LogicException -> masked 500.
            raise InternalError(f'Property "{key}" does not have accessor method in class "{cls}".')
        yield canonical, str(key), item


def _list(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return []


class _TypeError(Exception):
    """A SerializationException on its way up: each enclosing object prefixes its property."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def within(self, key: str) -> _TypeError:
        # ServiceInputProcessor::_createFromArray wraps the error of every nested property.
        return _TypeError(f'Error occurred during "{key}" processing. {self.message}')


def _invalid(value: Any, kind: str) -> _TypeError:
    # TypeProcessor::processSimpleAndAnyType: gettype() for arrays, the string itself otherwise.
    shown = "array" if isinstance(value, (dict, list)) else _php_string(value)
    return _TypeError(f'The "{shown}" value\'s type is invalid. The "{kind}" type was expected. Verify and try again.')


def _php_string(value: Any) -> str:
    """settype($value, 'string') for JSON scalars."""
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _int(key: str, value: Any) -> int:
    """TypeProcessor::setType: is_numeric, then settype int."""
    if isinstance(value, (dict, list, bool)) or not _is_numeric(_php_string(value)):
        raise _invalid(value, "int").within(key)
    text = _php_string(value).strip()
    number = int(text) if re.fullmatch(r"[+-]?\d+", text) else int(float(text))
    return max(-(2**63), min(2**63 - 1, number))  # PHP's int conversion saturates on 64-bit


_NUMERIC = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$")


def _is_numeric(text: str) -> bool:
    # PHP 8 is_numeric allows leading and trailing whitespace.
    return bool(_NUMERIC.match(text))


def _string(key: str, value: Any) -> str | None:
    """A ``string`` property: settype string; an array is a type error."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise _invalid(value, "string").within(key)
    return _php_string(value)


def parse_search_criteria(query: dict[str, Any], *, name: str = "searchCriteria",
                          required: bool = True) -> SearchCriteria:
    """Build SearchCriteria from a PHP-style nested query (``RestRequest.query``)."""
    raw: Any = None
    found = False
    for key in (name, re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()):
        if key in query:
            raw, found = query[key], True
            break
    if not found:
        if required:
            raise required_field(name)
        return SearchCriteria()
    if not isinstance(raw, dict):
        # A bare ?searchCriteria or ?searchCriteria= passes the isset check: empty criteria, all items.
        return SearchCriteria()
    try:
        return _criteria(raw)
    except _TypeError as exc:
        # ServiceInputProcessor::process re-throws the SerializationException as a WebapiException
        # with the rendered message: a 400 without parameters.
        raise WebapiError(exc.message) from None


def _criteria(raw: dict[str, Any]) -> SearchCriteria:
    groups: tuple[FilterGroup, ...] = ()
    sorts: tuple[SortOrder, ...] | None = None
    page_size: int | None = None
    current_page: int | None = None
    # Properties are set in the order they were sent, so the first bad one decides the error.
    for canonical, key, value in _object(raw, CRITERIA_KEYS, "SearchCriteria"):
        if canonical == "filter_groups":
            groups = _nested(key, _group, value)
        elif canonical == "sort_orders":
            # convertValue gives null for a non-array: setSortOrders(null), nothing echoed
            sorts = _nested(key, _sort, value) if isinstance(value, (dict, list)) else None
        elif canonical == "page_size":
            page_size = _int(key, value)
        else:
            current_page = _int(key, value)
    return SearchCriteria(groups, sorts, page_size, current_page)


T = TypeVar("T")


def _nested(key: str, build: Callable[[Any], T], value: Any) -> tuple[T, ...]:
    """An array of objects: each built in turn, a type error prefixed with the array's key."""
    try:
        return tuple(build(item) for item in _list(value))
    except _TypeError as exc:
        raise exc.within(key) from None


def _group(raw: Any) -> FilterGroup:
    filters: tuple[Filter, ...] = ()
    for _, key, value in _object(raw, GROUP_KEYS, "FilterGroup"):
        filters = _nested(key, _filter, value)
    return FilterGroup(filters)


def _filter(raw: Any) -> Filter:
    out: dict[str, str | None] = {"field": None, "value": None, "condition_type": None}
    for canonical, key, value in _object(raw, FILTER_KEYS, "Filter"):
        out[canonical] = _string(key, value)
    ctype = out["condition_type"]
    # Filter::getConditionType: `?: 'eq'` (PHP treats "" and "0" as false).
    return Filter(out["field"], out["value"], ctype if ctype not in (None, "", "0") else "eq")


def _sort(raw: Any) -> SortOrder:
    field_name: str | None = None
    direction: str | None = None
    for canonical, key, value in _object(raw, SORT_KEYS, "SortOrder"):
        text = _string(key, value)
        if canonical == "field":
            if text is not None and re.search(r"[^a-z0-9_]", text, re.IGNORECASE):
                # Fw/Api/SortOrder::validateField
                raise InputError("Sort order field %1 contains restricted symbols", [text])
            field_name = text
        else:
            if text is None:
                continue
            direction = text.upper()  # SortOrder::normalizeDirectionInput
            if direction not in ("ASC", "DESC"):
                # Fw/Api/SortOrder::validateDirectionIsAscOrDesc
                raise InputError("The sort order has to be specified as %1 for ascending order or "
                                 "%2 for descending order.", ["ASC", "DESC"])
    return SortOrder(field_name, direction)
