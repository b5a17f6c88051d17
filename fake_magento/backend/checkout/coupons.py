"""Quote/Model/CouponManagement: a cart's coupon code read, applied (kept only when a rule takes it)
and removed."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.scope import StoreScope


class CouponManagement:
    def __init__(self, *, quotes: QuoteStore, cart_totals: CartTotalRepository) -> None:
        self.quotes = quotes
        self.cart_totals = cart_totals

    def get(self, ref: CartRef, scope: StoreScope | None = None) -> str | None:
        return self.quotes.resolve(ref, scope).get("coupon_code") or None

    def set(self, ref: CartRef, code: Any, scope: StoreScope | None = None) -> bool:
        """CouponManagement::set: kept only when a rule takes the code (else 404 not valid)."""
        quote = self.quotes.resolve(ref, scope)
        if not quote["items"]:
            raise NoSuchEntityError('The "%1" Cart doesn\'t contain products.', [str(quote["id"])])
        code = code or ""
        quote["coupon_code"] = code
        totals = self.cart_totals.collect(quote)
        if not totals.coupon_code or totals.coupon_code.lower() != code.strip().lower():
            raise NoSuchEntityError("The coupon code isn't valid. Verify the code and try again.")
        quote["coupon_code"] = totals.coupon_code
        self.quotes.save(quote)
        return True

    def remove(self, ref: CartRef, scope: StoreScope | None = None) -> bool:
        quote = self.quotes.resolve(ref, scope)
        if not quote["items"]:
            raise NoSuchEntityError('The "%1" Cart doesn\'t contain products.', [str(quote["id"])])
        quote["coupon_code"] = None
        self.quotes.save(quote)
        return True
