"""Guest cart routes (Quote/etc/webapi.xml, Checkout/etc/webapi.xml): ACL anonymous."""
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
