"""The sales routes' arguments in the shapes the sales services take.

Values arrive converted by the one ServiceInputProcessor (http/service_input.py: typed scalars,
snake_case keys, ``filter_var`` booleans, nested objects checked against the contract); what is
left here is shape only: item lists keyed by order item, the parts of an order entity the
repository writes, and the defaults the services apply to an unset getter.
"""
from __future__ import annotations

from typing import Any

from fake_magento.backend.sales.addresses import street_lines
from fake_magento.backend.sales.creditmemo_factory import Amount, RefundArguments
from fake_magento.errors import required_field
from fake_magento.types import typed_value


def requested_items(items: list[dict[str, Any]] | None) -> dict[int, float] | None:
    """``items[{order_item_id, qty}]`` keyed by order item id."""
    if not items:
        return None
    out: dict[int, float] = {}
    for item in items:
        # the document factories key quantities by getOrderItemId(): a missing id (PHP key "")
        # matches no order item, so it requests nothing rather than failing
        out[item.get("order_item_id") or 0] = item.get("qty") or 0.0
    return out


def creation_comment(comment: dict[str, Any] | None) -> dict[str, Any] | None:
    """The ``comment`` of invoice, ship and refund: None without text."""
    if not comment or not comment.get("comment"):
        return None
    return {"comment": comment["comment"], "is_visible_on_front": comment.get("is_visible_on_front") or 0}


def ship_tracks(tracks: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """ShipOrder's ``tracks``: the number as sent (the validator checks it); title and carrier_code
    are read through getters that cast to string (null is "", a missing carrier "custom")."""
    return [{"track_number": t.get("track_number"), "title": t.get("title") or "",
             "carrier_code": t.get("carrier_code") or "custom"} for t in tracks or []]


def packages(value: list[dict[str, Any]] | None) -> list[Any]:
    """ShipmentPackageCreationInterface carries only extension_attributes."""
    return [{"extension_attributes": []} for _ in value or []]


def refund_arguments(args: dict[str, Any] | None) -> RefundArguments:
    """RefundOrder/RefundInvoice ``arguments``: a shipping amount sent (even null) replaces the
    order's; an adjustment sent as null counts as not sent."""
    args = args or {}
    shipping = Amount(args.get("shipping_amount") or 0.0) if "shipping_amount" in args else None
    positive, negative = (None if args.get(k) is None else Amount(args[k])
                          for k in ("adjustment_positive", "adjustment_negative"))
    back = tuple((args.get("extension_attributes") or {}).get("return_to_stock_items") or ())
    return RefundArguments(shipping, positive, negative, back)


def creditmemo_refund(creditmemo: dict[str, Any]) -> dict[str, Any]:
    """POST /V1/creditmemo/refund: the credit memo's order, invoice, items and amounts as
    CreditmemoManagement.refund's arguments."""
    args: dict[str, Any] = {}
    shipping = creditmemo.get("base_shipping_amount", creditmemo.get("shipping_amount"))
    if shipping is not None:
        args["shipping_amount"] = shipping
    for key in ("adjustment_positive", "adjustment_negative"):
        if creditmemo.get(key) is not None:
            args[key] = creditmemo[key]
    return {"order_id": creditmemo.get("order_id"), "items": requested_items(creditmemo.get("items")),
            "arguments": refund_arguments(args), "invoice_id": creditmemo.get("invoice_id") or None}


def status_history(history: dict[str, Any] | None) -> dict[str, Any]:
    """OrderStatusHistoryInterface for OrderManagement::addComment (unset getters read as 0 / "")."""
    if history is None:
        raise required_field("statusHistory")
    return {"comment": history.get("comment") or "", "is_customer_notified": history.get("is_customer_notified") or 0,
            "is_visible_on_front": history.get("is_visible_on_front") or 0, "status": history.get("status")}


def document_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """An invoice, shipment or credit memo body; its list fields as lists."""
    data = dict(entity)
    for key in ("items", "comments", "tracks"):
        if data.get(key) is not None:
            data[key] = [dict(row) for row in data[key]]
    return data


def comment_parent(path_id: str | None, entity: dict[str, Any]) -> int | None:
    """A document comment's parent: the path's id (a string parameter of the contract, read as the
    comment's int parent_id), else the entity's parent_id."""
    if path_id is not None:
        return int(typed_value("parent_id", path_id, "int"))
    return entity.get("parent_id")


def address_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """An order address: its street as Order/Address::setData stores it."""
    data = {k: v for k, v in entity.items() if k != "extension_attributes"}
    if data.get("street") is not None:
        data["street"] = street_lines(data["street"])
    return data


def order_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """OrderRepository::save's entity (POST /V1/orders, PUT /V1/orders/create): a new order's
    billing address, and the first shipping assignment's address and method (a physical order only)."""
    data = dict(entity)
    if data.get("entity_id"):
        return data
    data["items"] = data.get("items") or []
    if isinstance(data.get("billing_address"), dict):
        data["billing_address"] = address_entity(data["billing_address"])
    ext = data.get("extension_attributes") or {}
    first = (ext.get("shipping_assignments") or [{}])[0] or {}
    shipping = first.get("shipping")
    if not data.get("is_virtual") and shipping and isinstance(shipping.get("address"), dict):
        converted = {"address": address_entity(shipping["address"]), "method": shipping.get("method")}
        data["extension_attributes"] = {**ext, "shipping_assignments": [{**first, "shipping": converted}]}
    return data


__all__ = ["address_entity", "comment_parent", "creation_comment", "creditmemo_refund",
           "document_entity", "order_entity", "packages", "refund_arguments", "requested_items",
           "ship_tracks", "status_history"]
