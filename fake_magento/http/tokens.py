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
