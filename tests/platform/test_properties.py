"""Property tests for the edge: path-value decoding and PHP-style query parsing."""
from __future__ import annotations

from urllib.parse import quote, urlencode

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
