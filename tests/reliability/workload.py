"""A mixed, concurrent workload for a bounded time: guest checkouts, invoices, shipments, refunds,
cancels, product saves, stock updates (legacy and MSI) and searches from several threads at once.

Each worker owns what it alone may write (one product field on every shared product, one stock
SKU), so after the run the last value it saw acknowledged must be the stored one: an update lost to
a concurrent read-modify-write shows there. Orders are shared: every worker invoices, ships and
refunds any of them, which is where over-invoicing and over-shipping races would show.
"""
from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from tests.reliability.shop_api import Answer, ShopApi, search

# One product field per worker: (where it goes, name, a value for draw n).
FIELDS: list[tuple[str, str, Callable[[int, int], Any]]] = [
    ("top", "name", lambda w, n: f"Worker {w} name {n}"),
    ("top", "price", lambda w, n: float(10 + n % 90)),
    ("top", "weight", lambda w, n: float(1 + n % 20)),
    ("custom", "meta_title", lambda w, n: f"Title {w}.{n}"),
    ("custom", "meta_keyword", lambda w, n: f"kw{w}-{n}"),
    ("custom", "description", lambda w, n: f"<p>Description {w}.{n}</p>"),
    ("custom", "short_description", lambda w, n: f"Short {w}.{n}"),
    ("custom", "meta_description", lambda w, n: f"Meta {w}.{n}"),
]
# Writes that Magento may refuse on the order's state (a 4xx is planned there; never a 5xx).
REFUSABLE = {"order", "invoice", "ship", "refund", "cancel"}
WEIGHTS = {"search": 28, "order": 16, "invoice": 12, "ship": 12, "refund": 8, "cancel": 2, "product": 12,
           "stock": 10}


@dataclass
class Shop:
    """What the workload works on, made before it starts."""

    hot: dict[str, float]             # SKUs only orders move: sku -> starting quantity
    shared: list[str]                 # products every worker saves (each its own field)
    stock: list[str]                  # one per worker: quantities set absolutely, legacy and MSI in turn
    stock_item_ids: dict[str, int]


@dataclass
class Outcome:
    requests: int = 0
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    refusals: Counter[tuple[str, str]] = field(default_factory=Counter)
    unplanned: list[str] = field(default_factory=list)      # an answer no client should get
    errors: list[str] = field(default_factory=list)         # no answer at all (dropped, refused, timed out)
    orders: list[int] = field(default_factory=list)
    documents: dict[str, set[int]] = field(default_factory=lambda: {"invoice": set(), "ship": set(),
                                                                       "refund": set()})
    # (sku, field) -> last acknowledged value; sku -> last acknowledged quantity
    fields: dict[tuple[str, str], Any] = field(default_factory=dict)
    quantities: dict[str, float] = field(default_factory=dict)
    # the same, for the last write sent (acknowledged or not: its answer may have been lost)
    fields_sent: dict[tuple[str, str], Any] = field(default_factory=dict)
    quantities_sent: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def make_shop(api: ShopApi, workers: int, prefix: str, seconds: float = 8) -> Shop:
    """Enough hot stock that it runs out near the end of a ``seconds`` run (about 6 orders a second
    on two cores): the last placements then race for the last units."""
    hot_qty = float(max(30, round(6 * seconds)))
    hot = {f"{prefix}-hot-{i}": hot_qty for i in range(3)}
    shared = [f"{prefix}-shared-{i}" for i in range(2)]
    stock = [f"{prefix}-stock-{w}" for w in range(workers)]
    for sku in [*hot, *shared, *stock]:
        api.create_product(sku, qty=hot.get(sku, 100))
    return Shop(hot, shared, stock, {sku: int(api.stock_item(sku)["item_id"]) for sku in stock})


