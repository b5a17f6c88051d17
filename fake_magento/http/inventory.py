"""Inventory routes: CatalogInventory/etc/webapi.xml (legacy), InventoryApi and InventorySalesApi (MSI)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria
from fake_magento.types import int_value

routes = Routes()
CATALOG_INVENTORY = "Magento_Catalog::catalog_inventory"
SOURCE = "Magento_InventoryApi::source"
SOURCE_EDIT = "Magento_InventoryApi::source_edit"
STOCK = "Magento_InventoryApi::stock"
STOCK_EDIT = "Magento_InventoryApi::stock_edit"
STOCK_DELETE = "Magento_InventoryApi::stock_delete"
LINKS = "Magento_InventoryApi::stock_source_link"
SOURCE_ITEMS = "Magento_InventoryApi::stock_source_item_assign"
SALES_STOCK = "Magento_InventorySalesApi::stock"


def data_object(req: RestRequest, name: str) -> dict[str, Any]:
    """A data-object parameter as ServiceInputProcessor converted it (typed, snake_case keys)."""
    return dict(req.require(name))


def object_list(req: RestRequest, name: str) -> list[dict[str, Any]]:
    """An array-of-objects parameter as ServiceInputProcessor converted it."""
    return list(req.require(name))


# -- legacy CatalogInventory -----------------------------------------------------------------
@routes.get("/V1/stockItems/:productSku", CATALOG_INVENTORY)
def stock_item(req: RestRequest) -> Any:
    return req.backend.inventory.get_stock_item(req.params["productSku"])


@routes.put("/V1/products/:productSku/stockItems/:itemId", CATALOG_INVENTORY)
def update_stock_item(req: RestRequest) -> Any:
    data = data_object(req, "stockItem")
    return req.backend.inventory.update_stock_item(req.params["productSku"], data)


@routes.get("/V1/stockItems/lowStock", CATALOG_INVENTORY)
def low_stock(req: RestRequest) -> Any:
    return req.backend.inventory.low_stock_items(req.require("scopeId"), req.require("qty"),
                                                 req.arg("currentPage", 1), req.arg("pageSize", 0))


@routes.get("/V1/stockStatuses/:productSku", CATALOG_INVENTORY)
def stock_status(req: RestRequest) -> Any:
    return req.backend.inventory.stock_status(req.params["productSku"])


# -- sources ---------------------------------------------------------------------------------
@routes.get("/V1/inventory/sources", SOURCE)
def source_list(req: RestRequest) -> Any:
    # SourceRepositoryInterface::getList(SearchCriteriaInterface $searchCriteria = null)
    return req.backend.inventory.source_list(parse_search_criteria(req.query, required=False))


@routes.get("/V1/inventory/sources/:sourceCode", SOURCE)
def get_source(req: RestRequest) -> Any:
    return req.backend.inventory.get_source(req.params["sourceCode"])


@routes.post("/V1/inventory/sources", SOURCE_EDIT)
def create_source(req: RestRequest) -> Any:
    req.backend.inventory.save_source(data_object(req, "source"))
    return []  # void service method: ServiceOutputProcessor::convertValue(null) is []


@routes.put("/V1/inventory/sources/:sourceCode", SOURCE_EDIT)
def update_source(req: RestRequest) -> Any:
    data = data_object(req, "source")
    if "sourceCode" in req.params:  # ParamsOverrider (an async/bulk item has no path values)
        data["source_code"] = req.params["sourceCode"]
    req.backend.inventory.save_source(data)
    return []


# -- stocks ----------------------------------------------------------------------------------
@routes.get("/V1/inventory/stocks", STOCK)
def stock_list(req: RestRequest) -> Any:
    # StockRepositoryInterface::getList(SearchCriteriaInterface $searchCriteria = null)
    return req.backend.inventory.stock_list(parse_search_criteria(req.query, required=False))


@routes.get("/V1/inventory/stocks/:stockId", STOCK)
def get_stock(req: RestRequest) -> Any:
    return req.backend.inventory.get_stock(req.arg("stockId"))


@routes.post("/V1/inventory/stocks", STOCK_EDIT)
def create_stock(req: RestRequest) -> Any:
    return req.backend.inventory.save_stock(data_object(req, "stock"))


@routes.put("/V1/inventory/stocks/:stockId", STOCK_EDIT)
def update_stock(req: RestRequest) -> Any:
    data = data_object(req, "stock")
    # stockId is a string parameter of the contract: the repository's int cast of it is checked here
    path_id = req.params.get("stockId")  # an async/bulk item has no path values: its own id counts
    return req.backend.inventory.save_stock(data, None if path_id is None else int_value(path_id))


@routes.delete("/V1/inventory/stocks/:stockId", STOCK_DELETE)
def delete_stock(req: RestRequest) -> Any:
    req.backend.inventory.delete_stock(req.arg("stockId"))
    return []


@routes.get("/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/:stockId", SOURCE)
def sources_by_priority(req: RestRequest) -> Any:
    """Inventory/Model/Source/Command/GetSourcesAssignedToStockOrderedByPriority: the stock's links
    sorted by priority, each source loaded; an unknown stock has none ([])."""
    inventory = req.backend.inventory
    return [inventory.get_source(code) for code in inventory.sources_for_stock(req.arg("stockId"))]


# -- stock-source links ----------------------------------------------------------------------
@routes.get("/V1/inventory/stock-source-links", LINKS)
def link_list(req: RestRequest) -> Any:
    return req.backend.inventory.link_list(parse_search_criteria(req.query))


@routes.post("/V1/inventory/stock-source-links", LINKS)
def save_links(req: RestRequest) -> Any:
    req.backend.inventory.save_links(object_list(req, "links"))
    return []


@routes.post("/V1/inventory/stock-source-links-delete", LINKS)
def delete_links(req: RestRequest) -> Any:
    req.backend.inventory.delete_links(object_list(req, "links"))
    return []


# -- source items ----------------------------------------------------------------------------
@routes.get("/V1/inventory/source-items", SOURCE)
def source_item_list(req: RestRequest) -> Any:
    return req.backend.inventory.source_item_list(parse_search_criteria(req.query))


@routes.post("/V1/inventory/source-items", SOURCE_ITEMS)
def save_source_items(req: RestRequest) -> Any:
    req.backend.inventory.save_source_items(object_list(req, "sourceItems"))
    return []


@routes.post("/V1/inventory/source-items-delete", SOURCE_ITEMS)
def delete_source_items(req: RestRequest) -> Any:
    req.backend.inventory.delete_source_items(object_list(req, "sourceItems"))
    return []


# -- salability ------------------------------------------------------------------------------
@routes.get("/V1/inventory/get-product-salable-quantity/:sku/:stockId", SALES_STOCK)
def salable_qty(req: RestRequest) -> Any:
    return req.backend.inventory.product_salable_qty(req.params["sku"], req.arg("stockId"))


@routes.get("/V1/inventory/stock-resolver/:type/:code", SALES_STOCK)
def resolve_stock(req: RestRequest) -> Any:
    return req.backend.inventory.resolve_stock(req.params["type"], req.params["code"])


@routes.get("/V1/inventory/is-product-salable/:sku/:stockId", SALES_STOCK)
def is_salable(req: RestRequest) -> Any:
    return req.backend.inventory.product_is_salable(req.params["sku"], req.arg("stockId"))


__all__ = ["routes"]
