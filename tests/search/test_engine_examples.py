"""Single cases of Magento's MySQL semantics the engine reproduces (with the source of each)."""
from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from fake_magento.errors import InternalError, MagentoError
from fake_magento.search import (
    EntitySearch,
    Field,
    Filter,
    FilterGroup,
    SearchCriteria,
    SortOrder,
    run_search,
    search_result,
)

ROWS = [(1, "a\\", 1.0, "2024-01-01 00:00:00", "x"), (2, "A%b", 2.5, "2024-01-02 10:00:00", "y"),
        (3, "a_b", None, None, "x"), (4, "ab", 10.0, "2024-02-29 23:59:59", None), (5, "Ab ", 0.0, "2024-01-01 10:00:00", "y")]


@pytest.fixture
def conn():
    # A bare connection: the engine registers the MySQL functions it needs on first use.
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty REAL, created TEXT, kind TEXT)")
    db.executemany("INSERT INTO t VALUES (?,?,?,?,?)", ROWS)
    db.execute("CREATE TABLE label (id INTEGER, store INTEGER, value TEXT)")
    db.executemany("INSERT INTO label VALUES (?,?,?)", [(1, 0, "one"), (1, 2, "eins"), (2, 0, "two"), (3, 0, "three"),
                                                       (4, 2, "vier"), (5, 0, "five")])
    return db


FLAT = EntitySearch("t", "id", unknown_field="flat", fields={
    "id": Field("id", "int"), "name": Field("name"), "qty": Field("qty", "float"), "created": Field("created", "date"),
    "kind": Field("kind")})
EAV = EntitySearch("t", "id", unknown_field="eav", fields=FLAT.fields)


def crit(*groups, sorts=None, size=None, page=None) -> SearchCriteria:
    return SearchCriteria(tuple(FilterGroup(tuple(Filter(*f) for f in g)) for g in groups), sorts, size, page)


def ids(conn, entity, criteria, **kw):
    return run_search(conn, entity, criteria, **kw)[0]


def test_like_with_a_trailing_backslash_matches_it_literally(conn):
    # MySQL's wildcard compare treats an escape character at the end of the pattern as itself.
    assert ids(conn, FLAT, crit([("name", "a\\", "like")])) == [1]
    assert ids(conn, FLAT, crit([("name", "a\\_b", "like")])) == [3]   # \_ is a literal underscore
    assert ids(conn, FLAT, crit([("name", "a%", "like")])) == [1, 2, 3, 4, 5]  # case-insensitive


def test_condition_types_are_case_sensitive(conn):
    # prepareSqlCondition's map has lower-case keys: "LIKE" is unknown, so flat tables compare with =.
    assert ids(conn, FLAT, crit([("name", "a%", "LIKE")])) == []
    # = ignores case and the value's trailing spaces (PAD SPACE); stored trailing spaces ("Ab ") are
    # not ignored here: a documented deviation
    assert ids(conn, FLAT, crit([("name", "AB  ", "LIKE")])) == [4]
    # EAV: (f = '<field name>') OR (f = '<value>')
    assert ids(conn, EAV, crit([("kind", "y", "moreq")])) == [2, 5]
    assert ids(conn, EAV, crit([("name", "ab", "moreq")])) == [4]


def test_from_and_to_in_one_group_become_a_range_on_flat_tables(conn):
    # FilterProcessor::checkFromTo: (qty >= 1 AND qty <= 3), not (qty >= 1 OR qty <= 3)
    assert ids(conn, FLAT, crit([("qty", "1", "from"), ("qty", "3", "to")])) == [1, 2]
    # the last value of each kind wins
    assert ids(conn, FLAT, crit([("qty", "0", "from"), ("qty", "3", "to"), ("qty", "2", "from")])) == [2]
    # EAV collections OR them as usual
    assert ids(conn, EAV, crit([("qty", "1", "from"), ("qty", "3", "to")])) == [1, 2, 4, 5]
    # two fields: no merge
    assert ids(conn, FLAT, crit([("qty", "5", "from"), ("id", "1", "to")])) == [1, 4]


def test_a_filter_without_value_compares_with_null(conn):
    assert ids(conn, FLAT, crit([("name", None, "eq")])) == []
    assert ids(conn, FLAT, crit([("name", None, "neq")])) == []
    assert ids(conn, FLAT, crit([("qty", None, "in")])) == []
    assert ids(conn, FLAT, crit([("qty", None, "null")])) == [3]
    assert ids(conn, FLAT, crit([("kind", None, "seq")])) == [4]   # '' -> IS NULL


