"""Order, invoice, shipment and credit memo routes (Sales/etc/webapi.xml).

Each view reads the converted arguments (``req.arg``, ServiceInputProcessor), shapes them
(``sales_input``) and calls one sales service the backend built.
"""
from __future__ import annotations

from typing import Any

from fake_magento.http import sales_input as arg
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

routes = Routes()
VIEW = "Magento_Sales::actions_view"


def _flags(req: RestRequest) -> dict[str, Any]:
    """notify, appendComment and comment, common to InvoiceOrder, ShipOrder and the refunds."""
    return {"notify": bool(req.arg("notify")), "append_comment": bool(req.arg("appendComment")),
            "comment": arg.creation_comment(req.arg("comment"))}


# -- orders (OrderRepository, OrderManagement, OrderAddressRepository) --------------------------
@routes.get("/V1/orders", VIEW)
def order_list(req: RestRequest) -> Any:
    return req.backend.sales.get_list(parse_search_criteria(req.query))


@routes.get("/V1/orders/items", VIEW)
def item_list(req: RestRequest) -> Any:
    return req.backend.sales.item_list(parse_search_criteria(req.query))


@routes.get("/V1/orders/items/:id", VIEW)
def item_get(req: RestRequest) -> Any:
    return req.backend.sales.item(req.arg("id"))


@routes.get("/V1/orders/:id", VIEW)
def order_get(req: RestRequest) -> Any:
    return req.backend.sales.get(req.arg("id"))


@routes.get("/V1/orders/:id/statuses", VIEW)
def order_status(req: RestRequest) -> Any:
    return req.backend.order_management.get_status(req.arg("id"))


@routes.get("/V1/orders/:id/comments", VIEW)
def comments(req: RestRequest) -> Any:
    return req.backend.order_management.get_comments_list(req.arg("id"))


@routes.post("/V1/orders/:id/comments", "Magento_Sales::comment")
def add_comment(req: RestRequest) -> Any:
    history = arg.status_history(req.require("statusHistory"))
    return req.backend.order_management.add_comment(req.arg("id"), history)


@routes.post("/V1/orders/:id/cancel", "Magento_Sales::cancel")
def cancel(req: RestRequest) -> Any:
    return req.backend.order_management.cancel(req.arg("id"))


@routes.post("/V1/orders/:id/hold", "Magento_Sales::hold")
def hold(req: RestRequest) -> Any:
    return req.backend.order_management.hold(req.arg("id"))


@routes.post("/V1/orders/:id/unhold", "Magento_Sales::unhold")
def unhold(req: RestRequest) -> Any:
    return req.backend.order_management.unhold(req.arg("id"))


@routes.post("/V1/orders/:id/emails", "Magento_Sales::emails")
def emails(req: RestRequest) -> Any:
    return req.backend.order_management.notify(req.arg("id"))


@routes.post("/V1/orders", "Magento_Sales::create")
def order_save(req: RestRequest) -> Any:
    return req.backend.sales.save_order(arg.order_entity(req.require("entity")), req.scope.store_id)


@routes.put("/V1/orders/create", "Magento_Sales::create")
def order_create(req: RestRequest) -> Any:
    """The same OrderRepository::save as POST /V1/orders (Sales/etc/webapi.xml)."""
    return req.backend.sales.save_order(arg.order_entity(req.require("entity")), req.scope.store_id)


@routes.put("/V1/orders/:parent_id", "Magento_Sales::create")
def order_address_save(req: RestRequest) -> Any:
    return req.backend.order_addresses.save(arg.address_entity(req.require("entity")))


# -- invoices (InvoiceOrder, InvoiceRepository, InvoiceManagement) -----------------------------
@routes.post("/V1/order/:orderId/invoice", "Magento_Sales::invoice")
def invoice_order(req: RestRequest) -> Any:
    return req.backend.invoice_order.execute(
        req.arg("orderId"), arg.requested_items(req.arg("items")),
        capture=bool(req.arg("capture")), arguments=req.arg("arguments"), **_flags(req))


@routes.get("/V1/invoices", "Magento_Sales::sales_invoice")
def invoice_list(req: RestRequest) -> Any:
    return req.backend.invoices.get_list(parse_search_criteria(req.query))


@routes.get("/V1/invoices/:id", "Magento_Sales::sales_invoice")
def invoice_get(req: RestRequest) -> Any:
    return req.backend.invoices.get(req.arg("id"))


@routes.post("/V1/invoices/:id/capture", "Magento_Sales::sales_invoice")
def invoice_capture(req: RestRequest) -> Any:
    return req.backend.invoice_management.set_capture(req.arg("id"))


@routes.post("/V1/invoices/:id/void", "Magento_Sales::sales_invoice")
def invoice_void(req: RestRequest) -> Any:
    return req.backend.invoice_management.set_void(req.arg("id"))


@routes.post("/V1/invoices/:id/emails", "Magento_Sales::sales_invoice")
def invoice_emails(req: RestRequest) -> Any:
    return req.backend.invoice_management.notify(req.arg("id"))


@routes.post("/V1/invoices/", "Magento_Sales::sales_invoice")
def invoice_save(req: RestRequest) -> Any:
    return req.backend.invoices.save(arg.document_entity(req.require("entity")))


@routes.get("/V1/invoices/:id/comments", "Magento_Sales::sales_invoice")
def invoice_comments(req: RestRequest) -> Any:
    return req.backend.invoice_management.get_comments_list(req.arg("id"))


