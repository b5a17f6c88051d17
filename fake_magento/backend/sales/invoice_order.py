"""InvoiceOrder (Sales/Model/InvoiceOrder, POST /V1/order/{id}/invoice) with Magento's bookkeeping.

Quantities follow Order/Item (see items.py), with the dummy-item rules of InvoiceService::
prepareInvoice. Validation errors are one 400 message, "Invoice Document Validation Error(s):\n" +
the rendered messages (Sales/Model/Order/Validation/InvoiceOrder). The state resolver
(Order/StateResolver) then moves new -> processing, and the order save's state handler
processing -> complete / closed. Offline methods are paid at once (Invoice::register/pay).
"""
from __future__ import annotations

import json
from typing import Any

from fake_magento.backend.clock import Clock
from fake_magento.backend.money import amount, round_price, stored
from fake_magento.backend.sales.common import (
    INVOICE_STATE_PAID,
    document_error,
    next_increment_id,
    row_totals,
    shipping_address_id,
)
from fake_magento.backend.sales.document_comments import creation_comments
from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.orders import OrderRepository
from fake_magento.backend.sales.states import STATE_DEFAULT_STATUS, can_invoice, resolve_state
from fake_magento.errors import MagentoError


class InvoiceOrder:
    def __init__(self, orders: OrderRepository, clock: Clock) -> None:
        self.sales, self.db, self.clock = orders, orders.db, clock

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

    def execute(self, order_id: int | None, items: dict[int, float] | None = None, *, capture: bool = False,
                notify: bool = False, append_comment: bool = False, comment: dict[str, Any] | None = None,
                arguments: dict[str, Any] | None = None) -> str:
        """InvoiceOrder::execute. ``items``: quantities by order item id (None or empty: everything
        left); ``comment``: the creation comment (text, is_visible_on_front). ``capture`` and
        ``arguments`` change nothing for the offline methods the emulator has."""
        with self.db.write() as conn:
            order, order_items = self.sales.load(order_id)
            requested = items or {}
            lines = self._invoice_quantities(order_items, requested)
            # Validation/InvoiceOrder: InvoiceQuantityValidator, then CanInvoice
            messages = []
            total_qty = sum(q for _, q in lines)
            if total_qty <= 0:
                messages.append("The invoice can't be created without products. Add products and try again.")
            if order["state"] in ("payment_review", "holded", "canceled", "complete", "closed"):
                messages.append(f"An invoice cannot be created when an order has a status of {order['status']}")
            elif not can_invoice(order, order_items):
                messages.append("The order does not allow an invoice to be created.")
            if messages:
                raise document_error("Invoice", messages)
            now = self.clock.stamp()
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
            allowed = amount(order.get("subtotal")) - amount(order.get("subtotal_invoiced"))
            base_allowed = amount(order.get("base_subtotal")) - amount(order.get("base_subtotal_invoiced"))
            subtotal, base_subtotal = (allowed, base_allowed) if last else (min(allowed, subtotal),
                                                                            min(base_allowed, base_subtotal))
            # Invoice/Total/Shipping: the first invoice carries the whole shipping
            with_shipping = bool(amount(order.get("shipping_amount"))) and not self.db.one(
                "SELECT 1 FROM sales_invoice WHERE order_id=? AND json_extract(doc, '$.shipping_amount') IS NOT NULL"
                " AND state != 3", (order["entity_id"],))
            shipping = amount(order.get("shipping_amount")) if with_shipping else 0.0
            base_shipping = amount(order.get("base_shipping_amount")) if with_shipping else 0.0
            shipping_tax = amount(order.get("shipping_tax_amount")) if with_shipping else 0.0
            base_shipping_tax = amount(order.get("base_shipping_tax_amount")) if with_shipping else 0.0
            if with_shipping:  # Invoice/Total/Discount::isShippingDiscount (first invoice with shipping)
                discount += amount(order.get("shipping_discount_amount"))
                base_discount += amount(order.get("base_shipping_discount_amount"))
            tax, base_tax = tax + shipping_tax, base_tax + base_shipping_tax
            grand = round_price(subtotal + shipping + tax - discount)
            base_grand = round_price(base_subtotal + base_shipping + base_tax - base_discount)
            if abs(grand) < 0.0001:
                grand = 0.0
            for item, qty in lines:
                if not order_items.is_dummy(item):
                    # Weee/Model/Total/Invoice/Weee writes the (empty) applied list on every priced row
                    item["weee_tax_applied"] = item.get("weee_tax_applied") or "[]"
                if qty <= 0:
                    continue
                row = next(r for r in doc_items if r["order_item_id"] == item["item_id"])
                item["qty_invoiced"] = amount(item["qty_invoiced"]) + qty  # Invoice/Item::register
                for key, source in (("tax_invoiced", "tax_amount"), ("discount_invoiced", "discount_amount"),
                                    ("row_invoiced", "row_total"),
                                    ("discount_tax_compensation_invoiced", "discount_tax_compensation_amount")):
                    item[key] = stored(amount(item.get(key)) + amount(row.get(source)))
                    item["base_" + key] = stored(amount(item.get("base_" + key)) + amount(row.get("base_" + source)))
            # Invoice::register: order totals; Invoice::pay: total_paid (offline methods are paid at once)
            for key, value, base in (("total_invoiced", grand, base_grand), ("subtotal_invoiced", subtotal, base_subtotal),
                                     ("tax_invoiced", tax, base_tax), ("shipping_invoiced", shipping, base_shipping),
                                     ("shipping_tax_invoiced", shipping_tax, base_shipping_tax),
                                     ("discount_invoiced", -discount, -base_discount),
                                     ("discount_tax_compensation_invoiced", 0.0, 0.0),
                                     ("total_paid", grand, base_grand)):
                order[key] = stored(amount(order.get(key)) + value)
                order["base_" + key] = stored(amount(order.get("base_" + key)) + base)
            # Invoice/Total/Cost: the cost of the rows without children
            order["base_total_invoiced_cost"] = stored(amount(order.get("base_total_invoiced_cost")) + sum(
                amount(i.get("base_cost")) * q for i, q in lines if not order_items.has_children(i)))
            payment = order.setdefault("payment", {})
            payment["amount_paid"] = stored(amount(payment.get("amount_paid")) + grand)
            payment["base_amount_paid"] = stored(amount(payment.get("base_amount_paid")) + base_grand)
            if with_shipping:
                payment["shipping_captured"] = shipping
                payment["base_shipping_captured"] = base_shipping
            order["state"] = resolve_state(order, order_items, in_progress=True)
            order["status"] = STATE_DEFAULT_STATUS[order["state"]]
            priced = [r for r in doc_items if "row_total" in r]
            doc = {"base_currency_code": order.get("base_currency_code"), "base_discount_amount": -base_discount,
                   "base_grand_total": base_grand, "base_shipping_amount": base_shipping,
                   "base_shipping_tax_amount": base_shipping_tax, "base_subtotal": base_subtotal,
                   # Invoice/Total/Subtotal: the incl-tax subtotal is the rows' (not capped like subtotal)
                   "base_subtotal_incl_tax": round_price(sum(amount(r.get("base_row_total_incl_tax")) for r in priced)),
                   "subtotal_incl_tax": round_price(sum(amount(r.get("row_total_incl_tax")) for r in priced)),
                   "discount_tax_compensation_amount": round_price(sum(
                       amount(r.get("discount_tax_compensation_amount")) for r in priced)),
                   "base_discount_tax_compensation_amount": round_price(sum(
                       amount(r.get("base_discount_tax_compensation_amount")) for r in priced)),
                   "shipping_incl_tax": order.get("shipping_incl_tax"),
                   "base_shipping_incl_tax": order.get("base_shipping_incl_tax"),
                   "shipping_discount_tax_compensation_amount": amount(
                       order.get("shipping_discount_tax_compensation_amount")),
                   "base_shipping_discount_tax_compensation_amnt": amount(
                       order.get("base_shipping_discount_tax_compensation_amnt")),
                   "store_to_base_rate": order.get("store_to_base_rate"),
                   "store_to_order_rate": order.get("store_to_order_rate"),
                   "base_tax_amount": base_tax, "base_to_global_rate": order.get("base_to_global_rate", 1),
                   "base_to_order_rate": order.get("base_to_order_rate", 1),
                   "billing_address_id": order.get("billing_address_id"), "can_void_flag": 0, "created_at": now,
                   # the invoice sender sets email_sent only when it sends (notify); otherwise it stays null
                   "discount_amount": -discount, "email_sent": 1 if notify else None, "entity_id": invoice_id,
                   "global_currency_code": order.get("global_currency_code"), "grand_total": grand,
                   "increment_id": next_increment_id(self.db, order["store_id"], "invoice"),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "shipping_tax_amount": shipping_tax, "state": INVOICE_STATE_PAID,
                   "store_currency_code": order.get("store_currency_code"), "store_id": order["store_id"],
                   "subtotal": subtotal, "tax_amount": tax, "total_qty": total_qty, "updated_at": now,
                   # Invoice::register: a row without quantity is deleted, not saved
                   "items": [r for r in doc_items if r["qty"] > 0],
                   "comments": creation_comments(self.db, self.clock, comment, invoice_id, append_comment and notify)}
            if not with_shipping:
                for key in ("shipping_amount", "base_shipping_amount", "shipping_tax_amount", "base_shipping_tax_amount",
                            "shipping_incl_tax", "base_shipping_incl_tax", "shipping_discount_tax_compensation_amount",
                            "base_shipping_discount_tax_compensation_amnt"):
                    del doc[key]
            doc = {k: v for k, v in doc.items() if v is not None}
            if shipping_address_id(order):
                doc["shipping_address_id"] = shipping_address_id(order)
            conn.execute("INSERT INTO sales_invoice VALUES (?,?,?,?,?,?,?,?,?)",
                         (invoice_id, doc["increment_id"], order["entity_id"], order["store_id"], INVOICE_STATE_PAID,
                          grand, now, now, json.dumps(doc)))
            self.sales.save(order, order_items, [i for i, q in lines if q > 0 or not order_items.is_dummy(i)])
        # The id comes back as PDO's lastInsertId: a JSON string (recordings: "4").
        return str(invoice_id)

    @staticmethod
    def _invoice_item_amounts(item: dict[str, Any], qty: float, items: OrderItems, row: dict[str, Any]) -> None:
        """Invoice/Item::calcRowTotal and the Discount and Tax collectors for one item."""
        ordered = amount(item["qty_ordered"])
        available = ordered - amount(item["qty_invoiced"])
        is_last = abs(qty - items.qty_to_invoice(item)) < 1e-9
        for key, invoiced in (("row_total", "row_invoiced"), ("discount_amount", "discount_invoiced"),
                              ("tax_amount", "tax_invoiced"),
                              ("discount_tax_compensation_amount", "discount_tax_compensation_invoiced")):
            if key == "discount_amount" and not amount(item.get("discount_amount")):
                continue  # Invoice/Total/Discount sets a row's discount only when its order item has one
            for prefix in ("", "base_"):
                left = amount(item.get(prefix + key)) - amount(item.get(prefix + invoiced))
                row[prefix + key] = round_price(left if is_last or not available else left / available * qty)
        for key in ("row_total_incl_tax", "base_row_total_incl_tax"):
            if item.get(key) and ordered:
                row[key] = round_price(amount(item[key]) / ordered * qty)
