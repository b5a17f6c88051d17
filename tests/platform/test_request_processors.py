"""Store codes and request processors, as a real Magento 2.4.7-p3 answered them.

Evidence: the sandbox (http://127.0.0.1:8082, 2026-12-03), each case with an admin bearer token:
  curl -s -w ' %{http_code}' -X GET http://127.0.0.1:8082/rest/nosuchstore/V1/orders -H "Authorization: Bearer $TOKEN"
  -> {"message":"Specified request cannot be processed."} 400
and the same command for every path below. Source: Webapi/Controller/PathProcessor::process (a store
code is an exact view code or ``all``), Webapi/Controller/Rest/RequestProcessorPool::getProcessor
(no processor -> 400), Fw/Webapi/Rest/RequestMethodValidator (405).
"""
from __future__ import annotations

import pytest

from fake_magento.http.processors import ASYNC, BULK, SYNC, processor_for, split_store_code

NOT_PROCESSED = {"message": "Specified request cannot be processed."}
NO_ROUTE = {"message": "Request does not match any route."}


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/rest/nosuchstore/V1/orders"),         # unknown store code, known path
    ("GET", "/rest/nosuchstore/V1/nosuchpath"),     # unknown store code, unknown path
    ("DELETE", "/rest/nosuchstore/V1/orders"),
    ("GET", "/rest/nosuchstore"),
    ("GET", "/rest/ALL/V1/store/websites"),         # codes are case-sensitive, `all` included
    ("GET", "/rest/DE/V1/store/websites"),
    ("GET", "/rest/Default/V1/store/websites"),
    ("GET", "/rest/admin/V1/store/websites"),       # admin is not a view code
    ("GET", "/rest/%64e/V1/store/websites"),        # the code is not urldecoded
    ("GET", "/rest/v1/store/websites"),             # ^/V\d+ is case-sensitive
    ("GET", "/rest"),
    ("GET", "/rest/"),
    ("GET", "/rest/de"),
    ("GET", "/rest/de/"),
    ("GET", "/rest/de//V1/store/websites"),         # the empty segment stays in the path
    ("GET", "/rest/asyncfoo"),
    ("GET", "/rest/async/V1/products"),             # async processors never take a GET
    ("GET", "/rest/async/bulk/V1/products"),
    ("GET", "/rest/de/async/V1/products"),
    ("POST", "/rest/nosuchstore/async/V1/products"),
])
def test_paths_no_processor_takes_answer_400(admin, method, path):
    resp = admin.request(method, path)
    assert resp.status_code == 400
    assert resp.get_json() == NOT_PROCESSED


def test_unknown_store_code_is_refused_before_authentication(anon):
    resp = anon.get("/rest/nosuchstore/V1/orders")
    assert resp.status_code == 400 and resp.get_json() == NOT_PROCESSED


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/rest/all/V1/nosuchpath"),
    ("GET", "/rest/de/V1/nosuchpath"),
    ("GET", "/rest/V1/nosuchpath"),
    ("GET", "/rest/V1x/foo"),                       # ^/V\d+ takes it; no route
    ("GET", "/rest/de/V2/store/websites"),
    ("POST", "/rest/async/V1/nosuch"),
    ("POST", "/rest/async/V2/products"),
    ("POST", "/rest/async/bulk/V1/nosuch"),
])
def test_unknown_path_under_a_processor_is_no_route(admin, method, path):
    resp = admin.request(method, path)
    assert resp.status_code == 404
    assert resp.get_json() == NO_ROUTE


@pytest.mark.parametrize("path", ["/rest//V1/store/websites", "/rest///V1/store/websites",
                                  "/rest/V1/store/websites//", "/rest/all/V1/store/websites"])
def test_leading_and_trailing_slashes_are_trimmed(admin, path):
    resp = admin.get(path)
    assert resp.status_code == 200
    assert [w["code"] for w in resp.get_json()] == ["admin", "base", "eu"]


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS"])
@pytest.mark.parametrize("path", ["/rest/V1/orders", "/rest/nosuchstore/V1/orders"])
def test_other_methods_are_not_allowed_before_any_path_check(admin, method, path):
    resp = admin.request(method, path)
    assert resp.status_code == 405
    assert resp.get_json() == {"message": f"The {method} HTTP method is not supported."}


def test_head_is_not_allowed_without_a_body(admin):
    resp = admin.request("HEAD", "/rest/V1/orders")
    assert resp.status_code == 405 and resp.data == b""


@pytest.mark.parametrize(("raw", "expected"), [
    ("/rest/de/V1/x", ("de", "/V1/x", "/de/V1/x")),
    ("/rest//V1/x", ("V1", "/x", "/V1/x")),
    ("/rest/de//V1/x", ("de", "//V1/x", "/de//V1/x")),
    ("/rest", ("", "/", "/")),
    ("/rest/V1/x/", ("V1", "/x", "/V1/x")),
])
def test_split_store_code_follows_path_processor(raw, expected):
    assert split_store_code(raw) == expected


@pytest.mark.parametrize(("method", "path", "kind", "route_path"), [
    ("GET", "/V1/orders", SYNC, "/V1/orders"),
    ("POST", "/async/V1/orders", ASYNC, "/V1/orders"),
    ("POST", "/async/bulk/V1/orders", BULK, "/V1/orders"),
    ("PUT", "/V12/x", SYNC, "/V12/x"),
])
def test_processor_for(method, path, kind, route_path):
    processed = processor_for(method, path)
    assert (processed.kind, processed.route_path) == (kind, route_path)
