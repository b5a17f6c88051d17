"""Assigning carts to customers, saving the customer's cart, cart search, and coupon mass deletion."""
from __future__ import annotations

from tests.support.checkout import new_guest_cart, salable_simple
from .test_rules_and_totals import make_rule

REQUIRED = '"%fieldName" is required. Enter and try again.'


def other_website_store(shop):
    backend = shop.backend
    mine = set(backend.stores.store_ids_of_website(int(backend.customers.get(1)["website_id"])))
    return next(s for s in (1, 2, 3, 0) if s not in mine)


# -- PUT /V1/carts/:cartId (QuoteManagement::assignCustomer) -------------------------------
def test_admin_assigns_an_anonymous_cart(shop):
    sku = salable_simple(shop)
    cart_id = shop.post("/carts/").get_json()
    shop.post(f"/carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 1, "quote_id": cart_id}})
    assigned = shop.put(f"/carts/{cart_id}", {"customerId": 1, "storeId": 1})
    assert (assigned.status_code, assigned.get_json()) == (200, True)
    cart = shop.get(f"/carts/{cart_id}").get_json()
    me = shop.backend.customers.get(1)
    assert (cart["customer"]["id"], cart["customer_is_guest"], cart["is_active"]) == (1, False, True)
    assert shop.get("/carts/search?searchCriteria[filter_groups][0][filters][0][field]=entity_id"
                    f"&searchCriteria[filter_groups][0][filters][0][value]={cart_id}").get_json()["items"][0][
        "customer"]["email"] == me["email"]
    again = shop.put(f"/carts/{cart_id}", {"customerId": 1, "storeId": 1})
    assert (again.status_code, again.get_json()) == (400, {
        "message": "The customer can't be assigned to the cart because the cart isn't anonymous."})


def test_assignment_merges_the_customers_active_cart(shop, customer):
    sku = salable_simple(shop, 20)
    other = salable_simple(shop, 20, exclude=(sku,))
    old_cart = customer.post("/carts/mine").get_json()
    customer.post("/carts/mine/items", {"cartItem": {"sku": sku, "qty": 2}})
    customer.post("/carts/mine/items", {"cartItem": {"sku": other, "qty": 1}})
    cart_id = shop.post("/carts/").get_json()
    shop.post(f"/carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 1, "quote_id": cart_id}})
    assert shop.put(f"/carts/{cart_id}", {"customerId": 1, "storeId": 1}).get_json() is True
    assert shop.get(f"/carts/{old_cart}").get_json()["is_active"] is False
    mine = customer.get("/carts/mine").get_json()
    assert mine["id"] == cart_id
    assert sorted((i["sku"], i["qty"]) for i in mine["items"]) == sorted([(sku, 3), (other, 1)])


def test_assignment_errors(shop):
    cart_id = shop.post("/carts/").get_json()
    store = other_website_store(shop)
    wrong_store = shop.put(f"/carts/{cart_id}", {"customerId": 1, "storeId": store})
    assert (wrong_store.status_code, wrong_store.get_json()) == (400, {
        "message": "The customer can't be assigned to the cart. The cart belongs to a different store."})
    nobody = shop.put(f"/carts/{cart_id}", {"customerId": 999999, "storeId": 1})
    assert (nobody.status_code, nobody.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 999999}})
    no_cart = shop.put("/carts/999999", {"customerId": 1, "storeId": 1})
    assert (no_cart.status_code, no_cart.get_json()["parameters"]) == (404, {"fieldName": "cartId",
                                                                            "fieldValue": 999999})
    both = shop.put(f"/carts/{cart_id}", {})
    assert both.get_json() == {"message": "One or more input exceptions have occurred.", "errors": [
        {"message": REQUIRED, "parameters": {"fieldName": "customerId"}},
        {"message": REQUIRED, "parameters": {"fieldName": "storeId"}}]}
    one = shop.put(f"/carts/{cart_id}", {"customerId": 1})
    assert one.get_json() == {"message": REQUIRED, "parameters": {"fieldName": "storeId"}}


