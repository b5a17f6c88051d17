"""searchCriteria: whatever the builder makes, the emulator parses back to the same query (its own
parser, fake_magento/search/criteria.py, on the query string the transport sends; and over a socket,
the ``search_criteria`` Magento echoes); paging on 2.4 (an empty page past the end), on 2.3 (the last
page again) and with a total_count that changes between pages."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connector.client import MagentoClient
from connector.search import (
    CONDITIONS,
    Filter,
    PageWalk,
    SearchCriteria,
    SortOrder,
    identity,
    iter_items,
    iter_pages,
)
from connector.transport import encode_query
from fake_magento.backend.sales import ORDERS
from fake_magento.http.query import parse_query
from fake_magento.search import criteria as emulator

text = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("+&=%[] ,;/é#?")), max_size=12)
field_names = st.from_regex(r"[a-z][a-z_0-9]{0,15}", fullmatch=True) | text.filter(bool)
sort_fields = st.from_regex(r"[A-Za-z0-9_]{1,16}", fullmatch=True)   # SortOrder::validateField
conditions = st.sampled_from(sorted(CONDITIONS))
filters = st.builds(Filter, field_names, text, conditions)


@st.composite
def criteria(draw: st.DrawFn, fields: st.SearchStrategy[str] = field_names,
             sorts: st.SearchStrategy[str] = sort_fields) -> SearchCriteria:
    built = SearchCriteria()
    for group in draw(st.lists(st.lists(st.builds(Filter, fields, text, conditions), min_size=1, max_size=3),
                               max_size=12)):
        built = built.where_any(*group)
    for name, direction in draw(st.lists(st.tuples(sorts, st.sampled_from(["ASC", "DESC"])), max_size=3)):
        built = built.order_by(name, direction)  # type: ignore[arg-type]
    if draw(st.booleans()):
        built = built.page(draw(st.integers(1, 500)), draw(st.integers(1, 10_000)))
    return built


def as_emulator(built: SearchCriteria) -> emulator.SearchCriteria:
    """The emulator's dataclasses for the query the builder means."""
    empty = not built.filter_groups and not built.sort_orders and built.page_size is None
    return emulator.SearchCriteria(
        tuple(emulator.FilterGroup(tuple(emulator.Filter(f.field, f.value, f.condition_type) for f in group))
              for group in built.filter_groups),
        tuple(emulator.SortOrder(s.field, s.direction) for s in built.sort_orders) if built.sort_orders else None,
        built.page_size,
        1 if empty else built.current_page)   # an empty criteria is sent as currentPage=1


def emulator_parse(built: SearchCriteria) -> emulator.SearchCriteria:
    """What the emulator makes of the query string exactly as the transport sends it."""
    return emulator.parse_search_criteria(parse_query(encode_query(built.to_params())))


@settings(max_examples=300)
@given(criteria())
def test_the_emulator_parses_back_the_same_query(built: SearchCriteria) -> None:
    assert emulator_parse(built) == as_emulator(built)


@settings(max_examples=300)
@given(criteria())
def test_from_params_reads_back_what_to_params_wrote(built: SearchCriteria) -> None:
    assert SearchCriteria.from_params(built.to_params()) == built


def test_ten_or_more_groups_keep_their_order() -> None:
    built = SearchCriteria()
    for i in range(12):
        built = built.where(f"f{i}", i)
    parsed = emulator_parse(built)
    assert [g.filters[0].field for g in parsed.filter_groups] == [f"f{i}" for i in range(12)]


def test_values_are_strings_as_magento_reads_them() -> None:
    built = SearchCriteria().where("entity_id", [1, 2, 3], "in").where("is_active", True).where("qty", 2.5, "gt")
    assert [f.value for g in built.filter_groups for f in g] == ["1,2,3", "1", "2.5"]


def test_empty_criteria_is_a_signed_pair() -> None:
    # a bare ?searchCriteria is left out of Magento's signature base string (Fw/Oauth/Helper/Request)
    assert SearchCriteria().to_params() == [("searchCriteria[currentPage]", "1")]
    assert SearchCriteria.from_params(SearchCriteria().to_params()) == SearchCriteria()


def test_camel_and_snake_spellings_read_the_same() -> None:
    camel = {"searchCriteria[filterGroups][0][filters][0][field]": "sku",
             "searchCriteria[filterGroups][0][filters][0][value]": "a%",
             "searchCriteria[filterGroups][0][filters][0][conditionType]": "like",
             "searchCriteria[sortOrders][0][field]": "name", "searchCriteria[pageSize]": "5",
             "searchCriteria[currentPage]": "2"}
    snake = {k.replace("filterGroups", "filter_groups").replace("conditionType", "condition_type")
             .replace("sortOrders", "sort_orders").replace("pageSize", "page_size")
             .replace("currentPage", "current_page"): v for k, v in camel.items()}
    expected = SearchCriteria((( Filter("sku", "a%", "like"),),), (SortOrder("name"),), 5, 2)
    assert SearchCriteria.from_params(camel) == SearchCriteria.from_params(snake) == expected


