"""One entry point for /rest: scope, async prefix, route, auth, body, view, encode, journal.

The order follows Magento's Webapi/Controller/Rest::dispatch: the store code is taken
from the path first (PathProcessor), the method is checked (RequestMethodValidator), a request
processor is chosen by the path (RequestProcessorPool), then the route is matched, then permissions are
checked (RequestValidator), then the body is decoded, then the service runs.
"""
from __future__ import annotations

import json
import logging
import re
import time
import traceback
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from flask import Response, request

from fake_magento.errors import (
    ApplicationError,
    ErrorPage,
    InternalError,
    MagentoError,
    WebapiError,
    no_route,
    not_authorized,
)
from fake_magento.http import error_page
from fake_magento.http.encoding import php_json
from fake_magento.http.path_types import PATH_TYPES
from fake_magento.http.processors import BULK, SCHEMA, SYNC, processor_for, route_segments, split_store_code
from fake_magento.http.query import parse_query
from fake_magento.http.request import RestRequest
from fake_magento.types import float_value, int_value

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.http.routing import Route, Router

log = logging.getLogger("fake_magento")

ALLOWED_METHODS = {"GET", "POST", "PUT", "DELETE"}
JSON_TYPES = {"application/json"}
# Magento also registers XML (de)serializers; the emulator speaks JSON only (see README).
KNOWN_TYPES = {"application/json", "application/xml", "text/xml", "application/xhtml+xml"}
RESPONSE_HEADERS = {
    "Cache-Control": "no-store, no-cache, must-revalidate",
    "Pragma": "no-cache",
    "Expires": "Thu, 19 Nov 1981 08:52:00 GMT",
    "X-Frame-Options": "SAMEORIGIN",
}
_CONTENT_TYPE = re.compile(r"^([a-z\d/\-+.]+)(?:; *charset=(.+))?$", re.IGNORECASE)


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    resp = Response(php_json(value), status=status, content_type="application/json; charset=utf-8")
    for k, v in {**RESPONSE_HEADERS, **(headers or {})}.items():
        resp.headers[k] = v
    return resp


def error_response(error: MagentoError, backend: Backend | None = None) -> Response:
    """The one place a MagentoError becomes Magento's error envelope (or its bare error text)."""
    if isinstance(error, ApplicationError):
        text = error.detail if backend is not None and backend.config.developer_mode and error.detail \
            else error.message
        return Response(text, status=error.status, content_type=error.content_type)
    if isinstance(error, ErrorPage):
        resp = Response(error_page.render(error.report_id, _host_url()), status=error.status,
                        content_type=error_page.CONTENT_TYPE)
        resp.headers.update(error_page.HEADERS)
        return resp
    body = error.to_body()
    if isinstance(error, InternalError) and backend is not None and backend.config.developer_mode:
        body = {"message": error.detail or error.message}
    return json_response(body, error.status, error.headers)


def _host_url() -> str:
    """pub/errors Processor::getHostUrl: the Host header as sent, https when the server or the offloader
    header says so."""
    secure = request.scheme == "https" or request.headers.get("X-Forwarded-Proto") == "https"
    return ("https://" if secure else "http://") + request.headers.get("Host", request.host)


def raw_path_and_query() -> tuple[str, str]:
    raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if not raw:
        raw = quote(request.environ.get("PATH_INFO", "")) + (
            "?" + request.environ["QUERY_STRING"] if request.environ.get("QUERY_STRING") else "")
    if "://" in raw:  # absolute-form request target
        raw = "/" + raw.split("://", 1)[1].split("/", 1)[-1]
    path, _, query = raw.partition("?")
    if not query and request.environ.get("QUERY_STRING"):
        query = request.environ["QUERY_STRING"]  # some WSGI callers leave the query out of REQUEST_URI
    return path, query


def dispatch(backend: Backend, router: Router) -> Response:
    started = time.perf_counter()
    raw_path, raw_query = raw_path_and_query()
    journal_path = raw_path
    status = 500
    try:
        resp = _dispatch(backend, router, raw_path, raw_query)
    except MagentoError as exc:
        resp = error_response(exc, backend)
    except Exception as exc:  # noqa: BLE001 - masked as Magento does in production mode
        error = InternalError(f"{type(exc).__name__}: {exc}")
        log.error("%s %s\n%s", error.report_id, exc, traceback.format_exc())
        resp = error_response(error, backend)
    status = resp.status_code
    backend.journal.record({
        "method": request.method, "path": journal_path, "query": raw_query, "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        "time": backend.clock.stamp(),
    })
    return resp


