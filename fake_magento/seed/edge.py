"""The ``edge`` profile's named cases (seed/edge_cases.py): products, inventory, customers, orders.

Runs after the ordinary areas (a small catalogue, customers and orders), only when the profile
asks for ``edge_cases``. Everything goes through the backend's services, as the REST routes do.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.seed import edge_cases as names
from fake_magento.seed import edge_catalog
from fake_magento.seed.lifecycle_steps import Lifecycle
from fake_magento.seed.more import deep_categories
from fake_magento.seed.sales import COUPON, install_coupon

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

PASSWORD = "Edge-Passw0rd!"


def seed(ctx: SeedContext) -> None:
    if not ctx.settings.get("edge_cases"):
        return
    if not ctx.settings.get("more"):  # what seed/more.py would have added first
        deep_categories(ctx)
        install_coupon(ctx)
    edge_catalog.seed(ctx)
    ctx.backend.invalidate_caches()
    _inventory(ctx)
    _customers(ctx)
    _orders(ctx)


def _inventory(ctx: SeedContext) -> None:
    """us_east is disabled: three sources, one of them disabled (SourceRepository::save)."""
    inventory = ctx.backend.inventory
    source = next(s for s in inventory_sources(ctx) if s["source_code"] == "us_east")
    inventory.save_source({**source, "enabled": False})


def inventory_sources(ctx: SeedContext) -> list[dict[str, Any]]:
    from fake_magento.seed.inventory import SOURCES

    return [dict(s) for s in SOURCES]


def _address(first: str, last: str, city: str, street: str, default: bool) -> dict[str, Any]:
    return {"firstname": first, "lastname": last, "street": [street], "city": city, "postcode": "10001",
            "country_id": "US", "telephone": "(555) 010-0000", "region_id": 43,
            "region": {"region_code": "NY", "region": "New York", "region_id": 43},
            **({"default_billing": True, "default_shipping": True} if default else {})}


def _customers(ctx: SeedContext) -> None:
    accounts = ctx.backend.customer_accounts
    accounts.create({"email": "edge.addresses@example.com", "firstname": "Ada", "lastname": "Many",
                     "addresses": [_address("Ada", "Many", city, street, i == 0) for i, (city, street) in enumerate(
                         (("New York", "1 Main St"), ("Albany", "2 State St"), ("Buffalo", "3 Lake Rd")))]},
                    PASSWORD, 1)
    accounts.create({"email": "edge.no-address@example.com", "firstname": "Nora", "lastname": "Nowhere",
                     "addresses": []}, PASSWORD, 1)
    accounts.create({"email": "edge.unicode@example.com", "firstname": names.UNICODE_FIRST,
                     "lastname": names.UNICODE_LAST,
                     "addresses": [_address(names.UNICODE_FIRST, names.UNICODE_LAST, "Malmö", "Storgatan 1", True)]},
                    PASSWORD, 1)
    for store_id in (1, 2):  # one account per website (customer/account_share/scope = 1)
        accounts.create({"email": "edge.two-websites@example.com", "firstname": "Tess", "lastname": "Twice",
                         "addresses": []}, PASSWORD, store_id)


def _orders(ctx: SeedContext) -> None:
    life = Lifecycle(ctx)
    backend = ctx.backend
    clock = backend.clock
    documents, refunds = life.documents, life.refunds
    line = [{"sku": "EDGE-VIEW-OVERRIDES", "qty": 3.0}]

    def place(case: str, lines: list[dict[str, Any]] | None = None, **kw: Any) -> int:
        clock.advance(ctx.rng.randint(600, 6 * 3600))
        return life.place(lines or line, None, guest_email=names.order_email(case), **kw)

    def first_item(order_id: int) -> int:
        _, items = backend.sales.load(order_id)
        return int(next(i for i in items.all if not items.is_dummy(i))["item_id"])

    place("guest-order")
    for state in names.ORDER_STATES:
        case = f"order-state-{state.replace('_', '-')}"
        order_id = place(case)
        clock.advance(600)
        if state in ("processing", "complete", "closed"):
            documents.invoice(order_id)
        if state == "processing":
            documents.ship(order_id, [{"order_item_id": first_item(order_id), "qty": 1}], tracks=life.tracks(realistic=True))
        elif state == "complete":
            documents.ship(order_id, tracks=life.tracks(realistic=True))
        elif state == "closed":
            refunds.refund(order_id)
        elif state == "canceled":
            backend.order_management.cancel(order_id)
        elif state == "holded":
            backend.order_management.hold(order_id)
        elif state in ("pending_payment", "payment_review"):
            life.set_state(order_id, state)
    order_id = place("order-partly-invoiced")
    documents.invoice(order_id, [{"order_item_id": first_item(order_id), "qty": 1}])
    order_id = place("order-partly-shipped")
    documents.invoice(order_id)
    documents.ship(order_id, [{"order_item_id": first_item(order_id), "qty": 1}], tracks=life.tracks(realistic=True))
    order_id = place("order-partly-refunded")
    documents.invoice(order_id)
    documents.ship(order_id, tracks=life.tracks(realistic=True))
    refunds.refund(order_id, [{"order_item_id": first_item(order_id), "qty": 1}], {"shipping_amount": 0})
    order_id = place("order-several-shipments")
    documents.invoice(order_id)
    documents.ship(order_id, [{"order_item_id": first_item(order_id), "qty": 1}], tracks=life.tracks(realistic=True))
    clock.advance(3600)
    documents.ship(order_id, tracks=life.tracks(realistic=True))
    order_id = place("order-several-tracks")
    documents.invoice(order_id)
    documents.ship(order_id, tracks=life.tracks(2, realistic=True))
    place("order-with-discount", coupon=COUPON)
    place("order-free-shipping", [{"sku": "EDGE-VIEW-OVERRIDES", "qty": 6.0}],
          shipping_method="freeshipping_freeshipping")
    clock.advance(3600)
    for _ in range(3):  # placed on one frozen second: created_at = updated_at for all three
        life.place(line, None, guest_email=names.order_email("orders-same-updated-at"))