# -- PUT /V1/guest-carts/:cartId (GuestCartManagement::assignCustomer) ---------------------
def test_customer_takes_over_a_guest_cart(shop, guest, customer):
    sku = salable_simple(shop)
    cart_id = new_guest_cart(guest, (sku, 1))
    quote_id = guest.get(f"/guest-carts/{cart_id}").get_json()["id"]
    assert customer.put(f"/guest-carts/{cart_id}", {"customerId": 1, "storeId": 1}).get_json() is True
    # the quote_id_mask row is gone: the masked id finds nothing
    assert guest.get(f"/guest-carts/{cart_id}").get_json()["parameters"] == {"fieldName": "cartId",
                                                                            "fieldValue": None}
    mine = customer.get("/carts/mine").get_json()
    assert (mine["id"], [i["sku"] for i in mine["items"]]) == (quote_id, [sku])


def test_guest_cart_assignment_is_for_the_caller_only(shop, guest, customer):
    cart_id = new_guest_cart(guest)
    other = customer.put(f"/guest-carts/{cart_id}", {"customerId": 2, "storeId": 1})
    assert (other.status_code, other.get_json()) == (400, {
        "message": "You don't have the correct permissions to assign the customer to the cart."})
    assert guest.put(f"/guest-carts/{cart_id}", {"customerId": 1, "storeId": 1}).status_code == 401
    assert shop.put(f"/guest-carts/{cart_id}", {"customerId": 1, "storeId": 1}).status_code == 401
    unknown = customer.put("/guest-carts/nope", {"customerId": 1, "storeId": 1})
    assert (unknown.status_code, unknown.get_json()["parameters"]) == (404, {"fieldName": "cartId",
                                                                            "fieldValue": None})


# -- PUT /V1/carts/mine (CartRepository::save) ---------------------------------------------
def test_customer_saves_the_cart(shop, customer):
    sku = salable_simple(shop)
    cart_id = customer.post("/carts/mine").get_json()
    saved = customer.put("/carts/mine", {"quote": {"id": 12345, "customer": {"id": 1}, "customer_note": "Ring twice",
                                                   "customer_note_notify": False,
                                                   "items": [{"sku": sku, "qty": 2, "quote_id": str(cart_id)}]}})
    assert (saved.status_code, saved.get_json()) == (200, [])
    cart = customer.get("/carts/mine").get_json()
    assert (cart["id"], cart["customer_note"], cart["customer_note_notify"]) == (cart_id, "Ring twice", False)
    assert [(i["sku"], i["qty"]) for i in cart["items"]] == [(sku, 2)]


def test_saving_the_cart_needs_the_customer(shop, customer, guest):
    customer.post("/carts/mine")
    # the quote built from the request has no customer id (AccessChangeQuoteControl)
    refused = customer.put("/carts/mine", {"quote": {"customer_note": "x"}})
    assert (refused.status_code, refused.get_json()) == (400, {"message": "Invalid state change requested"})
    other = customer.put("/carts/mine", {"quote": {"customer": {"id": 2}}})
    assert other.get_json() == {"message": "Invalid state change requested"}
    missing = customer.put("/carts/mine", {})
    assert missing.get_json() == {"message": REQUIRED, "parameters": {"fieldName": "quote"}}
    assert guest.put("/carts/mine", {"quote": {}}).status_code == 401


