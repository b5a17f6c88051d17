"""Every control-plane route refuses a bad body with a 400 that names the field, and changes nothing."""
from __future__ import annotations

import json

import pytest

from fake_magento.seed import PROFILES


def state_and_clock(anon):
    return anon.get("/_fake/state").get_data(), anon.get("/_fake/clock").get_json()["frozen"]


def post_raw(anon, path: str, raw: str):
    return anon.client.post(path, data=raw, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(("path", "body", "field", "error"), [
    ("/_fake/seed", {"seed": "7"}, "seed", 'seed: must be a whole number, not "7"'),
    ("/_fake/seed", {"seed": True}, "seed", "seed: must be a whole number, not true"),
    ("/_fake/seed", {"seed": 1.5}, "seed", "seed: must be a whole number, not 1.5"),
    ("/_fake/seed", {"profile": "nope"}, "profile",
     f'profile: must be one of {", ".join(sorted(PROFILES))}, not "nope"'),
    ("/_fake/seed", {"sed": 1}, "sed", "sed: unknown field; known: seed, profile"),
    ("/_fake/clock", {"set": "not a date"}, "set", ('set: must be "YYYY-MM-DD HH:MM:SS" or epoch seconds, '
                                                    'not "not a date"')),
    ("/_fake/clock", {"set": True}, "set", 'set: must be "YYYY-MM-DD HH:MM:SS" or epoch seconds, not true'),
    ("/_fake/clock", {"advance": "60"}, "advance", 'advance: must be a number, not "60"'),
    ("/_fake/clock", {"set": "2024-01-02 03:04:05", "freeze": "yes"}, "freeze",
     'freeze: must be true or false, not "yes"'),
    ("/_fake/clock", {"reset": 1}, "reset", "reset: must be true or false, not 1"),
    ("/_fake/clock", {"frozen": True}, "frozen", "frozen: unknown field; known: set, freeze, advance, reset"),
    ("/_fake/bulk", {"hold": "yes"}, "hold", 'hold: must be true or false, not "yes"'),
    ("/_fake/bulk", {"run": 1}, "run", "run: must be true or false, not 1"),
    ("/_fake/bulk", {"holds": True}, "holds", "holds: unknown field; known: hold, run"),
])
def test_a_bad_field_is_refused_by_name_and_nothing_changes(anon, path, body, field, error):
    before = state_and_clock(anon)
    resp = anon.post(path, body)
    assert resp.status_code == 400
    assert resp.get_json() == {"error": error, "field": field}
    assert state_and_clock(anon) == before


@pytest.mark.parametrize("path", ["/_fake/seed", "/_fake/clock", "/_fake/bulk"])
@pytest.mark.parametrize("raw", ["[1]", "not json", '"seed"'])
def test_a_body_that_is_not_an_object_is_refused(anon, path, raw):
    resp = post_raw(anon, path, raw)
    assert resp.status_code == 400
    assert resp.get_json() == {"error": "the body is a JSON object", "field": None}


def test_the_state_import_refuses_what_is_not_an_export(anon):
    before = state_and_clock(anon)
    for raw in ["not json", "[]", json.dumps({"format": "fake-magento-state/1"}),
                json.dumps({"format": "other", "tables": {}})]:
        resp = anon.client.put("/_fake/state", data=raw, headers={"Content-Type": "application/json"})
        assert (resp.status_code, resp.get_json()) == (400, {"error": "expected an export from GET /_fake/state"})
    assert state_and_clock(anon) == before


def test_good_bodies_still_work(anon):
    assert anon.post("/_fake/clock", {"set": 1700000000, "freeze": True}).get_json()["now"] == "2023-11-14 22:13:20"
    assert anon.post("/_fake/clock", {"advance": 1.5, "reset": False}).status_code == 200
    assert anon.post("/_fake/clock").status_code == 200          # no body: the clock as it is
    assert anon.post("/_fake/bulk", {"hold": True}).get_json() == {"hold": True, "ran": 0}
    assert anon.post("/_fake/bulk", {"hold": False, "run": True}).get_json() == {"hold": False, "ran": 0}
