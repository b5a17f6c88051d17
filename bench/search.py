"""searchCriteria at scale: the incremental-sync query over 1k, 10k and 100k orders.

The orders table has the shape the sales area uses (indexed columns plus a JSON document),
with the indexes this query needs: ``(status COLLATE NOCASE, updated_at)`` and ``updated_at``.
Figures (p50/p95 of the engine call plus loading the page's documents) go to
bench/results/search.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fake_magento.http.query import parse_query
from fake_magento.search import EntitySearch, Field, parse_search_criteria, run_search, search_result
from fake_magento.storage.db import register_mysql_functions

RESULTS = Path(__file__).parent / "results" / "search.json"
STATUSES = ["pending", "processing", "complete", "closed", "canceled", "holded"]
DDL = """
CREATE TABLE sales_order (entity_id INTEGER PRIMARY KEY, increment_id TEXT, store_id INTEGER, customer_id INTEGER,
  customer_email TEXT, state TEXT, status TEXT, grand_total REAL, created_at TEXT, updated_at TEXT, doc TEXT);
CREATE INDEX sales_order_status_updated ON sales_order(status COLLATE NOCASE, updated_at);
CREATE INDEX sales_order_updated ON sales_order(updated_at);
CREATE INDEX sales_order_increment ON sales_order(increment_id COLLATE NOCASE);
"""
ORDERS = EntitySearch(table="sales_order", id_column="entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"), "status": Field("status"),
    "state": Field("state"), "grand_total": Field("grand_total", "float"), "updated_at": Field("updated_at", "date"),
    "created_at": Field("created_at", "date"), "customer_email": Field("customer_email")})
QUERY = ("searchCriteria[filter_groups][0][filters][0][field]=updated_at"
         "&searchCriteria[filter_groups][0][filters][0][value]={since}"
         "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq"
         "&searchCriteria[filter_groups][1][filters][0][field]=status"
         "&searchCriteria[filter_groups][1][filters][0][value]=processing,complete"
         "&searchCriteria[filter_groups][1][filters][0][condition_type]=in"
         "&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC"
         "&searchCriteria[pageSize]=100&searchCriteria[currentPage]={page}")


def build(path: str, count: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    register_mysql_functions(conn)
    conn.executescript(DDL)
    rng = random.Random(count)
    start = time.mktime((2025, 1, 1, 0, 0, 0, 0, 0, 0))
    rows = []
    for i in range(1, count + 1):
        created = start + rng.random() * 330 * 86400
        updated = created + rng.random() * 30 * 86400
        status = rng.choice(STATUSES)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(updated))
        doc = {"entity_id": i, "increment_id": f"{i:09d}", "status": status, "updated_at": stamp,
               "items": [{"sku": f"SKU-{rng.randint(1, 500)}", "qty_ordered": 1, "price": 10.5}] * 3,
               "billing_address": {"street": ["1 Main St"], "city": "Austin", "postcode": "78701"}}
        rows.append((i, f"{i:09d}", 1, i % 997, f"c{i % 997}@example.com", status, status, 31.5,
                     time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(created)), stamp, json.dumps(doc)))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO sales_order VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return conn


def cursor_for_window(conn: sqlite3.Connection, window: int) -> str:
    """The updated_at an incremental sync would hold after syncing all but the last ``window`` changes."""
    row = conn.execute("SELECT updated_at FROM sales_order ORDER BY updated_at DESC LIMIT 1 OFFSET ?",
                       (window - 1,)).fetchone()
    return str(row[0])


def measure(conn: sqlite3.Connection, since: str, page: int, runs: int) -> dict[str, Any]:
    query = QUERY.format(since=since, page=page).replace(" ", "%20")
    criteria = parse_search_criteria(parse_query(query))
    samples = []
    result: dict[str, Any] = {}
    for _ in range(runs):
        started = time.perf_counter()
        ids, total = run_search(conn, ORDERS, criteria)
        marks = ",".join("?" * len(ids))
        docs = {r[0]: json.loads(r[1]) for r in conn.execute(
            f"SELECT entity_id, doc FROM sales_order WHERE entity_id IN ({marks})", ids)}
        result = search_result([docs[i] for i in ids], criteria, total)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 3), "p95_ms": round(samples[int(runs * 0.95) - 1], 3),
            "runs": runs, "total_count": result["total_count"], "items": len(result["items"])}


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"query": "updated_at gteq + status in, sort updated_at ASC, pageSize 100",
                           "indexes": [line.strip() for line in DDL.splitlines() if "INDEX" in line]}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1_000, 10_000, 100_000):
            conn = build(os.path.join(tmp, f"{count}.db"), count)
            window = cursor_for_window(conn, 1000)
            out[str(count)] = {
                # the last 1,000 changes: the window an incremental sync pages through
                "window_1000_page_1": measure(conn, window, 1, 200),
                "window_1000_page_3": measure(conn, window, 3, 200),
                # a fixed date: the window grows with the table (10% of the year)
                "since_2025_11_01_page_1": measure(conn, "2025-11-01 00:00:00", 1, 100),
            }
            plan = conn.execute("EXPLAIN QUERY PLAN SELECT entity_id FROM sales_order WHERE updated_at >= ? AND "
                                "status COLLATE NOCASE IN (?, ?) ORDER BY updated_at ASC, entity_id ASC LIMIT 100",
                                ("2025-11-01 00:00:00", "processing", "complete")).fetchall()
            out[str(count)]["plan"] = [row[3] for row in plan]
            conn.close()
    small, large = out["1000"]["window_1000_page_1"]["p50_ms"], out["100000"]["window_1000_page_1"]["p50_ms"]
    out["growth_1k_to_100k_window_page_1"] = round(large / small, 2)
    return out


def main() -> None:
    results = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
