"""Orders (Sales/Model/OrderRepository, OrderManagement): placement, reads, hold, cancel, comments.

Invoices, shipments and credit memos are not modelled yet.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.errors import MagentoError, entity_not_found, required_field
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend import Backend

_DOC = "json_extract(doc, '$.{}')"
_ORDER_MONEY = ["subtotal", "shipping_amount", "discount_amount", "tax_amount", "grand_total", "subtotal_incl_tax",
                "shipping_incl_tax"]
ORDERS = EntitySearch("sales_order", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "store_id": Field("store_id", "int"),
    "customer_id": Field("customer_id", "int"), "customer_email": Field("customer_email"),
    "state": Field("state"), "status": Field("status"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date"),
    **{k: Field(_DOC.format(k), "float") for k in ["base_grand_total", "subtotal", "base_subtotal",
                                                    "shipping_amount", "discount_amount", "tax_amount",
                                                    "total_paid", "total_due", "total_qty_ordered"]},
    **{k: Field(_DOC.format(k)) for k in ["customer_firstname", "customer_lastname", "order_currency_code",
                                          "base_currency_code", "coupon_code", "shipping_description",
                                          "remote_ip", "quote_id"]},
    "customer_is_guest": Field(_DOC.format("customer_is_guest"), "int"),
    "customer_group_id": Field(_DOC.format("customer_group_id"), "int"),
})
ORDER_ITEMS = EntitySearch("sales_order_item", "item_id", unknown_field="flat", fields={
    "item_id": Field("item_id", "int"), "order_id": Field("order_id", "int"),
    "parent_item_id": Field("parent_item_id", "int"), "sku": Field("sku"), "product_type": Field("product_type"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date"),
    **{k: Field(_DOC.format(k), "float") for k in ["price", "base_price", "row_total", "base_row_total",
                                                    "qty_ordered", "qty_invoiced", "qty_shipped", "qty_refunded",
                                                    "qty_canceled", "discount_amount", "tax_amount", "original_price"]},
    "name": Field(_DOC.format("name")), "product_id": Field(_DOC.format("product_id"), "int"),
    "store_id": Field(_DOC.format("store_id"), "int"), "is_virtual": Field(_DOC.format("is_virtual"), "int"),
})
HOLD_FORBIDDEN = {"canceled", "payment_review", "complete", "closed", "holded"}
QTY_KEYS = ("qty_invoiced", "qty_shipped", "qty_refunded", "qty_canceled")


def _id(value: Any) -> int:
    """OrderRepository::get: an empty id is an input error, an unknown one 404."""
    if value in (None, "", "0", 0):
        raise MagentoError("An ID is needed. Set the ID and try again.")
    return int(typed_value("id", value, "int"))


class SalesService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    # -- placement ---------------------------------------------------------------------------
    def next_increment_id(self, store_id: int) -> str:
        """SalesSequence: pattern %s%'.09d%s, prefix = store id except for the default store."""
        value = self.db.next_id(f"order_increment_{store_id}")
        prefix = "" if store_id == 1 else str(store_id)
        return f"{prefix}{value:09d}"

    def place_order(self, order: dict[str, Any]) -> int:
        """Store a new order built by checkout (or a builder): ids, increment id, state new/pending.

        ``order`` has the keys of sales-data-order-interface without ids, state, status or dates;
        child ``items`` carry ``parent_index`` (their parent's position in the list); ``shipping``
        is ``{"address": {...}, "method": "flatrate_flatrate"}`` and ends up under
        ``extension_attributes.shipping_assignments`` as in OrderRepository::setShippingAssignments.
        """
        now = self.backend.clock.stamp()
        store_id = int(order["store_id"])
        with self.db.write() as conn:
            order_id = self.db.next_id("order")
            increment_id = self.next_increment_id(store_id)
            items_in = order.get("items", [])
            item_ids = [self.db.next_id("order_item") for _ in items_in]
            items = []
            for index, raw in enumerate(items_in):
                item = {k: v for k, v in raw.items() if k != "parent_index"}
                item.update({"item_id": item_ids[index], "order_id": order_id, "store_id": store_id,
                             "created_at": now, "updated_at": now})
                for key in QTY_KEYS:
                    item.setdefault(key, 0)
                if raw.get("parent_index") is not None:
                    item["parent_item_id"] = item_ids[raw["parent_index"]]
                items.append(item)
            grand_total = float(order.get("grand_total", 0))
            doc = {k: v for k, v in order.items() if k not in ("items", "shipping")}
            doc.update({"entity_id": order_id, "increment_id": increment_id, "state": "new", "status": "pending",
                        "created_at": now, "updated_at": now, "total_paid": 0, "base_total_paid": 0,
                        "total_due": grand_total, "base_total_due": float(order.get("base_grand_total", grand_total)),
                        "total_invoiced": 0, "total_refunded": 0, "total_item_count": len(
                            [i for i in items if not i.get("parent_item_id")]),
                        "status_histories": []})
            doc.setdefault("billing_address", {})
            doc["billing_address"] = {**doc["billing_address"], "address_type": "billing", "parent_id": order_id,
                                      "entity_id": self.db.next_id("order_address")}
            if order.get("shipping"):
                address = {**order["shipping"]["address"], "address_type": "shipping", "parent_id": order_id,
                           "entity_id": self.db.next_id("order_address")}
                doc["extension_attributes"] = {"shipping_assignments": [{"shipping": {
                    "address": address, "method": order["shipping"]["method"],
                    "total": {"shipping_amount": order.get("shipping_amount", 0),
                              "base_shipping_amount": order.get("base_shipping_amount", 0)}}, "items": []}]}
            payment = dict(order.get("payment") or {"method": "checkmo"})
            # OrderPaymentInterface declares these non-nullable: Magento writes them as null (recordings)
            payment.setdefault("account_status", None)
            payment.setdefault("cc_last4", None)
            payment.update({"entity_id": self.db.next_id("order_payment"), "parent_id": order_id,
                            "amount_ordered": grand_total, "base_amount_ordered": grand_total})
            doc["payment"] = payment
            conn.execute("INSERT INTO sales_order VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (order_id, increment_id, store_id, order.get("customer_id"), order.get("customer_email"),
                          "new", "pending", grand_total, now, now, json.dumps(doc)))
            for item in items:
                conn.execute("INSERT INTO sales_order_item VALUES (?,?,?,?,?,?,?,?)",
                             (item["item_id"], order_id, item.get("parent_item_id"), item.get("sku"),
                              item.get("product_type"), now, now, json.dumps(item)))
        return order_id

    # -- reads -------------------------------------------------------------------------------
    def _doc(self, order_id: int) -> dict[str, Any]:
        row = self.db.one("SELECT doc FROM sales_order WHERE entity_id=?", (order_id,))
        if row is None:
            raise entity_not_found()
        return dict(json.loads(row[0]))

    def _items(self, order_id: int) -> list[dict[str, Any]]:
        rows = [json.loads(r[0]) for r in self.db.query(
            "SELECT doc FROM sales_order_item WHERE order_id=? ORDER BY item_id", (order_id,))]
        by_id = {r["item_id"]: r for r in rows}
        return [self._item_with_parent(r, by_id) for r in rows]

    @staticmethod
    def _item_with_parent(item: dict[str, Any], by_id: dict[int, dict[str, Any]]) -> dict[str, Any]:
        parent = by_id.get(item.get("parent_item_id"))  # type: ignore[arg-type]
        return {**item, "parent_item": parent} if parent else item

    def get(self, order_id: Any) -> dict[str, Any]:
        key = _id(order_id)
        doc = self._doc(key)
        items = self._items(key)
        doc["items"] = items
        assignments = doc.get("extension_attributes", {}).get("shipping_assignments")
        if assignments:
            assignments[0]["items"] = items
        doc.setdefault("extension_attributes", {})["payment_additional_info"] = [
            {"key": "method_title", "value": "Check / Money order"}]
        return doc

    def get_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, ORDERS, criteria, config=self.backend.config)
        return search_result([self.get(i) for i in ids], criteria, total)

    def item(self, item_id: Any) -> dict[str, Any]:
        key = _id(item_id)
        row = self.db.one("SELECT doc, order_id FROM sales_order_item WHERE item_id=?", (key,))
        if row is None:
            raise entity_not_found()
        item = json.loads(row["doc"])
        by_id = {i["item_id"]: i for i in self._items(row["order_id"])}
        return self._item_with_parent(item, by_id)

    def item_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, ORDER_ITEMS, criteria, config=self.backend.config)
        return search_result([self.item(i) for i in ids], criteria, total)

    def status(self, order_id: Any) -> str:
        return str(self.get(order_id)["status"])

    def comments(self, order_id: Any) -> dict[str, Any]:
        histories = self.get(order_id).get("status_histories", [])
        return {"items": histories, "search_criteria": {"filter_groups": []}, "total_count": len(histories)}

    # -- management --------------------------------------------------------------------------
    def _save(self, doc: dict[str, Any]) -> None:
        doc["updated_at"] = self.backend.clock.stamp()
        stored = {k: v for k, v in doc.items() if k != "items"}
        ext = stored.get("extension_attributes", {})
        for assignment in ext.get("shipping_assignments", []):
            assignment["items"] = []
        ext.pop("payment_additional_info", None)
        with self.db.write() as conn:
            conn.execute("UPDATE sales_order SET state=?, status=?, updated_at=?, doc=? WHERE entity_id=?",
                         (doc.get("state"), doc.get("status"), doc["updated_at"], json.dumps(stored),
                          doc["entity_id"]))

    def hold(self, order_id: Any) -> bool:
        """Order::hold: keeps hold_before_state/status; 400 when the state forbids it."""
        doc = self.get(order_id)
        if doc.get("state") in HOLD_FORBIDDEN:
            raise MagentoError("A hold action is not available.")
        doc["hold_before_state"], doc["hold_before_status"] = doc.get("state"), doc.get("status")
        doc["state"] = doc["status"] = "holded"
        self._save(doc)
        return True

    def unhold(self, order_id: Any) -> bool:
        doc = self.get(order_id)
        if doc.get("state") != "holded":
            raise MagentoError("You cannot remove the hold.")
        doc["state"], doc["status"] = doc.pop("hold_before_state"), doc.pop("hold_before_status")
        self._save(doc)
        return True

    def cancel(self, order_id: Any) -> bool:
        """Order::canCancel and registerCancellation: false (HTTP 200) when it cannot be canceled.

        Each item cancels min(qty_to_invoice, qty_to_ship) (Order/Item::getQtyToCancel); an order
        with something left to refund stays processing (or complete when nothing is left to ship).
        """
        doc = self.get(order_id)
        items = [i for i in doc["items"] if not i.get("parent_item_id")]
        if doc.get("state") in ("holded", "payment_review", "canceled", "complete", "closed") or not any(
                i["qty_ordered"] - i["qty_invoiced"] - i["qty_canceled"] > 0 for i in items):
            return False
        website_id = self.backend.stores.store(doc["store_id"])["website_id"]
        now = self.backend.clock.stamp()
        state = "canceled"
        with self.db.write() as conn:
            for item in doc["items"]:
                stored = {k: v for k, v in item.items() if k != "parent_item"}
                to_invoice = stored["qty_ordered"] - stored["qty_invoiced"] - stored["qty_canceled"]
                to_ship = stored["qty_ordered"] - max(stored["qty_shipped"], stored["qty_refunded"]) \
                    - stored["qty_canceled"]
                to_cancel = max(min(to_invoice, to_ship), 0)
                if to_cancel > 0:
                    stored["qty_canceled"] = stored["qty_canceled"] + to_cancel
                    if stored.get("product_type") in ("simple", "virtual", "downloadable"):
                        # the reservation made at placement is compensated (MSI)
                        self.backend.inventory.return_to_stock(stored["sku"], to_cancel, website_id)
                    stored["updated_at"] = now
                    conn.execute("UPDATE sales_order_item SET doc=?, updated_at=? WHERE item_id=?",
                                 (json.dumps(stored), now, stored["item_id"]))
                if state != "processing" and stored["qty_invoiced"] - stored["qty_refunded"] > 0:
                    left_to_ship = stored["qty_ordered"] - max(stored["qty_shipped"], stored["qty_refunded"]) \
                        - stored["qty_canceled"]
                    state = "processing" if left_to_ship > 0 else "complete"
            for source, invoiced, target in (("subtotal", "subtotal_invoiced", "subtotal_canceled"),
                                             ("shipping_amount", "shipping_invoiced", "shipping_canceled"),
                                             ("tax_amount", "tax_invoiced", "tax_canceled"),
                                             ("discount_amount", "discount_invoiced", "discount_canceled"),
                                             ("grand_total", "total_invoiced", "total_canceled")):
                if source in doc:
                    doc[target] = round(float(doc[source]) - float(doc.get(invoiced, 0)), 4)
                    doc["base_" + target] = doc[target]
            doc["state"] = doc["status"] = state
            self._save(doc)
        return True

    def add_comment(self, order_id: Any, history: Any) -> bool:
        """OrderManagement::addComment -> Order::addStatusHistory (the comment's status becomes the order's)."""
        doc = self.get(order_id)
        if not isinstance(history, dict):
            raise required_field("statusHistory")
        entry = {"comment": str(history.get("comment", "")),
                 "created_at": self.backend.clock.stamp(), "entity_id": self.db.next_id("order_status_history"),
                 "entity_name": "order",
                 "is_customer_notified": int(typed_value("is_customer_notified",
                                                         history.get("is_customer_notified", 0), "int")),
                 "is_visible_on_front": int(typed_value("is_visible_on_front",
                                                        history.get("is_visible_on_front", 0), "int")),
                 "parent_id": doc["entity_id"]}
        if history.get("status"):
            entry["status"] = str(history["status"])
            doc["status"] = entry["status"]
        doc["status_histories"] = [entry] + doc.get("status_histories", [])
        self._save(doc)
        return True

    def notify(self, order_id: Any) -> bool:
        self.get(order_id)
        return True

