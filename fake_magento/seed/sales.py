"""Orders for seeded customers and guests in every state, dates spread on the seeding clock.

Built with backend/sales/builder.py and SalesService.place_order (REST checkout does not exist
yet), then moved through the same lifecycle code the REST routes use: invoiced (fully or
partly), shipped with tracks, refunded (partly or fully), held, canceled.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fake_magento.backend.sales.builder import order_address, order_from_lines
from fake_magento.backend.sales.documents import Documents
from fake_magento.backend.sales.refunds import Refunds

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext


def seed(ctx: SeedContext) -> None:
    count = int(ctx.settings.get("orders", 0))
    if not count:
        return
    backend = ctx.backend
    rng = ctx.rng
    skus = [r[0] for r in backend.db.query(
        "SELECT sku FROM catalog_product_entity WHERE type_id IN ('simple', 'virtual') ORDER BY entity_id")]
    customers = [backend.customers.get(r[0]) for r in backend.db.query(
        "SELECT entity_id FROM customer_entity WHERE website_id = 1 ORDER BY entity_id")]
    if not skus or not customers:
        return
    backend.clock.advance(-120 * 86400)  # spread the orders over the four months before the seeding epoch
    for n in range(count):
        backend.clock.advance(rng.randint(1800, 4 * 86400))
        customer = customers[0] if n % 3 == 0 else (rng.choice(customers) if n % 3 == 1 else None)
        lines = [(sku, float(rng.randint(1, 3))) for sku in rng.sample(skus, rng.randint(1, 3))]
        # checkout only sells what is salable on the website's stock
        lines = [(sku, qty) for sku, qty in lines if backend.inventory.is_salable(sku, qty, 1)]
        if not lines:
            continue
        if customer:
            address = order_address(customer["addresses"][0])
            email = customer["email"]
        else:
            first, last = ctx.faker.first_name(), ctx.faker.last_name()
            address = {"city": ctx.faker.city(), "country_id": "US", "firstname": first, "lastname": last,
                       "postcode": ctx.faker.numerify("#####"), "region": "Texas", "region_code": "TX",
                       "region_id": 57, "street": [ctx.faker.street_address()],
                       "telephone": ctx.faker.numerify("(555) ###-####")}
            email = f"{first}.{last}.guest{n}@example.net".lower()
        order_id = backend.sales.place_order(
            order_from_lines(backend, store_id=1, lines=lines, email=email, address=address, customer=customer))
        for sku, qty in lines:
            backend.inventory.deduct(sku, qty, 1, order_id=order_id)
        backend.clock.advance(rng.randint(60, 3600))
        _advance(ctx, order_id, n)


CARRIERS = [("ups", "United Parcel Service", "1Z{}"), ("usps", "United States Postal Service", "9400{}"),
            ("fedex", "Federal Express", "7{}"), ("dhl", "DHL", "JD{}")]


def _advance(ctx: SeedContext, order_id: int, n: int) -> None:
    """Spread the orders over every state: new, processing (partly invoiced or shipped), complete,
    closed (fully refunded), complete with a partial refund, holded and canceled."""
    backend = ctx.backend
    documents, refunds = Documents(backend.sales), Refunds(backend.sales)
    order = backend.sales.get(order_id)
    first = order["items"][0]

    def later() -> None:
        backend.clock.advance(ctx.rng.randint(3600, 3 * 86400))

    def tracks() -> list[dict[str, str]]:
        code, title, pattern = ctx.rng.choice(CARRIERS)
        return [{"carrier_code": code, "title": title,
                 "track_number": pattern.format(ctx.faker.numerify("##########"))}]

    kind = n % 9
    if kind == 1:      # processing: partly invoiced
        documents.invoice(order_id, [{"order_item_id": first["item_id"], "qty": 1}])
    elif kind in (2, 6) and not order.get("is_virtual"):  # complete: invoiced and shipped
        documents.invoice(order_id)
        later()
        documents.ship(order_id, tracks=tracks())
    elif kind == 3:    # holded
        backend.sales.hold(order_id)
    elif kind == 4:    # closed: invoiced and fully refunded
        documents.invoice(order_id)
        later()
        refunds.refund(order_id)
    elif kind == 5:    # canceled
        backend.sales.cancel(order_id)
    elif kind == 7 and not order.get("is_virtual"):  # complete with a partial refund
        documents.invoice(order_id)
        later()
        documents.ship(order_id, tracks=tracks())
        later()
        refunds.refund(order_id, [{"order_item_id": first["item_id"], "qty": 1}], {"shipping_amount": 0})
    elif kind == 8 and not order.get("is_virtual"):  # processing: shipped, not invoiced
        documents.ship(order_id, tracks=tracks())
    elif kind == 0:
        backend.sales.add_comment(order_id, {"comment": "Customer asked for gift wrapping.",
                                             "is_customer_notified": 0, "is_visible_on_front": 0,
                                             "status": "pending"})
