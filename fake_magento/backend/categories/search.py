"""searchCriteria over small in-memory row sets (categories, MSI sources, stocks, source items).

Semantics as in ``reference/magento-semantics.md`` section 1: OR inside a filter group, AND across
groups, ``eq`` by default, unknown sort fields ignored on EAV, paging past the end gives no items.
These lists are small (tens to a few thousand rows), so rows are filtered in Python.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, WebapiError

if TYPE_CHECKING:
    from fake_magento.backend.categories import CategoryService
    from fake_magento.backend.scope import StoreScope


@dataclass
class Criteria:
    groups: list[list[dict[str, Any]]] = field(default_factory=list)
    sort_orders: list[dict[str, str]] | None = None
    page_size: int | None = None
    current_page: int | None = None

    def echo(self) -> dict[str, Any]:
        out: dict[str, Any] = {"filter_groups": [{"filters": list(g)} for g in self.groups]}
        if self.sort_orders is not None:
            out["sort_orders"] = self.sort_orders
        if self.page_size is not None:
            out["page_size"] = self.page_size
        if self.current_page is not None:
            out["current_page"] = self.current_page
        return out


def _get(d: dict[str, Any], *names: str) -> Any:
    for n in names:
        if n in d:
            return d[n]
    return None


def _seq(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [value[k] for k in sorted(value, key=lambda k: (not str(k).isdigit(), int(k) if str(k).isdigit() else 0, str(k)))]
    if isinstance(value, list):
        return value
    return []


def _int(value: Any) -> int:
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d+(\.0*)?", text):
        raise WebapiError(f'The "{value}" value\'s type is invalid. The "int" type was expected. Verify and try again.')
    return int(float(text))


def parse_criteria(query: dict[str, Any], *, required: bool = True) -> Criteria:
    raw = _get(query, "searchCriteria", "search_criteria")
    if raw is None:
        if required:
            raise InputError('"%fieldName" is required. Enter and try again.', {"fieldName": "searchCriteria"})
        return Criteria()
    if not isinstance(raw, dict):
        return Criteria()
    crit = Criteria()
    for group in _seq(_get(raw, "filter_groups", "filterGroups")):
        filters = []
        for f in _seq(_get(group, "filters") if isinstance(group, dict) else None):
            if not isinstance(f, dict):
                continue
            value = _get(f, "value")
            filters.append({"field": _get(f, "field"), "value": None if value is None else str(value),
                            "condition_type": _get(f, "condition_type", "conditionType") or "eq"})
        crit.groups.append(filters)
    orders = _get(raw, "sort_orders", "sortOrders")
    if orders is not None:
        crit.sort_orders = []
        for o in _seq(orders):
            if not isinstance(o, dict):
                continue
            direction = _get(o, "direction")
            if direction is not None:
                if not isinstance(direction, str):
                    raise MagentoError("The sort order has to be specified as a string, got %1.", [str(direction)])
                direction = direction.upper()
                if direction not in ("ASC", "DESC"):
                    raise MagentoError("The sort order has to be specified as %1 for ascending order or %2 for"
                                       " descending order.", ["ASC", "DESC"])
            fld = _get(o, "field")
            if fld is not None and not re.fullmatch(r"[a-zA-Z0-9_]*", str(fld)):
                raise MagentoError("Sort order field %1 contains restricted symbols", [fld])
            entry = {"field": fld, "direction": direction or "DESC"}
            crit.sort_orders.append({k: v for k, v in entry.items() if v is not None})
    size = _get(raw, "page_size", "pageSize")
    if size not in (None, ""):
        crit.page_size = _int(size)
    page = _get(raw, "current_page", "currentPage")
    if page not in (None, ""):
        crit.current_page = _int(page)
    return crit


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(a: Any, b: Any) -> int:
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None:
        return (na > nb) - (na < nb)
    sa, sb = str(a).lower(), str(b).lower()
    return (sa > sb) - (sa < sb)


def _like(value: Any, pattern: str) -> bool:
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, str(value), re.IGNORECASE | re.DOTALL) is not None


def _scalar(v: Any) -> Any:
    if isinstance(v, bool):
        return "1" if v else "0"
    return v


def matches(value: Any, cond: str, target: str | None) -> bool:
    """One condition as MySQL would evaluate it (NULL never matches a comparison)."""
    value = _scalar(value)
    if cond == "null":
        return value is None
    if cond == "notnull":
        return value is not None
    if isinstance(value, list):
        items = [str(_scalar(v)) for v in value]
        if cond in ("finset", "eq", "in"):
            wanted = (target or "").split(",") if cond == "in" else [target or ""]
            return any(w in items for w in wanted)
        if cond in ("nfinset", "neq", "nin"):
            wanted = (target or "").split(",") if cond == "nin" else [target or ""]
            return not any(w in items for w in wanted)
        value = ",".join(items)
    if value is None:
        return False
    t = target if target is not None else ""
    if cond in ("eq", "moreq", "seq"):
        return _compare(value, t) == 0 if _num(value) is not None and _num(t) is not None else \
            str(value).lower().rstrip() == t.lower().rstrip()
    if cond in ("neq", "sneq"):
        return not matches(value, "eq", t)
    if cond == "like":
        return _like(value, t)
    if cond == "nlike":
        return not _like(value, t)
    if cond == "in":
        return any(matches(value, "eq", part) for part in t.split(","))
    if cond == "nin":
        return not any(matches(value, "eq", part) for part in t.split(","))
    if cond == "gt":
        return _compare(value, t) > 0
    if cond == "lt":
        return _compare(value, t) < 0
    if cond in ("gteq", "from"):
        return _compare(value, t) >= 0
    if cond in ("lteq", "to"):
        return _compare(value, t) <= 0
    if cond == "finset":
        return t in str(value).split(",")
    if cond == "nfinset":
        return t not in str(value).split(",")
    return matches(value, "eq", t)


def run(rows: Iterable[dict[str, Any]], crit: Criteria, *, fields: set[str] | None,
        unknown_field: Callable[[str], Exception] | None = None,
        default_order: Callable[[dict[str, Any]], Any] | None = None) -> tuple[list[dict[str, Any]], int]:
    """Filter, sort and page ``rows`` (flat dicts: field -> value); returns (page, total_count)."""
    items = list(rows)
    for group in crit.groups:
        if not group:
            continue
        for f in group:
            name = str(f["field"])
            if fields is not None and name not in fields and unknown_field is not None:
                raise unknown_field(name)
        items = [r for r in items if any(matches(r.get(str(f["field"])), str(f["condition_type"]), f["value"])
                                         for f in group)]
    if default_order is not None:
        items.sort(key=default_order)
    for order in reversed(crit.sort_orders or []):
        name = order.get("field")
        if not name or (fields is not None and name not in fields):
            continue  # EAV addAttributeToSort ignores unknown attributes
        desc = order.get("direction", "DESC") == "DESC"
        present = [r for r in items if r.get(name) is not None]
        missing = [r for r in items if r.get(name) is None]
        import functools

        present.sort(key=functools.cmp_to_key(lambda a, b: _compare(a.get(name), b.get(name))), reverse=desc)
        items = (missing + present) if not desc else (present + missing)  # NULLs sort first in MySQL ASC
    total = len(items)
    size = crit.page_size
    if size:
        if size < 0:
            size = 1
        page = crit.current_page if crit.current_page and crit.current_page > 0 else 1
        items = items[(page - 1) * size: page * size]
    return items, total


def eav_unknown(name: str) -> Exception:
    # Eav/Model/Entity/Collection/AbstractCollection::_addAttributeJoin
    return MagentoError('The "%1" attribute name is invalid. Reset the name and try again.', [name])


CATEGORY_FIELDS = {
    "entity_id", "parent_id", "path", "position", "level", "children_count", "created_at", "updated_at",
    "attribute_set_id", "name", "is_active", "include_in_menu", "available_sort_by", "description", "image",
    "meta_title", "meta_keywords", "meta_description", "display_mode", "landing_page", "is_anchor",
    "custom_design", "custom_design_from", "custom_design_to", "page_layout", "custom_layout_update",
    "default_sort_by", "custom_use_parent_settings", "custom_apply_to_products", "filter_price_range",
    "url_key", "url_path", "all_children", "path_in_store", "children", "custom_layout_update_file",
}


def category_list(service: CategoryService, crit: Criteria, scope: StoreScope) -> dict[str, Any]:
    """CategoryList::getList: the category EAV collection in the request's store."""
    db = service.db
    rows = [dict(r) for r in db.query("SELECT * FROM catalog_category_entity")]
    ids = [r["entity_id"] for r in rows]
    values = service._values(ids, scope.fallback_store_ids())
    flat = []
    for r in rows:
        flat.append({**values[r["entity_id"]], **r, "id": r["entity_id"]})
    page, total = run(flat, crit, fields=CATEGORY_FIELDS | {"id"}, unknown_field=eav_unknown,
                      default_order=lambda r: r["entity_id"])
    return {"items": service.category_data([r["entity_id"] for r in page], scope),
            "search_criteria": crit.echo(), "total_count": total}
