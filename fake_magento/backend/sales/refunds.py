"""Credit memos for an order (Sales/Model/RefundOrder, Order/Creditmemo/Total/*, Validation/RefundOrder).

Quantities: qty_to_refund = invoiced - refunded. Without items, everything refundable is refunded
with the remaining shipping. The credit memo total is subtotal + shipping + adjustment_positive -
adjustment_negative and may not exceed what was paid and not yet refunded.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales.documents import Documents, _document_error, _key, _requested
from fake_magento.errors import MagentoError, entity_not_found
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.sales import SalesService

CREDITMEMO_STATE_REFUNDED = 2
CREDITMEMOS = EntitySearch("sales_creditmemo", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "order_id": Field("order_id", "int"),
    "store_id": Field("store_id", "int"), "state": Field("state", "int"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def _php_float(value: float) -> str:
    """PHP's float-to-string: 12.0 -> "12", 12.5 -> "12.5"."""
    return str(int(value)) if float(value).is_integer() else repr(round(value, 4))


def _amount(args: dict[str, Any], key: str, base: float) -> float:
    """CreditmemoFactory::initData: a number, or "N%" of the base amount."""
    raw = args.get(key, args.get("".join(p.title() if i else p for i, p in enumerate(key.split("_")))))
    if raw is None or raw == "":
        return 0.0
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return round(base * float(typed_value(key, raw.strip()[:-1], "float")) / 100, 4)
    return float(typed_value(key, raw, "float"))


