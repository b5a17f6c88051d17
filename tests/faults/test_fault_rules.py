"""Fault rules without HTTP: what a rule accepts, what it refuses (naming the field), how it matches
and when it fires (first n, the nth, every nth, a seeded probability)."""
from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.backend.fault_rules import FaultRuleError, load_rules, parse_rule, parse_rules
from fake_magento.backend.faults import FaultCall, FaultRegistry, caller_kind

ORDERS = FaultCall("GET", "/V1/orders", "default")


def fires(registry: FaultRegistry, calls: int, call: FaultCall = ORDERS) -> list[int]:
    """The 1-based numbers of the calls on which some rule fired."""
    return [n for n in range(1, calls + 1) if registry.take(call) is not None]


def registry_with(**rule: object) -> FaultRegistry:
    registry = FaultRegistry()
    registry.add(*parse_rules({"path": "/V1/orders*", **rule}))
    return registry


# -- what a rule accepts ----------------------------------------------------------------------------

def test_a_listed_rule_posts_back_as_it_is():
    for rule in ({"path": "/x", "status": 500}, {"path": "/x", "kind": "rate_limit", "retry_after": None},
                 {"path": "/x", "kind": "status", "status": 418}, {"path": "/x", "kind": "drop", "every": 2}):
        listed = parse_rule(rule).to_dict()
        posted = {k: v for k, v in listed.items() if k not in ("id", "calls", "fired")}
        assert parse_rule(posted).to_dict() == listed


def test_the_first_form_of_rules_still_reads_as_it_did():
    # no kind: 500 without a body is Magento's masked 500; any other status or a body is answered as
    # given; 200 without a body only waits.
    assert parse_rule({"path": "/V1/x", "times": 1}).kind == "masked_500"
    assert parse_rule({"path": "/V1/x", "status": 500, "delay_ms": 400}).kind == "masked_500"
    custom = parse_rule({"path": "/V1/x", "status": 503, "body": {"message": "down"}})
    assert (custom.kind, custom.status, custom.body) == ("status", 503, {"message": "down"})
    assert parse_rule({"path": "/V1/x", "status": 502}).body == {}
    assert parse_rule({"path": "/V1/x", "status": 200, "delay_ms": 5}).kind == "latency"


def test_a_listed_rule_says_everything_it_will_do():
    rule = parse_rule({"path": "/V1/orders*", "method": ["get", "PUT"], "store": "de", "auth": ["admin"],
                       "kind": "rate_limit", "every": 3, "times": 2, "delay_ms": [10, 20], "retry_after": 30})
    assert {k: v for k, v in rule.to_dict().items() if k != "id"} == {
        "kind": "rate_limit", "path": "/V1/orders*", "method": ["GET", "PUT"], "store": "de", "auth": "admin",
        "times": 2, "nth": None, "every": 3, "probability": None, "seed": 0, "delay_ms": [10, 20],
        "retry_after": 30, "status": None, "body": None, "calls": 0, "fired": 0}


def test_rate_limit_says_retry_after_one_second_unless_told():
    assert parse_rule({"path": "/x", "kind": "rate_limit"}).retry_after == 1
    assert parse_rule({"path": "/x", "kind": "rate_limit", "retry_after": None}).retry_after is None


