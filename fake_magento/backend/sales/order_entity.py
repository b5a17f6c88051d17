"""OrderRepository::save of an order entity sent over REST (POST /V1/orders, PUT /V1/orders/create).

An entity with an entity_id updates that order's scalar columns; one without is written as a new
order (api-functional OrderCreateTest). Both run through the repository's ``place_order``, ``load``
and ``save``. The entity comes converted by ServiceInputProcessor (typed fields, snake_case keys) and
shaped by http/sales_input.py ``order_entity`` (a new order's addresses and shipping method).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales.addresses import OUTPUT_REQUIRED as ADDRESS_REQUIRED
from fake_magento.backend.sales.orders import ORDER_KEYS
from fake_magento.errors import InternalError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.sales.orders import OrderRepository


def save_order_entity(orders: OrderRepository, entity: dict[str, Any], default_store_id: int = 1) -> dict[str, Any]:
    """OrderRepository::save with a partial entity (POST /V1/orders, recordings-summary §3).

    Magento saves a new Order object holding only the sent data: the columns sent are written,
    and the answer is that object (money getters unset, total_due 0) plus the items, billing
    address, payment and histories loaded for its id (test_sale_order_cancel_export.yaml).
    """
    data = dict(entity) if isinstance(entity, dict) else {}
    if data.get("entity_id") in (None, "", 0, "0"):
        return create_order(orders, data, default_store_id)
    with orders.db.write():
        doc, items = orders.load(data["entity_id"])
        writable = {k: v for k, v in data.items() if k not in ("entity_id", "items", "payment", "billing_address",
                                                               "extension_attributes", "status_histories",
                                                               "increment_id", "created_at", "updated_at")
                    and k in ORDER_KEYS and not isinstance(v, (dict, list))}
        doc.update(writable)
        orders.save(doc, items)
    answer: dict[str, Any] = {"base_grand_total": None, "base_total_due": 0,
                              "billing_address_id": doc.get("billing_address_id"),
                              "created_at": doc["created_at"], "customer_email": None,
                              "entity_id": doc["entity_id"], "grand_total": None}
    answer.update({k: doc.get(k) for k in writable})
    answer.update({"state": doc.get("state"), "status": doc.get("status"), "total_due": 0,
                   "updated_at": doc["updated_at"], "items": orders.public_items(items),
                   "billing_address": doc.get("billing_address"), "payment": doc.get("payment"),
                   "status_histories": []})
    return answer

def create_order(orders: OrderRepository, data: dict[str, Any], default_store_id: int) -> dict[str, Any]:
    """OrderRepository::save of an order without entity_id (POST /V1/orders, PUT /V1/orders/create;
    api-functional OrderCreateTest): the order is written as sent, no quote, totals or stock.

    * store: store_id, else the request's store (Order::getStore); an unknown id is 404;
      store_name = website, group and store names on three lines, total_item_count counted
      (ResourceModel/Order::_beforeSave);
    * increment id from the store's sequence unless sent; state and status as sent (a new order
      without them has none: nothing sets them on this path);
    * the first shipping assignment's address and method become the shipping address and
      method when the order is not virtual (OrderRepository::save, Order::getIsNotVirtual).
    Not emulated: sent ids of items, addresses and payment, and sent status_histories (new
    ones are given); payment amounts are the order's, as checkout writes them.
    """
    store_id = default_store_id if data.get("store_id") is None else data["store_id"]
    if store_id not in [s["store_id"] for s in orders.stores.stores()]:
        raise NoSuchEntityError("The store that was requested wasn't found. Verify the store and try again.")
    store = orders.stores.store(store_id)
    website = next(w for w in orders.stores.websites() if w["website_id"] == store["website_id"])
    group = next(g for g in orders.stores.groups() if g["group_id"] == store["group_id"])
    rows = data.get("items")
    items = [dict(r) for r in (rows.values() if isinstance(rows, dict) else rows or []) if isinstance(r, dict)]
    order = {k: v for k, v in data.items() if k not in ("entity_id", "items", "extension_attributes",
                                                       "status_histories", "created_at", "updated_at",
                                                       "billing_address_id", "total_item_count")}
    order.update({"store_id": store_id, "store_name": "\n".join([website["name"], group["name"], store["name"]]),
                  "items": [{"qty_ordered": 0.0, **{k: v for k, v in i.items() if v is not None}} for i in items],
                  "state": data.get("state"), "status": data.get("status")})
    if any(not i.get("sku") for i in order["items"]):
        # sales_order_item.sku is NOT NULL without default: the insert fails (masked 500)
        raise InternalError("sales_order_item insert: sku cannot be null")
    if isinstance(data.get("billing_address"), dict):
        order["billing_address"] = {k: v for k, v in data["billing_address"].items()
                                    if v is not None and k not in ("entity_id", "parent_id")}
    ext = data["extension_attributes"] if isinstance(data.get("extension_attributes"), dict) else {}
    assignments = ext.get("shipping_assignments") or []
    if isinstance(assignments, dict):  # a JSON object decodes to a PHP array too
        assignments = list(assignments.values())
    first = assignments[0] if isinstance(assignments, list) and assignments else {}
    shipping = first.get("shipping") if isinstance(first, dict) else None
    # an array given for a data object becomes an object of its known keys (ServiceInputProcessor)
    shipping = shipping if isinstance(shipping, dict) else {}
    if not order.get("is_virtual") and isinstance(shipping.get("address"), dict):
        address = {k: v for k, v in shipping["address"].items() if v is not None and k not in ("entity_id", "parent_id")}
        order["shipping"] = {"address": address, "method": shipping.get("method")}
    for key in ("payment", "billing_address"):
        if key in order and not isinstance(order[key], dict):
            # ServiceInputProcessor builds the data object from the array's known keys: none here
            order[key] = {}
    if isinstance(data.get("payment"), dict):
        # payment extension attributes (vault token, notification message) are written by their
        # own plugins, not by the order save: what is sent there is not kept
        order["payment"] = {k: v for k, v in data["payment"].items()
                            if v is not None and k not in ("entity_id", "parent_id", "extension_attributes")}
        order["payment"].setdefault("method", None)
    with orders.db.write():
        order_id = orders.place_order(order)
        doc, order_items = orders.load(order_id)
        doc["total_item_count"] = len([i for i in order_items.all if not order_items.has_children(i)])
        if "billing_address" not in order:
            doc.pop("billing_address", None)
            doc.pop("billing_address_id", None)
        addresses = [doc.get("billing_address"), (order.get("shipping") or {}).get("address") and
                     doc["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]]
        for address in [a for a in addresses if a]:
            for key in ADDRESS_REQUIRED:  # non-nullable getters answer null
                address.setdefault(key, None)
        orders.save(doc, order_items)
    return orders.get(order_id)
