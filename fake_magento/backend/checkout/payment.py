"""The offline payment methods a cart may use (PaymentMethodManagement::getList's rule) and setting
one on a quote before an order is placed (PaymentMethodManagement::set)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.order import PAYMENT_TITLES
from fake_magento.backend.checkout.quote import PAYMENT_NOT_AVAILABLE, SHIPPING_MISSING
from fake_magento.errors import MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend.checkout.totals import Totals


def payment_methods_for(totals: Totals) -> list[dict[str, str]]:
    """Active offline methods: checkmo; 'free' only for a zero grand total (ZeroTotal check)."""
    if totals.lines and totals.grand_total <= 0.0001:
        return [{"code": "free", "title": PAYMENT_TITLES["free"]}]
    return [{"code": "checkmo", "title": PAYMENT_TITLES["checkmo"]}]


def apply_payment(quote: dict[str, Any], payment: Any, totals: Totals) -> None:
    """PaymentMethodManagement::set, as the placing routes call it (the quote is saved by the caller)."""
    method = payment.get("method") if isinstance(payment, dict) else None
    if not method:
        raise required_field("method")
    if not totals.is_virtual and not (quote.get("shipping_address") or {}).get("country_id"):
        raise MagentoError(SHIPPING_MISSING)
    if method not in {m["code"] for m in payment_methods_for(totals)}:
        raise MagentoError(PAYMENT_NOT_AVAILABLE)
    quote["payment_method"] = method
