"""Order routes (Sales/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest, snake_keys
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

routes = Routes()
VIEW = "Magento_Sales::actions_view"


@routes.get("/V1/orders", VIEW)
def order_list(req: RestRequest) -> Any:
    return req.backend.sales.get_list(parse_search_criteria(req.query))


@routes.get("/V1/orders/items", VIEW)
def item_list(req: RestRequest) -> Any:
    return req.backend.sales.item_list(parse_search_criteria(req.query))


@routes.get("/V1/orders/items/:id", VIEW)
def item_get(req: RestRequest) -> Any:
    return req.backend.sales.item(req.params["id"])


@routes.get("/V1/orders/:id", VIEW)
def order_get(req: RestRequest) -> Any:
    return req.backend.sales.get(req.params["id"])


@routes.get("/V1/orders/:id/statuses", VIEW)
def order_status(req: RestRequest) -> Any:
    return req.backend.sales.status(req.params["id"])


@routes.get("/V1/orders/:id/comments", VIEW)
def comments(req: RestRequest) -> Any:
    return req.backend.sales.comments(req.params["id"])


@routes.post("/V1/orders/:id/comments", "Magento_Sales::comment")
def add_comment(req: RestRequest) -> Any:
    return req.backend.order_management.add_comment(req.params["id"], snake_keys(req.require("statusHistory")))


@routes.post("/V1/orders/:id/cancel", "Magento_Sales::cancel")
def cancel(req: RestRequest) -> Any:
    return req.backend.order_management.cancel(req.params["id"])


@routes.post("/V1/orders/:id/hold", "Magento_Sales::hold")
def hold(req: RestRequest) -> Any:
    return req.backend.order_management.hold(req.params["id"])


@routes.post("/V1/orders/:id/unhold", "Magento_Sales::unhold")
def unhold(req: RestRequest) -> Any:
    return req.backend.order_management.unhold(req.params["id"])


@routes.post("/V1/orders/:id/emails", "Magento_Sales::emails")
def emails(req: RestRequest) -> Any:
    return req.backend.order_management.notify(req.params["id"])


@routes.post("/V1/orders", "Magento_Sales::create")
def order_save(req: RestRequest) -> Any:
    return req.backend.sales.save_order(snake_keys(req.require("entity")), req.scope.store_id)


@routes.put("/V1/orders/create", "Magento_Sales::create")
def order_create(req: RestRequest) -> Any:
    """The same OrderRepository::save as POST /V1/orders (Sales/etc/webapi.xml)."""
    return req.backend.sales.save_order(snake_keys(req.require("entity")), req.scope.store_id)


@routes.put("/V1/orders/:parent_id", "Magento_Sales::create")
def order_address_save(req: RestRequest) -> Any:
    from fake_magento.backend.sales.addresses import OrderAddresses

    return OrderAddresses(req.backend.sales).save(snake_keys(req.require("entity")))


def _flags(req: RestRequest) -> dict[str, Any]:
    return {"notify": req.arg("notify"), "append_comment": req.arg("appendComment")}


# -- invoices and shipments ------------------------------------------------------------------
def _documents(req: RestRequest) -> Any:
    from fake_magento.backend.sales.documents import Documents

    return Documents(req.backend.sales)


@routes.post("/V1/order/:orderId/invoice", "Magento_Sales::invoice")
def invoice_order(req: RestRequest) -> Any:
    return _documents(req).invoice(req.params["orderId"], req.arg("items"), req.arg("comment"),
                                   capture=req.arg("capture"), **_flags(req))


@routes.get("/V1/invoices", "Magento_Sales::sales_invoice")
def invoice_list(req: RestRequest) -> Any:
    return _documents(req).invoices(parse_search_criteria(req.query))


@routes.get("/V1/invoices/:id", "Magento_Sales::sales_invoice")
def invoice_get(req: RestRequest) -> Any:
    return _documents(req).get_invoice(req.params["id"])


@routes.post("/V1/invoices/:id/capture", "Magento_Sales::sales_invoice")
def invoice_capture(req: RestRequest) -> Any:
    return _documents(req).capture(req.params["id"])


@routes.post("/V1/invoices/:id/void", "Magento_Sales::sales_invoice")
def invoice_void(req: RestRequest) -> Any:
    return _documents(req).void(req.params["id"])


@routes.post("/V1/invoices/:id/emails", "Magento_Sales::sales_invoice")
def invoice_emails(req: RestRequest) -> Any:
    return _documents(req).notify("invoice", req.params["id"])


@routes.post("/V1/invoices/", "Magento_Sales::sales_invoice")
def invoice_save(req: RestRequest) -> Any:
    return _documents(req).save_document("invoice", snake_keys(req.require("entity")))


@routes.post("/V1/order/:orderId/ship", "Magento_Sales::ship")
def ship_order(req: RestRequest) -> Any:
    return _documents(req).ship(req.params["orderId"], req.arg("items"), req.arg("tracks"), req.arg("comment"),
                                packages=req.arg("packages"), **_flags(req))


@routes.post("/V1/shipment/track", "Magento_Sales::shipment")
def track_add(req: RestRequest) -> Any:
    return _documents(req).add_track(snake_keys(req.require("entity")))


@routes.delete("/V1/shipment/track/:id", "Magento_Sales::shipment")
def track_delete(req: RestRequest) -> Any:
    return _documents(req).delete_track(req.params["id"])


@routes.post("/V1/shipment/", "Magento_Sales::shipment")
def shipment_save(req: RestRequest) -> Any:
    return _documents(req).save_document("shipment", snake_keys(req.require("entity")))


@routes.get("/V1/shipments", "Magento_Sales::shipment")
def shipment_list(req: RestRequest) -> Any:
    return _documents(req).shipments(parse_search_criteria(req.query))


@routes.get("/V1/shipment/:id", "Magento_Sales::shipment")
def shipment_get(req: RestRequest) -> Any:
    return _documents(req).get_shipment(req.params["id"])


@routes.post("/V1/shipment/:id/emails", "Magento_Sales::shipment")
def shipment_emails(req: RestRequest) -> Any:
    return _documents(req).notify("shipment", req.params["id"])


@routes.get("/V1/shipment/:id/label", "Magento_Sales::shipment")
def shipment_label(req: RestRequest) -> Any:
    return _documents(req).label(req.params["id"])


# -- credit memos ----------------------------------------------------------------------------
def _refunds(req: RestRequest) -> Any:
    from fake_magento.backend.sales.refunds import Refunds

    return Refunds(req.backend.sales)


@routes.post("/V1/order/:orderId/refund", "Magento_Sales::creditmemo")
def refund_order(req: RestRequest) -> Any:
    return _refunds(req).refund(req.params["orderId"], req.arg("items"), req.arg("arguments"), req.arg("comment"),
                                **_flags(req))


@routes.post("/V1/invoice/:invoiceId/refund", "Magento_Sales::sales_invoice")
def refund_invoice(req: RestRequest) -> Any:
    return _refunds(req).refund_invoice(req.params["invoiceId"], req.arg("items"), req.arg("arguments"),
                                        req.arg("comment"), **_flags(req))


@routes.get("/V1/creditmemos", "Magento_Sales::sales_creditmemo")
def creditmemo_list(req: RestRequest) -> Any:
    return _refunds(req).creditmemos(parse_search_criteria(req.query))


@routes.get("/V1/creditmemo/:id", "Magento_Sales::sales_creditmemo")
def creditmemo_get(req: RestRequest) -> Any:
    return _refunds(req).get_creditmemo(req.params["id"])


@routes.put("/V1/creditmemo/:id", "Magento_Sales::sales_creditmemo")
def creditmemo_cancel(req: RestRequest) -> Any:
    return _refunds(req).cancel_creditmemo(req.params["id"])


@routes.post("/V1/creditmemo/:id/emails", "Magento_Sales::sales_creditmemo")
def creditmemo_emails(req: RestRequest) -> Any:
    return _documents(req).notify("creditmemo", req.params["id"])


@routes.post("/V1/creditmemo", "Magento_Sales::sales_creditmemo")
def creditmemo_save(req: RestRequest) -> Any:
    return _refunds(req).save_creditmemo(snake_keys(req.require("entity")))


@routes.post("/V1/creditmemo/refund", "Magento_Sales::sales_creditmemo")
def creditmemo_refund(req: RestRequest) -> Any:
    return _refunds(req).refund_creditmemo(snake_keys(req.require("creditmemo")), req.arg("offlineRequested"))


# -- document comments -----------------------------------------------------------------------
def _comments(req: RestRequest) -> Any:
    from fake_magento.backend.sales.documents import DocumentComments

    return DocumentComments(req.backend.sales)


@routes.get("/V1/invoices/:id/comments", "Magento_Sales::sales_invoice")
def invoice_comments(req: RestRequest) -> Any:
    return _comments(req).list("invoice", req.params["id"])


@routes.post("/V1/invoices/comments", "Magento_Sales::sales_invoice")
def invoice_comment_add(req: RestRequest) -> Any:
    return _comments(req).add("invoice", snake_keys(req.require("entity")))


@routes.get("/V1/shipment/:id/comments", "Magento_Sales::shipment")
def shipment_comments(req: RestRequest) -> Any:
    return _comments(req).list("shipment", req.params["id"])


@routes.post("/V1/shipment/:id/comments", "Magento_Sales::shipment")
def shipment_comment_add(req: RestRequest) -> Any:
    return _comments(req).add("shipment", snake_keys(req.require("entity")), req.params["id"])


@routes.get("/V1/creditmemo/:id/comments", "Magento_Sales::sales_creditmemo")
def creditmemo_comments(req: RestRequest) -> Any:
    return _comments(req).list("creditmemo", req.params["id"])


@routes.post("/V1/creditmemo/:id/comments", "Magento_Sales::sales_creditmemo")
def creditmemo_comment_add(req: RestRequest) -> Any:
    return _comments(req).add("creditmemo", snake_keys(req.require("entity")), req.params["id"])
