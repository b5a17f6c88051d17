"""The ``large`` profile's volume: products, customers and orders as rows cloned from seeded ones.

Placing 100,000 orders through checkout would take minutes, so the ordinary areas first build
the ``default`` data through the services (every order a real lifecycle result), and this area
copies those rows up to the profile's totals (``settings["bulk"]``):

* products: copies of the generated simple products (same attribute values, price, websites,
  category and stock), each with its own SKU, names per view and URL key;
* customers: copies of the seeded customers with new names, emails and address ids;
* orders: copies of the seeded orders *with their documents* (items, addresses, payment, history,
  invoices, shipments, tracks, credit memos), so every state and every quantity relation of the
  template holds in the copy; ids come from the same counters the services draw from, increment
  ids from the store's sequence, dates are shifted as a whole over the two years before the
  seeding epoch, customers are bulk customers (or new guests), and simple lines are sold as
  copies of their product at the same price. Copies keep no quote and add no stock reservation.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from fake_magento.seed.bulk_orders import OrderCloner

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

CHUNK = 2000


def seed(ctx: SeedContext) -> None:
    totals = ctx.settings.get("bulk")
    if not totals:
        return
    conn = ctx.backend.db.connection()
    # The copies are consistent by construction: no foreign-key checks, and no fsync per commit
    # while they are written (a crash mid-seed leaves a database that is re-seeded anyway).
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    try:
        mapping = _products(ctx, int(totals.get("products", 0)))
        customers = _customers(ctx, int(totals.get("customers", 0)))
        OrderCloner(ctx, mapping, customers).run(int(totals.get("orders", 0)))
    finally:
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
    ctx.backend.invalidate_caches()


def next_ids(conn: Any, name: str, count: int) -> int:
    """Reserve ``count`` ids of a sequence (Database.next_id's table); returns the first."""
    row = conn.execute("SELECT value FROM sequence WHERE name=?", (name,)).fetchone()
    first = (int(row[0]) if row else 0) + 1
    conn.execute("INSERT INTO sequence(name, value) VALUES(?, ?) ON CONFLICT(name) DO UPDATE SET value = ?",
                 (name, first + count - 1, first + count - 1))
    return first


def _renumber(text: str, number: int) -> str:
    """A generated name, SKU or URL key with its product number replaced ("Hera Pants 164")."""
    return re.sub(r"\d+", str(number), text, count=1)


def _products(ctx: SeedContext, total: int) -> dict[int, list[tuple[int, str, str]]]:
    """Copies of the generated simple products; {template product id: [(id, sku, name), ...]}."""
    db = ctx.backend.db
    templates = [r[0] for r in db.query(
        "SELECT e.entity_id FROM catalog_product_entity e JOIN catalog_product_website w ON w.product_id ="
        " e.entity_id AND w.website_id = 1 WHERE e.type_id = 'simple' AND e.attribute_set_id = 9 AND"
        " e.sku GLOB '[A-Z][A-Z][0-9]*-*' ORDER BY e.entity_id")]
    have = int(db.one("SELECT COUNT(*) FROM catalog_product_entity")[0])
    count = max(0, total - have)
    out: dict[int, list[tuple[int, str, str]]] = {t: [] for t in templates}
    if not count or not templates:
        return out
    rows = {t: {
        "entity": dict(db.one("SELECT * FROM catalog_product_entity WHERE entity_id=?", (t,))),
        "values": [tuple(r) for r in db.query("SELECT store_id, attribute_code, value FROM catalog_product_value"
                                               " WHERE entity_id=? ORDER BY store_id, attribute_code", (t,))],
        "websites": [r[0] for r in db.query("SELECT website_id FROM catalog_product_website WHERE product_id=?",
                                            (t,))],
        "categories": [tuple(r) for r in db.query("SELECT category_id, position FROM catalog_category_product"
                                                   " WHERE product_id=?", (t,))],
        "sources": [tuple(r) for r in db.query("SELECT source_code, status FROM inventory_source_item WHERE"
                                                " sku=? ORDER BY source_code", (db.one(
                                                    "SELECT sku FROM catalog_product_entity WHERE entity_id=?",
                                                    (t,))[0],))],
    } for t in templates}
    rng = ctx.rng
    with db.write() as conn:
        first = next_ids(conn, "product", count)
        stock_first = next_ids(conn, "stock_item", count)
        for start in range(0, count, CHUNK):
            entities, values, websites, categories, stock, sources = [], [], [], [], [], []
            for k in range(start, min(count, start + CHUNK)):
                template = templates[k % len(templates)]
                t = rows[template]
                pid = first + k
                sku = _renumber(t["entity"]["sku"], pid)
                name = ""
                for store_id, code, value in t["values"]:
                    if code in ("name", "url_key"):
                        value = _renumber(value, pid)
                        if code == "name" and store_id == 0:
                            name = value
                    values.append((pid, store_id, code, value))
                entities.append((pid, sku, "simple", t["entity"]["attribute_set_id"], t["entity"]["created_at"],
                                 t["entity"]["updated_at"], "{}"))
                websites += [(pid, w) for w in t["websites"]]
                categories += [(c, pid, sku, pos) for c, pos in t["categories"]]
                qty = float(rng.randint(0, 500))
                stock.append((stock_first + k, pid, sku, "simple", 1, 0, qty, int(qty > 0), None, 0, "{}"))
                for code, _status in t["sources"]:
                    amount = qty if code == "default" else float(rng.randint(0, 80))
                    sources.append((code, sku, amount, int(amount > 0)))
                out[template].append((pid, sku, name))
            conn.executemany("INSERT INTO catalog_product_entity VALUES (?,?,?,?,?,?,?)", entities)
            conn.executemany("INSERT INTO catalog_product_value VALUES (?,?,?,?)", values)
            conn.executemany("INSERT INTO catalog_product_website VALUES (?,?)", websites)
            conn.executemany("INSERT INTO catalog_category_product VALUES (?,?,?,?)", categories)
            conn.executemany("INSERT INTO cataloginventory_stock_item VALUES (?,?,?,?,?,?,?,?,?,?,?)", stock)
            conn.executemany("INSERT INTO inventory_source_item(source_code, sku, quantity, status)"
                             " VALUES (?,?,?,?)", sources)
            ctx.progress.step("products", min(count, start + CHUNK), count)
    return out


def _customers(ctx: SeedContext, total: int) -> list[tuple[int, str, str, str]]:
    """Copies of the seeded customers of the base website: [(id, email, first, last), ...] of them all."""
    from fake_magento.seed.bulk_customers import clone_customers

    return clone_customers(ctx, total)


def stamp_shift(base: str, seconds: int) -> str:
    moved = datetime.strptime(base, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC) + timedelta(seconds=seconds)
    return moved.strftime("%Y-%m-%d %H:%M:%S")