def _dispatch(backend: Backend, router: Router, raw_path: str, raw_query: str) -> Response:
    method = request.method.upper()
    request.get_data(cache=True)  # read the raw body before any form parsing consumes it
    _check_accept()  # the REST response object is built first, whatever the method or path
    if method not in ALLOWED_METHODS:
        # Fw/Webapi/Rest/RequestMethodValidator (measured on 2.4.7-p3: PATCH, OPTIONS, HEAD -> 405)
        raise WebapiError(f"The {method} HTTP method is not supported.", status=405)

    code, scoped_path, unscoped_path = split_store_code(raw_path)
    scope = backend.stores.scope_for_code(code) if code else None
    if scope is not None:
        processed = processor_for(method, scoped_path)
    else:
        scope = backend.stores.default_scope()
        processed = processor_for(method, unscoped_path)
    if processed.kind == SCHEMA:
        raise no_route()  # the Swagger schema is not served (README, deviations)
    mode = processed.kind
    segments = route_segments(processed.route_path)
    path = processed.route_path
    rule = backend.faults.take(method, path)
    if rule is not None:
        if rule.delay_ms:
            time.sleep(rule.delay_ms / 1000)
        if rule.body is None and rule.status == 500:
            raise InternalError("injected fault")
        if rule.body is not None or rule.status != 200:
            return json_response(rule.body if rule.body is not None else {}, rule.status)

    matched = router.match(method, segments, bulk=(mode == BULK))
    if matched is None:
        raise no_route()
    route, params = matched

    user = backend.auth.context_for_request(
        request.headers.get("Authorization"), method=method, raw_path=raw_path, raw_query=raw_query,
        host=request.host, scheme=request.scheme, content_type=request.headers.get("Content-Type", ""),
        body=request.get_data(cache=True), store_id=scope.store_id,
        forwarded_proto=request.headers.get("X-Forwarded-Proto"), server_port=request.environ.get("SERVER_PORT"))
    missing = [r for r in route.resources if not user.allows(r)]
    if missing:
        raise not_authorized(missing if route.resources[0] != "self" else ["self"])

    body = _decode_body(method)
    params = _typed_path_values(route, params)
    query = parse_query(raw_query)
    req = RestRequest(backend=backend, scope=scope, user=user, method=method, path=path,
                      params=params, query=query, body=body, headers=dict(request.headers))
    if mode != SYNC:
        from fake_magento.http.async_ops import schedule

        result, status = schedule(req, route, bulk=(mode == BULK))
        return json_response(result, status)
    result = route.view(req)
    status = 200
    if isinstance(result, Response):
        return result
    if "fields" in query:
        from fake_magento.search.fields import apply_fields

        result = apply_fields(result, query["fields"])
    return json_response(result, status)


def _typed_path_values(route: Route, params: dict[str, str]) -> dict[str, str]:
    """ServiceInputProcessor::process converts a path value that is a service parameter to its declared
    type (path_types.py, from the contract) before the service runs: an empty or non-numeric int is 400
    ``The "" value's type is invalid. The "int" type was expected. Verify and try again.`` (not wrapped
    in "Error occurred during ..."), and the service gets the number (``1.5`` and `` 5 `` are 1 and 5).
    Measured on 2.4.7-p3: /V1/orders//comments, /V1/orders/abc, /V1/orders/%20/comments,
    /V1/customers//billingAddress, /V1/products/x/group-prices/1/tiers/abc/price/5 (float)."""
    types = PATH_TYPES.get(f"{route.method} {route.path}")
    if not types:
        return params
    out = dict(params)
    for name, kind in types.items():
        if name not in out:
            continue
        if kind == "int":
            out[name] = str(int_value(out[name]))
        elif kind == "float":
            float_value(out[name])
    return out


def _decode_body(method: str) -> Any:
    """Rest/Request::getBodyParams and getContentType: only POST/PUT bodies are read."""
    if method not in ("POST", "PUT"):
        return None
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    header = request.headers.get("Content-Type", "")
    if not header:
        raise MagentoError("Content-Type header is empty.")
    m = _CONTENT_TYPE.match(header.strip())
    if not m:
        raise MagentoError("Content-Type header is invalid.")
    if m.group(2) and m.group(2).strip().lower() != "utf-8":
        raise MagentoError("UTF-8 is the only supported charset.")
    media = m.group(1).lower()
    if media not in KNOWN_TYPES:
        # Rest/Request/DeserializerFactory::get: a Webapi\Exception with the message rendered.
        raise WebapiError(f"Server cannot understand Content-Type HTTP header media type {media}")
    if media not in JSON_TYPES:
        from fake_magento.http.xml import decode_xml

        return decode_xml(raw)
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise WebapiError("Decoding error.") from None


_MIME = re.compile(r"^([0-9a-z*+\-]+)(?:/([0-9a-z*+\-.]+))?$", re.IGNORECASE)
RENDERERS = ["application/json", "text/xml", "application/xml", "application/xhtml+xml"]


def accept_types(header: str | None) -> list[str]:
    """Rest/Request::getAcceptTypes: valid types ordered by quality, ``*/*`` when none."""
    by_quality: dict[str, dict[str, bool]] = {}
    for definition in re.split(r",\s*", header or ""):
        mime, *params = definition.split(";")
        mime = mime.strip()
        if not _MIME.match(mime):
            continue
        quality = "1.0"
        if params:
            pair = params[0].split("=")
            if len(pair) == 2:
                quality = pair[1]
        by_quality.setdefault(quality, {})[mime] = True
    ordered: dict[str, bool] = {}
    for quality in sorted(by_quality, reverse=True):  # krsort on the quality strings
        for mime in by_quality[quality]:
            ordered.setdefault(mime, True)
    return list(ordered) or ["*/*"]


def _check_accept() -> None:
    """Rest/Response/RendererFactory::_getRendererClass, run by the REST response's constructor.

    Its 406 Webapi exception is thrown while the controller is being built, outside every web API
    handler, so Magento answers with its error report page: 500 text/html (measured on 2.4.7-p3 for
    ``text/html``, ``text/plain``, ``image/png``, ``foo``, ``image/png;q=0.5, text/html``, on any route,
    method or store code, authenticated or not)."""
    types = accept_types(request.headers.get("Accept"))
    for accept in types:
        for renderer in RENDERERS:
            if accept in (renderer, renderer.split("/")[0] + "/*", "*/*"):
                return
    # The Phrase gets the whole list as its arguments, so %1 is only the first type.
    raise ErrorPage(
        "Server cannot match any of the given Accept HTTP header media type(s) from the request: "
        f'"{types[0]}" with media types from the config of response renderer.')
