"""How the REST edge writes an answer: Magento's JSON with its headers, and its error envelope."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Response, request

from fake_magento.errors import ApplicationError, ErrorPage, InternalError, MagentoError
from fake_magento.http import error_page
from fake_magento.http.encoding import php_json

if TYPE_CHECKING:
    from fake_magento.backend import Backend

RESPONSE_HEADERS = {
    "Cache-Control": "no-store, no-cache, must-revalidate",
    "Pragma": "no-cache",
    "Expires": "Thu, 19 Nov 1981 08:52:00 GMT",
    "X-Frame-Options": "SAMEORIGIN",
}


_RESPONSE_HEADER_ITEMS = list(RESPONSE_HEADERS.items())


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return json_text_response(php_json(value), status, headers)


def json_text_response(text: str | bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``json_response`` for a value already encoded by ``php_json`` (as text, or as its UTF-8 bytes)."""
    resp = Response(text, status=status, content_type="application/json; charset=utf-8")
    if headers:
        for k, v in {**RESPONSE_HEADERS, **headers}.items():
            resp.headers[k] = v
    else:
        resp.headers.extend(_RESPONSE_HEADER_ITEMS)  # none of them is set yet: appended in this order
    return resp


def error_response(error: MagentoError, backend: Backend | None = None) -> Response:
    """The one place a MagentoError becomes Magento's error envelope (or its bare error text)."""
    if isinstance(error, ApplicationError):
        text = error.detail if backend is not None and backend.config.developer_mode and error.detail \
            else error.message
        return Response(text, status=error.status, content_type=error.content_type)
    if isinstance(error, ErrorPage):
        return error_page_response(error_page.render(error.report_id, host_url()), error.status)
    body = error.to_body()
    if isinstance(error, InternalError) and backend is not None and backend.config.developer_mode:
        body = {"message": error.detail or error.message}
    return json_response(body, error.status, error.headers)


def error_page_response(html: str, status: int) -> Response:
    """A pub/errors page: text/html with the headers Response/HeaderManager adds (measured on 2.4.7-p3)."""
    resp = Response(html, status=status, content_type=error_page.CONTENT_TYPE)
    resp.headers.update(error_page.HEADERS)
    return resp


def host_url() -> str:
    """pub/errors Processor::getHostUrl: the Host header as sent, https when the server or the offloader
    header says so."""
    secure = request.scheme == "https" or request.headers.get("X-Forwarded-Proto") == "https"
    return ("https://" if secure else "http://") + request.headers.get("Host", request.host)
