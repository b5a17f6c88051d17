"""Parsing searchCriteria from PHP-style query strings, with Magento's messages."""
from __future__ import annotations

import pytest

from fake_magento.errors import InputError, InternalError, MagentoError, WebapiError
from fake_magento.http.query import parse_query
from fake_magento.search import Filter, FilterGroup, SearchCriteria, SortOrder, parse_search_criteria
from fake_magento.search.sql import page_window


def parse(qs: str) -> SearchCriteria:
    return parse_search_criteria(parse_query(qs))


def test_camel_case_and_snake_case_are_the_same():
    camel = parse("searchCriteria[filterGroups][0][filters][0][field]=sku&searchCriteria[filterGroups][0]"
                  "[filters][0][value]=X&searchCriteria[filterGroups][0][filters][0][conditionType]=like"
                  "&searchCriteria[sortOrders][0][field]=name&searchCriteria[sortOrders][0][direction]=asc"
                  "&searchCriteria[pageSize]=5&searchCriteria[currentPage]=2")
    snake = parse("search_criteria[filter_groups][0][filters][0][field]=sku&search_criteria[filter_groups][0]"
                  "[filters][0][value]=X&search_criteria[filter_groups][0][filters][0][condition_type]=like"
                  "&search_criteria[sort_orders][0][field]=name&search_criteria[sort_orders][0][direction]=asc"
                  "&search_criteria[page_size]=5&search_criteria[current_page]=2")
    assert camel == snake == SearchCriteria((FilterGroup((Filter("sku", "X", "like"),)),),
                                            (SortOrder("name", "ASC"),), 5, 2)


def test_any_index_numbers_keep_their_order():
    c = parse("searchCriteria[filter_groups][7][filters][3][field]=a&searchCriteria[filter_groups][7][filters][3]"
              "[value]=1&searchCriteria[filter_groups][2][filters][9][field]=b&searchCriteria[filter_groups][2]"
              "[filters][9][value]=2")
    assert [g.filters[0].field for g in c.filter_groups] == ["a", "b"]


def test_missing_condition_type_is_eq():
    c = parse("searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0]"
              "[filters][0][value]=X")
    assert c.filter_groups[0].filters[0].condition_type == "eq"
    assert c.echo()["filter_groups"] == [{"filters": [{"field": "sku", "value": "X", "condition_type": "eq"}]}]


def test_missing_search_criteria_is_required():
    with pytest.raises(InputError) as e:
        parse("fields=items")
    assert e.value.to_body() == {"message": '"%fieldName" is required. Enter and try again.',
                                 "parameters": {"fieldName": "searchCriteria"}}
    assert e.value.status == 400


@pytest.mark.parametrize("qs", ["searchCriteria", "searchCriteria="])
def test_bare_search_criteria_means_everything(qs):
    c = parse(qs)
    assert c == SearchCriteria()
    assert c.echo() == {"filter_groups": []}


@pytest.mark.parametrize("qs", ["searchCriteria[page]=1", "searchCriteria[filter_group][0][filters][0][field]=x",
                                "searchCriteria[filterGroups][0][filter][0][field]=x",
                                "searchCriteria[filterGroups][0][filters][0][name]=x",
                                "searchCriteria[sortOrders][0][dir]=ASC"])
def test_unknown_keys_are_a_masked_500(qs):
    with pytest.raises(InternalError) as e:
        parse(qs)
    assert e.value.status == 500
    assert e.value.to_body()["message"].startswith("Internal Error. Details are available in Magento log file.")


def test_page_size_must_be_an_int():
    with pytest.raises(WebapiError) as e:
        parse("searchCriteria[pageSize]=abc")
    assert e.value.to_body() == {"message": 'Error occurred during "pageSize" processing. The "abc" value\'s '
                                            'type is invalid. The "int" type was expected. Verify and try again.'}


def test_sort_direction_is_case_insensitive_and_defaults_to_desc_when_applied():
    c = parse("searchCriteria[sortOrders][0][field]=a&searchCriteria[sortOrders][0][direction]=aSc"
              "&searchCriteria[sortOrders][1][field]=b")
    assert c.sort_orders == (SortOrder("a", "ASC"), SortOrder("b", None))
    # SortOrder's getters are non-nullable: a missing direction is echoed as null
    assert c.echo()["sort_orders"] == [{"field": "a", "direction": "ASC"}, {"field": "b", "direction": None}]


def test_bad_sort_direction():
    with pytest.raises(InputError) as e:
        parse("searchCriteria[sortOrders][0][field]=a&searchCriteria[sortOrders][0][direction]=up")
    assert e.value.to_body() == {
        "message": "The sort order has to be specified as %1 for ascending order or %2 for descending order.",
        "parameters": ["ASC", "DESC"]}


def test_sort_field_with_restricted_symbols():
    with pytest.raises(InputError) as e:
        parse("searchCriteria[sortOrders][0][field]=a;drop")
    assert e.value.to_body() == {"message": "Sort order field %1 contains restricted symbols",
                                 "parameters": ["a;drop"]}


def test_echo_omits_what_was_not_sent_and_keeps_values_as_strings():
    c = parse("searchCriteria[filter_groups][0][filters][0][field]=price&searchCriteria[filter_groups][0]"
              "[filters][0][value]=10&searchCriteria[filter_groups][0][filters][0][condition_type]=gt"
              "&searchCriteria[page_size]=2&searchCriteria[current_page]=1")
    assert c.echo() == {"filter_groups": [{"filters": [{"field": "price", "value": "10", "condition_type": "gt"}]}],
                        "page_size": 2, "current_page": 1}


