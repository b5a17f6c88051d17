"""Cart price rules, coupons and the totals they give (percent, fixed, cart fixed, free shipping)."""
from __future__ import annotations

import pytest

from fake_magento.backend.money import round_price
from tests.support.checkout import new_guest_cart, price_of, salable_simple, ship

RULE = {"name": "Ten off", "website_ids": [1], "customer_group_ids": [0, 1, 2, 3], "is_active": True,
        "simple_action": "by_percent", "discount_amount": 10, "coupon_type": "SPECIFIC_COUPON",
        "uses_per_coupon": 0, "uses_per_customer": 0, "stop_rules_processing": False, "is_advanced": True,
        "sort_order": 0, "discount_step": 0, "apply_to_shipping": False, "times_used": 0, "is_rss": True,
        "use_auto_generation": False}


def make_rule(shop, code=None, **changes):
    rule = shop.post("/salesRules", {"rule": {**RULE, **changes}}).get_json()
    if code:
        coupon = shop.post("/coupons", {"coupon": {"rule_id": rule["rule_id"], "code": code, "is_primary": True,
                                                   "times_used": 0}})
        assert coupon.status_code == 200, coupon.get_json()
    return rule


def test_rule_crud_and_search(shop):
    rule = make_rule(shop)
    assert isinstance(rule["rule_id"], int) and rule["coupon_type"] == "SPECIFIC_COUPON"
    assert rule["condition"]["condition_type"] == "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
    assert shop.get(f"/salesRules/{rule['rule_id']}").get_json() == rule
    changed = shop.put(f"/salesRules/{rule['rule_id']}", {"rule": {"name": "Renamed"}}).get_json()
    assert (changed["name"], changed["discount_amount"]) == ("Renamed", 10)
    found = shop.get("/salesRules/search?searchCriteria[filter_groups][0][filters][0][field]=name"
                     "&searchCriteria[filter_groups][0][filters][0][value]=Renamed").get_json()
    assert [r["rule_id"] for r in found["items"]] == [rule["rule_id"]] and found["total_count"] == 1
    assert shop.delete(f"/salesRules/{rule['rule_id']}").get_json() is True
    missing = shop.get(f"/salesRules/{rule['rule_id']}")
    assert (missing.status_code, missing.get_json()) == (404, {"message": "No such entity."})
    bad_dates = shop.post("/salesRules", {"rule": {**RULE, "from_date": "2030-02-01", "to_date": "2030-01-01"}})
    assert bad_dates.get_json() == {"message": "End Date must follow Start Date.; "}


@pytest.mark.parametrize("field, value, shown", [("product_ids", "", "string"), ("product_ids", 7, "integer"),
                                                 ("website_ids", "1", "string"),
                                                 ("customer_group_ids", True, "boolean")])
def test_int_array_fields_refuse_scalars_by_their_php_type(shop, field, value, shown):
    """TypeProcessor::processSimpleAndAnyType names a non-array value by gettype(); nothing is saved."""
    before = shop.get("/salesRules/search?searchCriteria").get_json()["total_count"]
    resp = shop.post("/salesRules", {"rule": {**RULE, field: value}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": f'Error occurred during "{field}" processing. The "{shown}" value\'s type is invalid. '
                   'The "int[]" type was expected. Verify and try again.'})
    assert shop.get("/salesRules/search?searchCriteria").get_json()["total_count"] == before
    rule = make_rule(shop, product_ids=["3", 4])
    assert rule["product_ids"] == [3, 4]


