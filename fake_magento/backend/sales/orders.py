"""OrderRepository (Sales/Model/OrderRepository): placement, reads, item reads and saves.

Every save runs the state handler (``states.checked_state``), as Magento's order resource model
runs ``ResourceModel/Order/Handler/State::check``. The REST save of an order entity (POST
/V1/orders) is in ``order_entity.py``; hold, cancel, comments in ``management.py``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from fake_magento.backend.clock import Clock
from fake_magento.backend.contract import getters
from fake_magento.backend.money import amount, round_price
from fake_magento.backend.sales.common import next_increment_id, require_id
from fake_magento.backend.sales.items import OrderItems, public_item, shown_keys
from fake_magento.backend.sales.states import checked_state
from fake_magento.backend.scope import StoreScope
from fake_magento.backend.stores import StoreRepository
from fake_magento.config import Config
from fake_magento.errors import MagentoError, entity_not_found
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.storage import Database

_DOC = "json_extract(doc, '$.{}')"
ORDERS = EntitySearch("sales_order", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "store_id": Field("store_id", "int"),
    "customer_id": Field("customer_id", "int"), "customer_email": Field("customer_email"),
    "state": Field("state"), "status": Field("status"), "grand_total": Field("grand_total", "float"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date"),
    **{k: Field(_DOC.format(k), "float") for k in ["base_grand_total", "subtotal", "base_subtotal",
                                                    "shipping_amount", "discount_amount", "tax_amount",
                                                    "total_paid", "total_due", "total_qty_ordered",
                                                    "total_invoiced", "total_refunded", "total_canceled"]},
    **{k: Field(_DOC.format(k)) for k in ["customer_firstname", "customer_lastname", "order_currency_code",
                                          "base_currency_code", "coupon_code", "shipping_description",
                                          "remote_ip", "quote_id"]},
    "customer_is_guest": Field(_DOC.format("customer_is_guest"), "int"),
    "customer_group_id": Field(_DOC.format("customer_group_id"), "int"),
    "is_virtual": Field(_DOC.format("is_virtual"), "int"),
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
QTY_KEYS = ("qty_invoiced", "qty_shipped", "qty_refunded", "qty_canceled")
# Magento/OfflinePayments titles (payment/<code>/title) for extension_attributes.payment_additional_info
PAYMENT_TITLES = {"checkmo": "Check / Money order", "banktransfer": "Bank Transfer Payment",
                  "cashondelivery": "Cash On Delivery", "purchaseorder": "Purchase Order", "free": "No Payment Information Required"}
# What OrderInterface has getters for: DataObjectProcessor writes nothing else, so the columns kept on
# the stored order that it has none for (shipping_method, shipping_tax_invoiced, ...) and the
# emulator's own keys (_extra_addresses, ...) are never shown (2.4.7-p3 sandbox: GET /V1/orders/{id})
ORDER_KEYS = getters("sales-data-order-interface")
# TotalInterface, built from the order's own fields on every read (Order/ShippingBuilder::getTotal)
SHIPPING_TOTAL_KEYS = tuple(f"{base}shipping_{name}" for name in (
    "amount", "canceled", "discount_amount", "incl_tax", "invoiced", "refunded", "tax_amount", "tax_refunded")
    for base in ("base_", "")) + ("base_shipping_discount_tax_compensation_amnt",
                                  "shipping_discount_tax_compensation_amount")
SHIPPING_TOTAL_ORDER = tuple(sorted(SHIPPING_TOTAL_KEYS))  # the order the total's keys are shown in


def _decode_all(texts: Iterable[str]) -> list[Any]:
    """Stored JSON documents, decoded in one call."""
    return json.loads("[" + ",".join(texts) + "]")  # type: ignore[no-any-return]


class ProductReader(Protocol):
    """The catalog lookup placement needs: a bundle's price_type and shipment_type."""

    def product_data(self, product_id: int, scope: StoreScope) -> dict[str, Any]: ...


