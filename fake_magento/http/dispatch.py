"""One entry point for /rest, in the steps of Magento's Webapi/Controller/Rest::dispatch.

The store code is taken from the path first (PathProcessor), the method is checked
(RequestMethodValidator), a request processor is chosen by the path (RequestProcessorPool); then
the emulator's fault rules get their say; then the route is matched, permissions are checked
(RequestValidator), the body is decoded, the service runs and the answer is written (with the
``fields`` filter). Each step is one function below: ``check_request``, ``scope``, ``fault``,
``route_for``, ``authorise``, ``decode``, ``call``, ``fields``; ``record`` writes the journal.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from flask import Request, Response, request

from fake_magento.backend.faults import LOST_RESPONSE, FaultCall, Fired
from fake_magento.backend.journal import Later
from fake_magento.errors import (
    ErrorPage,
    InternalError,
    MagentoError,
    WebapiError,
    no_route,
    not_authorized,
)
from fake_magento.http import faults
from fake_magento.http.faults import DroppedResponse
from fake_magento.http.input_params import input_data
from fake_magento.http.nearest import nearest_routes
from fake_magento.http.path_types import PATH_TYPES
from fake_magento.http.processors import BULK, SCHEMA, SYNC, processor_for, route_segments, split_store_code
from fake_magento.http.query import parse_query
from fake_magento.http.request import RestRequest
from fake_magento.http.responses import (  # noqa: F401 - RESPONSE_HEADERS is read from here (bench)
    RESPONSE_HEADERS,
    error_response,
    json_response,
)
from fake_magento.http.service_input import PROCESSOR
from fake_magento.http.service_output import PROCESSOR as OUTPUT
from fake_magento.types import float_value, int_value

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.backend.auth import RequestUserContext
    from fake_magento.backend.scope import StoreScope
    from fake_magento.http.routing import Route, Router

log = logging.getLogger("fake_magento")

ALLOWED_METHODS = {"GET", "POST", "PUT", "DELETE"}
JSON_TYPES = {"application/json"}
# Magento also registers XML (de)serializers; the emulator speaks JSON only (see README).
KNOWN_TYPES = {"application/json", "application/xml", "text/xml", "application/xhtml+xml"}
_CONTENT_TYPE = re.compile(r"^([a-z\d/\-+.]+)(?:; *charset=(.+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """Where a request is going once its store code is read."""

    scope: StoreScope
    store_code: str        # the code in the URL (``all``, ``de``), the default view's for /rest/V1
    mode: str              # SYNC, ASYNC or BULK (processors.py)
    path: str              # what the router matches: after /rest[/<store>], without /async[/bulk]
    segments: list[str]


class ViewInput(NamedTuple):
    """What a view gets besides the caller and the scope."""

    params: dict[str, str]
    query: dict[str, Any]
    body: Any
    input: dict[str, Any]   # the service's arguments (ServiceInputProcessor; sync requests only)


@dataclass
class Trace:
    """What the journal learns about a request on its way through."""

    fault: Fired | None = None
    called: bool = False              # the service was called (its answer may be lost on the way out)
    nearest: Later | None = None     # the nearest routes, when no route matched


def raw_path_and_query(http: Request) -> tuple[str, str]:
    environ = http.environ
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if not raw:
        raw = quote(environ.get("PATH_INFO", "")) + (
            "?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
    if "://" in raw:  # absolute-form request target
        raw = "/" + raw.split("://", 1)[1].split("/", 1)[-1]
    path, _, query = raw.partition("?")
    if not query and environ.get("QUERY_STRING"):
        query = environ["QUERY_STRING"]  # some WSGI callers leave the query out of REQUEST_URI
    return path, query


def dispatch(backend: Backend, router: Router) -> Response:
    started = time.perf_counter()
    http: Request = request._get_current_object()  # type: ignore[attr-defined]  # once, not per use
    raw_path, raw_query = raw_path_and_query(http)
    trace = Trace()
    try:
        resp = _dispatch(http, backend, router, raw_path, raw_query, trace)
    except MagentoError as exc:
        resp = error_response(exc, backend)
    except Exception as exc:  # noqa: BLE001 - masked as Magento does in production mode
        error = InternalError(f"{type(exc).__name__}: {exc}")
        log.error("%s %s\n%s", error.report_id, exc, traceback.format_exc())
        resp = error_response(error, backend)
    if trace.called:  # the service ran: a fault may still spoil its answer, an error as much as a result
        resp = faults.after_call(trace.fault, resp)
    record(http, backend, trace, raw_path, raw_query, resp, started)
    return resp


def _dispatch(http: Request, backend: Backend, router: Router, raw_path: str, raw_query: str,
              trace: Trace) -> Response:
    method = check_request(http)
    target = scope(backend, method, raw_path)
    trace.fault = fault(http, backend, method, target)
    instead = faults.answer_instead(trace.fault)
    if instead is not None:
        return instead
    route, path_params = route_for(router, method, target, trace)
    user = authorise(http, backend, route, method, raw_path, raw_query, target.scope, trace.fault)
    view_input = decode(route, path_params, parse_query(raw_query), read_body(http, method), target.mode)
    req = RestRequest(backend=backend, scope=target.scope, user=user, method=method, path=target.path,
                      params=view_input.params, query=view_input.query, body=view_input.body,
                      input=view_input.input)
    faults.before_call(trace.fault)
    trace.called = True
    return call(req, route, target.mode)


def check_request(http: Request) -> str:
    """The REST response object is built first (Accept), whatever the method or path; then the method."""
    method = http.method.upper()
    if http.environ.get("CONTENT_LENGTH") or "HTTP_TRANSFER_ENCODING" in http.environ:
        http.get_data(cache=True)  # read the raw body before any form parsing consumes it
    _check_accept(http)
    if method not in ALLOWED_METHODS:
        # Fw/Webapi/Rest/RequestMethodValidator (measured on 2.4.7-p3: PATCH, OPTIONS, HEAD -> 405)
        raise WebapiError(f"The {method} HTTP method is not supported.", status=405)
    return method


def scope(backend: Backend, method: str, raw_path: str) -> Target:
    """PathProcessor (the store code) and RequestProcessorPool (sync, async or bulk)."""
    code, scoped_path, unscoped_path = split_store_code(raw_path)
    store = backend.stores.scope_for_code(code) if code else None
    if store is not None:
        processed = processor_for(method, scoped_path)
        store_code = code
    else:
        store = backend.stores.default_scope()
        processed = processor_for(method, unscoped_path)
        store_code = store.code
    if processed.kind == SCHEMA:
        raise no_route()  # the Swagger schema is not served (README, deviations)
    return Target(store, store_code, processed.kind, processed.route_path, route_segments(processed.route_path))


def fault(http: Request, backend: Backend, method: str, target: Target) -> Fired | None:
    """The fault rule that fires for this request, if any (backend/faults.py, http/faults.py)."""
    if not backend.faults.active:
        return None
    return backend.faults.take(FaultCall(method, target.path, target.store_code,
                                         http.headers.get("Authorization")))


def route_for(router: Router, method: str, target: Target, trace: Trace) -> tuple[Route, dict[str, str]]:
    matched = router.match(method, target.segments, bulk=(target.mode == BULK))
    if matched is None:
        trace.nearest = Later(lambda: nearest_routes(router.routes, method, target.segments))
        raise no_route()
    return matched


def authorise(http: Request, backend: Backend, route: Route, method: str, raw_path: str, raw_query: str,
              store: StoreScope, fired: Fired | None) -> RequestUserContext:
    """RequestValidator::validate: the caller's permissions, then backpressure."""
    # An expired token leaves the caller a guest (TokenUserContext::processRequest ignores it).
    authorization = None if faults.token_expired(fired) else http.headers.get("Authorization")

    def details() -> dict[str, Any]:  # only an OAuth signature needs these: built only then
        return {"method": method, "raw_path": raw_path, "raw_query": raw_query, "host": http.host,
                "scheme": http.scheme, "content_type": http.headers.get("Content-Type", ""),
                "body": http.get_data(cache=True), "forwarded_proto": http.headers.get("X-Forwarded-Proto"),
                "server_port": http.environ.get("SERVER_PORT")}

    user = backend.auth.context_for_request(authorization, store_id=store.store_id, details=details)
    missing = [r for r in route.resources if not user.allows(r)]
    if missing:
        raise not_authorized(missing if route.resources[0] != "self" else ["self"])
    faults.after_permissions(fired)
    return user


