"""Category custom attribute values are converted by the attribute's backend type.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03: POST /V1/categories {"category": {"name": ..., "parent_id": 2,
"custom_attributes": [{"attribute_code": "include_in_menu", "value": "abc"}]}} -> 400 with the message
below; is_anchor "abc" the same, include_in_menu true -> 'The "1" value's type is invalid'
(ServiceInputProcessor::convertCustomAttributeValue, Eav TypeLocator: int backend type).
"""
from __future__ import annotations

import pytest


def invalid(code: str, shown: str) -> dict[str, str]:
    return {"message": f'Error occurred during "custom_attributes" processing. Attribute "{code}" has invalid '
                       f'value. The "{shown}" value\'s type is invalid. The "int" type was expected. '
                       "Verify and try again."}


@pytest.mark.parametrize("code, value, shown", [("include_in_menu", "abc", "abc"), ("is_anchor", "abc", "abc"),
                                                ("include_in_menu", True, "1")])
def test_an_int_custom_attribute_takes_only_numbers(admin, code, value, shown):
    before = admin.get("/categories/list?searchCriteria[pageSize]=1").get_json()["total_count"]
    resp = admin.post("/categories", {"category": {"name": "INP check", "parent_id": 2, "custom_attributes": [
        {"attribute_code": code, "value": value}]}})
    assert (resp.status_code, resp.get_json()) == (400, invalid(code, shown))
    assert admin.get("/categories/list?searchCriteria[pageSize]=1").get_json()["total_count"] == before


def test_a_numeric_string_is_stored_as_the_int(admin):
    resp = admin.post("/categories", {"category": {"name": "INP anchor", "parent_id": 2, "custom_attributes": [
        {"attribute_code": "is_anchor", "value": "0"}]}})
    assert resp.status_code == 200
    attrs = {a["attribute_code"]: a["value"] for a in resp.get_json()["custom_attributes"]}
    assert attrs["is_anchor"] == "0"
