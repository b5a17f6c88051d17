"""ServiceInputProcessor (fake_magento/http/service_input.py) against what a real Magento answered.

Every request here was sent unchanged to the 2.4.7-p3 sandbox (../shared/sandbox) on 2026-12-03;
the expected bodies are its answers.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.errors import InputError, WebapiError
from fake_magento.http.service_input import PROCESSOR, ServiceInputProcessor, filter_bool, upper_camel
from fake_magento.http.service_types import FIELDS, PARAMS, REQUIRED
from tests.support import RestClient, admin_token, make_app

NOT_SUPPORTED = '"%fieldName" is not supported. Correct the field name and try again.'
REQUIRED_MESSAGE = '"%fieldName" is required. Enter and try again.'


def type_message(shown: str, kind: str) -> str:
    return f'The "{shown}" value\'s type is invalid. The "{kind}" type was expected. Verify and try again.'


@pytest.fixture
def seeded() -> Iterator[Any]:
    app = make_app(profile="default")
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


@pytest.fixture
def order_id(seeded: Any) -> int:
    return int(seeded.get("/orders?searchCriteria[pageSize]=1").get_json()["items"][0]["entity_id"])


@pytest.mark.parametrize("history, status, body", [
    # any spelling whose ucwords(key, "_") is the getter's name is the field
    ({"comment": "x", "parent_Id": "1"}, 200, True),
    ({"comment": "x", "parentId": "1"}, 200, True),
    # NameFinder compares the getter's name exactly: an upper-case spelling is no field
    ({"comment": "x", "PARENTID": "1"}, 400, {"message": NOT_SUPPORTED, "parameters": {"fieldName": "PARENTID"}}),
    ({"comment": "x", "fooBar": 1}, 400, {"message": NOT_SUPPORTED, "parameters": {"fieldName": "FooBar"}}),
    # an extension attribute the interface does not have
    ({"comment": "x", "extension_attributes": {"foo": 1}}, 400,
     {"message": NOT_SUPPORTED, "parameters": {"fieldName": "Foo"}}),
    # a list is an array whose keys 0, 1... are field names; an empty one is an empty object
    ([{"comment": "x"}], 400, {"message": NOT_SUPPORTED, "parameters": {"fieldName": "0"}}),
    # is_numeric: true is "1" and no number; an array names its gettype
    ({"comment": "x", "is_customer_notified": True}, 400,
     {"message": 'Error occurred during "is_customer_notified" processing. ' + type_message("1", "int")}),
    ({"comment": "x", "is_customer_notified": [1]}, 400,
     {"message": 'Error occurred during "is_customer_notified" processing. ' + type_message("array", "int")}),
    ({"comment": "x", "is_customer_notified": "abc"}, 400,
     {"message": 'Error occurred during "is_customer_notified" processing. ' + type_message("abc", "int")}),
    ({"comment": ["x"]}, 400, {"message": 'Error occurred during "comment" processing. ' + type_message("array", "string")}),
    # an integer too big for PHP saturates; it is no error
    ({"comment": "x", "is_customer_notified": "9999999999999999999999"}, 200, True),
])
def test_a_nested_object_is_read_as_magento_reads_it(seeded: Any, order_id: int, history: Any, status: int,
                                                     body: Any) -> None:
    before = len(seeded.get(f"/orders/{order_id}/comments").get_json()["items"])
    resp = seeded.post(f"/orders/{order_id}/comments", {"statusHistory": history})
    assert (resp.status_code, resp.get_json()) == (status, body)
    after = len(seeded.get(f"/orders/{order_id}/comments").get_json()["items"])
    assert after == before + (1 if status == 200 else 0)


@pytest.mark.parametrize("payload", [{}, {"statusHistory": None}])
def test_a_null_parameter_is_as_missing_as_an_absent_one(seeded: Any, order_id: int, payload: Any) -> None:
    resp = seeded.post(f"/orders/{order_id}/comments", payload)
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": REQUIRED_MESSAGE, "parameters": {"fieldName": "statusHistory"}})


def test_each_enclosing_field_wraps_a_nested_error_once(admin: Any, make_product: Any) -> None:
    make_product("SIP-1", qty=3)
    resp = admin.put("/products/SIP-1", {"product": {"extension_attributes": {"stock_item": {"qty": "abc"}}}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'Error occurred during "extension_attributes" processing. Error occurred during "stock_item" '
                   'processing. Error occurred during "qty" processing. ' + type_message("abc", "float")})
    assert admin.get("/stockItems/SIP-1").get_json()["qty"] == 3


def test_a_query_parameter_takes_its_declared_type(admin: Any, make_product: Any) -> None:
    make_product("SIP-2", qty=1)
    resp = admin.get("/products/SIP-2?storeId=abc")
    assert (resp.status_code, resp.get_json()) == (400, {"message": type_message("abc", "int")})
    # a bool is filter_var'd: never an error
    assert admin.get("/products/SIP-2?editMode=abc").status_code == 200


# -- the processor on its own -----------------------------------------------------------------
def test_missing_parameters_are_collected_after_the_conversions() -> None:
    processor = ServiceInputProcessor(params={"POST /x": [["a", "int", True], ["b", "int", True], ["c", "int", False]]},
                                      fields={})
    with pytest.raises(WebapiError) as converted:
        processor.process("POST /x", {"c": "abc"})
    assert converted.value.message == type_message("abc", "int")
    with pytest.raises(InputError) as missing:
        processor.process("POST /x", {"b": None})
    assert missing.value.to_body() == {"message": "One or more input exceptions have occurred.", "errors": [
        {"message": REQUIRED_MESSAGE, "parameters": {"fieldName": "a"}},
        {"message": REQUIRED_MESSAGE, "parameters": {"fieldName": "b"}}]}
    assert processor.process("POST /x", {"a": "7", "b": 1.9}) == {"a": 7, "b": 1}
    assert processor.process("POST /x", {"a": 1, "b": 2, "c": None}) == {"a": 1, "b": 2}


def test_snake_case_parameter_names_and_arrays() -> None:
    processor = ServiceInputProcessor(
        params={"POST /x": [["appendComment", "bool", False], ["items", "thing[]", False], ["ids", "int[]", False]]},
        fields={"thing": {"order_item_id": "int", "qty": "float"}})
    assert processor.process("POST /x", {"append_comment": "yes", "items": {"k": {"orderItemId": "3", "qty": "2"}},
                                         "ids": ["1", "x", 2.7]}) == {
        "appendComment": True, "items": [{"order_item_id": 3, "qty": 2.0}], "ids": [1, 0, 2]}
    # an array of objects given a scalar is null; a simple array given a scalar names its gettype
    assert processor.process("POST /x", {"items": "abc"}) == {"items": None}
    with pytest.raises(WebapiError) as error:
        processor.process("POST /x", {"ids": "abc"})
    assert error.value.message == type_message("string", "int[]")


@given(st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)))
def test_filter_bool_is_true_only_for_php_true_words(value: Any) -> None:
    expected = value is True or (not isinstance(value, bool) and isinstance(value, (int, float)) and value == 1) \
        or (isinstance(value, str) and value.strip().lower() in {"1", "true", "on", "yes"})
    assert filter_bool(value) is expected


@given(st.from_regex(r"[a-z]{1,6}(_[a-z]{1,6}){0,3}", fullmatch=True))
def test_snake_and_camel_spellings_name_one_field(name: str) -> None:
    camel = name.split("_")[0] + "".join(p.capitalize() for p in name.split("_")[1:])
    assert upper_camel(name) == upper_camel(camel)


def test_the_tables_cover_every_served_operation_and_definition() -> None:
    from fake_magento.http.registry import build_router

    keys = {f"{r.method} {r.path}" for r in build_router().routes}
    assert keys == set(PARAMS)
    referenced = {kind.removesuffix("[]") for fields in FIELDS.values() for kind in fields.values()}
    simple = {"int", "float", "bool", "string", "mixed", "array"}
    assert referenced - simple <= set(FIELDS)
    assert set(REQUIRED) == set(FIELDS)
    assert PROCESSOR.params is PARAMS
