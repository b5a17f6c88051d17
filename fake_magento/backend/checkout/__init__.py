"""REST checkout: carts for guests (masked ids), customers (``mine``) and admins, items of every
buyable type, offline carriers, checkmo, cart price rules with coupons, and order placement.

Module map: ``quote`` (storage, how routes address a cart, REST shapes), ``items`` (buy requests
-> lines), ``totals`` (collectors and carriers), ``rules`` (sales rules and coupons), ``management``
(billing address, shipping methods, selected payment, totals routes, assignment, cart search), ``order``
(quote -> the order handed to ``SalesService.place_order``; its docstring is the contract).
``quick_order`` runs the same code path the REST routes use, for the sales seeder.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from fake_magento.backend.checkout.items import (
    NOT_AVAILABLE,
    QTY_NOT_AVAILABLE,
    ItemBuilder,
    item_not_in_cart,
    same_request,
)
from fake_magento.backend.checkout.management import CartManagement
from fake_magento.backend.checkout.order import PAYMENT_TITLES, build_order
from fake_magento.backend.checkout.quote import CartRef, QuoteStore, normalise_address
from fake_magento.backend.checkout.rules import SalesRules
from fake_magento.backend.checkout.totals import Collector, Totals
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError, required_field

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.catalog import CatalogService
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.inventory import InventoryService
    from fake_magento.backend.scope import StoreScope
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

__all__ = ["CartRef", "CheckoutService"]

SHIPPING_MISSING = "The shipping address is missing. Set the address and try again."
METHOD_MISSING = "The shipping method is missing. Select the shipping method and try again."
PAYMENT_NOT_AVAILABLE = "The requested Payment Method is not available."
PLACE_FAILED = "A server error stopped your order from being placed. Please try to place your order again."
# Customer/Model/Address/AbstractAddress::validate, in its order
REQUIRED_ADDRESS = ("firstname", "lastname", "street", "city", "telephone", "postcode", "country_id")


def _could_not_save(message: str) -> MagentoError:
    # CouldNotSaveException(__($e->getMessage())): rendered message, errorRedirectAction header
    return MagentoError(message, headers={"errorRedirectAction": "#shipping"})


class OrderPlacement(Protocol):
    """What placing an order needs of sales: OrderRepository::save of a new order, its id back."""

    def place_order(self, order: dict[str, Any]) -> int: ...


class CheckoutService:
    def __init__(self, db: Database, clock: Clock, config: Config, *, seeding: SeedState,
                 stores: StoreRepository, catalog: CatalogService, inventory: InventoryService,
                 customers: CustomerRepository, orders: OrderPlacement) -> None:
        self.db = db
        self.config = config
        self.stores = stores
        self.inventory = inventory
        self.customers = customers
        self.orders = orders
        self.quotes = QuoteStore(db, clock, seeding=seeding, stores=stores, customers=customers)
        self.rules = SalesRules(db, clock, config, seeding=seeding)
        self.collector = Collector(clock, catalog=catalog, rules=self.rules)
        self.item_builder = ItemBuilder(db, catalog)
        self.management = CartManagement(self)

    def invalidate(self) -> None:
        return None

    # -- helpers -----------------------------------------------------------------------------
    def _scope(self, quote: dict[str, Any]) -> StoreScope:
        return self.stores.scope_for_store_id(quote["store_id"])

    def _website(self, quote: dict[str, Any]) -> int:
        return int(self.stores.store(quote["store_id"])["website_id"])

    def _collect(self, quote: dict[str, Any]) -> Totals:
        return self.collector.collect(quote, self._scope(quote), self._website(quote))

    def _load(self, ref: CartRef, scope: StoreScope | None = None, *, active: bool = True) -> dict[str, Any]:
        return self.quotes.resolve(ref, scope, active=active)

    @staticmethod
    def _ref_text(ref: CartRef, quote: dict[str, Any]) -> str:
        """The cart id the item messages name (the real quote id, as the repositories see it)."""
        return str(quote["id"])

    # -- carts -------------------------------------------------------------------------------
    def create_guest_cart(self, scope: StoreScope) -> str:
        """GuestCartManagement::createEmptyCart: the masked id."""
        return str(self.quotes.create(scope)["masked_id"])

    def create_customer_cart(self, customer_id: Any, scope: StoreScope) -> int:
        """QuoteManagement::createEmptyCartForCustomer: the customer's active cart, or a new one."""
        customer = self.customers.get(customer_id)
        existing = self.quotes.active_for_customer(int(customer["id"]))
        if existing is not None:
            return int(existing["id"])
        return int(self.quotes.create(scope, customer=customer)["id"])

    def customer_cart(self, customer_id: Any, scope: StoreScope) -> dict[str, Any]:
        """QuoteManagement::getCartForCustomer (getActiveForCustomer)."""
        quote = self.quotes.active_for_customer(int(customer_id))
        if quote is None:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "customerId", "fieldValue": int(customer_id)})
        return self.quotes.cart_out(quote, self._collect(quote))

    def get_cart(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        quote = self._load(ref, scope, active=False)
        return self.quotes.cart_out(quote, self._collect(quote))

    # -- items -------------------------------------------------------------------------------
    def items(self, ref: CartRef, scope: StoreScope | None = None) -> list[dict[str, Any]]:
        quote = self._load(ref, scope)
        shown = str(ref.value) if ref.kind == "guest" else str(quote["id"])
        return [self.quotes.item_out(quote, line, shown) for line in self._collect(quote).lines]

    def save_item(self, ref: CartRef, item: Any, scope: StoreScope | None = None,
                  item_id: Any = None) -> dict[str, Any]:
        """CartItemRepository::save through CartItemPersister: add a product, or change an item's qty."""
        data = dict(item) if isinstance(item, dict) else {}
        if item_id is not None:
            data["item_id"] = item_id
        quote = self._load(ref, scope)
        qty = data.get("qty")
        try:
            qty_number = float(qty) if qty is not None and not isinstance(qty, (bool, dict, list)) else None
        except ValueError:
            qty_number = None
        if qty_number is None or qty_number <= 0:
            raise InputError('Invalid value of "%value" provided for the %fieldName field.',
                             {"fieldName": "qty", "value": qty})
        cart_text = self._ref_text(ref, quote)
        item_scope = self._scope(quote)
        with self.db.write():
            if data.get("item_id") not in (None, ""):
                line = next((i for i in quote["items"] if str(i["item_id"]) == str(data["item_id"])), None)
                if line is None:
                    raise item_not_in_cart(cart_text, data["item_id"])
                if isinstance(data.get("product_option"), dict) and line["product_type"] in ("configurable",
                                                                                              "bundle"):
                    fresh = self.item_builder.build({"sku": line["sku"], "product_option": data["product_option"]},
                                                    item_scope)
                    line["children"], line["option"] = fresh["children"], fresh["option"]
                self._check_stock(quote, line, qty_number, exclude=line)
                line["qty"] = qty_number
            else:
                sku = data.get("sku")
                if sku in (None, ""):
                    raise required_field("sku")
                line = self.item_builder.build(data, item_scope)
                existing = next((i for i in quote["items"] if same_request(i, line)), None)
                if existing is not None:
                    self._check_stock(quote, existing, existing["qty"] + qty_number, exclude=existing)
                    existing["qty"] = existing["qty"] + qty_number
                    line = existing
                else:
                    self._check_stock(quote, line, qty_number)
                    line["item_id"] = self.db.next_id("quote_item")
                    for child in line["children"]:
                        child["item_id"] = self.db.next_id("quote_item")
                    line["qty"] = qty_number
                    quote["items"].append(line)
            self.quotes.save(quote)
        totals = self._collect(quote)
        collected = next(c for c in totals.lines if c.stored["item_id"] == line["item_id"])
        return self.quotes.item_out(quote, collected, str(quote["id"]))

    def _check_stock(self, quote: dict[str, Any], line: dict[str, Any], qty: float, *,
                     exclude: dict[str, Any] | None = None) -> None:
        """InventorySales IsProductSalableForRequestedQty for every simple the line sells."""
        website_id = self._website(quote)
        wanted: dict[str, float] = {}
        for other in quote["items"]:
            if other is exclude:
                continue
            for sku, amount in self._stock_lines(other, other["qty"]):
                wanted[sku] = wanted.get(sku, 0) + amount
        for sku, amount in self._stock_lines(line, qty):
            total = wanted.get(sku, 0) + amount
            if not self.inventory.is_salable(sku, 0, website_id):
                raise MagentoError(NOT_AVAILABLE)
            if not self.inventory.is_salable(sku, total, website_id):
                raise MagentoError(QTY_NOT_AVAILABLE)

    @staticmethod
    def _stock_lines(line: dict[str, Any], qty: float) -> list[tuple[str, float]]:
        if line["children"]:
            return [(c["sku"], c["qty"] * qty) for c in line["children"]]
        return [(line["sku"], qty)]

    def delete_item(self, ref: CartRef, item_id: Any, scope: StoreScope | None = None) -> bool:
        quote = self._load(ref, scope)
        line = next((i for i in quote["items"] if str(i["item_id"]) == str(item_id)), None)
        if line is None:
            raise item_not_in_cart(self._ref_text(ref, quote), item_id)
        quote["items"].remove(line)
        self.quotes.save(quote)
        return True

    # -- shipping ----------------------------------------------------------------------------
    def estimate_shipping(self, ref: CartRef, address: Any, scope: StoreScope | None = None) -> list[dict[str, Any]]:
        """ShipmentEstimation::estimateByExtendedAddress: the rates for an address (nothing saved)."""
        quote = self._load(ref, scope)
        if not quote["items"]:
            return []
        quote["shipping_address"] = normalise_address(address)
        quote["estimating"] = True
        return self._collect(quote).rates

    def set_shipping_information(self, ref: CartRef, information: Any,
                                 scope: StoreScope | None = None) -> dict[str, Any]:
        """ShippingInformationManagement::saveAddressInformation."""
        quote = self._load(ref, scope)
        info = dict(information) if isinstance(information, dict) else {}
        if not quote["items"]:
            raise InputError("The shipping method can't be set for an empty cart. Add an item to cart and try again.")
        address = info.get("shipping_address")
        if not isinstance(address, dict) or not address.get("country_id"):
            # StateException
            raise MagentoError(SHIPPING_MISSING)
        carrier = info.get("shipping_carrier_code")
        method = info.get("shipping_method_code")
        quote["shipping_address"] = normalise_address(address)
        if isinstance(info.get("billing_address"), dict):
            quote["billing_address"] = normalise_address(info["billing_address"])
        quote["shipping_method"] = f"{carrier or ''}_{method or ''}"
        if quote.get("customer_is_guest") and quote["shipping_address"].get("email"):
            quote.setdefault("customer_email", quote["shipping_address"]["email"])
        totals = self._collect(quote)
        self.quotes.save(quote)
        if not totals.is_virtual and not any(f"{r['carrier_code']}_{r['method_code']}" == quote["shipping_method"]
                                             for r in totals.rates):
            if method:
                raise NoSuchEntityError("Carrier with such method not found: %1, %2", [str(carrier or ""), str(method)])
            raise NoSuchEntityError(METHOD_MISSING)
        return {"payment_methods": self._payment_methods(totals), "totals": self.quotes.totals_out(quote, totals)}

    # -- payment and totals ------------------------------------------------------------------
    @staticmethod
    def _payment_methods(totals: Totals) -> list[dict[str, str]]:
        """Active offline methods: checkmo; 'free' only for a zero grand total (ZeroTotal check)."""
        if totals.lines and totals.grand_total <= 0.0001:
            return [{"code": "free", "title": PAYMENT_TITLES["free"]}]
        return [{"code": "checkmo", "title": PAYMENT_TITLES["checkmo"]}]

    def payment_methods(self, ref: CartRef, scope: StoreScope | None = None) -> list[dict[str, str]]:
        quote = self._load(ref, scope)
        return self._payment_methods(self._collect(quote))

    def payment_information(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        """PaymentInformationManagement::getPaymentInformation."""
        quote = self._load(ref, scope)
        totals = self._collect(quote)
        return {"payment_methods": self._payment_methods(totals), "totals": self.quotes.totals_out(quote, totals)}

    def totals(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        quote = self._load(ref, scope)
        return self.quotes.totals_out(quote, self._collect(quote))

    # -- coupons -----------------------------------------------------------------------------
    def coupon(self, ref: CartRef, scope: StoreScope | None = None) -> str | None:
        return self._load(ref, scope).get("coupon_code") or None

    def set_coupon(self, ref: CartRef, code: Any, scope: StoreScope | None = None) -> bool:
        """CouponManagement::set: kept only when a rule takes the code (else 404 not valid)."""
        quote = self._load(ref, scope)
        if not quote["items"]:
            raise NoSuchEntityError('The "%1" Cart doesn\'t contain products.', [str(quote["id"])])
        code = code or ""
        quote["coupon_code"] = code
        totals = self._collect(quote)
        if not totals.coupon_code or totals.coupon_code.lower() != code.strip().lower():
            raise NoSuchEntityError("The coupon code isn't valid. Verify the code and try again.")
        quote["coupon_code"] = totals.coupon_code
        self.quotes.save(quote)
        return True

    def remove_coupon(self, ref: CartRef, scope: StoreScope | None = None) -> bool:
        quote = self._load(ref, scope)
        if not quote["items"]:
            raise NoSuchEntityError('The "%1" Cart doesn\'t contain products.', [str(quote["id"])])
        quote["coupon_code"] = None
        self.quotes.save(quote)
        return True

    # -- placing the order -------------------------------------------------------------------
    def _set_payment(self, quote: dict[str, Any], payment: Any, totals: Totals) -> None:
        """PaymentMethodManagement::set."""
        method = payment.get("method") if isinstance(payment, dict) else None
        if not method:
            raise required_field("method")
        if not totals.is_virtual and not (quote.get("shipping_address") or {}).get("country_id"):
            raise MagentoError(SHIPPING_MISSING)
        if method not in {m["code"] for m in self._payment_methods(totals)}:
            raise MagentoError(PAYMENT_NOT_AVAILABLE)
        quote["payment_method"] = method

    def save_payment_and_place(self, ref: CartRef, payment: Any, billing: Any = None, email: Any = None,
                               scope: StoreScope | None = None, *, remote_ip: str | None = None) -> int:
        """(Guest)PaymentInformationManagement::savePaymentInformationAndPlaceOrder: the order id."""
        # Loaded and saved in one transaction, so a stale copy never writes back a quote that another
        # request placed meanwhile (it would be active again); the payment stays saved if placing fails.
        with self.db.write():
            quote = self._load(ref, scope)
            if ref.kind == "guest" and email in (None, ""):
                raise required_field("email")
            if isinstance(billing, dict):
                quote["billing_address"] = normalise_address(billing)
            if ref.kind == "guest":
                quote["billing_address"] = {**(quote.get("billing_address") or {}), "email": email}
                quote["customer_email"] = email
            totals = self._collect(quote)
            if not totals.items_qty:
                raise MagentoError("Some of the products are disabled.",
                                   headers={"errorRedirectAction": "#shipping"})
            self._set_payment(quote, payment, totals)
            self.quotes.save(quote)
        try:
            return self._place(quote, remote_ip=remote_ip)
        except MagentoError as error:
            if error.headers:
                raise
            raise _could_not_save(error.rendered()) from None

    def place_order(self, ref: CartRef, payment: Any = None, scope: StoreScope | None = None, *,
                    remote_ip: str | None = None) -> int:
        """CartManagement::placeOrder (PUT .../order)."""
        with self.db.write():  # as in save_payment_and_place
            quote = self._load(ref, scope)
            if isinstance(payment, dict) and payment.get("method"):
                self._set_payment(quote, payment, self._collect(quote))
                self.quotes.save(quote)
        return self._place(quote, remote_ip=remote_ip)

    def _validate_address(self, address: dict[str, Any] | None, general: str) -> None:
        """ValidationRules/{Shipping,Billing}AddressValidationRule with Quote Address::validate."""
        address = address or {}
        problems = []
        for key in REQUIRED_ADDRESS:
            value = address.get(key)
            if key == "street":
                value = "".join(str(s) for s in value) if isinstance(value, list) else value
            if value in (None, ""):
                problems.append(f'"{key}" is required. Enter and try again.')
        if address.get("country_id") == "US" and not address.get("region_id") and not address.get("region"):
            problems.append('"regionId" is required. Enter and try again.')
        if problems:
            raise MagentoError(f"{general} %1", [" ".join(problems)])

    def _place(self, quote: dict[str, Any], *, remote_ip: str | None = None) -> int:
        """QuoteManagement::placeOrder -> submit: validate, convert, place, deduct stock, deactivate."""
        totals = self._collect(quote)
        if not totals.lines:
            raise MagentoError(PLACE_FAILED)
        if not totals.is_virtual:
            self._validate_address(quote.get("shipping_address"), "Please check the shipping address information.")
            if not any(f"{r['carrier_code']}_{r['method_code']}" == quote.get("shipping_method")
                       for r in totals.rates):
                raise MagentoError(METHOD_MISSING)
        billing = quote.get("billing_address") or (quote.get("shipping_address") if not totals.is_virtual else None)
        self._validate_address(billing, "Please check the billing address information.")
        quote["billing_address"] = billing
        if not quote.get("payment_method"):
            raise MagentoError("Enter a valid payment method and try again.")
        if quote.get("customer_is_guest") or not quote.get("customer_id"):
            quote["customer_id"] = None
            quote["customer_is_guest"] = True
            quote["customer_group_id"] = 0
            quote["customer_email"] = quote.get("customer_email") or (billing or {}).get("email")
            if quote.get("customer_firstname") is None and quote.get("customer_lastname") is None:
                quote["customer_firstname"] = billing.get("firstname")
                quote["customer_lastname"] = billing.get("lastname")
        if remote_ip:
            quote["remote_ip"] = remote_ip
        website_id = self._website(quote)
        stock: dict[str, float] = {}
        for line in quote["items"]:
            for sku, amount in self._stock_lines(line, line["qty"]):
                stock[sku] = stock.get(sku, 0) + amount
        with self.db.write() as conn:
            active = conn.execute("SELECT is_active FROM quote WHERE entity_id=?", (quote["id"],)).fetchone()
            if active is not None and not active[0]:
                # Placed by another request since this one loaded it (a double submit): Magento's
                # PLACE_ORDER_<quote id> lock (timeout 0) refuses the second (QuoteManagement::submit)
                raise MagentoError(PLACE_FAILED)
            for sku, amount in stock.items():
                if not self.inventory.is_salable(sku, amount, website_id):
                    raise MagentoError(QTY_NOT_AVAILABLE)
            order = build_order(self.stores, quote, totals)
            order_id = self.orders.place_order(order)
            for sku, amount in stock.items():
                self.inventory.deduct(sku, amount, website_id, order_id=order_id)
            self.rules.register_usage(totals.applied_rule_ids, totals.coupon_code, quote.get("customer_id"))
            increment = conn.execute("SELECT increment_id FROM sales_order WHERE entity_id=?",
                                     (order_id,)).fetchone()
            quote["reserved_order_id"] = increment[0] if increment else None
            quote["is_active"] = False
            self.quotes.save(quote)
        # QuoteManagement::placeOrder returns $order->getId(): an integer on PHP 8.1+ PDO (2.4.7-p3
        # sandbox: PUT guest-carts/{id}/order, carts/mine/order, carts/{id}/order and both
        # payment-information answer a JSON number; 2.3 on PHP 7 answered a digit string)
        return int(order_id)

    # -- the seeder's shortcut ---------------------------------------------------------------
    def quick_order(self, *, store_id: int, email: str, lines: list[dict[str, Any]],
                    customer_id: int | None = None, address: dict[str, Any] | None = None,
                    shipping_method: str = "flatrate_flatrate", coupon_code: str | None = None) -> int:
        """Place an order through the REST checkout path in one call; returns the order id.

        ``lines`` are ``{"sku", "qty", "options"}`` with ``options`` the cart item's
        ``product_option.extension_attributes`` (``configurable_item_options`` or ``bundle_options``).
        A customer order uses the customer's cart (and their default address when ``address`` is
        None); a guest order a masked cart. The address is a quote address (``region`` a string).
        """
        scope = self.stores.scope_for_store_id(store_id)
        if customer_id is not None:
            customer = self.customers.get(customer_id)
            existing = self.quotes.active_for_customer(int(customer["id"]))
            if existing is not None:
                # the seeder starts from an empty cart: drop the old one as Magento would on merge
                existing["is_active"] = False
                self.quotes.save(existing)
            ref = CartRef.admin(self.quotes.create(scope, customer=customer)["id"])
            if address is None:
                address = _customer_address(customer)
        else:
            ref = CartRef.guest(self.create_guest_cart(scope))
        if address is None:
            raise required_field("address")
        address = {**address, "email": address.get("email") or email}
        for line in lines:
            item: dict[str, Any] = {"sku": line["sku"], "qty": line.get("qty", 1)}
            if line.get("options"):
                item["product_option"] = {"extension_attributes": line["options"]}
            self.save_item(ref, item, scope)
        if coupon_code:
            self.set_coupon(ref, coupon_code, scope)
        carrier, _, method = shipping_method.partition("_")
        quote = self._load(ref, scope)
        if not self._collect(quote).is_virtual:
            self.set_shipping_information(ref, {"shipping_address": address, "billing_address": address,
                                                "shipping_carrier_code": carrier,
                                                "shipping_method_code": method}, scope)
        totals = self._collect(self._load(ref, scope))
        method_code = self._payment_methods(totals)[0]["code"]
        if ref.kind == "guest":
            return int(self.save_payment_and_place(ref, {"method": method_code}, address, email, scope))
        return int(self.save_payment_and_place(ref, {"method": method_code}, address, None, scope))


def _customer_address(customer: dict[str, Any]) -> dict[str, Any] | None:
    addresses = customer.get("addresses") or []
    chosen = next((a for a in addresses if a.get("default_shipping")), addresses[0] if addresses else None)
    if chosen is None:
        return None
    return normalise_address({**chosen, "customer_address_id": chosen.get("id"), "email": customer.get("email")})
