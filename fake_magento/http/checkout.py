"""Cart, checkout and cart price rule routes (Quote, Checkout and SalesRule etc/webapi.xml).

ACL as Magento declares it: guest routes ``anonymous``, ``carts/mine`` routes ``self`` (the
customer's active cart through %cart_id%), admin cart routes ``Magento_Cart::manage``, rules and
coupons ``Magento_SalesRule::quote``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fake_magento.backend.checkout import CartRef
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria
from fake_magento.types import int_value

routes = Routes()
GUEST = "anonymous"
SELF = "self"
CART = "Magento_Cart::manage"
RULES = "Magento_SalesRule::quote"

Ref = Callable[[RestRequest], CartRef]


def _guest(req: RestRequest) -> CartRef:
    return CartRef.guest(req.params["cartId"])


def _mine(req: RestRequest) -> CartRef:
    return CartRef.mine(req.user.user_id)


def _admin(req: RestRequest) -> CartRef:
    return CartRef.admin(int_value(req.params.get("cartId", req.params.get("quoteId"))))


def _object(req: RestRequest, name: str) -> dict[str, Any]:
    """A data-object parameter as ServiceInputProcessor converted it (typed, snake_case keys)."""
    return dict(req.require(name))


# -- cart creation and reads ---------------------------------------------------------------
@routes.post("/V1/guest-carts", GUEST)
def create_guest_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.create_guest_cart(req.scope)


@routes.post("/V1/carts/mine", SELF)
def create_my_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.create_customer_cart(req.user.user_id, req.scope)


@routes.post("/V1/carts/", CART)
def create_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.create_empty_cart(req.scope)


@routes.post("/V1/customers/:customerId/carts", CART)
def create_customer_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.create_customer_cart(req.arg("customerId"), req.scope)


@routes.get("/V1/guest-carts/:cartId", GUEST)
def get_guest_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.get_cart(_guest(req), req.scope)


@routes.get("/V1/carts/mine", SELF)
def get_my_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.customer_cart(req.user.user_id, req.scope)


@routes.get("/V1/carts/:cartId", CART)
def get_cart(req: RestRequest) -> Any:
    return req.backend.quote_management.get_cart(_admin(req), req.scope)


# -- the operations every kind of cart has -------------------------------------------------
def _register(prefix: str, resource: str, ref: Ref, items_post: str) -> None:
    @routes.get(f"{prefix}/items", resource)
    def items(req: RestRequest) -> Any:
        return req.backend.cart_items.get_list(ref(req), req.scope)

    @routes.post(items_post, resource)
    def add_item(req: RestRequest) -> Any:
        return req.backend.cart_items.save(ref(req), _object(req, "cartItem"), req.scope)

    @routes.put(f"{prefix}/items/:itemId", resource)
    def update_item(req: RestRequest) -> Any:
        return req.backend.cart_items.save(ref(req), _object(req, "cartItem"), req.scope,
                                           item_id=req.params["itemId"])

    @routes.delete(f"{prefix}/items/:itemId", resource)
    def delete_item(req: RestRequest) -> Any:
        return req.backend.cart_items.delete_by_id(ref(req), req.params["itemId"], req.scope)

    @routes.post(f"{prefix}/estimate-shipping-methods", resource)
    def estimate(req: RestRequest) -> Any:
        return req.backend.shipment_estimation.estimate_by_extended_address(ref(req), _object(req, "address"),
                                                                            req.scope)

    @routes.post(f"{prefix}/shipping-information", resource)
    def shipping_information(req: RestRequest) -> Any:
        return req.backend.shipping_information.save_address_information(
            ref(req), _object(req, "addressInformation"), req.scope)

    @routes.get(f"{prefix}/payment-methods", resource)
    def payment_methods(req: RestRequest) -> Any:
        return req.backend.cart_management.payment_methods(ref(req), req.scope)

    @routes.get(f"{prefix}/totals", resource)
    def totals(req: RestRequest) -> Any:
        return req.backend.cart_totals.get(ref(req), req.scope)

    @routes.get(f"{prefix}/coupons", resource)
    def coupon(req: RestRequest) -> Any:
        return req.backend.cart_coupons.get(ref(req), req.scope)

    @routes.put(f"{prefix}/coupons/:couponCode", resource)
    def set_coupon(req: RestRequest) -> Any:
        return req.backend.cart_coupons.set(ref(req), req.params["couponCode"], req.scope)

    @routes.delete(f"{prefix}/coupons", resource)
    def remove_coupon(req: RestRequest) -> Any:
        return req.backend.cart_coupons.remove(ref(req), req.scope)

    @routes.put(f"{prefix}/order", resource)
    def place_order(req: RestRequest) -> Any:
        return req.backend.quote_management.place_order(ref(req), req.arg("paymentMethod"), req.scope)

    @routes.get(f"{prefix}/billing-address", resource)
    def billing_address(req: RestRequest) -> Any:
        return req.backend.cart_management.billing_address(ref(req), req.scope)

    @routes.post(f"{prefix}/billing-address", resource)
    def assign_billing_address(req: RestRequest) -> Any:
        return req.backend.cart_management.assign_billing_address(
            ref(req), _object(req, "address"), req.arg("useForShipping", False), req.scope)

    @routes.get(f"{prefix}/shipping-methods", resource)
    def shipping_methods(req: RestRequest) -> Any:
        return req.backend.cart_management.shipping_methods(ref(req), req.scope)

    @routes.get(f"{prefix}/selected-payment-method", resource)
    def selected_payment_method(req: RestRequest) -> Any:
        return req.backend.cart_management.selected_payment_method(ref(req), req.scope)

    @routes.put(f"{prefix}/selected-payment-method", resource)
    def set_payment_method(req: RestRequest) -> Any:
        return req.backend.cart_management.set_payment_method(ref(req), _object(req, "method"), req.scope)

    @routes.post(f"{prefix}/totals-information", resource)
    def totals_information(req: RestRequest) -> Any:
        return req.backend.cart_management.totals_information(ref(req), _object(req, "addressInformation"),
                                                              req.scope)


_register("/V1/guest-carts/:cartId", GUEST, _guest, "/V1/guest-carts/:cartId/items")
_register("/V1/carts/mine", SELF, _mine, "/V1/carts/mine/items")
_register("/V1/carts/:cartId", CART, _admin, "/V1/carts/:quoteId/items")


# -- routes only some kinds of cart have ---------------------------------------------------
def _estimate_by_address_id(ref: Ref) -> Any:
    def view(req: RestRequest) -> Any:
        return req.backend.cart_management.estimate_by_address_id(ref(req), req.arg("addressId"), req.scope)
    return view


routes.post("/V1/carts/mine/estimate-shipping-methods-by-address-id", SELF)(_estimate_by_address_id(_mine))
routes.post("/V1/carts/:cartId/estimate-shipping-methods-by-address-id", CART)(_estimate_by_address_id(_admin))


def _collect_totals(ref: Ref) -> Any:
    def view(req: RestRequest) -> Any:
        return req.backend.cart_management.collect_totals(
            ref(req), _object(req, "paymentMethod"), req.arg("shippingCarrierCode"), req.arg("shippingMethodCode"),
            req.scope)
    return view


routes.put("/V1/carts/mine/collect-totals", SELF)(_collect_totals(_mine))
routes.put("/V1/guest-carts/:cartId/collect-totals", GUEST)(_collect_totals(_guest))


@routes.get("/V1/carts/search", CART)
def search_carts(req: RestRequest) -> Any:
    return req.backend.cart_management.cart_list(parse_search_criteria(req.query))


@routes.put("/V1/carts/:cartId", CART)
def assign_customer(req: RestRequest) -> Any:
    return req.backend.cart_management.assign_customer(_admin(req), req.arg("customerId"), req.arg("storeId"),
                                                       req.scope)


@routes.put("/V1/guest-carts/:cartId", SELF)
def guest_assign_customer(req: RestRequest) -> Any:
    return req.backend.cart_management.assign_customer(_guest(req), req.arg("customerId"), req.arg("storeId"),
                                                       req.scope, acting_customer=req.user.user_id)


@routes.put("/V1/carts/mine", SELF)
def save_my_cart(req: RestRequest) -> Any:
    return req.backend.cart_management.save_cart(_mine(req), _object(req, "quote"), req.scope,
                                                 acting_customer=req.user.user_id)


# -- payment information (guests and customers only) ---------------------------------------
def _billing(req: RestRequest) -> Any:
    return req.arg("billingAddress")


@routes.post("/V1/guest-carts/:cartId/payment-information", GUEST)
def guest_payment_information(req: RestRequest) -> Any:
    return req.backend.payment_information.save_payment_and_place(
        _guest(req), _object(req, "paymentMethod"), _billing(req), req.require("email"), req.scope)


@routes.get("/V1/guest-carts/:cartId/payment-information", GUEST)
def guest_get_payment_information(req: RestRequest) -> Any:
    return req.backend.payment_information.get_payment_information(_guest(req), req.scope)


@routes.post("/V1/carts/mine/payment-information", SELF)
def my_payment_information(req: RestRequest) -> Any:
    return req.backend.payment_information.save_payment_and_place(
        _mine(req), _object(req, "paymentMethod"), _billing(req), None, req.scope)


@routes.get("/V1/carts/mine/payment-information", SELF)
def my_get_payment_information(req: RestRequest) -> Any:
    return req.backend.payment_information.get_payment_information(_mine(req), req.scope)


@routes.post("/V1/guest-carts/:cartId/set-payment-information", GUEST)
def guest_set_payment_information(req: RestRequest) -> Any:
    return req.backend.cart_management.save_payment_information(
        _guest(req), _object(req, "paymentMethod"), _billing(req), req.arg("email"), req.scope)


@routes.post("/V1/carts/mine/set-payment-information", SELF)
def my_set_payment_information(req: RestRequest) -> Any:
    return req.backend.cart_management.save_payment_information(
        _mine(req), _object(req, "paymentMethod"), _billing(req), None, req.scope)


# -- cart price rules and coupons ----------------------------------------------------------
def _repository(base: str, key: str, body: str, get: str, search: str, save: str, delete: str) -> None:
    """The five repository routes rules and coupons share (RuleRepository, CouponRepository)."""
    def rules(req: RestRequest) -> Any:
        return req.backend.sales_rules

    @routes.get(f"{base}/:{key}", RULES)
    def get_one(req: RestRequest) -> Any:
        return getattr(rules(req), get)(req.params[key])

    @routes.get(f"{base}/search", RULES)
    def search_all(req: RestRequest) -> Any:
        return getattr(rules(req), search)(parse_search_criteria(req.query))

    @routes.post(base, RULES)
    def create(req: RestRequest) -> Any:
        return getattr(rules(req), save)(_object(req, body))

    @routes.put(f"{base}/:{key}", RULES)
    def update(req: RestRequest) -> Any:
        return getattr(rules(req), save)(_object(req, body), int_value(req.params[key]))

    @routes.delete(f"{base}/:{key}", RULES)
    def remove(req: RestRequest) -> Any:
        return getattr(rules(req), delete)(req.params[key])


_repository("/V1/salesRules", "ruleId", "rule", "get_rule", "rule_list", "save_rule", "delete_rule")
_repository("/V1/coupons", "couponId", "coupon", "get_coupon", "coupon_list", "save_coupon", "delete_coupon")


@routes.post("/V1/coupons/generate", RULES)
def generate_coupons(req: RestRequest) -> Any:
    return req.backend.sales_rules.generate(_object(req, "couponSpec"))


@routes.post("/V1/coupons/deleteByCodes", RULES)
def delete_coupons_by_codes(req: RestRequest) -> Any:
    return req.backend.sales_rules.mass_delete("code", req.arg("codes"), req.arg("ignoreInvalidCoupons"))


@routes.post("/V1/coupons/deleteByIds", RULES)
def delete_coupons_by_ids(req: RestRequest) -> Any:
    return req.backend.sales_rules.mass_delete("coupon_id", req.arg("ids"), req.arg("ignoreInvalidCoupons"))
