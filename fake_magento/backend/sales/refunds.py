"""Credit memos for an order (Sales/Model/RefundOrder, Order/Creditmemo/Total/*, Validation/RefundOrder).

Quantities: qty_to_refund = invoiced - refunded. Without items, everything refundable is refunded
with the remaining shipping. The credit memo total is subtotal + shipping + adjustment_positive -
adjustment_negative and may not exceed what was paid and not yet refunded.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales.documents import (
    INVOICE_STATE_PAID,
    STATE_DEFAULT_STATUS,
    STOCK_TYPES,
    Documents,
    _document_error,
    _flag,
    _requested,
    _round,
    money,
    row_totals,
)
from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.refund_checks import method_refunds_per_invoice, return_refusal
from fake_magento.backend.sales.refund_stock import deduct_on_refund
from fake_magento.errors import MagentoError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.sales import SalesService

STATE_STATUSES = {"new": ["pending"], "processing": ["processing", "fraud"], "complete": ["complete"],
                  "closed": ["closed"], "canceled": ["canceled"], "holded": ["holded"]}

CREDITMEMO_STATE_REFUNDED = 2
CREDITMEMOS = EntitySearch("sales_creditmemo", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "order_id": Field("order_id", "int"),
    "store_id": Field("store_id", "int"), "state": Field("state", "int"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def _php_float(value: float) -> str:
    """PHP's float-to-string: 12.0 -> "12", 12.5 -> "12.5"."""
    return str(int(value)) if float(value).is_integer() else repr(round(value, 4))


def _camel(key: str) -> str:
    return "".join(p.title() if i else p for i, p in enumerate(key.split("_")))


def _given(args: dict[str, Any], key: str) -> bool:
    """An argument sent with a value (PHP isset: not null)."""
    return args.get(key, args.get(_camel(key))) is not None


def _amount(args: dict[str, Any], key: str, base: float) -> float:
    """CreditmemoFactory::initData: a number, or "N%" of the base amount."""
    raw = args.get(key, args.get(_camel(key)))
    if raw is None or raw == "":
        return 0.0
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return round(base * float(typed_value(key, raw.strip()[:-1], "float")) / 100, 4)
    return float(typed_value(key, raw, "float"))


