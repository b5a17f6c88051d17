"""searchCriteria semantics and paging (Fw/Api/SearchCriteria, Fw/Webapi/ServiceInputProcessor).

Filters inside a group are ORed, groups are ANDed; ``condition_type`` defaults to ``eq``; sort
orders apply in the order given; a page past the end is empty on 2.4 with the full ``total_count``;
``fields`` trims the answer. Every query is limited to this run's products by a ``like`` on the prefix.
"""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import create_product, ok, search
from contracts.target import Target

PRICES = {"a": 30, "b": 10, "c": 50, "d": 20, "e": 40}


@pytest.fixture(scope="module")
def catalogue(target: Target) -> dict[str, dict[str, Any]]:
    """Five simple products, ``<prefix>-s-a`` .. ``-s-e``, priced out of name order."""
    return {key: create_product(target, f"s-{key}", price=price) for key, price in PRICES.items()}


def mine(target: Target) -> tuple[str, str, str]:
    return ("sku", f"{target.prefix}-s-%", "like")


def skus(answer: dict[str, Any]) -> list[str]:
    return [item["sku"].rsplit("-", 1)[-1] for item in answer["items"]]


def products(target: Target, query: list[tuple[str, str]], store: str | None = None) -> dict[str, Any]:
    return dict(ok(target.client().get("/V1/products", query=query, store=store)))


def test_like_filter_finds_this_runs_products(target: Target, catalogue: Any) -> None:
    found = products(target, search(mine(target), sort=[("sku", "ASC")]))
    assert skus(found) == ["a", "b", "c", "d", "e"]
    assert found["total_count"] == 5


def test_groups_are_anded(target: Target, catalogue: Any) -> None:
    found = products(target, search(mine(target), ("price", 25, "gt"), sort=[("price", "ASC")]))
    assert skus(found) == ["a", "e", "c"]
    assert found["total_count"] == 3


def test_filters_in_a_group_are_ored(target: Target, catalogue: Any) -> None:
    group = [("sku", f"{target.prefix}-s-b", "eq"), ("sku", f"{target.prefix}-s-d", None)]
    found = products(target, search(groups=[group], sort=[("sku", "DESC")]))
    assert skus(found) == ["d", "b"]


@pytest.mark.parametrize(("condition", "value", "expected"), [
    ("eq", "20", ["d"]), ("neq", "20", ["a", "b", "c", "e"]), ("gt", "30", ["c", "e"]),
    ("gteq", "30", ["a", "c", "e"]), ("lt", "30", ["b", "d"]), ("lteq", "30", ["a", "b", "d"]),
    ("in", "10,50", ["b", "c"]), ("nin", "10,50", ["a", "d", "e"]), ("from", "20", ["a", "c", "d", "e"]),
    ("to", "20", ["b", "d"]),
])
def test_condition_types_on_price(target: Target, catalogue: Any, condition: str, value: str,
                                  expected: list[str]) -> None:
    found = products(target, search(mine(target), ("price", value, condition), sort=[("sku", "ASC")]))
    assert skus(found) == expected


def test_sort_orders_apply_in_order(target: Target, catalogue: Any) -> None:
    found = products(target, search(mine(target), sort=[("price", "DESC")]))
    assert skus(found) == ["c", "e", "a", "d", "b"]


def test_paging_walks_the_result_and_echoes_the_criteria(target: Target, catalogue: Any) -> None:
    pages = [products(target, search(mine(target), sort=[("sku", "ASC")], page_size=2, current_page=n))
             for n in (1, 2, 3)]
    assert [skus(p) for p in pages] == [["a", "b"], ["c", "d"], ["e"]]
    assert {p["total_count"] for p in pages} == {5}
    criteria = pages[1]["search_criteria"]
    assert criteria["page_size"] == 2 and criteria["current_page"] == 2
    assert criteria["sort_orders"] == [{"field": "sku", "direction": "ASC"}]
    assert criteria["filter_groups"] == [{"filters": [
        {"field": "sku", "value": f"{target.prefix}-s-%", "condition_type": "like"}]}]


def test_a_page_past_the_end_is_empty_with_the_full_count(target: Target, catalogue: Any) -> None:
    """Magento 2.4 (measured on 2.4.7-p3): items [], total_count unchanged, criteria echoed."""
    found = products(target, search(mine(target), page_size=2, current_page=99))
    assert found["items"] == []
    assert found["total_count"] == 5
    assert found["search_criteria"]["current_page"] == 99


def test_camel_case_spelling_is_accepted(target: Target, catalogue: Any) -> None:
    query = [("searchCriteria[filterGroups][0][filters][0][field]", "sku"),
             ("searchCriteria[filterGroups][0][filters][0][value]", f"{target.prefix}-s-%"),
             ("searchCriteria[filterGroups][0][filters][0][conditionType]", "like"),
             ("searchCriteria[sortOrders][0][field]", "price"),
             ("searchCriteria[sortOrders][0][direction]", "ASC"),
             ("searchCriteria[pageSize]", "3")]
    found = products(target, query)
    assert skus(found) == ["b", "d", "a"]
    assert found["total_count"] == 5


def test_fields_trims_the_answer(target: Target, catalogue: Any) -> None:
    query = search(mine(target), sort=[("sku", "ASC")]) + [("fields", "items[sku,price],total_count")]
    found = products(target, query)
    assert found == {"items": [{"sku": p["sku"], "price": p["price"]} for p in
                               sorted(catalogue.values(), key=lambda p: p["sku"])], "total_count": 5}


def test_no_match_is_an_empty_page(target: Target, catalogue: Any) -> None:
    found = products(target, search(("sku", f"{target.prefix}-none-%", "like")))
    assert found["items"] == [] and found["total_count"] == 0


def test_ten_or_more_groups_keep_the_oauth_signature_valid(target: Target, catalogue: Any) -> None:
    """laminas orders signed parameters with strnatcmp: index 10 sorts after 9, not after 1."""
    filters = [("sku", f"{target.prefix}-s-%", "like")] * 11
    found = products(target, search(*filters, page_size=1))
    assert found["total_count"] == 5
