"""The ``edge`` profile's products, each through the product repository save (seed/edge_cases.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attribute_sets import TOP_SET
from fake_magento.seed import edge_cases as names

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

COLORS = [("Black", "49"), ("Blue", "50"), ("Red", "58")]
SIZES = [("S", "166"), ("M", "167"), ("L", "168")]


def _simple(sku: str, name: str, price: float = 19.0, qty: float = 50, **extra: Any) -> dict[str, Any]:
    ext = {"stock_item": {"qty": qty, "is_in_stock": qty > 0}, **extra.pop("extension_attributes", {})}
    return {"sku": sku, "name": name, "price": price, "type_id": "simple", "attribute_set_id": 4, "weight": 1,
            "status": 1, "visibility": 4, "extension_attributes": ext, **extra}


def seed(ctx: SeedContext) -> None:
    backend = ctx.backend
    catalog = backend.catalog
    stores = backend.stores
    admin = stores.scope_for_code("all")
    assert admin is not None

    def save(product: dict[str, Any]) -> None:
        catalog.save_product(product, admin)

    for sku, name in ((names.SKU_SPACE, "SKU with spaces"), (names.SKU_SLASH, "SKU with slashes"),
                      (names.SKU_PLUS, "SKU with plus signs"), (names.SKU_PERCENT, "100% Cotton Tee"),
                      (names.SKU_NON_ASCII, "Crème brûlée set"), (names.SKU_MAX_LENGTH, "SKU of 64 characters"),
                      ("EDGE-LONG-NAME", names.LONG_NAME), ("EDGE-EMOJI", names.EMOJI_NAME),
                      ("EDGE-RTL", names.RTL_NAME)):
        save(_simple(sku, name))
    _configurables(ctx, save)
    _bundles(save)
    save(_simple("EDGE-GROUPED-IN", "Grouped child in stock", visibility=1))
    save(_simple("EDGE-GROUPED-OUT", "Grouped child out of stock", qty=0, visibility=1))
    save({"sku": "EDGE-GROUPED", "name": "Grouped with a sold-out child", "type_id": "grouped",
          "attribute_set_id": 4, "extension_attributes": {"stock_item": {"is_in_stock": True}},
          "product_links": [{"sku": "EDGE-GROUPED", "link_type": "associated", "linked_product_sku": child,
                             "position": i, "extension_attributes": {"qty": 1}}
                            for i, child in enumerate(("EDGE-GROUPED-IN", "EDGE-GROUPED-OUT"))]})
    save({**_simple("EDGE-VIRTUAL", "Extended warranty", 29.0, 999), "type_id": "virtual"})
    del_weight = _simple("EDGE-DOWNLOADABLE", "Field guide (PDF)", 9.0, 0)
    del_weight.pop("weight")
    del_weight["extension_attributes"].update({
        "downloadable_product_links": [
            {"title": "Guide", "sort_order": 1, "is_shareable": 0, "price": 0, "number_of_downloads": 3,
             "link_type": "url", "link_url": "https://downloads.example.com/edge-guide.pdf",
             "sample_type": "url", "sample_url": "https://downloads.example.com/edge-guide-sample.pdf"}],
        "downloadable_product_samples": [
            {"title": "Preview", "sort_order": 1, "sample_type": "url",
             "sample_url": "https://downloads.example.com/edge-preview.pdf"}]})
    save({**del_weight, "type_id": "downloadable"})
    save(_simple("EDGE-ZERO-PRICE", "Free sticker", 0))
    save(_simple("EDGE-DISABLED", "Discontinued lamp", status=2))
    save(_simple("EDGE-NOT-VISIBLE", "Spare part, not visible", visibility=1))
    save(_simple("EDGE-EU-ONLY", "Europe-only kettle", 45.0, extension_attributes={"website_ids": [2]}))
    categories = [r[0] for r in backend.db.query(
        "SELECT entity_id FROM catalog_category_entity WHERE level >= 2 ORDER BY entity_id LIMIT 8")]
    save(_simple("EDGE-MANY-CATEGORIES", "Sold everywhere", extension_attributes={"category_links": [
        {"position": i, "category_id": str(c)} for i, c in enumerate(categories)]}))
    save(_simple("EDGE-BACKORDER", "Made to order chair", 120.0, 0, extension_attributes={"stock_item": {
        "qty": 0, "is_in_stock": True, "backorders": 1, "use_config_backorders": False}}))
    _view_overrides(ctx, save)


def _configurables(ctx: SeedContext, save: Any) -> None:
    catalog = ctx.backend.catalog
    color_id = str(catalog.attributes()["color"]["attribute_id"])
    size_id = str(catalog.attributes()["size"]["attribute_id"])

    def child(sku: str, color: tuple[str, str], size: tuple[str, str], qty: float, status: int = 1) -> int:
        save({**_simple(sku, f"{sku.title()} tee", 25.0, qty, status=status, visibility=1),
              "attribute_set_id": TOP_SET, "custom_attributes": [{"attribute_code": "color", "value": color[1]},
                                                                 {"attribute_code": "size", "value": size[1]}]})
        return int(catalog.find_id(sku))

    def configurable(sku: str, name: str, children: list[int]) -> None:
        save({"sku": sku, "name": name, "type_id": "configurable", "attribute_set_id": TOP_SET, "status": 1,
              "visibility": 4, "extension_attributes": {
                  "stock_item": {"is_in_stock": True},
                  "configurable_product_options": [
                      {"attribute_id": color_id, "label": "Color", "position": 0},
                      {"attribute_id": size_id, "label": "Size", "position": 1}],
                  "configurable_product_links": children}})

    sold_out = [child(f"EDGE-CONF-SOLD-OUT-{c[0]}", c, SIZES[0], 0) for c in COLORS[:2]]
    configurable("EDGE-CONF-SOLD-OUT", "Edge tee, sold out", sold_out)
    matrix = [child(f"EDGE-CONF-3X3-{c[0]}-{s[0]}", c, s, 40, status=2 if (c, s) == (COLORS[2], SIZES[2]) else 1)
              for c in COLORS for s in SIZES]
    configurable("EDGE-CONF-3X3", "Edge tee, 3 colours x 3 sizes", matrix)


def _bundles(save: Any) -> None:
    save(_simple("EDGE-BUNDLE-PART-A", "Bundle part A", 10.0, 100, visibility=1))
    save(_simple("EDGE-BUNDLE-PART-B", "Bundle part B", 15.0, 100, visibility=1))
    for sku, name, price_type, shipment_type in (("EDGE-BUNDLE-DYNAMIC", "Dynamic bundle, one box", "0", "0"),
                                                  ("EDGE-BUNDLE-FIXED", "Fixed bundle, boxes apart", "1", "1")):
        fixed = price_type == "1"
        save({"sku": sku, "name": name, "type_id": "bundle", "attribute_set_id": 4, "status": 1, "visibility": 4,
              **({"price": 30.0} if fixed else {}),
              "custom_attributes": [{"attribute_code": "price_type", "value": price_type},
                                    {"attribute_code": "shipment_type", "value": shipment_type}],
              "extension_attributes": {"stock_item": {"is_in_stock": True}, "bundle_product_options": [
                  {"title": title, "required": True, "type": "radio", "position": i, "product_links": [
                      {"sku": part, "qty": 1, "position": 1, "is_default": True, "can_change_quantity": 0,
                       **({"price": 0, "price_type": 0} if fixed else {})}]}
                  for i, (title, part) in enumerate((("Part A", "EDGE-BUNDLE-PART-A"),
                                                     ("Part B", "EDGE-BUNDLE-PART-B")))]}})


def _view_overrides(ctx: SeedContext, save: Any) -> None:
    """Names per view; a price for the eu website's views, stored as Magento stores a website-scoped
    price (every view of the website), read when catalog/price/scope is website (Config(price_scope=1))."""
    backend = ctx.backend
    save(_simple("EDGE-VIEW-OVERRIDES", "Travel mug", 20.0, 1000))
    for code, name in (("de", "Reisebecher"), ("fr", "Mug de voyage"), ("default", "Travel mug (US)")):
        scope = backend.stores.scope_for_code(code)
        assert scope is not None
        backend.catalog.save_product({"name": name}, scope, sku="EDGE-VIEW-OVERRIDES")
    product_id = int(backend.catalog.find_id("EDGE-VIEW-OVERRIDES"))
    with backend.db.write() as conn:
        conn.executemany("INSERT OR REPLACE INTO catalog_product_value(entity_id, store_id, attribute_code, value)"
                         " VALUES (?,?,?,?)", [(product_id, store_id, "price", "18.500000") for store_id in (2, 3)])
