"""The connector against the emulator's own fault rules (``POST /_fake/faults``, README "Faults and
the journal"): incremental pulls finish with every record exactly once under each kind of fault and
under all of them at once (with writes going on); a write whose answer is lost, cut short or garbled
is applied once, because the connector reads before it resends; rate limits are waited out as told.
Sleeps are injected and recorded: nothing here waits for real.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.errors import MagentoError
from connector.operations.fulfilment import Fulfilment, SourceStock, Tracking
from connector.operations.pull import pull
from connector.search import SearchCriteria
from connector.transport import RetryPolicy
from fake_magento import ThreadedServer
from tests.connector_tests.data import make_product, order, unique
from tests.connector_tests.pull_support import current, lines
from tests.support.emulator import control, emulator_config


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def faults(emulator: ThreadedServer) -> Iterator[Callable[..., list[dict[str, Any]]]]:
    """faults(rule, ...) adds rules; every rule is removed after the test."""
    control(emulator, "faults", method="DELETE")
    control(emulator, "journal", method="DELETE")

    def add(*rules: dict[str, Any]) -> list[dict[str, Any]]:
        return list(control(emulator, "faults", list(rules))["faults"])

    yield add
    control(emulator, "faults", method="DELETE")


def fired(server: ThreadedServer) -> dict[str, int]:
    """How often each kind fired, by the rules' own counts."""
    counts: Counter[str] = Counter()
    for rule in control(server, "faults", method="GET")["faults"]:
        counts[rule["kind"]] += rule["fired"]
    return dict(counts)


def calm(server: ThreadedServer, magento: MagentoClient) -> dict[int, dict[str, Any]]:
    """Every order as the list route answers it, once the faults are gone."""
    control(server, "faults", method="DELETE")
    return current(magento, "orders")


def client(server: ThreadedServer, sleeps: Sleeps, mode: str = "admin", max_retries: int = 4) -> MagentoClient:
    # admin credentials: an expired token can be renewed (an integration's cannot expire mid-run)
    return MagentoClient(emulator_config(server, mode), retry=RetryPolicy(
        max_retries=max_retries, backoff_factor=0.5, backoff_max=3.0, jitter=lambda d: d, sleep=sleeps))


# -- pulls ------------------------------------------------------------------------------------------------------------
PULL_KINDS = {
    "masked_500": {},                   # asked again by the pull (page_retries)
    "maintenance": {},                  # 503: the transport's backoff
    "rate_limit": {"retry_after": 2},   # 429: Retry-After
    "drop": {},                         # no answer: a read is asked again
    "truncate": {},                     # half a body: a connection error, asked again
    "malformed_json": {},               # a whole body that does not parse: asked again
    "token_expired": {},                # 401: the admin token is renewed once
    "latency": {"delay_ms": 30},
}


@pytest.mark.parametrize("kind", sorted(PULL_KINDS))
def test_a_pull_under_each_fault_finishes_with_each_record_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps, kind: str, tmp_path: Path) -> None:
    faults({"path": "/V1/orders", "method": "GET", "kind": kind, "every": 2, **PULL_KINDS[kind]})
    with client(emulator, sleeps) as magento:
        summary = pull(magento, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=5)
        assert fired(emulator).get(kind, 0) >= 2
        expected = calm(emulator, magento)
    written = [r["entity_id"] for r in lines(tmp_path / "o.jsonl")]
    assert sorted(written) == sorted(expected) and summary.records == len(expected)
    if kind == "rate_limit":
        assert sleeps and set(sleeps) == {2.0}
    elif kind in ("token_expired", "latency"):
        assert sleeps == []  # a renewed token is asked at once; a slow answer is only slow
    else:
        assert sleeps and set(sleeps) == {0.5}  # every other call fails: one backoff each time


