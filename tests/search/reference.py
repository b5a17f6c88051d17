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


def norm(field: str, value: Any) -> Any:
    kind = TYPES[field]
    if kind in ("int", "float"):
        return number(value)
    text = str(value)
    if kind == "date":
        text = text.replace("T", " ")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            text += " 00:00:00"
        return text
    return text.lower()


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


def matches(row: dict[str, Any], field: str, ctype: str, value: Any) -> bool:
    raw = row[field]
    if ctype in ("seq", "sneq"):
        ctype = ("null" if ctype == "seq" else "notnull") if value in ("", None) else (
            "eq" if ctype == "seq" else "neq")
    if ctype == "null":
        return raw is None
    if ctype == "notnull":
        return raw is not None
    if raw is None:
        return False
    if ctype in ("in", "nin"):
        items = [norm(field, v.rstrip(" ") if TYPES[field] == "text" else v) for v in str(value).split(",")]
        found = norm(field, raw) in items
        return found if ctype == "in" else not found
    if ctype in ("like", "nlike"):
        hit = like(str(value), api_text(raw))
        return hit if ctype == "like" else not hit
    if ctype in ("finset", "nfinset"):
        needle = str(value).lower()
        pos = 0 if "," in needle else next(
            (i for i, part in enumerate(api_text(raw).lower().split(","), 1) if part == needle), 0)
        return pos > 0 if ctype == "finset" else pos == 0
    if ctype == "regexp":
        return re.search(str(value), api_text(raw), re.IGNORECASE) is not None
    left = norm(field, raw)
    right = norm(field, value.rstrip(" ") if TYPES[field] == "text" and ctype in ("eq", "neq", "moreq") else value)
    return {"eq": left == right, "moreq": left == right, "neq": left != right, "gt": left > right,
            "gteq": left >= right, "lt": left < right, "lteq": left <= right, "from": left >= right,
            "to": left <= right}[ctype]


def evaluate(rows: list[dict[str, Any]], criteria: SearchCriteria) -> tuple[list[int], int]:
    hits = [r for r in rows if all(
        any(matches(r, f.field, f.condition_type.lower(), f.value) for f in g.filters)
        for g in criteria.filter_groups if g.filters)]
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
