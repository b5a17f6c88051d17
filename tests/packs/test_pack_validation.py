"""Pack validation: every problem is reported, each naming its entry; defaults are filled in."""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.packs import PRODUCT_TYPES, PackError, parse_pack, read_pack, validate

SAMPLE = Path(__file__).with_name("sample.yaml")


def _sample() -> dict[str, Any]:
    return yaml.safe_load(SAMPLE.read_text())


def _errors(data: Any) -> list[str]:
    with pytest.raises(PackError) as caught:
        validate(data)
    return caught.value.errors


def test_the_sample_pack_is_valid_and_gets_its_defaults():
    pack = read_pack(SAMPLE)
    tee = pack["products"][0]
    assert (tee["sku"], tee["status"], tee["visibility"], tee["websites"], tee["attribute_set_id"]) == \
        ("PACK-TEE", "enabled", 4, ["base"], 4)
    hoodie = next(p for p in pack["products"] if p["ref"] == "hoodie")
    assert hoodie["configurable"]["children"] == [{"color": "Black"}, {"color": "Blue"}]
    fresh = pack["orders"][0]
    assert (fresh["store"], fresh["shipping_method"], fresh["payment_method"]) == \
        ("default", "flatrate_flatrate", "checkmo")
    assert fresh["address"]["region_id"] == 12  # the customer's first address
    guest = next(o for o in pack["orders"] if o["ref"] == "refunded")
    assert guest["address"]["country_id"] == "US" and guest["address"]["region_id"] == 23


def test_an_unknown_type_names_the_entry_and_the_choices():
    data = _sample()
    data["products"][2]["type_id"] = "foo"
    assert _errors(data) == [
        "products[2].type_id: 'foo' is not one of simple, virtual, configurable, bundle, grouped, downloadable"]


def test_every_problem_is_reported_at_once():
    data = _sample()
    data["products"][0]["price"] = "cheap"
    data["customers"][0]["email"] = "not-an-email"
    data["orders"][1]["state"] = "shipped"
    data["orders"][2]["items"][0]["options"] = {"color": "Green"}
    assert _errors(data) == [
        "products[0].price: 'cheap' is not a number",
        "customers[0].email: 'not-an-email' is not an email address",
        ("orders[1].state: 'shipped' is not one of new, processing, complete, closed, canceled, holded, "
        "pending_payment, payment_review"),
        "orders[2].items[0].options.color: 'Green' is not one of Black, Blue"]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["products"].append({"ref": "tee", "type_id": "simple"}),
     "products[7].ref: 'tee' is used by another entry of products"),
    (lambda d: d["orders"][0].update(customer="nobody"),
     "orders[0].customer: 'nobody' is not the ref of a customer of this pack"),
    (lambda d: d["orders"][0].update(guest={"email": "g@example.com"}),
     "orders[0]: needs exactly one of customer (a ref) or guest ({email})"),
    (lambda d: d["orders"][0]["items"].append({"product": "ghost"}),
     "orders[0].items[1].product: 'ghost' is not the ref of a product of this pack"),
    (lambda d: d["orders"][0]["items"].append({"product": "set"}),
     "orders[0].items[1].product: 'set' is grouped: order its children"),
    (lambda d: d["customers"][0]["addresses"][0].update(region_id=82),
     "customers[0].addresses[0].region_id: 82 is not a region of US (Magento's directory: 1..65)"),
    (lambda d: d["products"][0].update(colour="red"),
     ("products[0].colour: unknown key; known keys: ref, sku, type_id, name, price, qty, status, visibility, "
     "weight, websites, attribute_set_id, attributes, configurable, bundle, grouped, downloadable")),
    (lambda d: d["products"][6]["grouped"].append({"product": "hoodie"}),
     "products[6].grouped[2].product: 'hoodie' is a configurable; one of simple, virtual, downloadable is needed"),
    (lambda d: d["orders"][2]["items"][1].update(selections=["tee", "mug"]),
     "orders[2].items[1].selections: ['tee', 'mug'] must name one product for each of the bundle's 1 options"),
    (lambda d: d["orders"][0].update(tracks=[{"carrier": "ups", "number": "1Z"}]),
     "orders[0].tracks: only for an order shipped by the pack (state complete)"),
    (lambda d: d["orders"][2]["tracks"][0].update(carrier="royalmail"),
     "orders[2].tracks[0].carrier: 'royalmail' is not one of ups, fedex, usps, dhl, custom"),
    (lambda d: d["products"][0].update(sku="X" * 65),
     f"products[0].sku: {'X' * 65!r} is longer than 64 characters"),
    (lambda d: d.update(invoices=[]),
     "pack.invoices: unknown key; known keys: format, products, customers, orders"),
])
def test_a_bad_entry_is_named(change: Any, expected: str):
    data = _sample()
    change(data)
    assert _errors(data) == [expected]


def test_not_yaml_is_refused_with_the_file_name():
    with pytest.raises(PackError) as caught:
        parse_pack("products: [", "shop.yaml")
    assert caught.value.errors[0].startswith("shop.yaml: not YAML or JSON")


def test_json_is_a_pack_too():
    pack = parse_pack('{"products": [{"ref": "a", "type_id": "virtual"}]}')
    assert pack["products"][0]["price"] == 10 and pack["customers"] == [] and pack["orders"] == []


@given(st.integers(0, 6), st.text(min_size=1, max_size=12).filter(lambda t: t not in PRODUCT_TYPES))
def test_any_wrong_type_names_its_product(index: int, type_id: str):
    data = copy.deepcopy(_SAMPLE)
    data["products"][index]["type_id"] = type_id
    errors = _errors(data)
    assert errors[0] == f"products[{index}].type_id: {type_id!r} is not one of {', '.join(PRODUCT_TYPES)}"


_SAMPLE = _sample()


_KEYS = st.sampled_from(["ref", "type_id", "sku", "price", "qty", "items", "product", "customer", "guest", "state",
                         "configurable", "bundle", "grouped", "options", "selections", "addresses", "email",
                         "attributes", "country_id", "region_id", "tracks", "carrier", "title", "color"])
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | \
    st.sampled_from(["simple", "bundle", "configurable", "grouped", "complete", "a", "US", "ups"])
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
                     max_leaves=16)


@given(st.dictionaries(st.sampled_from(["products", "customers", "orders", "format"]),
                       st.lists(st.dictionaries(_KEYS, _JSON, max_size=5), max_size=3) | _JSON, max_size=3))
def test_any_malformed_pack_is_refused_with_named_errors_never_a_crash(data: dict[str, Any]):
    try:
        validate(data)
    except PackError as refused:
        assert refused.errors and all(re.match(r"^(pack|format|products|customers|orders)[\[.:]", e)
                                      for e in refused.errors), refused.errors


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        out += _paths(item, (*prefix, key))
    return out


_SAMPLE_PATHS = _paths(_SAMPLE)


@given(st.sampled_from(_SAMPLE_PATHS), _JSON)
def test_any_value_anywhere_in_the_sample_is_refused_with_its_path_or_accepted(path: tuple[Any, ...], value: Any):
    data = copy.deepcopy(_SAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        validate(data)
    except PackError as refused:
        assert refused.errors and all(re.match(r"^(pack|format|products|customers|orders)[\[.:]", e)
                                      for e in refused.errors), refused.errors
