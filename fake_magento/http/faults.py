"""What a fired fault rule does to one request, at the step of the request where it would happen.

- before routing (the dispatcher's fault step): the maintenance page, a dropped connection, a given
  status and body; any rule's ``delay_ms`` is waited here;
- while authorising: an expired token (the caller becomes a guest, as TokenUserContext leaves it),
  then a rate limit (Webapi/Controller/Rest/RequestValidator::checkBackpressure runs after the
  permission check);
- instead of the service: Magento's masked 500 (the service failed, so nothing is written);
- after the service has run and committed: a truncated answer, a malformed JSON body, a lost answer.

A connection is dropped by raising ``ConnectionDropped`` from the answer's body iterator, outside
Flask's handlers: waitress (``serve``, ``ThreadedServer``) takes it for a client that went away and
closes the socket without writing anything more, so the client reads no answer, or only the bytes
written before. Flask's test client raises it from the request call (or from reading the body).
"""
from __future__ import annotations

import time
from collections.abc import Iterator

from flask import Response
from waitress.channel import ClientDisconnected

from fake_magento.backend.faults import (
    DROP,
    LOST_RESPONSE,
    MAINTENANCE,
    MALFORMED_JSON,
    MASKED_500,
    RATE_LIMIT,
    STATUS,
    TOKEN_EXPIRED,
    TRUNCATE,
    Fired,
)
from fake_magento.errors import InternalError, WebapiError
from fake_magento.http import error_page
from fake_magento.http.responses import error_page_response, host_url, json_response

# pub/errors/default/503.phtml as a 2.4.7-p3 serves it (Processor::process503; ExceptionHandler requires
# errors/503.php when Bootstrap::assertMaintenance fails with ERR_MAINTENANCE).
MAINTENANCE_TITLE = "Error 503: Service Unavailable"
MAINTENANCE_CONTENT = (
    "\n<h1>Service Temporarily Unavailable</h1>\n<p>\n"
    "    The server is temporarily unable to service your request due to maintenance downtime or"
    " capacity problems.\n    Please try again later.\n</p>\n")


class ConnectionDropped(ClientDisconnected):
    """The fault closed the connection: waitress writes nothing more and closes the socket."""


class DroppedResponse(Response):
    """An answer whose connection is closed before (the rest of) it is written."""

    status_sent = False               # True when the status line and headers go out first (truncate)
    lost_status: int | None = None    # the status of the answer that was lost, if one was made


def wait(fired: Fired | None) -> None:
    if fired is not None and fired.delay_ms:
        time.sleep(fired.delay_ms / 1000)


def answer_instead(fired: Fired | None) -> Response | None:
    """The fault step: an answer that replaces the route's (None: the request goes on)."""
    if fired is None:
        return None
    wait(fired)
    if fired.kind == MAINTENANCE:
        return error_page_response(error_page.page(MAINTENANCE_TITLE, MAINTENANCE_CONTENT, host_url()), 503)
    if fired.kind == DROP:
        return dropped()
    if fired.kind == STATUS:
        return json_response(fired.body, fired.status or 500)
    return None


def token_expired(fired: Fired | None) -> bool:
    """The caller's token is to be read as expired: Magento then treats the caller as a guest."""
    return fired is not None and fired.kind == TOKEN_EXPIRED


def after_permissions(fired: Fired | None) -> None:
    if fired is not None and fired.kind == RATE_LIMIT:
        # RequestValidator::checkBackpressure: Webapi exception 'Too Many Requests', 429. Magento sets
        # no Retry-After itself; a rate limiter in front of it (Fastly, nginx) does: retry_after.
        headers = {} if fired.retry_after is None else {"Retry-After": str(fired.retry_after)}
        raise WebapiError("Too Many Requests", status=429, headers=headers)


def before_call(fired: Fired | None) -> None:
    if fired is not None and fired.kind == MASKED_500:
        raise InternalError(f"fault rule {fired.rule_id} ({MASKED_500})")


def after_call(fired: Fired | None, resp: Response) -> Response:
    """The service has run (and committed): spoil the answer on its way out."""
    if fired is None:
        return resp
    if fired.kind == LOST_RESPONSE:
        lost = dropped()
        lost.lost_status = resp.status_code
        return lost
    if fired.kind == TRUNCATE:
        return truncated(resp)
    if fired.kind == MALFORMED_JSON:
        return malformed(resp, fired.body)
    return resp


def dropped() -> DroppedResponse:
    return DroppedResponse(_drop_after(b""), status=500)


def truncated(resp: Response) -> DroppedResponse:
    """The status line, the headers (Content-Length of the whole body) and half the body, then the
    connection closes: the client reads an incomplete body."""
    data = resp.get_data()
    cut = DroppedResponse(_drop_after(data[: len(data) // 2]), status=resp.status_code,
                          headers=list(resp.headers.items()))
    cut.headers["Content-Length"] = str(len(data))
    cut.status_sent = True
    return cut


def malformed(resp: Response, text: str | None) -> Response:
    """A whole answer, status and headers as the route's, whose body is not JSON: the route's own
    body cut in half, or the text the rule gives (a PHP notice before the JSON, say)."""
    data = resp.get_data()
    body = text.encode("utf-8") if text is not None else data[: len(data) // 2]
    bad = Response(body, status=resp.status_code, headers=list(resp.headers.items()))
    bad.headers["Content-Length"] = str(len(body))
    return bad


def _drop_after(data: bytes) -> Iterator[bytes]:
    if data:
        yield data
    raise ConnectionDropped("connection dropped by a fault rule")
