"""Token services (Integration/etc/webapi.xml), ACL anonymous."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes

routes = Routes()


@routes.post("/V1/integration/admin/token", "anonymous")
def admin_token(req: RestRequest) -> Any:
    return req.backend.auth.create_admin_token(req.arg("username"), req.arg("password"))


@routes.post("/V1/integration/customer/token", "anonymous")
def customer_token(req: RestRequest) -> Any:
    return req.backend.auth.create_customer_token(req.arg("username"), req.arg("password"), req.scope.website_id)


@routes.post("/V1/integration/customer/revoke-customer-token", "self")
def revoke_customer_token(req: RestRequest) -> Any:
    # Integration/etc/webapi.xml: resource "self", customerId forced to the token's customer
    return req.backend.auth.revoke_customer_token(int(req.user.user_id or 0))
