"""AccountManagement routes beyond create/get (Customer/etc/webapi.xml) and the customer attribute
metadata (CustomerMetadataInterface, AddressMetadataInterface)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.customers import CUSTOMER, MANAGE, data_object
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes

routes = Routes()


def service_args(req: RestRequest, *names: str) -> list[Any]:
    """The named parameters as ServiceInputProcessor converted them (it has checked the required
    ones); a name ending in ``?`` is optional (None when absent)."""
    return [req.arg(name.rstrip("?")) for name in names]


def lookup_website(req: RestRequest) -> str:
    """CustomerRegistry::retrieveByEmail without a website: the store's (a string, as the store model
    holds it), or the default view's when that is the admin website 0."""
    if req.scope.website_id:
        return str(req.scope.website_id)
    return str(req.backend.stores.default_scope().website_id)


# -- the customer's own account ("self"; customerId forced to the token's customer) -----------------
@routes.get("/V1/customers/me/billingAddress", "self")
def my_billing_address(req: RestRequest) -> Any:
    return req.backend.customer_accounts.default_address(req.user.user_id, "billing") or []


@routes.get("/V1/customers/me/shippingAddress", "self")
def my_shipping_address(req: RestRequest) -> Any:
    return req.backend.customer_accounts.default_address(req.user.user_id, "shipping") or []


@routes.put("/V1/customers/me/password", "self")
def change_my_password(req: RestRequest) -> Any:
    current, new = service_args(req, "currentPassword", "newPassword")
    return req.backend.customer_accounts.change_password(int(req.user.user_id or 0), current, new)


@routes.put("/V1/customers/me/activate", "self")
def activate_me(req: RestRequest) -> Any:
    (key,) = service_args(req, "confirmationKey")
    return req.backend.customer_accounts.activate(req.backend.customers.get(req.user.user_id), key)


# -- password reset (anonymous) --------------------------------------------------------------------
@routes.put("/V1/customers/password", "anonymous")
def initiate_password_reset(req: RestRequest) -> Any:
    email, template, website_id = service_args(req, "email", "template", "websiteId?")
    if website_id is None:  # initiatePasswordReset: the current store's website, even the admin's 0
        website_id = str(req.scope.website_id)
    return req.backend.customer_accounts.initiate_password_reset(email, template, website_id)


@routes.post("/V1/customers/resetPassword", "anonymous")
def reset_password(req: RestRequest) -> Any:
    email, token, new = service_args(req, "email", "resetToken", "newPassword")
    return req.backend.customer_accounts.reset_password(email, token, new, lookup_website(req))


@routes.get("/V1/customers/:customerId/password/resetLinkToken/:resetPasswordLinkToken", "anonymous")
def validate_reset_token(req: RestRequest) -> Any:
    customer_id = req.arg("customerId")
    return req.backend.customer_accounts.validate_reset_token(customer_id, req.params["resetPasswordLinkToken"])


# -- admin -----------------------------------------------------------------------------------------
@routes.get("/V1/customers/:customerId/confirm", MANAGE)
def confirmation_status(req: RestRequest) -> Any:
    return req.backend.customer_accounts.confirmation_status(req.arg("customerId"))


@routes.post("/V1/customers/confirm", MANAGE)
def resend_confirmation(req: RestRequest) -> Any:
    email, website_id, _redirect = service_args(req, "email", "websiteId", "redirectUrl?")
    return req.backend.customer_accounts.resend_confirmation(email, website_id)


@routes.put("/V1/customers/:email/activate", MANAGE)
def activate(req: RestRequest) -> Any:
    (key,) = service_args(req, "confirmationKey")
    account = req.backend.customer_accounts
    return account.activate(account.get_by_email(req.params["email"], lookup_website(req)), key)


@routes.put("/V1/customers/validate", MANAGE)
def validate(req: RestRequest) -> Any:
    return req.backend.customer_accounts.validate(data_object(req, "customer"))


@routes.get("/V1/customers/:customerId/permissions/readonly", CUSTOMER)
def is_readonly(req: RestRequest) -> Any:
    return req.backend.customer_accounts.is_readonly(req.arg("customerId"))


# -- attribute metadata ----------------------------------------------------------------------------
@routes.get("/V1/attributeMetadata/customer", CUSTOMER)
def customer_attributes(req: RestRequest) -> Any:
    return req.backend.customer_metadata.all()


@routes.get("/V1/attributeMetadata/customer/custom", CUSTOMER)
def customer_custom_attributes(req: RestRequest) -> Any:
    return req.backend.customer_metadata.custom()


@routes.get("/V1/attributeMetadata/customer/form/:formCode", CUSTOMER)
def customer_form_attributes(req: RestRequest) -> Any:
    return req.backend.customer_metadata.form(req.params["formCode"])


@routes.get("/V1/attributeMetadata/customer/attribute/:attributeCode", CUSTOMER)
def customer_attribute(req: RestRequest) -> Any:
    return req.backend.customer_metadata.get(req.params["attributeCode"])


@routes.get("/V1/attributeMetadata/customerAddress", CUSTOMER)
def address_attributes(req: RestRequest) -> Any:
    return req.backend.address_metadata.all()


@routes.get("/V1/attributeMetadata/customerAddress/custom", CUSTOMER)
def address_custom_attributes(req: RestRequest) -> Any:
    return req.backend.address_metadata.custom()


@routes.get("/V1/attributeMetadata/customerAddress/form/:formCode", CUSTOMER)
def address_form_attributes(req: RestRequest) -> Any:
    return req.backend.address_metadata.form(req.params["formCode"])


@routes.get("/V1/attributeMetadata/customerAddress/attribute/:attributeCode", CUSTOMER)
def address_attribute(req: RestRequest) -> Any:
    return req.backend.address_metadata.get(req.params["attributeCode"])
