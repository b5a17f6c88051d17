"""A modest catalogue through the product repository: names per view, awkward SKUs, categories."""
from __future__ import annotations

from typing import TYPE_CHECKING

from fake_magento.backend.catalog.attribute_sets import TOP_SET, AttributeSetStructure

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
    AttributeSetStructure(catalog).install()
    count = int(ctx.settings.get("products", 0))
    if not count:
        return
    seed_products(ctx, 0, count)
    if count >= len(AWKWARD_SKUS) + 2:
        seed_type_products(ctx)


def seed_products(ctx: SeedContext, start: int, stop: int) -> None:
    """Generated products number ``start`` to ``stop - 1``: a name per view, a colour, a category."""
    backend = ctx.backend
    catalog = backend.catalog
    stores = backend.stores
    admin, de, fr = stores.scope_for_code("all"), stores.scope_for_code("de"), stores.scope_for_code("fr")
    default = stores.scope_for_code("default")
    assert admin and de and fr and default
    leaf_categories = [r[0] for r in backend.db.query(
        "SELECT entity_id FROM catalog_category_entity WHERE level BETWEEN 2 AND 3 ORDER BY entity_id")]
    for n in range(start, stop):
        word = WORDS[n % len(WORDS)]
        adjective = ADJECTIVES[ctx.rng.randrange(len(ADJECTIVES))]
        sku = AWKWARD_SKUS[n] if n < len(AWKWARD_SKUS) else f"{word[:2].upper()}{n + 1:02d}-{ctx.faker.color_name()}"
        type_id = "virtual" if word in ("Watch",) and n % 2 else "simple"
        product = {
            "sku": sku, "name": f"{adjective} {word} {n + 1}", "price": round(ctx.rng.uniform(8, 120), 2),
            # color is not in the default set (4) of a fresh Magento: these products live in "Top".
            "type_id": type_id, "attribute_set_id": TOP_SET, "weight": None if type_id == "virtual" else 1,
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
        if n % 40 == 39:  # sold only on the eu website (Europe Website)
            product["extension_attributes"]["website_ids"] = [2]
        catalog.save_product(product, admin)
        # store-view values in every view (no draws from ctx.rng/ctx.faker: later seeds keep their values)
        catalog.save_product({"name": f"{adjective} {GERMAN[word]} {n + 1}",
                              "custom_attributes": [{"attribute_code": "description",
                                                     "value": f"<p>{GERMAN[word]} ({adjective}).</p>"}]}, de, sku=sku)
        catalog.save_product({"name": f"{adjective} {FRENCH[word]} {n + 1}",
                              "custom_attributes": [{"attribute_code": "description",
                                                     "value": f"<p>{FRENCH[word]} ({adjective}).</p>"}]}, fr, sku=sku)
        catalog.save_product({"custom_attributes": [{"attribute_code": "short_description",
                                                     "value": f"{adjective} {word}, store view default."}]},
                             default, sku=sku)
        backend.clock.advance(ctx.rng.randint(60, 6 * 3600))


def seed_type_products(ctx: SeedContext) -> None:
    """A configurable with color/size children, plus links, through the same product save.

    Fixed data (no ctx.rng/ctx.faker draws, no clock advance), so that later seeds keep their values.
    """
    catalog = ctx.backend.catalog
    admin = ctx.backend.stores.scope_for_code("all")
    assert admin is not None
    children = []
    for color, color_id in (("Black", "49"), ("Blue", "50")):
        for size, size_id in (("S", "166"), ("M", "167")):
            sku = f"MH01-{size}-{color}"
            catalog.save_product({
                "sku": sku, "name": f"Chaz Kangeroo Hoodie-{size}-{color}", "price": 52, "type_id": "simple",
                "attribute_set_id": TOP_SET, "weight": 1, "visibility": 1,
                "extension_attributes": {"stock_item": {"qty": 100, "is_in_stock": True}},
                "custom_attributes": [{"attribute_code": "color", "value": color_id},
                                      {"attribute_code": "size", "value": size_id}]}, admin)
            children.append(catalog.find_id(sku))
    catalog.save_product({
        "sku": "MH01", "name": "Chaz Kangeroo Hoodie", "type_id": "configurable", "attribute_set_id": TOP_SET,
        "extension_attributes": {
            "stock_item": {"is_in_stock": True},
            "configurable_product_options": [
                {"attribute_id": str(catalog.attributes()["color"]["attribute_id"]), "label": "Color", "position": 1},
                {"attribute_id": str(catalog.attributes()["size"]["attribute_id"]), "label": "Size", "position": 0}],
            "configurable_product_links": children},
        "product_links": [
            {"sku": "MH01", "link_type": "related", "linked_product_sku": "MH09 L Blue", "position": 1},
            {"sku": "MH01", "link_type": "crosssell", "linked_product_sku": "24-WB04/Blue", "position": 1},
            {"sku": "MH01", "link_type": "upsell", "linked_product_sku": "WS12+XL", "position": 1}],
        "custom_attributes": [{"attribute_code": "description", "value": "<p>A hoodie in two colours and sizes.</p>"}],
    }, admin)
    catalog.save_product({
        "sku": "24-WG080", "name": "Sprite Yoga Companion Kit", "type_id": "bundle", "attribute_set_id": 4,
        "extension_attributes": {"stock_item": {"is_in_stock": True}, "bundle_product_options": [
            {"title": "Sprite Stasis Ball", "required": True, "type": "radio", "position": 1, "product_links": [
                {"sku": "MH01-S-Black", "qty": 1, "position": 1, "is_default": True, "can_change_quantity": 1},
                {"sku": "MH01-M-Black", "qty": 1, "position": 2, "is_default": False, "can_change_quantity": 1}]},
            {"title": "Sprite Yoga Strap", "required": True, "type": "checkbox", "position": 2, "product_links": [
                {"sku": "24-WB04/Blue", "qty": 2, "position": 1, "is_default": True, "can_change_quantity": 0}]}]},
    }, admin)
    for scope, hoodie, kit in ((ctx.backend.stores.scope_for_code("de"), "Chaz Kapuzenpullover", "Sprite Yoga-Set"),
                               (ctx.backend.stores.scope_for_code("fr"), "Sweat à capuche Chaz", "Kit de yoga Sprite")):
        assert scope is not None
        catalog.save_product({"name": hoodie}, scope, sku="MH01")
        catalog.save_product({"name": kit}, scope, sku="24-WG080")
    catalog.save_product({
        "sku": "24-WG085_Group", "name": "Set of Sprite Yoga Straps", "type_id": "grouped", "attribute_set_id": 4,
        "extension_attributes": {"stock_item": {"is_in_stock": True}},
        "product_links": [
            {"sku": "24-WG085_Group", "link_type": "associated", "linked_product_sku": "MH01-S-Blue", "position": 0,
             "extension_attributes": {"qty": 0}},
            {"sku": "24-WG085_Group", "link_type": "associated", "linked_product_sku": "MH01-M-Blue", "position": 1,
             "extension_attributes": {"qty": 1}}],
    }, admin)
    catalog.save_product({
        "sku": "VS-GIFT-WRAP", "name": "Gift Wrapping Service", "type_id": "virtual", "price": 4.5,
        "attribute_set_id": 4, "extension_attributes": {"stock_item": {"qty": 500, "is_in_stock": True}},
        "custom_attributes": [{"attribute_code": "description", "value": "<p>Wrapped by hand.</p>"}],
    }, admin)
    catalog.save_product({
        "sku": "DL-YOGA-GUIDE", "name": "Yoga Adventure Guide", "type_id": "downloadable", "price": 12,
        "attribute_set_id": 4,
        "extension_attributes": {
            "stock_item": {"qty": 0, "is_in_stock": True},
            "downloadable_product_links": [
                {"title": "Guide (PDF)", "sort_order": 1, "is_shareable": 0, "price": 0, "number_of_downloads": 0,
                 "link_type": "url", "link_url": "https://downloads.example.com/yoga-guide.pdf",
                 "sample_type": "url", "sample_url": "https://downloads.example.com/yoga-guide-sample.pdf"}],
            "downloadable_product_samples": [
                {"title": "First chapter", "sort_order": 1, "sample_type": "url",
                 "sample_url": "https://downloads.example.com/yoga-guide-chapter-1.pdf"}]},
    }, admin)