@pytest.mark.parametrize(("rule", "error"), [
    ({"times": -1}, "times: must be a whole number of at least 1, not -1"),
    ({"times": 0}, "times: must be a whole number of at least 1, not 0"),
    ({"times": "2"}, 'times: must be a whole number, not "2"'),
    ({"times": True}, "times: must be a whole number, not true"),
    ({"nth": 0}, "nth: must be a whole number of at least 1, not 0"),
    ({"every": -3}, "every: must be a whole number of at least 1, not -3"),
    ({"every": 1.5}, "every: must be a whole number, not 1.5"),
    ({"probability": 2}, "probability: must be a number from 0 to 1, not 2"),
    ({"probability": -0.1}, "probability: must be a number from 0 to 1, not -0.1"),
    ({"probability": "half"}, 'probability: must be a number from 0 to 1, not "half"'),
    ({"nth": 2, "every": 3}, "every: choose one of nth, every and probability (also nth)"),
    ({"every": 2, "probability": 0.5}, "probability: choose one of nth, every and probability (also every)"),
    ({"seed": "x"}, 'seed: must be a whole number, not "x"'),
    ({"kind": "explode"}, ("kind: must be one of masked_500, maintenance, rate_limit, latency, drop, truncate, "
                           "malformed_json, token_expired, lost_response, status, not \"explode\"")),
    ({"method": "PATCH"}, 'method: must be * or one of GET, POST, PUT, DELETE (or a list), not "PATCH"'),
    ({"method": ["GET", 7]}, "method: must be * or one of GET, POST, PUT, DELETE (or a list), not 7"),
    ({"auth": "robot"}, 'auth: must be one of admin, integration, customer, guest (or a list), not "robot"'),
    ({"store": 5}, "store: must be a store code as in the URL, such as default, de or all (or a list), not 5"),
    ({"delay_ms": -1}, "delay_ms: must be whole milliseconds from 0 to 600000, not -1"),
    ({"delay_ms": 600001}, "delay_ms: must be whole milliseconds from 0 to 600000, not 600001"),
    ({"delay_ms": [50, 10]}, "delay_ms: a range is [low, high] with low <= high, not [50, 10]"),
    ({"delay_ms": [1, 2, 3]}, "delay_ms: a range is [low, high], not [1, 2, 3]"),
    ({"kind": "latency"}, "delay_ms: required for kind latency: milliseconds, or [low, high]"),
    ({"kind": "rate_limit", "retry_after": -1}, "retry_after: must be a whole number of at least 0, not -1"),
    ({"kind": "drop", "retry_after": 5}, "retry_after: only for kind rate_limit, not drop"),
    ({"kind": "status", "status": 99}, "status: must be an HTTP status from 100 to 599, not 99"),
    ({"kind": "drop", "status": 503}, "status: only for kind status, not drop"),
    ({"kind": "drop", "body": {"a": 1}}, "body: only for kinds status and malformed_json, not drop"),
    ({"kind": "malformed_json", "body": {"a": 1}}, "body: for kind malformed_json, the text sent as the body"),
    ({"tmes": 1}, ("tmes: unknown field; known: path, kind, method, store, auth, times, nth, every, probability, "
                   "seed, delay_ms, retry_after, status, body")),
])
def test_an_impossible_value_is_refused_naming_its_field(rule, error):
    with pytest.raises(FaultRuleError) as caught:
        parse_rule({"path": "/V1/orders", **rule})
    assert str(caught.value) == error
    assert caught.value.field == error.split(":")[0]


def test_a_rule_needs_a_path_and_is_an_object():
    with pytest.raises(FaultRuleError, match="^path: required: an fnmatch pattern on the path after"):
        parse_rule({"kind": "drop"})
    with pytest.raises(FaultRuleError, match="^path: required"):
        parse_rule({"path": ""})
    with pytest.raises(FaultRuleError, match="^a fault rule is an object"):
        parse_rule("drop")


def test_in_a_list_the_error_names_the_rule():
    with pytest.raises(FaultRuleError) as caught:
        parse_rules({"faults": [{"path": "/V1/a"}, {"path": "/V1/b", "times": -1}]})
    assert caught.value.field == "faults[1].times"
    assert str(caught.value) == "faults[1].times: must be a whole number of at least 1, not -1"


# -- when a rule fires ------------------------------------------------------------------------------

@given(st.integers(1, 12), st.integers(0, 40))
def test_times_alone_fires_on_the_first_n_calls(n, calls):
    assert fires(registry_with(times=n), calls) == list(range(1, min(n, calls) + 1))


@given(st.integers(1, 12), st.integers(0, 40))
def test_nth_fires_on_that_call_only(n, calls):
    assert fires(registry_with(nth=n), calls) == ([n] if n <= calls else [])


