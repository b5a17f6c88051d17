"""Attribute groups and attribute assignment: groups/list, assign, unassign, as a 2.4.7-p3 answers.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03, admin token: groups/list with and without filters (ids, names,
sort orders and codes of a fresh install's groups), GET /V1/products/attribute-sets/4/attributes
(no ``color``), and assign/unassign on a set made from skeleton 4 with a select attribute of our own
(prefix invh7q, removed afterwards); the contract recording has the kit's assignment of ``color``
(fixture:colours). Source: Eav Model/AttributeManagement (assign, unassign), ResourceModel/Entity/
Attribute::saveInSetIncluding, Attribute/GroupRepository, Catalog ResourceModel/Attribute::deleteEntity
(RemoveProductAttributeData), ConfigurableProduct Model/Attribute/LockValidator.
"""
from __future__ import annotations

import pytest

from tests.support import search_query

SET4_GROUPS = ["Product Details", "Content", "Bundle Items", "Images", "Search Engine Optimization",
               "Advanced Pricing", "Design", "Schedule Design Update", "Autosettings", "Gift Options"]


def _groups(admin, *filters, **extra):
    return admin.get("/products/attribute-sets/groups/list?" + search_query([list(filters)], **extra)
                     if filters else "/products/attribute-sets/groups/list?" + search_query(**extra)).get_json()


def _assign(admin, set_id, group_id, code, sort_order=0):
    return admin.post("/products/attribute-sets/attributes", {
        "attributeSetId": set_id, "attributeGroupId": group_id, "attributeCode": code, "sortOrder": sort_order})


def _codes(admin, set_id):
    return [a["attribute_code"] for a in admin.get(f"/products/attribute-sets/{set_id}/attributes").get_json()]


# -- groups/list ---------------------------------------------------------------------------------
def test_the_default_sets_groups_in_sort_order_with_string_ids(admin):
    body = _groups(admin, ("attribute_set_id", 4, None))
    assert [g["attribute_group_name"] for g in body["items"]] == SET4_GROUPS and body["total_count"] == 10
    assert body["items"][0] == {"attribute_group_id": "7", "attribute_group_name": "Product Details",
                                "attribute_set_id": 4}


def test_every_entity_types_groups_are_listed_by_sort_order_then_id(admin):
    """The sandbox's 20 groups in its order; the emulator's set 9 (Top) adds ten, interleaved by sort order."""
    body = _groups(admin)
    assert body["total_count"] == 30
    assert [int(g["attribute_group_id"]) for g in body["items"] if g["attribute_set_id"] != 9] == [
        1, 2, 15, 16, 17, 18, 4, 3, 7, 13, 19, 5, 10, 6, 9, 8, 11, 14, 12, 20]
    category = _groups(admin, ("attribute_set_id", 3, None))["items"]
    assert [g["attribute_group_name"] for g in category] == [
        "General Information", "General", "Display Settings", "Custom Design"]


@pytest.mark.parametrize(("field", "value", "ids"), [
    ("sort_order", 20, ["5", "10"]), ("attribute_group_code", "image-management", ["10"]),
    ("attribute_group_code", "general", ["1", "2", "15", "16", "17", "18", "3"]),
    ("tab_group_code", "advanced", ["8", "11", "14", "12"]),
    ("default_id", 1, ["1", "2", "15", "16", "17", "18", "3", "7"]),
])
def test_groups_filter_on_their_columns(admin, field, value, ids):
    items = _groups(admin, (field, value, None))["items"]
    assert [g["attribute_group_id"] for g in items if int(g["attribute_set_id"]) <= 8] == ids


def test_a_sort_without_direction_is_descending(admin):
    query = ("searchCriteria[sortOrders][0][field]=attribute_group_name&searchCriteria[pageSize]=3"
             "&searchCriteria[currentPage]=2&searchCriteria[filter_groups][0][filters][0][field]=attribute_set_id"
             "&searchCriteria[filter_groups][0][filters][0][value]=8"
             "&searchCriteria[filter_groups][0][filters][0][condition_type]=lteq")
    body = admin.get("/products/attribute-sets/groups/list?" + query).get_json()
    assert [g["attribute_group_name"] for g in body["items"]] == ["Images", "Gift Options", "General Information"]
    assert body["total_count"] == 20


def test_groups_list_needs_search_criteria_and_known_fields(admin):
    resp = admin.get("/products/attribute-sets/groups/list")
    assert resp.status_code == 400 and resp.get_json() == {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "searchCriteria"}}
    resp = admin.get("/products/attribute-sets/groups/list?" + search_query([[("nosuch", 3, None)]]))
    assert resp.status_code == 500


# -- sets of other entity types ------------------------------------------------------------------
def test_sets_of_other_entity_types_are_not_product_sets(admin):
    assert admin.get("/products/attribute-sets/1").get_json() == {
        "message": "Provided Attribute set non product Attribute set."}
    resp = admin.get("/products/attribute-sets/3/attributes")
    assert resp.status_code == 404 and resp.get_json()["parameters"] == {"fieldName": "attributeSetId",
                                                                          "fieldValue": "3"}
    listed = admin.get("/products/attribute-sets/sets/list?" + search_query([[("entity_type_id", 1, None)]]))
    assert listed.get_json()["total_count"] == 0


