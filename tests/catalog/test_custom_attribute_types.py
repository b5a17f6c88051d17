"""Product custom attributes converted by their attribute's backend type, as a real Magento 2.4.7-p3 does.

Evidence: the sandbox, 2026-12-03, PUT /rest[/all]/V1/products/rfxb7-ca {"product": {"sku": ...,
"custom_attributes": [{"attribute_code": <code>, "value": <v>}]}}:
  int backend (tax_class_id, color, manufacturer, status, visibility, price_view, shipment_type,
  links_purchased_separately) "" / " " / "abc" / "0x1A" / "49,50" / true / false / [] / {"a":1} -> 400
      'Error occurred during "custom_attributes" processing. Attribute "<code>" has invalid value. The "<v>"
      value's type is invalid. The "int" type was expected. Verify and try again.' (true "1", false "",
      arrays "array"); "1.5" -> "1", " 2 " -> "2", 2 -> "2", null -> unchanged
  decimal (cost) "abc" -> "0.000000", "1,5" -> "1.000000", "1e2" -> "100.000000", true -> "1.000000",
      " 7 " -> "7.000000", "" and " " -> "0.000000"; [] -> 400 (... The "array" value's type is invalid.
      The "double" type was expected. ...)
  datetime (news_from_date, special_from_date) "" -> no value, " " -> the time of the save, "abc" -> 400
      'Invalid value of "%value" provided for the %fieldName field.'
  varchar/text (options_container, gift_message_available, description, url_key...) " " -> " "
  ProductInterface attributes sent as custom attributes (price "123", name "Renamed", status "2",
      visibility "1", weight "3", through /rest and /rest/all) -> 200, the product unchanged; weight "abc"
      -> 200 (a double never fails), status "" -> the int type error
  special_price "" / "0" / "abc" / " " on a new product -> "0.000000" and no special_from_date
      (SetSpecialPriceStartDate tests PHP truthiness); "5" -> special_from_date today 00:00:00
ServiceInputProcessor::convertCustomAttributeValue, Eav/Model/TypeLocator/SimpleType, TypeProcessor::setType,
Catalog/Model/Product::getCustomAttributesCodes (minus ProductInterface::ATTRIBUTES).
"""
from __future__ import annotations

import pytest


@pytest.fixture
def product(admin, make_product):
    make_product("CA-1")
    return admin


def _put(admin, code, value, prefix=""):
    return admin.put(f"{prefix}/products/CA-1", {"product": {"sku": "CA-1", "custom_attributes": [
        {"attribute_code": code, "value": value}]}})


def _custom(resp, code):
    values = [c["value"] for c in resp.get_json().get("custom_attributes", []) if c["attribute_code"] == code]
    return values[0] if values else None


def _int_error(code, shown):
    return {"message": f'Error occurred during "custom_attributes" processing. Attribute "{code}" has invalid value. '
                       f'The "{shown}" value\'s type is invalid. The "int" type was expected. Verify and try again.'}


@pytest.mark.parametrize("code", ["tax_class_id", "color", "manufacturer", "status", "visibility", "price_view",
                                  "shipment_type", "links_purchased_separately"])
@pytest.mark.parametrize("value", ["", " "])
def test_an_int_attribute_refuses_a_blank(product, code, value):
    resp = _put(product, code, value)
    assert resp.status_code == 400 and resp.get_json() == _int_error(code, value)


@pytest.mark.parametrize(("value", "shown"), [("abc", "abc"), ("0x1A", "0x1A"), ("49,50", "49,50"), (True, "1"),
                                              (False, ""), ([], "array"), ({"a": 1}, "array")])
def test_an_int_attribute_must_be_numeric(product, value, shown):
    resp = _put(product, "tax_class_id", value)
    assert resp.status_code == 400 and resp.get_json() == _int_error("tax_class_id", shown)


@pytest.mark.parametrize(("value", "stored"), [("1.5", "1"), (" 2 ", "2"), (2, "2"), ("1e1", "10")])
def test_an_int_attribute_is_converted(product, value, stored):
    assert _custom(_put(product, "tax_class_id", value), "tax_class_id") == stored


@pytest.mark.parametrize(("value", "stored"), [("abc", "0.000000"), ("1,5", "1.000000"), ("1e2", "100.000000"),
                                               (True, "1.000000"), (" 7 ", "7.000000"), (" ", "0.000000"),
                                               ("", "0.000000")])
def test_a_decimal_attribute_is_settype_double(product, value, stored):
    resp = _put(product, "cost", value, "/rest/all/V1")
    assert resp.status_code == 200 and _custom(resp, "cost") == stored


def test_an_array_is_no_decimal(product):
    resp = _put(product, "cost", [])
    assert resp.status_code == 400 and resp.get_json() == {"message": (
        'Error occurred during "custom_attributes" processing. Attribute "cost" has invalid value. The "array" '
        'value\'s type is invalid. The "double" type was expected. Verify and try again.')}


def test_a_blank_date_is_now(product):
    product.client.post("/_fake/clock", json={"set": "2026-12-03 10:35:54", "freeze": True})
    assert _custom(_put(product, "news_from_date", " "), "news_from_date") == "2026-12-03 10:35:54"
    assert _custom(_put(product, "news_from_date", ""), "news_from_date") is None
    resp = _put(product, "news_from_date", "abc")
    assert resp.status_code == 400 and resp.get_json() == {
        "message": 'Invalid value of "%value" provided for the %fieldName field.',
        "parameters": {"fieldName": "news_from_date", "value": "abc"}}


@pytest.mark.parametrize(("code", "value"), [("price", "123"), ("name", "Renamed"), ("status", "2"),
                                             ("visibility", "1"), ("weight", "3"), ("weight", "abc"), ("name", "")])
@pytest.mark.parametrize("prefix", ["", "/rest/all/V1"])
def test_product_properties_sent_as_custom_attributes_are_ignored(product, code, value, prefix):
    resp = _put(product, code, value, prefix)
    assert resp.status_code == 200
    body = product.get("/rest/all/V1/products/CA-1").get_json()
    assert (body["price"], body["name"], body["status"], body["visibility"], body.get("weight")) == (
        10, "CA-1", 1, 4, None)
    assert _custom(resp, code) is None


def test_a_product_property_is_still_type_checked(product):
    resp = _put(product, "status", "")
    assert resp.status_code == 400 and resp.get_json() == _int_error("status", "")


@pytest.mark.parametrize(("value", "stored", "from_date"), [
    ("", "0.000000", None), ("0", "0.000000", None), ("abc", "0.000000", None), (" ", "0.000000", None),
    ("5", "5.000000", "2026-12-03 00:00:00")])
def test_special_price_start_date_follows_php_truthiness(admin, value, stored, from_date):
    admin.client.post("/_fake/clock", json={"set": "2026-12-03 10:31:13", "freeze": True})
    resp = admin.post("/rest/all/V1/products", {"product": {
        "sku": "SP-1", "name": "SP-1", "attribute_set_id": 4, "price": 9, "type_id": "simple",
        "custom_attributes": [{"attribute_code": "special_price", "value": value}]}})
    assert (_custom(resp, "special_price"), _custom(resp, "special_from_date")) == (stored, from_date)