class Worker:
    def __init__(self, index: int, api: ShopApi, shop: Shop, outcome: Outcome, lock: threading.Lock,
                 deadline: float, seed: int, stop_on_error: bool = False) -> None:
        self.index, self.api, self.shop, self.outcome, self.lock = index, api, shop, outcome, lock
        self.stop_on_error = stop_on_error
        self.deadline, self.rng, self.draws = deadline, random.Random(seed * 1000 + index), 0
        self.ops = list(WEIGHTS)
        self.weights = [WEIGHTS[o] for o in self.ops]

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            op = self.rng.choices(self.ops, self.weights)[0]
            self.draws += 1
            try:
                getattr(self, f"do_{op}")(op)
            except requests.RequestException as exc:  # a dropped connection, a timeout
                with self.lock:
                    self.outcome.errors.append(f"{op}: {type(exc).__name__}: {exc}")
                if self.stop_on_error:
                    return

    def note(self, op: str, answer: Answer) -> Answer:
        with self.lock:
            self.outcome.requests += 1
            self.outcome.statuses[(op, answer.status)] += 1
            planned = answer.ok or (op in REFUSABLE and 400 <= answer.status < 500 and isinstance(answer.body, dict)
                                    and "message" in answer.body)
            if not planned:
                self.outcome.unplanned.append(f"{op} {answer.method} {answer.path}: {answer.status} "
                                              f"{str(answer.body)[:300]}")
            elif not answer.ok:
                self.outcome.refusals[(op, answer.message)] += 1
        return answer

    def pick_order(self) -> int | None:
        """Mostly one of the newest orders, so that several workers write the same order at once."""
        with self.lock:
            orders = self.outcome.orders
            if not orders:
                return None
            return self.rng.choice(orders[-4:] if self.rng.random() < 0.6 else orders)

    # -- operations -------------------------------------------------------------------------------
    def do_search(self, op: str) -> None:
        kind = self.rng.randrange(5)
        if kind == 0:
            self.note(op, self.api.get("orders", search(("status", "processing", "eq"), page_size=20,
                                                        sort=("updated_at", "DESC"))))
        elif kind == 1:
            self.note(op, self.api.get("products", search(("sku", f"{self.shop.shared[0][:-2]}%", "like"),
                                                          page_size=50)))
        elif kind == 2:
            self.note(op, self.api.get("invoices", search(("grand_total", 0, "gt"), page_size=20)))
        elif kind == 3:
            sku = self.rng.choice(self.shop.shared)
            self.note(op, self.api.call("GET", f"products/{quote(sku, safe='')}", store="all"))
        else:
            sku = self.rng.choice(list(self.shop.hot))
            self.note(op, self.api.get(f"inventory/get-product-salable-quantity/{quote(sku, safe='')}/1"))

    def do_order(self, op: str) -> None:
        skus = self.rng.sample(list(self.shop.hot), self.rng.choice([1, 1, 2]))
        order_id, answer = self.api.guest_order([(s, self.rng.randint(1, 3)) for s in skus])
        self.note(op, answer)
        if order_id is not None:
            with self.lock:
                self.outcome.orders.append(order_id)

    def _lines(self, order_id: int, op: str) -> list[dict[str, Any]] | None:
        """None: everything left; else one row with a quantity that may exceed what is left."""
        if self.rng.random() < 0.5:
            return None
        answer = self.note("search", self.api.get(f"orders/{order_id}"))
        items = [i for i in answer.body.get("items", []) if not i.get("parent_item_id")] if answer.ok else []
        if not items:
            return None
        item = self.rng.choice(items)
        return [{"order_item_id": item["item_id"], "qty": self.rng.randint(1, int(item["qty_ordered"]))}]

    def _document(self, op: str, path: str, extra: dict[str, Any]) -> None:
        order_id = self.pick_order()
        if order_id is None:
            return
        lines = self._lines(order_id, op)
        body = dict(extra, **({"items": lines} if lines else {}))
        answer = self.note(op, self.api.call("POST", f"order/{order_id}/{path}", body))
        if answer.ok:
            with self.lock:
                self.outcome.documents[op].add(int(answer.body))

    def do_invoice(self, op: str) -> None:
        self._document(op, "invoice", {"capture": False})

    def do_ship(self, op: str) -> None:
        self._document(op, "ship", {"tracks": [{"track_number": f"T{self.index}-{self.draws}",
                                                "carrier_code": "ups", "title": "UPS"}]})

    def do_refund(self, op: str) -> None:
        self._document(op, "refund", {"arguments": {"shipping_amount": 0}})

    def do_cancel(self, op: str) -> None:
        order_id = self.pick_order()
        if order_id is not None:
            self.note(op, self.api.call("POST", f"orders/{order_id}/cancel"))

    def do_product(self, op: str) -> None:
        sku = self.rng.choice(self.shop.shared)
        where, name, value_for = FIELDS[self.index % len(FIELDS)]
        value = value_for(self.index, self.draws)
        product: dict[str, Any] = {"sku": sku}
        with self.lock:
            self.outcome.fields_sent[(sku, name)] = value
        if where == "top":
            product[name] = value
        else:
            product["custom_attributes"] = [{"attribute_code": name, "value": value}]
        answer = self.note(op, self.api.call("PUT", f"products/{quote(sku, safe='')}", {"product": product},
                                             store="all"))
        if answer.ok:
            with self.lock:
                self.outcome.fields[(sku, name)] = value

    def do_stock(self, op: str) -> None:
        sku = self.shop.stock[self.index]
        qty = float(self.rng.randint(0, 500))
        with self.lock:
            self.outcome.quantities_sent[sku] = qty
        if self.rng.random() < 0.5:
            answer = self.note(op, self.api.call(
                "PUT", f"products/{quote(sku, safe='')}/stockItems/{self.shop.stock_item_ids[sku]}",
                {"stockItem": {"qty": qty, "is_in_stock": qty > 0}}))
        else:
            answer = self.note(op, self.api.call("POST", "inventory/source-items", {"sourceItems": [
                {"sku": sku, "source_code": "default", "quantity": qty, "status": int(qty > 0)}]}))
        if answer.ok:
            with self.lock:
                self.outcome.quantities[sku] = qty


def run(api: ShopApi, shop: Shop, *, workers: int, seconds: float, seed: int = 1,
        stop_on_error: bool = False) -> Outcome:
    """Run the workers for ``seconds`` (or, with ``stop_on_error``, each until its first request
    without an answer: the server was killed)."""
    if workers > len(FIELDS):
        raise ValueError(f"at most {len(FIELDS)} workers: each owns one product field")
    outcome, lock = Outcome(), threading.Lock()
    started = time.monotonic()
    crew = [Worker(i, api, shop, outcome, lock, started + seconds, seed, stop_on_error) for i in range(workers)]
    threads = [threading.Thread(target=w.run, name=f"worker-{w.index}") for w in crew]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcome.seconds = time.monotonic() - started
    return outcome


def product_field(product: dict[str, Any], name: str) -> Any:
    if name in product:
        return product[name]
    return next((a["value"] for a in product.get("custom_attributes", []) if a["attribute_code"] == name), None)
