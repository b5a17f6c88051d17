"""Fulfilment writes over a real socket: states, quantities and totals after each write, and Magento's
exact refusals (reference/magento-semantics.md § 5.4 and § Measured). Every test makes its own
products and orders through the REST API, so the same tests run on the emulator and, with MAGENTO_URL
set, on a real Magento (the ``sandbox`` variant).

Prices: product A 12.50, B 7.00; an order of 2 A and 3 B is 46.00 + flat rate 5.00 per item = 71.00.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.errors import InputError
from connector.operations.fulfilment import BulkReceipt, Fulfilment, SourceStock, Tracking
from connector.operations.order_lines import LineError
from connector.search import SearchCriteria
from fake_magento import ThreadedServer
from tests.support.emulator import TARGETS, control, emulator_config
from tests.connector_tests.data import make_product, order, unique


@dataclass
class Shop:
    """One target: a client, the fulfilment operations on it, and the emulator when it is one."""

    client: MagentoClient
    fulfil: Fulfilment
    server: ThreadedServer | None

    def new_order(self, a: float = 2, b: float = 3) -> tuple[int, str, str, dict[str, int]]:
        """An order of ``a`` A and ``b`` B; (order id, sku A, sku B, {sku: order item id})."""
        sku_a, sku_b = unique("cxf-a"), unique("cxf-b")
        make_product(self.client, sku_a, price=12.5)
        make_product(self.client, sku_b, price=7)
        order_id = order(self.client, {sku_a: a, sku_b: b})
        items = {i.sku or "": i.item_id for i in self.client.orders.get(order_id).items}
        return order_id, sku_a, sku_b, items

    def name(self, sku: str) -> str:
        return f"Connector test {sku}"


@pytest.fixture(scope="module", params=TARGETS)
def shop(request: pytest.FixtureRequest) -> Iterator[Shop]:
    if request.param == "sandbox":
        config: ConnectorConfig = request.getfixturevalue("sandbox_config")
        server = None
    else:
        server = request.getfixturevalue("emulator")
        config = emulator_config(server)
    with MagentoClient(config) as client:
        yield Shop(client, Fulfilment(client, settle=0), server)


def item(result_order: Any, item_id: int) -> Any:
    return next(i for i in result_order.items if i.item_id == item_id)


# -- invoice -----------------------------------------------------------------------------------------------------
def test_invoice_everything_with_capture(shop: Shop) -> None:
    order_id, a, b, items = shop.new_order()
    result = shop.fulfil.invoice(order_id, capture=True)
    assert (result.order.state, result.order.status) == ("processing", "processing")
    assert (result.order.total_invoiced, result.order.total_paid, result.order.total_due) == (71, 71, 0)
    assert result.applied == {items[a]: 2, items[b]: 3} and result.requested == {}
    invoice = shop.client.invoices.get(result.document_id)
    assert (invoice.order_id, invoice.state, invoice.grand_total, invoice.total_qty) == (order_id, 2, 71, 5)
    assert not result.recovered


def test_invoice_some_lines_by_sku(shop: Shop) -> None:
    order_id, a, b, items = shop.new_order()
    result = shop.fulfil.invoice(order_id, {a: 1})
    assert result.requested == {items[a]: 1} and result.applied == {items[a]: 1}
    assert (item(result.order, items[a]).qty_invoiced, item(result.order, items[b]).qty_invoiced) == (1, 0)
    # the first invoice carries all of the shipping
    assert shop.client.invoices.get(result.document_id).grand_total == 37.5
    assert (result.order.state, result.order.total_paid) == ("processing", 37.5)


def test_over_invoice_is_magentos_refusal(shop: Shop) -> None:
    order_id, a, _, _ = shop.new_order()
    with pytest.raises(InputError) as caught:
        shop.fulfil.invoice(order_id, {a: 5})
    # InvoiceService::setInvoiceItemQuantity, before any validator
    assert caught.value.status == 400
    assert caught.value.message == f'We found an invalid quantity to invoice item "{shop.name(a)}".'
    assert caught.value.parameters == [shop.name(a)]
    assert shop.client.orders.get(order_id).state == "new"


def test_invoice_of_a_fully_invoiced_order(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    with pytest.raises(InputError) as caught:
        shop.fulfil.invoice(order_id)
    assert caught.value.message == ("Invoice Document Validation Error(s):\nThe invoice can't be created without "
                                    "products. Add products and try again.\nThe order does not allow an invoice "
                                    "to be created.")


# -- ship ----------------------------------------------------------------------------------------------------------
def test_ship_with_tracking(shop: Shop) -> None:
    order_id, a, _b, items = shop.new_order()
    result = shop.fulfil.ship(order_id, {a: 1}, tracks=[Tracking("1Z999AA10123456784", "ups", "UPS")])
    assert result.applied == {items[a]: 1} and result.short == {}
    assert (result.order.state, result.order.status) == ("processing", "processing")
    shipment = shop.client.shipments.get(result.document_id)
    assert [(i.order_item_id, i.qty, i.sku) for i in shipment.items] == [(items[a], 1, a)]
    assert [(t.track_number, t.carrier_code, t.title) for t in shipment.tracks] == [
        ("1Z999AA10123456784", "ups", "UPS")]


def test_over_ship_is_capped_by_magento(shop: Shop) -> None:
    order_id, a, _b, items = shop.new_order()
    result = shop.fulfil.ship(order_id, {a: 5})
    # ShipmentFactory::prepareItems takes min(requested, qty to ship) without a word
    assert result.requested == {items[a]: 5} and result.applied == {items[a]: 2}
    assert result.short == {items[a]: 3}
    assert [(i.order_item_id, i.qty) for i in shop.client.shipments.get(result.document_id).items] == [(items[a], 2)]


def test_ship_a_fully_shipped_order(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.ship(order_id)
    with pytest.raises(InputError) as caught:
        shop.fulfil.ship(order_id)
    assert caught.value.message == ("Shipment Document Validation Error(s):\nThe order does not allow a shipment "
                                    "to be created.\nYou can't create a shipment without products.")


def test_add_a_track_to_an_existing_shipment(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shipment_id = shop.fulfil.ship(order_id, tracks=[Tracking("TRACK-1", "usps", "USPS")]).document_id
    track_id = shop.fulfil.add_track(shipment_id, Tracking("TRACK-2", "fedex", "FedEx"))
    tracks = shop.client.shipments.get(shipment_id).tracks
    assert [(t.track_number, t.carrier_code, t.title) for t in tracks] == [
        ("TRACK-1", "usps", "USPS"), ("TRACK-2", "fedex", "FedEx")]
    assert tracks[1].entity_id == track_id and tracks[1].order_id == order_id


def test_invoiced_and_shipped_is_complete(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    result = shop.fulfil.ship(order_id)
    assert (result.order.state, result.order.status) == ("complete", "complete")


def test_unknown_sku_names_the_order(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    increment = shop.client.orders.get(order_id).increment_id
    with pytest.raises(LineError, match=f"SKU 'no-such-sku' is not on order {increment}"):
        shop.fulfil.ship(order_id, {"no-such-sku": 1})


# -- refund --------------------------------------------------------------------------------------------------------
def test_partial_refund_with_return_to_stock(shop: Shop) -> None:
    order_id, a, _b, items = shop.new_order()
    shop.fulfil.invoice(order_id)
    shop.fulfil.ship(order_id)
    stock_before = shop.client.stock_items.get(a).qty
    result = shop.fulfil.refund(order_id, {a: 1}, return_to_stock=True, shipping_amount=0)
    assert result.applied == {items[a]: 1}
    assert (result.order.state, result.order.total_refunded) == ("complete", 12.5)
    memo = shop.client.creditmemos.get(result.document_id)
    assert (memo.order_id, memo.grand_total, memo.shipping_amount) == (order_id, 12.5, 0)
    assert shop.client.stock_items.get(a).qty == (stock_before or 0) + 1


def test_refund_of_shipped_goods_without_return_to_stock_keeps_stock(shop: Shop) -> None:
    order_id, a, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    shop.fulfil.ship(order_id)
    stock_before = shop.client.stock_items.get(a).qty
    shop.fulfil.refund(order_id, {a: 1}, shipping_amount=0)
    assert shop.client.stock_items.get(a).qty == stock_before


def test_refund_of_unshipped_goods_without_return_to_stock(shop: Shop) -> None:
    """MSI deducts what was refunded, never shipped and not returned from the source (measured on
    2.4.7-p3; InventorySales DeductSourceItemQuantityOnRefundPlugin)."""
    order_id, a, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    stock_before = shop.client.stock_items.get(a).qty or 0.0
    shop.fulfil.refund(order_id, {a: 1}, shipping_amount=0)
    assert shop.client.stock_items.get(a).qty == stock_before - 1


def test_full_refund_closes_the_order(shop: Shop) -> None:
    order_id, a, b, items = shop.new_order()
    shop.fulfil.invoice(order_id)
    shop.fulfil.ship(order_id)
    result = shop.fulfil.refund(order_id)
    assert (result.order.state, result.order.status) == ("closed", "closed")
    assert result.order.total_refunded == 71
    assert result.applied == {items[a]: 2, items[b]: 3}
    assert shop.client.creditmemos.get(result.document_id).grand_total == 71


def test_over_refund_is_magentos_refusal(shop: Shop) -> None:
    order_id, a, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id, {a: 1})
    with pytest.raises(InputError) as caught:
        shop.fulfil.refund(order_id, {a: 2})
    # measured on 2.4.7-p3: Creditmemo\\Item::processQty, in collectTotals before the validators
    assert caught.value.message == f'We found an invalid quantity to refund item "{shop.name(a)}".'
    assert caught.value.parameters == [shop.name(a)]


def test_refund_of_a_closed_order(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    shop.fulfil.refund(order_id)
    with pytest.raises(InputError) as caught:
        shop.fulfil.refund(order_id)
    assert caught.value.message == ("Creditmemo Document Validation Error(s):\nA creditmemo can not be created "
                                    "when an order has a status of closed")


def test_refund_with_nothing_invoiced(shop: Shop) -> None:
    order_id, a, _, _ = shop.new_order()
    with pytest.raises(InputError) as caught:
        shop.fulfil.refund(order_id, {a: 1})
    assert caught.value.message == ("Creditmemo Document Validation Error(s):\nThe most money available to refund "
                                    "is 0.\nThe quantity to refund must not be greater than the unrefunded quantity.")


def test_refund_one_invoice_paid_offline(shop: Shop) -> None:
    """Check/money order cannot refund per invoice (Invoice/Validation/CanRefund: the method's
    canRefund is false): Magento's refusal, nothing made."""
    order_id, a, b, _items = shop.new_order()
    shop.fulfil.invoice(order_id, {a: 2})
    second = shop.fulfil.invoice(order_id, {b: 3}).document_id
    with pytest.raises(InputError) as caught:
        shop.fulfil.refund_invoice(second, return_to_stock=True)
    assert caught.value.message == "Creditmemo Document Validation Error(s):\nWe can't create creditmemo for the invoice."
    assert shop.client.creditmemos.search(SearchCriteria().where("order_id", order_id))["total_count"] == 0


