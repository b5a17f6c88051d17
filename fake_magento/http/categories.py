"""Category routes (Catalog/etc/webapi.xml: categories and category product links)."""
from __future__ import annotations

from typing import Any

from fake_magento.errors import WebapiError, required_field
from fake_magento.http.request import RestRequest, snake_keys
from fake_magento.http.routing import Routes
from fake_magento.types import int_value, typed_fields

routes = Routes()
CATEGORIES = "Magento_Catalog::categories"


def optional_int(value: Any) -> int | None:
    return None if value is None or value == "" else int_value(value)


# catalog-data-category-interface scalar types (TypeProcessor checks them on input)
CATEGORY_TYPES = {"id": "int", "parent_id": "int", "position": "int", "level": "int", "children_count": "int",
                  "name": "string", "path": "string", "children": "string"}


def data_object(req: RestRequest, name: str) -> dict[str, Any]:
    value = req.arg(name)
    if value is None:
        raise required_field(name)
    if not isinstance(value, dict):
        raise WebapiError(f'The "{value if not isinstance(value, list) else "array"}" value\'s type is invalid.'
                          f' The "object" type was expected. Verify and try again.')
    return snake_keys(value)


@routes.get("/V1/categories", CATEGORIES)
def get_tree(req: RestRequest) -> Any:
    root = optional_int(req.arg("rootCategoryId"))
    depth = optional_int(req.arg("depth"))
    return req.backend.categories.tree(root, depth, req.scope)


@routes.get("/V1/categories/list", CATEGORIES)
def get_list(req: RestRequest) -> Any:
    from fake_magento.search import parse_search_criteria

    return req.backend.categories.get_list(parse_search_criteria(req.query), req.scope)


@routes.get("/V1/categories/:categoryId", CATEGORIES)
def get_category(req: RestRequest) -> Any:
    category_id = int_value(req.params["categoryId"])
    store_id = optional_int(req.arg("storeId"))
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
    return req.backend.categories.save(typed_fields(data_object(req, "category"), CATEGORY_TYPES), req.scope)


@routes.put("/V1/categories/:id", CATEGORIES)
def update_category(req: RestRequest) -> Any:
    # ParamsOverrider: the path id replaces category.id.
    data = typed_fields(data_object(req, "category"), CATEGORY_TYPES)
    path_id = req.params.get("id")  # an async/bulk item has no path values: its own id (or none) counts
    return req.backend.categories.save(data, req.scope,
                                       category_id=None if path_id is None else int_value(path_id))


@routes.delete("/V1/categories/:categoryId", CATEGORIES)
def delete_category(req: RestRequest) -> Any:
    return req.backend.categories.delete(int_value(req.params["categoryId"]))


@routes.put("/V1/categories/:categoryId/move", CATEGORIES)
def move_category(req: RestRequest) -> Any:
    category_id = int_value(req.params["categoryId"])
    parent_id = int_value(req.require("parentId"))
    after_id = optional_int(req.arg("afterId"))
    return req.backend.categories.move(category_id, parent_id, after_id)


@routes.get("/V1/categories/:categoryId/products", CATEGORIES)
def assigned_products(req: RestRequest) -> Any:
    return req.backend.categories.assigned_products(int_value(req.params["categoryId"]))


def _save_link(req: RestRequest) -> Any:
    link = data_object(req, "productLink")
    # ParamsOverrider: :categoryId is a property of the product link, so it replaces category_id.
    link["category_id"] = req.params["categoryId"]
    int_value(link["category_id"])
    if link.get("position") is not None:
        link["position"] = int_value(link["position"])
    return req.backend.categories.save_product_link(link)


@routes.post("/V1/categories/:categoryId/products", CATEGORIES)
def assign_product(req: RestRequest) -> Any:
    return _save_link(req)


@routes.put("/V1/categories/:categoryId/products", CATEGORIES)
def update_product_link(req: RestRequest) -> Any:
    return _save_link(req)


@routes.delete("/V1/categories/:categoryId/products/:sku", CATEGORIES)
def unassign_product(req: RestRequest) -> Any:
    return req.backend.categories.delete_product_link(int_value(req.params["categoryId"]), req.params["sku"])