class OrderRepository:
    def __init__(self, db: Database, clock: Clock, config: Config, stores: StoreRepository,
                 catalog: ProductReader) -> None:
        self.db, self.clock, self.config, self.stores, self.catalog = db, clock, config, stores, catalog

    # -- placement ---------------------------------------------------------------------------
    def place_order(self, order: dict[str, Any]) -> int:
        """Store a new order built by checkout (or a builder): ids, increment id, state new/pending.

        ``order`` has the keys of sales-data-order-interface without ids, state, status or dates.
        ``items`` rows may carry:

        * ``parent_index``: the position of their parent row in the list (configurable and
          bundle children); it becomes ``parent_item_id`` and the nested ``parent_item``;
        * ``product_option``: shown as is (``extension_attributes.configurable_item_options`` /
          ``bundle_options``);
        * ``product_options``: Magento's internal options, never shown. A bundle parent's
          ``product_calculations`` (0 = children carry prices, dynamic; 1 = the parent, fixed) and
          ``shipment_type`` (0 together, 1 separately) default to the product's ``price_type`` and
          ``shipment_type``; a bundle child's ``bundle_selection_attributes.qty`` (qty per bundle)
          defaults to its qty_ordered / the parent's.

        ``shipping`` is ``{"address": {...}, "method": "flatrate_flatrate"}`` (absent for virtual
        orders) and ends up under ``extension_attributes.shipping_assignments``
        (OrderRepository::setShippingAssignments). ``payment`` is ``{"method", "additional_information"}``.
        Works inside a caller's ``db.write()`` transaction. Stock is not touched here.
        """
        now = self.clock.stamp()
        store_id = int(order["store_id"])
        with self.db.write() as conn:
            order_id = self.db.next_id("order")
            # EntityAbstract::_beforeSave draws from the sequence only when no increment id was sent
            increment_id = str(order.get("increment_id") or next_increment_id(self.db, store_id))
            state = order.get("state", "new")
            status = order.get("status", "pending")
            items_in = list(order.get("items", []))
            item_ids = [self.db.next_id("order_item") for _ in items_in]
            items = []
            for index, raw in enumerate(items_in):
                item = {k: v for k, v in raw.items() if k not in ("parent_index", "product_options", "item_id",
                                                                  "parent_item_id", "parent_item")}
                item.update({"item_id": item_ids[index], "order_id": order_id, "store_id": store_id,
                             "created_at": now, "updated_at": now})
                for key in QTY_KEYS:
                    item[key] = 0
                item.setdefault("is_virtual", 0)
                item.setdefault("is_qty_decimal", 0)
                parent_index = raw.get("parent_index")
                if parent_index is not None:
                    item["parent_item_id"] = item_ids[int(parent_index)]
                item["_options"] = self._item_options(raw, items_in, store_id)
                items.append(item)
            grand_total = amount(order.get("grand_total"))
            base_grand_total = amount(order.get("base_grand_total", grand_total))
            doc = {k: v for k, v in order.items() if k not in ("items", "shipping") and v is not None}
            doc.update({"entity_id": order_id, "increment_id": increment_id, "state": state, "status": status,
                        "created_at": now, "updated_at": now, "total_due": grand_total,
                        "base_total_due": base_grand_total,
                        "total_item_count": len([i for i in items if not i.get("parent_item_id")]),
                        "status_histories": []})
            doc.setdefault("total_qty_ordered", sum(amount(i.get("qty_ordered")) for i in items
                                                    if not i.get("parent_item_id")))
            billing_id = self.db.next_id("order_address")
            doc["billing_address"] = {**(doc.get("billing_address") or {}), "address_type": "billing",
                                      "parent_id": order_id, "entity_id": billing_id}
            doc["billing_address_id"] = billing_id
            if order.get("shipping"):
                address = {**order["shipping"]["address"], "address_type": "shipping", "parent_id": order_id,
                           "entity_id": self.db.next_id("order_address")}
                total = {k: order[k] for k in ("base_shipping_amount", "base_shipping_discount_amount",
                                               "base_shipping_incl_tax", "base_shipping_tax_amount",
                                               "shipping_amount", "shipping_discount_amount", "shipping_incl_tax",
                                               "shipping_tax_amount") if order.get(k) is not None}
                shipping = {"address": address, "method": order["shipping"]["method"], "total": total}
                if shipping["method"] is None:  # ShippingInterface::getMethod is string|null: omitted
                    del shipping["method"]
                doc["extension_attributes"] = {"shipping_assignments": [{"shipping": shipping, "items": []}]}
            payment = dict(order.get("payment") or {"method": "checkmo"})
            # OrderPaymentInterface declares these non-nullable: Magento writes them as null (recordings)
            payment.setdefault("account_status", None)
            payment.setdefault("cc_last4", None)
            payment.setdefault("additional_information", [] if payment["method"] is None else [
                PAYMENT_TITLES.get(payment["method"], payment["method"])])
            payment.update({"entity_id": self.db.next_id("order_payment"), "parent_id": order_id,
                            "amount_ordered": grand_total, "base_amount_ordered": base_grand_total,
                            "shipping_amount": amount(order.get("shipping_amount")),
                            "base_shipping_amount": amount(order.get("base_shipping_amount"))})
            doc["payment"] = payment
            conn.execute("INSERT INTO sales_order VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (order_id, increment_id, store_id, order.get("customer_id"), order.get("customer_email"),
                          state, status, grand_total, now, now, json.dumps(doc)))
            for item in items:
                conn.execute("INSERT INTO sales_order_item VALUES (?,?,?,?,?,?,?,?)",
                             (item["item_id"], order_id, item.get("parent_item_id"), item.get("sku"),
                              item.get("product_type"), now, now, json.dumps(item)))
        return order_id

    def _item_options(self, raw: dict[str, Any], items_in: list[dict[str, Any]], store_id: int) -> dict[str, Any]:
        """The internal product_options Magento's item rules read (see place_order)."""
        given = dict(raw.get("product_options") or {})
        options: dict[str, Any] = {}
        if raw.get("product_type") == "bundle":
            product: dict[str, Any] = {}
            if "product_calculations" not in given or "shipment_type" not in given:
                try:
                    product = self.catalog.product_data(int(raw["product_id"]),
                                                        self.stores.scope_for_store_id(store_id))
                except (MagentoError, KeyError, TypeError, ValueError):
                    product = {}
            attrs = {a["attribute_code"]: a["value"] for a in product.get("custom_attributes", [])}
            # Bundle/Model/Product/Type::getOrderOptions: fixed price (price_type 1) -> CALCULATE_PARENT
            options["product_calculations"] = int(given.get("product_calculations",
                                                            1 if str(attrs.get("price_type", "0")) == "1" else 0))
            options["shipment_type"] = int(given.get("shipment_type", attrs.get("shipment_type", 0) or 0))
        elif "product_calculations" in given or "shipment_type" in given:
            options.update({k: int(given[k]) for k in ("product_calculations", "shipment_type") if k in given})
        parent_index = raw.get("parent_index")
        if parent_index is not None and items_in[int(parent_index)].get("product_type") == "bundle":
            selection = (given.get("bundle_selection_attributes") or {}).get("qty")
            if selection is None:
                parent_qty = amount(items_in[int(parent_index)].get("qty_ordered")) or 1
                selection = amount(raw.get("qty_ordered")) / parent_qty
            options["bundle_selection_qty"] = float(selection)
        return options

    # -- reads -------------------------------------------------------------------------------
    def load(self, order_id: int | None) -> tuple[dict[str, Any], OrderItems]:
        """The stored order and its raw items (with the private keys), for the lifecycle code."""
        key = require_id(order_id)
        row = self.db.one("SELECT doc FROM sales_order WHERE entity_id=?", (key,))
        if row is None:
            raise entity_not_found()
        rows = [json.loads(r[0]) for r in self.db.query(
            "SELECT doc FROM sales_order_item WHERE order_id=? ORDER BY item_id", (key,))]
        return dict(json.loads(row[0])), OrderItems(rows)

    @staticmethod
    def public_items(items: OrderItems) -> list[dict[str, Any]]:
        out = []
        for item in items.all:
            shown = public_item(item)
            parent = items.parent(item)
            if parent is not None:
                shown["parent_item"] = public_item(parent)
            out.append(shown)
        return out

    def present(self, doc: dict[str, Any], items: OrderItems) -> dict[str, Any]:
        # nulls are written or left out by the one output rule (http/service_output.py)
        doc = shown_keys(doc, ORDER_KEYS)
        shown = self.public_items(items)
        doc["items"] = shown
        ext = dict(doc.get("extension_attributes") or {})
        assignments = ext.get("shipping_assignments")
        if assignments:
            shipping = dict(assignments[0].get("shipping") or {})
            shipping["total"] = {k: doc[k] for k in SHIPPING_TOTAL_ORDER if doc.get(k) is not None}
            ext["shipping_assignments"] = [{**assignments[0], "shipping": shipping, "items": shown}]
        method = (doc.get("payment") or {}).get("method", "checkmo")
        # OrderRepository::setPaymentAdditionalInfo: method_title from the payment's additional information
        ext["payment_additional_info"] = [] if method is None else [
            {"key": "method_title", "value": PAYMENT_TITLES.get(method, method)}]
        doc["extension_attributes"] = ext
        return doc

    def get(self, order_id: int | None) -> dict[str, Any]:
        doc, items = self.load(order_id)
        return self.present(doc, items)

    def get_many(self, ids: list[int]) -> list[dict[str, Any]]:
        """``get`` for a page of ids in two queries (orders, then all their items), in ``ids`` order.
        Each query's documents are decoded in one ``json.loads`` (as one JSON array)."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.db.query(f"SELECT entity_id, doc FROM sales_order WHERE entity_id IN ({marks})", ids)
        docs = dict(zip([r[0] for r in rows], _decode_all(r[1] for r in rows)))
        rows = self.db.query(f"SELECT order_id, doc FROM sales_order_item WHERE order_id IN ({marks})"
                             " ORDER BY order_id, item_id", ids)
        items: dict[Any, list[dict[str, Any]]] = {}
        for order_id, item in zip([r[0] for r in rows], _decode_all(r[1] for r in rows)):
            items.setdefault(order_id, []).append(item)
        return [self.present(docs[i], OrderItems(items.get(i, []))) for i in ids if i in docs]

    def get_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, ORDERS, criteria, config=self.config)
        return search_result(self.get_many(ids), criteria, total)

    def item(self, item_id: int | None) -> dict[str, Any]:
        key = require_id(item_id)
        row = self.db.one("SELECT order_id FROM sales_order_item WHERE item_id=?", (key,))
        if row is None:
            raise entity_not_found()
        _, items = self.load(row["order_id"])
        shown = {i["item_id"]: i for i in self.public_items(items)}
        return shown[key]

    def item_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, ORDER_ITEMS, criteria, config=self.config)
        return search_result(self.items_many(ids), criteria, total)

    def items_many(self, ids: list[int]) -> list[dict[str, Any]]:
        """``item`` for a page of item ids in one query (every item of their orders, for the parents),
        in ``ids`` order."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.db.query(
            "SELECT order_id, doc FROM sales_order_item WHERE order_id IN (SELECT i.order_id FROM sales_order_item i"
            f" JOIN sales_order o ON o.entity_id = i.order_id WHERE i.item_id IN ({marks})) ORDER BY order_id, item_id",
            ids)
        by_order: dict[Any, list[dict[str, Any]]] = {}
        for order_id, item in zip([r[0] for r in rows], _decode_all(r[1] for r in rows)):
            by_order.setdefault(order_id, []).append(item)
        shown = {i["item_id"]: i for items in by_order.values() for i in self.public_items(OrderItems(items))}
        if any(i not in shown for i in ids):
            raise entity_not_found()  # as ``item``: an item whose order is gone
        return [shown[i] for i in ids]

    # -- saving ------------------------------------------------------------------------------
    def save(self, doc: dict[str, Any], items: OrderItems, changed: list[dict[str, Any]] | None = None,
             *, touch: bool = True) -> None:
        """OrderRepository::save: the state handler, updated_at on the emulator's clock, one write.

        ``touch=False`` keeps updated_at: a save that changes no column of the order row leaves it
        (Framework/Model/ResourceModel/Db/AbstractDb::save skips an unmodified object).
        """
        has_memos = abs(amount(doc.get("grand_total"))) < 0.0001 and self.db.one(
            "SELECT 1 FROM sales_creditmemo WHERE order_id=? LIMIT 1", (doc.get("entity_id"),)) is not None
        state, status = checked_state(doc, items, has_creditmemos=has_memos)
        if (state, status) != (doc.get("state"), doc.get("status")):
            doc["state"], doc["status"] = state, status
        now = self.clock.stamp()
        if touch or not doc.get("updated_at"):
            doc["updated_at"] = now
        total_due = max(round_price(amount(doc.get("grand_total")) - amount(doc.get("total_paid"))), 0)
        base_due = max(round_price(amount(doc.get("base_grand_total")) - amount(doc.get("base_total_paid"))), 0)
        doc["total_due"], doc["base_total_due"] = total_due, base_due  # Order::getTotalDue
        stored = {k: v for k, v in doc.items() if k != "items"}
        ext = dict(stored.get("extension_attributes") or {})
        ext.pop("payment_additional_info", None)
        if ext.get("shipping_assignments"):
            ext["shipping_assignments"] = [{**ext["shipping_assignments"][0], "items": []}]
        if ext:
            stored["extension_attributes"] = ext
        else:
            stored.pop("extension_attributes", None)
        with self.db.write() as conn:
            for item in changed or []:
                item["updated_at"] = now
                conn.execute("UPDATE sales_order_item SET doc=?, updated_at=? WHERE item_id=?",
                             (json.dumps(item), now, item["item_id"]))
            conn.execute("UPDATE sales_order SET state=?, status=?, grand_total=?, customer_email=?, updated_at=?,"
                         " doc=? WHERE entity_id=?",
                         (doc.get("state"), doc.get("status"), doc.get("grand_total"), doc.get("customer_email"),
                          doc["updated_at"], json.dumps(stored), doc["entity_id"]))

    def website_id(self, doc: dict[str, Any]) -> int:
        return int(self.stores.store(doc["store_id"])["website_id"])

    def save_order(self, entity: dict[str, Any], default_store_id: int = 1) -> dict[str, Any]:
        """OrderRepository::save of a REST order entity (POST /V1/orders, PUT /V1/orders/create)."""
        from fake_magento.backend.sales.order_entity import save_order_entity

        return save_order_entity(self, entity, default_store_id)

