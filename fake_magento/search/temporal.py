"""A literal compared with a DATE, DATETIME or TIMESTAMP column, as MariaDB 10.11 reads it.

Magento quotes every filter value (``f >= 'None'``) and runs with ``SQL_MODE=''``
(Fw/DB/Adapter/Pdo/Mysql::_connect), so MariaDB converts the literal to a datetime and
compares the two as datetimes. What it reads (measured on MariaDB 10.11.18, Debian 12, the
sandbox's server, and through the 2.4.7-p3 sandbox's /V1/orders, /V1/products and
/V1/customers/search):

* ``YYYY-MM-DD[ hh[:mm[:ss[.ffffff]]]]`` with any punctuation between the date parts
  (``2024/1/1``, ``2024.01.01``), ``T`` or spaces before the time, leading spaces skipped,
  anything after a complete date dropped (``2024-01-01abc`` is 2024-01-01 00:00:00,
  ``2024-01-01T10:00:00Z`` 10:00:00); a two-digit year is 1970-2069, others are as written;
* a run of five or more digits (or digits alone): ``YYMMDD``, ``YYYYMMDD``, ``YYMMDDhhmmss``,
  ``YYYYMMDDhhmmss`` (a run of 4, 8 or 14+ digits has a four-digit year, others a two-digit one),
  two digits a field after the year; such a run followed by a space or punctuation
  (``20240101 10:00``) is no date;
* month up to 12 and day up to 31 whatever the month (``2024-02-30`` sorts between February 29
  and March 1), hour up to 23, minute and second up to 59.

Anything else (``None``, ``abc``, ``''``, ``0``, ``2024``, ``2024-13-01``, ``2024-01``, ``12:00``)
is the zero date ``0000-00-00 00:00:00``, which sorts before every stored date: ``gteq`` and
``neq`` match every row with a date, ``lt``, ``eq`` and ``in`` none.
"""
from __future__ import annotations

import re

ZERO = (0, 0, 0, 0, 0, 0, "")
_DIGITS = re.compile(r"\d+")
_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")   # ASCII punctuation: a date-part delimiter
_LIMITS = (None, 12, 31, 23, 59, 59)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _compact(text: str, run: str) -> list[str] | None:
    """YYMMDD[hhmmss] or YYYYMMDD[hhmmss], split into its fields (the last may be short); None when
    the run is followed by whitespace or punctuation (MariaDB then reads no date)."""
    after = text[len(run):len(run) + 1]
    if after and (after.isspace() or _PUNCT.fullmatch(after)):
        return None
    year_length = 4 if len(run) in (4, 8) or len(run) >= 14 else 2
    fields = [run[:year_length]]
    rest = run[year_length:]
    time = _DIGITS.match(text, len(run) + 1) if after == "T" else None
    if time and len(rest) == 4:  # YYYYMMDDThhmmss
        rest += time.group(0)
    while rest and len(fields) < 6:
        fields.append(rest[:2])
        rest = rest[2:]
    return fields


def _delimited(text: str) -> tuple[list[str], str]:
    """The digit fields of a delimited date-time and its fraction; stops at the first misfit."""
    fields: list[str] = []
    fraction = ""
    pos = 0
    while len(fields) < 6:
        m = _DIGITS.match(text, pos)
        if not m:
            break
        fields.append(m.group(0))
        pos = m.end()
        if pos >= len(text) or len(fields) == 6:
            break
        sep = text[pos]
        if len(fields) > 3 and sep == ".":
            fm = _DIGITS.match(text, pos + 1)
            fraction = fm.group(0)[:6] if fm else ""
            break
        if len(fields) == 3 and sep == "T":
            pos += 1
        elif len(fields) == 3 and sep.isspace():
            while pos < len(text) and text[pos].isspace():
                pos += 1
        elif _PUNCT.fullmatch(sep):
            pos += 1
        else:
            break
    if len(fields) == 6 and text[pos:pos + 1] == ".":
        fm = _DIGITS.match(text, pos + 1)
        fraction = fm.group(0)[:6] if fm else ""
    return fields, fraction


def parse(value: object) -> tuple[int, int, int, int, int, int, str]:
    """(year, month, day, hour, minute, second, fraction) as MariaDB reads ``value``; ZERO when
    it reads no date."""
    text = "" if value is None else str(value)
    text = text.lstrip(" \t\n\r\v\f").removeprefix("+")
    run = _DIGITS.match(text)
    if not run:
        return ZERO
    fraction = ""
    if len(run.group(0)) > 4 or run.end() == len(text):
        fields = _compact(text, run.group(0))
        if fields is None:
            return ZERO
    else:
        fields, fraction = _delimited(text)
    if len(fields) < 3 or any(f == "" for f in fields):
        return ZERO
    numbers = [_year(fields[0])] + [int(f) for f in fields[1:]]
    for number, limit in zip(numbers, _LIMITS):
        if limit is not None and number > limit:
            return ZERO
    numbers += [0] * (6 - len(numbers))
    fraction = fraction.rstrip("0")
    return numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], fraction


def datetime_operand(value: object, *, date_only: bool = False) -> str:
    """The literal as text that sorts against the stored ``YYYY-MM-DD HH:MM:SS`` (or, for a DATE
    column, ``YYYY-MM-DD``) values the way MariaDB compares them.

    A DATE column is compared as a datetime at midnight, so for it a literal at midnight is
    written as a bare date and any other time keeps its time (and sorts after that day's date).
    """
    y, mo, d, h, mi, s, fraction = parse(value)
    day = f"{y:04d}-{mo:02d}-{d:02d}"
    if date_only and (h, mi, s, fraction) == (0, 0, 0, ""):
        return day
    return f"{day} {h:02d}:{mi:02d}:{s:02d}" + (f".{fraction}" if fraction else "")
