"""Typed models of Magento's REST responses, loaded by marshmallow schemas named after Magento's definitions.

>>> order = load(Order, body)            # body: the JSON of GET /V1/orders/{id}
>>> order.entity_id, order.items[0].sku, order.grand_total
>>> page = load_search_result(Order, search_body)
>>> page.total_count, [o.increment_id for o in page.items]

Every model keeps ``extension_attributes`` (a dict, as received) and ``extra`` (every key its schema
does not declare, as received). Magento's loose typing is accepted (see :mod:`connector.models.fields`);
a value that is really wrong raises :class:`ModelError`.
"""
from __future__ import annotations

from connector.models.base import (
    CustomAttributesMixin,
    MagentoModel,
    ModelError,
    ModelSchema,
    dump,
    load,
    load_many,
    schema_for,
)
from connector.models.catalog import CatalogDataProductInterfaceSchema, Product
from connector.models.creditmemos import (
    CreditMemo,
    CreditMemoComment,
    CreditMemoItem,
    SalesDataCreditmemoCommentInterfaceSchema,
    SalesDataCreditmemoInterfaceSchema,
    SalesDataCreditmemoItemInterfaceSchema,
)
from connector.models.customers import (
    Address,
    Customer,
    CustomerDataAddressInterfaceSchema,
    CustomerDataCustomerInterfaceSchema,
    CustomerDataRegionInterfaceSchema,
    Region,
)
from connector.models.inventory import (
    CatalogInventoryDataStockItemInterfaceSchema,
    InventoryApiDataSourceItemInterfaceSchema,
    SourceItem,
    StockItem,
)
from connector.models.invoices import (
    Invoice,
    InvoiceComment,
    InvoiceItem,
    SalesDataInvoiceCommentInterfaceSchema,
    SalesDataInvoiceInterfaceSchema,
    SalesDataInvoiceItemInterfaceSchema,
)
from connector.models.order_items import OrderItem, SalesDataOrderItemInterfaceSchema
from connector.models.orders import (
    Order,
    OrderAddress,
    OrderPayment,
    OrderStatusHistory,
    SalesDataOrderAddressInterfaceSchema,
    SalesDataOrderInterfaceSchema,
    SalesDataOrderPaymentInterfaceSchema,
    SalesDataOrderStatusHistoryInterfaceSchema,
)
from connector.models.search import SearchResult, load_search_result
from connector.models.shipments import (
    SalesDataShipmentCommentInterfaceSchema,
    SalesDataShipmentInterfaceSchema,
    SalesDataShipmentItemInterfaceSchema,
    SalesDataShipmentTrackInterfaceSchema,
    Shipment,
    ShipmentComment,
    ShipmentItem,
    Track,
)

__all__ = [
    "Address", "CatalogDataProductInterfaceSchema", "CatalogInventoryDataStockItemInterfaceSchema",
    "CreditMemo", "CreditMemoComment", "CreditMemoItem", "CustomAttributesMixin", "Customer",
    "CustomerDataAddressInterfaceSchema", "CustomerDataCustomerInterfaceSchema",
    "CustomerDataRegionInterfaceSchema", "InventoryApiDataSourceItemInterfaceSchema", "Invoice",
    "InvoiceComment", "InvoiceItem", "MagentoModel", "ModelError", "ModelSchema", "Order", "OrderAddress",
    "OrderItem", "OrderPayment", "OrderStatusHistory", "Product", "Region",
    "SalesDataCreditmemoCommentInterfaceSchema", "SalesDataCreditmemoInterfaceSchema",
    "SalesDataCreditmemoItemInterfaceSchema", "SalesDataInvoiceCommentInterfaceSchema",
    "SalesDataInvoiceInterfaceSchema", "SalesDataInvoiceItemInterfaceSchema",
    "SalesDataOrderAddressInterfaceSchema", "SalesDataOrderInterfaceSchema", "SalesDataOrderItemInterfaceSchema",
    "SalesDataOrderPaymentInterfaceSchema", "SalesDataOrderStatusHistoryInterfaceSchema",
    "SalesDataShipmentCommentInterfaceSchema", "SalesDataShipmentInterfaceSchema",
    "SalesDataShipmentItemInterfaceSchema", "SalesDataShipmentTrackInterfaceSchema", "SearchResult", "Shipment",
    "ShipmentComment", "ShipmentItem", "SourceItem", "StockItem", "Track", "dump", "load", "load_many",
    "load_search_result", "schema_for",
]
