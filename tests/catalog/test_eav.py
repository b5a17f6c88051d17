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
    assert "name" in codes and "color" in codes


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
