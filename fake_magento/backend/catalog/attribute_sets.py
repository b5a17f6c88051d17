"""Attribute groups and which attributes a product attribute set holds (Eav AttributeManagement,
Attribute/GroupRepository, Catalog ProductAttributeManagement and ProductAttributeGroupRepository).

A fresh 2.4.7-p3 has one product set, 4 "Default", with ten groups, and the other entity types' sets
(1 customer, 2 customer address, 3 category, 5-8 sales documents) with theirs; every group is listed by
``groups/list``. Set 4 holds the standard product attributes but not ``color``, ``size``,
``manufacturer`` or ``material``; the emulator's set 9 "Top" (as Luma's sample data has) holds them
too and is where the seeded products that use them live. Group ids, names, codes, sort orders and the
order of set 4's attributes are those of the sandbox.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.search.sql import mysql_number

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

PRODUCT_ENTITY_TYPE_ID = 4
TOP_SET = 9
# Sets of the other entity types (set id = entity type id), each "Default".
OTHER_SETS = [1, 2, 3, 5, 6, 7, 8]
# id, set, name, code, sort order, default_id, tab_group_code
_SET4_GROUPS = [
    (7, "Product Details", "product-details", 10, 1, "basic"), (13, "Content", "content", 15, 0, "basic"),
    (19, "Bundle Items", "bundle-items", 16, 0, None), (10, "Images", "image-management", 20, 0, "basic"),
    (9, "Search Engine Optimization", "search-engine-optimization", 30, 0, "basic"),
    (8, "Advanced Pricing", "advanced-pricing", 40, 0, "advanced"), (11, "Design", "design", 50, 0, "advanced"),
    (14, "Schedule Design Update", "schedule-design-update", 55, 0, "advanced"),
    (12, "Autosettings", "autosettings", 60, 0, "advanced"), (20, "Gift Options", "gift-options", 61, 0, None),
]
GROUPS: list[tuple[int, int, str, str, int, int, str | None]] = [
    (1, 1, "General", "general", 1, 1, None), (2, 2, "General", "general", 1, 1, None),
    (3, 3, "General", "general", 10, 1, None), (4, 3, "General Information", "general-information", 2, 0, None),
    (5, 3, "Display Settings", "display-settings", 20, 0, None), (6, 3, "Custom Design", "custom-design", 30, 0, None),
    *[(gid, 4, name, code, order, default, tab) for gid, name, code, order, default, tab in _SET4_GROUPS],
    *[(gid, set_id, "General", "general", 1, 1, None) for gid, set_id in ((15, 5), (16, 6), (17, 7), (18, 8))],
    # A set made from skeleton 4 gets copies of its groups, numbered from the last one backwards
    # (measured: a new set's Product Details was 30, its Gift Options 21).
    *[(30 - n, TOP_SET, name, code, order, default, tab) for n, (_, name, code, order, default, tab)
      in enumerate(_SET4_GROUPS)],
]
# Set 4's attributes in the order the sandbox lists them (eav_entity_attribute.sort_order), with the
# group code each sits in; the emulator knows a subset of them.
SET4_ATTRIBUTES = [
    ("image", "image-management"), ("shipment_type", "bundle-items"), ("small_image", "image-management"),
    ("thumbnail", "image-management"), ("special_price", "advanced-pricing"),
    ("special_from_date", "advanced-pricing"), ("status", "product-details"),
    ("special_to_date", "advanced-pricing"), ("options_container", "design"), ("cost", "advanced-pricing"),
    ("gift_message_available", "gift-options"), ("name", "product-details"),
    ("url_key", "search-engine-optimization"), ("msrp_display_actual_price_type", "advanced-pricing"),
    ("price_view", "advanced-pricing"), ("required_options", "product-details"),
    ("has_options", "product-details"), ("meta_title", "search-engine-optimization"), ("sku", "product-details"),
    ("sku_type", "product-details"), ("price", "product-details"),
    ("meta_keyword", "search-engine-optimization"), ("price_type", "product-details"),
    ("tax_class_id", "product-details"), ("meta_description", "search-engine-optimization"),
    ("weight", "product-details"), ("weight_type", "product-details"), ("visibility", "product-details"),
    ("news_from_date", "product-details"), ("short_description", "content"), ("news_to_date", "product-details"),
    ("country_of_manufacture", "product-details"), ("description", "content"),
    ("links_purchased_separately", "product-details"), ("samples_title", "product-details"),
    ("links_title", "product-details"),
]
TOP_EXTRA = ["color", "size", "manufacturer", "material"]
GROUP_FIELDS = {"attribute_group_id": Field("attribute_group_id", "int"),
                "attribute_group_name": Field("attribute_group_name"), "attribute_set_id": Field("attribute_set_id", "int"),
                "sort_order": Field("sort_order", "int"), "default_id": Field("default_id", "int"),
                "attribute_group_code": Field("attribute_group_code"), "tab_group_code": Field("tab_group_code")}
# The collection has no order of its own: MySQL reads the groups by sort_order (measured), ties by id.
# The search orders by its id column last, so that column is the rank.
GROUP_RANK = 100000
GROUP_SEARCH = EntitySearch(
    f"(SELECT *, sort_order * {GROUP_RANK} + attribute_group_id AS natural_rank FROM eav_attribute_group) g",
    "natural_rank", fields=GROUP_FIELDS)


class AttributeSetStructure:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    # -- installation ------------------------------------------------------------------------
    def install(self) -> None:
        """The sets of the other entity types, every group, and set 4's and set 9's attributes."""
        known = self.catalog.attributes()
        with self.db.write() as conn:
            for set_id in OTHER_SETS:
                conn.execute("INSERT OR IGNORE INTO catalog_attribute_set VALUES (?,?,?,?)", (set_id, "Default", set_id, 1))
            conn.executemany("INSERT INTO eav_attribute_group(attribute_group_id, attribute_set_id,"
                             " attribute_group_name, attribute_group_code, sort_order, default_id, tab_group_code)"
                             " VALUES (?,?,?,?,?,?,?)", GROUPS)
            members = [(code, group, rank) for rank, (code, group) in enumerate(SET4_ATTRIBUTES, 1) if code in known]
            rows = [(4, code, group, rank) for code, group, rank in members]
            last = len(SET4_ATTRIBUTES)
            rows += [(TOP_SET, code, group, rank) for code, group, rank in members]
            rows += [(TOP_SET, code, "product-details", last + n) for n, code in enumerate(TOP_EXTRA, 1) if code in known]
            group_ids = {(s, code): gid for gid, s, _, code, *_ in GROUPS}
            for entity_attribute_id, (set_id, code, group, rank) in enumerate(rows, 1):
                conn.execute("INSERT INTO eav_entity_attribute(entity_attribute_id, attribute_set_id,"
                             " attribute_group_id, attribute_code, sort_order) VALUES (?,?,?,?,?)",
                             (entity_attribute_id, set_id, group_ids[(set_id, group)], code, rank))
            conn.execute("INSERT OR REPLACE INTO sequence(name, value) VALUES ('eav_entity_attribute', ?)", (len(rows),))

    def _ensure(self) -> None:
        """A state saved before the emulator kept groups gets Magento's."""
        if self.db.one("SELECT 1 FROM eav_attribute_group LIMIT 1") is None:
            self.install()

    # -- reads -------------------------------------------------------------------------------
    def members(self, set_id: int) -> list[str]:
        """The set's attribute codes in eav_entity_attribute.sort_order order (AttributeManagement::getAttributes)."""
        self._ensure()
        return [r[0] for r in self.db.query(
            "SELECT attribute_code FROM eav_entity_attribute WHERE attribute_set_id=?"
            " ORDER BY sort_order, entity_attribute_id", (set_id,))]

    def group_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        """AttributeGroupRepository::getList: every entity type's groups; the id is a string."""
        self._ensure()
        ranks, total = run_search(self.db, GROUP_SEARCH, criteria, config=self.catalog.config)
        items = []
        for rank in ranks:
            row = self.db.one("SELECT * FROM eav_attribute_group WHERE attribute_group_id=?", (rank % GROUP_RANK,))
            items.append({"attribute_group_id": str(row["attribute_group_id"]),
                          "attribute_group_name": row["attribute_group_name"], "attribute_set_id": row["attribute_set_id"]})
        return search_result(items, criteria, total)

    # -- assign / unassign -------------------------------------------------------------------
    def assign(self, set_id: int, group_id: int, code: str, sort_order: int) -> str:
        """AttributeManagement::assign -> saveInSetIncluding: the link is deleted and inserted again, so
        every assignment answers a new entity_attribute_id (a string); sort order 0 is 1."""
        self._ensure()
        found = self.db.one("SELECT entity_type_id FROM catalog_attribute_set WHERE attribute_set_id=?", (set_id,))
        if found is None:
            raise NoSuchEntityError("The AttributeSet with a \"%1\" ID doesn't exist. Verify the attributeSet and "
                                    "try again.", [set_id])
        if found[0] != PRODUCT_ENTITY_TYPE_ID:
            raise InputError("The attribute set ID is incorrect. Verify the ID and try again.")
        group = self.db.one("SELECT attribute_set_id FROM eav_attribute_group WHERE attribute_group_id=?", (group_id,))
        if group is None:
            raise NoSuchEntityError("The group with the \"%1\" ID doesn't exist. Verify the ID and try again.",
                                    [group_id])
        if group[0] != set_id:
            raise InputError("The attribute group doesn't belong to the attribute set.")
        self.catalog.attribute_data(code)  # AttributeRepository::get: 404 for an unknown code
        with self.db.write() as conn:
            conn.execute("DELETE FROM eav_entity_attribute WHERE attribute_set_id=? AND attribute_code=?", (set_id, code))
            entity_attribute_id = self.db.next_id("eav_entity_attribute")
            conn.execute("INSERT INTO eav_entity_attribute(entity_attribute_id, attribute_set_id, attribute_group_id,"
                         " attribute_code, sort_order) VALUES (?,?,?,?,?)",
                         (entity_attribute_id, set_id, group_id, code, sort_order or 1))
        return str(entity_attribute_id)

    def unassign(self, set_text: str, code: str) -> bool:
        """AttributeManagement::unassign. The set id is text (loaded as MySQL compares it); a set of
        another entity type looks the code up among that type's attributes, which the emulator does
        not keep (so: not found). Catalog's Attribute::deleteEntity refuses an attribute a configurable
        of the set is configured by, and deletes the values of the set's products."""
        self._ensure()
        found = self.db.one("SELECT attribute_set_id, entity_type_id FROM catalog_attribute_set WHERE attribute_set_id=?",
                            (mysql_number(set_text),))
        if found is None:
            raise NoSuchEntityError("The \"%1\" attribute set wasn't found. Verify and try again.", [set_text])
        set_id = int(found[0])
        if found[1] != PRODUCT_ENTITY_TYPE_ID:
            raise NoSuchEntityError('The attribute with a "%1" attributeCode doesn\'t exist. Verify the attribute '
                                    "and try again.", [code])
        self.catalog.attribute_data(code)
        link = self.db.one("SELECT entity_attribute_id FROM eav_entity_attribute WHERE attribute_set_id=? AND"
                           " attribute_code=?", (set_id, code))
        if link is None:
            raise InputError("The \"%1\" attribute wasn't found in the \"%2\" attribute set. Enter the attribute and "
                             "try again.", [code, set_text])
        if not self.catalog.attributes()[code]["is_user_defined"]:
            raise MagentoError("The system attribute can't be deleted.")
        if self.db.one("SELECT 1 FROM catalog_product_super_attribute a JOIN catalog_product_entity p"
                       " ON p.entity_id = a.product_id WHERE a.attribute_code=? AND p.attribute_set_id=? LIMIT 1",
                       (code, set_id)):
            # ConfigurableProduct Model/Attribute/LockValidator
            raise MagentoError("Attribute '%1' is locked. %2", [code, "This attribute is used in configurable products."])
        with self.db.write() as conn:
            # Catalog ResourceModel/Attribute/RemoveProductAttributeData
            conn.execute("DELETE FROM catalog_product_value WHERE attribute_code=? AND entity_id IN"
                         " (SELECT entity_id FROM catalog_product_entity WHERE attribute_set_id=?)", (code, set_id))
            conn.execute("DELETE FROM eav_entity_attribute WHERE entity_attribute_id=?", (link[0],))
        return True
