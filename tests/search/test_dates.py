"""A date column compared with a literal, as Magento on MariaDB answers (search/temporal.py).

Evidence:
* the 2.4.7-p3 sandbox (MariaDB 10.11), 2026-12-03, with the admin token, e.g.
    curl -sg -G http://127.0.0.1:8082/rest/V1/orders -H "Authorization: Bearer $TOKEN" \\
      --data-urlencode 'searchCriteria[filter_groups][0][filters][0][field]=created_at' \\
      --data-urlencode 'searchCriteria[filter_groups][0][filters][0][value]=None' \\
      --data-urlencode 'searchCriteria[filter_groups][0][filters][0][condition_type]=gteq'
  -> total_count 18 of 18 orders. For 'None', 'abc', '', '0', '2000-01-01abc', '2000/1/1', '2024-02-30',
  '2024-13-01' on /V1/orders (18 orders) and /V1/products (49): eq 0, neq all, gt all, gteq all, lt 0,
  lteq 0, in 0, nin all, from all, to 0, moreq (unknown: eq) 0, like 0; for '2099-01-01': eq 0, neq all,
  gt 0, gteq 0, lt all, lteq all, in 0, nin all, from 0, to all. Orders of 2026-12-03 09:47-10:01:
  gteq '2026-12-03 10:00:00abc', '2026/12/03 10:00', '20261203100000', '2026-12-03 10',
  '2026-12-03T10:00:00', '261203100000', ' 2026-12-03 10:00:00' -> 19 (lt -> 8), gteq
  '2026-12-03 25:00' -> all. Customers' dob (a DATE) '1980-02-29': eq '1980-02-29 00:00:00', eq
  '1980-02-29abc', eq '19800229', in 'x,1980-02-29', lt '1980-02-29 10:00' -> 2; gteq
  '1980-02-29 10:00' -> 0; gteq 'None' and neq 'None' -> the 2 with a dob.
* MariaDB 10.11.18 (the sandbox's package) with SQL_MODE='': ``SELECT ... WHERE dt = '<literal>'`` and
  ``CAST('<literal>' AS DATETIME(6))`` for the literals in PARSED (a comparison also takes a day up to 31
  in any month, where CAST answers NULL); 99.6% of 7,000 random strings of digits and delimiters read the
  same as ``temporal.parse`` (the rest: compact digit runs followed by letters or a T).
"""
from __future__ import annotations

import pytest

from fake_magento.search import EntitySearch, Field, run_search
from fake_magento.search.temporal import ZERO, datetime_operand, parse
from tests.support import RestClient, admin_token, make_app, search_query

PARSED = {
    "None": ZERO, "abc": ZERO, "": ZERO, "0": ZERO, "1": ZERO, "2024": ZERO, "1e3": ZERO, "12:00": ZERO,
    "null": ZERO, "NaN": ZERO, "2024-13-01": ZERO, "2024-01-32": ZERO, "2024-01": ZERO, "2024--01--01": ZERO,
    "2024a01a01": ZERO, "2024-01-01 25:00:00": ZERO, "2024-01-01 10:00:60": ZERO, "1704067200": ZERO,
    "01/02/2024": ZERO, "20240101 10:00:00": ZERO, "20240101.": ZERO, "2024010": ZERO, "2024010112": ZERO,
    "Mon, 01 Jan 2024 10:00:00 GMT": ZERO,
    "2024-01-01abc": (2024, 1, 1, 0, 0, 0, ""), "2024-01-01 abc": (2024, 1, 1, 0, 0, 0, ""),
    "20240101": (2024, 1, 1, 0, 0, 0, ""), "20240101abc": (2024, 1, 1, 0, 0, 0, ""),
    " 2024-01-01": (2024, 1, 1, 0, 0, 0, ""), "+2024-01-01": (2024, 1, 1, 0, 0, 0, ""),
    "2024/01/01": (2024, 1, 1, 0, 0, 0, ""), "2024.01.01": (2024, 1, 1, 0, 0, 0, ""),
    "24-01-01": (2024, 1, 1, 0, 0, 0, ""), "99-01-01": (1999, 1, 1, 0, 0, 0, ""),
    "69-12-31": (2069, 12, 31, 0, 0, 0, ""), "70-01-01": (1970, 1, 1, 0, 0, 0, ""),
    "024-01-01": (24, 1, 1, 0, 0, 0, ""), "4-01-01": (4, 1, 1, 0, 0, 0, ""),
    "2024-1-1": (2024, 1, 1, 0, 0, 0, ""), "2024-00-00": (2024, 0, 0, 0, 0, 0, ""),
    "2024-02-30": (2024, 2, 30, 0, 0, 0, ""), "010101": (2001, 1, 1, 0, 0, 0, ""),
    "240101": (2024, 1, 1, 0, 0, 0, ""), "2401011": (2024, 1, 1, 1, 0, 0, ""),
    "24010": (2024, 1, 0, 0, 0, 0, ""), "2024-01-01T": (2024, 1, 1, 0, 0, 0, ""),
    "2024-01-01T10:00:00": (2024, 1, 1, 10, 0, 0, ""), "2024-01-01 10": (2024, 1, 1, 10, 0, 0, ""),
    "2024-01-01    10:00": (2024, 1, 1, 10, 0, 0, ""), "2024-1-1 1:2:3": (2024, 1, 1, 1, 2, 3, ""),
    "2024-01-01 10:5": (2024, 1, 1, 10, 5, 0, ""), "2024-01-01-7": (2024, 1, 1, 7, 0, 0, ""),
    "2024-01-01 0012": (2024, 1, 1, 12, 0, 0, ""), "2024-001-01": (2024, 1, 1, 0, 0, 0, ""),
    "2024-01-01 10:00:00abc": (2024, 1, 1, 10, 0, 0, ""), "2024-01-01 10:00:00.5": (2024, 1, 1, 10, 0, 0, "5"),
    "2024-01-01 10:00:00.1234567": (2024, 1, 1, 10, 0, 0, "123456"),
    "2024-01-01 10:00:00.000": (2024, 1, 1, 10, 0, 0, ""),
    "2024-01-01T10:00:00Z": (2024, 1, 1, 10, 0, 0, ""), "2024-01-01T10:00:00+02:00": (2024, 1, 1, 10, 0, 0, ""),
    "2024-01-01T10:00:00.000Z": (2024, 1, 1, 10, 0, 0, ""), "2024-01-01 10:00:00 UTC": (2024, 1, 1, 10, 0, 0, ""),
    "20240101T100000": (2024, 1, 1, 10, 0, 0, ""), "20240101120000": (2024, 1, 1, 12, 0, 0, ""),
    "261203100000": (2026, 12, 3, 10, 0, 0, ""),
}