def decode(route: Route, params: dict[str, str], query: dict[str, Any], body: Any, mode: str) -> ViewInput:
    """The service's input from the path values, the parsed query and the decoded body: what the
    view gets (ServiceInputProcessor::process, http/service_input.py). Async and bulk requests are
    checked item by item when scheduled (http/async_ops.py)."""
    params = _typed_path_values(route, params)
    arguments = service_input(route, params, query, body) if mode == SYNC else {}
    return ViewInput(params, query, body, arguments)


def call(req: RestRequest, route: Route, mode: str) -> Response:
    """The service runs: at once (sync), or queued as async or bulk operations (202)."""
    if mode != SYNC:
        from fake_magento.http.async_ops import schedule

        result, status = schedule(req, route, bulk=(mode == BULK))
        return json_response(result, status)
    result = route.view(req)
    if isinstance(result, Response):
        return result
    return json_response(fields(OUTPUT.answer(f"{route.method} {route.path}", result), req.query))


def fields(result: Any, query: dict[str, Any]) -> Any:
    """The ``fields`` query filter (Webapi/Controller/Rest/ResponseFieldsFilter)."""
    if "fields" not in query:
        return result
    from fake_magento.search.fields import apply_fields

    return apply_fields(result, query["fields"])


def record(http: Request, backend: Backend, trace: Trace, raw_path: str, raw_query: str, resp: Response,
           started: float) -> None:
    """One journal entry: ``status`` is what reached the wire (None when the connection was dropped
    before a status line); a lost answer's own status is in its fault entry."""
    fired: dict[str, Any] | None = None
    if trace.fault is not None:
        fired = trace.fault.journal()
        if trace.fault.kind == LOST_RESPONSE and isinstance(resp, DroppedResponse):
            fired["status"] = resp.lost_status
    entry: dict[str, Any] = {
        "method": http.method, "path": raw_path, "query": raw_query,
        "status": None if isinstance(resp, DroppedResponse) and not resp.status_sent else resp.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        "time": backend.clock.stamp(), "fault": fired,
    }
    if trace.nearest is not None:
        entry["nearest_routes"] = trace.nearest
    backend.journal.record(entry)


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


