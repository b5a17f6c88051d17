"""Checkout/Model/PaymentInformationManagement and its guest twin: the payment (and billing address)
saved and the order placed in one call, and the payment methods with the cart's totals."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.payment import apply_payment, payment_methods_for
from fake_magento.backend.checkout.quote import normalise_address
from fake_magento.errors import MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.checkout.quote_management import QuoteManagement
    from fake_magento.backend.scope import StoreScope
    from fake_magento.storage import Database


def _could_not_save(message: str) -> MagentoError:
    # CouldNotSaveException(__($e->getMessage())): rendered message, errorRedirectAction header
    return MagentoError(message, headers={"errorRedirectAction": "#shipping"})


class PaymentInformationManagement:
    def __init__(self, db: Database, *, quotes: QuoteStore, cart_totals: CartTotalRepository,
                 quote_management: QuoteManagement) -> None:
        self.db = db
        self.quotes = quotes
        self.cart_totals = cart_totals
        self.quote_management = quote_management

    def save_payment_and_place(self, ref: CartRef, payment: Any, billing: Any = None, email: Any = None,
                               scope: StoreScope | None = None, *, remote_ip: str | None = None) -> int:
        """(Guest)PaymentInformationManagement::savePaymentInformationAndPlaceOrder: the order id."""
        # Loaded and saved in one transaction, so a stale copy never writes back a quote that another
        # request placed meanwhile (it would be active again); the payment stays saved if placing fails.
        with self.db.write():
            quote = self.quotes.resolve(ref, scope)
            if ref.kind == "guest" and email in (None, ""):
                raise required_field("email")
            if isinstance(billing, dict):
                quote["billing_address"] = normalise_address(billing)
            if ref.kind == "guest":
                quote["billing_address"] = {**(quote.get("billing_address") or {}), "email": email}
                quote["customer_email"] = email
            totals = self.cart_totals.collect(quote)
            if not totals.items_qty:
                raise MagentoError("Some of the products are disabled.",
                                   headers={"errorRedirectAction": "#shipping"})
            apply_payment(quote, payment, totals)
            self.quotes.save(quote)
        try:
            return self.quote_management.submit(quote, remote_ip=remote_ip)
        except MagentoError as error:
            if error.headers:
                raise
            raise _could_not_save(error.rendered()) from None

    def get_payment_information(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        """PaymentInformationManagement::getPaymentInformation."""
        quote = self.quotes.resolve(ref, scope)
        totals = self.cart_totals.collect(quote)
        return {"payment_methods": payment_methods_for(totals), "totals": self.quotes.totals_out(quote, totals)}
