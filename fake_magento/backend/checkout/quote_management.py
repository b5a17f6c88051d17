"""Quote/Model/QuoteManagement (CartManagementInterface) with GuestCartManagement and
CartRepository::get: carts created and read, and an order placed from a cart (placeOrder -> submit:
validate, convert, place, deduct stock, deactivate). ``OrderPlacement`` is what it needs of sales.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from fake_magento.backend.checkout.cart_items import stock_lines
from fake_magento.backend.checkout.items import QTY_NOT_AVAILABLE
from fake_magento.backend.checkout.order import build_order
from fake_magento.backend.checkout.payment import apply_payment
from fake_magento.backend.checkout.quote import METHOD_MISSING
from fake_magento.errors import MagentoError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.checkout.rules import SalesRules
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.inventory import InventoryService
    from fake_magento.backend.scope import StoreScope
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.storage import Database

PLACE_FAILED = "A server error stopped your order from being placed. Please try to place your order again."
# Customer/Model/Address/AbstractAddress::validate, in its order
REQUIRED_ADDRESS = ("firstname", "lastname", "street", "city", "telephone", "postcode", "country_id")


class OrderPlacement(Protocol):
    """What placing an order needs of sales: OrderRepository::save of a new order, its id back."""

    def place_order(self, order: dict[str, Any]) -> int: ...


class QuoteManagement:
    def __init__(self, db: Database, *, stores: StoreRepository, quotes: QuoteStore,
                 cart_totals: CartTotalRepository, customers: CustomerRepository, inventory: InventoryService,
                 rules: SalesRules, orders: OrderPlacement) -> None:
        self.db = db
        self.stores = stores
        self.quotes = quotes
        self.cart_totals = cart_totals
        self.customers = customers
        self.inventory = inventory
        self.rules = rules
        self.orders = orders

    # -- carts -------------------------------------------------------------------------------
    def create_guest_cart(self, scope: StoreScope) -> str:
        """GuestCartManagement::createEmptyCart: the masked id."""
        return str(self.quotes.create(scope)["masked_id"])

    def create_empty_cart(self, scope: StoreScope) -> int:
        """CartManagement::createEmptyCart for an admin: an anonymous cart, its quote id."""
        return int(self.quotes.create(scope)["id"])

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
        return self.quotes.cart_out(quote, self.cart_totals.collect(quote))

    def get_cart(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        quote = self.quotes.resolve(ref, scope, active=False)
        return self.quotes.cart_out(quote, self.cart_totals.collect(quote))

    # -- placing the order -------------------------------------------------------------------
    def place_order(self, ref: CartRef, payment: Any = None, scope: StoreScope | None = None, *,
                    remote_ip: str | None = None) -> int:
        """CartManagement::placeOrder (PUT .../order)."""
        with self.db.write():  # as in save_payment_and_place
            quote = self.quotes.resolve(ref, scope)
            if isinstance(payment, dict) and payment.get("method"):
                apply_payment(quote, payment, self.cart_totals.collect(quote))
                self.quotes.save(quote)
        return self.submit(quote, remote_ip=remote_ip)

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
    def submit(self, quote: dict[str, Any], *, remote_ip: str | None = None) -> int:
        """QuoteManagement::placeOrder -> submit: validate, convert, place, deduct stock, deactivate."""
        totals = self.cart_totals.collect(quote)
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
        website_id = self.cart_totals.website_of(quote)
        stock: dict[str, float] = {}
        for line in quote["items"]:
            for sku, amount in stock_lines(line, line["qty"]):
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