@given(st.integers(1, 12), st.integers(0, 40), st.none() | st.integers(1, 5))
def test_every_fires_on_each_multiple_up_to_times(n, calls, times):
    expected = [k for k in range(1, calls + 1) if k % n == 0][:times]
    assert fires(registry_with(every=n, times=times), calls) == expected


@given(st.floats(0, 1), st.integers(0, 2**32))
def test_a_seeded_probability_fires_the_same_calls_every_time(p, seed):
    first = fires(registry_with(probability=p, seed=seed), 60)
    assert fires(registry_with(probability=p, seed=seed), 60) == first


def test_probability_bounds_and_a_known_sequence():
    assert fires(registry_with(probability=0), 50) == []
    assert fires(registry_with(probability=1), 5) == [1, 2, 3, 4, 5]
    # random.Random(7).random() < 0.3 on draws 1..20: the sequence is Python's, stable across versions
    import random

    draws = random.Random(7)
    expected = [n for n in range(1, 21) if draws.random() < 0.3]
    assert fires(registry_with(probability=0.3, seed=7), 20) == expected
    assert expected  # the seed fires at least once in 20, so the test can fail


def test_every_matching_rule_counts_and_the_first_that_fires_wins():
    registry = FaultRegistry()
    first, second = registry.add(*parse_rules([{"path": "/V1/orders*", "kind": "drop", "times": 1},
                                               {"path": "/V1/orders", "kind": "maintenance", "nth": 1}]))
    assert registry.take(ORDERS).kind == "drop"        # both fire on call 1; the first added wins
    assert registry.take(ORDERS) is None               # the second's 1st call is gone
    listed = {r["id"]: (r["calls"], r["fired"]) for r in registry.rules()}
    assert listed == {first.id: (2, 1), second.id: (2, 0)}


def test_a_random_delay_range_is_drawn_from_the_seed():
    def delays(seed: int) -> list[int]:
        registry = registry_with(kind="latency", delay_ms=[100, 200], seed=seed)
        return [registry.take(ORDERS).delay_ms for _ in range(10)]

    assert delays(3) == delays(3)
    assert all(100 <= d <= 200 for d in delays(3)) and len(set(delays(3))) > 1


# -- what a rule matches ----------------------------------------------------------------------------

def _jwt(user_type: int) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{part({'alg': 'HS256'})}.{part({'uid': 1, 'utypid': user_type})}.sig"


@pytest.mark.parametrize(("header", "kind"), [
    (None, "guest"), ("", "guest"), (f"Bearer {_jwt(2)}", "admin"), (f"bearer {_jwt(3)}", "customer"),
    (f"Bearer {_jwt(1)}", "integration"), ('OAuth oauth_consumer_key="k"', "integration"),
    ("Bearer 0123456789abcdef0123456789abcdef", "integration"), ("Basic YTpi", "guest"),
    ("Bearer not.a.jwt", "guest"),
])
def test_the_caller_kind_is_what_the_header_presents(header, kind):
    assert caller_kind(header) == kind


def test_a_rule_matches_method_path_store_and_caller():
    rule = parse_rule({"path": "/V1/orders/*", "method": "PUT", "store": ["de", "all"], "auth": "admin"})
    admin = f"Bearer {_jwt(2)}"
    assert rule.matches(FaultCall("PUT", "/V1/orders/5", "de", admin))
    assert rule.matches(FaultCall("PUT", "/V1/orders/5/comments", "all", admin))  # * spans segments
    assert not rule.matches(FaultCall("GET", "/V1/orders/5", "de", admin))
    assert not rule.matches(FaultCall("PUT", "/V1/orders", "de", admin))
    assert not rule.matches(FaultCall("PUT", "/V1/orders/5", "default", admin))
    assert not rule.matches(FaultCall("PUT", "/V1/orders/5", "de", None))


# -- configured rules, reset and files --------------------------------------------------------------

