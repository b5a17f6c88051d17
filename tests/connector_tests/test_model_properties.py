"""Property tests of connector.models on Magento's odd types.

Bodies are drawn from each schema's own fields: every declared key may be absent, null, or sent in
any of the forms Magento puts on the wire (ids as digit strings, amounts as numeric strings, flags as
0/1 or "0"/"1", PHP's ``[]`` for an absent object), plus unknown keys. Each draw carries the value the
model must hold, so a load is compared with an expected model built directly."""
from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from marshmallow import ValidationError

from connector.models import MagentoModel, ModelError, ModelSchema, dump, load, schema_for
from connector.models import fields as mf

Case = tuple[Any, Any]  # (what Magento sends, what the model holds)
SCHEMAS = sorted(ModelSchema.__subclasses__(), key=lambda schema: schema.definition)
MODELS = [schema.model for schema in SCHEMAS]
IDS = [model.__name__ for model in MODELS]

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
OBJECTS = st.dictionaries(st.text(max_size=6), JSON, max_size=3)


def integers() -> SearchStrategy[Case]:
    whole = st.integers(-(10**12), 10**12).flatmap(lambda i: st.sampled_from(
        [(i, i), (str(i), i), (f" {i}\n", i), (float(i), i), (f"{i}.0000", i)]))
    return whole | st.booleans().map(lambda flag: (flag, int(flag)))


def numbers() -> SearchStrategy[Case]:
    finite = st.floats(allow_nan=False, allow_infinity=False).flatmap(
        lambda x: st.sampled_from([(x, x), (repr(x), x), (f"{x:.4f}", float(f"{x:.4f}"))]))
    return finite | st.integers(-(10**15), 10**15).flatmap(lambda i: st.sampled_from([(i, float(i)),
                                                                                          (str(i), float(i))]))


def strings() -> SearchStrategy[Case]:
    return (st.text(max_size=12).map(lambda text: (text, text))
            | st.integers().map(lambda i: (i, str(i)))
            | st.sampled_from([(True, "1"), (False, ""), (2.0, "2"), (2.5, "2.5")]))


BOOLEANS = st.sampled_from([(True, True), (False, False), (1, True), (0, False), ("1", True), ("0", False),
                            ("true", True), ("false", False), ("", False)])
SCALARS: dict[type, SearchStrategy[Case]] = {mf.Integer: integers(), mf.Float: numbers(), mf.String: strings(),
                                            mf.Boolean: BOOLEANS}


def scalar_lists(element: Any, zero: Any) -> SearchStrategy[Case]:
    items = st.lists(SCALARS[type(element)] | st.just((None, zero)), max_size=3)
    return items.map(lambda cases: ([sent for sent, _ in cases], [held for _, held in cases]))


def custom_attributes() -> SearchStrategy[Case]:
    return st.dictionaries(st.text(min_size=1, max_size=8), JSON, max_size=3).map(
        lambda attrs: ([{"attribute_code": code, "value": value} for code, value in attrs.items()], attrs))


def field_cases(field: Any, depth: int) -> SearchStrategy[Case]:
    if type(field) in SCALARS:
        cases = SCALARS[type(field)]
        return cases if field.required else cases | st.just((None, None))
    if isinstance(field, mf.NestedModel):
        absent = st.sampled_from([(None, None), ([], None)])
        return absent | bodies(field.schema.model, depth - 1) if depth > 0 else absent
    if isinstance(field, mf.NestedModelList):
        empty = st.sampled_from([(None, []), ([], [])])
        if depth == 0:
            return empty
        return empty | st.lists(bodies(field.inner.schema.model, depth - 1), min_size=1, max_size=2).map(
            lambda cases: ([sent for sent, _ in cases], [held for _, held in cases]))
    if isinstance(field, mf.ScalarList):
        return st.just((None, [])) | scalar_lists(field.inner, field.zero)
    if isinstance(field, mf.CustomAttributes):
        return st.sampled_from([(None, {}), ([], {})]) | custom_attributes()
    if isinstance(field, mf.Object):
        return st.sampled_from([(None, {}), ([], {})]) | OBJECTS.map(lambda obj: (obj, obj))
    if isinstance(field, mf.ObjectList):
        return st.just((None, [])) | st.lists(OBJECTS, max_size=2).map(lambda objs: (objs, objs))
    raise AssertionError(f"no cases for {field!r}")


