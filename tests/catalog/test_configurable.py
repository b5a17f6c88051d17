"""Configurable products: options and children through the product and the configurable routes."""
from __future__ import annotations

import pytest

from tests.support.catalog import make, recorded_product, shape


@pytest.fixture
def hoodie(admin, attr_ids):
    kids = []
    for color, size in (("49", "166"), ("49", "167"), ("50", "166")):
        kid = make(admin, f"H-{color}-{size}", price=30, visibility=1,
                   custom_attributes=[{"attribute_code": "color", "value": color},
                                      {"attribute_code": "size", "value": size}])
        kids.append(kid["id"])
    make(admin, "H-NOSIZE", custom_attributes=[{"attribute_code": "color", "value": "57"}])
    parent = make(admin, "HOODIE", "configurable", extension_attributes={
        "configurable_product_options": [
            {"attribute_id": attr_ids["color"], "label": "Color", "position": 1, "values": [{"value_index": 49}]},
            {"attribute_id": attr_ids["size"], "label": "Size", "position": 0, "values": [{"value_index": 166}]}],
        "configurable_product_links": kids[:2]})
    return parent, kids


def test_shape_follows_the_recording(hoodie, attr_ids):
    parent, kids = hoodie
    ext = parent["extension_attributes"]
    assert parent["price"] == 0 and list(parent)[:4] == ["id", "sku", "name", "attribute_set_id"]
    assert list(parent)[4] == "price"
    assert ext["configurable_product_links"] == kids[:2]
    color, size = ext["configurable_product_options"]
    # values come from the children's attribute values, not from the request
    assert color == {"id": color["id"], "attribute_id": attr_ids["color"], "label": "Color", "position": 1,
                     "values": [{"value_index": 49}], "product_id": parent["id"]}
    assert size["values"] == [{"value_index": 166}, {"value_index": 167}]
    recorded = recorded_product("test_import_product_configurable.yaml")
    if recorded:
        rec_ext = recorded["extension_attributes"]
        assert shape(ext["configurable_product_options"]) == shape(rec_ext["configurable_product_options"])
        assert shape(ext["configurable_product_links"]) == shape(rec_ext["configurable_product_links"])
        assert shape(parent["product_links"][:0]) == []


def test_children_route(admin, hoodie):
    children = admin.get("/configurable-products/HOODIE/children").get_json()
    assert [c["sku"] for c in children] == ["H-49-166", "H-49-167"]
    assert "extension_attributes" not in children[0] and children[0]["price"] == 30
    assert admin.get("/configurable-products/H-49-166/children").get_json() == []
    resp = admin.get("/configurable-products/NOPE/children")
    assert resp.status_code == 404


def test_add_child(admin, hoodie):
    parent, kids = hoodie
    assert admin.post("/configurable-products/HOODIE/child", {"childSku": "H-50-166"}).get_json() is True
    got = admin.get("/products/HOODIE").get_json()["extension_attributes"]
    assert got["configurable_product_links"] == kids
    assert got["configurable_product_options"][0]["values"] == [{"value_index": 49}, {"value_index": 50}]
    again = admin.post("/configurable-products/HOODIE/child", {"childSku": "H-50-166"})
    assert again.status_code == 400 and again.get_json() == {"message": "The product is already attached."}
    missing = admin.post("/configurable-products/HOODIE/child", {"childSku": "NOPE"})
    assert missing.status_code == 404
    lacking = admin.post("/configurable-products/HOODIE/child", {"childSku": "H-NOSIZE"})
    assert lacking.status_code == 400 and lacking.get_json() == {
        "message": 'The child product doesn\'t have the "%1" attribute value. Verify the value and try again.',
        "parameters": ["size"]}
    bare = admin.post("/configurable-products/H-49-166/child", {"childSku": "H-50-166"})
    assert bare.get_json() == {"message": "The parent product doesn't have configurable product options."}


def test_remove_child(admin, hoodie):
    parent, kids = hoodie
    assert admin.delete("/configurable-products/HOODIE/children/H-49-167").get_json() is True
    assert admin.get("/products/HOODIE").get_json()["extension_attributes"]["configurable_product_links"] == kids[:1]
    gone = admin.delete("/configurable-products/HOODIE/children/H-49-167")
    assert gone.status_code == 404 and gone.get_json() == {
        "message": "The option that was requested doesn't exist. Verify the entity and try again."}
    simple = admin.delete("/configurable-products/H-49-166/children/H-49-167")
    assert simple.status_code == 400 and simple.get_json() == {
        "message": 'The product with the "%1" SKU isn\'t a configurable product.', "parameters": ["H-49-166"]}