@pytest.mark.parametrize(("literal", "expected"), list(PARSED.items()))
def test_literals_read_as_mariadb_reads_them(literal: str, expected: tuple) -> None:
    assert parse(literal) == expected


def test_operands_sort_against_stored_text() -> None:
    assert datetime_operand("None") == "0000-00-00 00:00:00"
    assert datetime_operand("2024-1-1") == "2024-01-01 00:00:00"
    assert datetime_operand("2024-01-01 10:00:00.5") == "2024-01-01 10:00:00.5"
    # A DATE column compares as a datetime at midnight: a bare day, or the day and its time.
    assert datetime_operand("2024-01-01 00:00:00", date_only=True) == "2024-01-01"
    assert datetime_operand("2024-01-01abc", date_only=True) == "2024-01-01"
    assert datetime_operand("2024-01-01 10:00", date_only=True) == "2024-01-01 10:00:00"
    assert datetime_operand("abc", date_only=True) == "0000-00-00"


# -- the engine, on its own table ---------------------------------------------------------------------------
ROWS = [(1, "2024-01-01 00:00:00", "2024-01-01"), (2, "2024-01-01 10:00:00", "2024-02-29"),
        (3, "2025-06-01 12:30:00", "2025-06-01"), (4, None, None)]
THING = EntitySearch("thing", "id", {"id": Field("id", "int"), "at": Field("at", "date"), "day": Field("day", "day")})
EVERY_CONDITION = ["eq", "neq", "gt", "gteq", "lt", "lteq", "in", "nin", "from", "to", "moreq", "like"]
# What a non-date matches (the zero date), and what a date past every row matches.
ZERO_MATCHES = {"eq": [], "neq": [1, 2, 3], "gt": [1, 2, 3], "gteq": [1, 2, 3], "lt": [], "lteq": [], "in": [],
                "nin": [1, 2, 3], "from": [1, 2, 3], "to": [], "moreq": [], "like": []}
FUTURE_MATCHES = {"eq": [], "neq": [1, 2, 3], "gt": [], "gteq": [], "lt": [1, 2, 3], "lteq": [1, 2, 3], "in": [],
                  "nin": [1, 2, 3], "from": [], "to": [1, 2, 3], "moreq": [], "like": []}


@pytest.fixture
def conn():
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE thing (id INTEGER, at TEXT, day TEXT)")
    db.executemany("INSERT INTO thing VALUES (?,?,?)", ROWS)
    return db


def ids(conn, *filters: tuple[str, str, str]) -> list[int]:
    from fake_magento.search import parse_search_criteria

    query: dict = {"searchCriteria": {"filter_groups": [
        {"filters": [{"field": f, "value": v, "condition_type": c}]} for f, v, c in filters]}}
    return run_search(conn, THING, parse_search_criteria(query))[0]


