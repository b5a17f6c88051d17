"""/rest[/<store>]/async/V1/... and /async/bulk/V1/...: WebapiAsync's AsynchronousRequestProcessor.

The dispatcher has matched the route already (for async/bulk one of the ``by<Param>`` literals,
routing.py). Each item (the body for async, each element of the body array for async/bulk) becomes
one operation: ``serialized_data`` as WebapiAsync/Model/OperationRepository::create writes it,
``data_hash`` its SHA-256, the topic ``async.<service interface>.<method>.<http method>`` lower-cased
(WebapiAsync/Model/Config). The answer is 202 with AsyncResponseInterface. Operations then run
through the sync route's view.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.auth import UserContext
from fake_magento.backend.bulk import (
    STATUS_COMPLETE,
    STATUS_NOT_RETRIABLY_FAILED,
    OperationOutcome,
)
from fake_magento.errors import ApplicationError, InputError, MagentoError, no_route
from fake_magento.http.async_services import SERVICES, Service
from fake_magento.http.encoding import php_json
from fake_magento.http.input_params import input_data
from fake_magento.http.request import RestRequest, snake
from fake_magento.http.routing import Route
from fake_magento.http.service_input import PROCESSOR

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.http.routing import Router

def service_of(route: Route) -> Service:
    known = SERVICES.get((route.method, route.path))
    if known is not None:
        return known
    # Unknown mapping: a stable name from the route (the view's module and function).
    name = getattr(route.view, "__name__", "execute")
    module = getattr(route.view, "__module__", "fake_magento.http").rsplit(".", 1)[-1]
    interface = f"Magento\\{module.title()}\\Api\\{name.title().replace('_', '')}Interface"
    return Service(interface, "execute",
                   interface.replace("\\Api\\", "\\Model\\").removesuffix("Interface") + "\\Interceptor")


def topic_name(route: Route) -> str:
    service = service_of(route)
    # Config::generateTopicNameFromService: strtolower over the whole name, HTTP method included.
    return ("async." + ".".join(service.interface.split("\\")) + "." + service.method + "."
            + route.method).lower()


def _items(req: RestRequest, route: Route, bulk: bool) -> list[tuple[Any, Any]]:
    body = req.body
    if not bulk:
        # WebapiAsync Asynchronous/InputParamsResolver::getInputData: a single async request's data is
        # the sync resolver's (ParamsOverrider for a PUT included: http/input_params.py)
        return [(0, input_data(req.method, route_key(route), req.params, req.query, req.body))]
    if isinstance(body, list):
        return list(enumerate(body))
    if isinstance(body, dict):
        return list(body.items())
    return []


def _value(item: dict[str, Any], name: str) -> Any:
    for key in (name, snake(name)):
        if item.get(key) is not None:
            return item[key]
    return None


def _check_required(service: Service, item: dict[str, Any]) -> None:
    """ServiceInputProcessor::process runs on every item before anything is scheduled (Asynchronous/
    InputParamsResolver::resolve): a missing (or null: isset) parameter refuses the whole request."""
    error = InputError()
    for name in service.required:
        if _value(item, name) is None:
            error.add('"%fieldName" is required. Enter and try again.', {"fieldName": name})
    if error:
        raise error


def _bulk_params(route: Route, service: Service, item: dict[str, Any]) -> dict[str, str]:
    """A bulk item goes to the service as it is: a route value is the item's own parameter of that
    name where the service takes one (``productSku``, ``orderId``); a value the sync route would only
    write into the body (``sku`` of ``PUT /V1/products/:sku``) is left out, so the item's own wins."""
    out: dict[str, str] = {}
    for segment in route.segments:
        name = segment[1:]
        if segment.startswith(":") and service.takes(name) and _value(item, name) is not None:
            value = _value(item, name)
            out[name] = value if isinstance(value, str) else php_json(value)
    return out


def route_key(route: Route) -> str:
    return f"{route.method} {route.path}"


def _item_input(route: Route, service: Service, item: dict[str, Any], req: RestRequest, bulk: bool) -> dict[str, Any]:
    """What ServiceInputProcessor reads for one item: a bulk item alone (resolveBulkItemParams), an
    async body with the path values on top (InputParamsResolver::getInputData)."""
    if bulk:
        return {**item, **_bulk_params(route, service, item)}
    return {**item, **req.query, **req.params}


