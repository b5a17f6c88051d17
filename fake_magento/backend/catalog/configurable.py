"""Configurable products: super attributes (options) and child links.

Magento: ConfigurableProduct/Model/Product/SaveHandler (options replaced when sent, links when
sent), Plugin/ProductRepositorySave (children validated against the option attributes),
LinkManagement (children routes), OptionRepository (option routes). Option ``values`` are not
stored: AttributeOptionProvider reads them from the children's attribute values
(ResourceModel/Product/Type/Configurable/Attribute/Collection::loadOptions).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError, WebapiError
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

OPTION_MISSING = "The option that was requested doesn't exist. Verify the entity and try again."


def _attribute_missing(value: Any) -> NoSuchEntityError:
    # Eav/Model/AttributeRepository::get (productAttributeRepository->get($attributeId))
    return NoSuchEntityError('The attribute with a "%1" attributeCode doesn\'t exist. Verify the '
                             "attribute and try again.", [str(value)])


class ConfigurableParts:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    # -- helpers -----------------------------------------------------------------------------
    def _attribute_by_id(self, attribute_id: Any) -> dict[str, Any]:
        for meta in self.catalog.attributes().values():
            if str(meta["attribute_id"]) == str(attribute_id).strip():
                return meta
        raise _attribute_missing(attribute_id)

    def _child_value(self, child_id: int, code: str) -> str | None:
        row = self.db.one("SELECT value FROM catalog_product_value WHERE entity_id=? AND attribute_code=?"
                          " AND store_id=0", (child_id, code))
        return row[0] if row and row[0] not in (None, "") else None

    def child_ids(self, product_id: int) -> list[int]:
        return [r[0] for r in self.db.query("SELECT product_id FROM catalog_product_super_link WHERE parent_id=?"
                                            " ORDER BY product_id", (product_id,))]

    def _option_rows(self, product_id: int) -> list[Any]:
        return self.db.query("SELECT * FROM catalog_product_super_attribute WHERE product_id=? ORDER BY option_id",
                             (product_id,))

    def _option_data(self, row: Any, children: list[int]) -> dict[str, Any]:
        meta = self.catalog.attributes()[row["attribute_code"]]
        import json
        order = [str(o["value"]) for o in json.loads(meta["options"])]
        used = {v for v in (self._child_value(c, row["attribute_code"]) for c in children) if v is not None}
        values = sorted(used, key=lambda v: (order.index(v) if v in order else len(order), v))
        return {"id": row["option_id"], "attribute_id": str(meta["attribute_id"]), "label": row["label"],
                "position": row["position"], "values": [{"value_index": int(v)} for v in values if v.isdigit()],
                "product_id": row["product_id"]}

    def options(self, product_id: int) -> list[dict[str, Any]]:
        children = self.child_ids(product_id)
        return [self._option_data(r, children) for r in self._option_rows(product_id)]

    def extension(self, product_id: int) -> dict[str, Any]:
        return {"configurable_product_options": self.options(product_id),
                "configurable_product_links": self.child_ids(product_id)}

    # -- product save ------------------------------------------------------------------------
    def _parse_option(self, option: Any, field: str = "configurable_product_options") -> dict[str, Any]:
        if not isinstance(option, dict):
            raise WebapiError(f'Error occurred during "{field}" processing. The "{option}" value\'s type is '
                              'invalid. The "array" type was expected. Verify and try again.'
                              if not isinstance(option, list) else "")
        data = {k: option.get(k, option.get(c)) for k, c in (("id", "id"), ("attribute_id", "attributeId"),
                                                                ("label", "label"), ("position", "position"),
                                                                ("values", "values"),
                                                                ("is_use_default", "isUseDefault"))}
        return data

    def validate_save(self, extension: dict[str, Any]) -> tuple[list[dict[str, Any]] | None, list[int] | None]:
        """ProductRepositorySave::beforeSave, run before anything is written."""
        raw_options = extension.get("configurable_product_options")
        raw_links = extension.get("configurable_product_links")
        options = None if raw_options is None else [self._parse_option(o) for o in (
            raw_options if isinstance(raw_options, list) else [raw_options])]
        links = None if raw_links is None else list(raw_links)
        codes = [self._attribute_by_id(o["attribute_id"])["attribute_code"] for o in options or []]
        seen: dict[str, int] = {}
        for child_id in links or []:
            if self.db.one("SELECT 1 FROM catalog_product_entity WHERE entity_id=?", (child_id,)) is None:
                raise NoSuchEntityError("The product that was requested doesn't exist. Verify the product and "
                                        "try again.")
            key = ""
            for code in codes:
                value = self._child_value(child_id, code)
                if value is None:
                    raise InputError('Product with id "%1" does not contain required attribute "%2".',
                                     [str(child_id), code])
                key += f"{code}:{value};"
            if key in seen:
                raise InputError('Products "%1" and "%2" have the same set of attribute values.',
                                 [str(child_id), str(seen[key])])
            seen[key] = child_id
        return options, links

    def save(self, conn: Any, product_id: int, options: list[dict[str, Any]] | None,
             links: list[int] | None) -> None:
        """SaveHandler::execute: a changed or dropped option is deleted (with the children), new ones added."""
        if options is not None:
            wanted = {self._attribute_by_id(o["attribute_id"])["attribute_code"]: o for o in options}
            for row in conn.execute("SELECT * FROM catalog_product_super_attribute WHERE product_id=?",
                                    (product_id,)).fetchall():
                new = wanted.get(row["attribute_code"])
                if new is None or (new["label"] or None) != (row["label"] or None) \
                        or int(new["position"] or 0) != row["position"]:
                    self._delete_option(conn, product_id, row["option_id"])
                else:
                    wanted.pop(row["attribute_code"])
            for code, option in wanted.items():
                self._insert_option(conn, product_id, code, option)
        if links is not None:
            conn.execute("DELETE FROM catalog_product_super_link WHERE parent_id=?", (product_id,))
            conn.executemany("INSERT OR IGNORE INTO catalog_product_super_link VALUES (?,?)",
                             [(product_id, c) for c in links if c != product_id])

    def _insert_option(self, conn: Any, product_id: int, code: str, option: dict[str, Any]) -> int:
        option_id = self.db.next_id("configurable_option")
        conn.execute("INSERT INTO catalog_product_super_attribute VALUES (?,?,?,?,?)",
                     (option_id, product_id, code, option.get("label"), int(option.get("position") or 0)))
        return option_id

    def _delete_option(self, conn: Any, product_id: int, option_id: int) -> None:
        # OptionRepository::delete: saveProducts($product, []) drops every child first.
        conn.execute("DELETE FROM catalog_product_super_link WHERE parent_id=?", (product_id,))
        conn.execute("DELETE FROM catalog_product_super_attribute WHERE option_id=?", (option_id,))

    # -- LinkManagement ----------------------------------------------------------------------
    def _product(self, sku: str) -> tuple[int, str]:
        product_id = self.catalog.find_id(sku)
        if product_id is None:
            raise self.catalog.not_found()
        row = self.db.one("SELECT type_id, sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))
        return product_id, row["type_id"]

    def children(self, sku: str, scope: Any) -> list[dict[str, Any]]:
        product_id, type_id = self._product(sku)
        if type_id != "configurable":
            return []
        out = []
        for child_id in self.child_ids(product_id):
            data = self.catalog.product_data(child_id, scope)
            # LinkManagement::getChildren populates a bare product data object from the attributes
            for key in ("extension_attributes", "options", "media_gallery_entries"):
                data.pop(key, None)
            out.append(data)
        return out

    def add_child(self, sku: str, child_sku: str) -> bool:
        product_id, _ = self._product(sku)
        child_id, _ = self._product(child_sku)
        if child_id in self.child_ids(product_id):
            raise MagentoError("The product is already attached.")
        rows = self._option_rows(product_id)
        if not rows:
            raise MagentoError("The parent product doesn't have configurable product options.")
        for row in rows:
            if self._child_value(child_id, row["attribute_code"]) in (None, "0"):
                raise MagentoError('The child product doesn\'t have the "%1" attribute value. Verify the value '
                                   "and try again.", [row["attribute_code"]])
        with self.db.write() as conn:
            conn.execute("INSERT INTO catalog_product_super_link VALUES (?,?)", (product_id, child_id))
            self.catalog.touch(conn, product_id)
        return True

    def remove_child(self, sku: str, child_sku: str) -> bool:
        product_id, type_id = self._product(sku)
        if type_id != "configurable":
            raise InputError('The product with the "%1" SKU isn\'t a configurable product.', [sku])
        child = self.db.one("SELECT l.product_id FROM catalog_product_super_link l JOIN catalog_product_entity p"
                            " ON p.entity_id = l.product_id WHERE l.parent_id=? AND p.sku=?", (product_id, child_sku))
        if child is None:
            raise NoSuchEntityError(OPTION_MISSING)
        with self.db.write() as conn:
            conn.execute("DELETE FROM catalog_product_super_link WHERE parent_id=? AND product_id=?",
                         (product_id, child[0]))
            self.catalog.touch(conn, product_id)
        return True

    # -- OptionRepository --------------------------------------------------------------------
    def _configurable(self, sku: str) -> int:
        product_id, type_id = self._product(sku)
        if type_id != "configurable":
            raise InputError('This is implemented for the "%1" configurable product only.', [sku])
        return product_id

    def option_list(self, sku: str) -> list[dict[str, Any]]:
        return self.options(self._configurable(sku))

    def option_get(self, sku: str, option_id: Any) -> dict[str, Any]:
        for option in self.options(self._configurable(sku)):
            if str(option["id"]) == str(option_id):
                return option
        raise NoSuchEntityError('The "%1" entity that was requested doesn\'t exist. Verify the entity and try '
                                "again.", [str(option_id)])

    def option_delete(self, sku: str, option_id: Any) -> bool:
        product_id = self._configurable(sku)
        row = self.db.one("SELECT option_id FROM catalog_product_super_attribute WHERE product_id=? AND"
                          " option_id=?", (product_id, str(option_id)))
        if row is None:
            raise NoSuchEntityError(OPTION_MISSING)
        with self.db.write() as conn:
            self._delete_option(conn, product_id, row[0])
        return True

    def option_save(self, sku: str, option: Any, option_id: Any = None) -> str:
        """OptionRepository::save; the id comes back as the string the resource model holds."""
        data = self._parse_option(option if isinstance(option, dict) else {}, "option")
        if option_id is not None:
            # ParamsOverrider writes the path id into the option before ServiceInputProcessor converts it
            data["id"] = typed_value("id", option_id, "int")
        if data["id"]:
            product_id = self._configurable(sku)
            row = self.db.one("SELECT * FROM catalog_product_super_attribute WHERE option_id=?", (data["id"],))
            if row is None or row["product_id"] != product_id:
                raise NoSuchEntityError('Option with id "%1" not found', [str(data["id"])])
            with self.db.write() as conn:
                conn.execute("UPDATE catalog_product_super_attribute SET label=COALESCE(?, label),"
                             " position=COALESCE(?, position) WHERE option_id=?",
                             (data["label"], data["position"], row["option_id"]))
            return str(row["option_id"])
        product_id, type_id = self._product(sku)
        errors = InputError()
        if not data["attribute_id"]:
            errors.add("Option attribute ID is not specified.")
        if not data["label"]:
            errors.add("Option label is not specified.")
        values = data["values"]
        if not values:
            errors.add("Option values are not specified.")
        else:
            for value in values if isinstance(values, list) else [values]:
                if not isinstance(value, dict) or value.get("value_index", value.get("valueIndex")) in (None, ""):
                    errors.add("Value index is not specified for an option.")
        if errors.errors:
            raise errors
        if type_id not in ("simple", "virtual", "configurable"):
            # OptionRepository::save throws \InvalidArgumentException -> masked 500
            from fake_magento.errors import InternalError
            raise InternalError("Incompatible product type")
        code = self._attribute_by_id(data["attribute_id"])["attribute_code"]
        with self.db.write() as conn:
            if type_id == "simple":
                conn.execute("UPDATE catalog_product_entity SET type_id='configurable' WHERE entity_id=?",
                             (product_id,))
            existing = conn.execute("SELECT option_id FROM catalog_product_super_attribute WHERE product_id=?"
                                    " AND attribute_code=?", (product_id, code)).fetchone()
            if existing:
                conn.execute("UPDATE catalog_product_super_attribute SET label=?, position=? WHERE option_id=?",
                             (data["label"], int(data["position"] or 0), existing[0]))
                return str(existing[0])
            return str(self._insert_option(conn, product_id, code, data))