@routes.post("/V1/invoices/comments", "Magento_Sales::sales_invoice")
def invoice_comment_add(req: RestRequest) -> Any:
    entity = req.require("entity")
    return req.backend.invoice_comments.save(entity, arg.comment_parent(None, entity))


# -- shipments (ShipOrder, ShipmentRepository, ShipmentManagement, tracks) ---------------------
@routes.post("/V1/order/:orderId/ship", "Magento_Sales::ship")
def ship_order(req: RestRequest) -> Any:
    return req.backend.ship_order.execute(
        req.arg("orderId"), arg.requested_items(req.arg("items")),
        tracks=arg.ship_tracks(req.arg("tracks")), packages=arg.packages(req.arg("packages")),
        arguments=req.arg("arguments"), **_flags(req))


@routes.post("/V1/shipment/track", "Magento_Sales::shipment")
def track_add(req: RestRequest) -> Any:
    return req.backend.shipment_tracks.save(req.require("entity"))


@routes.delete("/V1/shipment/track/:id", "Magento_Sales::shipment")
def track_delete(req: RestRequest) -> Any:
    return req.backend.shipment_tracks.delete_by_id(req.arg("id"))


@routes.post("/V1/shipment/", "Magento_Sales::shipment")
def shipment_save(req: RestRequest) -> Any:
    return req.backend.shipments.save(arg.document_entity(req.require("entity")))


@routes.get("/V1/shipments", "Magento_Sales::shipment")
def shipment_list(req: RestRequest) -> Any:
    return req.backend.shipments.get_list(parse_search_criteria(req.query))


@routes.get("/V1/shipment/:id", "Magento_Sales::shipment")
def shipment_get(req: RestRequest) -> Any:
    return req.backend.shipments.get(req.arg("id"))


@routes.post("/V1/shipment/:id/emails", "Magento_Sales::shipment")
def shipment_emails(req: RestRequest) -> Any:
    return req.backend.shipment_management.notify(req.arg("id"))


@routes.get("/V1/shipment/:id/label", "Magento_Sales::shipment")
def shipment_label(req: RestRequest) -> Any:
    return req.backend.shipment_management.get_label(req.arg("id"))


@routes.get("/V1/shipment/:id/comments", "Magento_Sales::shipment")
def shipment_comments(req: RestRequest) -> Any:
    return req.backend.shipment_management.get_comments_list(req.arg("id"))


@routes.post("/V1/shipment/:id/comments", "Magento_Sales::shipment")
def shipment_comment_add(req: RestRequest) -> Any:
    entity = req.require("entity")
    return req.backend.shipment_comments.save(entity, arg.comment_parent(req.arg("id"), entity))


# -- credit memos (RefundOrder, RefundInvoice, CreditmemoRepository, CreditmemoManagement) -----
@routes.post("/V1/order/:orderId/refund", "Magento_Sales::creditmemo")
def refund_order(req: RestRequest) -> Any:
    return req.backend.refund_order.execute(
        req.arg("orderId"), arg.requested_items(req.arg("items")),
        arguments=arg.refund_arguments(req.arg("arguments")), **_flags(req))


@routes.post("/V1/invoice/:invoiceId/refund", "Magento_Sales::sales_invoice")
def refund_invoice(req: RestRequest) -> Any:
    return req.backend.refund_invoice.execute(
        req.arg("invoiceId"), arg.requested_items(req.arg("items")),
        is_online=bool(req.arg("isOnline")), arguments=arg.refund_arguments(req.arg("arguments")),
        **_flags(req))


@routes.get("/V1/creditmemos", "Magento_Sales::sales_creditmemo")
def creditmemo_list(req: RestRequest) -> Any:
    return req.backend.creditmemos.get_list(parse_search_criteria(req.query))


@routes.get("/V1/creditmemo/:id", "Magento_Sales::sales_creditmemo")
def creditmemo_get(req: RestRequest) -> Any:
    return req.backend.creditmemos.get(req.arg("id"))


@routes.put("/V1/creditmemo/:id", "Magento_Sales::sales_creditmemo")
def creditmemo_cancel(req: RestRequest) -> Any:
    return req.backend.creditmemo_management.cancel(req.arg("id"))


@routes.post("/V1/creditmemo/:id/emails", "Magento_Sales::sales_creditmemo")
def creditmemo_emails(req: RestRequest) -> Any:
    return req.backend.creditmemo_management.notify(req.arg("id"))


@routes.post("/V1/creditmemo", "Magento_Sales::sales_creditmemo")
def creditmemo_save(req: RestRequest) -> Any:
    return req.backend.creditmemos.save(arg.document_entity(req.require("entity")))


@routes.post("/V1/creditmemo/refund", "Magento_Sales::sales_creditmemo")
def creditmemo_refund(req: RestRequest) -> Any:
    return req.backend.creditmemo_management.refund(
        **arg.creditmemo_refund(req.require("creditmemo")),
        offline_requested=bool(req.arg("offlineRequested")))


@routes.get("/V1/creditmemo/:id/comments", "Magento_Sales::sales_creditmemo")
def creditmemo_comments(req: RestRequest) -> Any:
    return req.backend.creditmemo_management.get_comments_list(req.arg("id"))


@routes.post("/V1/creditmemo/:id/comments", "Magento_Sales::sales_creditmemo")
def creditmemo_comment_add(req: RestRequest) -> Any:
    entity = req.require("entity")
    return req.backend.creditmemo_comments.save(entity, arg.comment_parent(req.arg("id"), entity))
