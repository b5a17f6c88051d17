"""Billing address, shipping methods, selected payment method, payment information without an order,
collect-totals and totals-information, for guest, mine and admin carts (Quote/Checkout webapi.xml)."""
from __future__ import annotations

import pytest

from tests.support.checkout import ADDRESS, new_guest_cart, price_of, salable_simple, ship

SHIPPING_MISSING = {"message": "The shipping address is missing. Set the address and try again."}
NOT_AVAILABLE = {"message": "The requested Payment Method is not available."}
CHECKMO = {"method": "checkmo"}


def virtual_sku(shop):
    row = shop.backend.db.one("SELECT sku FROM catalog_product_entity WHERE type_id='virtual' ORDER BY entity_id")
    return row["sku"]


def my_cart(shop, customer, *lines):
    cart_id = customer.post("/carts/mine").get_json()
    for sku, qty in lines:
        assert customer.post("/carts/mine/items", {"cartItem": {"sku": sku, "qty": qty}}).status_code == 200
    return cart_id


# -- billing address -----------------------------------------------------------------------
def test_guest_billing_address_assign_and_get(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    base = f"/guest-carts/{cart_id}"
    empty = guest.get(f"{base}/billing-address").get_json()
    assert (empty["country_id"], empty["street"], empty["firstname"]) == (None, [""], None)
    new_id = guest.post(f"{base}/billing-address", {"address": ADDRESS}).get_json()
    # GuestBillingAddressManagement::assign casts the new row's id to int; a new row replaces the old
    assert isinstance(new_id, int) and new_id != empty["id"]
    billing = guest.get(f"{base}/billing-address").get_json()
    assert (billing["id"], billing["city"], billing["region_code"], billing["street"]) == (
        new_id, "Austin", "TX", ["1 Main St"])
    # without useForShipping the shipping address stays unset
    assert guest.get(f"{base}/shipping-methods").get_json() == SHIPPING_MISSING


def test_billing_address_used_for_shipping(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 2))
    base = f"/guest-carts/{cart_id}"
    guest.post(f"{base}/billing-address", {"address": ADDRESS, "useForShipping": True})
    shipping = guest.get(base).get_json()["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert (shipping["address"]["city"], shipping["address"]["same_as_billing"], shipping["method"]) == (
        "Austin", 1, None)
    rates = guest.get(f"{base}/shipping-methods").get_json()
    assert [(r["carrier_code"], r["method_code"], r["amount"]) for r in rates][0] == ("flatrate", "flatrate", 10)


def test_mine_and_admin_billing_address_answer_a_string_id(shop, customer):
    sku = salable_simple(shop)
    my_cart(shop, customer, (sku, 1))
    mine = customer.post("/carts/mine/billing-address", {"address": ADDRESS})
    assert mine.status_code == 200 and isinstance(mine.get_json(), str) and mine.get_json().isdigit()
    billing = customer.get("/carts/mine/billing-address").get_json()
    assert (str(billing["id"]), billing["customer_id"], billing["firstname"]) == (mine.get_json(), 1, "Gus")
    cart_id = shop.post("/carts/").get_json()
    admin = shop.post(f"/carts/{cart_id}/billing-address", {"address": {**ADDRESS, "city": "Dallas"}})
    assert isinstance(admin.get_json(), str)
    assert shop.get(f"/carts/{cart_id}/billing-address").get_json()["city"] == "Dallas"


def test_billing_address_errors(shop, guest):
    cart_id = new_guest_cart(guest)
    foreign = guest.post(f"/guest-carts/{cart_id}/billing-address", {"address": {**ADDRESS, "id": 999999}})
    assert (foreign.status_code, foreign.get_json()) == (404, {"message": "Invalid quote address id %1",
                                                               "parameters": ["999999"]})
    missing = guest.post(f"/guest-carts/{cart_id}/billing-address", {"useForShipping": True})
    assert (missing.status_code, missing.get_json()) == (400, {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "address"}})
    unknown = guest.get("/guest-carts/nope/billing-address")
    assert (unknown.status_code, unknown.get_json()["parameters"]) == (404, {"fieldName": "cartId",
                                                                             "fieldValue": None})


def test_billing_address_acl(shop, guest):
    cart_id = shop.post("/carts/").get_json()
    assert guest.get(f"/carts/{cart_id}/billing-address").status_code == 401
    assert guest.get("/carts/mine/billing-address").status_code == 401
    assert shop.get("/carts/mine/billing-address").status_code == 401  # an admin is not a customer


