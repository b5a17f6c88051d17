"""Every named case of the ``edge`` profile, found through the REST API as README lists it.

One test per case name (EDGE_CASES): the request in the registry is sent as written, and the
answer must show the case.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from fake_magento.seed import edge_cases as names
from fake_magento.seed.edge_cases import EDGE_CASES, ORDER_STATES
from tests.support import RestClient, admin_token, make_app


@pytest.fixture(scope="module")
def edge() -> Iterator[RestClient]:
    app = make_app(profile="edge")
    client = app.test_client()
    yield RestClient(client, admin_token(client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def attribute(product: dict[str, Any], code: str) -> Any:
    return next((a["value"] for a in product.get("custom_attributes", []) if a["attribute_code"] == code), None)


def only(body: dict[str, Any]) -> dict[str, Any]:
    assert body["total_count"] == 1, body
    return dict(body["items"][0])


def sku_is(sku: str) -> Callable[[Any, RestClient], None]:
    def check(body: Any, rest: RestClient) -> None:
        assert body["sku"] == sku
    return check


def children(rest: RestClient, sku: str) -> list[dict[str, Any]]:
    from urllib.parse import quote

    return list(rest.get(f"/rest/V1/configurable-products/{quote(sku, safe='')}/children").get_json())


def salable(rest: RestClient, sku: str) -> bool:
    from urllib.parse import quote

    return bool(rest.get(f"/rest/V1/inventory/is-product-salable/{quote(sku, safe='')}/1").get_json())


def check_sold_out_configurable(body: Any, rest: RestClient) -> None:
    kids = children(rest, body["sku"])
    assert len(kids) == 2
    assert not any(salable(rest, kid["sku"]) for kid in kids)


def check_matrix(body: Any, rest: RestClient) -> None:
    options = body["extension_attributes"]["configurable_product_options"]
    assert [len(o["values"]) for o in options] == [3, 3]
    kids = children(rest, body["sku"])
    assert len(kids) == 9
    assert [k["sku"] for k in kids if k["status"] == 2] == ["EDGE-CONF-3X3-Red-L"]


def check_bundle(price_type: str, shipment_type: str) -> Callable[[Any, RestClient], None]:
    def check(body: Any, rest: RestClient) -> None:
        assert (attribute(body, "price_type"), attribute(body, "shipment_type")) == (price_type, shipment_type)
        assert len(body["extension_attributes"]["bundle_product_options"]) == 2
    return check


def check_grouped(body: Any, rest: RestClient) -> None:
    linked = [link["linked_product_sku"] for link in body["product_links"] if link["link_type"] == "associated"]
    assert linked == ["EDGE-GROUPED-IN", "EDGE-GROUPED-OUT"]
    assert [salable(rest, sku) for sku in linked] == [True, False]


def check_view_overrides(body: Any, rest: RestClient) -> None:
    assert body["name"] == "Reisebecher"
    assert rest.get("/rest/fr/V1/products/EDGE-VIEW-OVERRIDES").get_json()["name"] == "Mug de voyage"
    assert rest.get("/rest/all/V1/products/EDGE-VIEW-OVERRIDES").get_json()["name"] == "Travel mug"
    app = make_app(profile="edge", price_scope=1)  # catalog/price/scope = website
    client = app.test_client()
    web = RestClient(client, admin_token(client, app.extensions["fake_magento"]))
    assert web.get("/rest/de/V1/products/EDGE-VIEW-OVERRIDES").get_json()["price"] == 18.5
    assert web.get("/rest/default/V1/products/EDGE-VIEW-OVERRIDES").get_json()["price"] == 20
    app.extensions["fake_magento"].close()


def check_many_categories(body: Any, rest: RestClient) -> None:
    assert len(body["extension_attributes"]["category_links"]) == 8


def check_backorders(body: Any, rest: RestClient) -> None:
    assert (body["qty"], body["backorders"], body["is_in_stock"]) == (0, 1, True)


def check_sources(body: Any, rest: RestClient) -> None:
    assert {s["source_code"]: s["enabled"] for s in body["items"]} == {
        "default": True, "eu_warehouse": True, "us_east": False}


def check_six_levels(body: Any, rest: RestClient) -> None:
    category = only(body)
    assert category["level"] == 7  # Root Catalog 0, Default Category 1, then six levels
    assert len(category["path"].split("/")) == 8


def check_customer(addresses: int) -> Callable[[Any, RestClient], None]:
    def check(body: Any, rest: RestClient) -> None:
        assert len(only(body)["addresses"]) == addresses
    return check


def check_unicode(body: Any, rest: RestClient) -> None:
    customer = only(body)
    assert (customer["firstname"], customer["lastname"]) == (names.UNICODE_FIRST, names.UNICODE_LAST)


def check_two_websites(body: Any, rest: RestClient) -> None:
    assert sorted(c["website_id"] for c in body["items"]) == [1, 2]


def check_order(predicate: Callable[[dict[str, Any], RestClient], None], count: int = 1) -> Callable[[Any, RestClient], None]:
    def check(body: Any, rest: RestClient) -> None:
        assert body["total_count"] == count, body
        for order in body["items"]:
            predicate(order, rest)
    return check


def state_is(state: str) -> Callable[[dict[str, Any], RestClient], None]:
    def check(order: dict[str, Any], rest: RestClient) -> None:
        assert (order["state"], order["customer_is_guest"]) == (state, 1)
    return check


def quantities(order: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    return [(i["qty_ordered"], i["qty_invoiced"], i["qty_shipped"], i["qty_refunded"]) for i in order["items"]]


def documents(rest: RestClient, kind: str, order_id: int) -> list[dict[str, Any]]:
    from tests.support import search_query

    query = search_query([[("order_id", order_id, None)]])
    return list(rest.get(f"/rest/V1/{kind}?{query}").get_json()["items"])


def shipments_with_tracks(shipments: int, tracks: list[int]) -> Callable[[dict[str, Any], RestClient], None]:
    def check(order: dict[str, Any], rest: RestClient) -> None:
        found = documents(rest, "shipments", order["entity_id"])
        assert len(found) == shipments
        assert [len(s["tracks"]) for s in found] == tracks
    return check


def same_second(body: Any, rest: RestClient) -> None:
    assert body["total_count"] == 3
    assert len({o["updated_at"] for o in body["items"]}) == 1


CHECKS: dict[str, Callable[[Any, RestClient], None]] = {
    "sku-with-space": sku_is(names.SKU_SPACE),
    "sku-with-slash": sku_is(names.SKU_SLASH),
    "sku-with-plus": sku_is(names.SKU_PLUS),
    "sku-with-percent": sku_is(names.SKU_PERCENT),
    "sku-non-ascii": sku_is(names.SKU_NON_ASCII),
    "sku-max-length": lambda body, rest: (sku_is(names.SKU_MAX_LENGTH)(body, rest), len(body["sku"]) == 64),
    "name-very-long": lambda body, rest: (len(body["name"]) == 255) or pytest.fail(body["name"]),
    "name-emoji": lambda body, rest: (body["name"] == names.EMOJI_NAME) or pytest.fail(body["name"]),
    "name-right-to-left": lambda body, rest: (body["name"] == names.RTL_NAME) or pytest.fail(body["name"]),
    "configurable-no-salable-child": check_sold_out_configurable,
    "configurable-3x3-disabled-child": check_matrix,
    "bundle-dynamic-together": check_bundle("0", "0"),
    "bundle-fixed-separately": check_bundle("1", "1"),
    "grouped-out-of-stock-child": check_grouped,
    "virtual-product": lambda body, rest: (body["type_id"] == "virtual") or pytest.fail(body["type_id"]),
    "downloadable-product": lambda body, rest: (
        body["type_id"], len(body["extension_attributes"]["downloadable_product_links"]),
        len(body["extension_attributes"]["downloadable_product_samples"])) == ("downloadable", 1, 1) or pytest.fail(),
    "zero-price": lambda body, rest: (body["price"] == 0) or pytest.fail(str(body["price"])),
    "disabled-product": lambda body, rest: (body["status"] == 2) or pytest.fail(),
    "not-visible-product": lambda body, rest: (body["visibility"] == 1) or pytest.fail(),
    "second-website-only": lambda body, rest: (body["extension_attributes"]["website_ids"] == [2]) or pytest.fail(),
    "store-view-overrides": check_view_overrides,
    "product-in-many-categories": check_many_categories,
    "backorderable-product": check_backorders,
    "three-sources-one-disabled": check_sources,
    "category-six-levels": check_six_levels,
    "customer-several-addresses": check_customer(3),
    "customer-no-address": check_customer(0),
    "customer-unicode-name": check_unicode,
    "email-on-two-websites": check_two_websites,
    "guest-order": check_order(lambda o, rest: (o["customer_is_guest"] == 1 and o.get("customer_id") is None)
                               or pytest.fail()),
    **{f"order-state-{s.replace('_', '-')}": check_order(state_is(s)) for s in ORDER_STATES},
    "order-partly-invoiced": check_order(lambda o, rest: (quantities(o) == [(3, 1, 0, 0)]) or pytest.fail(
        str(quantities(o)))),
    "order-partly-shipped": check_order(lambda o, rest: (quantities(o) == [(3, 3, 1, 0)], o["state"] == "processing")
                                        == (True, True) or pytest.fail(str(quantities(o)))),
    "order-partly-refunded": check_order(lambda o, rest: (quantities(o) == [(3, 3, 3, 1)], o["state"] == "complete")
                                         == (True, True) or pytest.fail(str(quantities(o)))),
    "order-several-shipments": check_order(shipments_with_tracks(2, [1, 1])),
    "order-several-tracks": check_order(shipments_with_tracks(1, [2])),
    "order-with-discount": check_order(lambda o, rest: (o["discount_amount"] == -6 and o["coupon_code"] == "SEED10")
                                       or pytest.fail(str((o["discount_amount"], o.get("coupon_code"))))),
    "order-free-shipping": check_order(lambda o, rest: (
        o["extension_attributes"]["shipping_assignments"][0]["shipping"]["method"] == "freeshipping_freeshipping"
        and (o["shipping_amount"], o["shipping_description"]) == (0, "Free Shipping - Free")) or pytest.fail()),
    "orders-same-updated-at": same_second,
}


def test_every_case_has_a_check():
    assert list(CHECKS) == list(EDGE_CASES)


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_case_is_found_through_the_api(edge, name):
    response = edge.get("/rest" + EDGE_CASES[name].find)
    assert response.status_code == 200, response.get_data(as_text=True)
    CHECKS[name](response.get_json(), edge)


def test_readme_lists_every_case():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    for case in EDGE_CASES.values():
        assert f"| `{case.name}` |" in readme and case.find in readme, case.name