# -- GET /V1/carts/search (CartRepository::getList) ----------------------------------------
def test_cart_search(shop, customer):
    cart_id = customer.post("/carts/mine").get_json()
    found = shop.get("/carts/search?searchCriteria[filter_groups][0][filters][0][field]=customer_id"
                     "&searchCriteria[filter_groups][0][filters][0][value]=1"
                     "&searchCriteria[sortOrders][0][field]=entity_id"
                     "&searchCriteria[sortOrders][0][direction]=DESC").get_json()
    assert found["items"][0]["id"] == cart_id and found["items"][0]["is_active"] is True
    assert all(c["customer"]["id"] == 1 for c in found["items"])
    assert found["total_count"] == len(found["items"])
    assert found["search_criteria"]["filter_groups"][0]["filters"][0] == {"field": "customer_id", "value": "1",
                                                                          "condition_type": "eq"}
    active = shop.get("/carts/search?searchCriteria[filter_groups][0][filters][0][field]=is_active"
                      "&searchCriteria[filter_groups][0][filters][0][value]=1").get_json()
    assert cart_id in [c["id"] for c in active["items"]] and all(c["is_active"] for c in active["items"])
    page = shop.get("/carts/search?searchCriteria[pageSize]=2&searchCriteria[currentPage]=1").get_json()
    assert len(page["items"]) == 2 and page["total_count"] > 2
    assert customer.get("/carts/search?searchCriteria").status_code == 401


# -- POST /V1/coupons/deleteByCodes|deleteByIds (CouponManagementService) ------------------
def coupon_ids(shop, *codes):
    return [shop.backend.db.one("SELECT coupon_id FROM salesrule_coupon WHERE code=?", (c,))["coupon_id"]
            for c in codes]


def test_delete_coupons_by_codes(shop):
    rule = make_rule(shop, "ONE")
    shop.post("/coupons", {"coupon": {"rule_id": rule["rule_id"], "code": "TWO", "times_used": 0, "is_primary": False}})
    result = shop.post("/coupons/deleteByCodes", {"codes": ["ONE", "NOPE", "two"]})
    # codes match case-insensitively but are crossed off exactly: "two" is deleted and reported missing
    assert (result.status_code, result.get_json()) == (200, {"failed_items": [], "missing_items": ["NOPE", "two"]})
    # only the default profile's own coupon (SEED10) is left
    assert [c["code"] for c in shop.get("/coupons/search?searchCriteria").get_json()["items"]] == ["SEED10"]


def test_delete_coupons_strictly(shop):
    rule = make_rule(shop, "KEEP")
    refused = shop.post("/coupons/deleteByCodes", {"codes": ["KEEP", "NOPE"], "ignoreInvalidCoupons": False})
    assert (refused.status_code, refused.get_json()) == (400, {"message": "Some coupons are invalid."})
    [coupon_id] = coupon_ids(shop, "KEEP")
    assert shop.get(f"/coupons/{coupon_id}").status_code == 200  # nothing deleted
    strict = shop.post("/coupons/deleteByCodes", {"codes": ["KEEP"], "ignoreInvalidCoupons": False})
    assert strict.get_json() == {"failed_items": [], "missing_items": []}
    assert rule["rule_id"]


def test_delete_coupons_by_ids(shop):
    rule = make_rule(shop, "A1")
    shop.post("/coupons", {"coupon": {"rule_id": rule["rule_id"], "code": "B2", "times_used": 0, "is_primary": False}})
    first, second = coupon_ids(shop, "A1", "B2")
    result = shop.post("/coupons/deleteByIds", {"ids": [first, 999999, second, 999999]})
    assert result.get_json() == {"failed_items": [], "missing_items": ["999999"]}
    assert shop.get(f"/coupons/{first}").status_code == 404
    duplicate = shop.post("/coupons/deleteByIds", {"ids": [999999], "ignoreInvalidCoupons": False})
    assert duplicate.get_json() == {"message": "Some coupons are invalid."}
    missing = shop.post("/coupons/deleteByIds", {})
    assert missing.get_json() == {"message": REQUIRED, "parameters": {"fieldName": "ids"}}


def test_coupon_mass_delete_acl(shop, guest, customer):
    assert guest.post("/coupons/deleteByCodes", {"codes": ["X"]}).status_code == 401
    assert customer.post("/coupons/deleteByIds", {"ids": [1]}).status_code == 401
