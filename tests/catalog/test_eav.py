"""Attribute sets, attribute search and options."""
from __future__ import annotations


def test_attribute_sets(admin):
    sets = admin.get("/products/attribute-sets/sets/list?searchCriteria").get_json()
    assert sets["items"][0] == {"attribute_set_id": 4, "attribute_set_name": "Default", "sort_order": 1,
                                "entity_type_id": 4}
    assert admin.get("/products/attribute-sets/4").get_json()["attribute_set_name"] == "Default"
    missing = admin.get("/products/attribute-sets/999")
    assert (missing.status_code, missing.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue", "parameters": {"fieldName": "id", "fieldValue": "999"}})
    codes = [a["attribute_code"] for a in admin.get("/products/attribute-sets/4/attributes").get_json()]
    assert "name" in codes and "color" not in codes  # as in a fresh 2.4.7-p3 (see test_attribute_set_groups.py)


def test_attribute_search(admin):
    body = admin.get("/products/attributes?searchCriteria[filter_groups][0][filters][0][field]=frontend_input"
                     "&searchCriteria[filter_groups][0][filters][0][value]=select").get_json()
    assert body["total_count"] > 0 and all(a["frontend_input"] == "select" for a in body["items"])


def test_add_and_delete_option(admin):
    option_id = admin.post("/products/attributes/color/options", {"option": {"label": "Teal"}}).get_json()
    assert isinstance(option_id, str) and option_id.isdigit()
    assert {"label": "Teal", "value": option_id} in admin.get("/products/attributes/color/options").get_json()
    dup = admin.post("/products/attributes/color/options", {"option": {"label": "Teal"}})
    assert (dup.status_code, dup.get_json()) == (400, {
        "message": 'Admin store attribute option label "%1" is already exists.', "parameters": ["Teal"]})
    empty = admin.post("/products/attributes/color/options", {"option": {"label": " "}})
    assert empty.get_json() == {"message": "The attribute option label is empty. Enter the value and try again."}
    assert admin.delete(f"/products/attributes/color/options/{option_id}").get_json() is True
    gone = admin.delete(f"/products/attributes/color/options/{option_id}")
    assert (gone.status_code, gone.get_json()) == (404, {
        "message": "The \"%1\" attribute doesn't include an option with \"%2\" ID.", "parameters": ["color", option_id]})


def test_options_on_a_text_attribute(admin):
    resp = admin.post("/products/attributes/name/options", {"option": {"label": "x"}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": "The \"%1\" attribute doesn't work with options.", "parameters": ["name"]})


def test_attribute_shape(admin):
    color = admin.get("/products/attributes/color").get_json()
    assert list(color)[:5] == ["scope", "attribute_id", "attribute_code", "frontend_input", "entity_type_id"]
    assert (color["entity_type_id"], color["is_user_defined"], color["is_unique"], color["validation_rules"]) == (
        "4", True, "0", [])
    assert color["source_model"] == "Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table"
    assert color["default_value"] == ""
    name = admin.get("/products/attributes/name").get_json()
    assert (name["is_required"], name["is_user_defined"], name["scope"]) == (True, False, "store")
    assert "source_model" not in name and name["options"] == []
    assert admin.get("/products/attributes/sku").get_json()["is_unique"] == "1"


def test_system_sources_have_no_empty_option(admin):
    # Catalog/Model/Product/Visibility and Bundle's Shipment/Type list their values only
    assert admin.get("/products/attributes/visibility/options").get_json()[0] == {
        "label": "Not Visible Individually", "value": "1"}
    assert admin.get("/products/attributes/shipment_type/options").get_json() == [
        {"label": "Together", "value": "0"}, {"label": "Separately", "value": "1"}]
