"""The ``default`` profile beyond its first part: the deep category chain, more products, customers
and orders with every scenario (settings ``more``: totals to reach).

The first part (the ordinary areas with the profile's ``products``, ``customers`` and ``orders``)
is built exactly as before this area existed, so data that tests name (order 1, customer 1, SKU
``MH01``) keeps its values; everything here comes after it, drawing from the same Faker and Random.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fake_magento.seed import catalog, customers, inventory, sales
from fake_magento.seed.categories import DEEP, TREE, create_tree

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext


def seed(ctx: SeedContext) -> None:
    more = ctx.settings.get("more")
    if not more:
        return
    db = ctx.backend.db
    deep_categories(ctx)
    last_product = int(db.one("SELECT COALESCE(MAX(entity_id), 0) FROM catalog_product_entity")[0])
    catalog.seed_products(ctx, int(ctx.settings.get("products", 0)), int(more.get("products", 0)))
    ctx.backend.invalidate_caches()
    inventory.seed(ctx, after_product=last_product)
    last_customer = int(db.one("SELECT COALESCE(MAX(entity_id), 0) FROM customer_entity")[0])
    password = str(ctx.credentials().get("customer_password", "Passw0rd-more"))
    customers.seed_customers(ctx, int(ctx.settings.get("customers", 0)), int(more.get("customers", 0)), password)
    ctx.backend.invalidate_caches()
    sales.seed_more(ctx, int(more.get("orders", 0)), last_product, last_customer)


def deep_categories(ctx: SeedContext) -> None:
    """The chain under Fitness Equipment down to six levels below Default Category (category_depth 6)."""
    if int(ctx.settings.get("category_depth", 3)) >= 6:
        tree = [r[0] for r in ctx.backend.db.query("SELECT entity_id FROM catalog_category_entity WHERE"
                                                   " entity_id > 2 ORDER BY entity_id LIMIT ?", (len(TREE),))]
        create_tree(ctx, DEEP, known=tree)
