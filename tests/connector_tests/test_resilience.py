"""The connector under faults a scripted proxy injects (a real socket between it and the emulator):
answers whose body is not JSON, 503 with Retry-After, masked 500s while a pull pages, a write whose
answer comes back garbled after it was applied. Sleeps are injected and recorded: nothing waits.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.errors import MalformedResponse, ServerError
from connector.operations.fulfilment import Fulfilment
from connector.operations.pull import PullError, pull
from connector.requestor import Requestor
from connector.search import SearchCriteria
from connector.transport import RetryPolicy, Transport
from fake_magento import ThreadedServer
from tests.connector_tests.data import make_product, order, unique
from tests.connector_tests.fault_server import FaultServer, Reply
from tests.connector_tests.pull_support import current, lines
from tests.support.emulator import control, emulator_config

MASKED_500 = {"message": "Internal Error. Details are available in Magento log file. Report ID: webapi-5f3a9c2e1b7d4"}
CUT_SHORT = b'{"items": [{"entity_id": 1, "increment_id": "0000'


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def policy(sleeps: Sleeps, max_retries: int = 4) -> RetryPolicy:
    return RetryPolicy(max_retries=max_retries, backoff_factor=0.5, backoff_max=3.0, jitter=lambda d: d,
                       sleep=sleeps)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def scripted() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


def requestor(url: str, sleeps: Sleeps, max_retries: int = 4) -> Requestor:
    config = ConnectorConfig.from_dict({"url": url, "token": "t"})
    return Requestor(config, Transport(auth=None, retry=policy(sleeps, max_retries)))


# -- bodies that are not JSON ---------------------------------------------------------------------------------
def test_a_read_answered_with_a_body_cut_short_is_asked_again(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(200, CUT_SHORT, {"Content-Type": "application/json"}), Reply(200, {"items": []}))
    assert requestor(scripted.url, sleeps).get("orders") == {"items": []}
    assert len(scripted.seen) == 2 and sleeps == [0.5]


def test_a_read_garbled_every_time_gives_up_after_the_retries(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(*[Reply(200, "<html>proxy</html>", {"Content-Type": "text/html"}) for _ in range(3)])
    with pytest.raises(MalformedResponse) as caught:
        requestor(scripted.url, sleeps, max_retries=2).get("orders")
    assert caught.value.status == 200 and caught.value.body == "<html>proxy</html>"
    assert len(scripted.seen) == 3 and sleeps == [0.5, 1.0]


def test_a_read_whose_connection_closes_mid_body_is_asked_again(scripted: FaultServer, sleeps: Sleeps) -> None:
    # Content-Length says more than arrives: urllib3 raises IncompleteRead, a connection error
    scripted.add(Reply(200, {"items": [1, 2, 3]}, cut=6), Reply(200, {"items": []}))
    assert requestor(scripted.url, sleeps).get("orders") == {"items": []}
    assert len(scripted.seen) == 2 and sleeps == [0.5]


def test_a_write_answered_with_a_body_cut_short_is_not_resent(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(200, b'"12', {"Content-Type": "application/json"}), Reply(200, "13"))
    with pytest.raises(MalformedResponse):
        requestor(scripted.url, sleeps).post("order/5/invoice", {})
    assert len(scripted.seen) == 1 and sleeps == []


# -- Retry-After on a 503 -------------------------------------------------------------------------------------
def test_retry_after_on_a_503_is_waited_exactly(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(503, "<h1>Service Temporarily Unavailable</h1>", {"Retry-After": "12"}),
                 Reply(200, {"ok": True}))
    assert requestor(scripted.url, sleeps).get("orders/1") == {"ok": True}
    assert sleeps == [12.0]


def test_a_503_retry_after_beyond_the_limit_is_raised(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(503, "<h1>Service Temporarily Unavailable</h1>", {"Retry-After": "3600"}),
                 Reply(200, {"ok": True}))
    with pytest.raises(ServerError) as caught:
        requestor(scripted.url, sleeps).get("orders/1")
    assert caught.value.status == 503 and sleeps == [] and len(scripted.seen) == 1


# -- through a proxy to the emulator ------------------------------------------------------------------------------
class Rig:
    def __init__(self, server: ThreadedServer, proxy: FaultServer, sleeps: Sleeps) -> None:
        config = emulator_config(server)
        self.server, self.proxy, self.sleeps = server, proxy, sleeps
        self.direct = MagentoClient(config)
        self.through = MagentoClient(replace(config, url=proxy.url), retry=policy(sleeps))

    def close(self) -> None:
        self.direct.close()
        self.through.close()


@pytest.fixture(scope="module")
def proxy(emulator: ThreadedServer) -> Iterator[FaultServer]:
    with FaultServer(upstream=emulator.url) as server:
        yield server


@pytest.fixture
def rig(emulator: ThreadedServer, proxy: FaultServer, sleeps: Sleeps) -> Iterator[Rig]:
    proxy.script.clear()
    proxy.seen.clear()
    made = Rig(emulator, proxy, sleeps)
    yield made
    made.close()
    proxy.script.clear()


ORDERS = "GET /rest/V1/orders?"


@pytest.mark.parametrize("prefetch", [True, False], ids=["prefetch", "serial"])
def test_a_pull_goes_through_masked_500s_with_each_record_once(rig: Rig, prefetch: bool, tmp_path: Path) -> None:
    # the second and fourth page requests fail once each (the fourth twice in a row)
    rig.proxy.add(Reply(action="forward", match=ORDERS), Reply(500, MASKED_500, match=ORDERS),
                  Reply(action="forward", match=ORDERS), Reply(500, MASKED_500, match=ORDERS),
                  Reply(500, MASKED_500, match=ORDERS))
    summary = pull(rig.through, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=5,
                   prefetch=prefetch)
    written = [r["entity_id"] for r in lines(tmp_path / "o.jsonl")]
    assert sorted(written) == sorted(current(rig.direct, "orders"))
    assert summary.records == len(written) and summary.skipped == 0
    assert rig.sleeps == [0.5, 0.5, 1.0]  # the transport's backoff, per page


def test_a_page_failing_beyond_its_retries_stops_the_pull_and_a_rerun_finishes(rig: Rig, tmp_path: Path) -> None:
    out, state = tmp_path / "o.jsonl", tmp_path / "s.json"
    rig.proxy.add(Reply(action="forward", match=ORDERS), *[Reply(500, MASKED_500, match=ORDERS) for _ in range(3)])
    with pytest.raises(ServerError) as caught:
        pull(rig.through, "orders", out, state, page_size=5, page_retries=2, prefetch=False)
    assert caught.value.report_id == "webapi-5f3a9c2e1b7d4" and rig.sleeps == [0.5, 1.0]
    first = len(lines(out))
    assert 0 < first < len(current(rig.direct, "orders"))
    pull(rig.through, "orders", out, state, page_size=5)
    written = [r["entity_id"] for r in lines(out)]
    assert sorted(written) == sorted(current(rig.direct, "orders"))


def test_a_pull_through_rate_limits_waits_as_told(rig: Rig, tmp_path: Path) -> None:
    limited = Reply(429, {"message": "Too Many Requests"}, {"Retry-After": "2"}, match=ORDERS)
    rig.proxy.add(limited, Reply(action="forward", match=ORDERS), limited, limited)
    summary = pull(rig.through, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=8,
                   prefetch=False)
    assert rig.sleeps == [2.0, 2.0, 2.0]
    written = [r["entity_id"] for r in lines(tmp_path / "o.jsonl")]
    assert sorted(written) == sorted(current(rig.direct, "orders"))
    # nothing asked beyond the pages and the three refused requests
    asked = [s for s in rig.proxy.seen if f"{s.method} {s.path}".startswith(ORDERS)]
    assert len(asked) == summary.requests + 3


def test_page_retries_cannot_be_negative(rig: Rig, tmp_path: Path) -> None:
    with pytest.raises(PullError, match="page_retries cannot be negative"):
        pull(rig.through, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_retries=-1)


def test_an_invoice_answered_with_a_garbled_body_is_found_not_resent(rig: Rig) -> None:
    sku = unique("cxg")
    make_product(rig.direct, sku, price=10)
    order_id = order(rig.direct, {sku: 2})
    control(rig.server, "journal", method="DELETE")
    path = f"/rest/V1/order/{order_id}/invoice"
    rig.proxy.add(Reply(200, b'"4', {"Content-Type": "application/json"}, action="forward_then_answer",
                        match=f"POST {path}"))
    fulfil = Fulfilment(rig.through, settle=0.25, sleep=rig.sleeps)
    result = fulfil.invoice(order_id)
    assert result.recovered and result.order.items[0].qty_invoiced == 2
    invoices = rig.direct.invoices.search(SearchCriteria().where("order_id", order_id))
    assert invoices["total_count"] == 1 and int(invoices["items"][0]["entity_id"]) == result.document_id
    journal: list[dict[str, Any]] = control(rig.server, "journal", method="GET")["entries"]
    assert [e["method"] for e in journal if e["path"] == path] == ["POST"]


def test_a_pull_through_bodies_cut_short_writes_each_record_once(rig: Rig, tmp_path: Path) -> None:
    cut = Reply(action="forward", cut=300, match=ORDERS)
    rig.proxy.add(Reply(action="forward", match=ORDERS), cut, Reply(action="forward", match=ORDERS), cut, cut)
    pull(rig.through, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=5)
    written = [r["entity_id"] for r in lines(tmp_path / "o.jsonl")]
    assert sorted(written) == sorted(current(rig.direct, "orders"))
    assert rig.sleeps == [0.5, 0.5, 1.0]


def test_a_shipment_whose_answer_is_cut_short_is_found_not_resent(rig: Rig) -> None:
    sku = unique("cxc")
    make_product(rig.direct, sku, price=10)
    order_id = order(rig.direct, {sku: 2})
    control(rig.server, "journal", method="DELETE")
    path = f"/rest/V1/order/{order_id}/ship"
    rig.proxy.add(Reply(action="forward", cut=1, match=f"POST {path}"))
    result = Fulfilment(rig.through, settle=0.25, sleep=rig.sleeps).ship(order_id)
    assert result.recovered and result.order.items[0].qty_shipped == 2
    assert rig.direct.shipments.search(SearchCriteria().where("order_id", order_id))["total_count"] == 1
    journal: list[dict[str, Any]] = control(rig.server, "journal", method="GET")["entries"]
    assert [e["method"] for e in journal if e["path"] == path] == ["POST"]