def test_a_pull_under_every_fault_at_once_with_writes_going_on_loses_and_repeats_nothing(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps, tmp_path: Path) -> None:
    """A sync job run again after each failure (as a scheduler would) while orders change between
    runs: the last line of each order is its current version, and no version is written twice."""
    faults(*[{"path": "/V1/orders", "method": "GET", "kind": kind, "probability": 0.12, "seed": i,
              **PULL_KINDS[kind]} for i, kind in enumerate(sorted(PULL_KINDS))])
    out, state = tmp_path / "o.jsonl", tmp_path / "s.json"
    runs = failures = 0
    with client(emulator, sleeps, max_retries=1) as magento, client(emulator, Sleeps()) as direct:
        sku = unique("cxz")
        make_product(direct, sku, price=10)
        while True:
            runs += 1
            if runs % 2 == 0 and runs <= 8:  # a new order, and one moved on, between some runs
                order_id = order(direct, {sku: 1})
                direct.orders.hold(order_id)
            try:
                pull(magento, "orders", out, state, page_size=4, page_retries=1)
            except MagentoError:
                failures += 1
                assert runs < 60, "the pull never finished"
                continue
            if runs > 8:
                break
        # the faults did happen, and made some runs fail
        assert failures > 0 and sum(fired(emulator).values()) > 10
        expected = calm(emulator, direct)
    written = lines(out)
    versions = Counter((r["entity_id"], r["updated_at"], r["status"]) for r in written)
    assert [v for v, n in versions.items() if n > 1] == []
    last = {r["entity_id"]: r for r in written}
    assert sorted(last) == sorted(expected)
    assert {k: (v["updated_at"], v["status"]) for k, v in last.items()} == {
        k: (v["updated_at"], v["status"]) for k, v in expected.items()}


@pytest.mark.parametrize(("entity", "route"), [("customers", "/V1/customers/search"), ("products", "/V1/products")])
def test_customer_and_product_pulls_under_every_fault_at_once_write_each_record_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps, entity: str, route: str,
        tmp_path: Path) -> None:
    faults(*[{"path": route, "method": "GET", "kind": kind, "probability": 0.15, "seed": 40 + i, **PULL_KINDS[kind]}
             for i, kind in enumerate(sorted(PULL_KINDS))])
    out, state = tmp_path / "out.jsonl", tmp_path / "state.json"
    with client(emulator, sleeps, max_retries=2) as magento:
        for _ in range(30):  # a scheduler running the job again after a failure
            try:
                pull(magento, entity, out, state, page_size=4, page_retries=1)
                break
            except MagentoError:
                continue
        else:
            pytest.fail("the pull never finished")
        assert sum(fired(emulator).values()) >= 5
        control(emulator, "faults", method="DELETE")
        expected = current(magento, entity)
    written = [int(r["id"]) for r in lines(out)]
    assert sorted(written) == sorted(expected)


# -- writes -------------------------------------------------------------------------------------------------------------
def ready(direct: MagentoClient, kind: str) -> tuple[int, str]:
    sku = unique("cxw")
    make_product(direct, sku, price=10)
    order_id = order(direct, {sku: 3})
    if kind == "refund":
        direct.orders.invoice(order_id)
    return order_id, sku


DOCUMENTS = {"invoice": ("/V1/order/{}/invoice", "invoices", "qty_invoiced"),
             "ship": ("/V1/order/{}/ship", "shipments", "qty_shipped"),
             "refund": ("/V1/order/{}/refund", "creditmemos", "qty_refunded")}


def write(fulfil: Fulfilment, kind: str, order_id: int, sku: str) -> Any:
    if kind == "invoice":
        return fulfil.invoice(order_id, {sku: 2})
    if kind == "ship":
        return fulfil.ship(order_id, {sku: 2}, tracks=[Tracking("1Z-F", "ups", "UPS")])
    return fulfil.refund(order_id, {sku: 2}, shipping_amount=0)


def posts(server: ThreadedServer, path: str) -> list[dict[str, Any]]:
    entries = control(server, "journal?limit=1000", method="GET")["entries"]
    return [e for e in entries if e["method"] == "POST" and e["path"] == f"/rest{path}"]


@pytest.mark.parametrize("fault", ["lost_response", "truncate", "malformed_json"])
@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_a_document_write_whose_answer_is_lost_is_applied_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps, kind: str, fault: str) -> None:
    with client(emulator, Sleeps()) as direct, client(emulator, sleeps, mode="oauth") as through:
        order_id, sku = ready(direct, kind)
        route, resource, qty = DOCUMENTS[kind]
        path = route.format(order_id)
        faults({"path": path, "method": "POST", "kind": fault, "times": 1})
        result = write(Fulfilment(through, settle=0.1, sleep=sleeps), kind, order_id, sku)
        documents = getattr(direct, resource).search(SearchCriteria().where("order_id", order_id))
    assert result.recovered and documents["total_count"] == 1
    assert int(documents["items"][0]["entity_id"]) == result.document_id
    assert getattr(result.order.items[0], qty) == 2
    sent = posts(emulator, path)
    assert len(sent) == 1 and sent[0]["fault"]["kind"] == fault
    assert sleeps == [0.1]


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_a_document_write_dropped_before_it_ran_is_sent_again_and_applied_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps, kind: str) -> None:
    with client(emulator, Sleeps()) as direct, client(emulator, sleeps, mode="oauth") as through:
        order_id, sku = ready(direct, kind)
        route, resource, _ = DOCUMENTS[kind]
        faults({"path": route.format(order_id), "method": "POST", "kind": "drop", "times": 1})
        result = write(Fulfilment(through, settle=0.1, sleep=sleeps), kind, order_id, sku)
        documents = getattr(direct, resource).search(SearchCriteria().where("order_id", order_id))
    assert not result.recovered and documents["total_count"] == 1
    assert [e["fault"] and e["fault"]["kind"] for e in posts(emulator, route.format(order_id))] == ["drop", None]