def test_coupon_crud_and_messages(shop):
    rule = make_rule(shop, "SAVE10")
    coupons = shop.get("/coupons/search?searchCriteria[filter_groups][0][filters][0][field]=code"
                       "&searchCriteria[filter_groups][0][filters][0][value]=SAVE10").get_json()["items"]
    assert [(c["code"], c["rule_id"], c["times_used"], c["is_primary"], c["type"]) for c in coupons] == [
        ("SAVE10", rule["rule_id"], 0, True, 0)]
    coupon_id = coupons[0]["coupon_id"]
    assert shop.get(f"/coupons/{coupon_id}").get_json()["code"] == "SAVE10"
    duplicate = shop.post("/coupons", {"coupon": {"rule_id": rule["rule_id"], "code": "SAVE10", "times_used": 0,
                                                  "is_primary": False}})
    assert duplicate.get_json() == {"message": "%1 already exists.", "parameters": ["Coupon with the same code"]}
    no_coupons = make_rule(shop, coupon_type="NO_COUPON")
    refused = shop.post("/coupons", {"coupon": {"rule_id": no_coupons["rule_id"], "code": "X", "times_used": 0,
                                                "is_primary": False}})
    assert refused.get_json() == {"message": "Error occurred when saving coupon: %1",
                                  "parameters": ["Specified rule does not allow coupons"]}
    auto = make_rule(shop, coupon_type="AUTO", use_auto_generation=True)
    codes = shop.post("/coupons/generate", {"couponSpec": {"rule_id": auto["rule_id"], "format": "alphanum",
                                                           "quantity": 3, "length": 8}}).get_json()
    assert len(codes) == 3 and all(len(c) == 8 for c in codes)
    assert shop.delete(f"/coupons/{coupon_id}").get_json() is True
    assert shop.get(f"/coupons/{coupon_id}").status_code == 404


def test_percent_coupon_and_usage(shop, guest):
    sku = salable_simple(shop, 20)
    price = price_of(shop, sku)
    make_rule(shop, "PCT10", uses_per_coupon=1)
    cart_id = new_guest_cart(guest, (sku, 2))
    bad = guest.put(f"/guest-carts/{cart_id}/coupons/NOPE")
    assert (bad.status_code, bad.get_json()) == (404, {
        "message": "The coupon code isn't valid. Verify the code and try again."})
    assert guest.put(f"/guest-carts/{cart_id}/coupons/PCT10").get_json() is True
    assert guest.get(f"/guest-carts/{cart_id}/coupons").get_json() == "PCT10"
    ship(guest, f"/guest-carts/{cart_id}")
    totals = guest.get(f"/guest-carts/{cart_id}/totals").get_json()
    discount = round_price(2 * price * 0.10)
    assert totals["discount_amount"] == pytest.approx(-discount) and totals["coupon_code"] == "PCT10"
    assert totals["grand_total"] == pytest.approx(2 * price - discount + 10)
    segment = next(s for s in totals["total_segments"] if s["code"] == "discount")
    assert (segment["title"], segment["value"]) == ("Discount (PCT10)", pytest.approx(-discount))
    assert totals["items"][0]["discount_percent"] == 10
    order_id = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "c@example.com", "paymentMethod": {"method": "checkmo"}}).get_json()
    order = shop.get(f"/orders/{order_id}").get_json()
    assert order["discount_amount"] == pytest.approx(-discount) and order["coupon_code"] == "PCT10"
    assert order["discount_description"] == "PCT10" and order["applied_rule_ids"]
    assert order["items"][0]["discount_amount"] == pytest.approx(discount)
    coupon = shop.get("/coupons/search?searchCriteria[filter_groups][0][filters][0][field]=code"
                      "&searchCriteria[filter_groups][0][filters][0][value]=PCT10").get_json()["items"][0]
    assert coupon["times_used"] == 1
    # uses_per_coupon 1: the coupon is used up
    second = new_guest_cart(guest, (sku, 1))
    assert guest.put(f"/guest-carts/{second}/coupons/PCT10").status_code == 404
    assert guest.delete(f"/guest-carts/{second}/coupons").get_json() is True


def test_fixed_and_cart_fixed(shop, guest):
    sku = salable_simple(shop, 20)
    other = salable_simple(shop, 20, exclude=(sku,))
    p1, p2 = price_of(shop, sku), price_of(shop, other)
    make_rule(shop, "FIX2", simple_action="by_fixed", discount_amount=2)
    cart_id = new_guest_cart(guest, (sku, 3))
    guest.put(f"/guest-carts/{cart_id}/coupons/FIX2")
    assert guest.get(f"/guest-carts/{cart_id}/totals").get_json()["discount_amount"] == pytest.approx(-6)
    make_rule(shop, "CART15", simple_action="cart_fixed", discount_amount=15)
    cart = new_guest_cart(guest, (sku, 1), (other, 1))
    guest.put(f"/guest-carts/{cart}/coupons/CART15")
    totals = guest.get(f"/guest-carts/{cart}/totals").get_json()
    assert totals["discount_amount"] == pytest.approx(-min(15, p1 + p2))
    assert sum(i["discount_amount"] for i in totals["items"]) == pytest.approx(min(15, p1 + p2))
    with_empty = guest.post("/guest-carts").get_json()
    assert guest.put(f"/guest-carts/{with_empty}/coupons/CART15").get_json()["message"] == \
        "The \"%1\" Cart doesn't contain products."


