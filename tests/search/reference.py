"""A pure-Python model of what Magento's MySQL does with a SearchCriteria (tests only).

Independent of the engine's SQL: it evaluates rows in Python with MySQL's rules for the
collation (case-insensitive), numeric casts of strings, NULL logic, LIKE, FIND_IN_SET,
REGEXP, sort directions and paging.
"""
from __future__ import annotations

import re
from typing import Any

from fake_magento.search import SearchCriteria
from fake_magento.search.sql import page_window

TYPES = {"id": "int", "name": "text", "sku": "text", "qty": "float", "cnt": "int", "created": "date",
         "tags": "text"}


def number(value: Any) -> float:
    m = re.match(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", str(value))
    return float(m.group(0)) if m else 0.0


_RELAXED = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?")
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})$")


def date(value: Any) -> str:
    """MariaDB's reading of a literal compared with a DATETIME (for the forms the tests draw): a date
    with an optional time, anything after it ignored; YYYYMMDD; else the zero date."""
    m = _RELAXED.match(str(value)) or _COMPACT.match(str(value))
    parts = [int(g or 0) for g in m.groups()] + [0] * 3 if m else [0] * 6
    y, mo, d, h, mi, sec = parts[:6]
    if mo > 12 or d > 31 or h > 23 or mi > 59 or sec > 59:
        y = mo = d = h = mi = sec = 0
    return f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{sec:02d}"


def norm(field: str, value: Any) -> Any:
    kind = TYPES[field]
    if kind in ("int", "float"):
        return number(value)
    if kind == "date":
        return date(value)
    return str(value).lower()


KNOWN = {"eq", "neq", "like", "nlike", "in", "nin", "is", "notnull", "null", "gt", "lt", "gteq", "lteq", "finset",
         "nfinset", "regexp", "from", "to", "seq", "sneq", "ntoa"}


def inet_ntoa(raw: Any) -> str | None:
    n = int(number(api_text(raw)))
    if not 0 <= n < 2**32:
        return None
    return ".".join(str((n >> s) & 255) for s in (24, 16, 8, 0))


def like(pattern: str, text: str) -> bool:
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out += re.escape(pattern[i + 1])
            i += 2
            continue
        out += ".*" if ch == "%" else "." if ch == "_" else re.escape(ch)
        i += 1
    return re.fullmatch(out, text, re.IGNORECASE | re.DOTALL) is not None


def api_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def matches(row: dict[str, Any], field: str, ctype: str, value: Any, eav: bool = False) -> bool:
    """prepareSqlCondition on MySQL; condition types are case-sensitive."""
    raw = row[field]
    if ctype == "fulltext" and not eav:  # the flat FilterProcessor's rewrite
        ctype, value = "like", f"%{'' if value is None else value}%"
    if ctype not in KNOWN:
        if eav:  # ['attribute' => f, '<type>' => v]: (f = '<f>') OR (f = '<v>')
            return matches(row, field, "eq", field) or matches(row, field, "eq", "" if value is None else value)
        ctype, value = "eq", "" if value is None else value  # no known key: `f = (string)value`
    if ctype in ("seq", "sneq"):
        ctype = ("null" if ctype == "seq" else "notnull") if value in ("", None) else (
            "eq" if ctype == "seq" else "neq")
    if ctype == "null":
        return raw is None
    if ctype == "notnull":
        return raw is not None
    if raw is None or value is None:
        return False  # NULL on either side
    if ctype in ("in", "nin"):
        items = [norm(field, v.rstrip(" ") if TYPES[field] == "text" else v) for v in str(value).split(",")]
        found = norm(field, raw) in items
        return found if ctype == "in" else not found
    if ctype in ("like", "nlike"):
        hit = like(str(value), api_text(raw))
        return hit if ctype == "like" else not hit
    if ctype == "ntoa":
        address = inet_ntoa(raw)
        return address is not None and like(str(value), address)
    if ctype in ("finset", "nfinset"):
        needle = str(value).lower()
        pos = 0 if "," in needle else next(
            (i for i, part in enumerate(api_text(raw).lower().split(","), 1) if part == needle), 0)
        return pos > 0 if ctype == "finset" else pos == 0
    if ctype == "regexp":
        return re.search(str(value), api_text(raw), re.IGNORECASE) is not None
    left = norm(field, raw)
    right = norm(field, value.rstrip(" ") if TYPES[field] == "text" else value)
    return {"eq": left == right, "neq": left != right, "gt": left > right, "gteq": left >= right,
            "lt": left < right, "lteq": left <= right, "from": left >= right, "to": left <= right}[ctype]


def group_matches(row: dict[str, Any], filters: Any, eav: bool = False) -> bool:
    """One filter group: OR, except FilterProcessor::checkFromTo's merged range on flat tables."""
    last: dict[str, Any] = {}
    for f in filters:
        last[f.condition_type] = f.value
    if (not eav and len({f.field for f in filters}) == 1 and set(last) == {"from", "to"}
            and last["from"] is not None and last["to"] is not None):
        field = filters[0].field
        return matches(row, field, "from", last["from"]) and matches(row, field, "to", last["to"])
    return any(matches(row, f.field, f.condition_type, f.value, eav) for f in filters)


def evaluate(rows: list[dict[str, Any]], criteria: SearchCriteria, eav: bool = False) -> tuple[list[int], int]:
    hits = [r for r in rows if all(group_matches(r, g.filters, eav) for g in criteria.filter_groups if g.filters)]
    ordered = sorted(hits, key=lambda r: r["id"])
    for sort in reversed(criteria.sort_orders or ()):
        desc = sort.direction != "ASC"
        present = [r for r in ordered if r[sort.field] is not None]
        absent = [r for r in ordered if r[sort.field] is None]
        present.sort(key=lambda r: norm(sort.field, r[sort.field]), reverse=desc)
        ordered = present + absent if desc else absent + present  # NULL is the smallest value
    limit, offset = page_window(criteria)
    ids = [r["id"] for r in ordered]
    return (ids[offset:offset + limit] if limit is not None else ids), len(hits)
