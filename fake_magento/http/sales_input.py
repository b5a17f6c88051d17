"""The sales routes' input conversion, at the edge: request values -> the typed arguments of the sales
services (ServiceInputProcessor's part for these routes).

The rules are the emulator's current ones, moved here unchanged from the sales services; the
contract-driven ServiceInputProcessor replaces them.
"""
from __future__ import annotations

from typing import Any

from fake_magento.backend.sales.addresses import typed_address
from fake_magento.backend.sales.common import body_rows
from fake_magento.backend.sales.creditmemo_factory import Amount, RefundArguments
from fake_magento.backend.sales.entity_types import (
    DOCUMENT_FIELDS,
    DOCUMENT_ITEM_FIELDS,
    ITEM_FIELDS,
    ORDER_FIELDS,
    PAYMENT_FIELDS,
    typed_entity,
)
from fake_magento.backend.sales.tracks import TRACK_FIELDS
from fake_magento.errors import required_field
from fake_magento.types import typed_list, typed_value


def entity_id(value: Any, field: str = "id") -> int | None:
    """A path or body id: None when not sent or empty (the service then answers "An ID is needed")."""
    if value is None or value == "":
        return None
    return int(typed_value(field, value, "int"))


def flag(value: Any) -> bool:
    """A bool service parameter: true, 1, "1", "true"."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value) if isinstance(value, (bool, int, float)) else False


def requested_items(items: Any) -> dict[int, float] | None:
    """``items[{order_item_id, qty}]`` in either spelling, ids and quantities as strings or numbers."""
    if not items:
        return None
    out: dict[int, float] = {}
    for raw in items.values() if isinstance(items, dict) else items:
        raw = raw if isinstance(raw, dict) else {}
        item_id = typed_value("order_item_id", raw.get("order_item_id", raw.get("orderItemId")), "int")
        qty = float(typed_value("qty", raw.get("qty", 0), "float") or 0)
        # the document factories key quantities by getOrderItemId(): a missing id (PHP key "")
        # matches no order item, so it requests nothing rather than failing
        out[0 if item_id is None else int(item_id)] = qty
    return out


def creation_comment(comment: Any) -> dict[str, Any] | None:
    """The ``comment`` of invoice, ship and refund: None without text."""
    if not isinstance(comment, dict) or not comment.get("comment"):
        return None
    visible = comment.get("is_visible_on_front", comment.get("isVisibleOnFront", 0))
    return {"comment": comment["comment"], "is_visible_on_front": typed_value("is_visible_on_front", visible, "int")}


def ship_tracks(tracks: Any) -> list[dict[str, Any]]:
    """ShipOrder's ``tracks``: the number as sent (the validator checks it), title and carrier as strings."""
    out = []
    for raw in list(tracks.values()) if isinstance(tracks, dict) else list(tracks or []):
        t = raw if isinstance(raw, dict) else {}
        out.append({"track_number": t.get("track_number", t.get("trackNumber")), "title": str(t.get("title", "")),
                    "carrier_code": str(t.get("carrier_code", t.get("carrierCode", "custom")))})
    return out


def packages(value: Any) -> list[Any]:
    """ShipmentPackageCreationInterface carries only extension_attributes."""
    return [{"extension_attributes": []} if isinstance(p, dict) else p
            for p in (value.values() if isinstance(value, dict) else value or [])]


