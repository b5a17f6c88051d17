"""Quote/Model/ShipmentEstimation (rates for an address, nothing saved) and
Checkout/Model/ShippingInformationManagement (the shipping address and method saved)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.payment import payment_methods_for
from fake_magento.backend.checkout.quote import METHOD_MISSING, SHIPPING_MISSING, normalise_address
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.scope import StoreScope


class ShipmentEstimation:
    def __init__(self, *, quotes: QuoteStore, cart_totals: CartTotalRepository) -> None:
        self.quotes = quotes
        self.cart_totals = cart_totals

    def estimate_by_extended_address(self, ref: CartRef, address: Any,
                                     scope: StoreScope | None = None) -> list[dict[str, Any]]:
        """ShipmentEstimation::estimateByExtendedAddress: the rates for an address (nothing saved)."""
        quote = self.quotes.resolve(ref, scope)
        if not quote["items"]:
            return []
        quote["shipping_address"] = normalise_address(address)
        quote["estimating"] = True
        return self.cart_totals.collect(quote).rates


class ShippingInformationManagement:
    def __init__(self, *, quotes: QuoteStore, cart_totals: CartTotalRepository) -> None:
        self.quotes = quotes
        self.cart_totals = cart_totals

    def save_address_information(self, ref: CartRef, information: Any,
                                 scope: StoreScope | None = None) -> dict[str, Any]:
        """ShippingInformationManagement::saveAddressInformation."""
        quote = self.quotes.resolve(ref, scope)
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
        totals = self.cart_totals.collect(quote)
        self.quotes.save(quote)
        if not totals.is_virtual and not any(f"{r['carrier_code']}_{r['method_code']}" == quote["shipping_method"]
                                             for r in totals.rates):
            if method:
                raise NoSuchEntityError("Carrier with such method not found: %1, %2", [str(carrier or ""), str(method)])
            raise NoSuchEntityError(METHOD_MISSING)
        return {"payment_methods": payment_methods_for(totals), "totals": self.quotes.totals_out(quote, totals)}
