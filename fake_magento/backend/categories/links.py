"""A category's products (Catalog/Model/CategoryLinkManagement and CategoryLinkRepository): the
``catalog_category_product`` rows, read and written for the category routes and for product saves."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.categories import category_not_found
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.categories import CategoryService
    from fake_magento.backend.product_ids import ProductIds
    from fake_magento.storage import Database


class CategoryLinks:
    def __init__(self, db: Database, *, categories: CategoryService, products: ProductIds) -> None:
        self.db = db
        self.categories = categories
        self.products = products

    def assigned_products(self, category_id: int) -> list[dict[str, Any]]:
        """CategoryLinkManagement::getAssignedProducts."""
        row = self.categories.row(category_id)
        if row is None:
            raise category_not_found(category_id)
        return [{"sku": r["sku"], "position": r["position"], "category_id": str(row["entity_id"])}
                for r in self.db.query(
                    "SELECT sku, position FROM catalog_category_product WHERE category_id=? ORDER BY product_id",
                    (row["entity_id"],))]

    def _product_id(self, sku: Any) -> int:
        product_id = self.products.find_id(sku) if sku is not None else None
        if product_id is None:
            raise NoSuchEntityError(
                "The product that was requested doesn't exist. Verify the product and try again.")
        return int(product_id)

    def save_product_link(self, link: dict[str, Any]) -> bool:
        """CategoryLinkRepository::save: assign (or re-position) one product."""
        row = self.categories.row(link.get("category_id"))
        if row is None:
            raise category_not_found(link.get("category_id"))
        product_id = self._product_id(link.get("sku"))
        position = link.get("position")
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO catalog_category_product(category_id, product_id, sku, position) VALUES (?,?,?,?)"
                " ON CONFLICT(category_id, product_id) DO UPDATE SET position=excluded.position, sku=excluded.sku",
                (row["entity_id"], product_id, str(link.get("sku")), int(position or 0)))
        return True

    def delete_product_link(self, category_id: int, sku: str) -> bool:
        """CategoryLinkRepository::deleteByIds."""
        row = self.categories.row(category_id)
        if row is None:
            raise category_not_found(category_id)
        product_id = self._product_id(sku)
        with self.db.write() as conn:
            cur = conn.execute("DELETE FROM catalog_category_product WHERE category_id=? AND product_id=?",
                               (row["entity_id"], product_id))
            if cur.rowcount == 0:
                raise InputError("The category doesn't contain the specified product.")
        return True

    # -- for the catalog: a product's extension_attributes.category_links ---------------------
    def links_for_product(self, product_id: int) -> list[dict[str, Any]]:
        """``extension_attributes.category_links``: [{"position": int, "category_id": "3"}]."""
        return [{"position": r["position"], "category_id": str(r["category_id"])} for r in self.db.query(
            "SELECT category_id, position FROM catalog_category_product WHERE product_id=? ORDER BY category_id",
            (product_id,))]

    def category_ids_for_product(self, product_id: int) -> list[str]:
        """``custom_attributes.category_ids``: an array of strings."""
        return [link["category_id"] for link in self.links_for_product(product_id)]

    def product_ids_in(self, category_ids: list[int], *, anchors: bool = False) -> list[int]:
        """Products assigned to any of the categories (for a catalog ``category_id`` filter)."""
        if not category_ids:
            return []
        marks = ",".join("?" * len(category_ids))
        return [r[0] for r in self.db.query(
            f"SELECT DISTINCT product_id FROM catalog_category_product WHERE category_id IN ({marks})"
            f" ORDER BY product_id", category_ids)]

    def set_product_links(self, product_id: int, links: list[dict[str, Any]], sku: str | None = None) -> None:
        """Replace the product's category assignments (product save with category_links).

        A link to a category that does not exist fails the product save
        (ProductRepository::save: "The product was unable to be saved. Please try again.").
        """
        wanted: dict[int, int] = {}
        for link in links:
            cid = link.get("category_id") if isinstance(link, dict) else link
            try:
                cid_int = int(cid)
            except (TypeError, ValueError):
                raise MagentoError("The product was unable to be saved. Please try again.") from None
            if not self.categories.exists(cid_int):
                raise MagentoError("The product was unable to be saved. Please try again.")
            wanted[cid_int] = int((link.get("position") if isinstance(link, dict) else 0) or 0)
        if sku is None:
            got = self.db.one("SELECT sku FROM catalog_category_product WHERE product_id=? LIMIT 1", (product_id,))
            sku = got[0] if got else ""
        with self.db.write() as conn:
            conn.execute("DELETE FROM catalog_category_product WHERE product_id=?", (product_id,))
            for cid_int, position in wanted.items():
                conn.execute("INSERT INTO catalog_category_product(category_id, product_id, sku, position)"
                             " VALUES (?,?,?,?)", (cid_int, product_id, sku, position))

    def on_product_saved(self, product_id: int, sku: str) -> None:
        """Keep the stored SKU current when a product's SKU changes."""
        with self.db.write() as conn:
            conn.execute("UPDATE catalog_category_product SET sku=? WHERE product_id=?", (sku, product_id))

    def on_product_deleted(self, product_id: int) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM catalog_category_product WHERE product_id=?", (product_id,))