class Refunds(Documents):
    def __init__(self, sales: SalesService) -> None:
        super().__init__(sales)

    def _invoice_limits(self, invoice: dict[str, Any]) -> dict[int, float]:
        """CreditmemoFactory::getInvoiceRefundLimitsQtyList: the invoice's qty less what its
        (not canceled) credit memos refunded."""
        refunded: dict[int, float] = {}
        for row in self.db.query("SELECT doc FROM sales_creditmemo WHERE order_id=? AND state != 3",
                                 (invoice["order_id"],)):
            memo = json.loads(row[0])
            if memo.get("invoice_id") == invoice["entity_id"]:
                for i in memo["items"]:
                    refunded[i["order_item_id"]] = refunded.get(i["order_item_id"], 0) + float(i["qty"])
        return {i["order_item_id"]: float(i["qty"]) - refunded.get(i["order_item_id"], 0) for i in invoice["items"]}

    def refund_invoice(self, invoice_id: Any, items: Any = None, arguments: Any = None, comment: Any = None, *,
                       notify: Any = False, append_comment: Any = False) -> str:
        """RefundInvoice: like RefundOrder but bounded by the invoice's items; the invoice must be paid
        (Invoice/Validation/CanRefund)."""
        with self.db.write():
            invoice = self.get_invoice(invoice_id)
            limits = self._invoice_limits(invoice)
            return self.refund(invoice["order_id"], items, arguments, comment, invoice=invoice, limits=limits,
                               notify=notify, append_comment=append_comment)

    def _memo_quantities(self, items: OrderItems, qtys: dict[int, float],
                         limits: dict[int, float] | None) -> list[tuple[dict[str, Any], float]]:
        """CreditmemoFactory::createByOrder / createByInvoice: canRefundItem and getQtyToRefund."""
        lim = limits or {}

        def can_no_dummy(item: dict[str, Any]) -> bool:
            # Sales/Model/Order/CreditmemoValidator (the factory's, 2.4.7): a row with nothing left to
            # refund (never invoiced, or all refunded) stays out of the credit memo, so neither
            # Item::processQty nor the QuantityValidator sees what was requested for it
            if items.qty_to_refund(item) <= 0:
                return False
            return lim[item["item_id"]] > 0 if item["item_id"] in lim else True

        only_zeros = bool(qtys) and len(set(qtys.values())) == 1 and int(next(iter(qtys.values()))) == 0
        lines = []
        for item in items.all:
            if limits is not None and item["item_id"] not in limits:
                continue  # createByInvoice walks the invoice's items only
            if items.is_dummy(item):
                if items.has_children(item):
                    ok = any(can_no_dummy(c) if (not qtys or only_zeros) else qtys.get(c["item_id"], 0) > 0
                             for c in items.children[item["item_id"]])
                elif items.parent(item) is not None:
                    parent = items.parent(item)
                    ok = can_no_dummy(parent) if not qtys else qtys.get(parent["item_id"], 0) > 0  # type: ignore[index]
                else:
                    ok = False
                if not ok:
                    continue
                parent_id = item.get("parent_item_id")
                if parent_id in qtys:
                    parent_qty = qtys[parent_id]
                elif item.get("product_type") == "bundle":
                    parent_qty = money(item["qty_invoiced"])
                else:
                    parent = items.parent(item)
                    parent_qty = items.qty_to_refund(parent) if parent is not None else 1.0
                selection = items.selection_qty(item)
                qty = selection * parent_qty if selection is not None else parent_qty
            else:
                if not can_no_dummy(item):
                    continue
                if item["item_id"] in qtys:
                    qty = qtys[item["item_id"]]
                elif not qtys:
                    qty = items.qty_to_refund(item)
                else:
                    qty = 0.0
                if item["item_id"] in lim:
                    qty = min(qty, lim[item["item_id"]])
            lines.append((item, float(qty)))
        return lines

    def refund(self, order_id: Any, items: Any = None, arguments: Any = None, comment: Any = None, *,
               invoice: dict[str, Any] | None = None, limits: dict[int, float] | None = None,
               notify: Any = False, append_comment: Any = False, management: bool = False) -> str:
        """RefundOrder::execute (and RefundInvoice with ``invoice``/``limits``; CreditmemoManagement::
        refund with ``management``, which leaves the order's customer_note_notify alone)."""
        args = arguments if isinstance(arguments, dict) else {}
        with self.db.write() as conn:
            order, order_items = self.sales.load(order_id)
            requested = _requested(items) or {}
            lines = self._memo_quantities(order_items, requested, limits)
            for item, qty in lines:
                # Creditmemo/Item::processQty, run by calcRowTotal while the factory collects totals
                if not order_items.is_dummy(item) and order_items.cast_qty(item, qty) > order_items.qty_to_refund(item) + 1e-9:
                    raise MagentoError('We found an invalid quantity to refund item "%1".', [item.get("name")])
            # Order/Creditmemo/Total/Shipping: the remaining shipping unless an amount is given
            shipping_left = round(money(order.get("shipping_amount")) - money(order.get("shipping_refunded")), 4)
            base_shipping_left = round(money(order.get("base_shipping_amount"))
                                       - money(order.get("base_shipping_refunded")), 4)
            if "shipping_amount" in args or "shippingAmount" in args:
                desired = _round(_amount(args, "shipping_amount", base_shipping_left))
                if desired >= _round(base_shipping_left) + 0.0001:
                    symbol = CURRENCY_SYMBOLS.get(order.get("base_currency_code", "USD"), "")
                    raise MagentoError("Maximum shipping amount allowed to refund is: %1",
                                       [f"{symbol}{base_shipping_left:,.2f}"])
                if desired and money(order.get("base_shipping_amount")) <= 0:
                    # Order/Creditmemo/Total/Discount::collect
                    raise MagentoError("You can not refund shipping if there is no shipping amount.")
                ratio = desired / money(order.get("base_shipping_amount")) if money(order.get("base_shipping_amount")) else 0
                if desired > base_shipping_left - 0.0001:
                    shipping, base_shipping = shipping_left, base_shipping_left
                else:
                    shipping = _round(money(order.get("shipping_amount")) * ratio)
                    base_shipping = _round(money(order.get("base_shipping_amount")) * ratio)
            elif invoice is not None:
                # CreditmemoFactory::getShippingAmount: the invoice's shipping less what was refunded
                shipping = base_shipping = min(shipping_left, money(invoice.get("shipping_amount")))
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
                    self._memo_item_amounts(item, order_items.cast_qty(item, qty), order_items, row)
                rows.append(row)
            subtotal, base_subtotal, discount, base_discount, tax, base_tax = row_totals(rows)
            shipping_tax = 0.0
            if base_shipping and money(order.get("base_shipping_amount")):
                # Creditmemo/Total/Discount: the shipping discount in proportion
                base_ship_discount = base_shipping * money(order.get("base_shipping_discount_amount")) \
                    / money(order.get("base_shipping_amount"))
                discount += money(order.get("shipping_amount")) * base_ship_discount / money(order.get("base_shipping_amount"))
                base_discount += base_ship_discount
                ship_tax = money(order.get("shipping_tax_amount")) - money(order.get("shipping_tax_refunded"))
                if ship_tax and base_shipping_left:
                    shipping_tax = _round(ship_tax * base_shipping / base_shipping_left)
                    tax += shipping_tax
                    base_tax += shipping_tax
            positive = _amount(args, "adjustment_positive", subtotal)
            negative = _amount(args, "adjustment_negative", subtotal)
            grand = _round(subtotal + shipping + tax - discount + positive - negative)
            base_grand = _round(base_subtotal + base_shipping + base_tax - base_discount + positive - negative)
            messages: list[str] = []
            # Validation/CanRefund (order)
            if order["state"] in ("payment_review", "holded", "canceled", "closed"):
                messages.append(f"A creditmemo can not be created when an order has a status of {order['status']}")
            elif not (abs(round(money(order.get("total_paid")), 2) - money(order.get("total_refunded"))) >= 0.0001
                      or money(order.get("total_paid")) == 0):  # allow_zero_grandtotal = 1 (Sales/etc/config.xml)
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
            available = money(order.get("base_total_paid")) - money(order.get("base_total_refunded"))
            if _round(money(order.get("base_total_refunded")) + base_grand) > _round(money(order.get("base_total_paid"))):
                messages.append(f"The most money available to refund is {_php_float(available)}.")
            # Creditmemo/Item/Validation/CreationQuantityValidator (the requested items)
            for item_id, qty in requested.items():
                item = by_id.get(item_id)
                if item is None:
                    messages.append("The creditmemo contains product item that is not part of the original order.")
                elif order_items.is_dummy(item):
                    messages.append("The creditmemo contains incorrect product items.")
                elif qty > order_items.qty_to_refund(item) + 1e-9:
                    messages.append("The quantity to refund must not be greater than the unrefunded quantity.")
            back_ids = [int(typed_value("return_to_stock_items", v, "int")) for v in (
                ((args.get("extension_attributes") or args.get("extensionAttributes") or {}).get(
                    "return_to_stock_items")) or [])]
            back_to_stock = set(back_ids)
            returned = return_refusal(self.db, back_ids, {i["item_id"] for i, _ in lines})
            if returned:
                messages.append(returned)
            if messages:
                raise _document_error("Creditmemo", messages)
            now = self.backend.clock.stamp()
            website_id = self.sales.website_id(order)
            changed = []
            for (item, qty), row in zip(lines, rows):
                row["entity_id"] = self.db.next_id("creditmemo_item")
                if qty <= 0:
                    continue
                qty = order_items.cast_qty(item, qty)
                refundable = money(item["qty_invoiced"]) - money(item["qty_refunded"])
                item["qty_refunded"] = money(item["qty_refunded"]) + qty  # Creditmemo/Item::register
                for key, source in (("amount_refunded", "row_total"), ("tax_refunded", "tax_amount"),
                                    ("discount_refunded", "discount_amount"),
                                    ("discount_tax_compensation_refunded", "discount_tax_compensation_amount")):
                    item[key] = round(money(item.get(key)) + money(row.get(source)), 4)
                    item["base_" + key] = round(money(item.get("base_" + key)) + money(row.get("base_" + source)), 4)
                changed.append(item)
                if not self._return_to_stock(order_items, item, qty, back_to_stock, website_id, order["entity_id"]):
                    deduct_on_refund(self.backend.inventory, order_items, item, qty, refundable, website_id,
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
                order[key] = round(money(order.get(key)) + value, 4)
                order["base_" + key] = round(money(order.get("base_" + key)) + base, 4)
            if not management:  # RefundOrder / RefundInvoice: $order->setCustomerNoteNotify($notify)
                order["customer_note_notify"] = int(_flag(notify))
            payment = order.setdefault("payment", {})
            payment["amount_refunded"] = round(money(payment.get("amount_refunded")) + grand, 4)
            payment["base_amount_refunded"] = round(money(payment.get("base_amount_refunded")) + base_grand, 4)
            # Order/Payment::refund -> _updateTotals
            payment["shipping_refunded"] = round(money(payment.get("shipping_refunded")) + shipping, 4)
            payment["base_shipping_refunded"] = round(money(payment.get("base_shipping_refunded")) + base_shipping, 4)
            # Creditmemo/Total/Cost: the refunded rows' cost comes off base_total_invoiced_cost
            order["base_total_invoiced_cost"] = round(money(order.get("base_total_invoiced_cost")) - sum(
                money(i.get("base_cost")) * q for i, q in lines if not order_items.has_children(i)), 4)
            state = self.sales.resolve_state(order, order_items)
            self._add_refund_comment(order, state, base_grand, now)
            order["state"] = state
            if invoice is None:
                # RefundOrder keeps a status that belongs to the new state
                if order.get("status") not in STATE_STATUSES.get(state, []):
                    order["status"] = STATE_DEFAULT_STATUS[state]
            else:
                order["status"] = STATE_DEFAULT_STATUS[state]  # RefundInvoice always sets the default status
            priced = [r for r in rows if "row_total" in r]
            assignment = ((order.get("extension_attributes") or {}).get("shipping_assignments") or [{}])[0]
            doc = {"adjustment": round(positive - negative, 4), "base_adjustment": round(positive - negative, 4),
                   "base_currency_code": order.get("base_currency_code"), "base_discount_amount": -base_discount,
                   "base_grand_total": base_grand, "base_shipping_amount": base_shipping,
                   "base_subtotal": base_subtotal, "base_tax_amount": base_tax,
                   "base_to_global_rate": order.get("base_to_global_rate", 1),
                   "base_to_order_rate": order.get("base_to_order_rate", 1),
                   "store_to_base_rate": order.get("store_to_base_rate"),
                   "store_to_order_rate": order.get("store_to_order_rate"),
                   # Creditmemo/Total/Subtotal, Shipping and Tax
                   "subtotal_incl_tax": _round(sum(money(r.get("row_total_incl_tax")) for r in priced)),
                   "base_subtotal_incl_tax": _round(sum(money(r.get("base_row_total_incl_tax")) for r in priced)),
                   "shipping_incl_tax": _round(shipping + shipping_tax),
                   "base_shipping_incl_tax": _round(base_shipping + shipping_tax),
                   "shipping_tax_amount": shipping_tax, "base_shipping_tax_amount": shipping_tax,
                   "discount_tax_compensation_amount": _round(sum(
                       money(r.get("discount_tax_compensation_amount")) for r in priced)),
                   "base_discount_tax_compensation_amount": _round(sum(
                       money(r.get("base_discount_tax_compensation_amount")) for r in priced)),
                   "shipping_address_id": ((assignment.get("shipping") or {}).get("address") or {}).get("entity_id"),
                   "billing_address_id": order.get("billing_address_id"), "created_at": now,
                   "discount_amount": -discount,
                   # the credit memo sender sets email_sent only when it sends (notify)
                   "email_sent": 1 if _flag(notify) else None, "entity_id": memo_id,
                   "global_currency_code": order.get("global_currency_code"), "grand_total": grand,
                   "increment_id": self._sequence("creditmemo", order["store_id"]),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "state": CREDITMEMO_STATE_REFUNDED,
                   "store_currency_code": order.get("store_currency_code"), "store_id": order["store_id"],
                   "subtotal": subtotal, "tax_amount": tax, "updated_at": now, "items": rows,
                   "comments": self._comments(comment, memo_id, _flag(append_comment) and _flag(notify))}
            if invoice is not None:
                doc["invoice_id"] = invoice["entity_id"]
            # CreditmemoFactory::initData sets an adjustment only when the arguments carry it
            for key, value in (("adjustment_positive", positive), ("adjustment_negative", negative)):
                if _given(args, key):
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
        entry = {"comment": f"We refunded {symbol}{_round(base_grand):,.2f} offline.", "created_at": now,
                 "entity_id": self.db.next_id("order_status_history"), "entity_name": "creditmemo",
                 "is_customer_notified": int(money(order.get("customer_note_notify"))), "is_visible_on_front": 0,
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
        self.backend.inventory.return_to_stock(item["sku"], qty, website_id, order_id=order_id,
                                               shipped=money(item["qty_shipped"]) > 0
                                               or money((items.parent(item) or {}).get("qty_shipped")) > 0)
        return True

    @staticmethod
    def _memo_item_amounts(item: dict[str, Any], qty: float, items: OrderItems, row: dict[str, Any]) -> None:
        """Creditmemo/Item::calcRowTotal and the Discount and Tax collectors for one item."""
        invoiced = money(item["qty_invoiced"])
        available = invoiced - money(item["qty_refunded"])
        is_last = abs(qty - items.qty_to_refund(item)) < 1e-9
        for key, base_of, done in (("row_total", "row_invoiced", "amount_refunded"),
                                   ("discount_amount", "discount_invoiced", "discount_refunded"),
                                   ("tax_amount", "tax_invoiced", "tax_refunded"),
                                   ("discount_tax_compensation_amount", "discount_tax_compensation_invoiced",
                                    "discount_tax_compensation_refunded")):
            if key == "discount_amount" and not money(item.get("discount_invoiced")):
                continue  # Creditmemo/Total/Discount sets a row's discount only when some was invoiced
            for prefix in ("", "base_"):
                left = money(item.get(prefix + base_of)) - money(item.get(prefix + done))
                row[prefix + key] = _round(left if is_last or available <= 0 else left / available * qty)
        ordered = money(item["qty_ordered"])
        if item.get("row_total_incl_tax") and item.get("base_row_total_incl_tax") and ordered:
            for key in ("row_total_incl_tax", "base_row_total_incl_tax"):  # Creditmemo/Item::calcRowTotal
                row[key] = _round(money(item[key]) / ordered * qty)
        # Weee/Model/Total/Creditmemo/Weee on a priced row
        row.update({"weee_tax_applied": item.get("weee_tax_applied") or "[]", "weee_tax_applied_row_amount": 0,
                    "weee_tax_row_disposition": 0, "base_weee_tax_row_disposition": 0})

    def cancel_creditmemo(self, memo_id: Any) -> bool:
        """CreditmemoManagement::cancel (CreditmemoService::cancel) always refuses."""
        raise MagentoError("You can not cancel Credit Memo")

    def save_creditmemo(self, entity: Any) -> dict[str, Any]:
        """CreditmemoRepository::save (POST /V1/creditmemo): see Documents.save_document."""
        return self.save_document("creditmemo", entity)

    def refund_creditmemo(self, creditmemo: Any, offline_requested: Any = False) -> dict[str, Any]:
        """CreditmemoManagement::refund (POST /V1/creditmemo/refund): a credit memo built by the
        caller (order_id, items[order_item_id, qty], shipping and adjustments) refunded offline."""
        data = dict(creditmemo) if isinstance(creditmemo, dict) else {}
        if data.get("order_id") in (None, ""):
            raise MagentoError("An ID is needed. Set the ID and try again.")
        items = [{"order_item_id": i.get("order_item_id", i.get("orderItemId")), "qty": i.get("qty", 0)}
                 for i in (data.get("items") or []) if isinstance(i, dict)]
        args: dict[str, Any] = {}
        shipping = data.get("base_shipping_amount", data.get("shipping_amount"))
        if shipping is not None:
            args["shipping_amount"] = shipping
        for key in ("adjustment_positive", "adjustment_negative"):
            if data.get(key) is not None:
                args[key] = data[key]
        invoice_id = data.get("invoice_id") or data.get("invoiceId")
        if invoice_id:
            invoice = self.get_invoice(invoice_id)
            memo_id = self.refund(invoice["order_id"], items, args, invoice=invoice,
                                  limits=self._invoice_limits(invoice), management=True)
        else:
            memo_id = self.refund(data["order_id"], items, args, management=True)
        return self.get_creditmemo(memo_id)

    def get_creditmemo(self, memo_id: Any) -> dict[str, Any]:
        return self._document("sales_creditmemo", memo_id)

    def creditmemos(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, CREDITMEMOS, criteria, config=self.backend.config)
        return search_result([self.get_creditmemo(i) for i in ids], criteria, total)
