"""Category tree: root 1 ("Root Catalog"), 2 ("Default Category", the root of both store groups)
and, outside the minimal profile, a small tree under 2 with German and French store-view names.

Categories below 2 are created through ``CategoryService.save`` (the code behind POST/PUT
/V1/categories); 1 and 2 have fixed ids, as on a fresh Magento install.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.scope import ADMIN_STORE_ID

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

# Seeded rows get a fixed time so the same seed gives the same bytes.

# (name, de, fr, parent index or None for category 2, extra attributes)
TREE = [
    ("Gear", "Ausrüstung", "Équipement", None, {"is_anchor": "1"}),
    ("Bags", "Taschen", "Sacs", 0, {}),
    ("Fitness Equipment", "Fitnessgeräte", "Équipement de fitness", 0, {}),
    ("Men", "Herren", "Hommes", None, {"is_anchor": "1"}),
    ("Tops", "Oberteile", "Hauts", 3, {}),
    ("Bottoms", "Unterteile", "Bas", 3, {}),
    ("Women", "Damen", "Femmes", None, {"is_anchor": "1"}),
    ("Tops", "Oberteile", "Hauts", 6, {}),
    ("Bottoms", "Unterteile", "Bas", 6, {}),
    ("Sale", "Angebote", "Soldes", None, {"include_in_menu": False}),
]
# With ``category_depth`` 6 (seed/more.py): a chain below Fitness Equipment, six levels under
# Default Category: (name, de, fr, parent index in TREE + DEEP).
DEEP = [
    ("Yoga", "Yoga", "Yoga", 2, {}),
    ("Mats", "Matten", "Tapis", 10, {}),
    ("Travel Mats", "Reisematten", "Tapis de voyage", 11, {}),
    ("Foldable", "Faltbar", "Pliables", 12, {}),
]


def seed(ctx: SeedContext) -> None:
    backend = ctx.backend
    service = backend.categories
    with backend.db.write() as conn:
        service.create_raw(conn, 1, 0, "1", 0, 0, {
            ADMIN_STORE_ID: {"name": "Root Catalog", "include_in_menu": "1"}})
        service.create_raw(conn, 2, 1, "1/2", 1, 1, {
            ADMIN_STORE_ID: {"name": "Default Category", "is_active": "1", "include_in_menu": "1",
                             "display_mode": "PRODUCTS", "is_anchor": "1"}})
        conn.execute("UPDATE catalog_category_entity SET children_count = 1 WHERE entity_id = 1")
    if not ctx.settings.get("category_tree", ctx.profile != "minimal"):
        return
    create_tree(ctx, TREE)


def create_tree(ctx: SeedContext, tree: list[tuple[str, str, str, int | None, dict[str, Any]]],
                known: list[int] | None = None) -> list[int]:
    """Create ``tree`` below category 2 in order; parents are indexes into ``known + tree``."""
    backend = ctx.backend
    service = backend.categories
    admin = backend.stores.scope_for_code("all")
    de = backend.stores.scope_for_code("de")
    fr = backend.stores.scope_for_code("fr")
    assert admin is not None and de is not None and fr is not None
    ids: list[int] = list(known or [])
    names = [n for n, *_ in TREE][:len(ids)] + [n for n, *_ in tree]
    for name, de_name, fr_name, parent, extra in tree:
        parent_id = 2 if parent is None else ids[parent]
        data = {"parent_id": parent_id, "name": name, "is_active": True,
                "include_in_menu": extra.get("include_in_menu", True),
                "custom_attributes": [{"attribute_code": k, "value": v}
                                      for k, v in extra.items() if k != "include_in_menu"]}
        if parent is not None:
            # Same child names under Men and Women: Magento's url keys must be unique per level.
            data["custom_attributes"].append(
                {"attribute_code": "url_key",
                 "value": f"{name}-{names[parent]}".lower().replace(" ", "-")})
        created = service.save(data, admin)
        ids.append(created["id"])
        service.save({"name": de_name}, de, category_id=created["id"])
        service.save({"name": fr_name}, fr, category_id=created["id"])
    return ids
