"""A fulfilment write is applied once, whatever happens to its answer. A scripted proxy (a real socket)
stands between the connector and the emulator, or a real Magento (MAGENTO_URL): it forwards the write
and drops the answer (applied, answer lost), drops the request before forwarding (not applied), or
answers a gateway's 504 after the work was done. The documents on the order say how many were made;
on the emulator its journal also says how many writes really arrived."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.errors import ConnectionFailed, ServerError, ServiceUnavailable
from connector.operations.fulfilment import Fulfilment, Tracking
from connector.search import SearchCriteria
from connector.transport import RetryPolicy
from fake_magento import ThreadedServer
from tests.support.emulator import TARGETS, control, emulator_config
from tests.connector_tests.data import make_product, order, unique
from tests.connector_tests.fault_server import FaultServer, Reply


@dataclass
class Rig:
    direct: MagentoClient            # straight to the store: setting up and checking
    proxy: FaultServer
    fulfil: Fulfilment               # through the proxy
    sleeps: list[float]
    server: ThreadedServer | None    # the emulator, or None for a real Magento

    def posts(self, path: str, expected: int) -> bool:
        """Whether ``expected`` POSTs to ``path`` reached the emulator (a real Magento keeps no
        journal: its documents are checked instead)."""
        if self.server is None:
            return True
        entries = control(self.server, "journal", method="GET")["entries"]
        return sum(1 for e in entries if e["method"] == "POST" and e["path"] == path) == expected

    def new_order(self) -> tuple[int, str]:
        sku = unique("cxr")
        make_product(self.direct, sku, price=10)
        return order(self.direct, {sku: 3}), sku

    def documents(self, kind: str, order_id: int) -> int:
        resource = {"invoice": self.direct.invoices, "ship": self.direct.shipments,
                    "refund": self.direct.creditmemos}[kind]
        return int(resource.search(SearchCriteria().where("order_id", order_id))["total_count"])


@pytest.fixture(scope="module", params=TARGETS)
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    if request.param == "sandbox":
        config: ConnectorConfig = request.getfixturevalue("sandbox_config")
        server = None
    else:
        server = request.getfixturevalue("emulator")
        config = emulator_config(server)
    with FaultServer(upstream=config.url) as proxy:
        sleeps: list[float] = []
        with MagentoClient(config) as direct, \
                MagentoClient(replace(config, url=proxy.url), retry=RetryPolicy(max_retries=0)) as through:
            yield Rig(direct, proxy, Fulfilment(through, settle=0.25, sleep=sleeps.append), sleeps, server)


@pytest.fixture(autouse=True)
def clean(rig: Rig) -> Iterator[None]:
    rig.proxy.script.clear()
    rig.sleeps.clear()
    forget(rig)
    yield
    rig.proxy.script.clear()


def forget(rig: Rig) -> None:
    if rig.server is not None:
        control(rig.server, "journal", method="DELETE")


WRITE = {"invoice": "/rest/V1/order/{}/invoice", "ship": "/rest/V1/order/{}/ship", "refund": "/rest/V1/order/{}/refund"}


def write(rig: Rig, kind: str, order_id: int, sku: str) -> Any:
    if kind == "invoice":
        return rig.fulfil.invoice(order_id, {sku: 1})
    if kind == "ship":
        return rig.fulfil.ship(order_id, {sku: 1}, tracks=[Tracking("T-1", "ups", "UPS")])
    return rig.fulfil.refund(order_id, {sku: 1}, shipping_amount=0)


def ready(rig: Rig, kind: str) -> tuple[int, str]:
    order_id, sku = rig.new_order()
    if kind == "refund":
        rig.direct.orders.invoice(order_id)
    forget(rig)
    return order_id, sku


QTY = {"invoice": "qty_invoiced", "ship": "qty_shipped", "refund": "qty_refunded"}


@pytest.mark.parametrize("kind", ["invoice", "ship", "refund"])
def test_applied_but_answer_lost_is_found_not_resent(rig: Rig, kind: str) -> None:
    order_id, sku = ready(rig, kind)
    path = WRITE[kind].format(order_id)
    rig.proxy.add(Reply(action="forward_then_drop", match=f"POST {path}"))
    result = write(rig, kind, order_id, sku)
    assert result.recovered and result.applied == {result.order.items[0].item_id: 1}
    assert rig.posts(path, 1) and rig.documents(kind, order_id) == 1
    assert getattr(result.order.items[0], QTY[kind]) == 1
    assert rig.sleeps == [0.25]


@pytest.mark.parametrize("kind", ["invoice", "ship", "refund"])
def test_dropped_before_it_arrived_is_sent_again(rig: Rig, kind: str) -> None:
    order_id, sku = ready(rig, kind)
    path = WRITE[kind].format(order_id)
    rig.proxy.add(Reply(action="drop", match=f"POST {path}"))
    result = write(rig, kind, order_id, sku)
    assert not result.recovered
    assert rig.posts(path, 1) and rig.documents(kind, order_id) == 1
    assert [s.method for s in rig.proxy.seen if s.path == path] == ["POST", "POST"]


def test_a_gateway_504_after_the_work_is_found(rig: Rig) -> None:
    order_id, sku = ready(rig, "ship")
    path = WRITE["ship"].format(order_id)
    rig.proxy.add(Reply(504, "<html>Gateway Time-out</html>", {"Content-Type": "text/html"},
                        action="forward_then_answer", match=f"POST {path}"))
    result = write(rig, "ship", order_id, sku)
    assert result.recovered and rig.posts(path, 1) and rig.documents("ship", order_id) == 1
    shipment = rig.direct.shipments.get(result.document_id)
    assert [t.track_number for t in shipment.tracks] == ["T-1"]


def test_a_503_is_not_applied_and_not_resent(rig: Rig) -> None:
    # maintenance (pub/errors/503.php): Magento did nothing, and the caller decides when to try again
    order_id, sku = ready(rig, "invoice")
    rig.proxy.add(Reply(503, "<h1>Service Temporarily Unavailable</h1>", {"Content-Type": "text/html"},
                        match=f"POST {WRITE['invoice'].format(order_id)}"))
    with pytest.raises(ServiceUnavailable):
        write(rig, "invoice", order_id, sku)
    assert rig.documents("invoice", order_id) == 0 and rig.sleeps == []


def test_a_masked_500_is_raised_at_once(rig: Rig) -> None:
    if rig.server is None:
        pytest.skip("needs the emulator's fault injection")
    order_id, sku = ready(rig, "invoice")
    control(rig.server, "faults", {"path": f"/V1/order/{order_id}/invoice", "status": 500, "times": 1})
    with pytest.raises(ServerError) as caught:
        write(rig, "invoice", order_id, sku)
    assert caught.value.report_id is not None
    assert rig.documents("invoice", order_id) == 0 and rig.sleeps == []


def test_never_arriving_gives_up_after_the_attempts(rig: Rig) -> None:
    order_id, sku = ready(rig, "ship")
    path = WRITE["ship"].format(order_id)
    rig.proxy.add(*[Reply(action="drop", match=f"POST {path}") for _ in range(3)])
    with pytest.raises(ConnectionFailed):
        write(rig, "ship", order_id, sku)
    assert rig.documents("ship", order_id) == 0 and rig.posts(path, 0)
    assert rig.sleeps == [0.25, 0.25, 0.25]
    assert len([s for s in rig.proxy.seen if s.path == path]) == 3


# -- the other writes: checked by the order's state, history, or the shipment's tracks -----------------------------
STATE_WRITES: dict[str, tuple[str, Callable[[Rig, int], Any], str]] = {
    "hold": ("/rest/V1/orders/{}/hold", lambda r, o: r.fulfil.hold(o), "holded"),
    "cancel": ("/rest/V1/orders/{}/cancel", lambda r, o: r.fulfil.cancel(o), "canceled"),
}


@pytest.mark.parametrize("name", sorted(STATE_WRITES))
def test_state_write_with_a_lost_answer(rig: Rig, name: str) -> None:
    path, call, state = STATE_WRITES[name]
    order_id, _ = ready(rig, "invoice")
    rig.proxy.add(Reply(action="forward_then_drop", match=f"POST {path.format(order_id)}"))
    assert call(rig, order_id) is True
    assert rig.direct.orders.get(order_id).state == state
    assert rig.posts(path.format(order_id), 1)


def test_unhold_with_a_lost_answer(rig: Rig) -> None:
    order_id, _ = ready(rig, "invoice")
    rig.direct.orders.hold(order_id)
    path = f"/rest/V1/orders/{order_id}/unhold"
    rig.proxy.add(Reply(action="forward_then_drop", match=f"POST {path}"))
    assert rig.fulfil.unhold(order_id) is True
    assert rig.direct.orders.get(order_id).state == "new" and rig.posts(path, 1)


def test_comment_with_a_lost_answer_is_not_added_twice(rig: Rig) -> None:
    order_id, _ = ready(rig, "invoice")
    path = f"/rest/V1/orders/{order_id}/comments"
    rig.proxy.add(Reply(action="forward_then_drop", match=f"POST {path}"))
    assert rig.fulfil.comment(order_id, "Left the warehouse") is True
    texts = [c.get("comment") for c in rig.direct.orders.comments(order_id)]
    assert texts.count("Left the warehouse") == 1 and rig.posts(path, 1)


def test_track_with_a_lost_answer_is_not_added_twice(rig: Rig) -> None:
    order_id, _ = ready(rig, "invoice")
    shipment_id = rig.direct.orders.ship(order_id)
    rig.proxy.add(Reply(action="forward_then_drop", match="POST /rest/V1/shipment/track"))
    track_id = rig.fulfil.add_track(shipment_id, Tracking("1Z-LOST", "ups", "UPS"))
    tracks = rig.direct.shipments.get(shipment_id).tracks
    assert [(t.entity_id, t.track_number) for t in tracks] == [(track_id, "1Z-LOST")]
    assert rig.posts("/rest/V1/shipment/track", 1)
