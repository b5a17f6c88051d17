"""searchCriteria: a builder, its query parameters, and paging that hides pages.

Magento reads ``searchCriteria[filter_groups][g][filters][f][field|value|condition_type]``,
``searchCriteria[sortOrders][s][field|direction]``, ``searchCriteria[pageSize]`` and
``searchCriteria[currentPage]``: filters in one group are OR-ed, groups are AND-ed
(Fw/Api/SearchCriteria/CollectionProcessor/FilterProcessor). ``in``/``nin`` values are one
comma-separated string.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

CONDITIONS = frozenset({"eq", "neq", "gt", "gteq", "lt", "lteq", "like", "nlike", "in", "nin", "null",
                        "notnull", "from", "to", "finset", "nfinset", "moreq", "seq", "sneq"})
Direction = Literal["ASC", "DESC"]
_PREFIX = "searchCriteria"


@dataclass(frozen=True)
class Filter:
    field: str
    value: str
    condition_type: str = "eq"


@dataclass(frozen=True)
class SortOrder:
    field: str
    direction: Direction = "ASC"


@dataclass(frozen=True)
class SearchCriteria:
    filter_groups: tuple[tuple[Filter, ...], ...] = ()
    sort_orders: tuple[SortOrder, ...] = ()
    page_size: int | None = None
    current_page: int | None = None

    # -- building (each call returns a new criteria) ---------------------------------------------
    def where(self, field_name: str, value: Any, condition_type: str = "eq") -> SearchCriteria:
        """AND a condition: a group of its own."""
        return self.where_any(Filter(field_name, _value(value), _condition(condition_type)))

    def where_any(self, *filters: Filter | tuple[str, Any] | tuple[str, Any, str]) -> SearchCriteria:
        """AND a group whose filters are OR-ed."""
        group = tuple(f if isinstance(f, Filter) else Filter(f[0], _value(f[1]),
                                                              _condition(f[2] if len(f) > 2 else "eq"))
                      for f in filters)
        if not group:
            raise ValueError("a filter group needs at least one filter")
        return replace(self, filter_groups=(*self.filter_groups, group))

    def order_by(self, field_name: str, direction: Direction = "ASC") -> SearchCriteria:
        if direction not in ("ASC", "DESC"):
            raise ValueError(f"direction must be ASC or DESC, not {direction!r}")
        return replace(self, sort_orders=(*self.sort_orders, SortOrder(field_name, direction)))

    def page(self, size: int, current: int = 1) -> SearchCriteria:
        if size < 1 or current < 1:
            raise ValueError("page size and page number start at 1")
        return replace(self, page_size=size, current_page=current)

    # -- query parameters ------------------------------------------------------------------------
    def to_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        for g, group in enumerate(self.filter_groups):
            for f, flt in enumerate(group):
                base = f"{_PREFIX}[filter_groups][{g}][filters][{f}]"
                params += [(f"{base}[field]", flt.field), (f"{base}[value]", flt.value),
                           (f"{base}[condition_type]", flt.condition_type)]
        for s, order in enumerate(self.sort_orders):
            params += [(f"{_PREFIX}[sortOrders][{s}][field]", order.field),
                       (f"{_PREFIX}[sortOrders][{s}][direction]", order.direction)]
        if self.page_size is not None:
            params.append((f"{_PREFIX}[pageSize]", str(self.page_size)))
        if self.current_page is not None:
            params.append((f"{_PREFIX}[currentPage]", str(self.current_page)))
        if not params:
            # A pair with an "=" (a bare "?searchCriteria" is left out of Magento's signature base
            # string, Fw/Oauth/Helper/Request) that still makes the service see an empty criteria.
            params.append((f"{_PREFIX}[currentPage]", "1"))
        return params

    @classmethod
    def from_params(cls, params: Iterable[tuple[str, str]] | Mapping[str, str]) -> SearchCriteria:
        """Parse query parameters back (both spellings, as Magento accepts them)."""
        pairs = params.items() if isinstance(params, Mapping) else params
        groups: dict[int, dict[int, dict[str, str]]] = {}
        orders: dict[int, dict[str, str]] = {}
        page_size = current_page = None
        for name, value in pairs:
            keys = _keys(name)
            if not keys or keys[0] != _PREFIX:
                continue
            head = _snake(keys[1]) if len(keys) > 1 else ""
            if head == "filter_groups" and len(keys) == 6 and keys[3] == "filters":
                groups.setdefault(int(keys[2]), {}).setdefault(int(keys[4]), {})[_snake(keys[5])] = value
            elif head == "sort_orders" and len(keys) == 4:
                orders.setdefault(int(keys[2]), {})[keys[3]] = value
            elif head == "page_size":
                page_size = int(value)
            elif head == "current_page":
                current_page = int(value)
        filter_groups = tuple(
            tuple(Filter(f["field"], f.get("value", ""), f.get("condition_type", "eq"))
                  for _, f in sorted(group.items()))
            for _, group in sorted(groups.items()))
        sort_orders = tuple(SortOrder(o["field"], o.get("direction", "ASC").upper())  # type: ignore[arg-type]
                            for _, o in sorted(orders.items()))
        if (page_size, current_page) == (None, 1) and not filter_groups and not sort_orders:
            current_page = None  # the placeholder to_params adds for an empty criteria
        return cls(filter_groups, sort_orders, page_size, current_page)


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _condition(condition_type: str) -> str:
    if condition_type not in CONDITIONS:
        raise ValueError(f"unknown condition_type {condition_type!r}")
    return condition_type


def _keys(name: str) -> list[str]:
    m = re.fullmatch(r"([^\[]+)((?:\[[^\]]*\])*)", name)
    return [m.group(1), *re.findall(r"\[([^\]]*)\]", m.group(2))] if m else []


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


# -- paging ------------------------------------------------------------------------------------------
@dataclass
class Page:
    items: list[dict[str, Any]]
    total_count: int
    number: int


@dataclass
class PageWalk:
    """What a walk saw: how many pages, and whether the server repeated a page (Magento 2.3 answers
    the last page again past the end) or its total changed underway."""

    pages: int = 0
    repeated_last_page: bool = False
    total_changed: bool = False
    totals: list[int] = field(default_factory=list)


Key = str | tuple[str, ...]


def identity(item: Any, key: Key) -> Any:
    """An item's identity: one field, or a tuple of fields (source items: sku + source_code)."""
    if not isinstance(item, Mapping):
        return None
    if isinstance(key, str):
        return item.get(key)
    values = tuple(item.get(k) for k in key)
    return None if all(v is None for v in values) else values


