"""The same write from several clients at the same instant (threads released together by a barrier),
over a real socket: what Magento allows once happens once. A double-submitted checkout makes one
order; an order invoiced, shipped or refunded in full from four clients gets one document; four
customers with one email in one website are one account; four saves of a new SKU are one product;
four carts after the last unit make one order.
"""
from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote

import pytest

from fake_magento import ThreadedServer
from tests.reliability.invariants import SalesState, sales_violations
from tests.reliability.shop_api import US_ADDRESS, Answer, ShopApi, admin_token, search
from tests.support.emulator import start_emulator

pytestmark = pytest.mark.socket

CLIENTS = 4
TRIALS = 3
T = TypeVar("T")
_COUNT = itertools.count(1)


def at_once(fn: Callable[[int], T], clients: int = CLIENTS) -> list[T]:
    """``fn(i)`` in ``clients`` threads, released together."""
    barrier = threading.Barrier(clients)
    results: list[Any] = [None] * clients

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = fn(i)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion on the results
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    started = start_emulator()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def api(server: ThreadedServer) -> ShopApi:
    creds = server.backend.db.get_meta("credentials")
    return ShopApi(server.url, admin_token(server.url, creds["admin_username"], creds["admin_password"]))


@pytest.fixture(scope="module")
def sku(api: ShopApi) -> str:
    api.create_product("race-stock", qty=10_000)
    return "race-stock"


def statuses(answers: list[Answer]) -> list[int]:
    assert all(isinstance(a, Answer) for a in answers), answers
    return sorted(a.status for a in answers)


def one_succeeded(answers: list[Answer], refused: int = 400) -> Answer:
    assert statuses(answers) == sorted([200] + [refused] * (len(answers) - 1)), [(a.status, a.body) for a in answers]
    return next(a for a in answers if a.ok)


def cart(api: ShopApi, lines: list[tuple[str, float]], email: str) -> str:
    """A guest cart with shipping chosen, ready to be placed."""
    cart_id = str(api.call("POST", "guest-carts", auth=False, store="default").body)
    for line_sku, qty in lines:
        assert api.call("POST", f"guest-carts/{cart_id}/items", {"cartItem": {
            "sku": line_sku, "qty": qty, "quote_id": cart_id}}, auth=False, store="default").ok
    assert api.call("POST", f"guest-carts/{cart_id}/shipping-information", {"addressInformation": {
        "shipping_address": US_ADDRESS, "billing_address": US_ADDRESS, "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate"}}, auth=False, store="default").ok
    return cart_id


def place(api: ShopApi, cart_id: str, email: str) -> Answer:
    return api.call("POST", f"guest-carts/{cart_id}/payment-information", {
        "email": email, "paymentMethod": {"method": "checkmo"}, "billingAddress": US_ADDRESS},
        auth=False, store="default")


def orders_of(api: ShopApi, email: str) -> list[dict[str, Any]]:
    return list(api.get("orders", search(("customer_email", email, "eq"))).body["items"])


@pytest.mark.parametrize("trial", range(8))  # the window is narrow: 1 trial in 10 caught it before the fix
def test_a_checkout_submitted_four_times_at_once_makes_one_order(api: ShopApi, sku: str, trial: int) -> None:
    email = f"race-cart-{next(_COUNT)}@example.com"
    cart_id = cart(api, [(sku, 2)], email)
    answers = at_once(lambda _: place(api, cart_id, email))
    placed = next((a for a in answers if a.ok), None)
    assert placed is not None and [a.ok for a in answers].count(True) == 1, [(a.status, a.body) for a in answers]
    # the others: during the placement, QuoteManagement::submit's PLACE_ORDER_<id> lock refuses them;
    # after it, the quote is no longer active (CartRepository::getActive: 404)
    assert {(a.status, a.message) for a in answers if not a.ok} <= {
        (400, "A server error stopped your order from being placed. Please try to place your order again."),
        (404, "No such entity with %fieldName = %fieldValue")}
    assert [o["entity_id"] for o in orders_of(api, email)] == [int(placed.body)]


