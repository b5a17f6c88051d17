"""A null (or "") sent for a product attribute, per scope, as a real Magento 2.4.7-p3 answers.

Evidence: the sandbox, 2026-12-03. Products H10N-1..8 created with POST /rest/all/V1/products (name
"H10N admin <i>", description "admin desc", price 5), overrides written with PUT /rest/de/V1/products
(name "H10N de <i>", description "de desc") and PUT /rest/V1/products (name "H10N default 4"), then:
  PUT /rest/de/V1/products/H10N-1 {"product":{"sku":"H10N-1","name":null}}  -> 200, de reads the admin name,
      the de description override stays
  PUT /rest/de/V1/products/H10N-3 (no override) name null                  -> 200, admin name
  PUT /rest/all/V1/products/H10N-7 name null                               -> 400 'The "Product Name" ...'
  PUT /rest/V1/products/H10N-4 name null (the default view's override)     -> 200, admin name
  PUT /rest/de/V1/products/H10N-2 description null                         -> 200, admin description
  PUT /rest/de/V1/products/H10N-5 price null; status null                  -> 200, unchanged (no override)
  PUT /rest/de/V1/products/H10N-8 name ""                                  -> 400 'The "Product Name" ...'
  PUT /rest/all/V1/products/H10N-7 description null                        -> 200, no description
  status 2 through de, then status null through de                         -> 200, status 1 again
  The sandbox has catalog/price/scope=1 (website): price 99 and special_price 7 through de read 99/7
      in de and fr, 9/5 in the default view and in all; then price null and special_price null
      through de -> 200, every scope reads 9/5 again
  cost "" / special_price "" through all (create or update)                -> "0.000000"; through de ->
      de and fr read "0.000000", the default view and all keep their value
The same script run against the emulator answers the same after this change.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

EMPTY_NAME = {"message": 'The "Product Name" attribute value is empty. Set the attribute and try again.'}


@pytest.fixture
def scopes(admin):
    return {p: admin.with_prefix(f"/rest/{p}V1") for p in ("", "all/", "de/", "fr/")}


def _create(scopes, sku: str, **custom: object) -> None:
    attrs = [{"attribute_code": "description", "value": "admin desc"}]
    attrs += [{"attribute_code": k, "value": v} for k, v in custom.items()]
    resp = scopes["all/"].post("/products", {"product": {
        "sku": sku, "name": f"{sku} admin", "attribute_set_id": 4, "price": 5, "type_id": "simple",
        "custom_attributes": attrs}})
    assert resp.status_code == 200, resp.get_json()


def _put(client, sku: str, **fields: object):
    custom = fields.pop("custom", None)
    product = {"sku": sku, **fields}
    if custom is not None:
        product["custom_attributes"] = [{"attribute_code": k, "value": v} for k, v in custom.items()]
    return client.put("/products/" + quote(sku, safe=""), {"product": product})


def _read(client, sku: str) -> dict:
    body = client.get("/products/" + quote(sku, safe="")).get_json()
    body["custom"] = {a["attribute_code"]: a["value"] for a in body.get("custom_attributes", [])}
    return body


@pytest.mark.parametrize("view", ["de/", ""])
def test_a_null_name_in_a_view_falls_back_to_the_admin_name(scopes, view):
    _create(scopes, "N-1")
    _put(scopes[view], "N-1", name="N-1 view", custom={"description": "view desc"})
    resp = _put(scopes[view], "N-1", name=None)
    assert resp.status_code == 200 and resp.get_json()["name"] == "N-1 admin"
    after = _read(scopes[view], "N-1")
    assert after["name"] == "N-1 admin"
    assert after["custom"]["description"] == "view desc"   # what was not sent keeps its override


def test_a_null_name_without_override_is_accepted(scopes):
    _create(scopes, "N-3")
    resp = _put(scopes["de/"], "N-3", name=None)
    assert resp.status_code == 200 and resp.get_json()["name"] == "N-3 admin"


def test_null_or_empty_name_is_refused_where_it_would_be_empty(scopes):
    _create(scopes, "N-7")
    resp = _put(scopes["all/"], "N-7", name=None)
    assert (resp.status_code, resp.get_json()) == (400, EMPTY_NAME)
    resp = _put(scopes["de/"], "N-7", name="")
    assert (resp.status_code, resp.get_json()) == (400, EMPTY_NAME)
    assert _read(scopes["de/"], "N-7")["name"] == "N-7 admin"


def test_a_null_description_in_a_view_falls_back_and_in_all_removes_it(scopes):
    _create(scopes, "N-2")
    _put(scopes["de/"], "N-2", custom={"description": "de desc"})
    assert _put(scopes["de/"], "N-2", custom={"description": None}).status_code == 200
    assert _read(scopes["de/"], "N-2")["custom"]["description"] == "admin desc"
    assert _put(scopes["all/"], "N-2", custom={"description": None}).status_code == 200
    assert "description" not in _read(scopes["all/"], "N-2")["custom"]


@pytest.fixture
def website_prices():
    """The sandbox runs catalog/price/scope=1 (website): a price set through de reads 99 in de and fr,
    9 in the default view and in all (measured)."""
    from tests.support import RestClient, admin_token, make_app

    app = make_app(price_scope=1)
    client = app.test_client()
    admin = RestClient(client, admin_token(client, app.extensions["fake_magento"]))
    yield {p: admin.with_prefix(f"/rest/{p}V1") for p in ("", "all/", "de/", "fr/")}
    app.extensions["fake_magento"].close()


def test_a_null_website_price_in_a_view_reverts_to_the_admin_value(website_prices):
    scopes = website_prices
    _create(scopes, "N-5", special_price=5)
    _put(scopes["de/"], "N-5", price=99, custom={"special_price": 7})
    assert (_read(scopes["fr/"], "N-5")["price"], _read(scopes[""], "N-5")["price"]) == (99, 5)
    assert _put(scopes["de/"], "N-5", price=None, custom={"special_price": None}).status_code == 200
    for view in ("de/", "fr/", "", "all/"):
        body = _read(scopes[view], "N-5")
        assert (body["price"], body["custom"]["special_price"]) == (5, "5.000000")


def test_a_null_status_in_a_view_reverts_the_website_value(scopes):
    _create(scopes, "N-6")
    _put(scopes["de/"], "N-6", status=2)
    assert _read(scopes["fr/"], "N-6")["status"] == 2
    assert _put(scopes["de/"], "N-6", status=None).status_code == 200
    assert [_read(scopes[v], "N-6")["status"] for v in ("de/", "fr/", "all/")] == [1, 1, 1]


def test_an_empty_decimal_is_stored_as_zero(scopes, website_prices):
    _create(scopes, "N-9", special_price=5, cost=3)
    assert _put(scopes["all/"], "N-9", custom={"special_price": "", "cost": ""}).status_code == 200
    custom = _read(scopes["all/"], "N-9")["custom"]
    assert (custom["special_price"], custom["cost"]) == ("0.000000", "0.000000")
    # through de with website prices: de and fr read 0, the admin value stays
    _create(website_prices, "N-9", special_price=5, cost=3)
    assert _put(website_prices["de/"], "N-9", custom={"special_price": "", "cost": ""}).status_code == 200
    for view, expected in (("de/", "0.000000"), ("fr/", "0.000000"), ("", "5.000000"), ("all/", "5.000000")):
        assert _read(website_prices[view], "N-9")["custom"]["special_price"] == expected
