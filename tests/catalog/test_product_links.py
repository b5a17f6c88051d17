"""Related, up-sell, cross-sell links: through the product and the product links routes."""
from __future__ import annotations

import pytest

from tests.support.catalog import make, recorded_product, shape


@pytest.fixture
def trio(admin):
    for sku in ("A-1", "B-2", "C 3"):
        make(admin, sku)


def test_saved_and_read_through_the_product(admin, trio):
    body = admin.put("/products/A-1", {"product": {"product_links": [
        {"sku": "A-1", "link_type": "related", "linked_product_sku": "B-2", "position": 2},
        {"sku": "A-1", "link_type": "crosssell", "linked_product_sku": "C 3"},
        {"sku": "A-1", "link_type": "related", "linked_product_sku": "C 3", "position": 1}]}})
    assert body.status_code == 200, body.get_data(as_text=True)
    links = body.get_json()["product_links"]
    assert links == [
        {"sku": "A-1", "link_type": "related", "linked_product_sku": "B-2", "linked_product_type": "simple",
         "position": 2},
        {"sku": "A-1", "link_type": "related", "linked_product_sku": "C 3", "linked_product_type": "simple",
         "position": 1},
        {"sku": "A-1", "link_type": "crosssell", "linked_product_sku": "C 3", "linked_product_type": "simple",
         "position": 1}]
    recorded = recorded_product("test_import_product_configurable.yaml")
    if recorded:
        assert shape(links[0]) == shape(recorded["product_links"][0])
    # a save without product_links keeps them; an empty list clears every type
    assert admin.put("/products/A-1", {"product": {"name": "A"}}).get_json()["product_links"] == links
    assert admin.put("/products/A-1", {"product": {"product_links": []}}).get_json()["product_links"] == []


def test_unknown_linked_sku_on_product_save(admin, trio):
    resp = admin.put("/products/A-1", {"product": {"product_links": [
        {"sku": "A-1", "link_type": "related", "linked_product_sku": "NOPE", "position": 1}]}})
    assert resp.status_code == 404 and resp.get_json() == {
        "message": 'The Product with the "%1" SKU doesn\'t exist.', "parameters": ["NOPE"]}


def test_link_types(admin):
    assert admin.get("/products/links/types").get_json() == [
        {"code": 1, "name": "related"}, {"code": 5, "name": "crosssell"}, {"code": 4, "name": "upsell"},
        {"code": 3, "name": "associated"}]


def test_routes(admin, trio):
    ok = admin.post("/products/A-1/links", {"items": [
        {"sku": "A-1", "link_type": "upsell", "linked_product_sku": "B-2", "position": 0}]})
    assert ok.status_code == 200 and ok.get_json() is True
    assert admin.post("/products/A-1/links", {"items": [
        {"sku": "A-1", "link_type": "upsell", "linked_product_sku": "C 3", "position": 1}]}).get_json() is True
    upsells = admin.get("/products/A-1/links/upsell").get_json()
    assert [(u["linked_product_sku"], u["position"]) for u in upsells] == [("B-2", 0), ("C 3", 1)]
    assert admin.get("/products/A-1/links/related").get_json() == []
    assert admin.put("/products/A-1/links", {"entity": {
        "sku": "A-1", "link_type": "upsell", "linked_product_sku": "B-2", "position": 5}}).get_json() is True
    assert {u["linked_product_sku"]: u["position"] for u in admin.get("/products/A-1/links/upsell").get_json()} \
        == {"B-2": 5, "C 3": 1}
    assert admin.delete("/products/A-1/links/upsell/B-2").get_json() is True
    assert [u["linked_product_sku"] for u in admin.get("/products/A-1/links/upsell").get_json()] == ["C 3"]
    gone = admin.delete("/products/A-1/links/upsell/B-2")
    assert gone.status_code == 404 and gone.get_json() == {
        "message": "Product %1 doesn't have linked %2 as %3", "parameters": ["A-1", "B-2", "upsell"]}


def test_route_errors(admin, trio):
    unknown_type = admin.get("/products/A-1/links/sideways")
    assert unknown_type.status_code == 404 and unknown_type.get_json() == {
        "message": 'The "%1" link type is unknown. Verify the type and try again.', "parameters": ["sideways"]}
    assert admin.get("/products/NOPE/links/related").status_code == 404
    empty = admin.post("/products/A-1/links", {"items": []})
    assert empty.status_code == 400 and empty.get_json() == {
        "message": 'Invalid value of "%value" provided for the %fieldName field.',
        "parameters": {"value": "empty array", "fieldName": "items"}}
    no_type = admin.post("/products/A-1/links", {"items": [{"sku": "A-1", "linked_product_sku": "B-2"}]})
    assert no_type.status_code == 400 and no_type.get_json() == {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "linkType"}}
    bad_type = admin.post("/products/A-1/links", {"items": [{"link_type": "x", "linked_product_sku": "B-2"}]})
    assert bad_type.status_code == 404 and bad_type.get_json() == {
        "message": 'The "%1" link type wasn\'t found. Verify the type and try again.', "parameters": ["x"]}
    # setProductLinks rewraps the repository's NoSuchEntity as CouldNotSave
    bad_sku = admin.post("/products/A-1/links", {"items": [{"link_type": "related", "linked_product_sku": "NOPE"}]})
    assert bad_sku.status_code == 400 and bad_sku.get_json() == {
        "message": "The linked products data is invalid. Verify the data and try again."}
    no_linked = admin.put("/products/A-1/links", {"entity": {"sku": "A-1", "link_type": "related"}})
    assert no_linked.status_code == 404 and no_linked.get_json() == {
        "message": "The linked product SKU is invalid. Verify the data and try again."}


def test_deleting_a_linked_product_removes_the_link(admin, trio):
    admin.post("/products/A-1/links", {"items": [{"link_type": "related", "linked_product_sku": "B-2"}]})
    assert admin.delete("/products/B-2").get_json() is True
    assert admin.get("/products/A-1").get_json()["product_links"] == []
