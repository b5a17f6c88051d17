"""Product attribute sets and attribute options (Eav AttributeSetRepository, OptionManagement)."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attribute_sets import PRODUCT_ENTITY_TYPE_ID
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.search.sql import mysql_number

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

# Catalog's attribute-set repository lists the product entity type's sets only.
SETS = EntitySearch("(SELECT * FROM catalog_attribute_set WHERE entity_type_id = 4) s", "attribute_set_id",
                    unknown_field="flat", fields={
    "attribute_set_id": Field("attribute_set_id", "int"), "attribute_set_name": Field("attribute_set_name"),
    "sort_order": Field("sort_order", "int"), "entity_type_id": Field("entity_type_id", "int")})
ATTRIBUTES = EntitySearch("catalog_eav_attribute", "attribute_id", unknown_field="flat", fields={
    "attribute_id": Field("attribute_id", "int"), "attribute_code": Field("attribute_code"),
    "frontend_input": Field("frontend_input"), "backend_type": Field("backend_type"),
    "is_required": Field("is_required", "int"), "is_user_defined": Field("is_user_defined", "int"),
    "frontend_label": Field("frontend_label"), "default_frontend_label": Field("frontend_label")})


def require_attribute_code(code: str) -> None:
    """Eav OptionManagement::getItems/add/delete: PHP ``empty()``, so "" and "0" (" " is looked up)."""
    if code in ("", "0"):
        raise InputError("The attribute code is empty. Enter the code and try again.")


class ProductEav:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    # -- attribute sets ----------------------------------------------------------------------
    @staticmethod
    def _set_data(row: Any) -> dict[str, Any]:
        return {"attribute_set_id": row["attribute_set_id"], "attribute_set_name": row["attribute_set_name"],
                "sort_order": row["sort_order"], "entity_type_id": row["entity_type_id"]}

    def attribute_set(self, set_id: int) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM catalog_attribute_set WHERE attribute_set_id=?", (set_id,))
        if row is None:
            # AttributeSetRepository::get: NoSuchEntityException::singleField('id', ...)
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "id", "fieldValue": str(set_id)})
        if row["entity_type_id"] != PRODUCT_ENTITY_TYPE_ID:
            # Catalog Product/Attribute/SetRepository::validate (measured: sets 1 and 3 on 2.4.7-p3)
            raise MagentoError("Provided Attribute set non product Attribute set.")
        return self._set_data(row)

    def attribute_sets(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, SETS, criteria, config=self.catalog.config)
        return search_result([self.attribute_set(i) for i in ids], criteria, total)

    def set_attributes(self, set_id: str) -> list[dict[str, Any]]:
        """ProductAttributeManagement::getAttributes(string $attributeSetId): the set is loaded by the
        text as MySQL compares it with the id column (its numeric prefix: "4abc" and " 4" are set 4);
        not found names the text as sent. Measured on 2.4.7-p3 ("", "abc", "0", "4.0", "4abc", " 4")."""
        row = self.db.one("SELECT attribute_set_id, entity_type_id FROM catalog_attribute_set WHERE attribute_set_id=?",
                          (mysql_number(set_id),))
        if row is None:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "id", "fieldValue": set_id})
        if row["entity_type_id"] != PRODUCT_ENTITY_TYPE_ID:
            # Eav AttributeManagement::getAttributes: a set of another entity type (measured: sets 1, 3)
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "attributeSetId", "fieldValue": set_id})
        members = self.catalog.attribute_sets.members(int(row["attribute_set_id"]))
        return [self.catalog.attribute_data(code) for code in members]

    def attributes(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, ATTRIBUTES, criteria, config=self.catalog.config)
        codes = {r["attribute_id"]: r["attribute_code"] for r in self.db.query(
            "SELECT attribute_id, attribute_code FROM catalog_eav_attribute")}
        return search_result([self.catalog.attribute_data(codes[i]) for i in ids], criteria, total)

    # -- options -----------------------------------------------------------------------------
    def _option_attribute(self, code: str) -> dict[str, Any]:
        require_attribute_code(code)
        self.catalog.attribute_data(code)  # 404 for an unknown attribute
        meta = self.catalog.attributes()[code]
        if meta["frontend_input"] not in ("select", "multiselect"):
            raise MagentoError("The \"%1\" attribute doesn't work with options.", [code])
        return meta

    def add_option(self, code: str, option: Any) -> str:
        """OptionManagement::add: returns the new option id as a string."""
        meta = self._option_attribute(code)
        option = option if isinstance(option, dict) else {}
        label = str(option.get("label") or "").strip()
        if not label:
            raise InputError("The attribute option label is empty. Enter the value and try again.")
        options = json.loads(meta["options"])
        if any(o["label"] == label for o in options):
            raise InputError('Admin store attribute option label "%1" is already exists.', [option.get("label")])
        with self.db.write() as conn:
            top = max([int(o["value"]) for o in options if str(o["value"]).isdigit()] + [0])
            option_id = max(self.db.next_id("eav_attribute_option") + 1000, top + 1)
            options.append({"label": label, "value": str(option_id)})
            conn.execute("UPDATE catalog_eav_attribute SET options=? WHERE attribute_code=?",
                         (json.dumps(options), code))
        self.catalog.invalidate()
        return str(option_id)

    def delete_option(self, code: str, option_id: str) -> bool:
        meta = self._option_attribute(code)
        options = json.loads(meta["options"])
        if not any(str(o["value"]) == str(option_id) for o in options):
            raise NoSuchEntityError("The \"%1\" attribute doesn't include an option with \"%2\" ID.",
                                    [code, option_id])
        with self.db.write() as conn:
            conn.execute("UPDATE catalog_eav_attribute SET options=? WHERE attribute_code=?",
                         (json.dumps([o for o in options if str(o["value"]) != str(option_id)]), code))
        self.catalog.invalidate()
        return True
