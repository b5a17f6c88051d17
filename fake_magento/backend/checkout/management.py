"""Cart management around the checkout steps: the billing address (Quote BillingAddressManagement),
shipping methods of the saved address (ShippingMethodManagement::getList, estimateByAddressId),
the payment methods (PaymentMethodManagement::getList/get/set), payment information without
placement (Checkout PaymentInformationManagement::savePaymentInformation and its guest twin),
totals (Quote CartTotalManagement::collectTotals, Checkout TotalsInformationManagement::calculate),
customer assignment (QuoteManagement::assignCustomer), and the cart repository's save and getList.

Every method takes the route's ``CartRef`` and works on the same quote document ``QuoteStore``
keeps; totals and rates come from ``CartTotalRepository.collect``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.items import same_request
from fake_magento.backend.checkout.payment import payment_methods_for
from fake_magento.backend.checkout.quote import (
    PAYMENT_NOT_AVAILABLE,
    SHIPPING_MISSING,
    CartRef,
    normalise_address,
)
from fake_magento.errors import InputError, InternalError, MagentoError, NoSuchEntityError, required_field
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import int_value

if TYPE_CHECKING:
    from fake_magento.backend.checkout.cart_items import CartItemRepository
    from fake_magento.backend.checkout.cart_totals import CartTotalRepository
    from fake_magento.backend.checkout.quote import QuoteStore
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.scope import StoreScope
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

# Payment/Model/Info::getMethodInstance with an empty method code
NO_PAYMENT_CODE = "The payment method you requested is not available."
EMPTY_CART_SHIPPING = "The shipping method can't be set for an empty cart. Add an item to cart and try again."

_DOC = "json_extract(doc, '$.{}')"
# Quote ResourceModel collection: the flat quote columns searchCriteria can name
QUOTES = EntitySearch("quote", "entity_id", unknown_field="flat", fields={
    "entity_id": Field("entity_id", "int"), "store_id": Field("store_id", "int"),
    "customer_id": Field("customer_id", "int"), "is_active": Field("is_active", "int"),
    "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date"),
    "customer_email": Field(_DOC.format("customer_email")),
    "customer_firstname": Field(_DOC.format("customer_firstname")),
    "customer_lastname": Field(_DOC.format("customer_lastname")),
    "customer_group_id": Field(_DOC.format("customer_group_id"), "int"),
    "customer_is_guest": Field(f"CAST({_DOC.format('customer_is_guest')} AS INTEGER)", "int"),
    "reserved_order_id": Field(_DOC.format("reserved_order_id")),
    "coupon_code": Field(_DOC.format("coupon_code")),
})


class CartManagement:
    def __init__(self, db: Database, config: Config, *, stores: StoreRepository, customers: CustomerRepository,
                 quotes: QuoteStore, cart_totals: CartTotalRepository, cart_items: CartItemRepository) -> None:
        self.db = db
        self.config = config
        self.stores = stores
        self.customers = customers
        self.quotes = quotes
        self.cart_totals = cart_totals
        self.cart_items = cart_items

    def _load(self, ref: CartRef, scope: StoreScope | None, *, active: bool = True) -> dict[str, Any]:
        return self.quotes.resolve(ref, scope, active=active)

    # -- billing address ---------------------------------------------------------------------
    def billing_address(self, ref: CartRef, scope: StoreScope | None = None) -> dict[str, Any]:
        """BillingAddressManagement::get (getActive)."""
        return self.quotes.address_out(self._load(ref, scope), "billing")

    def _replace_billing(self, quote: dict[str, Any], address: dict[str, Any]) -> None:
        """Quote::removeAddress(billing) + setBillingAddress: a new billing address row (a new id)."""
        billing = normalise_address(address)
        billing.pop("customer_id", None)
        if quote.get("customer_id"):
            billing["customer_id"] = int(quote["customer_id"])
        quote["address_ids"]["billing"] = self.db.next_id("quote_address")
        quote["billing_address"] = billing

    def assign_billing_address(self, ref: CartRef, address: dict[str, Any], use_for_shipping: bool | None = False,
                               scope: StoreScope | None = None) -> int | str:
        """BillingAddressManagement::assign: the new billing address id.

        The id is the new row's lastInsertId, a string; the guest route casts it to int
        (GuestBillingAddressManagement::assign)."""
        data = dict(address) if isinstance(address, dict) else {}
        quote = self._load(ref, scope)
        address_id = data.get("id")
        if address_id is not None and int(address_id) not in {int(v) for v in quote["address_ids"].values()}:
            # QuoteAddressValidator::validateWithExistingAddress
            raise NoSuchEntityError("Invalid quote address id %1", [str(address_id)])
        with self.db.write():
            self._replace_billing(quote, data)
            if use_for_shipping:
                # ShippingAddressAssignment::setAddress: the old shipping address (and its method) goes
                quote["address_ids"]["shipping"] = self.db.next_id("quote_address")
                quote["shipping_address"] = {**quote["billing_address"], "same_as_billing": 1}
                quote["shipping_method"] = None
            elif quote.get("shipping_address"):
                quote["shipping_address"]["same_as_billing"] = 0
            self.quotes.save(quote)
        new_id = int(quote["address_ids"]["billing"])
        return new_id if ref.kind == "guest" else str(new_id)

    # -- shipping methods --------------------------------------------------------------------
    def shipping_methods(self, ref: CartRef, scope: StoreScope | None = None) -> list[dict[str, Any]]:
        """ShippingMethodManagement::getList: the rates of the saved shipping address."""
        quote = self._load(ref, scope)
        totals = self.cart_totals.collect(quote)
        if totals.is_virtual or not quote["items"]:
            return []
        if not (quote.get("shipping_address") or {}).get("country_id"):
            raise MagentoError(SHIPPING_MISSING)  # StateException
        return totals.rates

    def estimate_by_address_id(self, ref: CartRef, address_id: int | None,
                               scope: StoreScope | None = None) -> list[dict[str, Any]]:
        """ShippingMethodManagement::estimateByAddressId: rates for one of the customer's addresses
        (nothing saved); a guest cart's customer has no addresses."""
        if address_id is None:
            raise required_field("addressId")
        wanted = int(address_id)
        quote = self._load(ref, scope)
        if self.cart_totals.collect(quote).is_virtual or not quote["items"]:
            return []
        addresses = self.customers.get(quote["customer_id"]).get("addresses") or [] \
            if quote.get("customer_id") else []
        chosen = next((a for a in addresses if int(a.get("id") or 0) == wanted), None)
        if chosen is None:
            raise InputError(SHIPPING_MISSING)
        quote["shipping_address"] = {**(quote.get("shipping_address") or {}),
                                     **normalise_address({**chosen, "customer_address_id": chosen.get("id")})}
        quote["estimating"] = True
        return self.cart_totals.collect(quote).rates

    def _set_shipping_method(self, quote: dict[str, Any], carrier: Any, method: Any) -> None:
        """ShippingMethodManagement::set/apply (the quote is saved by the caller)."""
        totals = self.cart_totals.collect(quote)
        if not quote["items"]:
            raise InputError(EMPTY_CART_SHIPPING)
        if totals.is_virtual:
            raise NoSuchEntityError("The Cart includes virtual product(s) only, so a shipping address is not used.")
        if not (quote.get("shipping_address") or {}).get("country_id"):
            raise MagentoError(SHIPPING_MISSING)  # StateException
        code = f"{carrier}_{method}"
        # Quote Address::collectShippingRates: a method without a rate is cleared on collection
        known = any(f"{r['carrier_code']}_{r['method_code']}" == code for r in totals.rates)
        quote["shipping_method"] = code if known else ""

    # -- payment -----------------------------------------------------------------------------
    def payment_methods(self, ref: CartRef, scope: StoreScope | None = None) -> list[dict[str, str]]:
        """PaymentMethodManagement::getList."""
        quote = self._load(ref, scope)
        return payment_methods_for(self.cart_totals.collect(quote))

    def selected_payment_method(self, ref: CartRef, scope: StoreScope | None = None) -> Any:
        """PaymentMethodManagement::get (QuoteRepository::get: a placed cart too). No payment row
        is null, which the REST output writes as [] (ServiceOutputProcessor::convertValue)."""
        quote = self._load(ref, scope, active=False)
        if not quote.get("payment_method"):
            return []
        out: dict[str, Any] = {}
        if quote.get("payment_po_number") is not None:
            out["po_number"] = quote["payment_po_number"]
        out["method"] = quote["payment_method"]
        if quote.get("payment_additional_data") is not None:
            out["additional_data"] = quote["payment_additional_data"]
        return out

    def _set_payment(self, quote: dict[str, Any], payment: Any) -> int:
        """PaymentMethodManagement::set on a loaded quote: the payment row's id (saved by the caller)."""
        data = dict(payment) if isinstance(payment, dict) else {}
        totals = self.cart_totals.collect(quote)
        if not totals.is_virtual and not (quote.get("shipping_address") or {}).get("country_id"):
            raise MagentoError(SHIPPING_MISSING)  # InvalidTransitionException
        code = data.get("method")
        if not code:
            raise MagentoError(NO_PAYMENT_CODE)
        # Quote Payment::importData: an unknown code is the inactive Substitution method
        if code not in {m["code"] for m in payment_methods_for(totals)}:
            raise MagentoError(PAYMENT_NOT_AVAILABLE)
        quote["payment_method"] = code
        if data.get("po_number") is not None:
            quote["payment_po_number"] = data["po_number"]
        extra = data.get("additional_data")
        if isinstance(extra, list):
            quote["payment_additional_data"] = list(extra)
        if not quote.get("payment_id"):
            quote["payment_id"] = self.db.next_id("quote_payment")
        return int(quote["payment_id"])

    def set_payment_method(self, ref: CartRef, payment: Any, scope: StoreScope | None = None) -> str:
        """PaymentMethodManagement::set: the payment id as the database gives it (a string).
        QuoteRepository::get, so a placed cart's payment can still be changed."""
        quote = self._load(ref, scope, active=False)
        with self.db.write():
            payment_id = self._set_payment(quote, payment)
            self.quotes.save(quote)
        return str(payment_id)

    def save_payment_information(self, ref: CartRef, payment: Any, billing: Any = None, email: Any = None,
                                 scope: StoreScope | None = None) -> bool:
        """(Guest)PaymentInformationManagement::savePaymentInformation: billing and payment, no order."""
        if ref.kind == "guest" and email is None:
            raise required_field("email")
        quote = self._load(ref, scope)
        with self.db.write():
            if isinstance(billing, dict):
                self._replace_billing(quote, {**billing, "email": email} if ref.kind == "guest" else billing)
            elif ref.kind == "guest":
                quote["billing_address"] = {**(quote.get("billing_address") or {}), "email": email}
            if ref.kind == "guest" and not self.cart_totals.collect(quote).items_qty:
                raise MagentoError("Some of the products are disabled.")  # CouldNotSaveException
            self._set_payment(quote, payment)
            self.quotes.save(quote)
        return True

    # -- totals ------------------------------------------------------------------------------
    def collect_totals(self, ref: CartRef, payment: Any, carrier: Any = None, method: Any = None,
                       scope: StoreScope | None = None) -> dict[str, Any]:
        """CartTotalManagement::collectTotals: shipping method (when both codes), payment, totals.

        Magento saves the shipping method before setting the payment, so a refused payment keeps
        the new method (two repository saves, no transaction around them)."""
        if carrier and method:
            quote = self._load(ref, scope)
            with self.db.write():
                self._set_shipping_method(quote, carrier, method)
                self.quotes.save(quote)
        self.set_payment_method(ref, payment, scope)
        return self.cart_totals.get(ref, scope)

    def totals_information(self, ref: CartRef, information: Any, scope: StoreScope | None = None) -> dict[str, Any]:
        """Checkout TotalsInformationManagement::calculate: totals for an address and method, unsaved."""
        info = dict(information) if isinstance(information, dict) else {}
        quote = self._load(ref, scope, active=False)
        if not quote["items"]:
            raise MagentoError("Totals calculation is not applicable to empty cart")
        address = info.get("address")
        if not isinstance(address, dict):
            # Quote::setShippingAddress(null) calls getData() on null: a PHP Error, masked
            raise InternalError("TotalsInformationManagement::calculate without an address")
        totals = self.cart_totals.collect(quote)
        kind = "billing" if totals.is_virtual else "shipping"
        quote[f"{kind}_address"] = {**(quote.get(f"{kind}_address") or {}), **normalise_address(address)}
        carrier, method = info.get("shipping_carrier_code"), info.get("shipping_method_code")
        if kind == "shipping" and carrier and method:
            quote["shipping_method"] = f"{carrier}_{method}"
        quote["estimating"] = True
        # CartTotalRepository::get uses getActive
        if not quote["is_active"]:
            self._load(ref, scope)
        return self.quotes.totals_out(quote, self.cart_totals.collect(quote))

    # -- customers ---------------------------------------------------------------------------
    def assign_customer(self, ref: CartRef, customer_id: Any, store_id: Any, scope: StoreScope | None = None,
                        *, acting_customer: int | None = None) -> bool:
        """QuoteManagement::assignCustomer (and the guest route's Authorization plugin)."""
        missing = InputError()
        for name, value in (("customerId", customer_id), ("storeId", store_id)):
            if value is None:
                missing.add('"%fieldName" is required. Enter and try again.', {"fieldName": name})
        if missing:
            raise missing
        customer_key, store_key = int_value(customer_id), int_value(store_id)
        if acting_customer is not None and customer_key != int(acting_customer):
            # Quote/Model/GuestCartManagement/Plugin/Authorization::beforeAssignCustomer
            raise MagentoError("You don't have the correct permissions to assign the customer to the cart.")
        quote = self._load(ref, scope)
        customer = self.customers.get(customer_key)
        shared = self.stores.store_ids_of_website(int(customer.get("website_id") or 0))
        if store_key not in shared:
            # Customer::getSharedStoreIds (account sharing per website); the quote's store is not compared
            raise MagentoError("The customer can't be assigned to the cart. The cart belongs to a different store.")
        if quote.get("customer_id"):
            raise MagentoError("The customer can't be assigned to the cart because the cart isn't anonymous.")
        with self.db.write() as conn:
            other = self.quotes.active_for_customer(customer_key)
            if other is not None and other["id"] != quote["id"]:
                self._merge(quote, other)
                other["is_active"] = False
                self.quotes.save(other)
            quote.update({"customer_id": customer_key, "customer_email": customer.get("email"),
                          "customer_firstname": customer.get("firstname"),
                          "customer_lastname": customer.get("lastname"),
                          "customer_group_id": int(customer.get("group_id") or 0),
                          "customer_is_guest": False, "is_active": True})
            self.quotes.save(quote)
            # the quote_id_mask row is deleted: the masked id no longer finds the cart
            conn.execute("UPDATE quote SET masked_id=NULL WHERE entity_id=?", (quote["id"],))
        return True

    def _merge(self, quote: dict[str, Any], source: dict[str, Any]) -> None:
        """Quote::merge: same product and options add up; other lines are copied with new ids."""
        for line in source["items"]:
            mine = next((i for i in quote["items"] if same_request(i, line)), None)
            if mine is not None:
                mine["qty"] = mine["qty"] + line["qty"]
                continue
            copy = {**line, "item_id": self.db.next_id("quote_item"),
                    "children": [{**c, "item_id": self.db.next_id("quote_item")} for c in line["children"]]}
            quote["items"].append(copy)
        if source.get("coupon_code"):
            quote["coupon_code"] = source["coupon_code"]

    # -- the repository ----------------------------------------------------------------------
    def cart_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        """CartRepository::getList: every quote (active or not) through the search engine."""
        ids, total = run_search(self.db, QUOTES, criteria, config=self.config)
        carts = []
        for quote_id in ids:
            quote = self.quotes.by_id(int(quote_id))
            carts.append(self.quotes.cart_out(quote, self.cart_totals.collect(quote)))
        return search_result(carts, criteria, total)

    def save_cart(self, ref: CartRef, cart: Any, scope: StoreScope | None = None, *,
                  acting_customer: int | None = None) -> list[Any]:
        """CartRepository::save for ``PUT /V1/carts/mine`` (quote.id forced to the customer's cart).

        Kept: billing_address, items (CartItemPersister, as the items routes), customer_note(_notify),
        reserved_order_id, and the shipping assignment's address and method. Returns [] (void)."""
        if not isinstance(cart, dict):
            raise required_field("quote")
        quote = self._load(ref, scope)
        customer = cart.get("customer") if isinstance(cart.get("customer"), dict) else {}
        if acting_customer is not None:
            given = customer.get("id")
            # QuoteRepository/Plugin/AccessChangeQuoteControl with ChangeQuoteControl::isAllowed: the
            # quote built from the request has no customer id unless the body names one
            if given is None or str(given) != str(acting_customer):
                raise MagentoError("Invalid state change requested")
        for item in cart.get("items") or []:
            if isinstance(item, dict):
                self.cart_items.save(ref, item, scope, item_id=item.get("item_id"))
        quote = self._load(ref, scope)
        with self.db.write():
            for key in ("customer_note", "reserved_order_id"):
                if key in cart:
                    quote[key] = cart[key]
            if "customer_note_notify" in cart:
                quote["customer_note_notify"] = bool(cart["customer_note_notify"])
            for key in ("email", "firstname", "lastname"):
                if customer.get(key) is not None:
                    quote[f"customer_{key}"] = customer[key]
            if isinstance(cart.get("billing_address"), dict):
                quote["billing_address"] = {**(quote.get("billing_address") or {}),
                                            **normalise_address(cart["billing_address"])}
            assignments = (cart.get("extension_attributes") or {}).get("shipping_assignments") \
                if isinstance(cart.get("extension_attributes"), dict) else None
            if isinstance(assignments, list) and assignments and isinstance(assignments[0], dict):
                shipping = assignments[0].get("shipping") or {}
                if isinstance(shipping.get("address"), dict):
                    quote["shipping_address"] = {**(quote.get("shipping_address") or {}),
                                                 **normalise_address(shipping["address"])}
                if shipping.get("method"):
                    quote["shipping_method"] = shipping["method"]
            self.quotes.save(quote)
        return []
