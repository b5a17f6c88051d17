"""Quote storage and its REST shapes (Quote/Model/QuoteRepository, QuoteIdMask, Cart/CartTotalRepository).

How a cart is addressed:

* guest routes: the 32-character masked id (quote_id_mask). An unknown mask loads quote id null:
  ``No such entity with cartId = `` with a null value (QuoteRepository::get(null));
* admin routes: the quote id;
* ``mine`` routes: the customer's active quote (Webapi/ParamOverriderCartId), or 404
  ``Current customer does not have an active cart.``.

``GET`` of a cart uses QuoteRepository::get, so a placed (inactive) cart is still readable with
``is_active: false``; every other operation uses getActive and answers 404 for it.
A request with a store code in its URL moves the quote to that store view
(Quote/Plugin/UpdateQuoteStoreId).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fake_magento.backend.directory import quote_region
from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.checkout.totals import Totals
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.scope import StoreScope
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.storage import Database

# the keys of an unset quote address (Quote/Api/Data/AddressInterface getters write null)
EMPTY_ADDRESS = {"region": None, "region_id": None, "region_code": None, "country_id": None, "street": [""],
                 "telephone": None, "postcode": None, "city": None, "firstname": None, "lastname": None,
                 "email": None}
ADDRESS_FIELDS = ("region", "region_id", "region_code", "country_id", "street", "company", "telephone", "fax",
                  "postcode", "city", "firstname", "lastname", "middlename", "prefix", "suffix", "vat_id",
                  "customer_id", "email", "same_as_billing", "customer_address_id", "save_in_address_book")


@dataclass(frozen=True)
class CartRef:
    """How a route names its cart: ``guest`` (masked id), ``admin`` (quote id) or ``mine`` (customer id)."""

    kind: str
    value: Any

    @classmethod
    def guest(cls, masked: Any) -> CartRef:
        return cls("guest", masked)

    @classmethod
    def admin(cls, quote_id: Any) -> CartRef:
        return cls("admin", quote_id)

    @classmethod
    def mine(cls, customer_id: Any) -> CartRef:
        return cls("mine", customer_id)


# messages more than one checkout service gives
SHIPPING_MISSING = "The shipping address is missing. Set the address and try again."
METHOD_MISSING = "The shipping method is missing. Select the shipping method and try again."
PAYMENT_NOT_AVAILABLE = "The requested Payment Method is not available."


def no_such_cart(value: Any) -> NoSuchEntityError:
    # NoSuchEntityException::singleField('cartId', ...) from QuoteRepository::get/getActive
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue", {"fieldName": "cartId",
                                                                                "fieldValue": value})


def normalise_address(address: Any) -> dict[str, Any]:
    """A quote address from a request body: known keys, region as a string, street as a list."""
    data = dict(address) if isinstance(address, dict) else {}
    out = {k: data[k] for k in ADDRESS_FIELDS if k in data and data[k] is not None}
    region = data.get("region")
    if isinstance(region, dict):
        out["region"] = region.get("region")
        out.setdefault("region_id", region.get("region_id"))
        out.setdefault("region_code", region.get("region_code"))
    street = out.get("street")
    if street is not None and not isinstance(street, list):
        out["street"] = [str(street)]
    for key in ("region_id", "customer_id", "customer_address_id", "same_as_billing", "save_in_address_book"):
        if key in out:
            try:
                out[key] = int(out[key])
            except (TypeError, ValueError):
                out.pop(key)
    # AbstractAddress fills the region's name and code from the directory (measured on 2.4.7-p3 carts)
    for key, value in quote_region(out).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


class QuoteStore:
    def __init__(self, db: Database, clock: Clock, *, seeding: SeedState, stores: StoreRepository,
                 customers: CustomerRepository) -> None:
        self.db = db
        self.clock = clock
        self.seeding = seeding
        self.stores = stores
        self.customers = customers

    # -- rows --------------------------------------------------------------------------------
    def create(self, scope: StoreScope, *, customer: dict[str, Any] | None = None) -> dict[str, Any]:
        now = self.clock.stamp()
        store_id = self.store_for(scope)
        with self.db.write() as conn:
            quote_id = self.db.next_id("quote")
            masked = None
            if customer is None:
                masked = hashlib.sha256(f"{self.seeding.seed}:quote:{quote_id}".encode()).hexdigest()[:32]
            doc: dict[str, Any] = {
                "items": [], "customer_is_guest": customer is None, "customer_group_id": 0,
                "address_ids": {"billing": self.db.next_id("quote_address"),
                                "shipping": self.db.next_id("quote_address")},
                "billing_address": None, "shipping_address": None, "shipping_method": None,
                "payment_method": None, "coupon_code": None,
            }
            if customer is not None:
                doc.update({"customer_id": int(customer["id"]), "customer_email": customer.get("email"),
                            "customer_firstname": customer.get("firstname"),
                            "customer_lastname": customer.get("lastname"),
                            "customer_group_id": int(customer.get("group_id") or 0)})
            conn.execute("INSERT INTO quote(entity_id, masked_id, customer_id, store_id, created_at, updated_at, doc)"
                         " VALUES (?,?,?,?,?,?,?)", (quote_id, masked, doc.get("customer_id"), store_id, now, now,
                                                     json.dumps(doc)))
        return self.by_id(quote_id)

    def store_for(self, scope: StoreScope) -> int:
        if scope.is_admin:
            # an admin-scope cart still sells in a store view: the default one
            return int(self.stores.scope_for_code("default").store_id)
        return scope.store_id

    def _row_to_quote(self, row: Any) -> dict[str, Any]:
        doc = json.loads(row["doc"])
        doc.update({"id": int(row["entity_id"]), "masked_id": row["masked_id"], "store_id": int(row["store_id"]),
                    "is_active": bool(row["is_active"]), "created_at": row["created_at"],
                    "updated_at": row["updated_at"], "customer_id": row["customer_id"]})
        return doc

    def by_id(self, quote_id: int) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM quote WHERE entity_id=?", (quote_id,))
        if row is None:
            raise no_such_cart(quote_id)
        return self._row_to_quote(row)

    def resolve(self, ref: CartRef, scope: StoreScope | None = None, *, active: bool = True) -> dict[str, Any]:
        if ref.kind == "guest":
            row = self.db.one("SELECT * FROM quote WHERE masked_id=?", (str(ref.value),))
            if row is None:
                raise no_such_cart(None)
            shown: Any = str(row["entity_id"])
        elif ref.kind == "admin":
            try:
                key = int(ref.value)
            except (TypeError, ValueError):
                raise no_such_cart(ref.value) from None
            row = self.db.one("SELECT * FROM quote WHERE entity_id=?", (key,))
            if row is None:
                raise no_such_cart(key)
            shown = key
        else:
            row = self.db.one("SELECT * FROM quote WHERE customer_id=? AND is_active=1"
                              " ORDER BY updated_at DESC, entity_id DESC", (int(ref.value),))
            if row is None:
                raise NoSuchEntityError("Current customer does not have an active cart.")
            shown = str(row["entity_id"])
        if active and not row["is_active"]:
            raise no_such_cart(shown)
        quote = self._row_to_quote(row)
        if scope is not None and scope.explicit and not scope.is_admin and quote["store_id"] != scope.store_id \
                and quote["is_active"]:
            quote["store_id"] = scope.store_id
        return quote

    def active_for_customer(self, customer_id: int) -> dict[str, Any] | None:
        row = self.db.one("SELECT * FROM quote WHERE customer_id=? AND is_active=1"
                          " ORDER BY updated_at DESC, entity_id DESC", (customer_id,))
        return self._row_to_quote(row) if row else None

    def save(self, quote: dict[str, Any]) -> None:
        stored = {k: v for k, v in quote.items()
                  if k not in ("id", "masked_id", "created_at", "updated_at", "is_active", "store_id", "estimating")}
        with self.db.write() as conn:
            conn.execute("UPDATE quote SET doc=?, store_id=?, customer_id=?, is_active=?, updated_at=?"
                         " WHERE entity_id=?", (json.dumps(stored), quote["store_id"], quote.get("customer_id"),
                                               int(quote.get("is_active", True)), self.clock.stamp(),
                                               quote["id"]))

    # -- shapes ------------------------------------------------------------------------------
    def currency(self, quote: dict[str, Any]) -> dict[str, Any]:
        code = self.stores.store(quote["store_id"])["base_currency_code"]
        return {"global_currency_code": code, "base_currency_code": code, "store_currency_code": code,
                "quote_currency_code": code, "store_to_base_rate": 0, "store_to_quote_rate": 0,
                "base_to_global_rate": 1, "base_to_quote_rate": 1}

    @staticmethod
    def address_out(quote: dict[str, Any], kind: str) -> dict[str, Any]:
        stored = quote.get(f"{kind}_address") or {}
        out: dict[str, Any] = {"id": quote["address_ids"][kind], **EMPTY_ADDRESS}
        out.update({k: v for k, v in stored.items() if k in ADDRESS_FIELDS})
        if quote.get("customer_id"):
            out["customer_id"] = int(quote["customer_id"])
        if out.get("email") is None and quote.get("customer_email"):
            out["email"] = quote["customer_email"]
        out.setdefault("same_as_billing", 1 if kind == "shipping" and not stored else 0)
        out.setdefault("save_in_address_book", 0)
        return out

    @staticmethod
    def item_out(quote: dict[str, Any], line: Any, quote_ref: str, *, discounts: bool = False) -> dict[str, Any]:
        """CartItemInterface for a collected line; ``discounts``: with the item's discounts extension
        attribute, which only the answer of an item save carries (the totals were collected in that
        request; measured on 2.4.7-p3: the cart, its items list and carts/search leave it out)."""
        out: dict[str, Any] = {"item_id": line.stored["item_id"], "sku": line.sku, "qty": line.qty,
                               "name": line.name, "price": line.price, "product_type": line.stored["product_type"],
                               "quote_id": quote_ref}
        if line.stored.get("option"):
            out["product_option"] = line.stored["option"]
        if discounts and line.discounts:
            out["extension_attributes"] = {"discounts": line.discounts}
        return out

    def cart_out(self, quote: dict[str, Any], totals: Totals) -> dict[str, Any]:
        """CartInterface as CartRepository::get writes it."""
        items = [self.item_out(quote, line, str(quote["id"])) for line in totals.lines]
        if quote.get("customer_id"):
            customer: dict[str, Any] = self.customers.get(quote["customer_id"])
        else:
            # a guest cart's customer has no data: the non-nullable getters write null
            customer = {"email": quote.get("customer_email"), "firstname": None, "lastname": None}
        out: dict[str, Any] = {
            "id": quote["id"], "created_at": quote["created_at"], "updated_at": quote["updated_at"],
            "is_active": bool(quote["is_active"]), "is_virtual": totals.is_virtual, "items": items,
            "items_count": len(items), "items_qty": totals.items_qty, "customer": customer,
            "billing_address": self.address_out(quote, "billing"), "orig_order_id": 0,
            "currency": self.currency(quote), "customer_is_guest": bool(quote.get("customer_is_guest")),
            # customer_note is nullable (dropped when unset); PUT /V1/carts/mine can set both
            **({"customer_note": quote["customer_note"]} if quote.get("customer_note") is not None else {}),
            "customer_note_notify": bool(quote.get("customer_note_notify", True)),
            "customer_tax_class_id": 3, "store_id": quote["store_id"],
        }
        if quote.get("reserved_order_id"):
            out["reserved_order_id"] = quote["reserved_order_id"]
        if quote["is_active"] and not totals.is_virtual:
            # QuoteRepository/LoadHandler + ShippingAssignmentProcessor
            out["extension_attributes"] = {"shipping_assignments": [{
                "shipping": {"address": self.address_out(quote, "shipping"), "method": quote.get("shipping_method")},
                "items": items}]}
        return out

    def totals_out(self, quote: dict[str, Any], totals: Totals) -> dict[str, Any]:
        """TotalsInterface as Cart/CartTotalRepository::get writes it."""
        code = self.currency(quote)["base_currency_code"]
        discount = -(totals.discount + totals.shipping_discount)
        subtotal_with_discount = round(totals.subtotal - totals.discount, 2)
        out: dict[str, Any] = {
            "grand_total": totals.grand_total, "base_grand_total": totals.grand_total,
            "subtotal": totals.subtotal, "base_subtotal": totals.subtotal, "discount_amount": discount,
            "base_discount_amount": discount, "subtotal_with_discount": subtotal_with_discount,
            "base_subtotal_with_discount": subtotal_with_discount, "shipping_amount": totals.shipping,
            "base_shipping_amount": totals.shipping, "shipping_discount_amount": totals.shipping_discount,
            "base_shipping_discount_amount": totals.shipping_discount, "tax_amount": 0, "base_tax_amount": 0,
            "weee_tax_applied_amount": None, "shipping_tax_amount": 0, "base_shipping_tax_amount": 0,
            "subtotal_incl_tax": totals.subtotal, "shipping_incl_tax": totals.shipping,
            "base_shipping_incl_tax": totals.shipping, "base_currency_code": code, "quote_currency_code": code,
        }
        if totals.coupon_code:
            out["coupon_code"] = totals.coupon_code
        out["items_qty"] = totals.items_qty
        out["items"] = [{
            "item_id": line.stored["item_id"], "price": line.price, "base_price": line.price, "qty": line.qty,
            "row_total": line.row_total, "base_row_total": line.row_total, "row_total_with_discount": 0,
            "tax_amount": 0, "base_tax_amount": 0, "tax_percent": 0, "discount_amount": line.discount,
            "base_discount_amount": line.discount, "discount_percent": line.discount_percent,
            "price_incl_tax": line.price, "base_price_incl_tax": line.price, "row_total_incl_tax": line.row_total,
            "base_row_total_incl_tax": line.row_total, "options": _options_json(line),
            "weee_tax_applied_amount": None, "weee_tax_applied": None, "name": line.name,
        } for line in totals.lines]
        # sales/totals_sort: subtotal 10, discount 20, shipping 30, tax 40, grand_total 100
        segments: list[dict[str, Any]] = [{"code": "subtotal", "title": "Subtotal", "value": totals.subtotal}]
        if discount:
            title = f"Discount ({totals.discount_description})" if totals.discount_description else "Discount"
            segments.append({"code": "discount", "title": title, "value": discount})
        if totals.shipping or totals.shipping_description:
            # Quote/Model/Quote/Address/Total/Shipping::fetch: only with an amount or a description
            title = "Shipping & Handling" + (f" ({totals.shipping_description})" if totals.shipping_description else "")
            segments.append({"code": "shipping", "title": title, "value": totals.shipping})
        segments.append({"code": "tax", "title": "Tax", "value": 0,
                         "extension_attributes": {"tax_grandtotal_details": []}})
        segments.append({"code": "grand_total", "title": "Grand Total", "value": totals.grand_total,
                         "area": "footer"})
        out["total_segments"] = segments
        return out


def _options_json(line: Any) -> str:
    """TotalsItemInterface::getOptions: the item's option labels as a JSON string."""
    values: list[dict[str, str]] = []
    kind = line.stored["product_type"]
    if kind == "configurable" and line.children:
        child = line.children[0]["product"]
        for option in (line.product.get("extension_attributes") or {}).get("configurable_product_options") or []:
            values.append({"value": str(_attr_value(child, option)), "label": str(option.get("label"))})
    elif kind == "bundle":
        for child in line.children:
            values.append({"value": f"{child['qty']:g} x {child['name']}", "label": str(child.get("option_title"))})
    return json.dumps(values, separators=(",", ":")).replace("/", "\\/")


def _attr_value(child: dict[str, Any], option: dict[str, Any]) -> Any:
    for item in child.get("custom_attributes") or []:
        if str(item.get("attribute_code")) == str(option.get("attribute_code", "")):
            return item.get("value")
    return option.get("label")