def iter_pages(fetch: Callable[[SearchCriteria], Mapping[str, Any]], criteria: SearchCriteria,
               page_size: int = 100, key: Key = "entity_id", walk: PageWalk | None = None
               ) -> Iterator[Page]:
    """Every page of a search, in order, correct on Magento 2.4 (past the end: ``items: []``), on 2.3
    (past the end: the last page again) and when ``total_count`` changes between pages.

    It stops at an empty page, at a short page, at a page past the end of the latest ``total_count``
    that starts with an earlier page's first item (2.3's repeat), or once the pages cover the latest
    ``total_count``; it never stops early only because an earlier total was smaller, so rows added
    underway are not cut off, nor because rows inserted before the cursor shifted a page along.
    """
    walk = walk if walk is not None else PageWalk()
    seen_first: set[Any] = set()
    number = criteria.current_page or 1
    while True:
        body = fetch(replace(criteria, page_size=page_size, current_page=number))
        items = list(body.get("items") or [])
        total = int(body.get("total_count") or 0)
        if walk.totals and total != walk.totals[-1]:
            walk.total_changed = True
        walk.totals.append(total)
        if not items:
            return
        first = identity(items[0], key)
        # 2.3 clamps a page past the end (by the same count it reports) to the last page. A page
        # within the total that starts with an earlier page's first row is not that: rows inserted
        # before the cursor shifted whole pages along, and the rows after them are still to come.
        if first is not None and first in seen_first and (number - 1) * page_size >= total:
            walk.repeated_last_page = True
            return
        seen_first.add(first)
        walk.pages += 1
        yield Page(items, total, number)
        if len(items) < page_size or number * page_size >= total:
            return
        number += 1


def iter_items(fetch: Callable[[SearchCriteria], Mapping[str, Any]], criteria: SearchCriteria,
               page_size: int = 100, key: Key = "entity_id") -> Iterator[dict[str, Any]]:
    """Items of every page, each once: a row that shifted onto the next page while paging (an
    insert before it) is not yielded twice."""
    yielded: set[Any] = set()
    for page in iter_pages(fetch, criteria, page_size, key):
        for item in page.items:
            ident = identity(item, key)
            if ident is not None:
                if ident in yielded:
                    continue
                yielded.add(ident)
            yield item
