"""checkout area: carts (guest and customer), totals, shipping, payment, placing orders.

``quick_order`` is the interface the sales seeder calls; its owner replaces the placeholder.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend import Backend


class CheckoutService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    def quick_order(self, *, store_id: int, email: str, lines: list[dict[str, Any]],
                    customer_id: int | None = None, address: dict[str, Any] | None = None,
                    shipping_method: str = "flatrate_flatrate", coupon_code: str | None = None) -> int:
        """Run the REST checkout path (cart, items, shipping, checkmo, place) in one call."""
        raise NotImplementedError