@functools.cache
def bodies(model: type[MagentoModel], depth: int = 2) -> SearchStrategy[Case]:
    """(body, expected model): required fields always, the others (at depth > 0) each maybe.

    Built once per (model, depth): a strategy draws the same from the same choices whether it is new
    or reused, and a new one per example cost more than the drawing (schemas instantiated, the nested
    strategies validated again)."""
    declared = schema_for(model)().fields
    required = {name: field_cases(field, depth) for name, field in declared.items() if field.required}
    optional = {name: field_cases(field, depth) for name, field in declared.items()
                if not field.required and depth > 0}
    unknown = st.dictionaries(st.text(max_size=8).filter(lambda key: key not in declared), JSON, max_size=2)

    def build(drawn: tuple[dict[str, Case], dict[str, Any]]) -> Case:
        cases, extra = drawn
        body = {**{name: sent for name, (sent, _) in cases.items()}, **extra}
        return body, model(**{name: held for name, (_, held) in cases.items()}, extra=extra)

    return st.tuples(st.fixed_dictionaries(required, optional=optional), unknown).map(build)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_odd_types_load_into_the_typed_value_and_unknown_keys_into_extra(model: type[MagentoModel],
                                                                         data: st.DataObject) -> None:
    body, expected = data.draw(bodies(model))
    loaded = load(model, body)
    assert loaded == expected
    dumped = dump(loaded)
    assert {key: dumped[key] for key in loaded.extra} == loaded.extra  # unknown keys go back as received
    assert load(model, dumped) == loaded


WRONG: dict[type, tuple[SearchStrategy[Any], str]] = {
    mf.Integer: (st.sampled_from(["abc", "1.5", "1e3", "", "0x1f", "١٢", "1_000", 1.5, [1], {"a": 1}])
                 | st.floats(allow_nan=False).filter(lambda x: not x.is_integer()), "Not a valid integer."),
    mf.Float: (st.sampled_from(["ten", "1,5", "nan", "inf", "", "1_0", "٣", True, False, [1.5], {"a": 1}]),
               "Not a valid number."),
    mf.String: (st.sampled_from([[], ["a"], {"a": "b"}, float("inf")]), "Not a valid string."),
    mf.Boolean: (st.sampled_from([2, -1, "yes", "on", 0.5, [], {}]), "Not a valid boolean."),
}


@pytest.mark.parametrize("model", MODELS, ids=IDS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_really_wrong_scalar_raises_model_error_naming_the_key(model: type[MagentoModel],
                                                                 data: st.DataObject) -> None:
    declared = schema_for(model)().fields
    name = data.draw(st.sampled_from(sorted(n for n, f in declared.items() if type(f) in WRONG)))
    values, message = WRONG[type(declared[name])]
    body, _ = data.draw(bodies(model, depth=0))
    body[name] = data.draw(values)
    with pytest.raises(ModelError) as caught:
        load(model, body)
    assert caught.value.messages == {name: [message]}


@given(st.text(max_size=12))
def test_an_integer_string_is_accepted_only_in_ascii_digits(text: str) -> None:
    try:
        value = mf.Integer().deserialize(text)
    except ValidationError:
        return
    assert re.fullmatch(r"[ \t\n\r\v\f]*[+-]?[0-9]+(\.0*)?[ \t\n\r\v\f]*", text)
    assert value == int(float(text))


@given(st.text(max_size=12))
def test_a_number_string_is_accepted_only_as_a_finite_decimal(text: str) -> None:
    try:
        value = mf.Float().deserialize(text)
    except ValidationError:
        return
    assert re.fullmatch(r"[ \t\n\r\v\f]*[+-]?[0-9.]+([eE][+-]?[0-9]+)?[ \t\n\r\v\f]*", text)
    assert value == float(text)
