"""The seeder's shortcut: an order placed through the same services the REST checkout routes call,
in one call (``quick_order``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.payment import payment_methods_for
from fake_magento.backend.checkout.quote import CartRef, normalise_address
from fake_magento.errors import required_field

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_items import CartItemRepository
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.coupons import CouponManagement
    from fake_magento.backend.checkout.payment_information import PaymentInformationManagement
    from fake_magento.backend.checkout.quote import QuoteStore
    from fake_magento.backend.checkout.quote_management import QuoteManagement
    from fake_magento.backend.checkout.shipping import ShippingInformationManagement
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.stores import StoreRepository


class QuickCheckout:
    def __init__(self, *, stores: StoreRepository, customers: CustomerRepository, quotes: QuoteStore,
                 cart_totals: CartTotalRepository, quote_management: QuoteManagement,
                 cart_items: CartItemRepository, coupons: CouponManagement,
                 shipping_information: ShippingInformationManagement,
                 payment_information: PaymentInformationManagement) -> None:
        self.stores = stores
        self.customers = customers
        self.quotes = quotes
        self.cart_totals = cart_totals
        self.quote_management = quote_management
        self.cart_items = cart_items
        self.coupons = coupons
        self.shipping_information = shipping_information
        self.payment_information = payment_information

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
            ref = CartRef.guest(self.quote_management.create_guest_cart(scope))
        if address is None:
            raise required_field("address")
        address = {**address, "email": address.get("email") or email}
        for line in lines:
            item: dict[str, Any] = {"sku": line["sku"], "qty": line.get("qty", 1)}
            if line.get("options"):
                item["product_option"] = {"extension_attributes": line["options"]}
            self.cart_items.save(ref, item, scope)
        if coupon_code:
            self.coupons.set(ref, coupon_code, scope)
        carrier, _, method = shipping_method.partition("_")
        quote = self.quotes.resolve(ref, scope)
        if not self.cart_totals.collect(quote).is_virtual:
            self.shipping_information.save_address_information(ref, {
                "shipping_address": address, "billing_address": address, "shipping_carrier_code": carrier,
                "shipping_method_code": method}, scope)
        totals = self.cart_totals.collect(self.quotes.resolve(ref, scope))
        method_code = payment_methods_for(totals)[0]["code"]
        guest_email = email if ref.kind == "guest" else None
        return int(self.payment_information.save_payment_and_place(ref, {"method": method_code}, address,
                                                                   guest_email, scope))


def _customer_address(customer: dict[str, Any]) -> dict[str, Any] | None:
    addresses = customer.get("addresses") or []
    chosen = next((a for a in addresses if a.get("default_shipping")), addresses[0] if addresses else None)
    if chosen is None:
        return None
    return normalise_address({**chosen, "customer_address_id": chosen.get("id"), "email": customer.get("email")})
