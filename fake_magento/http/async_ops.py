"""/rest[/<store>]/async/V1/... and /async/bulk/V1/...: WebapiAsync's AsynchronousRequestProcessor.

The dispatcher has matched the sync route already. Each item (the body for async, each element of
the body array for async/bulk) becomes one operation: ``serialized_data`` as
WebapiAsync/Model/OperationRepository::create writes it, ``data_hash`` its SHA-256, the topic
``async.<service interface>.<method>.<http method>`` lower-cased (WebapiAsync/Model/Config). The
answer is 202 with AsyncResponseInterface. Operations then run through the sync route's view.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.auth import UserContext
from fake_magento.backend.bulk import (
    STATUS_COMPLETE,
    STATUS_NOT_RETRIABLY_FAILED,
    STATUS_REJECTED,
    OperationOutcome,
)
from fake_magento.errors import MagentoError, no_route, render_message
from fake_magento.http.encoding import php_json
from fake_magento.http.request import RestRequest, snake
from fake_magento.http.routing import Route

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.http.routing import Router

# (method, route path) -> (service interface, service method, implementation class). From each
# module's etc/webapi.xml and etc/di.xml preferences; the class is what get_class() names in the
# "Service execution success" message (OperationProcessor::executeHandler).
SERVICES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("POST", "/V1/products"): ("Magento\\Catalog\\Api\\ProductRepositoryInterface", "save",
                               "Magento\\Catalog\\Model\\ProductRepository\\Interceptor"),
    ("PUT", "/V1/products/:sku"): ("Magento\\Catalog\\Api\\ProductRepositoryInterface", "save",
                                   "Magento\\Catalog\\Model\\ProductRepository\\Interceptor"),
    ("DELETE", "/V1/products/:sku"): ("Magento\\Catalog\\Api\\ProductRepositoryInterface", "deleteById",
                                      "Magento\\Catalog\\Model\\ProductRepository\\Interceptor"),
    ("POST", "/V1/categories"): ("Magento\\Catalog\\Api\\CategoryRepositoryInterface", "save",
                                 "Magento\\Catalog\\Model\\CategoryRepository\\Interceptor"),
    ("PUT", "/V1/categories/:id"): ("Magento\\Catalog\\Api\\CategoryRepositoryInterface", "save",
                                    "Magento\\Catalog\\Model\\CategoryRepository\\Interceptor"),
    ("DELETE", "/V1/categories/:categoryId"): ("Magento\\Catalog\\Api\\CategoryRepositoryInterface",
                                               "deleteByIdentifier",
                                               "Magento\\Catalog\\Model\\CategoryRepository\\Interceptor"),
    ("PUT", "/V1/categories/:categoryId/move"): ("Magento\\Catalog\\Api\\CategoryManagementInterface", "move",
                                                 "Magento\\Catalog\\Model\\CategoryManagement\\Interceptor"),
    ("POST", "/V1/categories/:categoryId/products"): (
        "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface", "save",
        "Magento\\Catalog\\Model\\CategoryLinkRepository\\Interceptor"),
    ("PUT", "/V1/categories/:categoryId/products"): (
        "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface", "save",
        "Magento\\Catalog\\Model\\CategoryLinkRepository\\Interceptor"),
    ("DELETE", "/V1/categories/:categoryId/products/:sku"): (
        "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface", "deleteByIds",
        "Magento\\Catalog\\Model\\CategoryLinkRepository\\Interceptor"),
    ("PUT", "/V1/products/:productSku/stockItems/:itemId"): (
        "Magento\\CatalogInventory\\Api\\StockRegistryInterface", "updateStockItemBySku",
        "Magento\\CatalogInventory\\Model\\StockRegistry\\Interceptor"),
    ("POST", "/V1/inventory/source-items"): ("Magento\\InventoryApi\\Api\\SourceItemsSaveInterface", "execute",
                                             "Magento\\Inventory\\Model\\SourceItem\\Command\\SourceItemsSave\\Interceptor"),
    ("POST", "/V1/inventory/source-items-delete"): (
        "Magento\\InventoryApi\\Api\\SourceItemsDeleteInterface", "execute",
        "Magento\\Inventory\\Model\\SourceItem\\Command\\SourceItemsDelete\\Interceptor"),
    ("POST", "/V1/inventory/sources"): ("Magento\\InventoryApi\\Api\\SourceRepositoryInterface", "save",
                                        "Magento\\Inventory\\Model\\SourceRepository\\Interceptor"),
    ("PUT", "/V1/inventory/sources/:sourceCode"): ("Magento\\InventoryApi\\Api\\SourceRepositoryInterface", "save",
                                                   "Magento\\Inventory\\Model\\SourceRepository\\Interceptor"),
    ("POST", "/V1/inventory/stocks"): ("Magento\\InventoryApi\\Api\\StockRepositoryInterface", "save",
                                       "Magento\\Inventory\\Model\\StockRepository\\Interceptor"),
    ("PUT", "/V1/inventory/stocks/:stockId"): ("Magento\\InventoryApi\\Api\\StockRepositoryInterface", "save",
                                               "Magento\\Inventory\\Model\\StockRepository\\Interceptor"),
    ("DELETE", "/V1/inventory/stocks/:stockId"): ("Magento\\InventoryApi\\Api\\StockRepositoryInterface",
                                                  "deleteById",
                                                  "Magento\\Inventory\\Model\\StockRepository\\Interceptor"),
    ("POST", "/V1/customers"): ("Magento\\Customer\\Api\\AccountManagementInterface", "createAccount",
                                "Magento\\Customer\\Model\\AccountManagement\\Interceptor"),
    ("PUT", "/V1/customers/:customerId"): ("Magento\\Customer\\Api\\CustomerRepositoryInterface", "save",
                                           "Magento\\Customer\\Model\\ResourceModel\\CustomerRepository\\Interceptor"),
    ("DELETE", "/V1/customers/:customerId"): ("Magento\\Customer\\Api\\CustomerRepositoryInterface", "deleteById",
                                              "Magento\\Customer\\Model\\ResourceModel\\CustomerRepository\\Interceptor"),
    ("POST", "/V1/orders"): ("Magento\\Sales\\Api\\OrderRepositoryInterface", "save",
                             "Magento\\Sales\\Model\\OrderRepository\\Interceptor"),
    ("POST", "/V1/order/:orderId/ship"): ("Magento\\Sales\\Api\\ShipOrderInterface", "execute",
                                          "Magento\\Sales\\Model\\ShipOrder\\Interceptor"),
    ("POST", "/V1/order/:orderId/invoice"): ("Magento\\Sales\\Api\\InvoiceOrderInterface", "execute",
                                             "Magento\\Sales\\Model\\InvoiceOrder\\Interceptor"),
    ("POST", "/V1/order/:orderId/refund"): ("Magento\\Sales\\Api\\RefundOrderInterface", "execute",
                                            "Magento\\Sales\\Model\\RefundOrder\\Interceptor"),
    ("POST", "/V1/orders/:id/cancel"): ("Magento\\Sales\\Api\\OrderManagementInterface", "cancel",
                                        "Magento\\Sales\\Model\\Service\\OrderService\\Interceptor"),
    ("POST", "/V1/orders/:id/hold"): ("Magento\\Sales\\Api\\OrderManagementInterface", "hold",
                                      "Magento\\Sales\\Model\\Service\\OrderService\\Interceptor"),
    ("POST", "/V1/orders/:id/unhold"): ("Magento\\Sales\\Api\\OrderManagementInterface", "unHold",
                                        "Magento\\Sales\\Model\\Service\\OrderService\\Interceptor"),
    ("POST", "/V1/orders/:id/comments"): ("Magento\\Sales\\Api\\OrderManagementInterface", "addComment",
                                          "Magento\\Sales\\Model\\Service\\OrderService\\Interceptor"),
    ("POST", "/V1/shipment/track"): ("Magento\\Sales\\Api\\ShipmentTrackRepositoryInterface", "save",
                                     "Magento\\Sales\\Model\\Order\\Shipment\\TrackRepository\\Interceptor"),
}


def service_of(route: Route) -> tuple[str, str, str]:
    known = SERVICES.get((route.method, route.path))
    if known is not None:
        return known
    # Unknown mapping: a stable name from the route (the view's module and function).
    name = getattr(route.view, "__name__", "execute")
    module = getattr(route.view, "__module__", "fake_magento.http").rsplit(".", 1)[-1]
    interface = f"Magento\\{module.title()}\\Api\\{name.title().replace('_', '')}Interface"
    return interface, "execute", interface.replace("\\Api\\", "\\Model\\").removesuffix("Interface") + "\\Interceptor"


def topic_name(route: Route) -> str:
    interface, method, _ = service_of(route)
    # Config::generateTopicNameFromService: strtolower over the whole name, HTTP method included.
    return ("async." + ".".join(interface.split("\\")) + "." + method + "." + route.method).lower()


def _items(req: RestRequest, bulk: bool) -> list[tuple[Any, Any]]:
    body = req.body
    if not bulk:
        return [(0, body if body is not None else {})]
    if isinstance(body, list):
        return list(enumerate(body))
    if isinstance(body, dict):
        return list(body.items())
    return []


def _path_params(route: Route, params: dict[str, str], item: dict[str, Any], bulk: bool) -> dict[str, str]:
    """async/bulk routes name each path value ``by<Param>`` and take it from every item."""
    out = dict(params)
    if not bulk:
        return out
    for name, value in params.items():
        if value == "by" + name[:1].upper() + name[1:]:
            picked = item.get(name, item.get(snake(name)))
            out[name] = "" if picked is None else str(picked)
    return out


def schedule(req: RestRequest, route: Route, *, bulk: bool) -> tuple[Any, int]:
    if not route.async_allowed:
        raise no_route()
    backend = req.backend
    _install_runner(backend)
    topic = topic_name(route)
    store_id = req.scope.store_id
    operations: list[dict[str, Any]] = []
    request_items: list[dict[str, Any]] = []
    errors = False
    for key, item in _items(req, bulk):
        if not isinstance(item, dict):
            # MassSchedule::publishMass: an item that cannot become an operation is rejected.
            message = render_message("Error processing %key element of input data", {"key": key})
            request_items.append({"id": key, "status": "rejected", "error_message": message, "error_code": 0})
            operations.append({"key": key, "serialized_data": None, "status": STATUS_REJECTED,
                               "result_message": message, "error_code": 0})
            errors = True
            continue
        params = _path_params(route, req.params, item, bulk)
        meta = {**params, **item} if params else item
        serialized = php_json({"entity_id": None, "entity_link": "", "meta_information": php_json(meta),
                               "store_id": store_id})
        request_items.append({"id": key, "data_hash": hashlib.sha256(serialized.encode()).hexdigest(),
                              "status": "accepted"})
        operations.append({
            "key": key, "serialized_data": serialized, "route_method": route.method, "route_path": route.path,
            "params": params, "store_code": req.scope.code if req.scope.explicit else None, "body": item,
            "caller": {"user_type": req.user.user_type, "user_id": req.user.user_id,
                       "resources": list(req.user.resources)},
        })
    bulk_uuid = backend.bulk.schedule(topic, req.user.user_type, req.user.user_id, operations)
    backend.bulk.after_schedule(bulk_uuid)
    return {"bulk_uuid": bulk_uuid, "request_items": request_items, "errors": errors}, 202


# -- running operations ----------------------------------------------------------------------
_ROUTER: Router | None = None


def _router() -> Router:
    global _ROUTER
    if _ROUTER is None:
        from fake_magento.http.registry import build_router

        _ROUTER = build_router()
    return _ROUTER


def _install_runner(backend: Backend) -> None:
    if backend.bulk.runner is None:
        backend.bulk.runner = lambda op: run_operation(backend, op)


def install(backend: Backend) -> None:
    """Let the backend run held operations before any async request has been seen."""
    _install_runner(backend)


def run_operation(backend: Backend, op: dict[str, Any]) -> OperationOutcome:
    """OperationProcessor::process: call the service; success or a not-retriable failure."""
    route = next((r for r in _router().routes if r.method == op["route_method"] and r.path == op["route_path"]),
                 None)
    if route is None:
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, "Request does not match any route.", 0, None)
    _, method, implementation = service_of(route)
    scope = backend.stores.scope_for_code(op["store_code"]) if op["store_code"] else None
    if scope is None:
        scope = backend.stores.default_scope()
    caller = op["caller"]
    user = UserContext(user_type=caller.get("user_type", 4), user_id=caller.get("user_id"),
                       resources=tuple(caller.get("resources") or ()))
    req = RestRequest(backend=backend, scope=scope, user=user, method=op["route_method"],
                      path=op["route_path"], params=dict(op["params"]), query={}, body=op["body"])
    try:
        result = route.view(req)
    except MagentoError as exc:
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, exc.rendered(), int(exc.code or 0), None)
    except Exception as exc:  # noqa: BLE001 - the consumer records any failure on the operation
        return OperationOutcome(STATUS_NOT_RETRIABLY_FAILED, str(exc), 0, None)
    if hasattr(result, "get_data"):  # a Flask Response from a view
        result = json.loads(result.get_data(as_text=True) or "null")
    return OperationOutcome(STATUS_COMPLETE, f"Service execution success {implementation}::{method}", None,
                            php_json(result if result is not None else []))