def test_numbers_sent_as_strings_are_cast_as_mysql_does(conn):
    assert ids(conn, FLAT, crit([("qty", "2.5abc", "eq")])) == [2]
    assert ids(conn, FLAT, crit([("qty", "abc", "eq")])) == [5]    # 'abc' -> 0
    assert ids(conn, FLAT, crit([("qty", " 1,10, x", "in")])) == [1, 4, 5]
    assert ids(conn, FLAT, crit([("qty", "1", "like")])) == [1]     # the API's text: "1", "2.5", "10"


def test_relaxed_date_literals(conn):
    assert ids(conn, FLAT, crit([("created", "2024-1-1", "eq")])) == [1]
    assert ids(conn, FLAT, crit([("created", "2024-01-01T10:00", "gteq")])) == [2, 4, 5]
    assert ids(conn, FLAT, crit([("created", "2024-01-01%", "like")])) == [1, 5]


def test_malformed_regexp_is_a_masked_500(conn):
    assert ids(conn, FLAT, crit([("name", "^A[%_]", "regexp")])) == [2, 3]
    with pytest.raises(InternalError):
        run_search(conn, FLAT, crit([("name", "a(", "regexp")]))


def test_fulltext_on_flat_tables_is_like_and_the_echo_shows_it(conn):
    criteria = crit([("name", "_", "fulltext")])
    found, total = run_search(conn, FLAT, criteria)
    assert found == [1, 2, 3, 4, 5] and total == 5   # '%_%': any character
    assert search_result([], criteria, total)["search_criteria"]["filter_groups"] == [
        {"filters": [{"field": "name", "value": "%_%", "condition_type": "fulltext"}]}]


def test_sorts_in_order_direction_default_desc_and_id_tiebreak(conn):
    # NULL is the smallest value in both MySQL and SQLite orderings
    assert ids(conn, FLAT, crit(sorts=(SortOrder("kind", "ASC"), SortOrder("qty", None)))) == [4, 1, 3, 2, 5]
    assert ids(conn, FLAT, crit(sorts=(SortOrder("kind", "DESC"),))) == [2, 5, 1, 3, 4]


def test_field_params_follow_the_expression_everywhere(conn):
    """A store-scoped value with fallback to store 0, as EAV entities do."""
    label = Field("COALESCE((SELECT value FROM label l WHERE l.id = t.id AND l.store = ?),"
                  " (SELECT value FROM label l WHERE l.id = t.id AND l.store = 0))", "text", params=(2,))
    entity = EntitySearch("t", "t.id", unknown_field="eav", fields={"label": label, "id": Field("t.id", "int")})
    assert ids(conn, entity, crit([("label", "%i%", "like")])) == [1, 4, 5]   # eins, vier, five
    assert ids(conn, entity, crit([("label", "e", "finset"), ("label", "vier", "eq")],
                                  [("id", "1", "gt")])) == [4]
    assert ids(conn, entity, crit([("label", "a", "nfinset")], sorts=(SortOrder("label", "ASC"),),
                                  size=2, page=2)) == [3, 2]   # eins five | three two | vier
    # parameters of where=, custom filters, fields and sorts all line up
    found = ids(conn, entity, crit([("label", "e%", "like"), ("category", "x")], sorts=(SortOrder("label", "DESC"),)),
                where=("t.id > ?", [0]), custom_filters={"category": lambda f: ("kind = ?", [f.value])})
    assert found == [1]


def test_input_limits(conn):
    on = SimpleNamespace(input_limits_enabled=True, max_page_size=3, default_page_size=2)
    criteria = crit()
    assert run_search(conn, FLAT, criteria, config=on) == ([1, 2], 5)
    # DefaultPageSizeSetter sets pageSize on the criteria object, so it is echoed
    assert search_result([], criteria, 5)["search_criteria"] == {"filter_groups": [], "page_size": 2}
    with pytest.raises(MagentoError) as e:
        run_search(conn, FLAT, crit(size=4), config=on)
    assert e.value.to_body() == {"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": 3}}
    assert run_search(conn, FLAT, crit(size=4)) == ([1, 2, 3, 4], 5)   # off by default
