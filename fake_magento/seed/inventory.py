"""Sources, stocks and stock for every seeded product, through the MSI service code.

* sources ``default`` (Default Source), ``eu_warehouse`` and ``us_east``;
* stocks 1 "Default Stock" (every website, as Magento assigns each new website to the default stock
  (InventorySales AssignWebsiteToDefaultStockPlugin), source default: Magento allows no other link
  to it), 2 "EU Stock" (source eu_warehouse) and 3 "US East Stock" (source us_east), neither sold
  through a website until one is assigned to it;
* every product with a quantity gets source items in several sources; the default source item sets
  the legacy stock item, as the MSI synchronisation does.

Runs after ``seed/catalog.py``: the products are found through their legacy stock items, which
``InventoryService.on_product_saved`` creates when the catalog saves a product.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

SOURCES = [
    {"source_code": "default", "name": "Default Source", "enabled": True, "description": "Default Source",
     "latitude": 0, "longitude": 0, "country_id": "US", "postcode": "00000", "use_default_carrier_config": True},
    {"source_code": "eu_warehouse", "name": "EU Warehouse", "enabled": True, "description": "Central European warehouse",
     "email": "warehouse@example.com", "contact_name": "Greta Lager", "latitude": 50.1109, "longitude": 8.6821,
     "country_id": "DE", "region": "Hessen", "city": "Frankfurt am Main", "street": "Hanauer Landstraße 100",
     "postcode": "60314", "phone": "+49 69 123456", "use_default_carrier_config": True},
    {"source_code": "us_east", "name": "US East Warehouse", "enabled": True, "description": "East coast warehouse",
     "email": "east@example.com", "contact_name": "Ethan Carter", "latitude": 40.73379, "longitude": -74.05872,
     "country_id": "US", "region_id": 41, "region": "New Jersey", "city": "Jersey City",
     "street": "645 Newark Ave.", "postcode": "07306", "phone": "(555) 555-0100", "use_default_carrier_config": True},
]
QTY_TYPES = ("simple", "virtual", "downloadable")


def seed_sources(ctx: SeedContext) -> None:
    """Sources, stocks and links: they exist before any product, as after Magento's installation."""
    inventory = ctx.backend.inventory
    inventory.install_default_source(dict(SOURCES[0]))
    for source in SOURCES[1:]:
        inventory.save_source(dict(source))
    websites = [{"type": "website", "code": w["code"]} for w in ctx.backend.stores.websites(with_admin=False)]
    inventory.save_stock({"stock_id": 1, "name": "Default Stock", "extension_attributes": {"sales_channels": websites}})
    inventory.save_stock({"stock_id": 2, "name": "EU Stock", "extension_attributes": {"sales_channels": []}})
    inventory.save_stock({"stock_id": 3, "name": "US East Stock", "extension_attributes": {"sales_channels": []}})
    inventory.save_links([
        {"stock_id": 1, "source_code": "default", "priority": 1},
        {"stock_id": 2, "source_code": "eu_warehouse", "priority": 1},
        {"stock_id": 3, "source_code": "us_east", "priority": 1},
    ])


def seed(ctx: SeedContext, after_product: int = 0) -> None:
    """Source items of the products with an id above ``after_product``."""
    inventory = ctx.backend.inventory
    rows = ctx.backend.db.query(
        "SELECT sku FROM cataloginventory_stock_item WHERE type_id IN (?,?,?) AND product_id > ?"
        " ORDER BY product_id", (*QTY_TYPES, after_product))
    rng = ctx.rng
    items = []
    for i, row in enumerate(rows):
        sku = row["sku"]
        # Every fifth product is sold out at the default source; the rest get stock everywhere.
        default_qty = 0 if i % 5 == 4 else rng.randint(5, 150)
        items.append({"sku": sku, "source_code": "default", "quantity": default_qty, "status": int(default_qty > 0)})
        eu_qty = rng.randint(0, 80)
        items.append({"sku": sku, "source_code": "eu_warehouse", "quantity": eu_qty, "status": int(eu_qty > 0)})
        if i % 2 == 0:
            items.append({"sku": sku, "source_code": "us_east", "quantity": rng.randint(1, 60), "status": 1})
    if items:
        inventory.save_source_items(items)