def test_reset_restores_the_configured_rules_with_their_counts_at_zero():
    registry = FaultRegistry()
    registry.configure(parse_rules([{"path": "/V1/orders", "kind": "drop", "times": 1}]))
    registry.add(*parse_rules({"path": "/V1/orders", "kind": "maintenance"}))
    assert registry.take(ORDERS).kind == "drop"
    assert registry.take(ORDERS).kind == "maintenance"
    registry.clear()   # what POST /_fake/reset does
    assert [(r["id"], r["kind"], r["calls"]) for r in registry.rules()] == [(1, "drop", 0)]
    assert registry.take(ORDERS).kind == "drop"
    assert registry.add(*parse_rules({"path": "/x"}))[0].id == 2
    registry.remove_all()   # DELETE /_fake/faults
    assert registry.rules() == [] and registry.take(ORDERS) is None
    registry.clear()
    assert len(registry.rules()) == 1


def test_rules_load_from_yaml_and_json(tmp_path):
    yaml_file = tmp_path / "faults.yaml"
    yaml_file.write_text("# the connector's paging test\n"
                         "faults:\n"
                         "  - path: /V1/orders\n    method: GET\n    kind: token_expired\n    nth: 3\n"
                         "  - {path: '/V1/order/*/invoice', kind: lost_response, times: 1}\n")
    json_file = tmp_path / "faults.json"
    json_file.write_text(json.dumps([{"path": "/V1/orders", "method": "GET", "kind": "token_expired", "nth": 3},
                                     {"path": "/V1/order/*/invoice", "kind": "lost_response", "times": 1}]))
    assert load_rules(yaml_file) == load_rules(json_file)
    assert [r.kind for r in load_rules(yaml_file)] == ["token_expired", "lost_response"]
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert load_rules(empty) == []


def test_a_bad_rules_file_names_the_file_and_the_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- path: /V1/orders\n  probability: 2\n")
    with pytest.raises(FaultRuleError) as caught:
        load_rules(bad)
    assert str(caught.value) == f"faults[0].probability: must be a number from 0 to 1, not 2 (in {bad})"
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    with pytest.raises(FaultRuleError, match=r"broken\.json: not valid JSON \("):
        load_rules(broken)
    with pytest.raises(FaultRuleError, match=r"nothing\.yaml: cannot be read"):
        load_rules(tmp_path / "nothing.yaml")


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 700_000) | st.floats(allow_nan=True)
                     | st.text(max_size=12), lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
_KNOWN = st.sampled_from(["path", "kind", "method", "store", "auth", "times", "nth", "every", "probability",
                          "seed", "delay_ms", "retry_after", "status", "body"])
_PLAUSIBLE = {"kind": st.sampled_from(["masked_500", "maintenance", "rate_limit", "latency", "drop", "truncate",
                                       "malformed_json", "token_expired", "lost_response", "status"]),
              "method": st.sampled_from(["GET", "post", "*", "PATCH"]), "auth": st.sampled_from(["admin", "guest"])}


@given(st.dictionaries(_KNOWN, _JSON, max_size=6), st.dictionaries(st.sampled_from(sorted(_PLAUSIBLE)),
                                                                     st.just(None), max_size=3), st.data())
def test_any_json_object_is_a_rule_or_a_refusal_naming_a_field(values, plausible, data):
    rule = {"path": "/V1/orders", **values}
    for name in plausible:
        rule[name] = data.draw(_PLAUSIBLE[name])
    try:
        parsed = parse_rule(rule)
    except FaultRuleError as exc:
        assert exc.field in rule or exc.field == "delay_ms"   # latency without delay_ms names the missing field
        assert str(exc).startswith(f"{exc.field}: ")
    else:
        listed = parsed.to_dict()
        assert listed["kind"] in (rule.get("kind"), "masked_500", "status", "latency")
        posted = {k: v for k, v in listed.items() if k not in ("id", "calls", "fired")}
        assert parse_rule(posted).to_dict() == listed   # a listed rule can be posted back as it is
