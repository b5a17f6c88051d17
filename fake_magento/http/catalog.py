"""Product routes (Catalog/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.encoding import php_json
from fake_magento.http.request import RestRequest
from fake_magento.http.responses import json_text_response
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
    if "fields" in req.query:  # the fields filter works on the value
        return req.backend.catalog.read_product(req.params["sku"], req.scope)
    # the JSON is kept with the product (read_cache.py), encoded: the same bytes json_response would write
    return json_text_response(req.backend.catalog.read_product_as(req.params["sku"], req.scope, _json_bytes))


def _json_bytes(value: Any) -> bytes:
    return php_json(value).encode("utf-8")


@routes.post("/V1/products", PRODUCTS)
def product_create(req: RestRequest) -> Any:
    return req.backend.catalog.save_product(req.require("product"), req.scope)


@routes.put("/V1/products/:sku", PRODUCTS)
def product_update(req: RestRequest) -> Any:
    # ParamsOverrider: the path SKU replaces product.sku (an async/bulk item has no path values)
    return req.backend.catalog.save_product(req.require("product"), req.scope, sku=req.params.get("sku"))


@routes.delete("/V1/products/:sku", PRODUCTS)
def product_delete(req: RestRequest) -> Any:
    return req.backend.catalog.delete_product(req.params["sku"])


@routes.get("/V1/products/attributes/:attributeCode", ATTRIBUTES)
def attribute_get(req: RestRequest) -> Any:
    return req.backend.catalog.attribute_data(req.params["attributeCode"])


@routes.get("/V1/products/attributes/:attributeCode/options", ATTRIBUTES)
def attribute_options(req: RestRequest) -> Any:
    return req.backend.catalog.attribute_options(req.params["attributeCode"])


# -- configurable (ConfigurableProduct/etc/webapi.xml) ----------------------------------------
@routes.get("/V1/configurable-products/:sku/children", PRODUCTS)
def configurable_children(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.children(req.params["sku"], req.scope)


@routes.post("/V1/configurable-products/:sku/child", PRODUCTS)
def configurable_add_child(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.add_child(req.params["sku"], str(req.require("childSku")))


@routes.delete("/V1/configurable-products/:sku/children/:childSku", PRODUCTS)
def configurable_remove_child(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.remove_child(req.params["sku"], req.params["childSku"])


@routes.get("/V1/configurable-products/:sku/options/all", PRODUCTS)
def configurable_options(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.option_list(req.params["sku"])


@routes.get("/V1/configurable-products/:sku/options/:id", PRODUCTS)
def configurable_option(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.option_get(req.params["sku"], req.params["id"])


@routes.post("/V1/configurable-products/:sku/options", PRODUCTS)
def configurable_option_add(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.option_save(req.params["sku"], req.require("option"))


@routes.put("/V1/configurable-products/:sku/options/:id", PRODUCTS)
def configurable_option_update(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.option_save(req.params["sku"], req.require("option"),
                                                              req.params["id"])


@routes.delete("/V1/configurable-products/:sku/options/:id", PRODUCTS)
def configurable_option_delete(req: RestRequest) -> Any:
    return req.backend.catalog.types.configurable.option_delete(req.params["sku"], req.params["id"])


# -- product links (Catalog/etc/webapi.xml) ----------------------------------------------------
CATALOG = "Magento_Catalog::catalog"


@routes.get("/V1/products/options/types", CATALOG)
def custom_option_types(req: RestRequest) -> Any:
    return req.backend.catalog.custom_options.types()


@routes.get("/V1/products/:sku/options", CATALOG)
def custom_options(req: RestRequest) -> Any:
    return req.backend.catalog.custom_options.get_list(req.params["sku"])


@routes.get("/V1/products/:sku/options/:optionId", CATALOG)
def custom_option(req: RestRequest) -> Any:
    return req.backend.catalog.custom_options.get(req.params["sku"], req.arg("optionId"))


@routes.get("/V1/products/links/types", CATALOG)
def link_types(req: RestRequest) -> Any:
    return req.backend.catalog.types.links.link_types()


@routes.get("/V1/products/:sku/links/:type", CATALOG)
def links_by_type(req: RestRequest) -> Any:
    return req.backend.catalog.types.links.by_type(req.params["sku"], req.params["type"])


@routes.post("/V1/products/:sku/links", CATALOG)
def links_add(req: RestRequest) -> Any:
    return req.backend.catalog.types.links.add(req.params["sku"], req.require("items"))


@routes.put("/V1/products/:sku/links", CATALOG)
def links_save(req: RestRequest) -> Any:
    return req.backend.catalog.types.links.save_one(req.params["sku"], req.require("entity"))


@routes.delete("/V1/products/:sku/links/:type/:linkedProductSku", CATALOG)
def links_delete(req: RestRequest) -> Any:
    return req.backend.catalog.types.links.delete(req.params["sku"], req.params["type"],
                                                  req.params["linkedProductSku"])


# -- bundle (Bundle/etc/webapi.xml) ------------------------------------------------------------
@routes.get("/V1/bundle-products/options/types", PRODUCTS)
def bundle_option_types(req: RestRequest) -> Any:
    # Bundle/Model/Source/Option/Type (Bundle/etc/di.xml option types)
    return [{"label": "Drop-down", "code": "select"}, {"label": "Radio Buttons", "code": "radio"},
            {"label": "Checkbox", "code": "checkbox"}, {"label": "Multiple Select", "code": "multi"}]


@routes.get("/V1/bundle-products/:sku/options/all", PRODUCTS)
def bundle_options(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.option_list(req.params["sku"])


@routes.get("/V1/bundle-products/:sku/options/:optionId", PRODUCTS)
def bundle_option(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.option_get(req.params["sku"], req.params["optionId"])


@routes.post("/V1/bundle-products/options/add", PRODUCTS)
def bundle_option_add(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.option_save(req.require("option"))


@routes.put("/V1/bundle-products/options/:optionId", PRODUCTS)
def bundle_option_update(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.option_save(req.require("option"), req.params["optionId"])


@routes.delete("/V1/bundle-products/:sku/options/:optionId", PRODUCTS)
def bundle_option_delete(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.option_delete(req.params["sku"], req.params["optionId"])


@routes.get("/V1/bundle-products/:productSku/children", PRODUCTS)
def bundle_children(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.children(req.params["productSku"])


@routes.post("/V1/bundle-products/:sku/links/:optionId", PRODUCTS)
def bundle_add_child(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.add_child(req.params["sku"], req.params["optionId"],
                                                      req.require("linkedProduct"))


@routes.put("/V1/bundle-products/:sku/links/:id", PRODUCTS)
def bundle_save_child(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.save_child(req.params["sku"], req.require("linkedProduct"),
                                                       req.params["id"])


@routes.delete("/V1/bundle-products/:sku/options/:optionId/children/:childSku", PRODUCTS)
def bundle_remove_child(req: RestRequest) -> Any:
    return req.backend.catalog.types.bundle.remove_child(req.params["sku"], req.params["optionId"],
                                                         req.params["childSku"])


# -- downloadable (Downloadable/etc/webapi.xml) ------------------------------------------------
DOWNLOADABLE = "Magento_Downloadable::downloadable"


@routes.get("/V1/products/:sku/downloadable-links", DOWNLOADABLE)
def downloadable_links(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.link_list(req.params["sku"])


@routes.get("/V1/products/:sku/downloadable-links/samples", DOWNLOADABLE)
def downloadable_samples(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.sample_list(req.params["sku"])


@routes.post("/V1/products/:sku/downloadable-links", DOWNLOADABLE)
def downloadable_link_add(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.save_item(req.params["sku"], req.require("link"), "link")


@routes.put("/V1/products/:sku/downloadable-links/:id", DOWNLOADABLE)
def downloadable_link_update(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.save_item(req.params["sku"], req.require("link"), "link",
                                                            req.params["id"])


@routes.delete("/V1/products/downloadable-links/:id", DOWNLOADABLE)
def downloadable_link_delete(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.delete_item(req.params["id"], "link")


@routes.post("/V1/products/:sku/downloadable-links/samples", DOWNLOADABLE)
def downloadable_sample_add(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.save_item(req.params["sku"], req.require("sample"), "sample")


@routes.put("/V1/products/:sku/downloadable-links/samples/:id", DOWNLOADABLE)
def downloadable_sample_update(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.save_item(req.params["sku"], req.require("sample"), "sample",
                                                            req.params["id"])


@routes.delete("/V1/products/downloadable-links/samples/:id", DOWNLOADABLE)
def downloadable_sample_delete(req: RestRequest) -> Any:
    return req.backend.catalog.types.downloadable.delete_item(req.params["id"], "sample")
