"""REST checkout for guests and customers (Quote/Model/GuestCart/*, QuoteManagement,
Checkout/Model/GuestPaymentInformationManagement and PaymentInformationManagement).

A cart holds simple and virtual lines; shipping is flat rate (5.00 per item, carriers/flatrate
type I) or free shipping; payment is checkmo; placing the order converts the quote into an order
through ``SalesService.place_order`` and reserves stock. Coupons and cart price rules
and configurable/bundle lines are not modelled yet.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError, required_field
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.backend.scope import StoreScope

FLAT_RATE = 5.0
METHODS = {("flatrate", "flatrate"): ("Flat Rate", "Fixed"), ("freeshipping", "freeshipping"): ("Free Shipping",
                                                                                               "Free")}
PAYMENT_METHODS = [{"code": "checkmo", "title": "Check / Money order"}]


def no_such_cart(cart_id: Any) -> NoSuchEntityError:
    # QuoteIdMaskFactory/CartRepository: NoSuchEntityException::singleField('cartId', ...)
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                             {"fieldName": "cartId", "fieldValue": str(cart_id)})


class CheckoutService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    # -- carts -------------------------------------------------------------------------------
    def create_guest_cart(self, scope: StoreScope) -> str:
        now = self.backend.clock.stamp()
        with self.db.write() as conn:
            quote_id = self.db.next_id("quote")
            masked = hashlib.sha256(f"{self.backend.config.seed}:quote:{quote_id}".encode()).hexdigest()[:32]
            doc = {"items": [], "store_id": scope.store_id}
            conn.execute("INSERT INTO quote(entity_id, masked_id, store_id, created_at, updated_at, doc)"
                         " VALUES (?,?,?,?,?,?)", (quote_id, masked, scope.store_id, now, now, json.dumps(doc)))
        return masked

    def customer_cart(self, customer_id: int, scope: StoreScope, *, create: bool = False) -> str:
        """The customer's active quote (QuoteManagement::createEmptyCartForCustomer reuses it)."""
        row = self.db.one("SELECT masked_id FROM quote WHERE customer_id=? AND is_active=1", (customer_id,))
        if row is not None:
            return str(row[0])
        if not create:
            # CartManagement::getCartForCustomer
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "customerId", "fieldValue": str(customer_id)})
        masked = self.create_guest_cart(scope)
        with self.db.write() as conn:
            conn.execute("UPDATE quote SET customer_id=? WHERE masked_id=?", (customer_id, masked))
        return masked

    def quote_id(self, masked: str) -> int:
        return int(self._load(masked)["id"])

    def _load(self, masked: str) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM quote WHERE masked_id=? AND is_active=1", (masked,))
        if row is None:
            raise no_such_cart(masked)
        doc = json.loads(row["doc"])
        doc.update({"id": row["entity_id"], "masked_id": masked, "created_at": row["created_at"],
                    "updated_at": row["updated_at"], "store_id": row["store_id"],
                    "customer_id": row["customer_id"]})
        return doc

    def _save(self, cart: dict[str, Any]) -> None:
        stored = {k: v for k, v in cart.items()
                  if k not in ("id", "masked_id", "created_at", "updated_at", "customer_id")}
        with self.db.write() as conn:
            conn.execute("UPDATE quote SET doc=?, updated_at=? WHERE entity_id=?",
                         (json.dumps(stored), self.backend.clock.stamp(), cart["id"]))

    def get_cart(self, masked: str) -> dict[str, Any]:
        cart = self._load(masked)
        items = cart["items"]
        out: dict[str, Any] = {
            "id": cart["id"], "created_at": cart["created_at"], "updated_at": cart["updated_at"], "is_active": True,
            "is_virtual": self._is_virtual(cart), "items": items, "items_count": len(items),
            "items_qty": sum(i["qty"] for i in items),
            # a guest cart's customer has no data: the non-nullable getters write null
            "customer": self._cart_customer(cart),
            "billing_address": cart.get("billing_address") or {"id": 0, "region": None, "region_id": None,
                                                               "region_code": None, "country_id": None,
                                                               "street": [""], "telephone": None, "postcode": None,
                                                               "city": None, "firstname": None, "lastname": None,
                                                               "email": None},
            "orig_order_id": 0, "currency": self._currency(cart), "customer_is_guest": not cart.get("customer_id"),
            "customer_note_notify": True, "customer_tax_class_id": 3, "store_id": cart["store_id"],
        }
        return out

    def _cart_customer(self, cart: dict[str, Any]) -> dict[str, Any]:
        if cart.get("customer_id"):
            return self.backend.customers.get(cart["customer_id"])
        return {"email": cart.get("email"), "firstname": None, "lastname": None}

    def _currency(self, cart: dict[str, Any]) -> dict[str, Any]:
        code = self.backend.stores.store(cart["store_id"])["base_currency_code"]
        return {"global_currency_code": code, "base_currency_code": code, "store_currency_code": code,
                "quote_currency_code": code, "store_to_base_rate": 0, "store_to_quote_rate": 0,
                "base_to_global_rate": 1, "base_to_quote_rate": 1}

    @staticmethod
    def _is_virtual(cart: dict[str, Any]) -> bool:
        return bool(cart["items"]) and all(i["product_type"] == "virtual" for i in cart["items"])

    # -- items -------------------------------------------------------------------------------
    def add_item(self, masked: str, item: Any) -> dict[str, Any]:
        cart = self._load(masked)
        data = dict(item) if isinstance(item, dict) else {}
        sku = typed_value("sku", data.get("sku"), "string")
        qty = float(typed_value("qty", data.get("qty", 1), "float") or 1)
        if not sku:
            raise required_field("sku")
        scope = self.backend.stores.scope_for_store_id(cart["store_id"])
        product = self.backend.catalog.get_product(sku, scope)
        if product["type_id"] not in ("simple", "virtual"):
            raise MagentoError("Product that you are trying to add is not available.")
        existing = next((i for i in cart["items"] if i["sku"] == product["sku"]), None)
        total = qty + (existing["qty"] if existing else 0)
        if product.get("status") != 1:
            raise MagentoError("Product that you are trying to add is not available.")
        if not self.backend.inventory.is_salable(product["sku"], total, scope.website_id):
            raise MagentoError("The requested qty is not available")
        if existing:
            existing["qty"] = total
            line = existing
        else:
            line = {"item_id": self.db.next_id("quote_item"), "sku": product["sku"], "qty": qty,
                    "name": product.get("name"), "price": float(product.get("price", 0)),
                    "product_type": product["type_id"], "quote_id": masked}
            cart["items"].append(line)
        self._save(cart)
        return line

    def items(self, masked: str) -> list[dict[str, Any]]:
        return list(self._load(masked)["items"])

    # -- shipping and totals -----------------------------------------------------------------
    def _shipping_methods(self, cart: dict[str, Any]) -> list[dict[str, Any]]:
        if self._is_virtual(cart) or not cart["items"]:
            return []
        qty = sum(i["qty"] for i in cart["items"] if i["product_type"] != "virtual")
        amount = FLAT_RATE * qty
        return [{"carrier_code": "flatrate", "method_code": "flatrate", "carrier_title": "Flat Rate",
                 "method_title": "Fixed", "amount": amount, "base_amount": amount, "available": True,
                 "error_message": "", "price_excl_tax": amount, "price_incl_tax": amount}]

    def estimate_shipping(self, masked: str, address: Any) -> list[dict[str, Any]]:
        return self._shipping_methods(self._load(masked))

    def set_shipping_information(self, masked: str, information: Any) -> dict[str, Any]:
        """ShippingInformationManagement::saveAddressInformation."""
        cart = self._load(masked)
        info = dict(information) if isinstance(information, dict) else {}
        address = info.get("shipping_address")
        if not cart["items"]:
            raise InputError("The shipping method can't be set for an empty cart. Add an item to cart and try again.")
        if not isinstance(address, dict) or not address.get("country_id"):
            raise InputError("The shipping address is missing. Set the address and try again.")
        carrier, method = info.get("shipping_carrier_code"), info.get("shipping_method_code")
        if not carrier or not method:
            raise InputError("The shipping method is missing. Select the shipping method and try again.")
        if not any(m["carrier_code"] == carrier and m["method_code"] == method
                   for m in self._shipping_methods(cart)):
            raise NoSuchEntityError("Carrier with such method not found: %1, %2", [carrier, method])
        cart["shipping_address"] = address
        cart["billing_address"] = info.get("billing_address") or address
        cart["shipping_method"] = f"{carrier}_{method}"
        if address.get("email"):
            cart["email"] = address["email"]
        self._save(cart)
        return {"payment_methods": PAYMENT_METHODS, "totals": self._totals(cart)}

    def payment_methods(self, masked: str) -> list[dict[str, str]]:
        self._load(masked)
        return PAYMENT_METHODS

    def totals(self, masked: str) -> dict[str, Any]:
        return self._totals(self._load(masked))

    def _totals(self, cart: dict[str, Any]) -> dict[str, Any]:
        subtotal = round(sum(i["price"] * i["qty"] for i in cart["items"]), 4)
        shipping = self._shipping_methods(cart)[0]["amount"] if cart.get("shipping_method") and \
            self._shipping_methods(cart) else 0.0
        grand = round(subtotal + shipping, 4)
        code = self._currency(cart)["base_currency_code"]
        return {"grand_total": grand, "base_grand_total": grand, "subtotal": subtotal, "base_subtotal": subtotal,
                "discount_amount": 0, "base_discount_amount": 0, "subtotal_with_discount": subtotal,
                "base_subtotal_with_discount": subtotal, "shipping_amount": shipping, "base_shipping_amount": shipping,
                "shipping_discount_amount": 0, "base_shipping_discount_amount": 0, "tax_amount": 0,
                "base_tax_amount": 0, "weee_tax_applied_amount": None, "shipping_tax_amount": 0,
                "base_shipping_tax_amount": 0, "subtotal_incl_tax": subtotal, "shipping_incl_tax": shipping,
                "base_shipping_incl_tax": shipping, "base_currency_code": code, "quote_currency_code": code,
                "items_qty": sum(i["qty"] for i in cart["items"]),
                "items": [{"item_id": i["item_id"], "price": i["price"], "base_price": i["price"], "qty": i["qty"],
                           "row_total": round(i["price"] * i["qty"], 4),
                           "base_row_total": round(i["price"] * i["qty"], 4), "row_total_with_discount": 0,
                           "tax_amount": 0, "base_tax_amount": 0, "tax_percent": 0, "discount_amount": 0,
                           "base_discount_amount": 0, "discount_percent": 0, "price_incl_tax": i["price"],
                           "base_price_incl_tax": i["price"], "row_total_incl_tax": round(i["price"] * i["qty"], 4),
                           "base_row_total_incl_tax": round(i["price"] * i["qty"], 4), "options": "[]",
                           "weee_tax_applied_amount": None, "weee_tax_applied": None, "name": i["name"]}
                          for i in cart["items"]],
                "total_segments": [{"code": "subtotal", "title": "Subtotal", "value": subtotal},
                                   {"code": "shipping", "title": "Shipping & Handling", "value": shipping},
                                   {"code": "tax", "title": "Tax", "value": 0},
                                   {"code": "grand_total", "title": "Grand Total", "value": grand, "area": "footer"}]}

    # -- placing the order -------------------------------------------------------------------
    def place_guest_order(self, masked: str, email: Any, payment: Any, billing: Any = None) -> str:
        """GuestPaymentInformationManagement::savePaymentInformationAndPlaceOrder."""
        from fake_magento.backend.sales.builder import order_from_lines

        cart = self._load(masked)
        method = (payment or {}).get("method") if isinstance(payment, dict) else None
        if method != "checkmo":
            raise MagentoError("The requested Payment Method is not available.")
        customer = self.backend.customers.get(cart["customer_id"]) if cart.get("customer_id") else None
        email = customer["email"] if customer else typed_value("email", email, "string")
        if not email:
            raise required_field("email")
        if not cart["items"]:
            raise InputError("A server error stopped your order from being placed. Please try to place your order "
                             "again.")
        virtual = self._is_virtual(cart)
        if not virtual and not cart.get("shipping_method"):
            raise InputError("The shipping method is missing. Select the shipping method and try again.")
        address = dict(billing) if isinstance(billing, dict) and billing.get("country_id") else (
            cart.get("billing_address") or cart.get("shipping_address"))
        if not isinstance(address, dict):
            raise InputError("Please check the billing address information.")
        website_id = self.backend.stores.store(cart["store_id"])["website_id"]
        with self.db.write() as conn:
            lines = [(i["sku"], i["qty"]) for i in cart["items"]]
            for sku, qty in lines:
                if not self.backend.inventory.is_salable(sku, qty, website_id):
                    raise MagentoError("The requested qty is not available")
            order = order_from_lines(self.backend, store_id=cart["store_id"], lines=lines, email=str(email),
                                     address=_order_address(address), customer=customer)
            if not virtual:
                order["shipping"]["address"] = {**_order_address(cart["shipping_address"]), "email": str(email)}
            order["quote_id"] = cart["id"]
            order_id = self.backend.sales.place_order(order)
            for sku, qty in lines:
                self.backend.inventory.deduct(sku, qty, website_id, order_id=order_id)
            conn.execute("UPDATE quote SET is_active=0, updated_at=? WHERE entity_id=?",
                         (self.backend.clock.stamp(), cart["id"]))
        # QuoteManagement::placeOrder returns $order->getId(): PDO's string
        return str(order_id)

    def quick_order(self, *, store_id: int, email: str, lines: list[dict[str, Any]],
                    customer_id: int | None = None, address: dict[str, Any] | None = None,
                    shipping_method: str = "flatrate_flatrate", coupon_code: str | None = None) -> int:
        """The REST checkout path in one call: a customer cart when ``customer_id`` is given."""
        scope = self.backend.stores.scope_for_store_id(store_id)
        masked = (self.customer_cart(customer_id, scope, create=True) if customer_id
                  else self.create_guest_cart(scope))
        for line in lines:
            self.add_item(masked, {"sku": line["sku"], "qty": line.get("qty", 1)})
        carrier, _, method = shipping_method.partition("_")
        if address and not self._is_virtual(self._load(masked)):
            self.set_shipping_information(masked, {"shipping_address": address, "shipping_carrier_code": carrier,
                                                   "shipping_method_code": method})
        return int(self.place_guest_order(masked, email, {"method": "checkmo"}, address))


def _order_address(address: dict[str, Any]) -> dict[str, Any]:
    region = address.get("region")
    region_name = region.get("region") if isinstance(region, dict) else region
    return {"city": address.get("city"), "country_id": address.get("country_id"),
            "firstname": address.get("firstname"), "lastname": address.get("lastname"),
            "postcode": address.get("postcode"), "region": region_name, "region_code": address.get("region_code"),
            "region_id": address.get("region_id"), "street": address.get("street") or [],
            "telephone": address.get("telephone")}
