"""Bulk orders for the ``large`` profile: copies of the seeded orders and all their documents.

See seed/bulk.py. One template per seeded order: its row, item rows, invoices, shipments, tracks
and credit memos, each a ``RowTemplate`` whose ids, increment ids, dates, customer fields and
simple-line products are slots filled per copy.
"""
from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fake_magento.providers.sales import format_increment_id
from fake_magento.seed.bulk_customers import name_pools
from fake_magento.seed.clone import GroupTemplate, RowTemplate, Slot

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

CHUNK = 1000
DAY = 86400
FORMAT = "%Y-%m-%d %H:%M:%S"
TABLES = ["sales_order", "sales_order_item", "sales_invoice", "sales_shipment", "sales_shipment_track",
          "sales_creditmemo"]
DOCS = {"sales_invoice": "invoice", "sales_shipment": "shipment", "sales_creditmemo": "creditmemo"}
# (context, key) -> the sequence the id is drawn from (Database.next_id names); None: not copied
IDS: dict[tuple[str, str], str | None] = {
    ("order", "entity_id"): "order", ("order", "billing_address_id"): "order_address", ("order", "quote_id"): None,
    ("address", "entity_id"): "order_address", ("address", "parent_id"): "order",
    ("address", "customer_address_id"): None, ("address", "quote_address_id"): None,
    ("payment", "entity_id"): "order_payment", ("payment", "parent_id"): "order",
    ("history", "entity_id"): "order_status_history", ("history", "parent_id"): "order",
    ("order_item", "item_id"): "order_item", ("order_item", "order_id"): "order",
    ("order_item", "parent_item_id"): "order_item", ("order_item", "quote_item_id"): None,
    ("track", "entity_id"): "shipment_track", ("track", "parent_id"): "shipment", ("track", "order_id"): "order",
}
for _doc in DOCS.values():
    IDS.update({(_doc, "entity_id"): _doc, (_doc, "order_id"): "order", (_doc, "billing_address_id"): "order_address",
                (_doc, "shipping_address_id"): "order_address", (_doc, "invoice_id"): "invoice",
                (f"{_doc}_item", "entity_id"): f"{_doc}_item", (f"{_doc}_item", "parent_id"): _doc,
                (f"{_doc}_item", "order_item_id"): "order_item", (f"{_doc}_item", "parent_item_id"): None,
                (f"comment:{_doc}", "entity_id"): "document_comment", (f"comment:{_doc}", "parent_id"): _doc})
CHILDREN = {("order", "billing_address"): "address", ("order", "payment"): "payment",
            ("order", "status_histories"): "history", ("order", "extension_attributes"): "order_ext",
            ("order_ext", "shipping_assignments"): "assignment", ("assignment", "address"): "address",
            ("assignment", "items"): "order_item", ("order_item", "product_option"): "opaque",
            ("order_item", "extension_attributes"): "opaque", ("shipment", "tracks"): "track",
            **{(d, "items"): f"{d}_item" for d in DOCS.values()},
            **{(d, "comments"): f"comment:{d}" for d in DOCS.values()}}
CUSTOMER = {"customer_id": "id", "customer_email": "email", "customer_firstname": "firstname",
            "customer_lastname": "lastname"}
PRODUCT_CONTEXTS = {"order_item", "invoice_item", "shipment_item", "creditmemo_item"}


def _rule(context: str, key: str, value: Any, row: dict[str, Any]) -> Slot | None:
    if key in ("created_at", "updated_at") and isinstance(value, str) and value:
        return ("date", value)
    if (context, key) in IDS:
        seq = IDS[(context, key)]
        return ("null",) if seq is None or value is None else ("id", seq, value)
    if key in CUSTOMER and context in ("order", "shipment"):
        return ("cust", CUSTOMER[key])
    if context == "address" and key in ("email", "firstname", "lastname", "customer_id"):
        return ("cust", "id" if key == "customer_id" else key)
    if key == "increment_id" and context in ("order", *DOCS.values()):
        return ("inc", context, int(row.get("store_id") or 1))
    if context in PRODUCT_CONTEXTS and key in ("sku", "name", "product_id"):
        item = row.get("item_id") if context == "order_item" else row.get("order_item_id")
        return ("prod", key, item, value)
    return None


