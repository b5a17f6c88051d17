"""Invoices and shipments (Sales/Model/InvoiceOrder, ShipOrder) with Magento's bookkeeping.

Quantities follow Order/Item: qty_to_invoice = ordered - invoiced - canceled;
qty_to_ship = ordered - max(shipped, refunded) - canceled (virtual items never ship).
Validation errors are one 400 message, "<Kind> Document Validation Error(s):\\n" + the rendered
messages (Sales/Model/Order/Validation/*). The state resolver (Order/StateResolver) then moves
new -> processing -> complete. Configurable and bundle dummy-item rules are not modelled yet.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.errors import MagentoError, entity_not_found
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.sales import SalesService

INVOICE_STATE_PAID = 2
INVOICES = EntitySearch("sales_invoice", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "order_id": Field("order_id", "int"),
    "store_id": Field("store_id", "int"), "state": Field("state", "int"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})
SHIPMENTS = EntitySearch("sales_shipment", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "order_id": Field("order_id", "int"),
    "store_id": Field("store_id", "int"), "total_qty": Field("total_qty", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})


def qty_to_invoice(item: dict[str, Any]) -> float:
    return float(item["qty_ordered"]) - float(item["qty_invoiced"]) - float(item["qty_canceled"])


def qty_to_ship(item: dict[str, Any]) -> float:
    if item.get("is_virtual"):
        return 0.0
    return float(item["qty_ordered"]) - max(float(item["qty_shipped"]), float(item["qty_refunded"])) \
        - float(item["qty_canceled"])


def _document_error(kind: str, messages: list[str]) -> MagentoError:
    return MagentoError(f"{kind} Document Validation Error(s):\n" + "\n".join(messages))


def _requested(items: Any) -> dict[int, float] | None:
    """``items[{order_item_id, qty}]`` in either spelling, ids and quantities as strings or numbers."""
    if not items:
        return None
    out: dict[int, float] = {}
    for raw in items.values() if isinstance(items, dict) else items:
        raw = raw if isinstance(raw, dict) else {}
        item_id = raw.get("order_item_id", raw.get("orderItemId"))
        qty = raw.get("qty", 0)
        out[int(typed_value("order_item_id", item_id, "int"))] = float(typed_value("qty", qty, "float"))
    return out


class Documents:
    def __init__(self, sales: SalesService) -> None:
        self.sales = sales
        self.backend = sales.backend
        self.db = sales.db

    def _sequence(self, kind: str, store_id: int) -> str:
        value = self.db.next_id(f"{kind}_increment_{store_id}")
        return f"{'' if store_id == 1 else store_id}{value:09d}"

    def _save_items(self, conn: Any, items: list[dict[str, Any]]) -> None:
        now = self.backend.clock.stamp()
        for item in items:
            stored = {k: v for k, v in item.items() if k != "parent_item"}
            stored["updated_at"] = now
            conn.execute("UPDATE sales_order_item SET doc=?, updated_at=? WHERE item_id=?",
                         (json.dumps(stored), now, stored["item_id"]))

    def _resolve_state(self, order: dict[str, Any], in_progress: bool) -> None:
        """Order/StateResolver::getStateForOrder, and the status a state change brings."""
        if order["state"] in ("canceled", "holded", "closed"):
            return
        items = [i for i in order["items"] if not i.get("parent_item_id")]
        can_invoice = any(qty_to_invoice(i) > 0 for i in items)
        can_ship = any(qty_to_ship(i) > 0 and i["qty_refunded"] < i["qty_ordered"] for i in items)
        state = "processing" if order["state"] == "processing" or in_progress else order["state"]
        if not can_invoice and not can_ship:
            refundable = round(float(order.get("total_paid", 0)) - float(order.get("total_refunded", 0)), 4) > 0
            if float(order.get("base_grand_total", 0)) == 0 or refundable:
                state = "complete"
            elif float(order.get("total_refunded", 0)) > 0:
                state = "closed"
        if state != order["state"]:
            order["state"] = order["status"] = state

    # -- invoices ----------------------------------------------------------------------------
    def invoice(self, order_id: Any, items: Any = None, comment: Any = None) -> str:
        with self.db.write() as conn:
            order = self.sales.get(order_id)
            requested = _requested(items)
            lines = []
            for item in order["items"]:
                if item.get("parent_item_id"):
                    continue
                available = qty_to_invoice(item)
                qty = available if requested is None else requested.get(item["item_id"], 0)
                if requested is not None and qty > available:
                    # InvoiceService::setInvoiceItemQuantity, thrown before validation
                    raise MagentoError('We found an invalid quantity to invoice item "%1".', [item.get("name")])
                if qty > 0:
                    lines.append((item, qty))
            messages = []
            if not lines:
                messages.append("The invoice can't be created without products. Add products and try again.")
            if order["state"] in ("payment_review", "holded", "canceled", "complete", "closed"):
                messages.append(f"An invoice cannot be created when an order has a status of {order['status']}")
            elif not any(qty_to_invoice(i) > 0 for i in order["items"] if not i.get("parent_item_id")):
                messages.append("The order does not allow an invoice to be created.")
            if messages:
                raise _document_error("Invoice", messages)
            now = self.backend.clock.stamp()
            invoice_id = self.db.next_id("invoice")
            subtotal = round(sum(i["price"] * q for i, q in lines), 4)
            shipping = 0.0 if order.get("shipping_invoiced") else float(order.get("shipping_amount", 0))
            grand = round(subtotal + shipping, 4)
            doc_items = []
            for item, qty in lines:
                item["qty_invoiced"] = float(item["qty_invoiced"]) + qty
                item["row_invoiced"] = float(item.get("row_invoiced", 0)) + item["price"] * qty
                doc_items.append({"base_price": item["base_price"], "base_row_total": item["base_price"] * qty,
                                  "entity_id": self.db.next_id("invoice_item"), "name": item.get("name"),
                                  "parent_id": invoice_id, "price": item["price"], "product_id": item.get("product_id"),
                                  "row_total": item["price"] * qty, "sku": item["sku"], "order_item_id": item["item_id"],
                                  "qty": qty})
            self._save_items(conn, [i for i, _ in lines])
            for key, value in (("total_invoiced", grand), ("subtotal_invoiced", subtotal),
                               ("shipping_invoiced", shipping), ("total_paid", grand)):
                order[key] = round(float(order.get(key, 0)) + value, 4)
                order["base_" + key] = order[key]
            order["total_due"] = order["base_total_due"] = round(float(order["grand_total"]) - order["total_paid"], 4)
            self._resolve_state(order, in_progress=True)
            doc = {"base_currency_code": order.get("base_currency_code"), "base_grand_total": grand,
                   "base_shipping_amount": shipping, "base_subtotal": subtotal,
                   "billing_address_id": order["billing_address"].get("entity_id"), "created_at": now,
                   "entity_id": invoice_id, "grand_total": grand, "increment_id": self._sequence("invoice",
                                                                                               order["store_id"]),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "state": INVOICE_STATE_PAID, "store_id": order["store_id"],
                   "subtotal": subtotal, "total_qty": sum(q for _, q in lines), "updated_at": now,
                   "items": doc_items, "comments": self._comments(comment, invoice_id)}
            conn.execute("INSERT INTO sales_invoice VALUES (?,?,?,?,?,?,?,?,?)",
                         (invoice_id, doc["increment_id"], order["entity_id"], order["store_id"], INVOICE_STATE_PAID,
                          grand, now, now, json.dumps(doc)))
            self.sales._save(order)
        # The id comes back as PDO's lastInsertId: a JSON string (recordings: "4").
        return str(invoice_id)

    def _comments(self, comment: Any, parent_id: int) -> list[dict[str, Any]]:
        if not isinstance(comment, dict) or not comment.get("comment"):
            return []
        return [{"comment": str(comment["comment"]), "created_at": self.backend.clock.stamp(),
                 "entity_id": self.db.next_id("document_comment"), "is_customer_notified": 0,
                 "is_visible_on_front": int(bool(comment.get("is_visible_on_front",
                                                             comment.get("isVisibleOnFront", 0)))),
                 "parent_id": parent_id}]

    def get_invoice(self, invoice_id: Any) -> dict[str, Any]:
        row = self.db.one("SELECT doc FROM sales_invoice WHERE entity_id=?", (_key(invoice_id),))
        if row is None:
            raise entity_not_found()
        return dict(json.loads(row[0]))

    def invoices(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, INVOICES, criteria, config=self.backend.config)
        return search_result([self.get_invoice(i) for i in ids], criteria, total)

    # -- shipments ---------------------------------------------------------------------------
    def ship(self, order_id: Any, items: Any = None, tracks: Any = None, comment: Any = None) -> str:
        with self.db.write() as conn:
            order = self.sales.get(order_id)
            requested = _requested(items)
            lines = []
            for item in order["items"]:
                if item.get("parent_item_id"):
                    continue
                available = qty_to_ship(item)
                wanted = available if requested is None else requested.get(item["item_id"], 0)
                qty = min(wanted, available)  # ShipmentFactory::prepareItems caps silently
                if qty > 0:
                    lines.append((item, qty))
            track_list = list(tracks.values()) if isinstance(tracks, dict) else list(tracks or [])
            messages = []
            if order["state"] in ("payment_review", "holded", "canceled") or order.get("is_virtual"):
                messages.append(f"A shipment cannot be created when an order has a status of {order['status']}")
            elif not any(qty_to_ship(i) > 0 for i in order["items"] if not i.get("parent_item_id")):
                messages.append("The order does not allow a shipment to be created.")
            if not lines:
                messages.append("You can't create a shipment without products.")
            if any(not (t or {}).get("track_number", (t or {}).get("trackNumber")) for t in track_list):
                messages.append("Please enter a tracking number.")
            if messages:
                raise _document_error("Shipment", messages)
            now = self.backend.clock.stamp()
            shipment_id = self.db.next_id("shipment")
            website_id = self.backend.stores.store(order["store_id"])["website_id"]
            doc_items = []
            for item, qty in lines:
                item["qty_shipped"] = float(item["qty_shipped"]) + qty
                self.backend.inventory.ship(item["sku"], qty, website_id, order_id=order["entity_id"])
                doc_items.append({"entity_id": self.db.next_id("shipment_item"), "name": item.get("name"),
                                  "parent_id": shipment_id, "price": item["price"],
                                  "product_id": item.get("product_id"), "sku": item["sku"],
                                  "weight": item.get("weight", 0), "order_item_id": item["item_id"], "qty": qty})
            self._save_items(conn, [i for i, _ in lines])
            doc_tracks = []
            for t in track_list:
                track_id = self.db.next_id("shipment_track")
                doc_tracks.append({"order_id": order["entity_id"], "created_at": now, "entity_id": track_id,
                                   "parent_id": shipment_id, "updated_at": now,
                                   # ShipmentDocumentFactory sets only number, title and carrier; the
                                   # non-nullable getters then write null
                                   "weight": None, "qty": None, "description": None, "track_number": str(t.get("track_number", t.get("trackNumber"))),
                                   "title": str(t.get("title", "")),
                                   "carrier_code": str(t.get("carrier_code", t.get("carrierCode", "custom")))})
            self._resolve_state(order, in_progress=order["state"] == "new")
            doc = {"billing_address_id": order["billing_address"].get("entity_id"), "created_at": now,
                   "customer_id": order.get("customer_id"), "entity_id": shipment_id,
                   "increment_id": self._sequence("shipment", order["store_id"]), "order_id": order["entity_id"],
                   "packages": [], "store_id": order["store_id"], "total_qty": sum(q for _, q in lines),
                   "updated_at": now, "items": doc_items, "tracks": doc_tracks,
                   "comments": self._comments(comment, shipment_id)}
            if doc["customer_id"] is None:
                del doc["customer_id"]
            conn.execute("INSERT INTO sales_shipment VALUES (?,?,?,?,?,?,?,?)",
                         (shipment_id, doc["increment_id"], order["entity_id"], order["store_id"], doc["total_qty"],
                          now, now, json.dumps({k: v for k, v in doc.items() if k != "tracks"})))
            for track in doc_tracks:
                conn.execute("INSERT INTO sales_shipment_track VALUES (?,?,?,?)",
                             (track["entity_id"], shipment_id, order["entity_id"], json.dumps(track)))
            self.sales._save(order)
        return str(shipment_id)

    def get_shipment(self, shipment_id: Any) -> dict[str, Any]:
        key = _key(shipment_id)
        row = self.db.one("SELECT doc FROM sales_shipment WHERE entity_id=?", (key,))
        if row is None:
            raise entity_not_found()
        doc = dict(json.loads(row[0]))
        doc["tracks"] = [json.loads(r[0]) for r in self.db.query(
            "SELECT doc FROM sales_shipment_track WHERE parent_id=? ORDER BY entity_id", (key,))]
        order = ("billing_address_id", "created_at", "customer_id", "entity_id", "increment_id", "order_id",
                 "packages", "store_id", "total_qty", "updated_at", "items", "tracks", "comments")
        return {k: doc[k] for k in order if k in doc}

    def add_track(self, entity: Any) -> dict[str, Any]:
        """ShipmentTrackRepository::save: the shipment must belong to the order."""
        data = dict(entity) if isinstance(entity, dict) else {}
        order_id = typed_value("order_id", data.get("order_id"), "int")
        parent_id = typed_value("parent_id", data.get("parent_id"), "int")
        owner = self.db.one("SELECT 1 FROM sales_shipment WHERE entity_id=? AND order_id=?", (parent_id, order_id))
        if owner is None:
            # CouldNotSaveException: Webapi/Controller/Rest adds the errorRedirectAction header
            raise MagentoError("Could not save the shipment tracking.", headers={"errorRedirectAction": "#shipping"})
        now = self.backend.clock.stamp()
        with self.db.write() as conn:
            track_id = self.db.next_id("shipment_track")
            track = {"order_id": order_id, "created_at": now, "entity_id": track_id, "parent_id": parent_id,
                     "updated_at": now, "weight": typed_value("weight", data.get("weight"), "float"),
                     "qty": typed_value("qty", data.get("qty"), "float"),
                     "description": typed_value("description", data.get("description"), "string"),
                     "track_number": typed_value("track_number", data.get("track_number"), "string"),
                     "title": typed_value("title", data.get("title"), "string"),
                     "carrier_code": typed_value("carrier_code", data.get("carrier_code"), "string")}
            conn.execute("INSERT INTO sales_shipment_track VALUES (?,?,?,?)",
                         (track_id, parent_id, order_id, json.dumps(track)))
        return track

    def delete_track(self, track_id: Any) -> bool:
        """TrackRepository::deleteById: an unknown id loads an empty track, whose delete succeeds."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM sales_shipment_track WHERE entity_id=?",
                         (typed_value("id", track_id, "int"),))
        return True

    def shipments(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, SHIPMENTS, criteria, config=self.backend.config)
        return search_result([self.get_shipment(i) for i in ids], criteria, total)