def test_automatic_rule_without_coupon(shop, guest):
    sku = salable_simple(shop, 5)
    make_rule(shop, coupon_type="NO_COUPON", discount_amount=50, store_labels=[{"store_id": 0,
                                                                               "store_label": "Half off"}])
    cart_id = new_guest_cart(guest, (sku, 1))
    totals = guest.get(f"/guest-carts/{cart_id}/totals").get_json()
    # SalesRule DeltaPriceRound -> PriceCurrency::round, PHP's round(): 7.185 is 7.19 (Python's round says 7.18)
    assert totals["discount_amount"] == pytest.approx(-round_price(price_of(shop, sku) / 2))
    assert next(s for s in totals["total_segments"] if s["code"] == "discount")["title"] == "Discount (Half off)"


def test_free_shipping_threshold(shop, guest):
    sku = salable_simple(shop, 50)
    price = price_of(shop, sku)
    below = max(1, int(99 // price))
    cart_id = new_guest_cart(guest, (sku, below))
    carriers = [m["carrier_code"] for m in guest.post(f"/guest-carts/{cart_id}/estimate-shipping-methods",
                                                      {"address": {"country_id": "US"}}).get_json()]
    assert carriers == (["flatrate"] if price * below < 100 else ["flatrate", "freeshipping"])
    above = int(100 // price) + 1
    big = new_guest_cart(guest, (sku, above))
    methods = guest.post(f"/guest-carts/{big}/estimate-shipping-methods", {"address": {"country_id": "US"}}).get_json()
    assert [(m["carrier_code"], m["amount"]) for m in methods] == [("flatrate", 5 * above), ("freeshipping", 0)]
    assert ship(guest, f"/guest-carts/{big}", "freeshipping", "freeshipping").status_code == 200
    totals = guest.get(f"/guest-carts/{big}/totals").get_json()
    assert totals["shipping_amount"] == 0 and totals["grand_total"] == pytest.approx(price * above)


def test_rule_free_shipping_makes_flat_rate_free(shop, guest):
    sku = salable_simple(shop, 5)
    make_rule(shop, "SHIPFREE", discount_amount=0, simple_free_shipping="1")
    cart_id = new_guest_cart(guest, (sku, 2))
    guest.put(f"/guest-carts/{cart_id}/coupons/SHIPFREE")
    methods = guest.post(f"/guest-carts/{cart_id}/estimate-shipping-methods", {"address": {"country_id": "US"}}).get_json()
    assert [(m["carrier_code"], m["amount"]) for m in methods] == [("flatrate", 0), ("freeshipping", 0)]


def test_an_items_discounts_are_in_its_save_answer_only(shop, guest):
    """Measured on 2.4.7-p3 (a 10% rule labelled "Ten off", guest cart 189): the item's save answers
    extension_attributes.discounts, each {discount_data, rule_label, rule_i_d} (RuleDiscountInterface::
    getRuleID, which DataObjectProcessor writes rule_i_d); the items list, the cart and carts/search
    carry no discounts."""
    rule = make_rule(shop, coupon_type="NO_COUPON", store_labels=[{"store_id": 0, "store_label": "Ten off"}])
    sku = salable_simple(shop)
    cart_id = guest.post("/guest-carts").get_json()
    saved = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 2, "quote_id": cart_id}})
    assert saved.status_code == 200, saved.get_json()
    amount = round_price(price_of(shop, sku) * 2 * 0.1)
    assert saved.get_json()["extension_attributes"] == {"discounts": [{
        "discount_data": {"amount": amount, "base_amount": amount, "original_amount": amount,
                          "base_original_amount": amount},
        "rule_label": "Ten off", "rule_i_d": rule["rule_id"]}]}
    listed = guest.get(f"/guest-carts/{cart_id}/items").get_json()
    cart = guest.get(f"/guest-carts/{cart_id}").get_json()
    searched = shop.get("/carts/search?searchCriteria[pageSize]=500").get_json()["items"]
    for item in (*listed, *cart["items"], *(i for c in searched for i in c["items"])):
        assert "extension_attributes" not in item