@pytest.mark.parametrize(("call", "message"), [
    (lambda: SearchCriteria().where("a", 1, "regexp"), "unknown condition_type 'regexp'"),
    (lambda: SearchCriteria().where_any(), "a filter group needs at least one filter"),
    (lambda: SearchCriteria().order_by("a", "UP"), "direction must be ASC or DESC, not 'UP'"),  # type: ignore[arg-type]
    (lambda: SearchCriteria().page(0), "page size and page number start at 1"),
])
def test_builder_refuses(call: Callable[[], Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# -- over a socket: the search_criteria the emulator echoes -----------------------------------------------------
def echoed(built: SearchCriteria) -> dict[str, Any]:
    """Magento's echo of a criteria: snake_case, values as strings, what was not sent left out."""
    out: dict[str, Any] = {"filter_groups": [
        {"filters": [{"field": f.field, "value": f.value, "condition_type": f.condition_type} for f in group]}
        for group in built.filter_groups]}
    if built.sort_orders:
        out["sort_orders"] = [{"field": s.field, "direction": s.direction} for s in built.sort_orders]
    if built.page_size is not None:
        out["page_size"] = built.page_size
    out["current_page"] = built.current_page or 1
    return out


order_fields = st.sampled_from(sorted(ORDERS.fields))
plain_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(list("+&=%/ é")), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.builds(Filter, order_fields, plain_text, conditions), min_size=1, max_size=2),
                max_size=11),
       st.lists(st.tuples(order_fields, st.sampled_from(["ASC", "DESC"])), max_size=2))
def test_the_emulator_echoes_the_same_query_over_a_socket(client: MagentoClient, groups: list[list[Filter]],
                                                          sorts: list[tuple[str, str]]) -> None:
    built = SearchCriteria()
    for group in groups:
        built = built.where_any(*group)
    for name, direction in sorts:
        built = built.order_by(name, direction)  # type: ignore[arg-type]
    built = built.page(3, 2)
    body = client.orders.search(built)
    assert body["search_criteria"] == echoed(built)


# -- paging against the emulator (Magento 2.4) ------------------------------------------------------------------------
def test_a_page_past_the_end_is_empty_with_the_full_total(client: MagentoClient) -> None:
    body = client.orders.search(SearchCriteria().page(2, 101))
    assert body["items"] == [] and body["total_count"] == 200
    assert (body["search_criteria"]["page_size"], body["search_criteria"]["current_page"]) == (2, 101)


