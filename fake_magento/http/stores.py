"""Store topology routes (Store/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes

routes = Routes()
STORE = "Magento_Backend::store"


@routes.get("/V1/store/websites", STORE)
def websites(req: RestRequest) -> Any:
    # Only a caller the bearer token did not name (an OAuth-signed integration) passes through the
    # customer session, which loads the current store's website before the list is read.
    loaded = req.scope.website_id if req.user.customer_session else None
    return req.backend.stores.website_data(loaded_first=loaded)


@routes.get("/V1/store/storeGroups", STORE)
def store_groups(req: RestRequest) -> Any:
    return req.backend.stores.group_data()


@routes.get("/V1/store/storeViews", STORE)
def store_views(req: RestRequest) -> Any:
    return req.backend.stores.store_data()


@routes.get("/V1/store/storeConfigs", STORE)
def store_configs(req: RestRequest) -> Any:
    codes = req.arg("storeCodes")
    if isinstance(codes, dict):
        codes = list(codes.values())
    elif isinstance(codes, str):
        codes = [codes]
    return req.backend.stores.store_config_data(codes or None)
