"""Cart, checkout and cart price rule routes (Quote, Checkout and SalesRule etc/webapi.xml).

ACL as Magento declares it: guest routes ``anonymous``, ``carts/mine`` routes ``self`` (the
customer's active cart through %cart_id%), admin cart routes ``Magento_Cart::manage``, rules and
coupons ``Magento_SalesRule::quote``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fake_magento.backend.checkout import CartRef
from fake_magento.http.request import RestRequest, snake_keys
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
    value = req.require(name)
    return snake_keys(value) if isinstance(value, dict) else value


# -- cart creation and reads ---------------------------------------------------------------
@routes.post("/V1/guest-carts", GUEST)
def create_guest_cart(req: RestRequest) -> Any:
    return req.backend.checkout.create_guest_cart(req.scope)


@routes.post("/V1/carts/mine", SELF)
def create_my_cart(req: RestRequest) -> Any:
    return req.backend.checkout.create_customer_cart(req.user.user_id, req.scope)


@routes.post("/V1/carts/", CART)
def create_cart(req: RestRequest) -> Any:
    # CartManagement::createEmptyCart for an admin: an anonymous cart, its quote id
    return int(req.backend.checkout.quotes.create(req.scope)["id"])


@routes.post("/V1/customers/:customerId/carts", CART)
def create_customer_cart(req: RestRequest) -> Any:
    return req.backend.checkout.create_customer_cart(int_value(req.params["customerId"]), req.scope)


@routes.get("/V1/guest-carts/:cartId", GUEST)
def get_guest_cart(req: RestRequest) -> Any:
    return req.backend.checkout.get_cart(_guest(req), req.scope)


@routes.get("/V1/carts/mine", SELF)
def get_my_cart(req: RestRequest) -> Any:
    return req.backend.checkout.customer_cart(req.user.user_id, req.scope)


@routes.get("/V1/carts/:cartId", CART)
def get_cart(req: RestRequest) -> Any:
    return req.backend.checkout.get_cart(_admin(req), req.scope)


# -- the operations every kind of cart has -------------------------------------------------
def _register(prefix: str, resource: str, ref: Ref, items_post: str) -> None:
    @routes.get(f"{prefix}/items", resource)
    def items(req: RestRequest) -> Any:
        return req.backend.checkout.items(ref(req), req.scope)

    @routes.post(items_post, resource)
    def add_item(req: RestRequest) -> Any:
        return req.backend.checkout.save_item(ref(req), _object(req, "cartItem"), req.scope)

    @routes.put(f"{prefix}/items/:itemId", resource)
    def update_item(req: RestRequest) -> Any:
        return req.backend.checkout.save_item(ref(req), _object(req, "cartItem"), req.scope,
                                              item_id=req.params["itemId"])

    @routes.delete(f"{prefix}/items/:itemId", resource)
    def delete_item(req: RestRequest) -> Any:
        return req.backend.checkout.delete_item(ref(req), req.params["itemId"], req.scope)

    @routes.post(f"{prefix}/estimate-shipping-methods", resource)
    def estimate(req: RestRequest) -> Any:
        return req.backend.checkout.estimate_shipping(ref(req), _object(req, "address"), req.scope)

    @routes.post(f"{prefix}/shipping-information", resource)
    def shipping_information(req: RestRequest) -> Any:
        return req.backend.checkout.set_shipping_information(ref(req), _object(req, "addressInformation"),
                                                             req.scope)

    @routes.get(f"{prefix}/payment-methods", resource)
    def payment_methods(req: RestRequest) -> Any:
        return req.backend.checkout.payment_methods(ref(req), req.scope)

    @routes.get(f"{prefix}/totals", resource)
    def totals(req: RestRequest) -> Any:
        return req.backend.checkout.totals(ref(req), req.scope)

    @routes.get(f"{prefix}/coupons", resource)
    def coupon(req: RestRequest) -> Any:
        return req.backend.checkout.coupon(ref(req), req.scope)

    @routes.put(f"{prefix}/coupons/:couponCode", resource)
    def set_coupon(req: RestRequest) -> Any:
        return req.backend.checkout.set_coupon(ref(req), req.params["couponCode"], req.scope)

    @routes.delete(f"{prefix}/coupons", resource)
    def remove_coupon(req: RestRequest) -> Any:
        return req.backend.checkout.remove_coupon(ref(req), req.scope)

    @routes.put(f"{prefix}/order", resource)
    def place_order(req: RestRequest) -> Any:
        payment = req.arg("paymentMethod")
        return req.backend.checkout.place_order(ref(req), snake_keys(payment) if isinstance(payment, dict)
                                                else None, req.scope)


_register("/V1/guest-carts/:cartId", GUEST, _guest, "/V1/guest-carts/:cartId/items")
_register("/V1/carts/mine", SELF, _mine, "/V1/carts/mine/items")
_register("/V1/carts/:cartId", CART, _admin, "/V1/carts/:quoteId/items")


# -- payment information (guests and customers only) ---------------------------------------
def _billing(req: RestRequest) -> Any:
    billing = req.arg("billingAddress")
    return snake_keys(billing) if isinstance(billing, dict) else None


@routes.post("/V1/guest-carts/:cartId/payment-information", GUEST)
def guest_payment_information(req: RestRequest) -> Any:
    return req.backend.checkout.save_payment_and_place(_guest(req), _object(req, "paymentMethod"), _billing(req),
                                                       req.require("email"), req.scope)


@routes.get("/V1/guest-carts/:cartId/payment-information", GUEST)
def guest_get_payment_information(req: RestRequest) -> Any:
    return req.backend.checkout.payment_information(_guest(req), req.scope)


@routes.post("/V1/carts/mine/payment-information", SELF)
def my_payment_information(req: RestRequest) -> Any:
    return req.backend.checkout.save_payment_and_place(_mine(req), _object(req, "paymentMethod"), _billing(req),
                                                       None, req.scope)


@routes.get("/V1/carts/mine/payment-information", SELF)
def my_get_payment_information(req: RestRequest) -> Any:
    return req.backend.checkout.payment_information(_mine(req), req.scope)


# -- cart price rules and coupons ----------------------------------------------------------
@routes.get("/V1/salesRules/:ruleId", RULES)
def get_rule(req: RestRequest) -> Any:
    return req.backend.checkout.rules.get_rule(req.params["ruleId"])


@routes.get("/V1/salesRules/search", RULES)
def search_rules(req: RestRequest) -> Any:
    return req.backend.checkout.rules.rule_list(parse_search_criteria(req.query))


@routes.post("/V1/salesRules", RULES)
def create_rule(req: RestRequest) -> Any:
    return req.backend.checkout.rules.save_rule(_object(req, "rule"))


@routes.put("/V1/salesRules/:ruleId", RULES)
def update_rule(req: RestRequest) -> Any:
    return req.backend.checkout.rules.save_rule(_object(req, "rule"), int_value(req.params["ruleId"]))


@routes.delete("/V1/salesRules/:ruleId", RULES)
def delete_rule(req: RestRequest) -> Any:
    return req.backend.checkout.rules.delete_rule(req.params["ruleId"])


@routes.get("/V1/coupons/:couponId", RULES)
def get_coupon(req: RestRequest) -> Any:
    return req.backend.checkout.rules.get_coupon(req.params["couponId"])


@routes.get("/V1/coupons/search", RULES)
def search_coupons(req: RestRequest) -> Any:
    return req.backend.checkout.rules.coupon_list(parse_search_criteria(req.query))


@routes.post("/V1/coupons", RULES)
def create_coupon(req: RestRequest) -> Any:
    return req.backend.checkout.rules.save_coupon(_object(req, "coupon"))


@routes.put("/V1/coupons/:couponId", RULES)
def update_coupon(req: RestRequest) -> Any:
    return req.backend.checkout.rules.save_coupon(_object(req, "coupon"), int_value(req.params["couponId"]))


@routes.delete("/V1/coupons/:couponId", RULES)
def delete_coupon(req: RestRequest) -> Any:
    return req.backend.checkout.rules.delete_coupon(req.params["couponId"])


@routes.post("/V1/coupons/generate", RULES)
def generate_coupons(req: RestRequest) -> Any:
    return req.backend.checkout.rules.generate(_object(req, "couponSpec"))