def test_save_validates_children(admin, hoodie, attr_ids):
    parent, kids = hoodie
    nosize = admin.get("/products/H-NOSIZE").get_json()["id"]
    resp = admin.put("/products/HOODIE", {"product": {"extension_attributes": {
        "configurable_product_options": parent["extension_attributes"]["configurable_product_options"],
        "configurable_product_links": [kids[0], nosize]}}})
    assert resp.status_code == 400 and resp.get_json() == {
        "message": 'Product with id "%1" does not contain required attribute "%2".',
        "parameters": [str(nosize), "size"]}
    same = admin.put("/products/HOODIE", {"product": {"extension_attributes": {
        "configurable_product_options": parent["extension_attributes"]["configurable_product_options"],
        "configurable_product_links": [kids[0], kids[0] + 0, kids[1]]}}})
    assert same.status_code == 400 and same.get_json()["message"] == \
        'Products "%1" and "%2" have the same set of attribute values.'
    unknown = admin.put("/products/HOODIE", {"product": {"extension_attributes": {
        "configurable_product_options": [{"attribute_id": "9999", "label": "X", "position": 0}]}}})
    assert unknown.status_code == 404 and unknown.get_json()["parameters"] == ["9999"]
    # nothing half-written
    assert admin.get("/products/HOODIE").get_json()["extension_attributes"]["configurable_product_links"] == kids[:2]


def test_resave_unchanged_keeps_options_and_a_changed_option_drops_children(admin, hoodie):
    parent, kids = hoodie
    options = parent["extension_attributes"]["configurable_product_options"]
    same = admin.put("/products/HOODIE", {"product": {"extension_attributes": {
        "configurable_product_options": options}}}).get_json()["extension_attributes"]
    assert [o["id"] for o in same["configurable_product_options"]] == [o["id"] for o in options]
    assert same["configurable_product_links"] == kids[:2]
    changed = [dict(options[0], label="Colour"), options[1]]
    after = admin.put("/products/HOODIE", {"product": {"extension_attributes": {
        "configurable_product_options": changed}}}).get_json()["extension_attributes"]
    assert after["configurable_product_options"][-1]["label"] == "Colour"
    assert after["configurable_product_options"][-1]["id"] != options[0]["id"]
    assert after["configurable_product_links"] == []


def test_option_routes(admin, hoodie, attr_ids):
    parent, kids = hoodie
    options = admin.get("/configurable-products/HOODIE/options/all").get_json()
    assert options == parent["extension_attributes"]["configurable_product_options"]
    first = options[0]
    assert admin.get(f"/configurable-products/HOODIE/options/{first['id']}").get_json() == first
    missing = admin.get("/configurable-products/HOODIE/options/999")
    assert missing.status_code == 404 and missing.get_json() == {
        "message": 'The "%1" entity that was requested doesn\'t exist. Verify the entity and try again.',
        "parameters": ["999"]}
    simple = admin.get("/configurable-products/H-49-166/options/all")
    assert simple.status_code == 400 and simple.get_json() == {
        "message": 'This is implemented for the "%1" configurable product only.', "parameters": ["H-49-166"]}
    # update: the id back as a string
    updated = admin.put(f"/configurable-products/HOODIE/options/{first['id']}",
                        {"option": {"label": "Shade", "position": 3}})
    assert updated.status_code == 200 and updated.get_json() == str(first["id"])
    assert admin.get(f"/configurable-products/HOODIE/options/{first['id']}").get_json()["label"] == "Shade"
    nope = admin.put("/configurable-products/HOODIE/options/999", {"option": {"label": "x"}})
    assert nope.status_code == 404 and nope.get_json() == {"message": 'Option with id "%1" not found',
                                                            "parameters": ["999"]}
    # delete drops the children (OptionRepository::delete -> saveProducts($product, []))
    assert admin.delete(f"/configurable-products/HOODIE/options/{first['id']}").get_json() is True
    assert admin.get("/products/HOODIE").get_json()["extension_attributes"]["configurable_product_links"] == []
    again = admin.delete(f"/configurable-products/HOODIE/options/{first['id']}")
    assert again.status_code == 404 and again.get_json() == {
        "message": "The option that was requested doesn't exist. Verify the entity and try again."}


def test_option_add(admin, hoodie, attr_ids):
    new = admin.post("/configurable-products/H-49-166/options", {"option": {
        "attribute_id": attr_ids["color"], "label": "Color", "position": 0, "values": [{"value_index": 49}]}})
    assert new.status_code == 200 and isinstance(new.get_json(), str)
    # a simple product becomes configurable
    assert admin.get("/products/H-49-166").get_json()["type_id"] == "configurable"
    invalid = admin.post("/configurable-products/HOODIE/options", {"option": {"values": [{}]}})
    assert invalid.status_code == 400 and invalid.get_json() == {
        "message": "One or more input exceptions have occurred.",
        "errors": [{"message": "Option attribute ID is not specified."},
                   {"message": "Option label is not specified."},
                   {"message": "Value index is not specified for an option."}]}
    same = admin.post("/configurable-products/HOODIE/options", {"option": {
        "attribute_id": attr_ids["size"], "label": "Size", "values": [{"value_index": 166}]}})
    existing = [o["id"] for o in admin.get("/configurable-products/HOODIE/options/all").get_json()
                if o["attribute_id"] == attr_ids["size"]]
    assert same.get_json() == str(existing[0])


def test_deleting_a_child_or_the_parent_leaves_no_dangling_ids(admin, hoodie, backend):
    parent, kids = hoodie
    assert admin.delete("/products/H-49-167").get_json() is True
    assert admin.get("/products/HOODIE").get_json()["extension_attributes"]["configurable_product_links"] == kids[:1]
    assert admin.delete("/products/HOODIE").get_json() is True
    assert backend.db.query("SELECT * FROM catalog_product_super_link") == []
    assert backend.db.query("SELECT * FROM catalog_product_super_attribute") == []
