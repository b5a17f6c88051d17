"""RefundOrder and RefundInvoice (Sales/Model/RefundOrder, RefundInvoice, Order/Creditmemo/Total/*,
Validation/RefundOrder and RefundInvoice): credit memos, offline.

Quantities: qty_to_refund = invoiced - refunded. Without items, everything refundable is refunded
with the remaining shipping. The credit memo total is subtotal + shipping + adjustment_positive -
adjustment_negative and may not exceed what was paid and not yet refunded.
"""
from __future__ import annotations

import json
from typing import Any

from fake_magento.backend.clock import Clock
from fake_magento.backend.money import amount, round_price, stored
from fake_magento.backend.sales.common import (
    CREDITMEMO_STATE_REFUNDED,
    CURRENCY_SYMBOLS,
    INVOICE_STATE_PAID,
    STOCK_TYPES,
    document_error,
    next_increment_id,
    row_totals,
    shipping_address_id,
)
from fake_magento.backend.sales.creditmemo_factory import (
    RefundArguments,
    invoice_limits,
    memo_item_amounts,
    memo_quantities,
    php_float,
)
from fake_magento.backend.sales.document_comments import creation_comments
from fake_magento.backend.sales.documents import InvoiceRepository
from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.orders import OrderRepository
from fake_magento.backend.sales.refund_checks import method_refunds_per_invoice, return_refusal
from fake_magento.backend.sales.refund_stock import RefundStock, deduct_on_refund
from fake_magento.backend.sales.states import STATE_DEFAULT_STATUS, STATE_STATUSES, resolve_state
from fake_magento.errors import MagentoError


