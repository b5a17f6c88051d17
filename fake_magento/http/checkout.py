"""Cart routes (Quote/etc/webapi.xml, Checkout/etc/webapi.xml): guest carts are anonymous, mine are self."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest, snake_keys
from fake_magento.http.routing import Routes

routes = Routes()
GUEST = "anonymous"


@routes.post("/V1/guest-carts", GUEST)
def create_cart(req: RestRequest) -> Any:
    return req.backend.checkout.create_guest_cart(req.scope)


@routes.get("/V1/guest-carts/:cartId", GUEST)
def get_cart(req: RestRequest) -> Any:
    return req.backend.checkout.get_cart(req.params["cartId"])


@routes.get("/V1/guest-carts/:cartId/items", GUEST)
def cart_items(req: RestRequest) -> Any:
    return req.backend.checkout.items(req.params["cartId"])


@routes.post("/V1/guest-carts/:cartId/items", GUEST)
def add_item(req: RestRequest) -> Any:
    return req.backend.checkout.add_item(req.params["cartId"], snake_keys(req.require("cartItem")))


@routes.post("/V1/guest-carts/:cartId/estimate-shipping-methods", GUEST)
def estimate(req: RestRequest) -> Any:
    return req.backend.checkout.estimate_shipping(req.params["cartId"], req.require("address"))


@routes.post("/V1/guest-carts/:cartId/shipping-information", GUEST)
def shipping_information(req: RestRequest) -> Any:
    return req.backend.checkout.set_shipping_information(req.params["cartId"],
                                                         snake_keys(req.require("addressInformation")))


@routes.get("/V1/guest-carts/:cartId/payment-methods", GUEST)
def payment_methods(req: RestRequest) -> Any:
    return req.backend.checkout.payment_methods(req.params["cartId"])


@routes.get("/V1/guest-carts/:cartId/totals", GUEST)
def totals(req: RestRequest) -> Any:
    return req.backend.checkout.totals(req.params["cartId"])


@routes.post("/V1/guest-carts/:cartId/payment-information", GUEST)
def payment_information(req: RestRequest) -> Any:
    billing = req.arg("billingAddress")
    return req.backend.checkout.place_guest_order(req.params["cartId"], req.require("email"),
                                                  snake_keys(req.require("paymentMethod")),
                                                  snake_keys(billing) if billing else None)


# -- customer carts (resource "self": the cart of the customer in the token) -------------------
def _mine(req: RestRequest, create: bool = False) -> str:
    return req.backend.checkout.customer_cart(int(req.user.user_id), req.scope, create=create)


@routes.post("/V1/carts/mine", "self")
def mine_create(req: RestRequest) -> Any:
    # QuoteManagement::createEmptyCartForCustomer returns the quote id (an int)
    return req.backend.checkout.quote_id(_mine(req, create=True))


@routes.get("/V1/carts/mine", "self")
def mine_get(req: RestRequest) -> Any:
    return req.backend.checkout.get_cart(_mine(req))


@routes.get("/V1/carts/mine/items", "self")
def mine_items(req: RestRequest) -> Any:
    return req.backend.checkout.items(_mine(req))


@routes.post("/V1/carts/mine/items", "self")
def mine_add_item(req: RestRequest) -> Any:
    return req.backend.checkout.add_item(_mine(req), snake_keys(req.require("cartItem")))


@routes.post("/V1/carts/mine/estimate-shipping-methods", "self")
def mine_estimate(req: RestRequest) -> Any:
    return req.backend.checkout.estimate_shipping(_mine(req), req.require("address"))


@routes.post("/V1/carts/mine/shipping-information", "self")
def mine_shipping_information(req: RestRequest) -> Any:
    return req.backend.checkout.set_shipping_information(_mine(req), snake_keys(req.require("addressInformation")))


@routes.get("/V1/carts/mine/payment-methods", "self")
def mine_payment_methods(req: RestRequest) -> Any:
    return req.backend.checkout.payment_methods(_mine(req))


@routes.get("/V1/carts/mine/totals", "self")
def mine_totals(req: RestRequest) -> Any:
    return req.backend.checkout.totals(_mine(req))


@routes.post("/V1/carts/mine/payment-information", "self")
def mine_payment_information(req: RestRequest) -> Any:
    billing = req.arg("billingAddress")
    return req.backend.checkout.place_guest_order(_mine(req), None, snake_keys(req.require("paymentMethod")),
                                                  snake_keys(billing) if billing else None)
