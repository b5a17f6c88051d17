"""Customer and address attribute metadata (CustomerMetadataTest, AddressMetadataTest expectations)."""
from __future__ import annotations

import pytest

FIRSTNAME = {
    # Customer/Api/CustomerMetadataTest::getAttributeMetadataDataProvider (rule values are strings:
    # ValidationRuleInterface::getValue; grid flags are booleans)
    "frontend_input": "text", "input_filter": "trim", "store_label": "First Name",
    "validation_rules": [{"name": "max_text_length", "value": "255"}, {"name": "min_text_length", "value": "1"}],
    "multiline_count": 0, "visible": True, "required": True, "data_model": "", "options": [],
    "frontend_class": "required-entry", "user_defined": False, "sort_order": 40, "frontend_label": "First Name",
    "note": "", "system": True, "backend_type": "static", "is_used_in_grid": False, "is_visible_in_grid": False,
    "is_filterable_in_grid": False, "is_searchable_in_grid": False, "attribute_code": "firstname"}


def _not_found(entity: str, code: str) -> dict:
    return {"message": "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
            "parameters": {"fieldName": "entityType", "fieldValue": entity, "field2Name": "attributeCode",
                           "field2Value": code}}


def test_customer_attribute_firstname(admin):
    assert admin.get("/attributeMetadata/customer/attribute/firstname").get_json() == FIRSTNAME


def test_customer_attribute_gender_and_website(admin):
    gender = admin.get("/attributeMetadata/customer/attribute/gender").get_json()
    assert gender["options"] == [{"label": " ", "value": ""}, {"label": "Male", "value": "1"},
                                 {"label": "Female", "value": "2"}, {"label": "Not Specified", "value": "3"}]
    assert (gender["visible"], gender["required"], gender["system"], gender["sort_order"]) == (False, False, False, 110)
    assert (gender["is_used_in_grid"], gender["is_searchable_in_grid"]) == (True, False)
    website = admin.get("/attributeMetadata/customer/attribute/website_id").get_json()
    assert website["options"] == [{"label": "Main Website", "value": "1"}, {"label": "Europe Website", "value": "2"}]
    assert (website["store_label"], website["frontend_class"], website["sort_order"]) == (
        "Associate to Website", "required-entry", 10)


def test_customer_attribute_email_frontend_class(admin):
    email = admin.get("/attributeMetadata/customer/attribute/email").get_json()
    assert email["frontend_class"] == "required-entry validate-email"
    assert email["validation_rules"] == [{"name": "input_validation", "value": "email"}]


def test_store_id_options_nested(admin):
    options = admin.get("/attributeMetadata/customer/attribute/store_id").get_json()["options"]
    nbsp = "\u00a0" * 4
    assert options[0] == {"label": "Main Website", "options": []}
    assert options[1] == {"label": nbsp + "Main Website Store",
                          "options": [{"label": nbsp + "Default Store View", "value": "1"}]}
    assert [o["value"] for o in options[3]["options"]] == ["2", "3"]


def test_group_options_follow_groups(admin):
    admin.post("/customerGroups", {"group": {"code": "VIP"}})
    options = admin.get("/attributeMetadata/customer/attribute/group_id").get_json()["options"]
    assert options == [{"label": "General", "value": "1"}, {"label": "Wholesale", "value": "2"},
                       {"label": "Retailer", "value": "3"}, {"label": "VIP", "value": "4"}]


def test_unknown_attribute(admin):
    resp = admin.get("/attributeMetadata/customer/attribute/nope")
    assert (resp.status_code, resp.get_json()) == (404, _not_found("customer", "nope"))
    resp = admin.get("/attributeMetadata/customerAddress/attribute/email")
    assert (resp.status_code, resp.get_json()) == (404, _not_found("customer_address", "email"))


def test_all_customer_attributes(admin):
    body = admin.get("/attributeMetadata/customer").get_json()
    codes = [a["attribute_code"] for a in body]
    assert codes[:3] == ["website_id", "store_id", "created_in"] and "lock_expires" in codes
    assert FIRSTNAME in body
    hidden = next(a for a in body if a["attribute_code"] == "password_hash")
    assert hidden["frontend_label"] is None and hidden["frontend_input"] == "hidden"


def test_all_address_attributes(admin):
    body = admin.get("/attributeMetadata/customerAddress").get_json()
    by_code = {a["attribute_code"]: a for a in body}
    assert by_code["street"]["multiline_count"] == 2 and by_code["street"]["frontend_input"] == "multiline"
    assert by_code["city"]["sort_order"] == 100  # UpdateCustomerAddressAttributesSortOrder
    assert by_code["vat_id"]["store_label"] == "VAT Number"  # UpdateVATNumber
    assert by_code["postcode"]["data_model"] == "Magento\\Customer\\Model\\Attribute\\Data\\Postcode"
    countries = by_code["country_id"]["options"]
    assert countries[0] == {"label": " ", "value": ""} and {"label": "Germany", "value": "DE"} in countries


@pytest.mark.parametrize("path", ["/attributeMetadata/customer/custom", "/attributeMetadata/customerAddress/custom"])
def test_custom_attributes_none_on_a_clean_install(admin, path):
    assert admin.get(path).get_json() == []


def test_customer_form(admin):
    body = admin.get("/attributeMetadata/customer/form/customer_account_create").get_json()
    codes = [a["attribute_code"] for a in body]
    assert "website_id" not in codes and "group_id" not in codes  # adminhtml_only
    assert codes.index("firstname") < codes.index("lastname") < codes.index("email")
    admin_form = [a["attribute_code"] for a in admin.get("/attributeMetadata/customer/form/adminhtml_customer")
                  .get_json()]
    assert {"website_id", "group_id", "disable_auto_group_change", "gender"} <= set(admin_form)


def test_address_form(admin):
    body = admin.get("/attributeMetadata/customerAddress/form/customer_address_edit").get_json()
    codes = [a["attribute_code"] for a in body]
    assert codes[0] == "prefix" and "vat_id" in codes and "vat_is_valid" not in codes
    sort_orders = [a["sort_order"] for a in body]
    assert sort_orders == sorted(sort_orders)


@pytest.mark.parametrize("entity", ["customer", "customerAddress"])
def test_unknown_form(admin, entity):
    resp = admin.get(f"/attributeMetadata/{entity}/form/checkout_register")  # removed by a data patch
    assert (resp.status_code, resp.get_json()) == (
        404, {"message": "No such entity with %fieldName = %fieldValue",
              "parameters": {"fieldName": "formCode", "fieldValue": "checkout_register"}})


def test_metadata_needs_customer_resource(anon):
    resp = anon.get("/attributeMetadata/customer")
    assert (resp.status_code, resp.get_json()) == (401, {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Customer::customer"}})
