"""The service behind each route that async and bulk requests may call.

From each module's etc/webapi.xml (route -> interface and method), etc/di.xml (the implementation
class that get_class() names in the "Service execution success" message, as
OperationProcessor::executeHandler writes it) and the interface's signature (the parameters that
ServiceInputProcessor::process resolves, in order; a trailing ``?`` marks one with a default).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    interface: str
    method: str
    implementation: str
    params: tuple[str, ...] | None = None   # None: not known, nothing is checked

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p for p in self.params or () if not p.endswith("?"))

    def takes(self, name: str) -> bool:
        return name in (p.rstrip("?") for p in self.params or ())


_CAT = "Magento\\Catalog\\"
_INV = "Magento\\Inventory\\"
_SALES = "Magento\\Sales\\"
_ORDER_SERVICE = _SALES + "Model\\Service\\OrderService\\Interceptor"


def _service(interface: str, method: str, implementation: str, *params: str) -> Service:
    return Service(interface, method, implementation, params)


SERVICES: dict[tuple[str, str], Service] = {
    ("POST", "/V1/products"): _service(_CAT + "Api\\ProductRepositoryInterface", "save",
                                       _CAT + "Model\\ProductRepository\\Interceptor", "product", "saveOptions?"),
    ("PUT", "/V1/products/:sku"): _service(_CAT + "Api\\ProductRepositoryInterface", "save",
                                           _CAT + "Model\\ProductRepository\\Interceptor", "product", "saveOptions?"),
    ("DELETE", "/V1/products/:sku"): _service(_CAT + "Api\\ProductRepositoryInterface", "deleteById",
                                              _CAT + "Model\\ProductRepository\\Interceptor", "sku"),
    ("POST", "/V1/categories"): _service(_CAT + "Api\\CategoryRepositoryInterface", "save",
                                         _CAT + "Model\\CategoryRepository\\Interceptor", "category"),
    ("PUT", "/V1/categories/:id"): _service(_CAT + "Api\\CategoryRepositoryInterface", "save",
                                            _CAT + "Model\\CategoryRepository\\Interceptor", "category"),
    ("DELETE", "/V1/categories/:categoryId"): _service(
        _CAT + "Api\\CategoryRepositoryInterface", "deleteByIdentifier",
        _CAT + "Model\\CategoryRepository\\Interceptor", "categoryId"),
    ("PUT", "/V1/categories/:categoryId/move"): _service(
        _CAT + "Api\\CategoryManagementInterface", "move", _CAT + "Model\\CategoryManagement\\Interceptor",
        "categoryId", "parentId", "afterId?"),
    ("POST", "/V1/categories/:categoryId/products"): _service(
        _CAT + "Api\\CategoryLinkRepositoryInterface", "save", _CAT + "Model\\CategoryLinkRepository\\Interceptor",
        "productLink"),
    ("PUT", "/V1/categories/:categoryId/products"): _service(
        _CAT + "Api\\CategoryLinkRepositoryInterface", "save", _CAT + "Model\\CategoryLinkRepository\\Interceptor",
        "productLink"),
    ("DELETE", "/V1/categories/:categoryId/products/:sku"): _service(
        _CAT + "Api\\CategoryLinkRepositoryInterface", "deleteByIds",
        _CAT + "Model\\CategoryLinkRepository\\Interceptor", "categoryId", "sku"),
    ("PUT", "/V1/products/:productSku/stockItems/:itemId"): _service(
        "Magento\\CatalogInventory\\Api\\StockRegistryInterface", "updateStockItemBySku",
        "Magento\\CatalogInventory\\Model\\StockRegistry\\Interceptor", "productSku", "stockItem"),
    ("POST", "/V1/inventory/source-items"): _service(
        "Magento\\InventoryApi\\Api\\SourceItemsSaveInterface", "execute",
        _INV + "Model\\SourceItem\\Command\\SourceItemsSave\\Interceptor", "sourceItems"),
    ("POST", "/V1/inventory/source-items-delete"): _service(
        "Magento\\InventoryApi\\Api\\SourceItemsDeleteInterface", "execute",
        _INV + "Model\\SourceItem\\Command\\SourceItemsDelete\\Interceptor", "sourceItems"),
    ("POST", "/V1/inventory/sources"): _service(
        "Magento\\InventoryApi\\Api\\SourceRepositoryInterface", "save",
        _INV + "Model\\SourceRepository\\Interceptor", "source"),
    ("PUT", "/V1/inventory/sources/:sourceCode"): _service(
        "Magento\\InventoryApi\\Api\\SourceRepositoryInterface", "save",
        _INV + "Model\\SourceRepository\\Interceptor", "source"),
    ("POST", "/V1/inventory/stocks"): _service(
        "Magento\\InventoryApi\\Api\\StockRepositoryInterface", "save", _INV + "Model\\StockRepository\\Interceptor",
        "stock"),
    ("PUT", "/V1/inventory/stocks/:stockId"): _service(
        "Magento\\InventoryApi\\Api\\StockRepositoryInterface", "save", _INV + "Model\\StockRepository\\Interceptor",
        "stock"),
    ("DELETE", "/V1/inventory/stocks/:stockId"): _service(
        "Magento\\InventoryApi\\Api\\StockRepositoryInterface", "deleteById",
        _INV + "Model\\StockRepository\\Interceptor", "stockId"),
    ("POST", "/V1/customers"): _service(
        "Magento\\Customer\\Api\\AccountManagementInterface", "createAccount",
        "Magento\\Customer\\Model\\AccountManagement\\Interceptor", "customer", "password?", "redirectUrl?"),
    ("PUT", "/V1/customers/:customerId"): _service(
        "Magento\\Customer\\Api\\CustomerRepositoryInterface", "save",
        "Magento\\Customer\\Model\\ResourceModel\\CustomerRepository\\Interceptor", "customer", "passwordHash?"),
    ("DELETE", "/V1/customers/:customerId"): _service(
        "Magento\\Customer\\Api\\CustomerRepositoryInterface", "deleteById",
        "Magento\\Customer\\Model\\ResourceModel\\CustomerRepository\\Interceptor", "customerId"),
    ("POST", "/V1/orders"): _service(_SALES + "Api\\OrderRepositoryInterface", "save",
                                     _SALES + "Model\\OrderRepository\\Interceptor", "entity"),
    ("POST", "/V1/order/:orderId/ship"): _service(
        _SALES + "Api\\ShipOrderInterface", "execute", _SALES + "Model\\ShipOrder\\Interceptor",
        "orderId", "items?", "notify?", "appendComment?", "comment?", "tracks?", "packages?", "arguments?"),
    ("POST", "/V1/order/:orderId/invoice"): _service(
        _SALES + "Api\\InvoiceOrderInterface", "execute", _SALES + "Model\\InvoiceOrder\\Interceptor",
        "orderId", "capture?", "items?", "notify?", "appendComment?", "comment?", "arguments?"),
    ("POST", "/V1/order/:orderId/refund"): _service(
        _SALES + "Api\\RefundOrderInterface", "execute", _SALES + "Model\\RefundOrder\\Interceptor",
        "orderId", "items?", "notify?", "appendComment?", "comment?", "arguments?"),
    ("POST", "/V1/orders/:id/cancel"): _service(_SALES + "Api\\OrderManagementInterface", "cancel",
                                                _ORDER_SERVICE, "id"),
    ("POST", "/V1/orders/:id/hold"): _service(_SALES + "Api\\OrderManagementInterface", "hold", _ORDER_SERVICE, "id"),
    ("POST", "/V1/orders/:id/unhold"): _service(_SALES + "Api\\OrderManagementInterface", "unHold",
                                                _ORDER_SERVICE, "id"),
    ("POST", "/V1/orders/:id/comments"): _service(_SALES + "Api\\OrderManagementInterface", "addComment",
                                                  _ORDER_SERVICE, "id", "statusHistory"),
    ("POST", "/V1/shipment/track"): _service(
        _SALES + "Api\\ShipmentTrackRepositoryInterface", "save",
        _SALES + "Model\\Order\\Shipment\\TrackRepository\\Interceptor", "entity"),
}