# -- shipping methods ----------------------------------------------------------------------
def test_shipping_methods_list(shop, guest):
    empty = new_guest_cart(guest)
    assert guest.get(f"/guest-carts/{empty}/shipping-methods").get_json() == []
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    no_address = guest.get(f"/guest-carts/{cart_id}/shipping-methods")
    assert (no_address.status_code, no_address.get_json()) == (400, SHIPPING_MISSING)
    ship(guest, f"/guest-carts/{cart_id}")
    rates = guest.get(f"/guest-carts/{cart_id}/shipping-methods").get_json()
    assert rates[0] == {"carrier_code": "flatrate", "method_code": "flatrate", "carrier_title": "Flat Rate",
                        "method_title": "Fixed", "amount": 5, "base_amount": 5, "available": True,
                        "error_message": "", "price_excl_tax": 5, "price_incl_tax": 5}


def test_shipping_methods_of_a_virtual_cart_are_empty(shop, guest):
    cart_id = new_guest_cart(guest, (virtual_sku(shop), 1))
    assert guest.get(f"/guest-carts/{cart_id}/shipping-methods").get_json() == []


def test_mine_and_admin_shipping_methods(shop, customer):
    sku = salable_simple(shop)
    cart_id = my_cart(shop, customer, (sku, 3))
    assert customer.get("/carts/mine/shipping-methods").get_json() == SHIPPING_MISSING
    ship(customer, "/carts/mine")
    assert customer.get("/carts/mine/shipping-methods").get_json()[0]["amount"] == 15
    assert shop.get(f"/carts/{cart_id}/shipping-methods").get_json()[0]["amount"] == 15


def test_estimate_by_customer_address_id(shop, customer):
    sku = salable_simple(shop)
    cart_id = my_cart(shop, customer, (sku, 2))
    address_id = shop.backend.customers.get(1)["addresses"][0]["id"]
    rates = customer.post("/carts/mine/estimate-shipping-methods-by-address-id", {"addressId": address_id})
    assert [(r["carrier_code"], r["amount"]) for r in rates.get_json()][:1] == [("flatrate", 10)]
    # nothing is saved: the cart still has no shipping address
    assert customer.get("/carts/mine/shipping-methods").get_json() == SHIPPING_MISSING
    admin = shop.post(f"/carts/{cart_id}/estimate-shipping-methods-by-address-id", {"addressId": address_id})
    assert admin.get_json()[0]["amount"] == 10
    other = customer.post("/carts/mine/estimate-shipping-methods-by-address-id", {"addressId": 999999})
    assert (other.status_code, other.get_json()) == (400, SHIPPING_MISSING)
    missing = customer.post("/carts/mine/estimate-shipping-methods-by-address-id", {})
    assert missing.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                  "parameters": {"fieldName": "addressId"}}


def test_estimate_by_address_id_on_a_guest_cart(shop):
    # a cart without a customer has no addresses to pick from (ShippingMethodManagement::getAddress)
    cart_id = shop.post("/carts/").get_json()
    shop.post(f"/carts/{cart_id}/items", {"cartItem": {"sku": salable_simple(shop), "qty": 1, "quote_id": cart_id}})
    refused = shop.post(f"/carts/{cart_id}/estimate-shipping-methods-by-address-id", {"addressId": 1})
    assert (refused.status_code, refused.get_json()) == (400, SHIPPING_MISSING)
    empty = shop.post("/carts/").get_json()
    assert shop.post(f"/carts/{empty}/estimate-shipping-methods-by-address-id", {"addressId": 1}).get_json() == []