class Refunds(Documents):
    def __init__(self, sales: SalesService) -> None:
        super().__init__(sales)

    def refund_invoice(self, invoice_id: Any, items: Any = None, arguments: Any = None,
                       comment: Any = None) -> str:
        """RefundInvoice: like RefundOrder but bounded by the invoice's items; the invoice must be paid."""
        invoice = self.get_invoice(invoice_id)
        with self.db.write():
            invoiced = {i["order_item_id"]: float(i["qty"]) for i in invoice["items"]}
            refunded: dict[int, float] = {}
            for row in self.db.query("SELECT doc FROM sales_creditmemo WHERE order_id=?", (invoice["order_id"],)):
                memo = json.loads(row[0])
                if memo.get("invoice_id") == invoice["entity_id"]:
                    for i in memo["items"]:
                        refunded[i["order_item_id"]] = refunded.get(i["order_item_id"], 0) + float(i["qty"])
            limits = {k: v - refunded.get(k, 0) for k, v in invoiced.items()}
            if invoice.get("state") != 2 or not any(v > 0 for v in limits.values()):
                raise MagentoError("Creditmemo Document Validation Error(s):\nWe can't create creditmemo for the invoice.")
            if not items:
                items = [{"order_item_id": k, "qty": v} for k, v in limits.items() if v > 0]
            return self.refund(invoice["order_id"], items, arguments, comment, invoice=invoice, limits=limits)

    def refund(self, order_id: Any, items: Any = None, arguments: Any = None, comment: Any = None, *,
               invoice: dict[str, Any] | None = None, limits: dict[int, float] | None = None) -> str:
        args = arguments if isinstance(arguments, dict) else {}
        with self.db.write() as conn:
            order = self.sales.get(order_id)
            requested = _requested(items)
            by_id = {i["item_id"]: i for i in order["items"]}
            messages: list[str] = []
            if order["state"] in ("payment_review", "holded", "canceled", "closed"):
                messages.append(f"A creditmemo can not be created when an order has a status of {order['status']}")
            elif round(float(order.get("total_paid", 0)) - float(order.get("total_refunded", 0)), 4) <= 0:
                messages.append("The order does not allow a creditmemo to be created.")
            lines = []
            if requested is not None:
                for item_id, qty in requested.items():
                    item = by_id.get(item_id)
                    if item is None:
                        messages.append("The creditmemo contains product item that is not part of the original order.")
                        continue
                    available = float(item["qty_invoiced"]) - float(item["qty_refunded"])
                    if limits is not None:
                        available = min(available, limits.get(item_id, 0))
                    if qty > available:
                        messages.append("The quantity to creditmemo must not be greater than the unrefunded quantity"
                                        f' for product SKU "{item["sku"]}".')
                        messages.append("The quantity to refund must not be greater than the unrefunded quantity.")
                    elif qty > 0:
                        lines.append((item, qty))
            else:
                lines = [(i, float(i["qty_invoiced"]) - float(i["qty_refunded"])) for i in order["items"]
                         if not i.get("parent_item_id") and float(i["qty_invoiced"]) - float(i["qty_refunded"]) > 0]
            shipping_left = round(float(order.get("shipping_invoiced", 0)) - float(order.get("shipping_refunded", 0)), 4)
            if "shipping_amount" in args or "shippingAmount" in args:
                shipping = _amount(args, "shipping_amount", shipping_left)
                if shipping > shipping_left + 0.0001:
                    # Order/Creditmemo/Total/Shipping::collect, with the base currency's formatting
                    symbol = CURRENCY_SYMBOLS.get(order.get("base_currency_code", "USD"), "")
                    raise MagentoError("Maximum shipping amount allowed to refund is: %1",
                                       [f"{symbol}{shipping_left:,.2f}"])
            else:
                shipping = shipping_left
            subtotal = round(sum(float(i["price"]) * q for i, q in lines), 4)
            positive = _amount(args, "adjustment_positive", subtotal)
            negative = _amount(args, "adjustment_negative", subtotal)
            grand = round(subtotal + shipping + positive - negative, 4)
            available_money = round(float(order.get("base_total_paid", 0)) - float(order.get("base_total_refunded", 0)), 4)
            if not messages:
                if not lines and not positive and not shipping:
                    messages.append("You can't create a creditmemo without products.")
                elif grand <= 0:
                    messages.append("The credit memo's total must be positive.")
                elif grand > available_money + 0.0001:
                    messages.append(f"The most money available to refund is {_php_float(available_money)}.")
            if messages:
                raise _document_error("Creditmemo", messages)
            now = self.backend.clock.stamp()
            memo_id = self.db.next_id("creditmemo")
            website_id = self.backend.stores.store(order["store_id"])["website_id"]
            back_to_stock = {int(typed_value("return_to_stock_items", v, "int")) for v in (
                ((args.get("extension_attributes") or {}).get("return_to_stock_items")) or [])}
            doc_items = []
            for item, qty in lines:
                item["qty_refunded"] = float(item["qty_refunded"]) + qty
                item["amount_refunded"] = round(float(item.get("amount_refunded", 0)) + float(item["price"]) * qty, 4)
                item["base_amount_refunded"] = item["amount_refunded"]
                if item["item_id"] in back_to_stock:
                    self.backend.inventory.return_to_stock(item["sku"], qty, website_id, order_id=order["entity_id"],
                                                           shipped=float(item["qty_shipped"]) > 0)
                doc_items.append({"base_cost": float(item.get("base_cost", 0)), "base_price": item["base_price"],
                                  "entity_id": self.db.next_id("creditmemo_item"),
                                  "name": item.get("name"), "order_item_id": item["item_id"], "parent_id": memo_id,
                                  "price": item["price"], "product_id": item.get("product_id"),
                                  "row_total": round(float(item["price"]) * qty, 4), "sku": item["sku"], "qty": qty})
            self._save_items(conn, [i for i, _ in lines])
            for key, value in (("total_refunded", grand), ("subtotal_refunded", subtotal),
                               ("shipping_refunded", shipping), ("total_offline_refunded", grand),
                               ("adjustment_positive", positive), ("adjustment_negative", negative)):
                order[key] = round(float(order.get(key, 0)) + value, 4)
                order["base_" + key] = order[key]
            self._resolve_state(order, in_progress=False)
            doc = {"adjustment": round(positive - negative, 4), "adjustment_negative": negative,
                   "adjustment_positive": positive, "base_currency_code": order.get("base_currency_code"),
                   "base_grand_total": grand, "base_shipping_amount": shipping, "base_subtotal": subtotal,
                   "billing_address_id": order["billing_address"].get("entity_id"), "created_at": now,
                   "creditmemo_status": CREDITMEMO_STATE_REFUNDED, "entity_id": memo_id, "grand_total": grand,
                   "increment_id": self._sequence("creditmemo", order["store_id"]),
                   "order_currency_code": order.get("order_currency_code"), "order_id": order["entity_id"],
                   "shipping_amount": shipping, "state": CREDITMEMO_STATE_REFUNDED, "store_id": order["store_id"],
                   "subtotal": subtotal, "updated_at": now, "items": doc_items,
                   "comments": self._comments(comment, memo_id)}
            if invoice is not None:
                doc["invoice_id"] = invoice["entity_id"]
                if order["state"] not in ("closed", "complete"):
                    order["status"] = order["state"]  # RefundInvoice always sets the state's default status
            conn.execute("INSERT INTO sales_creditmemo VALUES (?,?,?,?,?,?,?,?,?)",
                         (memo_id, doc["increment_id"], order["entity_id"], order["store_id"],
                          CREDITMEMO_STATE_REFUNDED, grand, now, now, json.dumps(doc)))
            self.sales._save(order)
        return str(memo_id)

    def get_creditmemo(self, memo_id: Any) -> dict[str, Any]:
        row = self.db.one("SELECT doc FROM sales_creditmemo WHERE entity_id=?", (_key(memo_id),))
        if row is None:
            raise entity_not_found()
        return dict(json.loads(row[0]))

    def creditmemos(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, CREDITMEMOS, criteria, config=self.backend.config)
        return search_result([self.get_creditmemo(i) for i in ids], criteria, total)
