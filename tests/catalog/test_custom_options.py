"""Product custom option reads (ProductCustomOptionRepository, ProductCustomOptionTypeList).

Evidence: the 2.4.7-p3 sandbox, 2026-12-03:
  GET /V1/products/options/types (any store view, admin token or OAuth) -> the ten types below, in order
  GET /V1/products/rfxb7-a/options (a product without options) -> []
  GET /V1/products/rfxb7-nope/options, .../rfxb7-nope/options/1 and /V1/products//options -> 404 'The product
      that was requested doesn't exist. Verify the product and try again.'
  GET /V1/products/rfxb7-a/options/1 -> 404 'No such entity with %fieldName = %fieldValue'
      {"fieldName": "optionId", "fieldValue": 1} (an integer); .../options/abc -> 400 the int type error
The emulator stores no custom options (README), so every product lists none.
"""
from __future__ import annotations

import pytest

TYPES = [{"label": "Field", "code": "field", "group": "Text"}, {"label": "Area", "code": "area", "group": "Text"},
         {"label": "File", "code": "file", "group": "File"},
         {"label": "Drop-down", "code": "drop_down", "group": "Select"},
         {"label": "Radio Buttons", "code": "radio", "group": "Select"},
         {"label": "Checkbox", "code": "checkbox", "group": "Select"},
         {"label": "Multiple Select", "code": "multiple", "group": "Select"},
         {"label": "Date", "code": "date", "group": "Date"}, {"label": "Date & Time", "code": "date_time", "group": "Date"},
         {"label": "Time", "code": "time", "group": "Date"}]
NO_PRODUCT = {"message": "The product that was requested doesn't exist. Verify the product and try again."}


@pytest.mark.parametrize("prefix", ["/rest/V1", "/rest/de/V1", "/rest/all/V1"])
def test_option_types(admin, prefix):
    assert admin.get(f"{prefix}/products/options/types").get_json() == TYPES


def test_a_product_lists_no_options(admin, make_product):
    make_product("CO-1")
    resp = admin.get("/products/CO-1/options")
    assert resp.status_code == 200 and resp.get_json() == []


@pytest.mark.parametrize("path", ["/products/CO-NOPE/options", "/products/CO-NOPE/options/1", "/products//options"])
def test_an_unknown_product(admin, path):
    resp = admin.get(path)
    assert resp.status_code == 404 and resp.get_json() == NO_PRODUCT


def test_an_unknown_option(admin, make_product):
    make_product("CO-1")
    resp = admin.get("/products/CO-1/options/1")
    assert resp.status_code == 404 and resp.get_json() == {
        "message": "No such entity with %fieldName = %fieldValue", "parameters": {"fieldName": "optionId", "fieldValue": 1}}
    bad = admin.get("/products/CO-1/options/abc")
    assert bad.status_code == 400 and bad.get_json() == {
        "message": 'The "abc" value\'s type is invalid. The "int" type was expected. Verify and try again.'}


def test_the_catalog_resource_guards_them(anon):
    resp = anon.get("/rest/V1/products/options/types")
    assert resp.status_code == 401 and resp.get_json()["parameters"] == {"resources": "Magento_Catalog::catalog"}