def _key(key: Any) -> int:
    """ItemStatusInterface::getId is an int: a JSON object's keys are cast as PHP casts them."""
    if isinstance(key, int):
        return key
    text = str(key).strip()
    return int(text) if text.lstrip("+-").isdigit() else 0


def schedule(req: RestRequest, route: Route, *, bulk: bool) -> tuple[Any, int]:
    if not route.async_allowed:
        raise no_route()
    backend = req.backend
    service = service_of(route)
    items = _items(req, route, bulk)
    for _, item in items:
        if not isinstance(item, dict):
            # resolveBulkItemParams(array $inputData, ...) gets a scalar: a PHP TypeError, which no
            # handler renders (measured on 2.4.7-p3: 500 text/plain, nothing scheduled).
            raise ApplicationError()
        # each item is converted as the service will get it (a type error refuses the whole request),
        # then checked against the service's own parameters (the contract also lists path placeholders)
        PROCESSOR.process(route_key(route), _item_input(route, service, item, req, bulk), check_required=False)
        if service.params is not None:
            _check_required(service, item)
    topic = topic_name(route)
    # StoreManager::getStore()->getId(): the store id is the config's string
    store_id = str(req.scope.store_id)
    operations: list[dict[str, Any]] = []
    request_items: list[dict[str, Any]] = []
    for key, item in items:
        params = _bulk_params(route, service, item) if bulk else dict(req.params)
        serialized = php_json({"entity_id": None, "entity_link": "", "meta_information": php_json(item),
                               "store_id": store_id})
        request_items.append({"id": _key(key), "data_hash": hashlib.sha256(serialized.encode()).hexdigest(),
                              "status": "accepted"})
        operations.append({
            "key": _key(key), "serialized_data": serialized, "route_method": route.method,
            "route_path": route.path, "params": params,
            "store_code": req.scope.code if req.scope.explicit else None,
            "body": item if bulk else req.body,
            "caller": {"user_type": req.user.user_type, "user_id": req.user.user_id,
                       "resources": list(req.user.resources)},
        })
    bulk_uuid = backend.bulk.schedule(topic, req.user.user_type, req.user.user_id, operations)
    backend.bulk.after_schedule(bulk_uuid)
    return {"bulk_uuid": bulk_uuid, "request_items": request_items, "errors": False}, 202


# -- running operations ----------------------------------------------------------------------
def install_runner(backend: Backend, router: Router) -> None:
    """Let the backend's bulk consumer run operations through ``router``, the app's own (create_app
    calls this once, so held operations can run before any async request has been seen)."""
    backend.bulk.runner = lambda op: run_operation(backend, router, op)


def run_operation(backend: Backend, router: Router, op: dict[str, Any]) -> OperationOutcome:
    """OperationProcessor::process: call the service; success or a not-retriable failure."""
    route = next((r for r in router.routes if r.method == op["route_method"] and r.path == op["route_path"]),
                 None)
    if route is None:
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, "Request does not match any route.", 0, None)
    service = service_of(route)
    scope = backend.stores.scope_for_code(op["store_code"]) if op["store_code"] else None
    if scope is None:
        scope = backend.stores.default_scope()
    caller = op["caller"]
    user = UserContext(user_type=caller.get("user_type", 4), user_id=caller.get("user_id"),
                       resources=tuple(caller.get("resources") or ()))
    params, body = dict(op["params"]), op["body"]
    try:
        # the consumer's service gets the converted arguments, as a sync call's view does (dispatch.decode)
        arguments = PROCESSOR.process(route_key(route), {**(body if isinstance(body, dict) else {}), **params},
                                      check_required=False)
        req = RestRequest(backend=backend, scope=scope, user=user, method=op["route_method"],
                          path=op["route_path"], params=params, query={}, body=body, input=arguments)
        result = route.view(req)
    except MagentoError as exc:
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, exc.rendered(), int(exc.code or 0), None)
    except Exception as exc:  # noqa: BLE001 - the consumer records any failure on the operation
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, str(exc), 0, None)
    if hasattr(result, "get_data"):  # a Flask Response from a view
        result = json.loads(result.get_data(as_text=True) or "null")
    return OperationOutcome(STATUS_COMPLETE, f"Service execution success {service.implementation}::{service.method}", None,
                            php_json(result if result is not None else []))