class RefundOrder:
    def __init__(self, orders: OrderRepository, clock: Clock, inventory: RefundStock) -> None:
        self.sales, self.db, self.clock, self.inventory = orders, orders.db, clock, inventory

    def execute(self, order_id: int | None, items: dict[int, float] | None = None, *, notify: bool = False,
                append_comment: bool = False, comment: dict[str, Any] | None = None,
                arguments: RefundArguments | None = None) -> str:
        """RefundOrder::execute. ``items``: quantities by order item id (None or empty: everything
        refundable); ``comment``: the creation comment (text, is_visible_on_front)."""
        return self.refund(order_id, items, arguments, comment, notify=notify, append_comment=append_comment)

    def refund(self, order_id: int | None, items: dict[int, float] | None, arguments: RefundArguments | None,
               comment: dict[str, Any] | None, *, invoice: dict[str, Any] | None = None,
               limits: dict[int, float] | None = None, notify: bool = False, append_comment: bool = False,
               management: bool = False) -> str:
        """RefundOrder::execute (and RefundInvoice with ``invoice``/``limits``; CreditmemoManagement::
        refund with ``management``, which leaves the order's customer_note_notify alone)."""
        args = arguments or RefundArguments()
        with self.db.write() as conn:
            order, order_items = self.sales.load(order_id)
            requested = items or {}
            lines = memo_quantities(order_items, requested, limits)
            for item, qty in lines:
                # Creditmemo/Item::processQty, run by calcRowTotal while the factory collects totals
                if not order_items.is_dummy(item) and order_items.cast_qty(item, qty) > order_items.qty_to_refund(item) + 1e-9:
                    raise MagentoError('We found an invalid quantity to refund item "%1".', [item.get("name")])
            # Order/Creditmemo/Total/Shipping: the remaining shipping unless an amount is given
            shipping_left = stored(amount(order.get("shipping_amount")) - amount(order.get("shipping_refunded")))
            base_shipping_left = stored(amount(order.get("base_shipping_amount"))
                                       - amount(order.get("base_shipping_refunded")))
            if args.shipping_amount is not None:
                desired = round_price(args.shipping_amount.of(base_shipping_left))
                if desired >= round_price(base_shipping_left) + 0.0001:
                    symbol = CURRENCY_SYMBOLS.get(order.get("base_currency_code", "USD"), "")
                    raise MagentoError("Maximum shipping amount allowed to refund is: %1",
                                       [f"{symbol}{base_shipping_left:,.2f}"])
                if desired and amount(order.get("base_shipping_amount")) <= 0:
                    # Order/Creditmemo/Total/Discount::collect
                    raise MagentoError("You can not refund shipping if there is no shipping amount.")
                ratio = desired / amount(order.get("base_shipping_amount")) if amount(order.get("base_shipping_amount")) else 0
                if desired > base_shipping_left - 0.0001:
                    shipping, base_shipping = shipping_left, base_shipping_left
                else:
                    shipping = round_price(amount(order.get("shipping_amount")) * ratio)
                    base_shipping = round_price(amount(order.get("base_shipping_amount")) * ratio)
            elif invoice is not None:
                # CreditmemoFactory::getShippingAmount: the invoice's shipping less what was refunded
                shipping = base_shipping = min(shipping_left, amount(invoice.get("shipping_amount")))
            else:
                shipping, base_shipping = shipping_left, base_shipping_left
            rows: list[dict[str, Any]] = []
            memo_id = self.db.next_id("creditmemo")
            for item, qty in lines:
                # CreditmemoItemInterface::getBaseCost is not nullable: null when the order item has none
                row = {"base_cost": item.get("base_cost"), "base_price": item.get("base_price", 0),
                       "entity_id": None, "name": item.get("name"), "order_item_id": item["item_id"],
                       "parent_id": memo_id, "price": item.get("price", 0), "product_id": item.get("product_id"),
                       "sku": item["sku"], "qty": qty}
                row.update({k: item[k] for k in ("price_incl_tax", "base_price_incl_tax") if item.get(k) is not None})
                if not order_items.is_dummy(item):
                    memo_item_amounts(item, order_items.cast_qty(item, qty), order_items, row)
                rows.append(row)
            subtotal, base_subtotal, discount, base_discount, tax, base_tax = row_totals(rows)
            shipping_tax = 0.0
            if base_shipping and amount(order.get("base_shipping_amount")):
                # Creditmemo/Total/Discount: the shipping discount in proportion
                base_ship_discount = base_shipping * amount(order.get("base_shipping_discount_amount")) \
                    / amount(order.get("base_shipping_amount"))
                discount += amount(order.get("shipping_amount")) * base_ship_discount / amount(order.get("base_shipping_amount"))
                base_discount += base_ship_discount
                ship_tax = amount(order.get("shipping_tax_amount")) - amount(order.get("shipping_tax_refunded"))
                if ship_tax and base_shipping_left:
                    shipping_tax = round_price(ship_tax * base_shipping / base_shipping_left)
                    tax += shipping_tax
                    base_tax += shipping_tax
            positive = args.adjustment_positive.of(subtotal) if args.adjustment_positive else 0.0
            negative = args.adjustment_negative.of(subtotal) if args.adjustment_negative else 0.0
            grand = round_price(subtotal + shipping + tax - discount + positive - negative)
            base_grand = round_price(base_subtotal + base_shipping + base_tax - base_discount + positive - negative)
            messages: list[str] = []
            # Validation/CanRefund (order)
            if order["state"] in ("payment_review", "holded", "canceled", "closed"):
                messages.append(f"A creditmemo can not be created when an order has a status of {order['status']}")
            elif not (abs(round_price(amount(order.get("total_paid"))) - amount(order.get("total_refunded"))) >= 0.0001
                      or amount(order.get("total_paid")) == 0):  # allow_zero_grandtotal = 1 (Sales/etc/config.xml)
                messages.append("The order does not allow a creditmemo to be created.")
            if invoice is not None and not (invoice.get("state") == INVOICE_STATE_PAID
                                            and any(v > 0 for v in (limits or {}).values())
                                            and method_refunds_per_invoice(order)):
                messages.append("We can't create creditmemo for the invoice.")
            # Creditmemo/Validation/QuantityValidator (items of the credit memo)
            by_id = order_items.by_id
            for item, qty in lines:
                if not item.get("is_qty_decimal") and int(qty) != qty:
                    messages.append(f'We found an invalid quantity to refund item "{item["sku"]}".')
                elif not order_items.is_dummy(item) and (
                        qty > order_items.qty_to_refund(item) + 1e-9
                        or (limits is not None and item["item_id"] in limits and limits[item["item_id"]] <= 0)):
                    messages.append("The quantity to creditmemo must not be greater than the unrefunded quantity"
                                    f' for product SKU "{item["sku"]}".')
            # Creditmemo/Validation/TotalsValidator
            available = amount(order.get("base_total_paid")) - amount(order.get("base_total_refunded"))
            if round_price(amount(order.get("base_total_refunded")) + base_grand) > round_price(amount(order.get("base_total_paid"))):
                messages.append(f"The most money available to refund is {php_float(available)}.")
            # Creditmemo/Item/Validation/CreationQuantityValidator (the requested items)
            for item_id, qty in requested.items():
                known = by_id.get(item_id)
                if known is None:
                    messages.append("The creditmemo contains product item that is not part of the original order.")
                elif order_items.is_dummy(known):
                    messages.append("The creditmemo contains incorrect product items.")
                elif qty > order_items.qty_to_refund(known) + 1e-9:
                    messages.append("The quantity to refund must not be greater than the unrefunded quantity.")
            back_ids = list(args.return_to_stock_items)
            back_to_stock = set(back_ids)
            returned = return_refusal(self.db, back_ids, {i["item_id"] for i, _ in lines})
            if returned:
                messages.append(returned)
            if messages:
                raise document_error("Creditmemo", messages)
            now = self.clock.stamp()
            website_id = self.sales.website_id(order)
            changed = []
            for (item, qty), row in zip(lines, rows):
                row["entity_id"] = self.db.next_id("creditmemo_item")
                if qty <= 0:
                    continue
                qty = order_items.cast_qty(item, qty)
                refundable = amount(item["qty_invoiced"]) - amount(item["qty_refunded"])
                item["qty_refunded"] = amount(item["qty_refunded"]) + qty  # Creditmemo/Item::register
                for key, source in (("amount_refunded", "row_total"), ("tax_refunded", "tax_amount"),
                                    ("discount_refunded", "discount_amount"),
                                    ("discount_tax_compensation_refunded", "discount_tax_compensation_amount")):
                    item[key] = stored(amount(item.get(key)) + amount(row.get(source)))
                    item["base_" + key] = stored(amount(item.get("base_" + key)) + amount(row.get("base_" + source)))
                changed.append(item)
                if not self._return_to_stock(order_items, item, qty, back_to_stock, website_id, order["entity_id"]):
                    deduct_on_refund(self.inventory, order_items, item, qty, refundable, website_id,
                                     order["entity_id"])
            rows = [r for (_, q), r in zip(lines, rows) if q > 0]  # RefundOperation deletes rows without qty
            # Creditmemo::refund -> order totals (RefundAdapter / Creditmemo/RefundOperation)
            for key, value, base in (("total_refunded", grand, base_grand), ("subtotal_refunded", subtotal, base_subtotal),
                                     ("tax_refunded", tax, base_tax), ("shipping_refunded", shipping, base_shipping),
                                     ("shipping_tax_refunded", shipping_tax, shipping_tax),
                                     ("discount_tax_compensation_refunded", 0.0, 0.0),
                                     ("discount_refunded", discount, base_discount),
                                     ("total_offline_refunded", grand, base_grand),
                                     ("adjustment_positive", positive, positive),
                                     ("adjustment_negative", negative, negative)):
                order[key] = stored(amount(order.get(key)) + value)
                order["base_" + key] = stored(amount(order.get("base_" + key)) + base)
            if not management:  # RefundOrder / RefundInvoice: $order->setCustomerNoteNotify($notify)
                order["customer_note_notify"] = int(notify)
            payment = order.setdefault("payment", {})
            payment["amount_refunded"] = stored(amount(payment.get("amount_refunded")) + grand)
            payment["base_amount_refunded"] = stored(amount(payment.get("base_amount_refunded")) + base_grand)
            # Order/Payment::refund -> _updateTotals
            payment["shipping_refunded"] = stored(amount(payment.get("shipping_refunded")) + shipping)
            payment["base_shipping_refunded"] = stored(amount(payment.get("base_shipping_refunded")) + base_shipping)
            # Creditmemo/Total/Cost: the refunded rows' cost comes off base_total_invoiced_cost
            order["base_total_invoiced_cost"] = stored(amount(order.get("base_total_invoiced_cost")) - sum(
                amount(i.get("base_cost")) * q for i, q in lines if not order_items.has_children(i)))
            has_memos = self.db.one("SELECT 1 FROM sales_creditmemo WHERE order_id=? LIMIT 1",
                                    (order["entity_id"],)) is not None
            state = resolve_state(order, order_items, has_creditmemos=has_memos)
            self._add_refund_comment(order, state, base_grand, now)
            order["state"] = state
            if invoice is None:
                # RefundOrder keeps a status that belongs to the new state
                if order.get("status") not in STATE_STATUSES.get(state, []):
                    order["status"] = STATE_DEFAULT_STATUS[state]
            else:
                order["status"] = STATE_DEFAULT_STATUS[state]  # RefundInvoice always sets the default status
            priced = [r for r in rows if "row_total" in r]
            doc = {"adjustment": stored(positive - negative), "base_adjustment": stored(positive - negative),
                   "base_currency_code": order.get("base_currency_code"), "base_discount_amount": -base_discount,
                   "base_grand_total": base_grand, "base_shipping_amount": base_shipping,
                   "base_subtotal": base_subtotal, "base_tax_amount": base_tax,
                   "base_to_global_rate": order.get("base_to_global_rate", 1),
                   "base_to_order_rate": order.get("base_to_order_rate", 1),
                   "store_to_base_rate": order.get("store_to_base_rate"),
                   "store_to_order_rate": order.get("store_to_order_rate"),
                   # Creditmemo/Total/Subtotal, Shipping and Tax
                   "subtotal_incl_tax": round_price(sum(amount(r.get("row_total_incl_tax")) for r in priced)),
                   "base_subtotal_incl_tax": round_price(sum(amount(r.get("base_row_total_incl_tax")) for r in priced)),
                   "shipping_incl_tax": round_price(shipping + shipping_tax),
                   "base_shipping_incl_tax": round_price(base_shipping + shipping_tax),
                   "shipping_tax_amount": shipping_tax, "base_shipping_tax_amount": shipping_tax,
                   "discount_tax_compensation_amount": round_price(sum(
                       amount(r.get("discount_tax_compensation_amount")) for r in priced)),
                   "base_discount_tax_compensation_amount": round_price(sum(
                       amount(r.get("base_discount_tax_compensation_amount")) for r in priced)),
                   "shipping_address_id": shipping_address_id(order),
                   "billing_address_id": order.get("billing_address_id"), "created_at": now,
                   "discount_amount": -discount,
                   # the credit memo sender sets email_sent only when it sends (notify)
                   "email_sent": 1 if notify else None, "entity_id": memo_id,
                   "global_currency_code": order.get("global_currency_code"), "grand_total": grand,
                   "increment_id": next_increment_id(self.db, order["store_id"], "creditmemo"),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "state": CREDITMEMO_STATE_REFUNDED,
                   "store_currency_code": order.get("store_currency_code"), "store_id": order["store_id"],
                   "subtotal": subtotal, "tax_amount": tax, "updated_at": now, "items": rows,
                   "comments": creation_comments(self.db, self.clock, comment, memo_id, append_comment and notify)}
            if invoice is not None:
                doc["invoice_id"] = invoice["entity_id"]
            # CreditmemoFactory::initData sets an adjustment only when the arguments carry it
            for key, value in (("adjustment_positive", positive), ("adjustment_negative", negative)):
                if getattr(args, key) is not None:
                    doc[key] = doc["base_" + key] = value
            doc = {k: v for k, v in doc.items() if v is not None}
            # RefundOrder saves the order (its state handler reads the saved credit memos) before the memo
            self.sales.save(order, order_items, changed)
            conn.execute("INSERT INTO sales_creditmemo VALUES (?,?,?,?,?,?,?,?,?)",
                         (memo_id, doc["increment_id"], order["entity_id"], order["store_id"],
                          CREDITMEMO_STATE_REFUNDED, grand, now, now, json.dumps(doc)))
        return str(memo_id)

    def _add_refund_comment(self, order: dict[str, Any], state: str, base_grand: float, now: str) -> None:
        """Order/Payment::refund: "We refunded $X offline." (an offline method cannot refund online) in
        the order's history, entity_name creditmemo, with the status the order keeps in its new state
        (else that state's default) and is_customer_notified = the order's customer_note_notify."""
        symbol = CURRENCY_SYMBOLS.get(order.get("base_currency_code", "USD"), "")
        status = order.get("status") if order.get("status") in STATE_STATUSES.get(state, []) \
            else STATE_DEFAULT_STATUS[state]
        entry = {"comment": f"We refunded {symbol}{round_price(base_grand):,.2f} offline.", "created_at": now,
                 "entity_id": self.db.next_id("order_status_history"), "entity_name": "creditmemo",
                 "is_customer_notified": int(amount(order.get("customer_note_notify"))), "is_visible_on_front": 0,
                 "parent_id": order["entity_id"], "status": status}
        order["status_histories"] = [entry] + list(order.get("status_histories") or [])

    def _return_to_stock(self, items: OrderItems, item: dict[str, Any], qty: float, back: set[int],
                         website_id: int, order_id: int) -> bool:
        """return_to_stock_items (SalesInventory ReturnProcessor): simple rows by their own id, or
        through their parent's id; shipped quantities go back to the source. False when the row
        is not sent back."""
        if item["item_id"] not in back and item.get("parent_item_id") not in back:
            return False
        if item.get("product_type") not in STOCK_TYPES:
            return True
        self.inventory.return_to_stock(item["sku"], qty, website_id, order_id=order_id,
                                       shipped=amount(item["qty_shipped"]) > 0
                                       or amount((items.parent(item) or {}).get("qty_shipped")) > 0)
        return True


class RefundInvoice:
    def __init__(self, refund_order: RefundOrder, invoices: InvoiceRepository) -> None:
        self.refund_order, self.invoices = refund_order, invoices

    def execute(self, invoice_id: int | None, items: dict[int, float] | None = None, *, is_online: bool = False,
                notify: bool = False, append_comment: bool = False, comment: dict[str, Any] | None = None,
                arguments: RefundArguments | None = None) -> str:
        """RefundInvoice::execute: like RefundOrder but bounded by the invoice's items; the invoice
        must be paid and its method able to refund (Invoice/Validation/CanRefund). Offline only."""
        with self.refund_order.db.write():
            invoice = self.invoices.get(invoice_id)
            return self.refund_order.refund(invoice["order_id"], items, arguments, comment, invoice=invoice,
                                            limits=invoice_limits(self.refund_order.db, invoice),
                                            notify=notify, append_comment=append_comment)
