"""Store scope of product saves and reads, ported from ProductRepositoryMultiStoreTest,
ProductRepositoryMultiWebsiteTest and ProductRepositoryAllStoreViewsTest (2.4.6-p1).

Topology: website 1 (view ``default``, store 1), website 2 (views ``de`` 2 and ``fr`` 3).
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.support import RestClient, admin_token, make_app


def path(sku: str) -> str:
    return "/products/" + quote(sku, safe="")


def custom(product: dict) -> dict:
    return {a["attribute_code"]: a["value"] for a in product.get("custom_attributes", [])}


def overrides(backend, sku: str, store_id: int) -> set[str]:
    """ScopeOverriddenValue::containsValue: the attributes with a value stored at the store."""
    product_id = backend.catalog.find_id(sku)
    return {r[0] for r in backend.db.query(
        "SELECT attribute_code FROM catalog_product_value WHERE entity_id=? AND store_id=?", (product_id, store_id))}


@pytest.fixture
def scopes(admin):
    return {code: admin.with_prefix(f"/rest/{code}/V1") for code in ("all", "default", "de", "fr")}


BASE = {"sku": "api_test_update_product", "name": "Test 1", "attribute_set_id": 4, "price": 10, "status": 1,
        "visibility": 4, "type_id": "simple", "weight": 100}


def test_multi_store_get_returns_the_view_value(scopes):
    # ProductRepositoryMultiStoreTest::testGetMultiStore
    scopes["all"].post("/products", {"product": BASE})
    scopes["de"].put(path(BASE["sku"]), {"product": {"name": "Store view name"}})
    assert scopes["de"].get(path(BASE["sku"])).get_json()["name"] == "Store view name"
    for code in ("default", "fr", "all"):
        assert scopes[code].get(path(BASE["sku"])).get_json()["name"] == "Test 1"


def test_default_values_survive_an_update_in_another_website(scopes, backend):
    # ProductRepositoryMultiWebsiteTest::testProductDefaultValuesWithTwoWebsites
    scopes["all"].post("/products", {"product": BASE})
    edited = scopes["fr"].post("/products", {"product": {"sku": BASE["sku"], "name": "Test 1 changed"}}).get_json()
    assert edited["name"] == "Test 1 changed"
    assert overrides(backend, BASE["sku"], 3) == {"name"}
    assert overrides(backend, BASE["sku"], 2) == set()


def test_partial_update_overrides_only_what_is_sent(scopes, backend):
    # ProductRepositoryMultiWebsiteTest::testPartialUpdate (store-view varchar and text attributes)
    request1 = {**BASE, "custom_attributes": [{"attribute_code": "meta_title", "value": "api_test_value_varchar"},
                                              {"attribute_code": "description", "value": "api_test_value_text"}]}
    scopes["all"].post("/products", {"product": request1})
    sku = BASE["sku"]
    r2 = scopes["fr"].post("/products", {"product": {"sku": sku, "custom_attributes": [
        {"attribute_code": "meta_title", "value": "api_test_value_varchar_changed"}]}}).get_json()
    assert custom(r2)["meta_title"] == "api_test_value_varchar_changed"
    assert custom(r2)["description"] == "api_test_value_text"
    assert (r2["name"], r2["price"], r2["status"], r2["visibility"], r2["weight"]) == ("Test 1", 10, 1, 4, 100)
    assert overrides(backend, sku, 3) == {"meta_title"}
    r3 = scopes["fr"].post("/products", {"product": {"sku": sku, "custom_attributes": [
        {"attribute_code": "description", "value": "api_test_value_text_changed"}]}}).get_json()
    assert (custom(r3)["meta_title"], custom(r3)["description"]) == (
        "api_test_value_varchar_changed", "api_test_value_text_changed")
    assert overrides(backend, sku, 3) == {"meta_title", "description"}
    r4 = scopes["fr"].post("/products", {"product": {"sku": sku, "custom_attributes": [
        {"attribute_code": "description", "value": None}]}}).get_json()
    assert (custom(r4)["meta_title"], custom(r4)["description"]) == (
        "api_test_value_varchar_changed", "api_test_value_text")
    assert overrides(backend, sku, 3) == {"meta_title"}
    assert custom(scopes["all"].get(path(sku)).get_json())["meta_title"] == "api_test_value_varchar"


def test_website_price_scope():
    # ProductRepositoryMultiWebsiteTest::testUpdatePrice (catalog/price/scope = 1)
    app = make_app(price_scope=1)
    flask_client = app.test_client()
    admin = RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    all_, de, fr = (admin.with_prefix(f"/rest/{c}/V1") for c in ("all", "de", "fr"))
    all_.post("/products", {"product": {**BASE, "sku": "wp"}})
    de.post("/products", {"product": {"sku": "wp", "name": "updated product name for storeview"}})
    de.post("/products", {"product": {"sku": "wp", "price": 9, "custom_attributes": [
        {"attribute_code": "special_price", "value": 8}]}})
    default = admin.get(path("wp")).get_json()
    assert default["price"] == 10 and "special_price" not in custom(default)
    for client in (de, fr):
        product = client.get(path("wp")).get_json()
        assert product["price"] == 9 and float(custom(product)["special_price"]) == 8
    assert "special_price" not in custom(all_.get(path("wp")).get_json())
    app.extensions["fake_magento"].close()


def test_global_price_scope_is_the_default(scopes):
    scopes["all"].post("/products", {"product": BASE})
    scopes["de"].post("/products", {"product": {"sku": BASE["sku"], "price": 9}})
    assert {scopes[c].get(path(BASE["sku"])).get_json()["price"] for c in scopes} == {9}


def test_all_store_views_create(scopes):
    # ProductRepositoryAllStoreViewsTest::testCreateProduct
    product = {**BASE, "sku": "simple", "name": "simple", "weight": 1,
               "extension_attributes": {"stock_item": {"is_in_stock": 1, "qty": 1000}},
               "custom_attributes": [{"attribute_code": "url_key", "value": "simple"},
                                     {"attribute_code": "tax_class_id", "value": 2},
                                     {"attribute_code": "category_ids", "value": [2]}]}
    result = scopes["all"].post("/products", {"product": product}).get_json()
    assert result["extension_attributes"]["website_ids"] == [1, 2]
    for key in ("sku", "name", "type_id", "weight", "attribute_set_id", "price", "status", "visibility"):
        assert result[key] == product[key]
    values = custom(result)
    assert (values["url_key"], values["tax_class_id"], values["category_ids"]) == ("simple", "2", ["2"])
    for code in ("default", "de", "fr"):
        assert scopes[code].get(path("simple")).get_json()["name"] == "simple"


def test_create_through_a_view_writes_that_view(scopes, backend):
    """AbstractResource::_insertAttribute: only required attributes (and status, visibility) reach store 0."""
    scopes["default"].post("/products", {"product": {**BASE, "sku": "view-made", "custom_attributes": [
        {"attribute_code": "description", "value": "only here"}]}})
    admin_values = overrides(backend, "view-made", 0)
    assert {"name", "price", "status", "visibility", "weight"} <= admin_values  # required, or global
    assert not admin_values & {"description", "url_key", "tax_class_id", "options_container"}
    assert {"description", "url_key", "name", "status"} <= overrides(backend, "view-made", 1)
    admin_view = scopes["all"].get(path("view-made")).get_json()
    assert admin_view["name"] == "Test 1" and admin_view["status"] == 1
    assert "description" not in custom(admin_view)
    assert custom(scopes["default"].get(path("view-made")).get_json())["description"] == "only here"


def test_update_keeps_websites_unless_sent(scopes):
    # ProductRepositoryInterfaceTest::testUpdateWithoutWebsiteIds / testDeleteAllWebsiteAssociations
    scopes["all"].post("/products", {"product": BASE})
    renamed = scopes["default"].put(path(BASE["sku"]), {"product": {"name": "Updated Product"}}).get_json()
    assert renamed["extension_attributes"]["website_ids"] == [1, 2]
    cleared = scopes["all"].put(path(BASE["sku"]), {"product": {"extension_attributes": {"website_ids": []}}})
    assert cleared.get_json()["extension_attributes"]["website_ids"] == []
    moved = scopes["all"].put(path(BASE["sku"]), {"product": {"extension_attributes": {"website_ids": [2]}}})
    assert moved.get_json()["extension_attributes"]["website_ids"] == [2]
