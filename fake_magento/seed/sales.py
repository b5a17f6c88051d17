"""Orders for seeded customers and guests in every state, dates spread on the seeding clock.

Placed through the REST checkout path (``backend.checkout.quick_order``: simple, virtual,
configurable and bundle lines, coupons, free shipping), then moved through the same lifecycle code
the REST routes use (seed/lifecycle_steps.py): invoiced (fully or partly), shipped with carrier
tracks (one or several shipments, one or several tracks), refunded (partly or fully), held,
canceled, or saved in ``pending_payment``/``payment_review`` through the order repository. The
seeding clock moves forward between steps, so created_at <= document dates <= updated_at and the
orders spread over the months before the seeding epoch; ``same_second`` orders are placed without
moving it.

``seed`` places the profile's ``orders`` with the first twelve scenarios (the data the tests of
the default profile were written against); ``seed_more`` (seed/more.py) adds orders with every
scenario up to a total.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import MagentoError
from fake_magento.seed.lifecycle_steps import Lifecycle

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

# What each order goes through, by order number modulo the list's length
SCENARIOS = ["new", "partly_invoiced", "complete", "holded", "closed", "canceled", "complete_configurable",
             "partly_refunded", "shipped_not_invoiced", "commented", "bundle_processing", "partly_shipped"]
MORE_SCENARIOS = [*SCENARIOS, "pending_payment", "payment_review", "two_shipments", "same_second", "two_tracks",
                  "free_shipping", "discounted", "same_second"]
# The cart price rule behind the "discounted" orders: 10% off with this coupon, every website and group.
COUPON = "SEED10"


def _shop(ctx: SeedContext, after_product: int = 0,
          after_customer: int = 0) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]] | None:
    backend = ctx.backend
    simple_skus = [r[0] for r in backend.db.query(
        "SELECT e.sku FROM catalog_product_entity e JOIN catalog_product_website w ON w.product_id = e.entity_id"
        " AND w.website_id = 1 WHERE e.type_id IN ('simple', 'virtual') AND e.entity_id > ? ORDER BY e.entity_id",
        (after_product,))]
    customers = [backend.customers.get(r[0]) for r in backend.db.query(
        "SELECT entity_id FROM customer_entity WHERE website_id = 1 AND entity_id > ? ORDER BY entity_id",
        (after_customer,))]
    if not simple_skus or not customers:
        return None
    email = ctx.credentials().get("customer_email")
    main = next((c for c in customers if c["email"] == email), customers[0])
    return simple_skus, customers, main


def seed(ctx: SeedContext) -> None:
    count = int(ctx.settings.get("orders", 0))
    shop = _shop(ctx) if count else None
    if shop is None:
        return
    simple_skus, customers, main = shop
    backend = ctx.backend
    life = Lifecycle(ctx)
    composite = life.composite_lines()
    backend.clock.advance(-120 * 86400)  # spread the orders over the four months before the seeding epoch
    for n in range(count):
        backend.clock.advance(ctx.rng.randint(1800, 3 * 86400))
        scenario = SCENARIOS[n % len(SCENARIOS)]
        customer = main if n % 3 == 0 else (ctx.rng.choice(customers) if n % 3 == 1 else None)
        lines = _lines(ctx, simple_skus, composite, scenario)
        if not lines:
            continue
        try:
            order_id = life.place(lines, customer, guest_email=None, n=n)
        except MagentoError:
            continue  # e.g. a line that is no longer salable: checkout refuses it, as Magento would
        backend.clock.advance(ctx.rng.randint(60, 3600))
        life.advance(order_id, scenario)


def seed_more(ctx: SeedContext, total: int, after_product: int, after_customer: int) -> None:
    """Orders with every scenario (MORE_SCENARIOS) until there are ``total``, for the products and
    customers with ids above the given ones (and guests): the first part's stock and customers'
    order histories stay as they were. Composite lines are in the first part's orders."""
    backend = ctx.backend
    shop = _shop(ctx, after_product, after_customer)
    placed = int(backend.db.one("SELECT COUNT(*) FROM sales_order")[0])
    if shop is None or placed >= total:
        return
    simple_skus, customers, _ = shop
    install_coupon(ctx)
    life = Lifecycle(ctx)
    composite: dict[str, dict[str, Any]] = {}
    n, done = 1000, 0
    while placed < total and done < 3 * total:  # a refused cart takes the next number
        n, done = n + 1, done + 1
        scenario = MORE_SCENARIOS[placed % len(MORE_SCENARIOS)]
        if scenario != "same_second":
            backend.clock.advance(ctx.rng.randint(600, 12 * 3600))
        customer = ctx.rng.choice(customers) if n % 2 else None
        lines = _lines(ctx, simple_skus, composite, scenario)
        if not lines:
            continue
        try:
            order_id = life.place(lines, customer, guest_email=None, n=n,
                                  shipping_method="freeshipping_freeshipping" if scenario == "free_shipping"
                                  else "flatrate_flatrate", coupon=COUPON if scenario == "discounted" else None)
        except MagentoError:
            continue  # a line checkout refuses (not salable): try the next order number
        placed += 1
        if scenario != "same_second":
            backend.clock.advance(ctx.rng.randint(60, 3600))
        life.advance(order_id, scenario, realistic=True)


def install_coupon(ctx: SeedContext) -> None:
    rules = ctx.backend.sales_rules
    rule = rules.save_rule({"name": "10% off with SEED10", "is_active": True, "website_ids": [1, 2],
                            "customer_group_ids": [0, 1, 2, 3], "coupon_type": "SPECIFIC_COUPON",
                            "simple_action": "by_percent", "discount_amount": 10,
                            "store_labels": [{"store_id": 0, "store_label": "10% off"}]})
    rules.save_coupon({"rule_id": rule["rule_id"], "code": COUPON, "is_primary": True})


def _lines(ctx: SeedContext, skus: list[str], composite: dict[str, dict[str, Any]],
           scenario: str) -> list[dict[str, Any]]:
    backend = ctx.backend
    lines = [{"sku": sku, "qty": float(ctx.rng.randint(1, 3))} for sku in ctx.rng.sample(skus, ctx.rng.randint(1, 2))]
    if scenario in ("two_shipments", "free_shipping"):
        # two shipments need two units; free shipping a subtotal of 100 (FREE_SHIPPING_SUBTOTAL)
        lines = [{**line, "qty": 6.0 if scenario == "free_shipping" else 3.0} for line in lines]
    if scenario in ("complete_configurable", "partly_shipped", "closed") and "configurable" in composite:
        lines.append({**composite["configurable"], "qty": 2.0})
    if scenario in ("bundle_processing", "partly_refunded") and "bundle" in composite:
        lines.append({**composite["bundle"], "qty": 1.0})
    # checkout only sells what is salable on the website's stock
    return [line for line in lines if line.get("options") or backend.inventory.is_salable(line["sku"], line["qty"], 1)]
