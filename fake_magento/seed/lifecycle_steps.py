"""Placing seeded orders and moving them through the lifecycle code the REST routes use.

Every document comes from the backend's own services (checkout, invoice, ship, refund, hold,
cancel, the order repository save), so quantities and totals keep Magento's invariants
(qty_invoiced <= qty_ordered, qty_shipped <= qty_ordered - qty_canceled, refunds <= invoiced).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.providers.carriers import CarrierProvider

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

# carrier code, title, tracking-number pattern ({} = ten digits)
CARRIERS = [("ups", "United Parcel Service", "1Z{}"), ("usps", "United States Postal Service", "9400{}"),
            ("fedex", "Federal Express", "7{}"), ("dhl", "DHL", "JD{}")]
GUEST_ADDRESS = {"country_id": "US", "region": "Texas", "region_code": "TX", "region_id": 57}


def _documents(backend: Any) -> tuple[Any, Any]:
    """The invoice/shipment and credit-memo steps over the backend's own services (REST-shaped items)."""
    from fake_magento.backend.sales.scripted import LifecycleCommands

    commands = LifecycleCommands.of(backend)
    return commands, commands


class Lifecycle:
    def __init__(self, ctx: SeedContext) -> None:
        self.ctx = ctx
        self.backend = ctx.backend
        self.documents, self.refunds = _documents(ctx.backend)

    # -- placing -------------------------------------------------------------------------------
    def place(self, lines: list[dict[str, Any]], customer: dict[str, Any] | None, *, guest_email: str | None,
              n: int = 0, store_id: int = 1, shipping_method: str = "flatrate_flatrate",
              coupon: str | None = None, guest_name: tuple[str, str] | None = None) -> int:
        checkout = self.backend.checkout
        if customer is not None:
            return int(checkout.quick_order(store_id=store_id, email=customer["email"], lines=lines,
                                            customer_id=int(customer["id"]), shipping_method=shipping_method,
                                            coupon_code=coupon))
        faker = self.ctx.faker
        first, last = guest_name or (faker.first_name(), faker.last_name())
        address = {**GUEST_ADDRESS, "city": faker.city(), "firstname": first, "lastname": last,
                   "postcode": faker.numerify("#####"), "street": [faker.street_address()],
                   "telephone": faker.numerify("(555) ###-####")}
        email = guest_email or f"{first}.{last}.guest{n}@example.net".lower()
        return int(checkout.quick_order(store_id=store_id, email=email, lines=lines, address=address,
                                        shipping_method=shipping_method, coupon_code=coupon))

    def composite_lines(self) -> dict[str, dict[str, Any]]:
        """A salable configurable variant and a bundle selection from the seeded catalogue."""
        backend = self.backend
        scope = backend.stores.scope_for_store_id(1)
        out: dict[str, dict[str, Any]] = {}
        for row in backend.db.query("SELECT sku, type_id FROM catalog_product_entity WHERE type_id IN "
                                    "('configurable', 'bundle') ORDER BY entity_id"):
            product = backend.catalog.get_product(row["sku"], scope)
            ext = product.get("extension_attributes") or {}
            if row["type_id"] == "configurable" and "configurable" not in out:
                picked = self.variant_options(product)
                if picked is not None:
                    out["configurable"] = {"sku": row["sku"], "options": {"configurable_item_options": picked}}
            elif row["type_id"] == "bundle" and "bundle" not in out:
                chosen = self.bundle_options(ext)
                if chosen is not None:
                    out["bundle"] = {"sku": row["sku"], "options": {"bundle_options": chosen}}
        return out

    def variant_options(self, product: dict[str, Any]) -> list[dict[str, Any]] | None:
        """The option values of the configurable's first salable child, or None."""
        backend = self.backend
        scope = backend.stores.scope_for_store_id(1)
        ext = product.get("extension_attributes") or {}
        options = ext.get("configurable_product_options") or []
        codes = {o["attribute_id"]: self._attribute_code(o["attribute_id"]) for o in options}
        for child_id in ext.get("configurable_product_links") or []:
            child = backend.catalog.product_data(int(child_id), scope)
            if int(child.get("status", 1)) != 1 or not backend.inventory.is_salable(child["sku"], 3, 1):
                continue
            values = {a["attribute_code"]: a["value"] for a in child.get("custom_attributes", [])}
            picked = [{"option_id": str(o["attribute_id"]), "option_value": int(values[codes[o["attribute_id"]]])}
                      for o in options if values.get(codes[o["attribute_id"]]) is not None]
            if len(picked) == len(options):
                return picked
        return None

    def bundle_options(self, ext: dict[str, Any]) -> list[dict[str, Any]] | None:
        chosen = []
        for option in ext.get("bundle_product_options") or []:
            link = next((lk for lk in option.get("product_links", [])
                         if self.backend.inventory.is_salable(lk["sku"], 6, 1)), None)
            if link is None:
                return None
            chosen.append({"option_id": option["option_id"], "option_qty": float(link["qty"] or 1),
                           "option_selections": [int(link["id"])]})
        return chosen

    def _attribute_code(self, attribute_id: Any) -> str | None:
        row = self.backend.db.one("SELECT attribute_code FROM catalog_eav_attribute WHERE attribute_id=?",
                                  (int(attribute_id),))
        return None if row is None else str(row[0])

    # -- steps ---------------------------------------------------------------------------------
    def later(self) -> None:
        self.backend.clock.advance(self.ctx.rng.randint(3600, 3 * 86400))

    def tracks(self, count: int = 1, *, realistic: bool = False) -> list[dict[str, Any]]:
        """``realistic``: the carriers provider's numbers (formats with check digits); otherwise the
        simple generator the default profile's first part was built with (its data stays as it was)."""
        if realistic:
            if not hasattr(self.ctx.faker, "track"):
                self.ctx.faker.add_provider(CarrierProvider)
            return [self.ctx.faker.track(self.ctx.rng.choice(["ups", "usps", "fedex", "dhl"])) for _ in range(count)]
        out = []
        for _ in range(count):
            code, title, pattern = self.ctx.rng.choice(CARRIERS)
            out.append({"carrier_code": code, "title": title,
                        "track_number": pattern.format(self.ctx.faker.numerify("##########"))})
        return out

    def set_state(self, order_id: int, state: str) -> None:
        """OrderRepository::save of the state and its default status (POST /V1/orders with entity_id)."""
        self.backend.sales.save_order({"entity_id": order_id, "state": state, "status": state})

    def advance(self, order_id: int, scenario: str, *, realistic: bool = False) -> None:
        """Move one placed order to its scenario's state through the lifecycle code."""
        backend, documents, refunds = self.backend, self.documents, self.refunds

        def tracks(count: int = 1) -> list[dict[str, Any]]:
            return self.tracks(count, realistic=realistic)

        order = backend.sales.get(order_id)
        parents = [i for i in order["items"] if not i.get("parent_item_id")]
        # documents name rows that carry quantities (a dynamic bundle's own row is a dummy, its children are not)
        _, items = backend.sales.load(order_id)
        first = next(i for i in items.all if not items.is_dummy(i))
        physical = not order.get("is_virtual")
        if scenario == "partly_invoiced":
            documents.invoice(order_id, [{"order_item_id": first["item_id"], "qty": 1}])
        elif scenario in ("complete", "complete_configurable", "free_shipping", "discounted") and physical:
            documents.invoice(order_id)
            self.later()
            documents.ship(order_id, tracks=tracks())
        elif scenario == "holded":
            backend.order_management.hold(order_id)
        elif scenario == "closed":
            documents.invoice(order_id)
            self.later()
            refunds.refund(order_id)
        elif scenario == "canceled":
            backend.order_management.cancel(order_id)
        elif scenario == "partly_refunded" and physical:
            documents.invoice(order_id)
            self.later()
            documents.ship(order_id, tracks=tracks())
            self.later()
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
            self.later()
            documents.ship(order_id, [{"order_item_id": parents[-1]["item_id"], "qty": 1}], tracks=tracks())
        elif scenario == "two_shipments" and physical:
            documents.invoice(order_id)
            self.later()
            documents.ship(order_id, [{"order_item_id": first["item_id"], "qty": 1}], tracks=tracks())
            self.later()
            documents.ship(order_id, tracks=tracks())
        elif scenario == "two_tracks" and physical:
            documents.invoice(order_id)
            self.later()
            documents.ship(order_id, tracks=tracks(2))
        elif scenario in ("pending_payment", "payment_review"):
            self.set_state(order_id, scenario)
