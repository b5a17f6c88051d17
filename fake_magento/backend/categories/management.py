"""CategoryManagement (Catalog/Model/CategoryManagement): the category tree and moving a category."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.categories import TREE_ROOT_ID, category_head, category_not_found, stored_flag
from fake_magento.backend.scope import StoreScope
from fake_magento.errors import MagentoError

if TYPE_CHECKING:
    from fake_magento.backend.categories import CategoryService


class CategoryManagement:
    def __init__(self, categories: CategoryService) -> None:
        self.categories = categories

    def tree(self, root_id: int | None, depth: int | None, scope: StoreScope) -> dict[str, Any]:
        """CategoryManagement::getTree and Category/Tree::getTree."""
        if root_id is not None:
            row = self.categories.row(root_id)
            if row is None:
                raise category_not_found(root_id)
            root = row["entity_id"]
        elif scope.is_admin:
            root = TREE_ROOT_ID  # getTopLevelCategory: the level-0 category
        else:
            group = next(g for g in self.categories.stores.groups() if g["group_id"] == scope.group_id)
            root = group["root_category_id"]
        rows = {r["entity_id"]: r for r in self.categories.db.query("SELECT * FROM catalog_category_entity")}
        if root not in rows:
            raise category_not_found(root)
        children: dict[int, list[int]] = {}
        for r in sorted(rows.values(), key=lambda r: (r["position"], r["entity_id"])):
            children.setdefault(r["parent_id"], []).append(r["entity_id"])
        values = self.categories.values(list(rows), scope.fallback_store_ids())
        counts = self._product_counts(rows, values)

        def node(cid: int, level: int) -> dict[str, Any]:
            out = category_head(rows[cid], values[cid], tree=True)
            out["product_count"] = counts.get(cid, 0)
            kids = []
            if depth is None or level < depth:
                kids = [node(k, level + 1) for k in children.get(cid, [])]
            out["children_data"] = kids
            return out

        return node(root, 0)

    def _product_counts(self, rows: dict[int, Any], values: dict[int, dict[str, Any]]) -> dict[int, int]:
        """Collection::loadProductCount: anchors count the products of their whole subtree."""
        links = self.categories.db.query("SELECT category_id, product_id FROM catalog_category_product")
        direct: dict[int, set[int]] = {}
        for link in links:
            direct.setdefault(link["category_id"], set()).add(link["product_id"])
        counts: dict[int, int] = {}
        for cid, r in rows.items():
            if stored_flag(values.get(cid, {}).get("is_anchor")):
                prefix = r["path"] + "/"
                products: set[int] = set(direct.get(cid, set()))
                for other, o in rows.items():
                    if o["path"].startswith(prefix):
                        products |= direct.get(other, set())
                counts[cid] = len(products)
            else:
                counts[cid] = len(direct.get(cid, set()))
        return counts


    def move(self, category_id: int, parent_id: int, after_id: int | None = None) -> bool:
        """CategoryManagement::move, Category::move and ResourceModel\\Category::changeParent."""
        model = self.categories.row(category_id)
        if model is None:
            raise category_not_found(category_id)
        parent = self.categories.row(parent_id)
        if parent is None:
            raise category_not_found(parent_id)
        kids = self.categories.children_ids(parent["entity_id"])
        if kids:
            last = kids[-1]
            # Magento compares the ids themselves, not positions.
            after_id = last if after_id is None or int(after_id) > last else int(after_id)
        if parent["path"].startswith(model["path"] + "/"):
            raise MagentoError("Operation do not allow to move a parent category to any of children category")
        if parent["entity_id"] == model["entity_id"]:
            raise MagentoError("Could not move category")
        cid = model["entity_id"]
        with self.categories.db.write() as conn:
            count = model["children_count"] + 1
            old_ancestors = [int(p) for p in model["path"].split("/")[:-1]]
            new_ancestors = [int(p) for p in parent["path"].split("/")]
            for ids, sign in ((old_ancestors, "-"), (new_ancestors, "+")):
                marks = ",".join("?" * len(ids))
                conn.execute(f"UPDATE catalog_category_entity SET children_count = children_count {sign} ?"
                             f" WHERE entity_id IN ({marks})", (count, *ids))
            new_path = f"{parent['path']}/{cid}"
            level_delta = parent["level"] + 1 - model["level"]
            conn.execute(
                "UPDATE catalog_category_entity SET path = ? || substr(path, ?), level = level + ?"
                " WHERE path LIKE ?", (new_path, len(model["path"]) + 1, level_delta, model["path"] + "/%"))
            # _processPositions
            conn.execute("UPDATE catalog_category_entity SET position = position - 1 WHERE parent_id=? AND position > ?",
                         (model["parent_id"], model["position"]))
            if after_id:
                got = conn.execute("SELECT position FROM catalog_category_entity WHERE entity_id=?",
                                   (after_id,)).fetchone()
                position = (got[0] if got else 0) + 1
            else:
                position = 1
            conn.execute("UPDATE catalog_category_entity SET position = position + 1 WHERE parent_id=? AND position >= ?",
                         (parent["entity_id"], position))
            conn.execute("UPDATE catalog_category_entity SET path=?, level=?, parent_id=?, position=? WHERE entity_id=?",
                         (new_path, parent["level"] + 1, parent["entity_id"], position, cid))
        return True
