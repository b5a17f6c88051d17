"""Magento's error envelope and the transport-level errors (semantics §2)."""
from __future__ import annotations

import re

import pytest

from fake_magento.errors import InputError, MagentoError, render_message


def test_named_placeholders_give_an_object():
    e = MagentoError("The consumer isn't authorized to access %resources.", {"resources": "Magento_Sales::sales"})
    assert e.to_body() == {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_Sales::sales"}}
    assert e.rendered() == "The consumer isn't authorized to access Magento_Sales::sales."


def test_positional_placeholders_give_a_list():
    e = MagentoError("Signature method %1 is not supported", ["HMAC-SHA1"])
    assert e.to_body() == {"message": "Signature method %1 is not supported", "parameters": ["HMAC-SHA1"]}


def test_render_handles_ten_positional_parameters():
    assert render_message("%1-%10", list(range(1, 11))) == "1-10"


def test_single_input_error_is_not_aggregated():
    e = InputError()
    e.add('"%fieldName" is required. Enter and try again.', {"fieldName": "username"})
    assert e.to_body() == {"message": '"%fieldName" is required. Enter and try again.',
                           "parameters": {"fieldName": "username"}}


def test_two_input_errors_are_aggregated():
    e = InputError()
    e.add('"%fieldName" is required. Enter and try again.', {"fieldName": "username"})
    e.add('"%fieldName" is required. Enter and try again.', {"fieldName": "password"})
    assert e.to_body() == {
        "message": "One or more input exceptions have occurred.",
        "errors": [
            {"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "username"}},
            {"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "password"}},
        ],
    }


def _post_raw(anon, data, content_type=None, **headers):
    if content_type is not None:
        headers["Content-Type"] = content_type
    return anon.client.post("/rest/V1/integration/admin/token", data=data, headers=headers)


def test_body_without_content_type(anon):
    resp = _post_raw(anon, b'{"username":"a","password":"b"}')
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Content-Type header is empty."}


def test_unsupported_content_type(anon):
    resp = _post_raw(anon, b"username=a", "application/x-www-form-urlencoded")
    assert resp.status_code == 400
    assert resp.get_json() == {
        "message": "Server cannot understand Content-Type HTTP header media type application/x-www-form-urlencoded"}


def test_content_type_must_be_utf8(anon):
    resp = _post_raw(anon, b"{}", "application/json; charset=latin1")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "UTF-8 is the only supported charset."}


def test_invalid_content_type_header(anon):
    resp = _post_raw(anon, b"{}", "application/json; boundary=x")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Content-Type header is invalid."}


def test_malformed_json(anon):
    resp = _post_raw(anon, b'{"username": "a",', "application/json")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Decoding error."}


# Measured on 2.4.7-p3 (2026-12-03): an Accept header no renderer takes is Magento's error report page,
# not the 406 of Rest/Response/RendererFactory (it is thrown while the response object is built).
PAGE_BASE = '<base href="http&#x3A;&#x2F;&#x2F;localhost&#x2F;errors&#x2F;default&#x2F;" />'


@pytest.mark.parametrize("accept", ["text/html", "text/plain", "image/png", "foo", "image/png;q=0.5, text/html"])
def test_unacceptable_accept_header_is_the_error_report_page(admin, accept):
    resp = admin.get("/store/websites", headers={"Accept": accept})
    assert resp.status_code == 500
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert (resp.headers["X-Content-Type-Options"], resp.headers["X-XSS-Protection"],
            resp.headers["X-Frame-Options"]) == ("nosniff", "1; mode=block", "SAMEORIGIN")
    assert "Cache-Control" not in resp.headers
    page = resp.get_data(as_text=True)
    assert page.startswith("<!doctype html>\n") and PAGE_BASE in page
    assert "<h1>There has been an error processing your request</h1>" in page
    assert "<p><em>Exception printing is disabled by default for security reasons.</em></p>" in page
    assert re.search(r"<p>Error log record number: [0-9a-f]{64}</p>", page)


def test_the_page_comes_before_method_route_store_and_caller_checks(anon):
    for method, path in (("PATCH", "/rest/V1/products"), ("GET", "/rest/nosuch/V1/x"),
                         ("GET", "/rest/V1/nothing-here"), ("POST", "/rest/V1/integration/admin/token")):
        resp = anon.client.open(path, method=method, headers={"Accept": "text/html"})
        assert resp.status_code == 500 and resp.headers["Content-Type"] == "text/html; charset=UTF-8"


def test_the_page_is_based_on_the_request_host(anon):
    resp = anon.client.get("/rest/V1/store/websites", headers={
        "Accept": "text/html", "Host": "shop.test:8443", "X-Forwarded-Proto": "https"})
    assert ('<base href="https&#x3A;&#x2F;&#x2F;shop.test&#x3A;8443&#x2F;errors&#x2F;default&#x2F;" />'
            in resp.get_data(as_text=True))


def test_acceptable_accept_headers(admin):
    for accept in ("application/json", "*/*", "application/*", "text/html, application/json;q=0.9",
                   "not a type!"):
        assert admin.get("/store/websites", headers={"Accept": accept}).status_code == 200


def test_responses_are_php_json(admin):
    resp = admin.get("/store/storeConfigs")
    text = resp.get_data(as_text=True)
    assert '"base_url":"http:\\/\\/' in text      # json_encode escapes slashes
    assert ": " not in text and ", " not in text   # compact
    assert resp.headers["Cache-Control"] == "no-store, no-cache, must-revalidate"
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"


def test_unexpected_exception_is_masked(admin, backend, monkeypatch):
    def boom():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(backend.stores, "website_data", boom)
    resp = admin.get("/store/websites")
    assert resp.status_code == 500
    body = resp.get_json()
    assert set(body) == {"message"}
    assert body["message"].startswith(
        "Internal Error. Details are available in Magento log file. Report ID: webapi-")
    assert "secret" not in resp.get_data(as_text=True)
