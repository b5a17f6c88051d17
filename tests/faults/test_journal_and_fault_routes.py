"""The journal (every request, the fault that fired, the nearest routes of an unmatched path) and the
control plane's fault routes (list, add, remove, clear, refuse)."""
from __future__ import annotations

import pytest

from fake_magento.http.nearest import nearest_routes, path_distance
from fake_magento.http.registry import build_router

NO_ROUTE = {"message": "Request does not match any route."}


def entries(anon, limit: int | None = None):
    query = f"?limit={limit}" if limit else ""
    return anon.get(f"/_fake/journal{query}").get_json()["entries"]


def test_every_entry_says_which_fault_fired(admin, anon):
    anon.delete("/_fake/journal")
    rule = anon.post("/_fake/faults", {"path": "/V1/store/websites", "kind": "maintenance", "every": 2}
                     ).get_json()["faults"][0]["id"]
    for _ in range(4):
        admin.get("/store/websites?searchCriteria[pageSize]=1")
    got = [(e["method"], e["path"], e["query"], e["status"], e["fault"]) for e in entries(anon)]
    fired = {"id": rule, "kind": "maintenance"}
    line = ("GET", "/rest/V1/store/websites", "searchCriteria[pageSize]=1")
    assert got == [(*line, 200, None), (*line, 503, fired), (*line, 200, None), (*line, 503, fired)]
    assert all(e["duration_ms"] >= 0 and "nearest_routes" not in e for e in entries(anon))


def test_an_unmatched_path_answers_magentos_404_and_the_journal_names_the_nearest_routes(admin, anon):
    resp = admin.get("/rest/V1/order/5")
    assert (resp.status_code, resp.get_json()) == (404, NO_ROUTE)
    assert entries(anon, 1)[0]["nearest_routes"][0] == "GET /V1/orders/:id"
    resp = admin.post("/rest/V1/store/websites", {})
    assert (resp.status_code, resp.get_json()) == (404, NO_ROUTE)
    assert entries(anon, 1)[0]["nearest_routes"][0] == "GET /V1/store/websites"   # the verb is what is wrong
    assert admin.get("/rest/de/V1/store/websitez").status_code == 404
    assert entries(anon, 1)[0]["nearest_routes"][0] == "GET /V1/store/websites"


def test_nearest_routes_rank_the_same_method_before_others():
    router = build_router()
    assert nearest_routes(router.routes, "GET", ["V1", "customers", "7", "adresses"]) == [
        "GET /V1/customers/:customerId/billingAddress", "GET /V1/customers/:customerId/shippingAddress",
        "GET /V1/customers/:customerId"]
    assert nearest_routes(router.routes, "GET", ["V1", "ordrs"]) == [
        "GET /V1/orders", "GET /V1/products", "GET /V1/categories"]
    # the path fits a route of another verb: that one first
    assert nearest_routes(router.routes, "DELETE", ["V1", "orders", "5"])[:2] == [
        "GET /V1/orders/:id", "PUT /V1/orders/:parent_id"]
    assert path_distance(("V1", "orders", ":id"), ("V1", "orders", "5")) == 0.1
    assert path_distance(("V1", "orders"), ("V1", "order")) == pytest.approx(1 / 6, abs=1e-3)
    assert path_distance(("V1", "orders"), ("V1", "orders", "5")) == 1


def test_the_journal_keeps_the_last_cap_entries(app, anon, backend):
    cap = backend.journal.size
    anon.delete("/_fake/journal")
    start = backend.journal.recorded
    for _ in range(cap + 2):
        anon.get("/rest/V1/nothing")
    listed = anon.get("/_fake/journal").get_json()
    assert (len(listed["entries"]), listed["cap"], listed["recorded"]) == (cap, cap, start + cap + 2)
    assert listed["entries"][-1]["seq"] == start + cap + 2


@pytest.mark.parametrize("limit", ["0", "-1", "x", "1.5"])
def test_a_bad_journal_limit_is_refused(anon, limit):
    resp = anon.get(f"/_fake/journal?limit={limit}")
    assert resp.status_code == 400
    assert resp.get_json() == {"error": f"limit: must be a whole number of at least 1, not {limit!r}",
                               "field": "limit"}


def test_fault_rules_are_listed_removed_and_cleared(admin, anon):
    added = anon.post("/_fake/faults", {"faults": [{"path": "/V1/store/websites", "kind": "maintenance"},
                                                   {"path": "/V1/store/storeViews", "kind": "drop", "nth": 3}]})
    assert added.status_code == 201
    ids = [r["id"] for r in added.get_json()["faults"]]
    assert [r["id"] for r in anon.get("/_fake/faults").get_json()["faults"]] == ids
    assert anon.delete(f"/_fake/faults/{ids[0]}").get_json() == {"status": "removed", "id": ids[0]}
    assert admin.get("/store/websites").status_code == 200
    assert [r["id"] for r in anon.get("/_fake/faults").get_json()["faults"]] == ids[1:]
    resp = anon.delete(f"/_fake/faults/{ids[0]}")
    assert (resp.status_code, resp.get_json()) == (404, {"error": f"no fault rule {ids[0]}"})
    assert anon.delete("/_fake/faults").get_json() == {"status": "cleared"}
    assert anon.get("/_fake/faults").get_json() == {"faults": []}


def test_an_impossible_rule_is_refused_with_a_400_naming_the_field_and_nothing_is_added(anon):
    for rule, field, error in [
        ({"path": "/V1/orders", "times": -1}, "times", "times: must be a whole number of at least 1, not -1"),
        ({"path": "/V1/orders", "probability": 2}, "probability", "probability: must be a number from 0 to 1, not 2"),
        ({"path": "/V1/orders", "kind": "boom"}, "kind", ("kind: must be one of masked_500, maintenance, "
         "rate_limit, latency, drop, truncate, malformed_json, token_expired, lost_response, status, not \"boom\"")),
        ([{"path": "/V1/a"}, {"path": "/V1/b", "every": 0}], "faults[1].every",
         "faults[1].every: must be a whole number of at least 1, not 0"),
    ]:
        resp = anon.post("/_fake/faults", rule)
        assert resp.status_code == 400
        assert resp.get_json() == {"error": error, "field": field}
    resp = anon.post("/_fake/faults", data="not json", headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.get_json()["field"] is None
    assert resp.get_json()["error"].startswith("the body is a JSON fault rule such as")
    assert anon.get("/_fake/faults").get_json() == {"faults": []}
