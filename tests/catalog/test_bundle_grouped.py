"""Bundle options and selections; grouped associated links."""
from __future__ import annotations

import pytest

from tests.support.catalog import make, recorded_product, shape

BUNDLE_ONLY = {"message": "This is implemented for bundle products only."}


@pytest.fixture
def kit(admin):
    for sku in ("BALL-1", "BALL-2", "STRAP"):
        make(admin, sku)
    make(admin, "CONF", "configurable")
    return make(admin, "KIT", "bundle", extension_attributes={"bundle_product_options": [
        {"title": "Ball", "required": True, "type": "radio", "position": 1, "product_links": [
            {"sku": "BALL-1", "qty": 1, "position": 1, "is_default": True, "can_change_quantity": 1},
            {"sku": "BALL-2", "qty": 1, "position": 2, "is_default": False, "can_change_quantity": 1}]},
        {"title": "Strap", "required": False, "type": "checkbox", "position": 2, "product_links": [
            {"sku": "STRAP", "qty": 2, "position": 1, "is_default": True, "price": 3, "price_type": 0}]}]})


def test_shape_follows_the_recording(kit):
    options = kit["extension_attributes"]["bundle_product_options"]
    assert kit["price"] == 0
    assert [o["title"] for o in options] == ["Ball", "Strap"]
    link = options[1]["product_links"][0]
    # dynamic price bundle: the selection price and price type read back as null
    assert link == {"id": link["id"], "sku": "STRAP", "option_id": options[1]["option_id"], "qty": 2, "position": 1,
                    "is_default": True, "price": None, "price_type": None, "can_change_quantity": 0}
    assert isinstance(link["id"], str) and isinstance(options[0]["option_id"], int)
    codes = {a["attribute_code"]: a["value"] for a in kit["custom_attributes"]}
    assert codes["price_type"] == "0" and codes["shipment_type"] == "0"
    recorded = recorded_product("test_import_product_bundle.yaml")
    if recorded:
        assert shape(options) == shape(recorded["extension_attributes"]["bundle_product_options"])


def test_fixed_price_bundle_shows_selection_prices(admin, kit):
    body = admin.put("/products/KIT", {"product": {"price": 50, "custom_attributes": [
        {"attribute_code": "price_type", "value": "1"}]}}).get_json()
    assert body["price"] == 50
    strap = body["extension_attributes"]["bundle_product_options"][1]["product_links"][0]
    assert strap["price"] == 3 and strap["price_type"] == 0


def test_product_save_replaces_options(admin, kit):
    options = kit["extension_attributes"]["bundle_product_options"]
    # an empty list changes nothing (Bundle SaveHandler)
    same = admin.put("/products/KIT", {"product": {"extension_attributes": {"bundle_product_options": []}}})
    assert same.get_json()["extension_attributes"]["bundle_product_options"] == options
    kept = dict(options[0], title="Balls", product_links=[options[0]["product_links"][1]])
    body = admin.put("/products/KIT", {"product": {"extension_attributes": {"bundle_product_options": [kept]}}})
    got = body.get_json()["extension_attributes"]["bundle_product_options"]
    assert [(o["option_id"], o["title"]) for o in got] == [(options[0]["option_id"], "Balls")]
    assert [lk["sku"] for lk in got[0]["product_links"]] == ["BALL-2"]
    composite = admin.put("/products/KIT", {"product": {"extension_attributes": {"bundle_product_options": [
        {"title": "x", "type": "select", "product_links": [{"sku": "CONF", "qty": 1}]}]}}})
    assert composite.status_code == 400 and composite.get_json() == {
        "message": "The bundle product can't contain another composite product."}
    missing = admin.put("/products/KIT", {"product": {"extension_attributes": {"bundle_product_options": [
        {"title": "x", "type": "select", "product_links": [{"sku": "NOPE", "qty": 1}]}]}}})
    assert missing.status_code == 404


def test_option_routes(admin, kit):
    options = kit["extension_attributes"]["bundle_product_options"]
    assert admin.get("/bundle-products/KIT/options/all").get_json() == options
    first = options[0]
    assert admin.get(f"/bundle-products/KIT/options/{first['option_id']}").get_json() == first
    missing = admin.get("/bundle-products/KIT/options/999")
    assert missing.status_code == 404 and missing.get_json() == {
        "message": "The option that was requested doesn't exist. Verify the entity and try again."}
    simple = admin.get("/bundle-products/BALL-1/options/all")
    assert simple.status_code == 400 and simple.get_json() == BUNDLE_ONLY
    new = admin.post("/bundle-products/options/add", {"option": {
        "sku": "KIT", "title": "Extra", "type": "select", "required": False, "position": 3,
        "product_links": [{"sku": "BALL-1", "qty": 1}]}})
    assert new.status_code == 200 and isinstance(new.get_json(), str)
    new_id = int(new.get_json())
    assert admin.get(f"/bundle-products/KIT/options/{new_id}").get_json()["product_links"][0]["sku"] == "BALL-1"
    updated = admin.put(f"/bundle-products/options/{new_id}", {"option": {"sku": "KIT", "title": "More"}})
    assert updated.get_json() == new_id
    assert admin.get(f"/bundle-products/KIT/options/{new_id}").get_json()["title"] == "More"
    wrong = admin.post("/bundle-products/options/add", {"option": {"sku": "BALL-1", "title": "x"}})
    assert wrong.status_code == 400 and wrong.get_json() == BUNDLE_ONLY
    assert admin.delete(f"/bundle-products/KIT/options/{new_id}").get_json() is True
    assert admin.delete(f"/bundle-products/KIT/options/{new_id}").status_code == 404