@pytest.mark.parametrize("field", ["at", "day"])
@pytest.mark.parametrize("literal", ["None", "abc", "", "0", "2024-13-01", "null"])
@pytest.mark.parametrize("condition", EVERY_CONDITION)
def test_a_non_date_is_the_zero_date_for_every_condition(conn, field, literal, condition):
    assert ids(conn, (field, literal, condition)) == ZERO_MATCHES[condition]


@pytest.mark.parametrize("field", ["at", "day"])
@pytest.mark.parametrize("condition", EVERY_CONDITION)
def test_a_date_past_every_row(conn, field, condition):
    assert ids(conn, (field, "2099-01-01", condition)) == FUTURE_MATCHES[condition]


def test_from_none_to_a_date_is_everything_up_to_it(conn):
    assert ids(conn, ("at", "None", "from"), ("at", "2024-06-01", "to")) == [1, 2]


def test_relaxed_and_truncated_literals(conn):
    assert ids(conn, ("at", "2024-01-01abc", "eq")) == [1]
    assert ids(conn, ("at", "2024/1/1 10", "eq")) == [2]
    assert ids(conn, ("at", "20240101T100000", "gteq")) == [2, 3]
    assert ids(conn, ("at", "2024-01-01T10:00:00Z", "in")) == [2]
    assert ids(conn, ("at", "abc,2025-06-01 12:30", "in")) == [3]
    assert ids(conn, ("at", "abc,2025-06-01 12:30", "nin")) == [1, 2]
    assert ids(conn, ("at", "2024-01-01 10:00:00.5", "gt")) == [3]
    assert ids(conn, ("at", "2024-02-30", "lt")) == [1, 2]   # day 30 of February sorts before March


def test_a_date_column_compares_at_midnight(conn):
    assert ids(conn, ("day", "2024-02-29 00:00:00", "eq")) == [2]
    assert ids(conn, ("day", "2024-02-29abc", "eq")) == [2]
    assert ids(conn, ("day", "20240229", "eq")) == [2]
    assert ids(conn, ("day", "x,2024-02-29", "in")) == [2]
    assert ids(conn, ("day", "2024-02-29 10:00", "gteq")) == [3]
    assert ids(conn, ("day", "2024-02-29 10:00", "lt")) == [1, 2]
    assert ids(conn, ("day", "2024%", "like")) == [1, 2]   # LIKE reads the column's text


# -- through the list routes the sandbox was asked --------------------------------------------------------------
@pytest.fixture(scope="module")
def shop():
    app = make_app(profile="default")
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def total(shop: RestClient, route: str, field: str, value: str, condition: str) -> int:
    """total_count of the filtered list. It counts every match whatever the page (the collection's size,
    not the page's), so a page of one asks the same question without building every row's answer."""
    body = shop.get(f"{route}?" + search_query([[(field, value, condition)]], pageSize=1)).get_json()
    assert len(body["items"]) == min(1, body["total_count"])
    return int(body["total_count"])


@pytest.mark.parametrize("route", ["/orders", "/products"])
@pytest.mark.parametrize("literal", ["None", "abc", "", "0", "2000-01-01abc", "2024-13-01"])
def test_routes_match_every_row_or_none_for_a_non_date(shop, route, literal):
    everything = total(shop, route, "created_at", "1", "notnull")
    assert everything > 0
    got = {c: total(shop, route, "created_at", literal, c) for c in EVERY_CONDITION}
    expected = {c: everything if ZERO_MATCHES[c] else 0 for c in EVERY_CONDITION}
    assert got == expected


@pytest.mark.parametrize("route", ["/orders", "/products"])
def test_routes_match_nothing_after_2099(shop, route):
    everything = total(shop, route, "created_at", "1", "notnull")
    got = {c: total(shop, route, "created_at", "2099-01-01", c) for c in EVERY_CONDITION}
    assert got == {c: everything if FUTURE_MATCHES[c] else 0 for c in EVERY_CONDITION}


def test_customer_dob_is_a_date_column(shop):
    customers = shop.get("/customers/search?searchCriteria").get_json()["items"]
    dob = next(c["dob"] for c in customers if c.get("dob"))
    with_dob = sum(1 for c in customers if c.get("dob") == dob)
    with_any = sum(1 for c in customers if c.get("dob"))
    for value, condition in ((f"{dob} 00:00:00", "eq"), (f"{dob}abc", "eq"), (dob.replace("-", ""), "eq"),
                             (f"x,{dob}", "in")):
        assert total(shop, "/customers/search", "dob", value, condition) == with_dob
    assert total(shop, "/customers/search", "dob", "None", "gteq") == with_any
    assert total(shop, "/customers/search", "dob", "None", "neq") == with_any
    later = sum(1 for c in customers if c.get("dob") and c["dob"] > dob)
    assert total(shop, "/customers/search", "dob", f"{dob} 10:00", "gteq") == later
