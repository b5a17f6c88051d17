"""Property tests for the edge: path-value decoding and PHP-style query parsing."""
from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.http.encoding import php_json
from fake_magento.http.query import parse_query
from fake_magento.http.routing import Router, Routes

_routes = Routes()
_routes.get("/V1/products/:sku", "anonymous")(lambda req: None)
ROUTER = Router([_routes])

values = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@given(values)
def test_any_value_round_trips_through_quote_safe_empty(value):
    """What the connector sends (quote(v, safe='')) is what the route receives."""
    route, params = ROUTER.match("GET", ["V1", "products", quote(value, safe="")])
    assert params == {"sku": value}


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), values, min_size=1, max_size=5),
       st.lists(values, min_size=1, max_size=4))
def test_php_query_nesting(fields, listed):
    pairs = [(f"searchCriteria[{k}]", v) for k, v in fields.items()]
    pairs += [(f"searchCriteria[filter_groups][{i}][filters][0][value]", v) for i, v in enumerate(listed)]
    parsed = parse_query(urlencode(pairs))["searchCriteria"]
    for k, v in fields.items():
        if k != "filter_groups":
            assert parsed[k] == v
    groups = parsed["filter_groups"]
    assert [groups[str(i)]["filters"]["0"]["value"] for i in range(len(listed))] == listed


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | values, lambda c: st.lists(c, max_size=3) | st.dictionaries(values, c, max_size=3),
                    max_leaves=10))
def test_php_json_is_valid_json_with_escaped_slashes(value):
    import json

    text = php_json(value)
    assert "/" not in text.replace("\\/", "")
    decoded = json.loads(text)
    assert decoded == value  # whole floats come back as ints, which compare equal


def _whole_floats_as_ints(value):
    """Reference for php_json's float rule: a tree walk (whole floats below 1e15 become ints)."""
    import math

    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value == int(value) and abs(value) < 1e15 else value
    if isinstance(value, dict):
        return {k: _whole_floats_as_ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_floats_as_ints(v) for v in value]
    return value


@given(st.recursive(st.none() | st.booleans() | st.integers()
                    | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(st.sampled_from('0123456789.-,]}"\\/ e'), max_size=12),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(values, c, max_size=3), max_leaves=20))
def test_php_json_matches_the_tree_walk_reference(value):
    """The regex pass touches numbers only: strings that look like floats stay as they are."""
    import json

    expected = json.dumps(_whole_floats_as_ints(value), separators=(",", ":")).replace("/", "\\/")
    assert php_json(value) == expected


def test_php_json_examples():
    assert php_json({"a": 100.0, "b": -3.0, "c": 2.5, "d": "1.0,", "e": [0.0, 1e20, 1.0e-7]}) == \
        '{"a":100,"b":-3,"c":2.5,"d":"1.0,","e":[0,1e+20,1e-07]}'
    assert php_json(12.0) == "12" and php_json("a/b") == '"a\\/b"'


@given(st.booleans() | st.integers(-10**6, 10**6) | st.floats(-1e6, 1e6, allow_nan=False))
def test_string_fields_take_php_string_casts(value):
    """TypeProcessor::setType(..., 'string') is PHP's settype: true "1", false "", 2.0 "2"."""
    from fake_magento.types import typed_value

    text = typed_value("name", value, "string")
    if isinstance(value, bool):
        assert text == ("1" if value else "")
    elif isinstance(value, float) and value.is_integer():
        assert text == str(int(value))
    else:
        assert text == str(value) and float(text) == value


@pytest.mark.parametrize("value, kind, expected", [
    ("abc", "int", 0), ("12abc", "int", 12), (" 1e3", "int", 1000), (1.9, "int", 1), (True, "int", 1),
    (None, "int", 0), ([], "int", 0), ([5], "int", 1), ("2.5x", "float", 2.5), (None, "string", ""),
    (True, "string", "1"), (False, "string", ""), (3.0, "string", "3"), ({"a": 1}, "string", "Array")])
def test_array_items_are_cast_by_settype(value, kind, expected):
    """TypeProcessor::processSimpleAndAnyType casts each item of an ``int[]``/``string[]`` with
    settype() (no is_numeric check), unlike a scalar field."""
    from fake_magento.types import typed_list

    assert typed_list("ids", [value], kind) == [expected]
