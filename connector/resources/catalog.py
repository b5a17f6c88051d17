"""Products (all six types) and categories."""
from __future__ import annotations

from typing import Any

from connector.models import Product
from connector.requestor import path
from connector.resources.base import Resource


class Products(Resource[Product]):
    list_path = "products"
    key = "id"
    model = Product

    def get(self, sku: str, *, store: str | None = None) -> Product:
        return self.load(self.get_raw(sku, store=store))

    def get_raw(self, sku: str, *, store: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = self.requestor.get(path("products/{}", sku), store=store)
        return body

    def create(self, product: dict[str, Any], *, store: str | None = None, api: str | None = None) -> Any:
        """``POST /V1/products``; in ``async/V1`` mode the answer is the bulk receipt."""
        return self.requestor.post("products", {"product": product}, store=store, api=api)

    def save(self, product: dict[str, Any], *, store: str | None = None, api: str | None = None) -> Any:
        """``PUT /V1/products/{sku}`` (an upsert: ProductRepository::save). In a store view's scope it
        writes that view's values; ``store="all"`` writes the admin (default) values."""
        return self.requestor.put(path("products/{}", product["sku"]), {"product": product}, store=store,
                                  api=api, idempotent=True)

    def save_many(self, products: list[dict[str, Any]], *, store: str | None = None) -> Any:
        """``PUT /rest/<store>/async/bulk/V1/products/bySku``: one bulk, one operation per product."""
        return self.requestor.put("products/bySku", [{"product": p} for p in products], store=store,
                                  api="async/bulk/V1")

    def delete(self, sku: str) -> bool:
        return bool(self.requestor.delete(path("products/{}", sku)))

    def children(self, sku: str) -> list[dict[str, Any]]:
        """A configurable's simple children."""
        return list(self.requestor.get(path("configurable-products/{}/children", sku)) or [])

    def bundle_options(self, sku: str) -> list[dict[str, Any]]:
        return list(self.requestor.get(path("bundle-products/{}/options/all", sku)) or [])

    def links(self, sku: str, link_type: str) -> list[dict[str, Any]]:
        """Grouped (``associated``), ``related``, ``upsell`` and ``crosssell`` links."""
        return list(self.requestor.get(path("products/{}/links/{}", sku, link_type)) or [])

    def downloadable_links(self, sku: str) -> list[dict[str, Any]]:
        return list(self.requestor.get(path("products/{}/downloadable-links", sku)) or [])


class Categories(Resource[dict[str, Any]]):
    list_path = "categories/list"
    key = "id"

    def get(self, category_id: int, *, store: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = self.requestor.get(path("categories/{}", category_id), store=store)
        return body

    def tree(self, root_id: int | None = None, depth: int | None = None, *,
             store: str | None = None) -> dict[str, Any]:
        params = [(k, v) for k, v in (("rootCategoryId", root_id), ("depth", depth)) if v is not None]
        body: dict[str, Any] = self.requestor.request("GET", "categories", params=params, store=store)
        return body

    def products(self, category_id: int) -> list[dict[str, Any]]:
        return list(self.requestor.get(path("categories/{}/products", category_id)) or [])
