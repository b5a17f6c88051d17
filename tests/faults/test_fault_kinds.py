"""Each kind of fault, in process: the answer Magento (or what stands in front of it) would give, the
step where it happens, and its journal entry."""
from __future__ import annotations

import json
import re

import pytest

from fake_magento.http import faults as http_faults
from fake_magento.http.faults import ConnectionDropped

MASKED = re.compile(r"^Internal Error\. Details are available in Magento log file\. Report ID: webapi-[0-9a-f]{13}$")
NEW_CUSTOMER = {"customer": {"email": "fault-kinds@example.com", "firstname": "Fault", "lastname": "Kinds",
                             "website_id": 1, "group_id": 1}}


def add(anon, **rule):
    resp = anon.post("/_fake/faults", rule)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()["faults"][0]["id"]


def last_entry(anon):
    return anon.get("/_fake/journal?limit=1").get_json()["entries"][0]


def customers_named(admin, email):
    query = ("searchCriteria[filter_groups][0][filters][0][field]=email"
             f"&searchCriteria[filter_groups][0][filters][0][value]={email}")
    return admin.get(f"/customers/search?{query}").get_json()["total_count"]


def test_masked_500_is_the_emulators_own_masked_error_and_writes_nothing(admin, anon):
    rule = add(anon, path="/V1/customers", method="POST", kind="masked_500", times=1)
    resp = admin.post("/customers", NEW_CUSTOMER)
    assert resp.status_code == 500
    assert list(resp.get_json()) == ["message"] and MASKED.match(resp.get_json()["message"])
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    assert last_entry(anon)["fault"] == {"id": rule, "kind": "masked_500"}
    assert customers_named(admin, "fault-kinds@example.com") == 0
    assert admin.post("/customers", NEW_CUSTOMER).status_code == 200   # times: 1


def test_maintenance_is_the_pub_errors_503_page(admin, anon):
    add(anon, path="/V1/store/*", kind="maintenance")
    resp = admin.get("/store/websites", headers={"Host": "shop.example:8443"})
    assert resp.status_code == 503
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert {k: resp.headers.get(k) for k in ("X-Content-Type-Options", "X-XSS-Protection", "X-Frame-Options",
                                             "Cache-Control", "Retry-After")} == {
        "X-Content-Type-Options": "nosniff", "X-XSS-Protection": "1; mode=block",
        "X-Frame-Options": "SAMEORIGIN", "Cache-Control": None, "Retry-After": None}
    html = resp.get_data(as_text=True)
    # measured on 2.4.7-p3: pub/errors/503.php with Host shop.example:8443
    assert "<title>Error 503: Service Unavailable</title>" in html
    assert ('<base href="http&#x3A;&#x2F;&#x2F;shop.example&#x3A;8443&#x2F;errors&#x2F;default&#x2F;" />'
            in html)
    assert html.endswith(
        '    <main class="page-main">\n        \n\n<h1>Service Temporarily Unavailable</h1>\n<p>\n'
        "    The server is temporarily unable to service your request due to maintenance downtime or capacity"
        " problems.\n    Please try again later.\n</p>\n    </main>\n</body>\n</html>\n")


def test_maintenance_comes_before_the_caller_is_looked_at(anon):
    add(anon, path="/V1/store/websites", kind="maintenance")
    assert anon.get("/rest/V1/store/websites").status_code == 503


def test_rate_limit_is_magentos_429_with_retry_after(admin, anon):
    add(anon, path="/V1/store/websites", kind="rate_limit", retry_after=7)
    resp = admin.get("/store/websites")
    assert (resp.status_code, resp.get_json()) == (429, {"message": "Too Many Requests"})
    assert resp.headers["Retry-After"] == "7"
    anon.delete("/_fake/faults")
    add(anon, path="/V1/store/websites", kind="rate_limit", retry_after=None)
    resp = admin.get("/store/websites")
    assert resp.status_code == 429 and "Retry-After" not in resp.headers


def test_rate_limit_comes_after_the_permission_check(anon):
    # RequestValidator::validate: checkPermissions, then checkBackpressure
    rule = add(anon, path="/V1/store/websites", kind="rate_limit")
    resp = anon.get("/rest/V1/store/websites")
    assert resp.status_code == 401
    assert last_entry(anon)["fault"] == {"id": rule, "kind": "rate_limit"}   # it fired; the 401 came first


