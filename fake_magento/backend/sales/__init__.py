"""Sales, split as Magento splits its services (Magento/Sales/Model):

* ``orders.OrderRepository``: placement, get, getList, items, save (``order_entity.py``: the REST
  save of an order entity); ``management.OrderManagement``: hold, unhold, cancel, status, comments,
  notify; ``addresses.OrderAddressRepository``;
* ``invoice_order.InvoiceOrder``; ``ship_order.ShipOrder``; ``refund_order.RefundOrder`` and
  ``RefundInvoice`` (with ``creditmemo_factory.py``, ``refund_checks.py``, ``refund_stock.py``);
* ``documents``: the invoice, shipment and credit memo repositories, InvoiceManagement and
  ShipmentManagement; ``creditmemo_management.CreditmemoManagement``; ``tracks`` (shipment tracks);
  ``document_comments`` (the three comment repositories); ``document_save`` (repository saves);
* ``states``: the order state rules as pure functions; ``items``: the order item rules.

Each service is built once by the backend, with its collaborators passed in.
"""
from __future__ import annotations

from fake_magento.backend.sales.orders import ORDER_ITEMS, ORDERS, OrderRepository

__all__ = ["ORDERS", "ORDER_ITEMS", "OrderRepository"]
