"""Invoices (Sales/Model/InvoiceOrder) with Magento's bookkeeping; shipments come from shipments.py.

Quantities follow Order/Item (see items.py), with the dummy-item rules of InvoiceService::
prepareInvoice and ShipmentFactory::prepareItems. Validation errors are one 400 message,
"<Kind> Document Validation Error(s):\\n" + the rendered messages (Sales/Model/Order/Validation/*).
The state resolver (Order/StateResolver) then moves new -> processing, and the order save's
state handler processing -> complete / closed.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales.common import (
    INVOICE_STATE_PAID,
    STATE_DEFAULT_STATUS,
    STOCK_TYPES,
    _document_error,
    _flag,
    _key,
    _requested,
    _round,
    could_not_save,
    money,
    row_totals,
)
from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.shipments import Shipments
from fake_magento.errors import InternalError, MagentoError, entity_not_found
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.sales import SalesService

__all__ = ["INVOICE_STATE_PAID", "STATE_DEFAULT_STATUS", "STOCK_TYPES", "DocumentComments", "Documents",
           "_document_error", "_flag", "_requested", "_round", "could_not_save", "money", "row_totals"]

INVOICES = EntitySearch("sales_invoice", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "order_id": Field("order_id", "int"),
    "store_id": Field("store_id", "int"), "state": Field("state", "int"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})


class Documents(Shipments):
    def __init__(self, sales: SalesService) -> None:
        self.sales = sales
        self.backend = sales.backend
        self.db = sales.db

    def _sequence(self, kind: str, store_id: int) -> str:
        return self.sales.next_increment_id(store_id, kind)

    def _comments(self, comment: Any, parent_id: int, notify: bool = False) -> list[dict[str, Any]]:
        """The document factories add the creation comment; is_customer_notified = appendComment && notify."""
        if not isinstance(comment, dict) or not comment.get("comment"):
            return []
        visible = comment.get("is_visible_on_front", comment.get("isVisibleOnFront", 0))
        return [{"comment": str(comment["comment"]), "created_at": self.backend.clock.stamp(),
                 "entity_id": self.db.next_id("document_comment"), "is_customer_notified": int(notify),
                 "is_visible_on_front": int(bool(typed_value("is_visible_on_front", visible, "int"))),
                 "parent_id": parent_id}]

    # -- invoices ----------------------------------------------------------------------------
    def _invoice_quantities(self, items: OrderItems, requested: dict[int, float]) -> list[tuple[dict[str, Any], float]]:
        """InvoiceService::prepareInvoice (prepareItemsQty, canInvoiceItem, setInvoiceItemQuantity)."""
        prepared = dict(requested)
        for item in items.all:  # prepareItemsQty
            if item["item_id"] in prepared:
                if items.has_children(item):
                    for child in items.children[item["item_id"]]:
                        selection = items.selection_qty(child)
                        if child["item_id"] not in prepared and selection is not None:
                            prepared[child["item_id"]] = selection * prepared[item["item_id"]]
            elif item.get("parent_item_id") in prepared:
                prepared[item["item_id"]] = prepared[item["parent_item_id"]]
        lines = []
        for item in items.all:
            if not self._can_invoice_item(items, item, prepared):
                continue
            dummy = items.is_dummy(item)
            if item["item_id"] in prepared:
                qty = prepared[item["item_id"]]
            elif dummy:
                qty = float(item["qty_ordered"]) or 1.0
            elif not requested:
                qty = items.qty_to_invoice(item)
            else:
                qty = 0.0
            qty = items.cast_qty(item, qty)
            if qty > items.qty_to_invoice(item) + 1e-9 and not dummy:
                # InvoiceService::setInvoiceItemQuantity, thrown before validation
                raise MagentoError('We found an invalid quantity to invoice item "%1".', [item.get("name")])
            lines.append((item, qty))
        return lines

    @staticmethod
    def _can_invoice_item(items: OrderItems, item: dict[str, Any], qtys: dict[int, float]) -> bool:
        if items.is_dummy(item):
            if items.has_children(item):
                for child in items.children[item["item_id"]]:
                    if not qtys:
                        if items.qty_to_invoice(child) > 0:
                            return True
                    elif qtys.get(child["item_id"], 0) > 0:
                        return True
                return False
            parent = items.parent(item)
            if parent is not None:
                return items.qty_to_invoice(parent) > 0 if not qtys else qtys.get(parent["item_id"], 0) > 0
            return False
        return items.qty_to_invoice(item) > 0

    def invoice(self, order_id: Any, items: Any = None, comment: Any = None, *, capture: Any = False,
                notify: Any = False, append_comment: Any = False) -> str:
        """InvoiceOrder::execute: the invoice is paid at once for offline methods (Invoice::register/pay)."""
        with self.db.write() as conn:
            order, order_items = self.sales.load(order_id)
            requested = _requested(items) or {}
            lines = self._invoice_quantities(order_items, requested)
            # Validation/InvoiceOrder: InvoiceQuantityValidator, then CanInvoice
            messages = []
            total_qty = sum(q for _, q in lines)
            if total_qty <= 0:
                messages.append("The invoice can't be created without products. Add products and try again.")
            if order["state"] in ("payment_review", "holded", "canceled", "complete", "closed"):
                messages.append(f"An invoice cannot be created when an order has a status of {order['status']}")
            elif not self.sales.can_invoice(order, order_items):
                messages.append("The order does not allow an invoice to be created.")
            if messages:
                raise _document_error("Invoice", messages)
            now = self.backend.clock.stamp()
            invoice_id = self.db.next_id("invoice")
            doc_items: list[dict[str, Any]] = []
            last = all(order_items.is_dummy(i) or abs(q - order_items.qty_to_invoice(i)) < 1e-9 for i, q in lines)
            for item, qty in lines:
                row = {"base_price": item.get("base_price", 0), "entity_id": self.db.next_id("invoice_item"),
                       "name": item.get("name"), "parent_id": invoice_id, "price": item.get("price", 0),
                       "product_id": item.get("product_id"), "sku": item["sku"], "order_item_id": item["item_id"],
                       "qty": qty}
                # Order/Converter (sales_convert_order_item, Tax's fieldset): copied when the order item has them
                row.update({k: item[k] for k in ("base_cost", "price_incl_tax", "base_price_incl_tax")
                            if item.get(k) is not None})
                if not order_items.is_dummy(item) and qty > 0:
                    self._invoice_item_amounts(item, qty, order_items, row)
                doc_items.append(row)
            subtotal, base_subtotal, discount, base_discount, tax, base_tax = row_totals(doc_items)
            # Invoice/Total/Subtotal: the last invoice takes what is left of the order's subtotal
            allowed = money(order.get("subtotal")) - money(order.get("subtotal_invoiced"))
            base_allowed = money(order.get("base_subtotal")) - money(order.get("base_subtotal_invoiced"))
            subtotal, base_subtotal = (allowed, base_allowed) if last else (min(allowed, subtotal),
                                                                            min(base_allowed, base_subtotal))
            # Invoice/Total/Shipping: the first invoice carries the whole shipping
            with_shipping = bool(money(order.get("shipping_amount"))) and not self.db.one(
                "SELECT 1 FROM sales_invoice WHERE order_id=? AND json_extract(doc, '$.shipping_amount') IS NOT NULL"
                " AND state != 3", (order["entity_id"],))
            shipping = money(order.get("shipping_amount")) if with_shipping else 0.0
            base_shipping = money(order.get("base_shipping_amount")) if with_shipping else 0.0
            shipping_tax = money(order.get("shipping_tax_amount")) if with_shipping else 0.0
            base_shipping_tax = money(order.get("base_shipping_tax_amount")) if with_shipping else 0.0
            if with_shipping:  # Invoice/Total/Discount::isShippingDiscount (first invoice with shipping)
                discount += money(order.get("shipping_discount_amount"))
                base_discount += money(order.get("base_shipping_discount_amount"))
            tax, base_tax = tax + shipping_tax, base_tax + base_shipping_tax
            grand = _round(subtotal + shipping + tax - discount)
            base_grand = _round(base_subtotal + base_shipping + base_tax - base_discount)
            if abs(grand) < 0.0001:
                grand = 0.0
            for item, qty in lines:
                if not order_items.is_dummy(item):
                    # Weee/Model/Total/Invoice/Weee writes the (empty) applied list on every priced row
                    item["weee_tax_applied"] = item.get("weee_tax_applied") or "[]"
                if qty <= 0:
                    continue
                row = next(r for r in doc_items if r["order_item_id"] == item["item_id"])
                item["qty_invoiced"] = money(item["qty_invoiced"]) + qty  # Invoice/Item::register
                for key, source in (("tax_invoiced", "tax_amount"), ("discount_invoiced", "discount_amount"),
                                    ("row_invoiced", "row_total"),
                                    ("discount_tax_compensation_invoiced", "discount_tax_compensation_amount")):
                    item[key] = round(money(item.get(key)) + money(row.get(source)), 4)
                    item["base_" + key] = round(money(item.get("base_" + key)) + money(row.get("base_" + source)), 4)
            # Invoice::register: order totals; Invoice::pay: total_paid (offline methods are paid at once)
            for key, value, base in (("total_invoiced", grand, base_grand), ("subtotal_invoiced", subtotal, base_subtotal),
                                     ("tax_invoiced", tax, base_tax), ("shipping_invoiced", shipping, base_shipping),
                                     ("shipping_tax_invoiced", shipping_tax, base_shipping_tax),
                                     ("discount_invoiced", -discount, -base_discount),
                                     ("discount_tax_compensation_invoiced", 0.0, 0.0),
                                     ("total_paid", grand, base_grand)):
                order[key] = round(money(order.get(key)) + value, 4)
                order["base_" + key] = round(money(order.get("base_" + key)) + base, 4)
            # Invoice/Total/Cost: the cost of the rows without children
            order["base_total_invoiced_cost"] = round(money(order.get("base_total_invoiced_cost")) + sum(
                money(i.get("base_cost")) * q for i, q in lines if not order_items.has_children(i)), 4)
            payment = order.setdefault("payment", {})
            payment["amount_paid"] = round(money(payment.get("amount_paid")) + grand, 4)
            payment["base_amount_paid"] = round(money(payment.get("base_amount_paid")) + base_grand, 4)
            if with_shipping:
                payment["shipping_captured"] = shipping
                payment["base_shipping_captured"] = base_shipping
            order["state"] = self.sales.resolve_state(order, order_items, in_progress=True)
            order["status"] = STATE_DEFAULT_STATUS[order["state"]]
            priced = [r for r in doc_items if "row_total" in r]
            doc = {"base_currency_code": order.get("base_currency_code"), "base_discount_amount": -base_discount,
                   "base_grand_total": base_grand, "base_shipping_amount": base_shipping,
                   "base_shipping_tax_amount": base_shipping_tax, "base_subtotal": base_subtotal,
                   # Invoice/Total/Subtotal: the incl-tax subtotal is the rows' (not capped like subtotal)
                   "base_subtotal_incl_tax": _round(sum(money(r.get("base_row_total_incl_tax")) for r in priced)),
                   "subtotal_incl_tax": _round(sum(money(r.get("row_total_incl_tax")) for r in priced)),
                   "discount_tax_compensation_amount": _round(sum(
                       money(r.get("discount_tax_compensation_amount")) for r in priced)),
                   "base_discount_tax_compensation_amount": _round(sum(
                       money(r.get("base_discount_tax_compensation_amount")) for r in priced)),
                   "shipping_incl_tax": order.get("shipping_incl_tax"),
                   "base_shipping_incl_tax": order.get("base_shipping_incl_tax"),
                   "shipping_discount_tax_compensation_amount": money(
                       order.get("shipping_discount_tax_compensation_amount")),
                   "base_shipping_discount_tax_compensation_amnt": money(
                       order.get("base_shipping_discount_tax_compensation_amnt")),
                   "store_to_base_rate": order.get("store_to_base_rate"),
                   "store_to_order_rate": order.get("store_to_order_rate"),
                   "base_tax_amount": base_tax, "base_to_global_rate": order.get("base_to_global_rate", 1),
                   "base_to_order_rate": order.get("base_to_order_rate", 1),
                   "billing_address_id": order.get("billing_address_id"), "can_void_flag": 0, "created_at": now,
                   # the invoice sender sets email_sent only when it sends (notify); otherwise it stays null
                   "discount_amount": -discount, "email_sent": 1 if _flag(notify) else None, "entity_id": invoice_id,
                   "global_currency_code": order.get("global_currency_code"), "grand_total": grand,
                   "increment_id": self._sequence("invoice", order["store_id"]),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "shipping_tax_amount": shipping_tax, "state": INVOICE_STATE_PAID,
                   "store_currency_code": order.get("store_currency_code"), "store_id": order["store_id"],
                   "subtotal": subtotal, "tax_amount": tax, "total_qty": total_qty, "updated_at": now,
                   # Invoice::register: a row without quantity is deleted, not saved
                   "items": [r for r in doc_items if r["qty"] > 0],
                   "comments": self._comments(comment, invoice_id, _flag(append_comment) and _flag(notify))}
            if not with_shipping:
                for key in ("shipping_amount", "base_shipping_amount", "shipping_tax_amount", "base_shipping_tax_amount",
                            "shipping_incl_tax", "base_shipping_incl_tax", "shipping_discount_tax_compensation_amount",
                            "base_shipping_discount_tax_compensation_amnt"):
                    del doc[key]
            doc = {k: v for k, v in doc.items() if v is not None}
            shipping_address = ((order.get("extension_attributes") or {}).get("shipping_assignments") or [{}])[0]
            if shipping_address.get("shipping", {}).get("address", {}).get("entity_id"):
                doc["shipping_address_id"] = shipping_address["shipping"]["address"]["entity_id"]
            conn.execute("INSERT INTO sales_invoice VALUES (?,?,?,?,?,?,?,?,?)",
                         (invoice_id, doc["increment_id"], order["entity_id"], order["store_id"], INVOICE_STATE_PAID,
                          grand, now, now, json.dumps(doc)))
            self.sales.save(order, order_items, [i for i, q in lines if q > 0 or not order_items.is_dummy(i)])
        # The id comes back as PDO's lastInsertId: a JSON string (recordings: "4").
        return str(invoice_id)

    @staticmethod
    def _invoice_item_amounts(item: dict[str, Any], qty: float, items: OrderItems, row: dict[str, Any]) -> None:
        """Invoice/Item::calcRowTotal and the Discount and Tax collectors for one item."""
        ordered = money(item["qty_ordered"])
        available = ordered - money(item["qty_invoiced"])
        is_last = abs(qty - items.qty_to_invoice(item)) < 1e-9
        for key, invoiced in (("row_total", "row_invoiced"), ("discount_amount", "discount_invoiced"),
                              ("tax_amount", "tax_invoiced"),
                              ("discount_tax_compensation_amount", "discount_tax_compensation_invoiced")):
            if key == "discount_amount" and not money(item.get("discount_amount")):
                continue  # Invoice/Total/Discount sets a row's discount only when its order item has one
            for prefix in ("", "base_"):
                left = money(item.get(prefix + key)) - money(item.get(prefix + invoiced))
                row[prefix + key] = _round(left if is_last or not available else left / available * qty)
        for key in ("row_total_incl_tax", "base_row_total_incl_tax"):
            if item.get(key) and ordered:
                row[key] = _round(money(item[key]) / ordered * qty)

    def _document(self, table: str, doc_id: Any) -> dict[str, Any]:
        """One stored invoice, shipment or credit memo document; 404 as the repositories answer."""
        row = self.db.one(f"SELECT doc FROM {table} WHERE entity_id=?", (_key(doc_id),))
        if row is None:
            raise entity_not_found()
        return dict(json.loads(row[0]))

    def get_invoice(self, invoice_id: Any) -> dict[str, Any]:
        return self._document("sales_invoice", invoice_id)

    def invoices(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, INVOICES, criteria, config=self.backend.config)
        return search_result([self.get_invoice(i) for i in ids], criteria, total)

    def capture(self, invoice_id: Any) -> bool:
        """InvoiceManagement::setCapture -> Invoice::capture -> the offline method's capture():
        checkmo & co. cannot capture (Payment/Model/Method/AbstractMethod::capture)."""
        self.get_invoice(invoice_id)
        raise MagentoError("The capture action is not available.")

    def void(self, invoice_id: Any) -> bool:
        """InvoiceManagement::setVoid -> Payment::void -> AbstractMethod::void for offline methods."""
        self.get_invoice(invoice_id)
        raise MagentoError("The void action is not available.")

    def notify(self, kind: str, entity_id: Any) -> bool:
        """{Invoice,Shipment,Creditmemo}Management::notify: the email is 'sent'."""
        getter = {"invoice": self.get_invoice, "shipment": self.get_shipment}.get(kind)
        if getter is not None:
            getter(entity_id)
        else:
            row = self.db.one("SELECT 1 FROM sales_creditmemo WHERE entity_id=?", (_key(entity_id),))
            if row is None:
                raise entity_not_found()
        return True

    # -- repository saves (POST /V1/invoices/, /V1/shipment/, /V1/creditmemo) ------------------
    def save_document(self, kind: str, entity: Any) -> dict[str, Any]:
        """{Invoice,Shipment,Creditmemo}Repository::save of a document body: the entity is written as
        sent (nulls left out) with its items, tracks and comments through the resource model's
        relations; no register/pay/refund runs and the order is not touched.

        * no entity_id: a new row, increment id from the sequence unless sent (EntityAbstract::
          _beforeSave), store id from the order; the order must exist (the row's foreign key).
        * an existing entity_id: the sent scalar fields are written over it, updated_at moves;
          items without a known entity_id, tracks and comments are added.
        * an unknown entity_id: the UPDATE matches no row, so an entity without items, tracks or
          comments is answered as sent; any relation row then fails on its foreign key.

        Failures: ShipmentRepository and CreditmemoRepository wrap every exception as their
        CouldNotSaveException; InvoiceRepository does not, so a missing order is the masked 500
        and a comment error the resource model's "Cannot save comment:\n%1".
        """
        from fake_magento.backend.sales.entity_types import (
            DOCUMENT_FIELDS,
            DOCUMENT_ITEM_FIELDS,
            typed_entity,
        )

        spec = SAVE_SPECS[kind]
        data = typed_entity(dict(entity) if isinstance(entity, dict) else {}, DOCUMENT_FIELDS[kind])
        items_in = [typed_entity(r, DOCUMENT_ITEM_FIELDS[kind]) for r in _rows(data.get("items"))]
        tracks_in = _rows(data.get("tracks")) if kind == "shipment" else []
        comments_in = _rows(data.get("comments"))
        entity_id = data.get("entity_id")
        now = self.backend.clock.stamp()
        with self.db.write() as conn:
            row = self.db.one(f"SELECT doc FROM {spec.table} WHERE entity_id=?", (entity_id,)) if entity_id else None
            scalars = {k: v for k, v in data.items() if v is not None and not isinstance(v, (dict, list))
                       and k not in ("entity_id", "created_at", "updated_at")}
            if entity_id and row is None:
                if items_in or tracks_in or comments_in or (kind == "shipment" and data.get("items") is not None):
                    raise spec.failure()
                echo: dict[str, Any] = {**scalars, "entity_id": entity_id, "items": [], "comments": []}
                if kind == "shipment":
                    echo["tracks"] = []
                return {**{k: None for k in spec.required}, **echo}
            if row is None:
                order_id = data.get("order_id")
                order = self.db.one("SELECT store_id FROM sales_order WHERE entity_id=?", (order_id,)) \
                    if order_id else None
                if order is None:
                    raise spec.failure()
                doc: dict[str, Any] = {**scalars, "entity_id": self.db.next_id(kind), "order_id": order_id,
                                       "created_at": now, "items": [], "comments": []}
                doc.setdefault("store_id", int(order[0]))
                doc.setdefault("increment_id", self._sequence(kind, int(order[0])))
                for key in spec.required:  # non-nullable getters answer null (DataObjectProcessor)
                    doc.setdefault(key, None)
            else:
                doc = dict(json.loads(row[0]))
                doc.update(scalars)
            doc["updated_at"] = now
            if kind == "shipment" and (row is None or data.get("items") is not None) and not (doc["items"] or items_in):
                raise spec.failure()  # ResourceModel/Order/Shipment: "We cannot create an empty shipment."
            self._save_items(kind, doc, items_in)
            for raw in comments_in:
                spec.check_comment(raw)
                doc["comments"] = doc["comments"] + [comment_row(self.backend, raw, doc["entity_id"])]
            tracks = []
            for raw in tracks_in:
                if any(raw.get(k) in (None, "", "0", 0, False) for k in ("order_id", "track_number", "carrier_code")):
                    raise spec.failure()  # Shipment/Track/Validator, wrapped by ShipmentRepository::save
                tracks.append((raw, typed_value("order_id", raw["order_id"], "int")))
            self._write_document(conn, kind, doc)
            for raw, order_id in tracks:
                self._insert_track(conn, raw, doc["entity_id"], order_id)
        return spec.getter(self)(doc["entity_id"])

    def _save_items(self, kind: str, doc: dict[str, Any], items_in: list[dict[str, Any]]) -> None:
        """The relation saves each item with parent_id = the document; a known entity_id is updated."""
        known = {i.get("entity_id"): i for i in doc["items"]}
        for raw in items_in:
            item = {k: v for k, v in raw.items() if v is not None}
            item["order_item_id"], item["qty"] = raw.get("order_item_id"), raw.get("qty")  # required getters
            item_id = raw.get("entity_id")
            if item_id in known:
                known[item_id].update(item)
                continue
            if kind != "shipment":
                known_row = self.db.one("SELECT doc FROM sales_order_item WHERE item_id=? AND order_id=?",
                                        (item["order_item_id"], doc["order_id"]))
                source = json.loads(known_row[0]) if known_row else {}
                # InvoiceItemInterface/CreditmemoItemInterface require these; from the order item (emulator choice)
                item.setdefault("base_cost", money(source.get("base_cost")))
                item.setdefault("base_price", money(source.get("base_price")))
                item.setdefault("sku", source.get("sku"))
            item.update({"entity_id": self.db.next_id(f"{kind}_item"), "parent_id": doc["entity_id"]})
            doc["items"] = doc["items"] + [item]

    def _write_document(self, conn: Any, kind: str, doc: dict[str, Any]) -> None:
        """Insert or update one invoice, shipment or credit memo row (tracks live in their own table)."""
        table, extra = SAVE_SPECS[kind].table, SAVE_SPECS[kind].columns
        columns = ("entity_id", "increment_id", "order_id", "store_id", *extra, "created_at", "updated_at", "doc")
        stored = {k: v for k, v in doc.items() if k != "tracks"}
        values = (doc["entity_id"], str(doc["increment_id"]), doc["order_id"], doc.get("store_id"),
                  *(doc.get(c) for c in extra), doc["created_at"], doc["updated_at"], json.dumps(stored))
        updates = ", ".join(f"{c}=excluded.{c}" for c in columns[1:])
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
                     f" ON CONFLICT(entity_id) DO UPDATE SET {updates}", values)


def _rows(value: Any) -> list[dict[str, Any]]:
    """A list body field (or PHP-style object of rows), each row a dict."""
    rows = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [dict(r) for r in rows if isinstance(r, dict)]


def _invoice_comment_check(raw: dict[str, Any]) -> None:
    """Invoice/Comment/Validator via ResourceModel/Order/Invoice/Comment::_beforeSave: the invoice
    relation does not set parent_id, and InvoiceRepository::save lets the error through."""
    errors = []
    for code, label in (("parent_id", "Parent Invoice Id"), ("comment", "Comment")):
        if code not in raw:
            errors.append(f'"{label}" is required. Enter and try again.')
        elif raw[code] in (None, "", "0", 0, False, [], {}):
            errors.append(f"{label} can not be empty")
    if errors:
        raise MagentoError("Cannot save comment:\n%1", ["\n".join(errors)])


class _SaveSpec:
    def __init__(self, table: str, columns: tuple[str, ...], required: tuple[str, ...], failure: Any,
                 getter: Any, check_comment: Any) -> None:
        self.table, self.columns, self.required = table, columns, required
        self.failure, self.getter, self.check_comment = failure, getter, check_comment


def _wrapped_comment_check(message: str) -> Any:
    """Shipment (relation sets parent_id) and credit memo comments: Comment required and not empty,
    any error wrapped by the repository's CouldNotSaveException."""
    def check(raw: dict[str, Any]) -> None:
        if raw.get("comment") in (None, "", "0", 0, False):
            raise could_not_save(message)
    return check


SAVE_SPECS = {
    "invoice": _SaveSpec("sales_invoice", ("state", "grand_total"), ("total_qty",),
                         lambda: InternalError("sales_invoice insert: foreign key on order_id"),
                         lambda docs: docs.get_invoice, _invoice_comment_check),
    "shipment": _SaveSpec("sales_shipment", ("total_qty",), (),
                          lambda: could_not_save("The shipment couldn't be saved."),
                          lambda docs: docs.get_shipment, _wrapped_comment_check("The shipment couldn't be saved.")),
    "creditmemo": _SaveSpec("sales_creditmemo", ("state", "grand_total"), (),
                            lambda: could_not_save("The credit memo couldn't be saved."),
                            lambda docs: docs.get_creditmemo,
                            _wrapped_comment_check("The credit memo couldn't be saved.")),
}

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
            raise could_not_save(f"Could not save the {kind} comment.")
        comment = comment_row(self.backend, data, parent)
        doc["comments"] = doc.get("comments", []) + [comment]
        with self.db.write() as conn:
            conn.execute(f"UPDATE {COMMENT_TABLES[kind]} SET doc=? WHERE entity_id=?", (json.dumps(doc), parent))
        return comment


def comment_row(backend: Any, data: dict[str, Any], parent_id: int) -> dict[str, Any]:
    """A document comment row (Invoice/Shipment/Creditmemo CommentInterface setters; flags default 0)."""
    return {"comment": typed_value("comment", data.get("comment", ""), "string"),
            "created_at": backend.clock.stamp(), "entity_id": backend.db.next_id("document_comment"),
            "is_customer_notified": int(typed_value("is_customer_notified",
                                                    _zero(data.get("is_customer_notified")), "int")),
            "is_visible_on_front": int(typed_value("is_visible_on_front",
                                                   _zero(data.get("is_visible_on_front")), "int")),
            "parent_id": parent_id}


def _zero(value: Any) -> Any:
    return 0 if value is None else value