def arguments(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


def _camel(key: str) -> str:
    return "".join(p.title() if i else p for i, p in enumerate(key.split("_")))


def _amount(key: str, raw: Any) -> Amount:
    """CreditmemoFactory::initData: a number, or "N%" of a base."""
    if raw is None or raw == "":
        return Amount(0.0)
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return Amount(float(typed_value(key, raw.strip()[:-1], "float")), percent=True)
    return Amount(float(typed_value(key, raw, "float")))


def refund_arguments(value: Any) -> RefundArguments:
    """RefundOrder/RefundInvoice ``arguments`` in either spelling."""
    args = value if isinstance(value, dict) else {}

    def raw(key: str) -> Any:
        return args.get(key, args.get(_camel(key)))

    shipping = _amount("shipping_amount", raw("shipping_amount")) \
        if "shipping_amount" in args or "shippingAmount" in args else None
    positive, negative = (None if raw(k) is None else _amount(k, raw(k))
                          for k in ("adjustment_positive", "adjustment_negative"))
    ext = args.get("extension_attributes") or args.get("extensionAttributes") or {}
    back = tuple(int(typed_value("return_to_stock_items", v, "int")) for v in (ext.get("return_to_stock_items") or []))
    return RefundArguments(shipping, positive, negative, back)


def creditmemo_refund(creditmemo: dict[str, Any]) -> dict[str, Any]:
    """POST /V1/creditmemo/refund: the credit memo's order, invoice, items and amounts as
    CreditmemoManagement.refund's arguments."""
    items = [{"order_item_id": i.get("order_item_id", i.get("orderItemId")), "qty": i.get("qty", 0)}
             for i in (creditmemo.get("items") or []) if isinstance(i, dict)]
    args: dict[str, Any] = {}
    shipping = creditmemo.get("base_shipping_amount", creditmemo.get("shipping_amount"))
    if shipping is not None:
        args["shipping_amount"] = shipping
    for key in ("adjustment_positive", "adjustment_negative"):
        if creditmemo.get(key) is not None:
            args[key] = creditmemo[key]
    return {"order_id": entity_id(creditmemo.get("order_id")), "items": requested_items(items),
            "arguments": refund_arguments(args),
            "invoice_id": entity_id(creditmemo.get("invoice_id") or creditmemo.get("invoiceId") or None)}


def status_history(history: Any) -> dict[str, Any]:
    """OrderStatusHistoryInterface for OrderManagement::addComment."""
    if not isinstance(history, dict):
        raise required_field("statusHistory")
    return {"comment": typed_value("comment", history.get("comment", ""), "string") or "",
            "is_customer_notified": int(typed_value("is_customer_notified",
                                                    history.get("is_customer_notified", 0), "int") or 0),
            "is_visible_on_front": int(typed_value("is_visible_on_front",
                                                   history.get("is_visible_on_front", 0), "int") or 0),
            "status": history.get("status")}


def document_entity(kind: str, entity: Any) -> dict[str, Any]:
    """An invoice, shipment or credit memo body: scalar fields, item, comment and track rows converted."""
    data = typed_entity(dict(entity) if isinstance(entity, dict) else {}, DOCUMENT_FIELDS[kind])
    if data.get("items") is not None:
        data["items"] = [typed_entity(r, DOCUMENT_ITEM_FIELDS[kind]) for r in body_rows(data["items"])]
    if data.get("comments") is not None:
        data["comments"] = [comment_entity(r) for r in body_rows(data["comments"])]
    if kind == "shipment" and data.get("tracks") is not None:
        data["tracks"] = [_track_fields(r) for r in body_rows(data["tracks"])]
    return data


def comment_entity(entity: Any) -> dict[str, Any]:
    """A document comment (Invoice/Shipment/Creditmemo CommentInterface): the fields sent, converted."""
    data = dict(entity) if isinstance(entity, dict) else {}
    for key, kind in (("comment", "string"), ("is_customer_notified", "int"), ("is_visible_on_front", "int"),
                      ("parent_id", "int")):
        if key in data:
            data[key] = typed_value(key, data[key], kind)
    return data


def _track_fields(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "order_id" in out:
        out["order_id"] = typed_value("order_id", out["order_id"], "int")
    for key, kind in TRACK_FIELDS.items():
        if key in out:
            out[key] = typed_value(key, out[key], kind)
    return out


def track_entity(entity: Any) -> dict[str, Any]:
    """ShipmentTrackInterface for the track repository: its ids and fields converted."""
    data = _track_fields(dict(entity) if isinstance(entity, dict) else {})
    data["order_id"] = typed_value("order_id", data.get("order_id"), "int")
    data["parent_id"] = typed_value("parent_id", data.get("parent_id"), "int")
    return data


def comment_parent(path_id: Any, entity: dict[str, Any]) -> int | None:
    """A document comment's parent: the path's id, else the entity's parent_id."""
    value = typed_value("parent_id", path_id if path_id is not None else entity.get("parent_id"), "int")
    return None if value is None else int(value)


def address_entity(entity: Any) -> dict[str, Any]:
    return typed_address(dict(entity) if isinstance(entity, dict) else {})


def order_entity(entity: Any) -> dict[str, Any]:
    """OrderRepository::save's entity (POST /V1/orders, PUT /V1/orders/create). An update (entity_id
    sent) has only its id converted, as before: its other columns are written as sent."""
    data = dict(entity) if isinstance(entity, dict) else {}
    if data.get("entity_id") in (None, "", 0, "0"):
        return _new_order(data)
    data["entity_id"] = int(typed_value("id", data["entity_id"], "int"))
    return data


def _new_order(data: dict[str, Any]) -> dict[str, Any]:
    """A new order: the order's scalars, each item's, the billing address, the first shipping
    assignment's address and method (a physical order only) and the payment."""
    data = typed_entity(data, ORDER_FIELDS)
    rows = data.get("items")
    data["items"] = [typed_entity(dict(r), ITEM_FIELDS)
                     for r in (rows.values() if isinstance(rows, dict) else rows or []) if isinstance(r, dict)]
    if isinstance(data.get("billing_address"), dict):
        data["billing_address"] = typed_address(data["billing_address"])
    ext = data["extension_attributes"] if isinstance(data.get("extension_attributes"), dict) else {}
    assignments = ext.get("shipping_assignments") or []
    if isinstance(assignments, dict):  # a JSON object decodes to a PHP array too
        assignments = list(assignments.values())
    first = assignments[0] if isinstance(assignments, list) and assignments else {}
    shipping = first.get("shipping") if isinstance(first, dict) else None
    if not data.get("is_virtual") and isinstance(shipping, dict) and isinstance(shipping.get("address"), dict):
        converted = {"address": typed_address(shipping["address"]),
                     "method": typed_value("method", shipping.get("method"), "string")}
        data["extension_attributes"] = {**ext, "shipping_assignments": [{**first, "shipping": converted}]}
    if isinstance(data.get("payment"), dict):
        payment = typed_entity(data["payment"], PAYMENT_FIELDS)
        if payment.get("additional_information") is not None:
            payment["additional_information"] = typed_list("additional_information",
                                                           payment["additional_information"], "string")
        data["payment"] = payment
    return data
