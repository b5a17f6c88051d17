"""Parsing ``searchCriteria`` the way ServiceInputProcessor builds a SearchCriteria object.

Keys are accepted in snake_case or camelCase (each key becomes a setter through
SimpleDataObjectConverter::snakeCaseToUpperCamelCase). A key with no setter makes
NameFinder throw a LogicException, which Magento masks as a 500. Index numbers are any
keys, kept in order of appearance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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
    extra: dict[str, Any] = field(default_factory=dict)

    def echo(self) -> dict[str, Any]:
        """The ``search_criteria`` of a result: snake_case, null values omitted, values as strings."""
        out: dict[str, Any] = {"filter_groups": [
            {"filters": [_echo_filter(f) for f in g.filters]} for g in self.filter_groups]}
        if self.sort_orders is not None:
            # SortOrder::getField/getDirection are declared non-nullable (@return string), so
            # DataObjectProcessor writes them even when null.
            out["sort_orders"] = [{"field": s.field, "direction": s.direction} for s in self.sort_orders]
        if self.page_size is not None:
            out["page_size"] = self.page_size
        if self.current_page is not None:
            out["current_page"] = self.current_page
        return out


def _echo_filter(f: Filter) -> dict[str, Any]:
    # Filter::getField/getValue are non-nullable (null is written); getConditionType defaults to eq.
    value = f.value if f.value is None or isinstance(f.value, str) else ",".join(map(str, f.value))
    return {"field": f.field, "value": value, "condition_type": f.condition_type}


def _normal(key: str) -> str:
    return key.replace("_", "").lower()


def _object(value: Any, allowed: dict[str, str], cls: str) -> dict[str, Any]:
    """Map an input object's keys to canonical names; unknown keys fail as in NameFinder."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, Any] = {}
    for key, item in value.items():
        canonical = allowed.get(_normal(str(key)))
        if canonical is None:
            # Fw/Reflection/NameFinder::findAccessorMethodName: a LogicException -> masked 500.
            raise InternalError(f'Property "{key}" does not have accessor method in class "{cls}".')
        out[canonical] = (key, item)
    return out


def _list(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return []


def _int(key: str, value: Any) -> int:
    """TypeProcessor::setType: is_numeric, then settype int."""
    text = value if isinstance(value, str) else str(value)
    if isinstance(value, (dict, list)) or not _is_numeric(text):
        shown = "Array" if isinstance(value, (dict, list)) else text
        raise WebapiError(f'Error occurred during "{key}" processing. The "{shown}" value\'s type is invalid. '
                          'The "int" type was expected. Verify and try again.')
    return int(float(text))


_NUMERIC = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$")


def _is_numeric(text: str) -> bool:
    # PHP 8 is_numeric allows leading and trailing whitespace.
    return bool(_NUMERIC.match(text))


def _string(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    return str(value)


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
    parts = _object(raw, CRITERIA_KEYS, "SearchCriteria")

    groups: list[FilterGroup] = []
    if "filter_groups" in parts:
        for group in _list(parts["filter_groups"][1]):
            gparts = _object(group, GROUP_KEYS, "FilterGroup")
            filters = []
            for item in _list(gparts["filters"][1]) if "filters" in gparts else []:
                fparts = _object(item, FILTER_KEYS, "Filter")
                field_name = _string(fparts["field"][1]) if "field" in fparts else None
                value = _string(fparts["value"][1]) if "value" in fparts else None
                ctype = _string(fparts["condition_type"][1]) if "condition_type" in fparts else None
                filters.append(Filter(field_name if isinstance(field_name, str) else None, value,
                                      ctype if isinstance(ctype, str) and ctype else "eq"))
            groups.append(FilterGroup(tuple(filters)))

    sorts: list[SortOrder] | None = None
    if "sort_orders" in parts:
        sorts = []
        for item in _list(parts["sort_orders"][1]):
            sparts = _object(item, SORT_KEYS, "SortOrder")
            field_name = _string(sparts["field"][1]) if "field" in sparts else None
            direction = sparts["direction"][1] if "direction" in sparts else None
            if field_name is not None:
                if not isinstance(field_name, str):
                    field_name = str(field_name)
                if re.search(r"[^a-z0-9_]", field_name, re.IGNORECASE):
                    # Fw/Api/SortOrder::validateField
                    raise InputError("Sort order field %1 contains restricted symbols", [field_name])
            if direction is not None:
                if not isinstance(direction, str):
                    raise InputError("The sort order has to be specified as a string, got %1.",
                                     ["array" if isinstance(direction, (dict, list)) else type(direction).__name__])
                direction = direction.upper()
                if direction not in ("ASC", "DESC"):
                    # Fw/Api/SortOrder::validateDirectionIsAscOrDesc
                    raise InputError("The sort order has to be specified as %1 for ascending order or "
                                     "%2 for descending order.", ["ASC", "DESC"])
            sorts.append(SortOrder(field_name, direction))

    page_size = _int(*parts["page_size"]) if "page_size" in parts else None
    current_page = _int(*parts["current_page"]) if "current_page" in parts else None
    return SearchCriteria(tuple(groups), None if sorts is None else tuple(sorts), page_size, current_page)