class OrderCloner:
    def __init__(self, ctx: SeedContext, products: dict[int, list[tuple[int, str, str]]],
                 customers: list[tuple[int, str, str, str]]) -> None:
        self.ctx = ctx
        self.db = ctx.backend.db
        self.products = products
        self.customers = customers
        self.firsts, self.lasts = name_pools(ctx, 300)
        self.epoch = ctx.backend.clock.time()

    def _templates(self) -> list[dict[str, Any]]:
        out = []
        for order in self.db.query("SELECT * FROM sales_order ORDER BY entity_id"):
            order_id = order["entity_id"]
            rows = [RowTemplate("sales_order", dict(order), "order", _rule, CHILDREN)]
            items = [dict(r) for r in self.db.query("SELECT * FROM sales_order_item WHERE order_id=? ORDER BY"
                                                    " item_id", (order_id,))]
            parents = {i["parent_item_id"] for i in items if i["parent_item_id"] is not None}
            swappable = {i["item_id"]: int(json.loads(i["doc"])["product_id"]) for i in items
                         if i["product_type"] in ("simple", "virtual") and i["parent_item_id"] is None
                         and i["item_id"] not in parents and self.products.get(int(json.loads(i["doc"])["product_id"]))}
            rows += [RowTemplate("sales_order_item", i, "order_item", _rule, CHILDREN) for i in items]
            for table, context in (("sales_invoice", "invoice"), ("sales_shipment", "shipment"),
                                   ("sales_shipment_track", "track"), ("sales_creditmemo", "creditmemo")):
                rows += [RowTemplate(table, dict(r), context, _rule, CHILDREN) for r in self.db.query(
                    f"SELECT * FROM {table} WHERE order_id=? ORDER BY entity_id", (order_id,))]
            group = GroupTemplate(rows)
            ids: dict[str, set[Any]] = {}
            for slot in group.slots:
                if slot[0] == "id":
                    ids.setdefault(slot[1], set()).add(slot[2])
            ranks = {seq: {old: n for n, old in enumerate(sorted(values))} for seq, values in ids.items()}
            # the slots by kind: (position, what fills it)
            plan: dict[str, list[tuple[Any, ...]]] = {"id": [], "date": [], "cust": [], "prod": [], "inc": []}
            for pos, slot in enumerate(group.slots):
                kind = slot[0]
                if kind == "id":
                    plan["id"].append((pos, slot[1], ranks[slot[1]][slot[2]]))
                elif kind == "date":
                    plan["date"].append((pos, _epoch(slot[1])))
                elif kind == "prod":
                    plan["prod"].append((pos, slot[2], {"product_id": 0, "sku": 1, "name": 2}[slot[1]], slot[3]))
                elif kind in ("cust", "inc"):
                    plan[kind].append((pos, slot[1] if kind == "cust" else (slot[1], slot[2])))
            dates = [p[1] for p in plan["date"]]
            out.append({"group": group, "plan": plan, "size": len(group.slots),
                        "sizes": {seq: len(r) for seq, r in ranks.items()},
                        "incs": sorted({p[1] for p in plan["inc"]}), "swappable": swappable,
                        "guest": order["customer_id"] is None, "first": min(dates), "last": max(dates)})
        return out

    def run(self, total: int) -> None:
        have = int(self.db.one("SELECT COUNT(*) FROM sales_order")[0])
        count = max(0, total - have)
        templates = self._templates() if count else []
        if not templates:
            return
        counters = {r[0]: int(r[1]) for r in self.db.query("SELECT name, value FROM sequence")}
        rng = self.ctx.rng
        with self.db.write() as conn:
            for start in range(0, count, CHUNK):
                batches: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
                sql: dict[str, str] = {}
                for k in range(start, min(count, start + CHUNK)):
                    template = templates[k % len(templates)]
                    for row, values in template["group"].render(self._values(template, counters, rng)):
                        batches[row.table].append(values)
                        sql[row.table] = row.sql
                for table in TABLES:
                    if batches[table]:
                        conn.executemany(sql[table], batches[table])
                self.ctx.progress.step("orders", min(count, start + CHUNK), count)
            conn.executemany("INSERT INTO sequence(name, value) VALUES(?, ?) ON CONFLICT(name) DO UPDATE"
                             " SET value = excluded.value", sorted(counters.items()))

    def _values(self, template: dict[str, Any], counters: dict[str, int], rng: Any) -> list[Any]:
        base = {}
        for seq, size in template["sizes"].items():
            base[seq] = counters.get(seq, 0) + 1
            counters[seq] = counters.get(seq, 0) + size
        incs = {}
        for kind, store_id in template["incs"]:
            name = f"{kind}_increment_{store_id}"
            counters[name] = counters.get(name, 0) + 1
            incs[(kind, store_id)] = format_increment_id(store_id, counters[name])
        if template["guest"]:
            first, last = rng.choice(self.firsts), rng.choice(self.lasts)
            person = {"id": None, "firstname": first, "lastname": last,
                      "email": f"{first}.{last}.guest{base['order']}@example.net".lower().replace(" ", "")}
        else:
            cid, email, first, last = self.customers[rng.randrange(len(self.customers))]
            person = {"id": cid, "email": email, "firstname": first, "lastname": last}
        swaps = {item: rng.choice(self.products[pid]) for item, pid in template["swappable"].items()}
        # the whole timeline moves to a start in the two years before the seeding epoch
        shift = int(self.epoch - rng.uniform(0, 730 * DAY) - template["first"])
        shift = min(shift, int(self.epoch - template["last"]))
        plan = template["plan"]
        out: list[Any] = [None] * template["size"]
        for pos, seq, rank in plan["id"]:
            out[pos] = base[seq] + rank
        for pos, epoch in plan["date"]:
            out[pos] = time.strftime(FORMAT, time.gmtime(epoch + shift))
        for pos, field in plan["cust"]:
            out[pos] = person[field]
        for pos, item, field_index, original in plan["prod"]:
            swap = swaps.get(item)
            out[pos] = original if swap is None else swap[field_index]
        for pos, key in plan["inc"]:
            out[pos] = incs[key]
        return out


def _epoch(stamp: str) -> float:
    return datetime.strptime(stamp, FORMAT).replace(tzinfo=UTC).timestamp()