# -- assign ---------------------------------------------------------------------------------------
def test_the_default_set_has_no_color_until_it_is_assigned(admin):
    assert "color" not in _codes(admin, 4) and "name" in _codes(admin, 4)
    first = _assign(admin, 4, 7, "color", 999)
    assert first.status_code == 200 and isinstance(first.get_json(), str) and first.get_json().isdigit()
    assert _codes(admin, 4)[-1] == "color"
    # Every assignment deletes and inserts the link again: a new id each time, even unchanged.
    again = _assign(admin, 4, 7, "color", 999).get_json()
    moved = _assign(admin, 4, 13, "color", 0).get_json()
    assert int(first.get_json()) < int(again) < int(moved)
    codes = _codes(admin, 4)  # sort order 0 is stored as 1: beside image (1), before shipment_type (2)
    assert codes.index("color") < codes.index("shipment_type")


@pytest.mark.parametrize(("body", "status", "expected"), [
    ({"attributeSetId": 99999, "attributeGroupId": 7, "attributeCode": "color", "sortOrder": 1}, 404, {
        "message": "The AttributeSet with a \"%1\" ID doesn't exist. Verify the attributeSet and try again.",
        "parameters": [99999]}),
    ({"attributeSetId": 1, "attributeGroupId": 1, "attributeCode": "color", "sortOrder": 1}, 400, {
        "message": "The attribute set ID is incorrect. Verify the ID and try again."}),
    ({"attributeSetId": 4, "attributeGroupId": 99999, "attributeCode": "color", "sortOrder": 1}, 404, {
        "message": "The group with the \"%1\" ID doesn't exist. Verify the ID and try again.", "parameters": [99999]}),
    ({"attributeSetId": 9, "attributeGroupId": 7, "attributeCode": "color", "sortOrder": 1}, 400, {
        "message": "The attribute group doesn't belong to the attribute set."}),
    ({"attributeSetId": 4, "attributeGroupId": 7, "attributeCode": "nosuch_attr", "sortOrder": 1}, 404, {
        "message": "The attribute with a \"%1\" attributeCode doesn't exist. Verify the attribute and try again.",
        "parameters": ["nosuch_attr"]}),
    ({"attributeSetId": 4, "attributeGroupId": 7, "attributeCode": "color", "sortOrder": "abc"}, 400, {
        "message": "The \"abc\" value's type is invalid. The \"int\" type was expected. Verify and try again."}),
    ({"attributeSetId": 4, "attributeGroupId": 7, "attributeCode": "color"}, 400, {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "sortOrder"}}),
])
def test_assign_refusals(admin, body, status, expected):
    resp = admin.post("/products/attribute-sets/attributes", body)
    assert (resp.status_code, resp.get_json()) == (status, expected)
    assert "color" not in _codes(admin, 4)


def test_assign_without_anything_lists_every_missing_parameter(admin):
    resp = admin.post("/products/attribute-sets/attributes", {})
    assert resp.status_code == 400 and resp.get_json() == {
        "message": "One or more input exceptions have occurred.",
        "errors": [{"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": name}}
                   for name in ("attributeSetId", "attributeGroupId", "attributeCode", "sortOrder")]}


def test_assign_takes_numeric_strings(admin):
    resp = _assign(admin, "4", "7", "color", "3")
    assert resp.status_code == 200 and "color" in _codes(admin, 4)


# -- unassign -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "status", "expected"), [
    ("4/attributes/name", 400, {"message": "The system attribute can't be deleted."}),
    ("4/attributes/color", 400, {
        "message": "The \"%1\" attribute wasn't found in the \"%2\" attribute set. Enter the attribute and try "
                   "again.", "parameters": ["color", "4"]}),
    ("99999/attributes/color", 404, {
        "message": "The \"%1\" attribute set wasn't found. Verify and try again.", "parameters": ["99999"]}),
    ("abc/attributes/color", 404, {
        "message": "The \"%1\" attribute set wasn't found. Verify and try again.", "parameters": ["abc"]}),
    ("4/attributes/nosuch_attr", 404, {
        "message": "The attribute with a \"%1\" attributeCode doesn't exist. Verify the attribute and try again.",
        "parameters": ["nosuch_attr"]}),
    ("1/attributes/color", 404, {  # set 1 looks the code up among customer attributes
        "message": "The attribute with a \"%1\" attributeCode doesn't exist. Verify the attribute and try again.",
        "parameters": ["color"]}),
])
def test_unassign_refusals(admin, path, status, expected):
    resp = admin.delete(f"/products/attribute-sets/{path}")
    assert (resp.status_code, resp.get_json()) == (status, expected)


def test_unassign_removes_the_values_of_the_sets_products(admin):
    _assign(admin, 4, 7, "color", 50)
    product = {"sku": "SET-1", "name": "Set one", "type_id": "simple", "attribute_set_id": 4, "price": 5,
               "custom_attributes": [{"attribute_code": "color", "value": "49"}]}
    assert admin.post("/products", {"product": product}).status_code == 200
    assert admin.delete("/products/attribute-sets/4/attributes/color").get_json() is True
    assert "color" not in _codes(admin, 4)
    saved = admin.get("/products/SET-1").get_json()
    assert "color" not in [c["attribute_code"] for c in saved["custom_attributes"]]
    _assign(admin, 4, 7, "color", 50)  # assigning again does not bring the value back
    saved = admin.get("/products/SET-1").get_json()
    assert "color" not in [c["attribute_code"] for c in saved["custom_attributes"]]


def test_an_attribute_a_configurable_of_the_set_uses_is_locked(shop):
    resp = shop.delete("/products/attribute-sets/9/attributes/color")  # MH01 (set 9) is configured by color
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": "Attribute '%1' is locked. %2",
        "parameters": ["color", "This attribute is used in configurable products."]})
    assert "color" in [a["attribute_code"] for a in shop.get("/products/attribute-sets/9/attributes").get_json()]
    assert shop.delete("/products/MH01").get_json() is True
    assert shop.delete("/products/attribute-sets/9/attributes/color").get_json() is True