# -- selected payment method ---------------------------------------------------------------
def test_guest_selected_payment_method(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    base = f"/guest-carts/{cart_id}"
    # no payment row: null, written as [] (ServiceOutputProcessor::convertValue)
    assert guest.get(f"{base}/selected-payment-method").get_json() == []
    assert guest.put(f"{base}/selected-payment-method", {"method": CHECKMO}).get_json() == SHIPPING_MISSING
    ship(guest, base)
    payment_id = guest.put(f"{base}/selected-payment-method", {"method": {**CHECKMO, "po_number": "PO-1"}})
    assert payment_id.status_code == 200 and isinstance(payment_id.get_json(), str) and payment_id.get_json().isdigit()
    assert guest.get(f"{base}/selected-payment-method").get_json() == {"po_number": "PO-1", "method": "checkmo"}
    # the same payment row is updated
    assert guest.put(f"{base}/selected-payment-method", {"method": CHECKMO}).get_json() == payment_id.get_json()


def test_selected_payment_method_errors(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    base = f"/guest-carts/{cart_id}"
    ship(guest, base)
    unknown = guest.put(f"{base}/selected-payment-method", {"method": {"method": "banktransfer"}})
    assert (unknown.status_code, unknown.get_json()) == (400, NOT_AVAILABLE)
    free = guest.put(f"{base}/selected-payment-method", {"method": {"method": "free"}})
    assert free.get_json() == NOT_AVAILABLE  # ZeroTotal: only for a zero grand total
    blank = guest.put(f"{base}/selected-payment-method", {"method": {"po_number": "x"}})
    assert (blank.status_code, blank.get_json()) == (400, {"message": "The payment method you requested is not available."})
    missing = guest.put(f"{base}/selected-payment-method", {})
    assert missing.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                  "parameters": {"fieldName": "method"}}
    assert guest.get(f"{base}/selected-payment-method").get_json() == []


def test_virtual_cart_payment_needs_no_shipping_address(shop, guest):
    cart_id = new_guest_cart(guest, (virtual_sku(shop), 1))
    assert guest.put(f"/guest-carts/{cart_id}/selected-payment-method", {"method": CHECKMO}).status_code == 200


def test_payment_of_a_placed_cart_is_still_readable(shop, guest):
    # PaymentMethodManagement::get uses QuoteRepository::get, not getActive
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    ship(guest, f"/guest-carts/{cart_id}")
    guest.post(f"/guest-carts/{cart_id}/payment-information", {"email": "a@example.com", "paymentMethod": CHECKMO})
    assert guest.get(f"/guest-carts/{cart_id}/selected-payment-method").get_json() == CHECKMO


def test_mine_and_admin_selected_payment_method(shop, customer, guest):
    cart_id = my_cart(shop, customer, (salable_simple(shop), 1))
    ship(customer, "/carts/mine")
    assert customer.put("/carts/mine/selected-payment-method", {"method": CHECKMO}).status_code == 200
    assert customer.get("/carts/mine/selected-payment-method").get_json() == CHECKMO
    assert shop.get(f"/carts/{cart_id}/selected-payment-method").get_json() == CHECKMO
    assert shop.put(f"/carts/{cart_id}/selected-payment-method", {"method": CHECKMO}).get_json().isdigit()
    assert guest.get(f"/carts/{cart_id}/selected-payment-method").status_code == 401
    assert guest.put("/carts/mine/selected-payment-method", {"method": CHECKMO}).status_code == 401


# -- payment information without placing the order ---------------------------------------
def test_guest_set_payment_information(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    base = f"/guest-carts/{cart_id}"
    ship(guest, base)
    saved = guest.post(f"{base}/set-payment-information", {"email": "pay@example.com", "paymentMethod": CHECKMO,
                                                          "billingAddress": {**ADDRESS, "city": "Houston"}})
    assert (saved.status_code, saved.get_json()) == (200, True)
    billing = guest.get(f"{base}/billing-address").get_json()
    assert (billing["city"], billing["email"]) == ("Houston", "pay@example.com")
    assert guest.get(f"{base}/selected-payment-method").get_json() == CHECKMO
    assert guest.get(base).get_json()["is_active"] is True  # no order placed
    no_email = guest.post(f"{base}/set-payment-information", {"paymentMethod": CHECKMO})
    assert no_email.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                   "parameters": {"fieldName": "email"}}
    refused = guest.post(f"{base}/set-payment-information", {"email": "a@example.com",
                                                            "paymentMethod": {"method": "banktransfer"}})
    assert refused.get_json() == NOT_AVAILABLE


def test_guest_set_payment_information_on_an_empty_cart(guest):
    cart_id = new_guest_cart(guest)
    empty = guest.post(f"/guest-carts/{cart_id}/set-payment-information", {"email": "a@example.com",
                                                                          "paymentMethod": CHECKMO})
    assert (empty.status_code, empty.get_json()) == (400, {"message": "Some of the products are disabled."})


def test_my_set_payment_information(shop, customer):
    my_cart(shop, customer, (salable_simple(shop), 1))
    refused = customer.post("/carts/mine/set-payment-information", {"paymentMethod": CHECKMO})
    assert refused.get_json() == SHIPPING_MISSING
    ship(customer, "/carts/mine")
    saved = customer.post("/carts/mine/set-payment-information", {"paymentMethod": CHECKMO, "billingAddress": ADDRESS})
    assert saved.get_json() is True
    assert customer.get("/carts/mine/billing-address").get_json()["customer_id"] == 1
    assert customer.get("/carts/mine/selected-payment-method").get_json() == CHECKMO


# -- collect-totals and totals-information -------------------------------------------------
def test_guest_collect_totals(shop, guest):
    sku = salable_simple(shop)
    cart_id = new_guest_cart(guest, (sku, 2))
    base = f"/guest-carts/{cart_id}"
    guest.post(f"{base}/billing-address", {"address": ADDRESS, "useForShipping": True})
    totals = guest.put(f"{base}/collect-totals", {"paymentMethod": CHECKMO, "shippingCarrierCode": "flatrate",
                                                  "shippingMethodCode": "flatrate"}).get_json()
    assert (totals["shipping_amount"], totals["grand_total"]) == (10, pytest.approx(2 * price_of(shop, sku) + 10))
    assert guest.get(f"{base}/selected-payment-method").get_json() == CHECKMO
    shipping = guest.get(base).get_json()["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert shipping["method"] == "flatrate_flatrate"


def test_collect_totals_errors(shop, guest):
    empty = new_guest_cart(guest)
    refused = guest.put(f"/guest-carts/{empty}/collect-totals", {"paymentMethod": CHECKMO,
                                                                 "shippingCarrierCode": "flatrate",
                                                                 "shippingMethodCode": "flatrate"})
    assert (refused.status_code, refused.get_json()) == (400, {
        "message": "The shipping method can't be set for an empty cart. Add an item to cart and try again."})
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    no_address = guest.put(f"/guest-carts/{cart_id}/collect-totals", {"paymentMethod": CHECKMO,
                                                                      "shippingCarrierCode": "flatrate",
                                                                      "shippingMethodCode": "flatrate"})
    assert no_address.get_json() == SHIPPING_MISSING
    virtual = new_guest_cart(guest, (virtual_sku(shop), 1))
    only_virtual = guest.put(f"/guest-carts/{virtual}/collect-totals", {"paymentMethod": CHECKMO,
                                                                        "shippingCarrierCode": "flatrate",
                                                                        "shippingMethodCode": "flatrate"})
    assert (only_virtual.status_code, only_virtual.get_json()) == (404, {
        "message": "The Cart includes virtual product(s) only, so a shipping address is not used."})
    missing = guest.put(f"/guest-carts/{cart_id}/collect-totals", {})
    assert missing.get_json()["parameters"] == {"fieldName": "paymentMethod"}


def test_collect_totals_keeps_the_method_when_the_payment_fails(shop, guest):
    # CartTotalManagement saves the shipping method before PaymentMethodManagement::set refuses
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    base = f"/guest-carts/{cart_id}"
    guest.post(f"{base}/billing-address", {"address": ADDRESS, "useForShipping": True})
    refused = guest.put(f"{base}/collect-totals", {"paymentMethod": {"method": "banktransfer"},
                                                   "shippingCarrierCode": "flatrate", "shippingMethodCode": "flatrate"})
    assert refused.get_json() == NOT_AVAILABLE
    assert guest.get(f"{base}/totals").get_json()["shipping_amount"] == 5


def test_my_collect_totals(shop, customer):
    my_cart(shop, customer, (salable_simple(shop), 1))
    ship(customer, "/carts/mine")
    totals = customer.put("/carts/mine/collect-totals", {"paymentMethod": CHECKMO}).get_json()
    assert totals["shipping_amount"] == 5
    assert customer.get("/carts/mine/selected-payment-method").get_json() == CHECKMO


def test_totals_information_is_not_saved(shop, guest):
    sku = salable_simple(shop)
    cart_id = new_guest_cart(guest, (sku, 3))
    base = f"/guest-carts/{cart_id}"
    info = {"addressInformation": {"address": {"country_id": "US", "postcode": "78701", "region_id": 57},
                                   "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}
    totals = guest.post(f"{base}/totals-information", info).get_json()
    assert (totals["shipping_amount"], totals["grand_total"]) == (15, pytest.approx(3 * price_of(shop, sku) + 15))
    assert guest.get(f"{base}/totals").get_json()["shipping_amount"] == 0
    assert guest.get(f"{base}/shipping-methods").get_json() == SHIPPING_MISSING


def test_totals_information_errors_and_scopes(shop, guest, customer):
    empty = new_guest_cart(guest)
    info = {"addressInformation": {"address": {"country_id": "US"}}}
    refused = guest.post(f"/guest-carts/{empty}/totals-information", info)
    assert (refused.status_code, refused.get_json()) == (400, {
        "message": "Totals calculation is not applicable to empty cart"})
    cart_id = my_cart(shop, customer, (salable_simple(shop), 1))
    assert customer.post("/carts/mine/totals-information", info).get_json()["shipping_amount"] == 0
    with_method = {"addressInformation": {**info["addressInformation"], "shipping_carrier_code": "flatrate",
                                          "shipping_method_code": "flatrate"}}
    assert shop.post(f"/carts/{cart_id}/totals-information", with_method).get_json()["shipping_amount"] == 5
    assert guest.post(f"/carts/{cart_id}/totals-information", info).status_code == 401