def test_link_routes(admin, kit):
    option_id = kit["extension_attributes"]["bundle_product_options"][1]["option_id"]
    added = admin.post(f"/bundle-products/KIT/links/{option_id}", {"linkedProduct": {"sku": "BALL-1", "qty": 3}})
    assert added.status_code == 200 and isinstance(added.get_json(), int)
    again = admin.post(f"/bundle-products/KIT/links/{option_id}", {"linkedProduct": {"sku": "BALL-1", "qty": 3}})
    assert again.status_code == 400 and again.get_json() == {
        "message": 'Child with specified sku: "%1" already assigned to product: "%2"', "parameters": ["BALL-1", "KIT"]}
    no_option = admin.post("/bundle-products/KIT/links/999", {"linkedProduct": {"sku": "BALL-1"}})
    assert no_option.status_code == 400 and no_option.get_json() == {
        "message": 'Product with specified sku: "%1" does not contain option: "%2"', "parameters": ["KIT", "999"]}
    not_bundle = admin.post(f"/bundle-products/STRAP/links/{option_id}", {"linkedProduct": {"sku": "BALL-1"}})
    assert not_bundle.get_json() == {"message": 'The product with the "%1" SKU isn\'t a bundle product.',
                                     "parameters": ["STRAP"]}
    composite = admin.post(f"/bundle-products/KIT/links/{option_id}", {"linkedProduct": {"sku": "CONF"}})
    assert composite.get_json() == {"message": "The bundle product can't contain another composite product."}
    link_id = added.get_json()
    assert admin.put(f"/bundle-products/KIT/links/{link_id}", {"linkedProduct": {
        "sku": "BALL-1", "qty": 5, "is_default": True}}).get_json() is True
    children = admin.get("/bundle-products/KIT/children").get_json()
    assert {c["sku"]: c["qty"] for c in children if c["option_id"] == option_id} == {"STRAP": 2, "BALL-1": 5}
    unknown = admin.put("/bundle-products/KIT/links/999", {"linkedProduct": {"sku": "BALL-1"}})
    assert unknown.status_code == 400 and unknown.get_json() == {
        "message": 'The product link with the "%1" ID field wasn\'t found. Verify the ID and try again.',
        "parameters": ["999"]}
    assert admin.delete(f"/bundle-products/KIT/options/{option_id}/children/ball-1").get_json() is True
    gone = admin.delete(f"/bundle-products/KIT/options/{option_id}/children/BALL-1")
    assert gone.status_code == 404 and gone.get_json() == {
        "message": "The bundle product doesn't exist. Review your request and try again."}
    assert admin.get("/bundle-products/STRAP/children").get_json() == BUNDLE_ONLY


def test_deleting_a_child_removes_its_selections(admin, kit, backend):
    assert admin.delete("/products/STRAP").get_json() is True
    options = admin.get("/products/KIT").get_json()["extension_attributes"]["bundle_product_options"]
    assert options[1]["product_links"] == []
    admin.delete("/products/KIT")
    assert backend.db.query("SELECT * FROM catalog_product_bundle_option") == []


def test_grouped_associated_links(admin):
    for sku in ("G-1", "G-2"):
        make(admin, sku)
    group = make(admin, "GROUP", "grouped", product_links=[
        {"sku": "GROUP", "link_type": "associated", "linked_product_sku": "G-1", "position": 0,
         "extension_attributes": {"qty": 2}},
        {"sku": "GROUP", "link_type": "associated", "linked_product_sku": "G-2", "position": 1}])
    assert "price" not in group
    assert group["product_links"] == [
        {"sku": "GROUP", "link_type": "associated", "linked_product_sku": "G-1", "linked_product_type": "simple",
         "position": 0, "extension_attributes": {"qty": 2}},
        {"sku": "GROUP", "link_type": "associated", "linked_product_sku": "G-2", "linked_product_type": "simple",
         "position": 1, "extension_attributes": {"qty": 0}}]
    recorded = recorded_product("test_import_product_grouped.yaml")
    if recorded:
        assert shape(group["product_links"]) == shape(recorded["product_links"])
        assert set(group) == set(recorded)  # no price key for a grouped product
    assert admin.get("/products/GROUP/links/associated").get_json() == group["product_links"]
    assert admin.delete("/products/GROUP/links/associated/G-1").get_json() is True
    admin.delete("/products/G-2")
    assert admin.get("/products/GROUP").get_json()["product_links"] == []
