"""SQL functions SQLite lacks and Magento's MySQL has, registered on the engine's connections.

``run_search`` registers them on any connection that lacks them (it retries once after
"no such function"), and ``fake_magento.storage.db`` registers them when it opens one.
"""
from __future__ import annotations

import re
import sqlite3

_NUM_PREFIX = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
FUNCTIONS = ("api_text", "regexp", "find_in_set", "inet_ntoa")


def _regexp(pattern: str | None, value: object) -> int | None:
    # MySQL REGEXP under a *_ci collation is case-insensitive; NULL on either side gives NULL.
    # A malformed pattern raises, as MySQL answers an SQL error (the engine masks it as a 500).
    if pattern is None or value is None:
        return None
    return 1 if re.search(str(pattern), str(value), re.IGNORECASE) else 0


def _inet_ntoa(value: object) -> str | None:
    # MySQL INET_NTOA: a number (a string is cast) as a dotted IPv4 address; NULL when out of range.
    if value is None:
        return None
    m = _NUM_PREFIX.match(str(value))
    number = int(float(m.group(0))) if m else 0
    if not 0 <= number < 2**32:
        return None
    return ".".join(str((number >> shift) & 255) for shift in (24, 16, 8, 0))


def _find_in_set(needle: object, haystack: object) -> int | None:
    # MySQL FIND_IN_SET: 1-based position in a comma list, 0 when absent (or when the needle
    # holds a comma), NULL on NULL; compared under the column's *_ci collation.
    if needle is None or haystack is None:
        return None
    text = str(needle).lower()
    if "," in text:
        return 0
    for i, item in enumerate(_api_text(haystack).lower().split(","), start=1):  # type: ignore[union-attr]
        if item == text:
            return i
    return 0


def _api_text(value: object) -> str | None:
    # A number as the API writes it (whole floats without a fraction), for LIKE/REGEXP on numbers.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def register_mysql_functions(conn: sqlite3.Connection) -> None:
    """Register the functions the search engine's SQL uses (idempotent)."""
    conn.create_function("api_text", 1, _api_text, deterministic=True)
    conn.create_function("regexp", 2, _regexp, deterministic=True)
    conn.create_function("find_in_set", 2, _find_in_set, deterministic=True)
    conn.create_function("inet_ntoa", 1, _inet_ntoa, deterministic=True)


def missing_function(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return message.startswith("no such function:") and message.split(":", 1)[1].strip().lower() in FUNCTIONS


def like_pattern(pattern: str) -> str:
    """A MySQL LIKE pattern for SQLite's ``ESCAPE '\\'``: MySQL treats a trailing lone
    backslash as a literal backslash (strings/ctype-simple my_wildcmp), SQLite as no match."""
    escaped = False
    for ch in pattern:
        escaped = not escaped and ch == "\\"
    return pattern + "\\" if escaped else pattern
