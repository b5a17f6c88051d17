"""Orders for seeded customers and guests in every state, dates spread on the seeding clock.

Placed through the REST checkout path (``backend.checkout.quick_order``: simple, virtual,
configurable and bundle lines), then moved through the same lifecycle code the REST routes use:
invoiced (fully or partly), shipped with carrier tracks, refunded (partly or fully), held,
canceled. The seeding clock moves forward between steps, so created_at <= document dates <=
updated_at and the orders spread over the four months before the seeding epoch.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales.scripted import LifecycleCommands
from fake_magento.errors import MagentoError

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

CARRIERS = [("ups", "United Parcel Service", "1Z{}"), ("usps", "United States Postal Service", "9400{}"),
            ("fedex", "Federal Express", "7{}"), ("dhl", "DHL", "JD{}")]
# What each order goes through, by order number modulo the list's length
SCENARIOS = ["new", "partly_invoiced", "complete", "holded", "closed", "canceled", "complete_configurable",
             "partly_refunded", "shipped_not_invoiced", "commented", "bundle_processing", "partly_shipped"]


def seed(ctx: SeedContext) -> None:
    count = int(ctx.settings.get("orders", 0))
    if not count:
        return
    backend = ctx.backend
    simple_skus = [r[0] for r in backend.db.query(
        "SELECT sku FROM catalog_product_entity WHERE type_id IN ('simple', 'virtual') ORDER BY entity_id")]
    customers = [backend.customers.get(r[0]) for r in backend.db.query(
        "SELECT entity_id FROM customer_entity WHERE website_id = 1 ORDER BY entity_id")]
    if not simple_skus or not customers:
        return
    email = ctx.credentials().get("customer_email")
    main = next((c for c in customers if c["email"] == email), customers[0])
    composite = _composite_lines(ctx)
    backend.clock.advance(-120 * 86400)  # spread the orders over the four months before the seeding epoch
    for n in range(count):
        backend.clock.advance(ctx.rng.randint(1800, 3 * 86400))
        scenario = SCENARIOS[n % len(SCENARIOS)]
        customer = main if n % 3 == 0 else (ctx.rng.choice(customers) if n % 3 == 1 else None)
        lines = _lines(ctx, simple_skus, composite, scenario)
        if not lines:
            continue
        try:
            order_id = _place(ctx, n, lines, customer)
        except MagentoError:
            continue  # e.g. a line that is no longer salable: checkout refuses it, as Magento would
        backend.clock.advance(ctx.rng.randint(60, 3600))
        _advance(ctx, order_id, scenario)


def _composite_lines(ctx: SeedContext) -> dict[str, dict[str, Any]]:
    """A salable configurable variant and a bundle selection from the seeded catalogue."""
    backend = ctx.backend
    scope = backend.stores.scope_for_store_id(1)
    out: dict[str, dict[str, Any]] = {}
    for row in backend.db.query("SELECT sku, type_id FROM catalog_product_entity WHERE type_id IN "
                                "('configurable', 'bundle') ORDER BY entity_id"):
        product = backend.catalog.get_product(row["sku"], scope)
        ext = product.get("extension_attributes") or {}
        if row["type_id"] == "configurable" and "configurable" not in out:
            options = ext.get("configurable_product_options") or []
            for child_id in ext.get("configurable_product_links") or []:
                child = backend.catalog.product_data(int(child_id), scope)
                if not backend.inventory.is_salable(child["sku"], 3, 1):
                    continue
                values = {a["attribute_code"]: a["value"] for a in child.get("custom_attributes", [])}
                codes = {o["attribute_id"]: _attribute_code(backend, o["attribute_id"]) for o in options}
                picked = [{"option_id": str(o["attribute_id"]), "option_value": int(values[codes[o["attribute_id"]]])}
                          for o in options if values.get(codes[o["attribute_id"]]) is not None]
                if len(picked) == len(options):
                    out["configurable"] = {"sku": row["sku"], "options": {"configurable_item_options": picked}}
                    break
        elif row["type_id"] == "bundle" and "bundle" not in out:
            chosen = []
            for option in ext.get("bundle_product_options") or []:
                link = next((lk for lk in option.get("product_links", [])
                             if backend.inventory.is_salable(lk["sku"], 6, 1)), None)
                if link is None:
                    break
                chosen.append({"option_id": option["option_id"], "option_qty": float(link["qty"] or 1),
                               "option_selections": [int(link["id"])]})
            else:
                out["bundle"] = {"sku": row["sku"], "options": {"bundle_options": chosen}}
    return out


def _attribute_code(backend: Any, attribute_id: Any) -> str | None:
    row = backend.db.one("SELECT attribute_code FROM catalog_eav_attribute WHERE attribute_id=?", (int(attribute_id),))
    return None if row is None else str(row[0])


def _lines(ctx: SeedContext, skus: list[str], composite: dict[str, dict[str, Any]],
           scenario: str) -> list[dict[str, Any]]:
    backend = ctx.backend
    lines = [{"sku": sku, "qty": float(ctx.rng.randint(1, 3))} for sku in ctx.rng.sample(skus, ctx.rng.randint(1, 2))]
    if scenario in ("complete_configurable", "partly_shipped", "closed") and "configurable" in composite:
        lines.append({**composite["configurable"], "qty": 2.0})
    if scenario in ("bundle_processing", "partly_refunded") and "bundle" in composite:
        lines.append({**composite["bundle"], "qty": 1.0})
    # checkout only sells what is salable on the website's stock
    return [line for line in lines if line.get("options") or backend.inventory.is_salable(line["sku"], line["qty"], 1)]


def _place(ctx: SeedContext, n: int, lines: list[dict[str, Any]], customer: dict[str, Any] | None) -> int:
    if customer is not None:
        return int(ctx.backend.checkout.quick_order(store_id=1, email=customer["email"], lines=lines,
                                                    customer_id=int(customer["id"])))
    first, last = ctx.faker.first_name(), ctx.faker.last_name()
    address = {"city": ctx.faker.city(), "country_id": "US", "firstname": first, "lastname": last,
               "postcode": ctx.faker.numerify("#####"), "region": "Texas", "region_code": "TX", "region_id": 57,
               "street": [ctx.faker.street_address()], "telephone": ctx.faker.numerify("(555) ###-####")}
    email = f"{first}.{last}.guest{n}@example.net".lower()
    return int(ctx.backend.checkout.quick_order(store_id=1, email=email, lines=lines, address=address))


def _advance(ctx: SeedContext, order_id: int, scenario: str) -> None:
    """Move one placed order to its scenario's state through the lifecycle code."""
    backend = ctx.backend
    documents = refunds = LifecycleCommands.of(backend)
    order = backend.sales.get(order_id)
    parents = [i for i in order["items"] if not i.get("parent_item_id")]
    # documents name rows that carry quantities (a dynamic bundle's own row is a dummy, its children are not)
    _, items = backend.sales.load(order_id)
    first = next(i for i in items.all if not items.is_dummy(i))
    physical = not order.get("is_virtual")

    def later() -> None:
        backend.clock.advance(ctx.rng.randint(3600, 3 * 86400))

    def tracks() -> list[dict[str, str]]:
        code, title, pattern = ctx.rng.choice(CARRIERS)
        return [{"carrier_code": code, "title": title,
                 "track_number": pattern.format(ctx.faker.numerify("##########"))}]

    if scenario == "partly_invoiced":
        documents.invoice(order_id, [{"order_item_id": first["item_id"], "qty": 1}])
    elif scenario in ("complete", "complete_configurable") and physical:
        documents.invoice(order_id)
        later()
        documents.ship(order_id, tracks=tracks())
    elif scenario == "holded":
        backend.order_management.hold(order_id)
    elif scenario == "closed":
        documents.invoice(order_id)
        later()
        refunds.refund(order_id)
    elif scenario == "canceled":
        backend.order_management.cancel(order_id)
    elif scenario == "partly_refunded" and physical:
        documents.invoice(order_id)
        later()
        documents.ship(order_id, tracks=tracks())
        later()
        refunds.refund(order_id, [{"order_item_id": first["item_id"], "qty": 1}], {"shipping_amount": 0})
    elif scenario == "shipped_not_invoiced" and physical:
        documents.ship(order_id, tracks=tracks())
    elif scenario == "commented":
        backend.order_management.add_comment(order_id, {"comment": "Customer asked for gift wrapping.",
                                             "is_customer_notified": 0, "is_visible_on_front": 0,
                                             "status": "pending"})
    elif scenario == "bundle_processing":
        documents.invoice(order_id)
    elif scenario == "partly_shipped" and physical:
        documents.invoice(order_id)
        later()
        documents.ship(order_id, [{"order_item_id": parents[-1]["item_id"], "qty": 1}], tracks=tracks())