# -- cancel, hold, unhold, comments ------------------------------------------------------------------------------------
def test_cancel_a_new_order(shop: Shop) -> None:
    order_id, a, b, items = shop.new_order()
    assert shop.fulfil.cancel(order_id) is True
    after = shop.client.orders.get(order_id)
    assert (after.state, after.status, after.total_canceled) == ("canceled", "canceled", 71)
    assert (item(after, items[a]).qty_canceled, item(after, items[b]).qty_canceled) == (2, 3)


def test_cancel_a_complete_order_is_false(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    shop.fulfil.ship(order_id)
    assert shop.fulfil.cancel(order_id) is False
    assert shop.client.orders.get(order_id).state == "complete"


def test_hold_and_unhold(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    assert shop.fulfil.hold(order_id) is True
    held = shop.client.orders.get(order_id)
    assert (held.state, held.status) == ("holded", "holded")
    with pytest.raises(InputError) as caught:
        shop.fulfil.hold(order_id)
    assert caught.value.message == "A hold action is not available."
    with pytest.raises(InputError) as caught:
        shop.fulfil.ship(order_id)
    assert caught.value.message == ("Shipment Document Validation Error(s):\nA shipment cannot be created when an "
                                    "order has a status of holded")
    assert shop.fulfil.unhold(order_id) is True
    released = shop.client.orders.get(order_id)
    assert (released.state, released.status) == ("new", "pending")
    with pytest.raises(InputError) as caught:
        shop.fulfil.unhold(order_id)
    assert caught.value.message == "You cannot remove the hold."


def test_comment_keeps_the_status(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    text = f"Packed by the warehouse {unique('c')}"
    assert shop.fulfil.comment(order_id, text, notify=False, visible_on_front=True) is True
    comments = shop.client.orders.comments(order_id)
    mine = [c for c in comments if c.get("comment") == text]
    assert len(mine) == 1
    assert (mine[0]["status"], mine[0]["is_visible_on_front"], mine[0]["is_customer_notified"]) == (
        "processing", 1, 0)
    assert shop.client.orders.get(order_id).status == "processing"


def test_comment_with_another_status_is_refused(shop: Shop) -> None:
    order_id, _, _, _ = shop.new_order()
    shop.fulfil.invoice(order_id)
    with pytest.raises(InputError) as caught:
        shop.fulfil.comment(order_id, "Suspected fraud", status="fraud")
    # the template spans two lines of PHP source, its indentation included
    assert caught.value.message == ('Unable to add comment: The status "fraud" is not part of the order\n'
                                    '                 status history.')
    assert caught.value.parameters == ["fraud"]
    assert shop.client.orders.get(order_id).status == "processing"


# -- stock -------------------------------------------------------------------------------------------------------------
def test_set_legacy_stock(shop: Shop) -> None:
    sku = unique("cxf-s")
    make_product(shop.client, sku, qty=5)
    shop.fulfil.set_stock(sku, 42, in_stock=True)
    stock = shop.client.stock_items.get(sku)
    assert (stock.qty, stock.is_in_stock) == (42, True)


def test_set_stock_per_source(shop: Shop) -> None:
    sku = unique("cxf-s")
    make_product(shop.client, sku, qty=5)
    shop.fulfil.set_source_stock([SourceStock(sku, "default", 17)])
    rows = shop.client.source_items.search(SearchCriteria().where("sku", sku))["items"]
    assert [(r["sku"], r["source_code"], r["quantity"], r["status"]) for r in rows] == [(sku, "default", 17, 1)]


# -- async bulk ------------------------------------------------------------------------------------------------------------
def test_bulk_product_update_is_accepted(shop: Shop) -> None:
    skus = [unique("cxf-p"), unique("cxf-p")]
    for sku in skus:
        make_product(shop.client, sku)
    receipt = shop.fulfil.update_products_async([{"sku": s, "name": f"Renamed {s}"} for s in skus])
    assert isinstance(receipt, BulkReceipt) and not receipt.errors and receipt.rejected == []
    assert [(i["id"], i["status"]) for i in receipt.request_items] == [(0, "accepted"), (1, "accepted")]
    status = shop.client.bulk.status(receipt.bulk_uuid)
    assert status.bulk_id == receipt.bulk_uuid and len(status.operations) == 2


def test_bulk_stock_update_is_accepted(shop: Shop) -> None:
    sku = unique("cxf-p")
    make_product(shop.client, sku, qty=3)
    receipt = shop.fulfil.update_stock_async({sku: 9}, in_stock=True)
    assert [(i["id"], i["status"]) for i in receipt.request_items] == [(0, "accepted")]
    assert len(shop.client.bulk.status(receipt.bulk_uuid).operations) == 1


# -- emulator only: what needs the emulator's seeded catalogue, clock, faults or bulk control --------------------------
@pytest.fixture(scope="module")
def emu(emulator: ThreadedServer) -> Iterator[Shop]:
    with MagentoClient(emulator_config(emulator)) as client:
        yield Shop(client, Fulfilment(client, settle=0), emulator)


def test_async_type_keeps_document_writes_synchronous(emulator: ThreadedServer, emu: Shop) -> None:
    """With ``type: async/V1`` product and stock writes go through the queue, but an invoice's answer
    (its id) is needed at once: document writes always go to V1."""
    order_id, a, _, _ = emu.new_order()
    with MagentoClient(emulator_config(emulator, type="async/V1")) as client:
        fulfil = Fulfilment(client, settle=0)
        result = fulfil.invoice(order_id)
        assert result.order.state == "processing" and client.invoices.get(result.document_id).order_id == order_id
        receipt = client.products.save({"sku": a, "name": "Queued rename"})
        assert set(receipt) == {"bulk_uuid", "request_items", "errors"}


def test_bulk_operations_are_polled_until_done(emulator: ThreadedServer, emu: Shop) -> None:
    sku = unique("cxf-p")
    make_product(emu.client, sku, qty=3)
    control(emulator, "bulk", {"hold": True})      # keep operations open, as a store without consumers
    try:
        receipt = emu.fulfil.update_stock_async({sku: 9}, in_stock=True)
        clock = iter(range(100))
        waited = emu.fulfil.wait(receipt, timeout=3, interval=1, sleep=lambda s: None, clock=lambda: next(clock))
        assert not waited.done and waited.open == 1 and [o["status"] for o in waited.operations] == [4]
        assert emu.client.stock_items.get(sku).qty == 3
    finally:
        control(emulator, "bulk", {"hold": False})  # runs what was held
    done = emu.fulfil.wait(receipt, timeout=5, interval=0.05)
    assert done.done and done.failed == [] and [o["status"] for o in done.operations] == [1]
    assert emu.client.stock_items.get(sku).qty == 9


def test_bulk_product_updates_are_applied(emu: Shop) -> None:
    skus = [unique("cxf-p"), unique("cxf-p")]
    for sku in skus:
        make_product(emu.client, sku)
    done = emu.fulfil.wait(emu.fulfil.update_products_async([{"sku": s, "name": f"Renamed {s}"} for s in skus]),
                           timeout=5, interval=0.05)
    assert done.done and [o["status"] for o in done.operations] == [1, 1]
    assert [emu.client.products.get(s).name for s in skus] == [f"Renamed {s}" for s in skus]


def test_async_product_and_bulk_source_updates_are_applied(emu: Shop) -> None:
    sku = unique("cxf-p")
    make_product(emu.client, sku)
    single = emu.fulfil.update_products_async([{"sku": sku, "name": "One by one"}], bulk=False)
    assert emu.fulfil.wait(single, timeout=5, interval=0.05).done
    assert emu.client.products.get(sku).name == "One by one"
    receipt = emu.fulfil.update_source_stock_async([SourceStock(sku, "default", 4, in_stock=False)])
    status = emu.fulfil.wait(receipt, timeout=5, interval=0.05)
    assert status.done and [o["status"] for o in status.operations] == [1]
    rows = emu.client.source_items.search(SearchCriteria().where("sku", sku))["items"]
    assert [(r["quantity"], r["status"]) for r in rows] == [(4, 0)]
