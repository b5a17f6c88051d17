"""Quote/Model/Cart/CartTotalRepository: a cart's totals, collected in the store the cart sells in.

Every checkout service collects through it, so a quote is always priced in its own store and website.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.checkout.totals import Collector, Totals
    from fake_magento.backend.scope import StoreScope
    from fake_magento.backend.stores import StoreRepository


class CartTotalRepository:
    def __init__(self, stores: StoreRepository, *, quotes: QuoteStore, collector: Collector) -> None:
        self.stores = stores
        self.quotes = quotes
        self.collector = collector

    def scope_of(self, quote: dict[str, Any]) -> StoreScope:
        return self.stores.scope_for_store_id(quote["store_id"])

    def website_of(self, quote: dict[str, Any]) -> int:
        return int(self.stores.store(quote["store_id"])["website_id"])

    def collect(self, quote: dict[str, Any]) -> Totals:
        return self.collector.collect(quote, self.scope_of(quote), self.website_of(quote))

    def get(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        quote = self.quotes.resolve(ref, scope)
        return self.quotes.totals_out(quote, self.collect(quote))
