"""Customer routes (Customer/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria
from fake_magento.types import int_value

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
    # the path value is converted to int first (TypeProcessor): "abc" is a 400, not a 404
    return req.backend.customers.get(req.arg("customerId"))


@routes.post("/V1/customers/isEmailAvailable", "anonymous")
def is_email_available(req: RestRequest) -> Any:
    website_id = req.arg("websiteId")
    return req.backend.customer_accounts.is_email_available(
        req.require("customerEmail"), website_id if website_id is not None else req.scope.website_id)


MANAGE = "Magento_Customer::manage"
GROUP = "Magento_Customer::group"


def data_object(req: RestRequest, key: str) -> dict[str, Any]:
    """A data-object parameter as ServiceInputProcessor converted it (typed, snake_case keys)."""
    return dict(req.require(key))


@routes.post("/V1/customers", "anonymous")
def create(req: RestRequest) -> Any:
    customer = data_object(req, "customer")
    return req.backend.customer_accounts.create(
        customer, req.arg("password"), req.scope.store_id if not req.scope.is_admin else 1,
        may_set_group=req.user.allows(MANAGE))


@routes.put("/V1/customers/me", "self")
def save_me(req: RestRequest) -> Any:
    # Customer/etc/webapi.xml forces id, group_id, website_id and store_id from the token's customer
    # (Model/Webapi/ParamOverriderCustomer{GroupId,WebsiteId,StoreId})
    current = req.backend.customers.get(req.user.user_id)
    data = data_object(req, "customer")
    data.update({"id": current["id"], "group_id": current["group_id"], "website_id": current["website_id"],
                 "store_id": current["store_id"]})
    return req.backend.customers.update(req.user.user_id, data)


@routes.put("/V1/customers/:customerId", MANAGE)
def save(req: RestRequest) -> Any:
    customer = data_object(req, "customer")
    # an async/bulk item has no path values: the customer's own id counts. customerId is a string
    # parameter of the contract, written into customer.id (ParamsOverrider): its int cast is checked here
    return req.backend.customers.update(int_value(req.params.get("customerId", customer.get("id"))), customer)


@routes.delete("/V1/customers/:customerId", "Magento_Customer::delete")
def delete(req: RestRequest) -> Any:
    return req.backend.customers.delete(req.arg("customerId"))


@routes.get("/V1/customers/addresses/:addressId", MANAGE)
def get_address(req: RestRequest) -> Any:
    return req.backend.customer_addresses.get(req.arg("addressId"))


@routes.delete("/V1/addresses/:addressId", MANAGE)
def delete_address(req: RestRequest) -> Any:
    return req.backend.customer_addresses.delete_by_id(req.arg("addressId"))


@routes.get("/V1/customers/:customerId/billingAddress", MANAGE)
def billing_address(req: RestRequest) -> Any:
    # A null return is rendered as [] (ServiceOutputProcessor::convertValue).
    return req.backend.customer_accounts.default_address(req.arg("customerId"), "billing") or []


@routes.get("/V1/customers/:customerId/shippingAddress", MANAGE)
def shipping_address(req: RestRequest) -> Any:
    return req.backend.customer_accounts.default_address(req.arg("customerId"), "shipping") or []


@routes.get("/V1/customerGroups/default", GROUP)
def default_group(req: RestRequest) -> Any:
    return req.backend.customer_group_management.default_group()


@routes.get("/V1/customerGroups/default/:storeId", GROUP)
def default_group_of_store(req: RestRequest) -> Any:
    return req.backend.customer_group_management.default_group(req.arg("storeId"))


@routes.put("/V1/customerGroups/default/:id", GROUP)
def set_default_group(req: RestRequest) -> Any:
    return req.backend.customer_group_management.set_default_group(req.arg("id"))


@routes.get("/V1/customerGroups/search", GROUP)
def search_groups(req: RestRequest) -> Any:
    return req.backend.customer_groups.get_list(parse_search_criteria(req.query))


@routes.get("/V1/customerGroups/:id", GROUP)
def get_group(req: RestRequest) -> Any:
    return req.backend.customer_groups.get(req.arg("id"))


@routes.post("/V1/customerGroups", GROUP)
def create_group(req: RestRequest) -> Any:
    return req.backend.customer_groups.save(data_object(req, "group"))


@routes.put("/V1/customerGroups/:id", GROUP)
def save_group(req: RestRequest) -> Any:
    return req.backend.customer_groups.save(data_object(req, "group"), req.params["id"])


@routes.delete("/V1/customerGroups/:id", GROUP)
def delete_group(req: RestRequest) -> Any:
    return req.backend.customer_groups.delete_by_id(req.arg("id"))
