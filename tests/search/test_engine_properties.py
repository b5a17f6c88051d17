"""The engine and the reference model agree on ids, order and total_count for any criteria."""
from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_magento.search import (
    EntitySearch,
    Field,
    Filter,
    FilterGroup,
    SearchCriteria,
    SortOrder,
    run_search,
)
from fake_magento.storage.db import register_mysql_functions
from tests.search.reference import evaluate

ENTITY = EntitySearch(table="thing", id_column="id", unknown_field="flat", fields={
    "id": Field("id", "int"), "name": Field("name"), "sku": Field("sku"), "qty": Field("qty", "float"),
    "cnt": Field("cnt", "int"), "created": Field("created", "date"), "tags": Field("tags")})

# Stored text avoids trailing spaces and characters between 'Z' and 'a' (see README deviations).
word = st.text(alphabet="aAbBcZz09 -%\\", min_size=0, max_size=5).map(lambda s: s.rstrip(" "))
rows_strategy = st.lists(st.fixed_dictionaries({
    "name": st.none() | st.sampled_from(["a\\", "A%", "a_b", "\\", "ab"]) | word,
    "sku": word,
    "qty": st.none() | st.sampled_from([0.0, 1.0, 1.5, 2, 10, -3, 100.25]),
    "cnt": st.none() | st.integers(-5, 20),
    "created": st.none() | st.sampled_from(["2024-01-01 00:00:00", "2024-01-01 10:00:00", "2024-02-29 23:59:59",
                                            "2023-12-31 23:59:59"]),
    "tags": st.none() | st.sampled_from(["a", "a,b", "B,c", "c", "", "ab,a"]),
}), min_size=0, max_size=25)

# Magento's condition map is case-sensitive: "EQ", "LIKE" and "In" are unknown types (eq on flat tables).
CONDITIONS = ["eq", "neq", "like", "nlike", "in", "nin", "null", "notnull", "gt", "gteq", "lt", "lteq", "from",
              "to", "finset", "nfinset", "moreq", "seq", "sneq", "regexp", "fulltext", "ntoa", "EQ", "LIKE", "In"]
values_by_field = {
    "name": st.sampled_from(["a", "A", "ab", "a ", "%a%", "A_", "z%", "", "a,b", "zz,A", "^a", "b$", "0", "a\\",
                             "%\\%", "\\%%", "a\\\\"]) | word,
    "sku": st.sampled_from(["a", "B", "%", "_", "a,a", "", "0-9", "[ab]"]) | word,
    "qty": st.sampled_from(["1", "1.5", " 2", "10abc", "abc", "-3", "100.25", "0", "1,2", ""]),
    "cnt": st.sampled_from(["0", "5", "-5", "20", "3.5", "x", "1,2,3", ""]),
    "created": st.sampled_from(["2024-01-01", "2024-01-01 10:00:00", "2024-01-01T10:00:00", "2024-02",
                                "2023-12-31 23:59:59", "2024-1-1", "2024-01-01 10:00", "2024-2-29 23:59:59",
                                "2024-01-01%", "None", "abc", "", "0", "2024-13-01", "20240101",
                                "2024-01-01T10:00:00Z", "2024/1/1 10"]),
    "tags": st.sampled_from(["a", "b", "C", "a,b", "", "ab"]),
}


@st.composite
def filters(draw):
    field = draw(st.sampled_from(sorted(values_by_field)))
    ctype = draw(st.sampled_from(CONDITIONS))
    if ctype == "regexp":
        value = draw(st.sampled_from(["^a", "b$", "a|z", "[0-9]", "^$"]))
    elif ctype == "ntoa":
        value = draw(st.sampled_from(["0.0.0.%", "0.0.0.1_", "%.10", "%"]))
    else:
        value = draw(values_by_field[field])
    return Filter(field, draw(st.none()) if draw(st.integers(0, 15)) == 0 else value, ctype)


@st.composite
def ranges(draw):
    """FilterProcessor::checkFromTo: a from and a to on one field in one group."""
    field = draw(st.sampled_from(sorted(values_by_field)))
    kinds = draw(st.permutations(["from", "to"]) | st.sampled_from([["from", "to", "from"], ["to", "to", "from"]]))
    return tuple(Filter(field, draw(values_by_field[field]), kind) for kind in kinds)