def test_order_state_writes_and_comments_with_lost_answers_are_applied_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps) -> None:
    with client(emulator, Sleeps()) as direct, client(emulator, sleeps, mode="oauth") as through:
        order_id, _ = ready(direct, "invoice")
        faults({"path": f"/V1/orders/{order_id}/*", "method": "POST", "kind": "lost_response"})
        fulfil = Fulfilment(through, settle=0.1, sleep=sleeps)
        assert fulfil.comment(order_id, "Packed") is True
        assert fulfil.hold(order_id) is True
        assert fulfil.unhold(order_id) is True
        assert fulfil.cancel(order_id) is True
        comments = [c.get("comment") for c in direct.orders.comments(order_id)]
        assert comments.count("Packed") == 1 and direct.orders.get(order_id).state == "canceled"
    for action in ("comments", "hold", "unhold", "cancel"):
        assert len(posts(emulator, f"/V1/orders/{order_id}/{action}")) == 1, action


def test_stock_writes_with_lost_answers_are_retried_as_absolute_quantities(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps) -> None:
    with client(emulator, Sleeps()) as direct, client(emulator, sleeps, mode="oauth") as through:
        sku = unique("cxs")
        make_product(direct, sku, qty=5)
        faults({"path": "/V1/inventory/source-items", "method": "POST", "kind": "lost_response", "times": 1},
               {"path": "/V1/products/*/stockItems/*", "method": "PUT", "kind": "truncate", "times": 1})
        fulfil = Fulfilment(through, sleep=sleeps)
        fulfil.set_source_stock([SourceStock(sku, "default", 40)])
        assert direct.stock_items.get(sku).qty == 40
        fulfil.set_stock(sku, 33)
        assert direct.stock_items.get(sku).qty == 33
    assert sleeps == [0.5, 0.5]


# -- rate limits ------------------------------------------------------------------------------------------------------
def test_a_rate_limited_write_waits_as_told_and_is_applied_once(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps) -> None:
    with client(emulator, Sleeps()) as direct, client(emulator, sleeps, mode="oauth") as through:
        order_id, _ = ready(direct, "invoice")
        path = f"/V1/order/{order_id}/invoice"
        faults({"path": path, "method": "POST", "kind": "rate_limit", "retry_after": 7, "times": 2})
        result = Fulfilment(through, sleep=sleeps).invoice(order_id)
        assert direct.invoices.search(SearchCriteria().where("order_id", order_id))["total_count"] == 1
    assert not result.recovered and sleeps == [7.0, 7.0]
    assert [e["status"] for e in posts(emulator, path)] == [429, 429, 200]


def test_a_rate_limit_without_retry_after_backs_off(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps) -> None:
    faults({"path": "/V1/orders/*", "method": "GET", "kind": "rate_limit", "retry_after": None, "times": 3})
    with client(emulator, sleeps) as magento:
        assert magento.orders.get(1).entity_id == 1
    assert sleeps == [0.5, 1.0, 2.0]


def test_a_retry_after_beyond_the_limit_is_raised_not_waited(
        emulator: ThreadedServer, faults: Callable[..., Any], sleeps: Sleeps) -> None:
    from connector.errors import RateLimitError

    faults({"path": "/V1/orders/*", "method": "GET", "kind": "rate_limit", "retry_after": 3600, "times": 1})
    with client(emulator, sleeps) as magento, pytest.raises(RateLimitError) as caught:
        magento.orders.get(1)
    assert caught.value.retry_after == 3600.0 and caught.value.message == "Too Many Requests" and sleeps == []