COMMENT_TABLES = {"invoice": "sales_invoice", "shipment": "sales_shipment", "creditmemo": "sales_creditmemo"}


class DocumentComments:
    """Invoice, shipment and credit memo comments (Order/{Invoice,Shipment,Creditmemo}/CommentRepository)."""

    def __init__(self, sales: SalesService) -> None:
        self.backend = sales.backend
        self.db = sales.db

    def _doc(self, kind: str, parent_id: int) -> dict[str, Any] | None:
        row = self.db.one(f"SELECT doc FROM {COMMENT_TABLES[kind]} WHERE entity_id=?", (parent_id,))
        return None if row is None else dict(json.loads(row[0]))

    def list(self, kind: str, parent_id: Any) -> dict[str, Any]:
        doc = self._doc(kind, _key(parent_id)) or {}
        comments = doc.get("comments", [])
        return {"items": comments, "search_criteria": {"filter_groups": []}, "total_count": len(comments)}

    def add(self, kind: str, entity: Any, parent_id: Any = None) -> dict[str, Any]:
        data = dict(entity) if isinstance(entity, dict) else {}
        parent = typed_value("parent_id", parent_id if parent_id is not None else data.get("parent_id"), "int")
        doc = self._doc(kind, parent) if parent else None
        if doc is None:
            # the comment row's foreign key fails: CouldNotSaveException (with errorRedirectAction)
            raise MagentoError(f"Could not save the {kind} comment.", headers={"errorRedirectAction": "#shipping"})
        comment = {"comment": typed_value("comment", data.get("comment", ""), "string"),
                   "created_at": self.backend.clock.stamp(), "entity_id": self.db.next_id("document_comment"),
                   "is_customer_notified": int(typed_value("is_customer_notified",
                                                           data.get("is_customer_notified", 0), "int")),
                   "is_visible_on_front": int(typed_value("is_visible_on_front",
                                                          data.get("is_visible_on_front", 0), "int")),
                   "parent_id": parent}
        doc["comments"] = doc.get("comments", []) + [comment]
        with self.db.write() as conn:
            conn.execute(f"UPDATE {COMMENT_TABLES[kind]} SET doc=? WHERE entity_id=?", (json.dumps(doc), parent))
        return comment


def _key(value: Any) -> int:
    if value in (None, "", "0", 0):
        raise MagentoError("An ID is needed. Set the ID and try again.")
    return int(typed_value("id", value, "int"))
