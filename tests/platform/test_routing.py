"""Magento's REST routing: store codes, no-route answers, trailing slashes, path decoding."""
from __future__ import annotations

import pytest

from fake_magento.http.routing import Router, Routes

NO_ROUTE = {"message": "Request does not match any route."}


@pytest.mark.parametrize("prefix", ["/rest/V1", "/rest/default/V1", "/rest/de/V1", "/rest/fr/V1", "/rest/all/V1"])
def test_every_scope_prefix_is_served(admin, prefix):
    resp = admin.get(prefix + "/store/websites")
    assert resp.status_code == 200
    assert [w["code"] for w in resp.get_json()] == ["admin", "base", "eu"]


# Unknown store codes, admin and /rest itself were pinned here as 404 from a reading of the
# source; a real 2.4.7-p3 answers them 400 (tests/platform/test_request_processors.py).
@pytest.mark.parametrize("path", [
    "/rest/V1/store/nothing",           # unknown path
    "/rest/V2/store/websites",
    "/rest/V1",
    "/rest/V1//store/websites",
])
def test_unmatched_paths_answer_no_route(admin, path):
    resp = admin.get(path)
    assert resp.status_code == 404
    assert resp.get_json() == NO_ROUTE
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"


def test_wrong_verb_is_no_route(admin):
    resp = admin.delete("/store/websites")
    assert resp.status_code == 404
    assert resp.get_json() == NO_ROUTE


def test_unsupported_method_is_not_allowed(admin):
    # RequestMethodValidator turns Request::getHttpMethod's "Request method is invalid." into a
    # 405; measured on 2.4.7-p3: curl -X PATCH /rest/V1/orders -> 405 (this test pinned the 400).
    resp = admin.request("PATCH", "/store/websites")
    assert resp.status_code == 405
    assert resp.get_json() == {"message": "The PATCH HTTP method is not supported."}


def test_trailing_slash_is_served_not_redirected(admin):
    resp = admin.get("/rest/V1/store/websites/")
    assert resp.status_code == 200
    assert len(resp.get_json()) == 3


def test_no_route_outside_rest(anon):
    resp = anon.get("/index.php/whatever")
    assert resp.status_code == 404
    assert resp.get_json() == NO_ROUTE


def _router() -> Router:
    routes = Routes()

    @routes.get("/V1/products/:sku", "anonymous")
    def by_sku(req):  # pragma: no cover - never called
        return None

    @routes.get("/V1/products/types", "anonymous")
    def types(req):  # pragma: no cover
        return None

    @routes.get("/V1/products/:sku/links/:type", "anonymous")
    def links(req):  # pragma: no cover
        return None

    return Router([routes])


def test_literal_segment_beats_parameter():
    route, params = _router().match("GET", ["V1", "products", "types"])
    assert route.path == "/V1/products/types" and params == {}


@pytest.mark.parametrize("raw, decoded", [
    ("a%2Fb", "a/b"),          # an encoded slash stays inside the value
    ("a+b", "a b"),            # urldecode: + is a space
    ("a%2Bb", "a+b"),
    ("100%25", "100%"),
    ("caf%C3%A9", "café"),
    ("MH09-L-Blue", "MH09-L-Blue"),
])
def test_path_values_are_urldecoded_per_segment(raw, decoded):
    route, params = _router().match("GET", ["V1", "products", raw])
    assert route.path == "/V1/products/:sku" and params == {"sku": decoded}


def test_segment_count_must_match():
    assert _router().match("GET", ["V1", "products", "a", "b"]) is None
    route, params = _router().match("GET", ["V1", "products", "a%2Fb", "links", "related"])
    assert params == {"sku": "a/b", "type": "related"}


def test_duplicate_routes_are_refused():
    routes = Routes()
    routes.get("/V1/x/:a", "anonymous")(lambda r: None)
    routes.get("/V1/x/:b", "anonymous")(lambda r: None)
    with pytest.raises(ValueError):
        Router([routes])
