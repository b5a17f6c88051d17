"""The order list's bytes against a plain reference: the page read order by order (``get``), written
by the output rule and encoder as first written (one walk each, no sharing), on the default and edge
profiles. The fast path (one query per page, the output rule writing PHP values as it goes and
sharing an object met twice, php_json skipping the walk) must not change one byte.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fake_magento.backend.sales import ORDERS
from fake_magento.backend.sales.orders import ORDER_ITEMS
from fake_magento.http.encoding import php_json
from fake_magento.http.query import parse_query
from fake_magento.http.service_output import DataObjectProcessor
from fake_magento.http.service_types import FIELDS, REQUIRED, RESULT
from fake_magento.search import parse_search_criteria, run_search, search_result
from fake_magento.search.fields import apply_fields
from tests.support import RestClient, admin_token, make_app

LIST = "GET /V1/orders"
F = "searchCriteria[filter_groups][{}][filters][{}][{}]={}"
CRITERIA = {
    "all": "searchCriteria=",
    "page 2 of 7 by grand_total": "searchCriteria[pageSize]=7&searchCriteria[currentPage]=2"
                                  "&searchCriteria[sortOrders][0][field]=grand_total"
                                  "&searchCriteria[sortOrders][0][direction]=DESC",
    "sync window": "&".join([F.format(0, 0, "field", "updated_at"), F.format(0, 0, "value", quote("2000-01-01 00:00:00")),
                             F.format(0, 0, "condition_type", "gteq"), F.format(1, 0, "field", "status"),
                             F.format(1, 0, "value", "processing,complete"), F.format(1, 0, "condition_type", "in"),
                             "searchCriteria[sortOrders][0][field]=updated_at",
                             "searchCriteria[sortOrders][0][direction]=ASC", "searchCriteria[pageSize]=100"]),
    "or group": "&".join([F.format(0, 0, "field", "status"), F.format(0, 0, "value", "pending"),
                          F.format(0, 1, "field", "status"), F.format(0, 1, "value", "canceled")]),
    "fields": "searchCriteria[pageSize]=10&fields=items[entity_id,increment_id,items[sku,qty_ordered],"
              "extension_attributes[shipping_assignments]],total_count",
}


# -- the reference: the rule and the encoder written the plain way ---------------------------------
def reference_write(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind.endswith("[]"):
        item = kind[:-2]
        if item not in FIELDS:
            return value
        if isinstance(value, list):
            return [reference_write(v, item) for v in value]
        if isinstance(value, dict) and not (value.keys() & FIELDS[item].keys()):
            return {k: reference_write(v, item) for k, v in value.items()}
        return value
    fields = FIELDS.get(kind)
    if fields is None or not isinstance(value, dict):
        return value
    required = frozenset(REQUIRED.get(kind, ()))
    out: dict[str, Any] = {}
    for key, item in value.items():
        if item is None:
            if key in required or key not in fields:
                out[key] = None
            continue
        out[key] = reference_write(item, fields[key]) if key in fields else item
    for key in required:
        if key not in out:
            out[key] = None
    return out


def whole(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: whole(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [whole(v) for v in value]
    if type(value) is float and math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return int(value)
    return value


def reference_json(value: Any) -> bytes:
    return json.dumps(whole(value), separators=(",", ":")).replace("/", "\\/").encode()


# -- the pages ------------------------------------------------------------------------------------
@pytest.fixture(scope="module", params=["default", "edge"])
def shop(request: pytest.FixtureRequest) -> Iterator[RestClient]:
    application = make_app(profile=request.param)
    flask_client = application.test_client()
    rest = RestClient(flask_client, admin_token(flask_client, application.extensions["fake_magento"]))
    rest.backend = application.extensions["fake_magento"]  # type: ignore[attr-defined]
    yield rest
    application.extensions["fake_magento"].close()


@pytest.mark.parametrize("name", list(CRITERIA))
def test_a_page_of_orders_is_the_orders_read_one_by_one_written_the_plain_way(shop: RestClient, name: str) -> None:
    backend = shop.backend  # type: ignore[attr-defined]
    query = parse_query(CRITERIA[name])
    criteria = parse_search_criteria(query)
    ids, total = run_search(backend.db, ORDERS, criteria, config=backend.config)
    assert ids, "the profile has orders for this page"
    expected = reference_write(search_result([backend.sales.get(i) for i in ids], criteria, total),
                               RESULT[LIST])
    if "fields" in query:
        expected = apply_fields(expected, query["fields"])
    resp = shop.get("/orders?" + CRITERIA[name])
    assert resp.status_code == 200
    assert resp.get_data() == reference_json(expected)


ITEM_PAGES = {"first 200": "searchCriteria[pageSize]=200",
              "page 3 of 9 by sku": "searchCriteria[pageSize]=9&searchCriteria[currentPage]=3"
                                    "&searchCriteria[sortOrders][0][field]=sku"
                                    "&searchCriteria[sortOrders][0][direction]=DESC"}


@pytest.mark.parametrize("name", list(ITEM_PAGES))
def test_a_page_of_order_items_is_the_items_read_one_by_one(shop: RestClient, name: str) -> None:
    backend = shop.backend  # type: ignore[attr-defined]
    criteria = parse_search_criteria(parse_query(ITEM_PAGES[name]))
    ids, total = run_search(backend.db, ORDER_ITEMS, criteria, config=backend.config)
    expected = reference_write(search_result([backend.sales.item(i) for i in ids], criteria, total),
                               RESULT["GET /V1/orders/items"])
    assert shop.get("/orders/items?" + ITEM_PAGES[name]).get_data() == reference_json(expected)


def test_the_first_page_of_items_has_children_shown_with_their_parent(shop: RestClient) -> None:
    items = shop.get("/orders/items?" + ITEM_PAGES["first 200"]).get_json()["items"]
    assert any("parent_item" in item for item in items)


def test_every_order_read_alone_is_written_the_plain_way(shop: RestClient) -> None:
    backend = shop.backend  # type: ignore[attr-defined]
    ids = [r[0] for r in backend.db.query("SELECT entity_id FROM sales_order ORDER BY entity_id")]
    for order_id in ids:
        expected = reference_write(backend.sales.get(order_id), RESULT["GET /V1/orders/:id"])
        assert shop.get(f"/orders/{order_id}").get_data() == reference_json(expected)


# -- the rule on any data -------------------------------------------------------------------------
ORDER = "sales-data-order-interface"
leaves = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=5),
                   st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([100.0, -0.0, 1e15, 2.5, 1e16]))
# keys the order interface and the definitions under it declare, plus some it does not
keys = st.sampled_from(sorted(set(FIELDS[ORDER]) | set(FIELDS["sales-data-order-item-interface"])
                              | set(FIELDS["sales-data-order-extension-interface"]) | {"shipping", "address",
                                                                                      "extra", "0"}))
values = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(keys, inner, max_size=6)), max_leaves=30)


@given(st.dictionaries(keys, values, max_size=12), st.booleans())
@example({"grand_total": 1e15, "subtotal": 999999999999999.0, "base_grand_total": -1e15, "tax_amount": math.inf,
          "discount_amount": math.nan, "total_paid": -0.0, "weight": 1e16, "items": [{"price": 8.0, "sku": None}],
          "extra": [2.0, (3.0,)]}, True)
def test_the_output_rule_writes_what_the_plain_rule_writes(order: dict[str, Any], share: bool) -> None:
    if share and isinstance(order.get("items"), list):  # one object in two places, as an order's items
        order["extension_attributes"] = {"shipping_assignments": [{"items": order["items"]}]}
    processor = DataObjectProcessor()
    result = {"items": [order, order], "total_count": 2}
    assert php_json(processor.answer(LIST, result)).encode() == reference_json(reference_write(result, RESULT[LIST]))
    assert php_json(processor.answer("GET /V1/orders/:id", order)).encode() == reference_json(
        reference_write(order, ORDER))
