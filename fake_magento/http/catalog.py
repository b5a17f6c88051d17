"""Product routes (Catalog/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

routes = Routes()
PRODUCTS = "Magento_Catalog::products"
ATTRIBUTES = "Magento_Catalog::attributes_attributes"


@routes.get("/V1/products", PRODUCTS)
def product_list(req: RestRequest) -> Any:
    return req.backend.catalog.get_list(parse_search_criteria(req.query), req.scope)


@routes.get("/V1/products/types", PRODUCTS)
def product_types(req: RestRequest) -> Any:
    return req.backend.catalog.product_types()


@routes.get("/V1/products/:sku", PRODUCTS)
def product_get(req: RestRequest) -> Any:
    return req.backend.catalog.get_product(req.params["sku"], req.scope)


@routes.post("/V1/products", PRODUCTS)
def product_create(req: RestRequest) -> Any:
    return req.backend.catalog.save_product(req.require("product"), req.scope)


@routes.put("/V1/products/:sku", PRODUCTS)
def product_update(req: RestRequest) -> Any:
    return req.backend.catalog.save_product(req.require("product"), req.scope, sku=req.params["sku"])


@routes.delete("/V1/products/:sku", PRODUCTS)
def product_delete(req: RestRequest) -> Any:
    return req.backend.catalog.delete_product(req.params["sku"])


@routes.get("/V1/products/attributes/:attributeCode", ATTRIBUTES)
def attribute_get(req: RestRequest) -> Any:
    return req.backend.catalog.attribute_data(req.params["attributeCode"])


@routes.get("/V1/products/attributes/:attributeCode/options", ATTRIBUTES)
def attribute_options(req: RestRequest) -> Any:
    return req.backend.catalog.attribute_options(req.params["attributeCode"])
