"""Quote/Model/Quote/Item/Repository (CartItemRepository): a cart's items listed, added or changed
(through CartItemPersister, with the stock check), and removed."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.items import (
    NOT_AVAILABLE,
    QTY_NOT_AVAILABLE,
    item_not_in_cart,
    same_request,
)
from fake_magento.errors import InputError, MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.items import ItemBuilder
    from fake_magento.backend.checkout.quote import CartRef, QuoteStore
    from fake_magento.backend.inventory import InventoryService
    from fake_magento.backend.scope import StoreScope
    from fake_magento.storage import Database


class CartItemRepository:
    def __init__(self, db: Database, *, quotes: QuoteStore, cart_totals: CartTotalRepository,
                 item_builder: ItemBuilder, inventory: InventoryService) -> None:
        self.db = db
        self.quotes = quotes
        self.cart_totals = cart_totals
        self.item_builder = item_builder
        self.inventory = inventory

    @staticmethod
    def _ref_text(ref: CartRef, quote: dict[str, Any]) -> str:
        """The cart id the item messages name (the real quote id, as the repositories see it)."""
        return str(quote["id"])

    def get_list(self, ref: CartRef, scope: StoreScope | None = None) -> list[dict[str, Any]]:
        quote = self.quotes.resolve(ref, scope)
        shown = str(ref.value) if ref.kind == "guest" else str(quote["id"])
        return [self.quotes.item_out(quote, line, shown) for line in self.cart_totals.collect(quote).lines]

    def save(self, ref: CartRef, item: Any, scope: StoreScope | None = None,
             item_id: Any = None) -> dict[str, Any]:
        """CartItemRepository::save through CartItemPersister: add a product, or change an item's qty."""
        data = dict(item) if isinstance(item, dict) else {}
        if item_id is not None:
            data["item_id"] = item_id
        quote = self.quotes.resolve(ref, scope)
        qty = data.get("qty")
        try:
            qty_number = float(qty) if qty is not None and not isinstance(qty, (bool, dict, list)) else None
        except ValueError:
            qty_number = None
        if qty_number is None or qty_number <= 0:
            raise InputError('Invalid value of "%value" provided for the %fieldName field.',
                             {"fieldName": "qty", "value": qty})
        cart_text = self._ref_text(ref, quote)
        item_scope = self.cart_totals.scope_of(quote)
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
        totals = self.cart_totals.collect(quote)
        collected = next(c for c in totals.lines if c.stored["item_id"] == line["item_id"])
        return self.quotes.item_out(quote, collected, str(quote["id"]), discounts=True)

    def _check_stock(self, quote: dict[str, Any], line: dict[str, Any], qty: float, *,
                     exclude: dict[str, Any] | None = None) -> None:
        """InventorySales IsProductSalableForRequestedQty for every simple the line sells."""
        website_id = self.cart_totals.website_of(quote)
        wanted: dict[str, float] = {}
        for other in quote["items"]:
            if other is exclude:
                continue
            for sku, amount in stock_lines(other, other["qty"]):
                wanted[sku] = wanted.get(sku, 0) + amount
        for sku, amount in stock_lines(line, qty):
            total = wanted.get(sku, 0) + amount
            if not self.inventory.is_salable(sku, 0, website_id):
                raise MagentoError(NOT_AVAILABLE)
            if not self.inventory.is_salable(sku, total, website_id):
                raise MagentoError(QTY_NOT_AVAILABLE)

    def delete_by_id(self, ref: CartRef, item_id: Any, scope: StoreScope | None = None) -> bool:
        quote = self.quotes.resolve(ref, scope)
        line = next((i for i in quote["items"] if str(i["item_id"]) == str(item_id)), None)
        if line is None:
            raise item_not_in_cart(self._ref_text(ref, quote), item_id)
        quote["items"].remove(line)
        self.quotes.save(quote)
        return True


def stock_lines(line: dict[str, Any], qty: float) -> list[tuple[str, float]]:
    """The simples a cart line sells, with their quantities for ``qty`` of the line."""
    if line["children"]:
        return [(c["sku"], c["qty"] * qty) for c in line["children"]]
    return [(line["sku"], qty)]
