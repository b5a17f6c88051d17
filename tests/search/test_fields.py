"""`fields` partial responses (Fw/Webapi/Rest/Response/FieldsFilter)."""
from __future__ import annotations

from fake_magento.search.fields import apply_fields, parse_fields

PRODUCT = {"id": 1, "sku": "a", "name": "A", "price": 10,
           "extension_attributes": {"website_ids": [1], "category_links": [{"position": 0, "category_id": "2"}]},
           "custom_attributes": [{"attribute_code": "description", "value": "d"},
                                 {"attribute_code": "url_key", "value": "a"},
                                 {"attribute_code": "color", "value": "49"}]}
RESULT = {"items": [PRODUCT, {**PRODUCT, "id": 2, "sku": "b"}], "search_criteria": {"filter_groups": []},
          "total_count": 2}


def test_parse_nested_selection():
    assert parse_fields("items[sku,name,extension_attributes[website_ids]],total_count") == {
        "items": {"sku": 1, "name": 1, "extension_attributes": {"website_ids": 1}}, "total_count": 1}


def test_nested_selection_on_a_search_result():
    assert apply_fields(RESULT, "items[sku,extension_attributes[website_ids]],total_count") == {
        "items": [{"sku": "a", "extension_attributes": {"website_ids": [1]}},
                  {"sku": "b", "extension_attributes": {"website_ids": [1]}}],
        "total_count": 2}


def test_response_key_order_is_kept():
    assert list(apply_fields(PRODUCT, "price,sku,id")) == ["id", "sku", "price"]


def test_unknown_names_are_dropped_and_nothing_known_gives_an_empty_array():
    assert apply_fields(PRODUCT, "sku,nope") == {"sku": "a"}
    assert apply_fields(RESULT, "invalid") == []


def test_invalid_strings_give_an_empty_array():
    for bad in ("items[sku", "items.sku", "items[sku]]x-y", "sku name"):
        assert apply_fields(RESULT, bad) == [], bad


def test_scalars_and_empty_fields_pass_through():
    assert apply_fields(True, "sku") is True
    assert apply_fields("4", "sku") == "4"
    assert apply_fields(PRODUCT, "") == PRODUCT


def test_custom_attributes_keep_their_original_indexes():
    # index 0 -> a JSON list; a later index -> a JSON object keyed by the index
    assert apply_fields(PRODUCT, "custom_attributes[description]") == {
        "custom_attributes": [{"attribute_code": "description", "value": "d"}]}
    assert apply_fields(PRODUCT, "custom_attributes[color]") == {
        "custom_attributes": {"2": {"attribute_code": "color", "value": "49"}}}


def test_empty_list_with_nested_selection_is_null():
    assert apply_fields({"items": [], "total_count": 0}, "items[sku],total_count") == {
        "items": None, "total_count": 0}


def test_word_characters_are_ascii_only_and_zero_is_no_filter():
    # PCRE's \w without the u modifier: a non-ASCII letter makes the string invalid
    assert apply_fields(PRODUCT, "skü") == []
    # getParam('fields') must be truthy: "0" leaves the response alone
    assert apply_fields(PRODUCT, "0") == PRODUCT


def test_nested_selection_over_scalars_is_a_masked_500():
    import pytest

    from fake_magento.errors import InternalError

    with pytest.raises(InternalError):
        apply_fields(PRODUCT, "extension_attributes[website_ids[x]]")
    assert apply_fields(PRODUCT, "extension_attributes[website_ids]") == {"extension_attributes": {"website_ids": [1]}}
