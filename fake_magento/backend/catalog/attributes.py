"""Product EAV attribute metadata: Magento's standard product attributes (Catalog/Setup/CategorySetup).

Scopes are Magento's: 0 store view, 1 global, 2 website. ``price`` is website in setup but its
effective scope is global unless catalog/price/scope = 1 (Catalog/Helper/Data::isPriceGlobal).
"""
from __future__ import annotations

SCOPE_STORE, SCOPE_GLOBAL, SCOPE_WEBSITE = 0, 1, 2

# code, label, frontend_input, backend_type, scope, required
STANDARD = [
    ("name", "Product Name", "text", "varchar", SCOPE_STORE, 1),
    ("sku", "SKU", "text", "static", SCOPE_GLOBAL, 1),
    ("price", "Price", "price", "decimal", SCOPE_WEBSITE, 1),
    ("status", "Enable Product", "boolean", "int", SCOPE_WEBSITE, 0),
    ("visibility", "Visibility", "select", "int", SCOPE_STORE, 0),
    ("weight", "Weight", "weight", "decimal", SCOPE_GLOBAL, 0),
    ("description", "Description", "textarea", "text", SCOPE_STORE, 0),
    ("short_description", "Short Description", "textarea", "text", SCOPE_STORE, 0),
    ("url_key", "URL Key", "text", "varchar", SCOPE_STORE, 0),
    ("meta_title", "Meta Title", "text", "varchar", SCOPE_STORE, 0),
    ("meta_keyword", "Meta Keywords", "textarea", "text", SCOPE_STORE, 0),
    ("meta_description", "Meta Description", "textarea", "varchar", SCOPE_STORE, 0),
    ("special_price", "Special Price", "price", "decimal", SCOPE_WEBSITE, 0),
    ("special_from_date", "Special Price From Date", "date", "datetime", SCOPE_WEBSITE, 0),
    ("special_to_date", "Special Price To", "date", "datetime", SCOPE_WEBSITE, 0),
    ("cost", "Cost", "price", "decimal", SCOPE_WEBSITE, 0),
    ("tax_class_id", "Tax Class", "select", "int", SCOPE_WEBSITE, 0),
    ("color", "Color", "select", "int", SCOPE_GLOBAL, 0),
    ("size", "Size", "select", "int", SCOPE_GLOBAL, 0),
    ("manufacturer", "Manufacturer", "select", "int", SCOPE_GLOBAL, 0),
    ("news_from_date", "Set Product as New from Date", "date", "datetime", SCOPE_WEBSITE, 0),
    ("news_to_date", "Set Product as New to Date", "date", "datetime", SCOPE_WEBSITE, 0),
    ("options_container", "Display Product Options In", "select", "varchar", SCOPE_STORE, 0),
    ("required_options", "required_options", "text", "static", SCOPE_GLOBAL, 0),
    ("has_options", "has_options", "text", "static", SCOPE_GLOBAL, 0),
    ("image", "Base", "media_image", "varchar", SCOPE_STORE, 0),
    ("small_image", "Small", "media_image", "varchar", SCOPE_STORE, 0),
    ("thumbnail", "Thumbnail", "media_image", "varchar", SCOPE_STORE, 0),
    ("country_of_manufacture", "Country of Manufacture", "select", "varchar", SCOPE_WEBSITE, 0),
    ("msrp_display_actual_price_type", "Display Actual Price", "select", "varchar", SCOPE_WEBSITE, 0),
    ("gift_message_available", "Allow Gift Message", "boolean", "varchar", SCOPE_STORE, 0),
    ("material", "Material", "multiselect", "varchar", SCOPE_GLOBAL, 0),
    # Bundle/Setup/InstallData and Downloadable/Setup/Patch (appended: earlier ids unchanged)
    ("price_type", "Dynamic Price", "boolean", "int", SCOPE_GLOBAL, 0),
    ("sku_type", "Dynamic SKU", "boolean", "int", SCOPE_GLOBAL, 0),
    ("weight_type", "Dynamic Weight", "boolean", "int", SCOPE_GLOBAL, 0),
    ("price_view", "Price View", "select", "int", SCOPE_GLOBAL, 0),
    ("shipment_type", "Ship Bundle Items", "select", "int", SCOPE_GLOBAL, 0),
    ("links_purchased_separately", "Links can be purchased separately", "boolean", "int", SCOPE_GLOBAL, 0),
    ("links_title", "Links title", "text", "varchar", SCOPE_STORE, 0),
    ("samples_title", "Samples title", "text", "varchar", SCOPE_STORE, 0),
]
OPTIONS = {
    "color": [("49", "Black"), ("50", "Blue"), ("52", "Green"), ("57", "Red"), ("59", "White")],
    "size": [("166", "S"), ("167", "M"), ("168", "L"), ("169", "XL")],
    "manufacturer": [("210", "Acme"), ("211", "Globex")],
    "material": [("31", "Cotton"), ("33", "Polyester"), ("35", "Wool")],
    "visibility": [("1", "Not Visible Individually"), ("2", "Catalog"), ("3", "Search"), ("4", "Catalog, Search")],
    "tax_class_id": [("0", "None"), ("2", "Taxable Goods")],
    "price_view": [("0", "Price Range"), ("1", "As Low as")],
    "shipment_type": [("0", "Together"), ("1", "Separately")],
}
# user_defined in Catalog/Setup/CategorySetup (color, manufacturer) or added as such (size, material):
# their options come from Eav's Table source, which starts with an empty " " option.
USER_DEFINED = {"color", "size", "manufacturer", "material"}
TABLE_SOURCE = "Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table"
# Not required, but written at store 0 too when first saved through a view
# (Catalog/Setup/Patch/Data/InstallDefaultCategories: is_required_in_admin_store).
REQUIRED_IN_ADMIN_STORE = {"status", "visibility"}
# Product backend models that reject negative numbers (Product/Attribute/Backend/Price, Weight).
NON_NEGATIVE = {"price", "special_price", "cost", "weight"}
# Attributes that are product properties rather than custom_attributes (ProductInterface getters).
TOP_LEVEL = {"name": "str", "price": "float", "status": "int", "visibility": "int", "weight": "float"}
PRODUCT_KEYS = {"id", "sku", "name", "attribute_set_id", "price", "status", "visibility", "type_id", "created_at",
                "updated_at", "weight", "extension_attributes", "product_links", "options",
                "media_gallery_entries", "tier_prices", "custom_attributes"}
EXTENSION_KEYS = {"website_ids", "category_links", "stock_item", "discounts", "bundle_product_options",
                  "downloadable_product_links", "downloadable_product_samples", "giftcard_amounts",
                  "configurable_product_options", "configurable_product_links"}
TYPES = [("simple", "Simple Product"), ("virtual", "Virtual Product"), ("downloadable", "Downloadable Product"),
         ("configurable", "Configurable Product"), ("grouped", "Grouped Product"), ("bundle", "Bundle Product")]
# Types whose price is not required (their price comes from children).
PRICE_OPTIONAL = {"configurable", "grouped", "bundle"}