def new_order(api: ShopApi, sku: str) -> int:
    email = f"race-doc-{next(_COUNT)}@example.com"
    answer = place(api, cart(api, [(sku, 3)], email), email)
    assert answer.ok, answer
    return int(answer.body)


DOCUMENTS = {"invoice": ("invoice", "invoices", {"capture": False}),
             "ship": ("ship", "shipments", {}),
             "refund": ("refund", "creditmemos", {})}


@pytest.mark.parametrize("trial", range(TRIALS))
@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_a_whole_order_written_from_four_clients_at_once_gets_one_document(
        api: ShopApi, sku: str, kind: str, trial: int) -> None:
    order_id = new_order(api, sku)
    if kind == "refund":
        assert api.call("POST", f"order/{order_id}/invoice", {}).ok
    route, listing, body = DOCUMENTS[kind]
    made = one_succeeded(at_once(lambda _: api.call("POST", f"order/{order_id}/{route}", body)))
    documents = api.get(listing, search(("order_id", order_id, "eq"))).body["items"]
    assert [int(d["entity_id"]) for d in documents] == [int(made.body)]
    assert sales_violations(SalesState.read(api, [order_id])) == []


@pytest.mark.parametrize("trial", range(TRIALS))
def test_four_accounts_with_one_email_at_once_are_one_account(api: ShopApi, trial: int) -> None:
    email = f"race-customer-{next(_COUNT)}@example.com"
    body = {"customer": {"email": email, "firstname": "Race", "lastname": "Condition", "website_id": 1,
                         "group_id": 1}}
    answers = at_once(lambda _: api.call("POST", "customers", body))
    made = one_succeeded(answers)
    refused = {a.message for a in answers if not a.ok}
    assert refused == {"A customer with the same email address already exists in an associated website."}
    found = api.get("customers/search", search(("email", email, "eq"))).body["items"]
    assert [c["id"] for c in found] == [made.body["id"]]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_new_sku_saved_four_times_at_once_is_one_product(api: ShopApi, trial: int) -> None:
    new_sku = f"race-new-{next(_COUNT)}"
    answers = at_once(lambda i: api.call("POST", "products", {"product": {
        "sku": new_sku, "name": f"Race {new_sku}", "attribute_set_id": 4, "price": 10 + i, "status": 1,
        "visibility": 4, "type_id": "simple"}}, store="all"))
    assert statuses(answers) == [200] * CLIENTS, [(a.status, a.body) for a in answers]
    assert len({a.body["id"] for a in answers}) == 1
    found = api.get("products", search(("sku", new_sku, "eq"))).body
    assert found["total_count"] == 1 and found["items"][0]["price"] in {10 + i for i in range(CLIENTS)}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_four_carts_after_the_last_unit_make_one_order(api: ShopApi, trial: int) -> None:
    last = f"race-last-{next(_COUNT)}"
    api.create_product(last, qty=1)
    emails = [f"race-last-{next(_COUNT)}@example.com" for _ in range(CLIENTS)]
    carts = [cart(api, [(last, 1)], email) for email in emails]
    answers = at_once(lambda i: place(api, carts[i], emails[i]))
    one_succeeded(answers)
    assert {a.message for a in answers if not a.ok} == {"The requested qty is not available"}
    assert api.salable_qty(last) == 0
    assert sum(len(orders_of(api, email)) for email in emails) == 1
    stock = api.get(f"stockItems/{quote(last, safe='')}").body
    assert stock["qty"] == 1  # placing reserves; only a shipment deducts the source


def test_every_read_after_an_acknowledged_save_shows_it_whichever_thread_answers(api: ShopApi) -> None:
    """Read-after-write across clients: after each acknowledged price change, four clients read at
    once (over waitress's threads, each with its own connection and kept answers) and all see it."""
    kept = f"race-read-{next(_COUNT)}"
    api.create_product(kept, qty=5)
    path = f"products/{quote(kept, safe='')}"
    for price in range(11, 41):
        assert api.call("PUT", path, {"product": {"sku": kept, "price": price}}, store="all").ok
        seen = at_once(lambda _: api.call("GET", path, store="all"))
        assert [a.body["price"] for a in seen] == [price] * CLIENTS, price
