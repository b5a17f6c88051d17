"""Customer routes (Customer/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.errors import required_field
from fake_magento.types import int_value
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

routes = Routes()
CUSTOMER = "Magento_Customer::customer"


@routes.get("/V1/customers/me", "self")
def me(req: RestRequest) -> Any:
    return req.backend.customers.get(req.user.user_id)


@routes.get("/V1/customers/search", CUSTOMER)
def search(req: RestRequest) -> Any:
    return req.backend.customers.get_list(parse_search_criteria(req.query))


@routes.get("/V1/customers/:customerId", CUSTOMER)
def get(req: RestRequest) -> Any:
    return req.backend.customers.get(req.params["customerId"])


@routes.post("/V1/customers/isEmailAvailable", "anonymous")
def is_email_available(req: RestRequest) -> Any:
    email = req.arg("customerEmail")
    if email is None:
        raise required_field("customerEmail")
    website_id = req.arg("websiteId")
    return req.backend.customers.is_email_available(
        str(email), int_value(website_id) if website_id is not None else req.scope.website_id)
