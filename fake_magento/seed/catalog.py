"""A modest catalogue through the product repository: names per view, awkward SKUs, categories."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

AWKWARD_SKUS = ["MH09 L Blue", "24-WB04/Blue", "WS12+XL", "Café-Crème 100%"]
WORDS = ["Hoodie", "Jacket", "Tee", "Pants", "Shorts", "Bag", "Watch", "Bottle", "Mat", "Cap"]
ADJECTIVES = ["Abominable", "Breathe-Easy", "Cassius", "Driven", "Endeavor", "Frankie", "Gobi", "Hera"]
GERMAN = {"Hoodie": "Kapuzenpullover", "Jacket": "Jacke", "Tee": "T-Shirt", "Pants": "Hose", "Shorts": "Shorts",
          "Bag": "Tasche", "Watch": "Uhr", "Bottle": "Flasche", "Mat": "Matte", "Cap": "Kappe"}
FRENCH = {"Hoodie": "Sweat à capuche", "Jacket": "Veste", "Tee": "T-shirt", "Pants": "Pantalon",
          "Shorts": "Short", "Bag": "Sac", "Watch": "Montre", "Bottle": "Bouteille", "Mat": "Tapis",
          "Cap": "Casquette"}


def seed(ctx: SeedContext) -> None:
    backend = ctx.backend
    catalog = backend.catalog
    catalog.seed_attributes()
    count = int(ctx.settings.get("products", 0))
    if not count:
        return
    stores = backend.stores
    admin, de, fr = stores.scope_for_code("all"), stores.scope_for_code("de"), stores.scope_for_code("fr")
    assert admin and de and fr
    leaf_categories = [r[0] for r in backend.db.query(
        "SELECT entity_id FROM catalog_category_entity WHERE level >= 2 ORDER BY entity_id")]
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        adjective = ADJECTIVES[ctx.rng.randrange(len(ADJECTIVES))]
        sku = AWKWARD_SKUS[n] if n < len(AWKWARD_SKUS) else f"{word[:2].upper()}{n + 1:02d}-{ctx.faker.color_name()}"
        type_id = "virtual" if word in ("Watch",) and n % 2 else "simple"
        product = {
            "sku": sku, "name": f"{adjective} {word} {n + 1}", "price": round(ctx.rng.uniform(8, 120), 2),
            "type_id": type_id, "attribute_set_id": 4, "weight": None if type_id == "virtual" else 1,
            "extension_attributes": {
                "stock_item": {"qty": ctx.rng.randint(0, 150), "is_in_stock": True},
                **({"category_links": [{"position": n, "category_id": str(ctx.rng.choice(leaf_categories))}]}
                   if leaf_categories else {}),
            },
            "custom_attributes": [
                {"attribute_code": "description", "value": f"<p>{ctx.faker.sentence()}</p>"},
                {"attribute_code": "color", "value": ctx.rng.choice(["49", "50", "52", "57", "59"])},
            ],
        }
        if product["weight"] is None:
            del product["weight"]
        catalog.save_product(product, admin)
        catalog.save_product({"name": f"{adjective} {GERMAN[word]} {n + 1}"}, de, sku=sku)
        catalog.save_product({"name": f"{adjective} {FRENCH[word]} {n + 1}"}, fr, sku=sku)
        backend.clock.advance(ctx.rng.randint(60, 6 * 3600))