def test_token_expired_answers_as_magento_does_for_an_expired_token(admin, anon):
    add(anon, path="/V1/store/websites", kind="token_expired", nth=2)
    assert admin.get("/store/websites").status_code == 200
    resp = admin.get("/store/websites")
    assert (resp.status_code, resp.get_json()) == (401, {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Backend::store"}})
    assert admin.get("/store/websites").status_code == 200


def test_token_expired_leaves_an_anonymous_route_answering(anon, backend):
    # an expired token leaves the caller a guest: a route open to guests still answers
    add(anon, path="/V1/integration/admin/token", kind="token_expired")
    creds = backend.db.get_meta("credentials")
    resp = anon.post("/rest/V1/integration/admin/token",
                     {"username": creds["admin_username"], "password": creds["admin_password"]})
    assert resp.status_code == 200


def test_latency_waits_then_answers(admin, anon, monkeypatch):
    waited: list[float] = []
    monkeypatch.setattr(http_faults.time, "sleep", waited.append)
    add(anon, path="/V1/store/websites", kind="latency", delay_ms=[100, 300], seed=5, times=3)
    assert [admin.get("/store/websites").status_code for _ in range(4)] == [200] * 4
    assert len(waited) == 3 and all(0.1 <= w <= 0.3 for w in waited)
    anon.post("/_fake/reset")
    again: list[float] = []
    monkeypatch.setattr(http_faults.time, "sleep", again.append)
    add(anon, path="/V1/store/websites", kind="latency", delay_ms=[100, 300], seed=5, times=3)
    for _ in range(3):
        admin.get("/store/websites")
    assert again == waited


def test_any_kind_can_wait_first(admin, anon, monkeypatch):
    waited: list[float] = []
    monkeypatch.setattr(http_faults.time, "sleep", waited.append)
    add(anon, path="/V1/store/websites", kind="maintenance", delay_ms=250)
    assert admin.get("/store/websites").status_code == 503
    assert waited == [0.25]


def test_status_answers_the_given_status_and_body(admin, anon):
    add(anon, path="/V1/store/websites", kind="status", status=502, body={"message": "Bad gateway"})
    resp = admin.get("/store/websites")
    assert (resp.status_code, resp.get_json()) == (502, {"message": "Bad gateway"})


def test_malformed_json_is_the_route_answer_cut_in_half(admin, anon):
    whole = admin.get("/store/websites").get_data()
    add(anon, path="/V1/store/websites", kind="malformed_json", times=1)
    resp = admin.get("/store/websites")
    assert resp.status_code == 200 and resp.get_data() == whole[: len(whole) // 2]
    assert resp.headers["Content-Length"] == str(len(whole) // 2)
    with pytest.raises(ValueError):
        json.loads(resp.get_data())


def test_malformed_json_can_be_given_text(admin, anon):
    notice = "<br />\n<b>Deprecated</b>:  something in <b>x.php</b><br />\n[]"
    add(anon, path="/V1/store/websites", kind="malformed_json", body=notice)
    resp = admin.get("/store/websites")
    assert (resp.status_code, resp.get_data(as_text=True)) == (200, notice)
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"


def test_drop_answers_nothing(admin, anon):
    rule = add(anon, path="/V1/store/websites", kind="drop", times=1)
    with pytest.raises(ConnectionDropped):
        admin.get("/store/websites")
    entry = last_entry(anon)
    assert (entry["status"], entry["fault"]) == (None, {"id": rule, "kind": "drop"})


def test_lost_response_applies_the_write_then_drops(admin, anon):
    rule = add(anon, path="/V1/customers", method="POST", kind="lost_response", times=1)
    with pytest.raises(ConnectionDropped):
        admin.post("/customers", NEW_CUSTOMER)
    entry = last_entry(anon)
    assert (entry["status"], entry["fault"]) == (None, {"id": rule, "kind": "lost_response", "status": 200})
    assert customers_named(admin, "fault-kinds@example.com") == 1


def test_truncate_sends_half_then_drops(admin, anon):
    add(anon, path="/V1/store/websites", kind="truncate")
    with pytest.raises(ConnectionDropped):
        admin.get("/store/websites").get_data()
    assert last_entry(anon)["status"] == 200


def test_a_rule_for_one_store_leaves_the_others(admin, anon):
    add(anon, path="/V1/store/websites", kind="maintenance", store="de")
    assert admin.get("/rest/de/V1/store/websites").status_code == 503
    assert admin.get("/rest/V1/store/websites").status_code == 200
    assert admin.get("/rest/fr/V1/store/websites").status_code == 200
    anon.delete("/_fake/faults")
    add(anon, path="/V1/store/websites", kind="maintenance", store="default")
    assert admin.get("/rest/V1/store/websites").status_code == 503      # /rest/V1 is the default view
    assert admin.get("/rest/default/V1/store/websites").status_code == 503
    assert admin.get("/rest/all/V1/store/websites").status_code == 200


def test_a_rule_for_one_kind_of_caller_leaves_the_others(admin, anon):
    add(anon, path="/V1/store/websites", kind="maintenance", auth="guest")
    assert anon.get("/rest/V1/store/websites").status_code == 503
    assert admin.get("/store/websites").status_code == 200
    anon.delete("/_fake/faults")
    add(anon, path="/V1/store/websites", kind="maintenance", auth="admin")
    assert admin.get("/store/websites").status_code == 503
    assert anon.get("/rest/V1/store/websites").status_code == 401


def test_async_routes_match_on_the_path_without_the_prefix(admin, anon):
    add(anon, path="/V1/products", method="POST", kind="maintenance")
    assert admin.post("/rest/async/V1/products", {"product": {"sku": "x"}}).status_code == 503


def test_an_error_answer_is_lost_as_well(admin, anon):
    # the service ran and refused: the connection still closes without its answer
    add(anon, path="/V1/customers", method="POST", kind="lost_response", times=1)
    with pytest.raises(ConnectionDropped):
        admin.post("/customers", {"customer": {"firstname": "No", "lastname": "Email"}})
    assert last_entry(anon)["fault"]["status"] == 400
