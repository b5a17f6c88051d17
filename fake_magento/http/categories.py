"""Category routes (Catalog/etc/webapi.xml: categories and category product links)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.types import int_value

routes = Routes()
CATEGORIES = "Magento_Catalog::categories"


@routes.get("/V1/categories", CATEGORIES)
def get_tree(req: RestRequest) -> Any:
    return req.backend.category_management.tree(req.arg("rootCategoryId"), req.arg("depth"), req.scope)


@routes.get("/V1/categories/list", CATEGORIES)
def get_list(req: RestRequest) -> Any:
    from fake_magento.search import parse_search_criteria

    return req.backend.categories.get_list(parse_search_criteria(req.query), req.scope)


@routes.get("/V1/categories/:categoryId", CATEGORIES)
def get_category(req: RestRequest) -> Any:
    category_id = req.arg("categoryId")
    store_id = req.arg("storeId")
    scope = req.scope
    if store_id is not None:
        try:
            scope = req.backend.stores.scope_for_store_id(store_id)
        except StopIteration:
            from fake_magento.errors import NoSuchEntityError

            raise NoSuchEntityError("The store that was requested wasn't found. Verify the store and try again.")
    return req.backend.categories.get(category_id, scope)


@routes.post("/V1/categories", CATEGORIES)
def create_category(req: RestRequest) -> Any:
    return req.backend.categories.save(req.require("category"), req.scope)


@routes.put("/V1/categories/:id", CATEGORIES)
def update_category(req: RestRequest) -> Any:
    # ParamsOverrider: the path id (a string parameter of the contract) replaces category.id.
    data = req.require("category")
    path_id = req.params.get("id")  # an async/bulk item has no path values: its own id (or none) counts
    return req.backend.categories.save(data, req.scope,
                                       category_id=None if path_id is None else int_value(path_id))


@routes.delete("/V1/categories/:categoryId", CATEGORIES)
def delete_category(req: RestRequest) -> Any:
    return req.backend.categories.delete(req.arg("categoryId"))


@routes.put("/V1/categories/:categoryId/move", CATEGORIES)
def move_category(req: RestRequest) -> Any:
    return req.backend.category_management.move(req.require("categoryId"), req.require("parentId"), req.arg("afterId"))


@routes.get("/V1/categories/:categoryId/products", CATEGORIES)
def assigned_products(req: RestRequest) -> Any:
    return req.backend.category_links.assigned_products(req.arg("categoryId"))


def _save_link(req: RestRequest) -> Any:
    link = dict(req.require("productLink"))
    # ParamsOverrider: :categoryId is a property of the product link, so it replaces category_id
    # (a string field: the repository's int cast of it is checked here)
    link["category_id"] = req.params.get("categoryId", link.get("category_id"))
    int_value(link["category_id"])
    return req.backend.category_links.save_product_link(link)


@routes.post("/V1/categories/:categoryId/products", CATEGORIES)
def assign_product(req: RestRequest) -> Any:
    return _save_link(req)


@routes.put("/V1/categories/:categoryId/products", CATEGORIES)
def update_product_link(req: RestRequest) -> Any:
    return _save_link(req)


@routes.delete("/V1/categories/:categoryId/products/:sku", CATEGORIES)
def unassign_product(req: RestRequest) -> Any:
    return req.backend.category_links.delete_product_link(req.arg("categoryId"), req.arg("sku"))
