"""searchCriteria at scale: the incremental-sync query over 1k, 10k and 100k orders.

The app is seeded with the ``default`` profile, then synthetic orders are inserted straight
into the real ``sales_order``/``sales_order_item`` tables (schema and indexes from
``fake_magento/storage/schema/50_sales.sql``, nothing added here): each copies a seeded order's
document and items with a new id, status and timestamps. The query is the one a sync
connector sends: ``updated_at gteq <cursor>`` AND ``status in processing,complete``, sorted by
``updated_at ASC``, pageSize 100. Three figures per size:

* ``engine``: parse + ``run_search`` (ids and total_count) only;
* ``list``: parse + ``backend.sales.get_list`` (engine plus loading and shaping the 100
  orders with their items) -- the list call minus HTTP;
* ``http``: the whole in-process ``GET /rest/V1/orders`` through the Flask test client
  (routing, auth, JSON encoding).

Where ``http`` goes beyond ``list``, two more figures on the page ``list`` returns:
``output_rule`` (http/service_output.py, the answer as DataObjectProcessor writes it) and
``php_json`` (http/encoding.py, that answer encoded).

Figures (p50/p95) go to bench/results/search.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import write_results
from fake_magento import Config, create_app
from fake_magento.backend import Backend
from fake_magento.backend.sales import ORDERS
from fake_magento.http.encoding import php_json
from fake_magento.http.query import parse_query
from fake_magento.http.service_output import PROCESSOR as OUTPUT
from fake_magento.search import parse_search_criteria, run_search
from fake_magento.search.sql import order_sql, where_sql
from fake_magento.seed.lifecycle import seed_state

RESULTS = Path(__file__).parent / "results" / "search.json"
SIZES = (1_000, 10_000, 100_000)
STATUSES = ["pending", "processing", "complete", "closed", "canceled", "holded"]
QUERY = ("searchCriteria[filter_groups][0][filters][0][field]=updated_at"
         "&searchCriteria[filter_groups][0][filters][0][value]={since}"
         "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq"
         "&searchCriteria[filter_groups][1][filters][0][field]=status"
         "&searchCriteria[filter_groups][1][filters][0][value]=processing,complete"
         "&searchCriteria[filter_groups][1][filters][0][condition_type]=in"
         "&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC"
         "&searchCriteria[pageSize]=100&searchCriteria[currentPage]={page}")


def seed_template(tmp: str) -> str:
    path = os.path.join(tmp, "template.db")
    backend = Backend(Config(db_path=path, profile="default"))
    seed_state(backend, seed=42, profile="default")
    backend.close()
    return path


def add_orders(path: str, count: int) -> int:
    """Insert ``count`` synthetic orders (copies of the seeded ones) into the real tables."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    templates = [(json.loads(doc), [json.loads(d) for (d,) in conn.execute(
        "SELECT doc FROM sales_order_item WHERE order_id=? ORDER BY item_id", (oid,))])
        for oid, doc in conn.execute("SELECT entity_id, doc FROM sales_order ORDER BY entity_id")]
    next_order = conn.execute("SELECT COALESCE(MAX(entity_id), 0) FROM sales_order").fetchone()[0] + 1
    next_item = conn.execute("SELECT COALESCE(MAX(item_id), 0) FROM sales_order_item").fetchone()[0] + 1
    rng = random.Random(count)
    start = time.mktime((2025, 1, 1, 0, 0, 0, 0, 0, 0))
    orders, items = [], []
    for n in range(count):
        doc, lines = templates[n % len(templates)]
        order_id = next_order + n
        created = start + rng.random() * 330 * 86400
        updated = created + rng.random() * 30 * 86400
        status = rng.choice(STATUSES)
        created_at = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(created))
        updated_at = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(updated))
        increment_id = f"{order_id:09d}"
        new_doc = {**doc, "entity_id": order_id, "increment_id": increment_id, "status": status, "state": status,
                   "created_at": created_at, "updated_at": updated_at}
        orders.append((order_id, increment_id, doc.get("store_id", 1), doc.get("customer_id"),
                       doc.get("customer_email"), status, status, doc.get("grand_total"), created_at, updated_at,
                       json.dumps(new_doc)))
        ids = {}
        for line in lines:
            ids[line["item_id"]] = next_item
            next_item += 1
        for line in lines:
            new_line = {**line, "item_id": ids[line["item_id"]], "order_id": order_id}
            if line.get("parent_item_id") is not None:
                new_line["parent_item_id"] = ids.get(line["parent_item_id"])
            items.append((new_line["item_id"], order_id, new_line.get("parent_item_id"), line.get("sku"),
                          line.get("product_type"), created_at, updated_at, json.dumps(new_line)))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO sales_order VALUES (?,?,?,?,?,?,?,?,?,?,?)", orders)
    conn.executemany("INSERT INTO sales_order_item VALUES (?,?,?,?,?,?,?,?)", items)
    conn.execute("COMMIT")
    total = int(conn.execute("SELECT COUNT(*) FROM sales_order").fetchone()[0])
    conn.close()
    return total


