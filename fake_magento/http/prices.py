"""Price storage routes (Catalog/etc/webapi.xml: base, special and tier prices)."""
from __future__ import annotations

from typing import Any

from fake_magento.backend.catalog.prices import PriceStorage
from fake_magento.backend.catalog.tier_price_management import TierPriceManagement
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes

routes = Routes()
PRODUCTS = "Magento_Catalog::products"


def _prices(req: RestRequest) -> PriceStorage:
    return req.backend.catalog.prices


@routes.post("/V1/products/base-prices", PRODUCTS)
def base_update(req: RestRequest) -> Any:
    return _prices(req).base_update(req.require("prices"))


@routes.post("/V1/products/base-prices-information", PRODUCTS)
def base_get(req: RestRequest) -> Any:
    return _prices(req).base_get(req.arg("skus"))


@routes.post("/V1/products/special-price", PRODUCTS)
def special_update(req: RestRequest) -> Any:
    return _prices(req).special_update(req.require("prices"))


@routes.post("/V1/products/special-price-information", PRODUCTS)
def special_get(req: RestRequest) -> Any:
    return _prices(req).special_get(req.arg("skus"))


@routes.post("/V1/products/special-price-delete", PRODUCTS)
def special_delete(req: RestRequest) -> Any:
    return _prices(req).special_update(req.require("prices"), delete=True)


@routes.post("/V1/products/tier-prices", PRODUCTS)
def tier_update(req: RestRequest) -> Any:
    return _prices(req).tier_update(req.require("prices"))


@routes.put("/V1/products/tier-prices", PRODUCTS)
def tier_replace(req: RestRequest) -> Any:
    return _prices(req).tier_update(req.require("prices"), replace=True)


@routes.post("/V1/products/tier-prices-information", PRODUCTS)
def tier_get(req: RestRequest) -> Any:
    return _prices(req).tier_get(req.arg("skus"))


@routes.post("/V1/products/tier-prices-delete", PRODUCTS)
def tier_delete(req: RestRequest) -> Any:
    return _prices(req).tier_update(req.require("prices"), delete=True)


# -- legacy group prices (ProductTierPriceManagementInterface) --------------------------------
CATALOG = "Magento_Catalog::catalog"


def _tiers(req: RestRequest) -> TierPriceManagement:
    return req.backend.catalog.tier_price_management


@routes.get("/V1/products/:sku/group-prices/:customerGroupId/tiers", CATALOG)
def group_tiers(req: RestRequest) -> Any:
    return _tiers(req).get_list(req.params["sku"], req.params["customerGroupId"], req.scope)


@routes.post("/V1/products/:sku/group-prices/:customerGroupId/tiers/:qty/price/:price", CATALOG)
def group_tier_add(req: RestRequest) -> Any:
    return _tiers(req).add(req.params["sku"], req.params["customerGroupId"], req.params["price"],
                           req.params["qty"], req.scope)


@routes.delete("/V1/products/:sku/group-prices/:customerGroupId/tiers/:qty", CATALOG)
def group_tier_remove(req: RestRequest) -> Any:
    return _tiers(req).remove(req.params["sku"], req.params["customerGroupId"], req.params["qty"], req.scope)