def service_input(route: Route, params: dict[str, Any], query: dict[str, Any], body: Any) -> dict[str, Any]:
    """ServiceInputProcessor over InputParamsResolver::getInputData (http/input_params.py)."""
    key = f"{route.method} {route.path}"
    return PROCESSOR.process(key, input_data(route.method, key, params, query, body))


def read_body(http: Request, method: str) -> Any:
    """Rest/Request::getBodyParams and getContentType: only POST/PUT bodies are read."""
    if method not in ("POST", "PUT"):
        return None
    raw = http.get_data(cache=True)
    if not raw:
        return {}
    header = http.headers.get("Content-Type", "")
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


def _check_accept(http: Request) -> None:
    """Rest/Response/RendererFactory::_getRendererClass, run by the REST response's constructor.

    Its 406 Webapi exception is thrown while the controller is being built, outside every web API
    handler, so Magento answers with its error report page: 500 text/html (measured on 2.4.7-p3 for
    ``text/html``, ``text/plain``, ``image/png``, ``foo``, ``image/png;q=0.5, text/html``, on any route,
    method or store code, authenticated or not)."""
    refused = _refused_accept(http.headers.get("Accept"))
    if refused is not None:
        # The Phrase gets the whole list as its arguments, so %1 is only the first type.
        raise ErrorPage(
            "Server cannot match any of the given Accept HTTP header media type(s) from the request: "
            f'"{refused}" with media types from the config of response renderer.')


@functools.lru_cache(maxsize=256)
def _refused_accept(header: str | None) -> str | None:
    """The first accepted type when no renderer takes any of them, else None (a pure function of the
    header, so clients repeating one Accept header parse it once)."""
    types = accept_types(header)
    for accept in types:
        for renderer in RENDERERS:
            if accept in (renderer, renderer.split("/")[0] + "/*", "*/*"):
                return None
    return types[0]