@pytest.mark.parametrize("page_size", [1, 2, 5, 10, 100, 199, 200, 201])
def test_iter_raw_sees_every_order_once(client: MagentoClient, page_size: int) -> None:
    walk = PageWalk()
    pages = list(client.orders.iter_pages(SearchCriteria().order_by("entity_id"), page_size=page_size, walk=walk))
    ids = [o["entity_id"] for page in pages for o in page.items]
    assert ids == list(range(1, 201))
    assert walk.pages == -(-200 // page_size) and not walk.repeated_last_page and not walk.total_changed
    assert [o["entity_id"] for o in client.orders.iter_raw(page_size=page_size)] == list(range(1, 201))


def test_iter_with_a_filter_and_typed_models(client: MagentoClient) -> None:
    orders = list(client.orders.iter(SearchCriteria().where("state", "processing").order_by("entity_id"), page_size=2))
    assert [o.entity_id for o in orders] == [8, 10, 11, 13, 18, 20, 21, 23, 29, 31, 42, 49, 51, 52, 62, 69, 71, 72,
                                             82, 89, 91, 92, 102, 109, 111, 122, 129, 131, 132, 142, 149, 151,
                                             152, 162, 169, 171, 182, 189, 191, 192]
    assert {o.state for o in orders} == {"processing"}


# -- paging against simulated servers (2.3, totals that move) --------------------------------------------------------
class Simulated:
    """A list route over ``rows`` sorted as given; ``version`` "2.4" answers ``[]`` past the end,
    "2.3" the last page again (Fw/Data/Collection::getCurPage clamps the page in 2.3).
    ``between(page_number)`` runs before each page is answered (rows changing underway)."""

    def __init__(self, rows: list[int], version: str = "2.4", total_offset: int = 0,
                 between: Callable[[Simulated, int], None] | None = None) -> None:
        self.rows = list(rows)
        self.version = version
        self.total_offset = total_offset
        self.between = between
        self.calls: list[int] = []

    def fetch(self, c: SearchCriteria) -> Mapping[str, Any]:
        assert c.page_size is not None and c.current_page is not None
        self.calls.append(c.current_page)
        if self.between:
            self.between(self, c.current_page)
        size, page = c.page_size, c.current_page
        total = len(self.rows) + self.total_offset
        last = max(1, -(-total // size))       # the clamp uses the count it reports (getSize)
        if page > last and self.version == "2.3":
            page = last
        chunk = self.rows[(page - 1) * size: page * size]
        return {"items": [{"entity_id": r} for r in chunk], "total_count": total}


def walk_ids(server: Simulated, size: int, walk: PageWalk | None = None) -> list[int]:
    got = []
    for page in iter_pages(server.fetch, SearchCriteria(), size, walk=walk):
        got += [i["entity_id"] for i in page.items]
    return got


def item_ids(server: Simulated, size: int) -> list[int]:
    return [i["entity_id"] for i in iter_items(server.fetch, SearchCriteria(), size)]


@settings(max_examples=200)
@given(st.integers(0, 60), st.integers(1, 15), st.sampled_from(["2.3", "2.4"]))
def test_every_row_once_when_nothing_changes(n: int, size: int, version: str) -> None:
    server = Simulated(list(range(1, n + 1)), version)
    assert item_ids(server, size) == list(range(1, n + 1))


def test_24_stops_at_an_empty_page() -> None:
    # total_count says 25 but only 20 rows come (rows deleted after the count): page 3 is empty
    server = Simulated(list(range(1, 21)), "2.4", total_offset=5)
    walk = PageWalk()
    assert walk_ids(server, 10, walk) == list(range(1, 21))
    assert server.calls == [1, 2, 3] and walk.pages == 2 and not walk.repeated_last_page


def test_23_repeated_last_page_is_not_read_twice() -> None:
    def shrink(s: Simulated, page: int) -> None:
        if page == 3:
            del s.rows[20:]                    # the last rows go while paging: 20 rows, 2 pages now

    server = Simulated(list(range(1, 26)), "2.3", between=shrink)
    walk = PageWalk()
    assert walk_ids(server, 10, walk) == list(range(1, 21))
    assert server.calls == [1, 2, 3] and walk.repeated_last_page and walk.pages == 2
    assert walk.totals == [25, 25, 20]


def test_23_clamped_page_with_unseen_rows_is_read() -> None:
    def shrink(s: Simulated, page: int) -> None:
        if page == 3:
            del s.rows[:5]                     # the first rows go: page 3 is clamped to 16..25

    server = Simulated(list(range(1, 26)), "2.3", between=shrink)
    assert item_ids(server, 10) == list(range(1, 26))


def test_a_whole_page_shifted_by_inserts_is_not_taken_for_a_repeat() -> None:
    def prepend(s: Simulated, page: int) -> None:
        if page == 2:
            s.rows[:0] = [-1, -2]              # two new rows before the cursor, page size 2

    server = Simulated(list(range(1, 7)), "2.4", between=prepend)
    walk = PageWalk()
    assert walk_ids(server, 2, walk) == [1, 2, 1, 2, 3, 4, 5, 6]
    assert not walk.repeated_last_page
    server = Simulated(list(range(1, 7)), "2.4", between=prepend)
    assert item_ids(server, 2) == [1, 2, 3, 4, 5, 6]


def test_a_growing_total_is_followed() -> None:
    def grow(s: Simulated, page: int) -> None:
        if page == 2:
            s.rows += [21, 22, 23, 24, 25]     # created while paging, sorted after the cursor

    server = Simulated(list(range(1, 21)), between=grow)
    walk = PageWalk()
    assert walk_ids(server, 10, walk) == list(range(1, 26))
    assert walk.total_changed and walk.totals == [20, 25, 25]


@settings(max_examples=200)
@given(st.integers(0, 40), st.integers(1, 12), st.lists(st.integers(0, 8), max_size=8),
       st.sampled_from(["2.3", "2.4"]))
def test_rows_appended_while_paging_are_all_seen(n: int, size: int, added: list[int], version: str) -> None:
    """An incremental pull sorts by id (or updated_at) ascending: rows made underway land after the
    cursor. Every row, old and new, comes once."""
    plan = iter(added)
    counter = [n]

    def append(s: Simulated, page: int) -> None:
        for _ in range(next(plan, 0)):
            counter[0] += 1
            s.rows.append(counter[0])

    server = Simulated(list(range(1, n + 1)), version, between=append)
    assert item_ids(server, size) == server.rows


@settings(max_examples=200)
@given(st.integers(1, 40), st.integers(1, 12), st.lists(st.integers(0, 12), max_size=8))
def test_rows_inserted_before_the_cursor_are_not_yielded_twice(n: int, size: int, inserted: list[int]) -> None:
    """Newest first (a DESC sort) with orders arriving: older rows shift onto the next page. Each row
    comes at most once, and every row that existed before the walk comes."""
    plan = iter(inserted)
    counter = [0]

    def prepend(s: Simulated, page: int) -> None:
        if page > 1:
            for _ in range(next(plan, 0)):
                counter[0] -= 1
                s.rows.insert(0, counter[0])

    server = Simulated(list(range(1, n + 1)), between=prepend)
    got = item_ids(server, size)
    assert len(got) == len(set(got))
    assert set(range(1, n + 1)) <= set(got)


def test_identity_of_compound_keys() -> None:
    assert identity({"sku": "a", "source_code": "eu"}, ("sku", "source_code")) == ("a", "eu")
    assert identity({"x": 1}, ("sku", "source_code")) is None
    assert identity("not a dict", "entity_id") is None