criteria_strategy = st.builds(
    SearchCriteria,
    filter_groups=st.lists(st.builds(FilterGroup, st.lists(filters(), min_size=0, max_size=3).map(tuple) | ranges()),
                           max_size=3).map(tuple),
    sort_orders=st.none() | st.lists(st.builds(SortOrder, st.sampled_from(sorted(values_by_field)),
                                               st.sampled_from(["ASC", "DESC", None])), max_size=3).map(tuple),
    page_size=st.none() | st.integers(-2, 7),
    current_page=st.none() | st.integers(-1, 6),
)


def load(rows):
    conn = sqlite3.connect(":memory:")
    register_mysql_functions(conn)
    conn.execute("CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT, sku TEXT, qty REAL, cnt INTEGER,"
                 " created TEXT, tags TEXT)")
    numbered = [{"id": i + 1, **r} for i, r in enumerate(rows)]
    conn.executemany("INSERT INTO thing VALUES (:id, :name, :sku, :qty, :cnt, :created, :tags)", numbered)
    return conn, numbered


EAV = EntitySearch(table="thing", id_column="id", unknown_field="eav", fields=ENTITY.fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy, criteria_strategy, st.booleans())
def test_engine_agrees_with_reference(rows, criteria, eav):
    """Flat and EAV entities differ on unknown condition types, fulltext and from/to groups."""
    conn, numbered = load(rows)
    assert run_search(conn, EAV if eav else ENTITY, criteria) == evaluate(numbered, criteria, eav)


@settings(max_examples=100, deadline=None)
@given(rows_strategy, criteria_strategy, st.integers(1, 6))
def test_union_of_pages_is_the_unpaged_result(rows, criteria, size):
    conn, _ = load(rows)
    unpaged = SearchCriteria(criteria.filter_groups, criteria.sort_orders)
    everything, total = run_search(conn, ENTITY, unpaged)
    pages: list[int] = []
    for page in range(1, total // size + 3):
        ids, page_total = run_search(conn, ENTITY, SearchCriteria(criteria.filter_groups, criteria.sort_orders,
                                                                   size, page))
        assert page_total == total
        assert len(ids) <= size
        pages += ids
    assert pages == everything


def test_custom_filters_are_anded_even_inside_an_or_group():
    """Catalog's ProductFilterProcessor applies custom filters to the collection directly."""
    conn, _ = load([{"name": "a", "sku": "x", "qty": 1.0, "cnt": 1, "created": None, "tags": None},
                    {"name": "b", "sku": "y", "qty": 2.0, "cnt": 2, "created": None, "tags": None},
                    {"name": "c", "sku": "z", "qty": 3.0, "cnt": 3, "created": None, "tags": None}])
    seen = []

    def category(flt):
        seen.append(flt.condition_type)
        return "cnt IN (2, 3)", []

    criteria = SearchCriteria((FilterGroup((Filter("name", "a"), Filter("category_id", "5", "in"),
                                            Filter("name", "b"))),))
    assert run_search(conn, ENTITY, criteria, custom_filters={"category_id": category}) == ([2], 1)
    assert seen == ["in"]


def test_unknown_fields_eav_versus_flat():
    import pytest

    from fake_magento.errors import InternalError, MagentoError

    conn, _ = load([])
    bad = SearchCriteria((FilterGroup((Filter("nope", "1"),)),))
    with pytest.raises(InternalError):
        run_search(conn, ENTITY, bad)
    eav = EntitySearch(table="thing", id_column="id", fields=ENTITY.fields, unknown_field="eav")
    with pytest.raises(MagentoError) as e:
        run_search(conn, eav, bad)
    assert e.value.to_body() == {"message": 'The "%1" attribute name is invalid. Reset the name and try again.',
                                 "parameters": ["nope"]}
    # an unknown sort field is ignored by EAV collections and fails on flat tables
    sort = SearchCriteria(sort_orders=(SortOrder("nope", "ASC"),))
    assert run_search(conn, eav, sort) == ([], 0)
    with pytest.raises(InternalError):
        run_search(conn, ENTITY, sort)
