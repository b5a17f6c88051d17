"""The error tree and its one mapper, on answers read from real sockets: the emulator's Magento
bodies, and a scripted server for what only a proxy or a maintenance page answers."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
import requests

from connector.errors import (
    AuthenticationError,
    AuthorizationError,
    ConnectionFailed,
    FieldError,
    InputError,
    MagentoError,
    MalformedResponse,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServiceUnavailable,
    TimedOut,
    error_for_response,
    render,
    retry_after_seconds,
)
from fake_magento import ThreadedServer
from tests.support.emulator import control, emulator_credentials, start_emulator
from tests.connector_tests.fault_server import FaultServer, Reply


@pytest.fixture(scope="module")
def emulator() -> Iterator[ThreadedServer]:
    server = start_emulator(profile="minimal")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def scripted() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def token(emulator: ThreadedServer) -> str:
    creds = emulator_credentials(emulator)
    answer = requests.post(f"{emulator.url}/rest/V1/integration/admin/token", timeout=10,
                           json={"username": creds["admin_username"], "password": creds["admin_password"]})
    return str(answer.json())


def scripted_error(server: FaultServer, reply: Reply, method: str = "GET") -> MagentoError:
    server.add(reply)
    return error_for_response(requests.request(method, f"{server.url}/rest/V1/orders/1", timeout=10))


# -- %1 and %name (Fw/Phrase/Renderer/Placeholder: strtr of "%<n+1>" and "%<key>") ---------------------
@pytest.mark.parametrize(("template", "parameters", "expected"), [
    ("Signature method %1 is not supported", ["HMAC-SHA1"], "Signature method HMAC-SHA1 is not supported"),
    ("%1 and %2", ["a", "b"], "a and b"),
    ("%2 before %1", ["a", "b"], "b before a"),
    ('"%fieldName" is required. Enter and try again.', {"fieldName": "sku"}, '"sku" is required. Enter and try again.'),
    ("The consumer isn't authorized to access %resources.", {"resources": "Magento_Sales::actions_view"},
     "The consumer isn't authorized to access Magento_Sales::actions_view."),
    ("Bulk uuid %bulkUuid not exist", {"bulkUuid": "abc-1"}, "Bulk uuid abc-1 not exist"),
    ("The most money available to refund is %1.", [12.5], "The most money available to refund is 12.5."),
    ("The most money available to refund is %1.", [40.0], "The most money available to refund is 40."),
    ("%1 of %2", [3], "3 of %2"),                       # no such argument: the placeholder stays
    ("no placeholders", ["x"], "no placeholders"),
    ("%1", [], "%1"),
    ("flag %1", [True], "flag 1"),
    ("flag %1", [False], "flag "),                      # PHP's (string) false is ""
    ("null %1.", [None], "null ."),                     # and (string) null is ""
    ("%1", "not a list", "%1"),
])
def test_render(template: str, parameters: Any, expected: str) -> None:
    assert render(template, parameters) == expected


def test_render_uses_the_longest_placeholder_first() -> None:
    # strtr tries the longest key first: %10 is the tenth argument, not %1 followed by 0
    ten = [str(i) for i in range(1, 11)]
    assert render("%10/%1", ten) == "10/1"
    # and with fewer arguments %1 is replaced inside %10, as strtr does
    assert render("%10", ["x"]) == "x0"
    assert render("%name %names", {"name": "a", "names": "b"}) == "a b"


# -- the emulator's Magento bodies over a socket --------------------------------------------------------------
def test_unknown_sku_is_not_found(emulator: ThreadedServer, token: str) -> None:
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/products/nope", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is NotFoundError
    assert error.status == 404
    assert error.message == "The product that was requested doesn't exist. Verify the product and try again."
    assert error.parameters == []
    assert error.method == "GET" and error.url == f"{emulator.url}/rest/V1/products/nope"
    assert str(error) == (f"404 The product that was requested doesn't exist. Verify the product and try again."
                          f" (GET {emulator.url}/rest/V1/products/nope)")


def test_no_route_is_not_found(emulator: ThreadedServer, token: str) -> None:
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/no/such/route", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is NotFoundError and error.message == "Request does not match any route."


def test_missing_search_criteria_renders_field_name(emulator: ThreadedServer, token: str) -> None:
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/orders", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is InputError and error.status == 400
    assert error.template == '"%fieldName" is required. Enter and try again.'
    assert error.parameters == {"fieldName": "searchCriteria"}
    assert error.message == '"searchCriteria" is required. Enter and try again.'


def test_positional_parameters_render(emulator: ThreadedServer, token: str) -> None:
    query = "searchCriteria[sortOrders][0][field]=a-b"
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/orders?{query}", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is InputError
    assert (error.template, error.parameters) == ("Sort order field %1 contains restricted symbols", ["a-b"])
    assert error.message == "Sort order field a-b contains restricted symbols"


def test_aggregate_input_errors(emulator: ThreadedServer) -> None:
    error = error_for_response(requests.post(f"{emulator.url}/rest/V1/integration/admin/token", timeout=10,
                                             json={"username": "", "password": ""}))
    assert type(error) is InputError
    assert error.message == "One or more input exceptions have occurred."
    assert error.errors == (
        FieldError('"username" is required. Enter and try again.', '"%fieldName" is required. Enter and try again.',
                   {"fieldName": "username"}),
        FieldError('"password" is required. Enter and try again.', '"%fieldName" is required. Enter and try again.',
                   {"fieldName": "password"}),
    )


def test_wrong_credentials_are_authentication(emulator: ThreadedServer) -> None:
    error = error_for_response(requests.post(f"{emulator.url}/rest/V1/integration/admin/token", timeout=10,
                                             json={"username": "admin", "password": "wrong"}))
    assert type(error) is AuthenticationError and error.status == 401
    assert error.message == ("The account sign-in was incorrect or your account is disabled temporarily. "
                             "Please wait and try again later.")


def test_acl_refusal_is_authorization(emulator: ThreadedServer) -> None:
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/orders/1", timeout=10))
    assert type(error) is AuthorizationError and error.status == 401
    assert error.message == "The consumer isn't authorized to access Magento_Sales::actions_view."
    assert error.parameters == {"resources": "Magento_Sales::actions_view"}


def test_expired_token_is_authorization(emulator: ThreadedServer, token: str) -> None:
    # Magento does not tell an expired bearer token from an ACL refusal (TokenUserContext)
    control(emulator, "clock", {"advance": 3601})
    try:
        error = error_for_response(requests.get(f"{emulator.url}/rest/V1/store/websites", timeout=10,
                                                headers={"Authorization": f"Bearer {token}"}))
    finally:
        control(emulator, "clock", {"reset": True})
    assert type(error) is AuthorizationError
    assert error.message == "The consumer isn't authorized to access Magento_Backend::store."


def test_bad_signature_is_authentication(emulator: ThreadedServer) -> None:
    from requests_oauthlib import OAuth1

    creds = emulator_credentials(emulator)
    auth = OAuth1(creds["consumer_key"], "x" * 32, creds["access_token"], creds["access_token_secret"],
                  signature_method="HMAC-SHA256")
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/store/websites", auth=auth, timeout=10))
    assert type(error) is AuthenticationError
    assert error.message == "The signature is invalid. Verify and try again."


def test_unknown_store_code(emulator: ThreadedServer, token: str) -> None:
    error = error_for_response(requests.get(f"{emulator.url}/rest/nosuch/V1/orders/1", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is InputError and error.message == "Specified request cannot be processed."


def test_masked_500_carries_its_report_id(emulator: ThreadedServer, token: str) -> None:
    control(emulator, "faults", {"path": "/V1/store/websites", "status": 500, "times": 1})
    error = error_for_response(requests.get(f"{emulator.url}/rest/V1/store/websites", timeout=10,
                                            headers={"Authorization": f"Bearer {token}"}))
    assert type(error) is ServerError and error.status == 500
    assert error.message.startswith("Internal Error. Details are available in Magento log file. Report ID: webapi-")
    assert error.report_id is not None and error.report_id.startswith("webapi-")
    assert error.message.endswith(error.report_id)


# -- what proxies, maintenance and rate limiters answer (scripted server) --------------------------------------
@pytest.mark.parametrize(("status", "cls"), [
    (400, InputError), (401, AuthenticationError), (403, AuthorizationError), (404, NotFoundError),
    (405, InputError), (406, InputError), (409, InputError), (422, InputError), (429, RateLimitError),
    (500, ServerError), (501, ServerError), (502, ServiceUnavailable), (503, ServiceUnavailable),
    (504, ServiceUnavailable), (302, MalformedResponse),
])
def test_every_status_maps_to_one_class(scripted: FaultServer, status: int, cls: type[MagentoError]) -> None:
    error = scripted_error(scripted, Reply(status, {"message": "Something %1", "parameters": ["odd"]}))
    assert type(error) is cls
    assert (error.status, error.message, error.template) == (status, "Something odd", "Something %1")


def test_403_with_the_acl_message(scripted: FaultServer) -> None:
    error = scripted_error(scripted, Reply(403, {"message": "Forbidden"}))
    assert isinstance(error, AuthorizationError) and error.message == "Forbidden"


def test_maintenance_page_is_service_unavailable(scripted: FaultServer) -> None:
    page = ("<!doctype html><html><head><title>Error 503: Service Unavailable</title></head>"
            "<body><h1>Service Temporarily Unavailable</h1><p>Down for maintenance.</p></body></html>")
    error = scripted_error(scripted, Reply(503, page, {"Content-Type": "text/html; charset=UTF-8"}))
    assert type(error) is ServiceUnavailable and error.status == 503
    assert error.message == ("HTTP 503: Error 503: Service Unavailable Service Temporarily Unavailable "
                             "Down for maintenance.")
    assert error.body == page
    assert error.report_id is None


def test_php_fatal_body(scripted: FaultServer) -> None:
    body = {"messages": {"error": [{"code": 500, "message": "Server internal error. See details in report api/123"}]}}
    error = scripted_error(scripted, Reply(500, body))
    assert type(error) is ServerError
    assert error.message == "Server internal error. See details in report api/123"


def test_empty_error_body(scripted: FaultServer) -> None:
    error = scripted_error(scripted, Reply(502, b""))
    assert type(error) is ServiceUnavailable and error.message == "HTTP 502"


def test_long_html_is_cut(scripted: FaultServer) -> None:
    error = scripted_error(scripted, Reply(500, "<p>" + "x" * 1000 + "</p>", {"Content-Type": "text/html"}))
    assert error.message == "HTTP 500: " + "x" * 200


def test_retry_after_seconds_header(scripted: FaultServer) -> None:
    error = scripted_error(scripted, Reply(429, {"message": "Too many requests"}, {"Retry-After": "7"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0 and error.message == "Too many requests"


def test_retry_after_http_date_header(scripted: FaultServer) -> None:
    when = datetime.now(UTC) + timedelta(seconds=120)
    error = scripted_error(scripted, Reply(429, {"message": "Slow down"}, {"Retry-After": format_datetime(when, True)}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is not None and 100 <= error.retry_after <= 120


def test_429_without_retry_after(scripted: FaultServer) -> None:
    error = scripted_error(scripted, Reply(429, {"message": "Slow down"}))
    assert isinstance(error, RateLimitError) and error.retry_after is None


@pytest.mark.parametrize(("value", "expected"), [
    ("120", 120.0), ("0", 0.0), ("1.5", 1.5), ("-3", 0.0), ("", None), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),      # a date in the past: no wait
])
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected


def test_the_tree() -> None:
    assert issubclass(TimedOut, ConnectionFailed) and issubclass(ConnectionFailed, MagentoError)
    assert issubclass(ServiceUnavailable, ServerError) and issubclass(ServerError, MagentoError)
    for cls in (NotFoundError, InputError, AuthenticationError, AuthorizationError, RateLimitError,
                MalformedResponse):
        assert issubclass(cls, MagentoError)