def timed(fn: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    """Wall-clock p50/p95, and the p50 of the thread's CPU time (``cpu_p50_ms``): on a shared
    machine the wall figures grow with the load, the CPU figure much less."""
    samples, cpu, result = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    samples.sort()
    return ({"p50_ms": round(statistics.median(samples), 3),
             "p95_ms": round(samples[max(0, int(runs * 0.95) - 1)], 3),
             "cpu_p50_ms": round(statistics.median(cpu), 3), "runs": runs}, result)


def cursor_for_window(backend: Backend, window: int) -> str:
    """The updated_at an incremental sync holds after syncing all but the last ``window`` changes."""
    row = backend.db.connection().execute(
        "SELECT updated_at FROM sales_order ORDER BY updated_at DESC LIMIT 1 OFFSET ?", (window - 1,)).fetchone()
    return str(row[0])


def scenario(app: Any, headers: dict[str, str], since: str, page: int, runs: int) -> dict[str, Any]:
    backend = app.extensions["fake_magento"]
    client = app.test_client()
    query = QUERY.format(since=since, page=page).replace(" ", "%20")

    def engine() -> tuple[list[Any], int]:
        return run_search(backend.db, ORDERS, parse_search_criteria(parse_query(query)), config=backend.config)

    def listing() -> dict[str, Any]:
        return backend.sales.get_list(parse_search_criteria(parse_query(query)))

    def http() -> Any:
        resp = client.get("/rest/V1/orders?" + query, headers=headers)
        if resp.status_code != 200:
            raise SystemExit(f"unexpected {resp.status_code}: {resp.get_data(as_text=True)[:300]}")
        return resp

    engine_figures, (ids, total) = timed(engine, runs)
    list_figures, body = timed(listing, runs)
    output_figures, answer = timed(lambda: OUTPUT.answer("GET /V1/orders", body), runs)
    json_figures, text = timed(lambda: php_json(answer), runs)
    http_figures, resp = timed(http, max(20, runs // 2))
    assert body["total_count"] == total and [o["entity_id"] for o in body["items"]] == ids
    assert resp.get_json()["total_count"] == total and resp.get_data(as_text=True) == text
    return {"total_count": total, "items": len(ids), "response_bytes": len(text), "engine": engine_figures,
            "list": list_figures, "output_rule": output_figures, "php_json": json_figures, "http": http_figures}


def plan(backend: Backend, since: str) -> list[str]:
    criteria = parse_search_criteria(parse_query(QUERY.format(since=since, page=1).replace(" ", "%20")))
    where, params = where_sql(ORDERS, criteria)
    order, order_params = order_sql(ORDERS, criteria)
    conn = backend.db.connection()
    rows = conn.execute(f"EXPLAIN QUERY PLAN SELECT entity_id FROM sales_order WHERE {where} ORDER BY {order}"
                        " LIMIT 100", [*params, *order_params]).fetchall()
    count = conn.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM sales_order WHERE {where}", params).fetchall()
    return [f"page: {r[3]}" for r in rows] + [f"count: {r[3]}" for r in count]


def run() -> dict[str, Any]:
    import shutil

    out: dict[str, Any] = {
        "query": "updated_at gteq <since> AND status in (processing,complete), sort updated_at ASC, pageSize 100",
        "table": "sales_order/sales_order_item from fake_magento/storage/schema/50_sales.sql (its own indexes)",
        "scenarios": {
            "window_1000": "since = the updated_at of the 1,000th most recent change (an incremental sync's "
                           "window; about 1/3 match the status filter), page 1",
            "window_1000_page_3": "the same window, page 3",
            "fixed_date": "since 2025-11-01: a window that grows with the table (about 10% of it), page 1",
            "initial_sync": "since 2000-01-01: every order (a first full sync; about 1/3 match), page 1",
            "initial_sync_page_100": "the same, page 100 (deep OFFSET)",
        },
        "figures": "engine = parse + run_search; list = parse + backend.sales.get_list (engine + loading the "
                   "page's orders and items), i.e. the list call minus HTTP; output_rule = the list's result "
                   "written by http/service_output.py; php_json = that answer encoded; http = GET "
                   "/rest/V1/orders through the Flask test client",
    }
    out["cpus"] = os.cpu_count()
    out["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        template = seed_template(tmp)
        for count in SIZES:
            path = os.path.join(tmp, f"orders_{count}.db")
            shutil.copyfile(template, path)
            shutil.copyfile(template + ".seed", path + ".seed")
            rows = add_orders(path, count)
            app = create_app(Config(db_path=path, profile="default"))
            backend = app.extensions["fake_magento"]
            client = app.test_client()
            creds = backend.db.get_meta("credentials")
            token = client.post("/rest/V1/integration/admin/token", json={
                "username": creds["admin_username"], "password": creds["admin_password"]}).get_json()
            headers = {"Authorization": f"Bearer {token}"}
            window = cursor_for_window(backend, 1000)
            out[str(count)] = {
                "orders_in_table": rows,
                "window_1000": scenario(app, headers, window, 1, 200),
                "window_1000_page_3": scenario(app, headers, window, 3, 100),
                "fixed_date": scenario(app, headers, "2025-11-01 00:00:00", 1, 100),
                "initial_sync": scenario(app, headers, "2000-01-01 00:00:00", 1, 50),
                "initial_sync_page_100": scenario(app, headers, "2000-01-01 00:00:00", 100, 50),
                "plan": plan(backend, window),
            }
            backend.close()
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    small, large = out[str(SIZES[0])]["window_1000"], out[str(SIZES[-1])]["window_1000"]
    out["growth_1k_to_100k"] = {kind: round(large[kind]["p50_ms"] / small[kind]["p50_ms"], 2)
                                for kind in ("engine", "list", "http")}
    out["summary_cpu_p50_ms"] = {
        str(n): {kind: out[str(n)]["window_1000"][kind]["cpu_p50_ms"]
                 for kind in ("engine", "list", "output_rule", "php_json", "http")} for n in SIZES}
    out["summary_p50_p95_ms"] = {
        str(n): {kind: [out[str(n)]["window_1000"][kind]["p50_ms"], out[str(n)]["window_1000"][kind]["p95_ms"]]
                 for kind in ("engine", "list", "output_rule", "php_json", "http")} for n in SIZES}
    return out


def main() -> None:
    write_results(RESULTS, run())


if __name__ == "__main__":
    main()