@pytest.mark.parametrize("size, page, window", [
    (None, None, (None, 0)), (0, 3, (None, 0)), (10, 1, (10, 0)), (10, 3, (10, 20)), (10, 0, (10, 0)),
    (10, -4, (10, 0)), (-5, 2, (1, 1)),
])
def test_paging_window(size, page, window):
    assert page_window(SearchCriteria(page_size=size, current_page=page)) == window


def test_input_limits_are_off_by_default_and_enforced_when_on():
    assert page_window(SearchCriteria(page_size=5000)) == (5000, 0)
    with pytest.raises(MagentoError) as e:
        page_window(SearchCriteria(page_size=301), limits_enabled=True)
    assert e.value.to_body() == {"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": 300}}
    assert page_window(SearchCriteria(), limits_enabled=True, default_page_size=20) == (20, 0)


@pytest.mark.parametrize("qs, message", [
    # ServiceInputProcessor::_createFromArray wraps a nested SerializationException once per level,
    # naming each property as it was sent; TypeProcessor shows gettype() for arrays.
    ("searchCriteria[filter_groups][0][filters][0][value][0]=a",
     ('Error occurred during "filter_groups" processing. Error occurred during "filters" processing. '
     'Error occurred during "value" processing. The "array" value\'s type is invalid. The "string" type was '
     'expected. Verify and try again.')),
    ("searchCriteria[filterGroups][0][filters][0][field][x]=a",
     ('Error occurred during "filterGroups" processing. Error occurred during "filters" processing. '
     'Error occurred during "field" processing. The "array" value\'s type is invalid. The "string" type was '
     'expected. Verify and try again.')),
    ("searchCriteria[sortOrders][0][direction][]=ASC",
     ('Error occurred during "sortOrders" processing. Error occurred during "direction" processing. '
     'The "array" value\'s type is invalid. The "string" type was expected. Verify and try again.')),
    ("searchCriteria[page_size][]=5",
     ('Error occurred during "page_size" processing. The "array" value\'s type is invalid. The "int" type was '
     'expected. Verify and try again.')),
    ("searchCriteria[currentPage]=",
     ('Error occurred during "currentPage" processing. The "" value\'s type is invalid. The "int" type was '
     'expected. Verify and try again.')),
])
def test_type_errors_are_400_with_the_nested_message(qs, message):
    with pytest.raises(WebapiError) as e:
        parse(qs)
    assert e.value.status == 400
    assert e.value.to_body() == {"message": message}


def test_properties_are_set_in_the_order_sent():
    # the first bad property decides: a type error (400) before an unknown key (500), and the reverse
    with pytest.raises(WebapiError):
        parse("searchCriteria[pageSize]=x&searchCriteria[page]=1")
    with pytest.raises(InternalError):
        parse("searchCriteria[page]=1&searchCriteria[pageSize]=x")


@pytest.mark.parametrize("ctype", ["", "0"])
def test_falsy_condition_type_is_eq(ctype):
    # Filter::getConditionType: `?: 'eq'`
    c = parse("searchCriteria[filter_groups][0][filters][0][field]=a&searchCriteria[filter_groups][0][filters][0]"
              f"[value]=1&searchCriteria[filter_groups][0][filters][0][condition_type]={ctype}")
    assert c.filter_groups[0].filters[0].condition_type == "eq"


def test_condition_type_is_kept_as_sent():
    c = parse("searchCriteria[filter_groups][0][filters][0][field]=a&searchCriteria[filter_groups][0][filters][0]"
              "[condition_type]=LIKE")
    assert c.filter_groups[0].filters[0] == Filter("a", None, "LIKE")
    # a filter without a value echoes value null (Filter::getValue is declared non-nullable)
    assert c.echo()["filter_groups"] == [{"filters": [{"field": "a", "value": None, "condition_type": "LIKE"}]}]


def test_keys_are_case_insensitive_method_names():
    # snakeCaseToUpperCamelCase then PHP's case-insensitive method lookup: PAGE_SIZE -> getPAGESIZE
    assert parse("searchCriteria[PAGE_SIZE]=3&searchCriteria[currentpage]=2") == SearchCriteria(page_size=3,
                                                                                             current_page=2)


def test_empty_direction_is_rejected():
    with pytest.raises(InputError):
        parse("searchCriteria[sortOrders][0][field]=a&searchCriteria[sortOrders][0][direction]=")


def test_sort_orders_that_are_not_an_array_are_null():
    # convertValue returns null for a non-array SortOrder[]: nothing is echoed
    assert parse("searchCriteria[sortOrders]=").echo() == {"filter_groups": []}
    assert parse("searchCriteria[sortOrders][0][field]=a").echo()["sort_orders"] == [{"field": "a", "direction": None}]


def test_json_scalars_become_strings_as_settype_does():
    c = parse_search_criteria({"searchCriteria": {"filter_groups": [{"filters": [
        {"field": "qty", "value": 1.0}, {"field": "ok", "value": True}, {"field": "n", "value": 7}]}],
        "pageSize": 5.0}})
    assert [f.value for f in c.filter_groups[0].filters] == ["1", "1", "7"]
    assert c.page_size == 5


def test_huge_page_numbers_saturate_and_page_past_the_end():
    c = parse("searchCriteria[pageSize]=99999999999999999999&searchCriteria[currentPage]=99999999999999999999")
    assert c.page_size == c.current_page == 2**63 - 1
    assert parse("searchCriteria[pageSize]=1.9").page_size == 1
