"""Bundle products: options and selections.

Magento: Bundle/Model/Product/SaveHandler (an empty or absent ``bundle_product_options`` changes
nothing; options missing from a non-empty list are removed; options without a known id are new),
Option/SaveAction (an existing option's links: with an id updated, without added, missing
removed), OptionRepository / OptionManagement / LinkManagement (routes, messages), and
LinkManagement::buildLink (selection price and price type only for a fixed-price bundle).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

BUNDLE_ONLY = "This is implemented for bundle products only."
OPTION_MISSING = "The option that was requested doesn't exist. Verify the entity and try again."
COMPOSITE = {"configurable", "bundle", "grouped"}
# Bundle/Setup: dynamic price, SKU, weight; price view "price range"; ship together
DEFAULTS = {"price_type": "0", "sku_type": "0", "weight_type": "0", "price_view": "0", "shipment_type": "0"}


def _get(data: dict[str, Any], snake: str) -> Any:
    camel = snake.split("_")[0] + "".join(p.title() for p in snake.split("_")[1:])
    return data.get(snake, data.get(camel))


def parse_link(link: Any) -> dict[str, Any]:
    link = link if isinstance(link, dict) else {}
    out = {"id": _get(link, "id"),
           "sku": _get(link, "sku"),
           "option_id": _get(link, "option_id"),
           "qty": _get(link, "qty"),
           "position": _get(link, "position"),
           "price": _get(link, "price"),
           "price_type": _get(link, "price_type"),
           "can_change_quantity": _get(link, "can_change_quantity")}
    default = _get(link, "is_default")
    out["is_default"] = None if default is None else bool(default) and default not in ("0", "false")
    return out


def parse_option(option: Any) -> dict[str, Any]:
    option = option if isinstance(option, dict) else {}
    links = _get(option, "product_links")
    required = _get(option, "required")
    return {"option_id": _get(option, "option_id"),
            "title": _get(option, "title"),
            "required": None if required is None else bool(required) and required not in ("0", "false"),
            "type": _get(option, "type"),
            "position": _get(option, "position"),
            "sku": _get(option, "sku"),
            "product_links": None if links is None else [parse_link(x) for x in (
                links if isinstance(links, list) else [links])]}


class BundleParts:
    name = "bundle"

    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    # -- reads -------------------------------------------------------------------------------
    def _fixed_price(self, product_id: int) -> bool:
        row = self.db.one("SELECT value FROM catalog_product_value WHERE entity_id=? AND attribute_code='price_type'"
                          " AND store_id=0", (product_id,))
        return bool(row and row[0] == "1")

    def _links(self, product_id: int, option_id: int | None = None) -> list[dict[str, Any]]:
        fixed = self._fixed_price(product_id)
        sql = ("SELECT s.*, p.sku FROM catalog_product_bundle_selection s JOIN catalog_product_entity p"
               " ON p.entity_id = s.product_id WHERE s.parent_id=?")
        args: list[Any] = [product_id]
        if option_id is not None:
            sql += " AND s.option_id=?"
            args.append(option_id)
        rows = self.db.query(sql + " ORDER BY s.option_id, s.position, s.selection_id", tuple(args))
        return [{"id": str(r["selection_id"]), "sku": r["sku"], "option_id": r["option_id"], "qty": r["qty"],
                 "position": r["position"], "is_default": bool(r["is_default"]),
                 "price": r["price"] if fixed else None, "price_type": r["price_type"] if fixed else None,
                 "can_change_quantity": r["can_change_quantity"]} for r in rows]

    def _option(self, row: Any, sku: str) -> dict[str, Any]:
        return {"option_id": row["option_id"], "title": row["title"], "required": bool(row["required"]),
                "type": row["type"], "position": row["position"], "sku": sku,
                "product_links": self._links(row["parent_id"], row["option_id"])}

    def options(self, product_id: int) -> list[dict[str, Any]]:
        sku = self.db.one("SELECT sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))[0]
        rows = self.db.query("SELECT * FROM catalog_product_bundle_option WHERE parent_id=?"
                             " ORDER BY position, option_id", (product_id,))
        return [self._option(r, sku) for r in rows]

    def extension(self, product_id: int, type_id: str) -> dict[str, Any]:
        return {"bundle_product_options": self.options(product_id)} if type_id == "bundle" else {}

    # -- product save ------------------------------------------------------------------------
    def prepare(self, data: dict[str, Any], extension: dict[str, Any], type_id: str) -> Any:
        raw = extension.get("bundle_product_options")
        if type_id != "bundle":
            return None
        options = [parse_option(o) for o in (raw if isinstance(raw, list) else [raw])] if raw else []
        for option in options:
            for link in option["product_links"] or []:
                self._child(link["sku"])
        return options

    def save(self, conn: Any, product_id: int, type_id: str, options: Any) -> None:
        if type_id != "bundle" or not options:
            return
        existing = {r[0] for r in conn.execute("SELECT option_id FROM catalog_product_bundle_option WHERE parent_id=?",
                                               (product_id,)).fetchall()}
        sent = {o["option_id"] for o in options if o["option_id"]}
        for option_id in existing - sent:
            conn.execute("DELETE FROM catalog_product_bundle_option WHERE option_id=?", (option_id,))
        for option in options:
            if option["option_id"] not in existing:
                option["option_id"] = None
            self._save_option(conn, product_id, option)

    def _save_option(self, conn: Any, product_id: int, option: dict[str, Any]) -> int:
        """Option/SaveAction::save."""
        if not option["option_id"]:
            option_id = self.db.next_id("bundle_option")
            conn.execute("INSERT INTO catalog_product_bundle_option VALUES (?,?,?,?,?,?)",
                         (option_id, product_id, option["title"], int(bool(option["required"])), option["type"],
                          int(option["position"] or 0)))
            for link in option["product_links"] or []:
                self._add_child(conn, product_id, option_id, link)
            return option_id
        option_id = option["option_id"]
        conn.execute("UPDATE catalog_product_bundle_option SET title=COALESCE(?, title),"
                     " required=COALESCE(?, required), type=COALESCE(?, type), position=COALESCE(?, position)"
                     " WHERE option_id=?", (option["title"], None if option["required"] is None else
                                            int(option["required"]), option["type"], option["position"], option_id))
        links = option["product_links"]
        if links is not None:
            keep = {str(link["id"]) for link in links if link["id"]}
            for (selection_id,) in conn.execute("SELECT selection_id FROM catalog_product_bundle_selection"
                                                " WHERE option_id=?", (option_id,)).fetchall():
                if str(selection_id) not in keep:
                    conn.execute("DELETE FROM catalog_product_bundle_selection WHERE selection_id=?", (selection_id,))
            for link in links:
                if link["id"]:
                    self._update_child(conn, product_id, link)
                else:
                    self._add_child(conn, product_id, option_id, link)
        return option_id

    def _child(self, sku: Any) -> int:
        child_id = self.catalog.find_id(str(sku)) if sku else None
        if child_id is None:
            raise self.catalog.not_found()
        type_id = self.db.one("SELECT type_id FROM catalog_product_entity WHERE entity_id=?", (child_id,))[0]
        if type_id in COMPOSITE:
            raise InputError("The bundle product can't contain another composite product.")
        return child_id

    def _add_child(self, conn: Any, product_id: int, option_id: int, link: dict[str, Any]) -> int:
        """LinkManagement::addChild (after the option and type checks)."""
        child_id = self._child(link["sku"])
        clash = conn.execute("SELECT 1 FROM catalog_product_bundle_selection WHERE option_id=? AND product_id=?",
                             (option_id, child_id)).fetchone()
        if clash:
            sku = self.db.one("SELECT sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))[0]
            raise MagentoError('Child with specified sku: "%1" already assigned to product: "%2"',
                               [str(link["sku"]), sku])
        selection_id = self.db.next_id("bundle_selection")
        conn.execute("INSERT INTO catalog_product_bundle_selection VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (selection_id, option_id, product_id, child_id,
                      link["qty"] if link["qty"] is not None else 1, int(link["position"] or 0),
                      int(bool(link["is_default"])), link["price"], link["price_type"],
                      int(link["can_change_quantity"] or 0)))
        return selection_id

    def _update_child(self, conn: Any, product_id: int, link: dict[str, Any]) -> None:
        child_id = self._child(link["sku"])
        row = conn.execute("SELECT * FROM catalog_product_bundle_selection WHERE selection_id=?",
                           (str(link["id"]),)).fetchone() if str(link["id"]).isdigit() else None
        if row is None:
            raise InputError('The product link with the "%1" ID field wasn\'t found. Verify the ID and try again.',
                             [str(link["id"])])
        conn.execute("UPDATE catalog_product_bundle_selection SET product_id=?, parent_id=?,"
                     " option_id=COALESCE(?, option_id), position=COALESCE(?, position), qty=COALESCE(?, qty),"
                     " price_type=COALESCE(?, price_type), price=COALESCE(?, price),"
                     " can_change_quantity=COALESCE(?, can_change_quantity), is_default=COALESCE(?, is_default)"
                     " WHERE selection_id=?",
                     (child_id, product_id, link["option_id"], link["position"], link["qty"], link["price_type"],
                      link["price"], link["can_change_quantity"],
                      None if link["is_default"] is None else int(link["is_default"]), row["selection_id"]))

    # -- routes ------------------------------------------------------------------------------
    def _product(self, sku: Any) -> tuple[int, str, str]:
        product_id = self.catalog.find_id(str(sku)) if sku else None
        if product_id is None:
            raise self.catalog.not_found()
        row = self.db.one("SELECT type_id, sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))
        return product_id, row["type_id"], row["sku"]

    def _bundle(self, sku: Any) -> tuple[int, str]:
        product_id, type_id, real_sku = self._product(sku)
        if type_id != "bundle":
            raise InputError(BUNDLE_ONLY)
        return product_id, real_sku

    def option_list(self, sku: str) -> list[dict[str, Any]]:
        return self.options(self._bundle(sku)[0])

    def option_get(self, sku: str, option_id: Any) -> dict[str, Any]:
        product_id, real_sku = self._bundle(sku)
        row = self.db.one("SELECT * FROM catalog_product_bundle_option WHERE parent_id=? AND option_id=?",
                          (product_id, str(option_id)))
        if row is None:
            raise NoSuchEntityError(OPTION_MISSING)
        return self._option(row, real_sku)

    def option_delete(self, sku: str, option_id: Any) -> bool:
        product_id = self._bundle(sku)[0]
        self.option_get(sku, option_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM catalog_product_bundle_option WHERE option_id=?", (str(option_id),))
            self.catalog.touch(conn, product_id)
        return True

    def option_save(self, option: Any, option_id: Any = None) -> Any:
        """OptionManagement::save -> Option/SaveAction::save; a new option's id comes back as a string."""
        data = parse_option(option)
        if option_id is not None:
            # ParamsOverrider writes the path id into the option before ServiceInputProcessor converts it
            data["option_id"] = typed_value("option_id", option_id, "int")
        product_id, _ = self._bundle(data["sku"])
        existing = data["option_id"] and self.db.one(
            "SELECT 1 FROM catalog_product_bundle_option WHERE option_id=? AND parent_id=?",
            (data["option_id"], product_id))
        if not existing:
            data["option_id"] = None
        for link in data["product_links"] or []:
            self._child(link["sku"])
        with self.db.write() as conn:
            saved = self._save_option(conn, product_id, data)
            self.catalog.touch(conn, product_id)
        return str(saved) if not existing else saved

    def children(self, sku: str) -> list[dict[str, Any]]:
        return self._links(self._bundle(sku)[0])

    def add_child(self, sku: str, option_id: Any, link: Any) -> int:
        product_id, type_id, real_sku = self._product(sku)
        if type_id != "bundle":
            raise InputError('The product with the "%1" SKU isn\'t a bundle product.', [real_sku])
        data = parse_link(link)
        option = self.db.one("SELECT option_id FROM catalog_product_bundle_option WHERE option_id=? AND parent_id=?",
                             (str(option_id), product_id))
        if option is None:
            raise InputError('Product with specified sku: "%1" does not contain option: "%2"',
                             [real_sku, str(option_id)])
        with self.db.write() as conn:
            selection_id = self._add_child(conn, product_id, option[0], data)
            self.catalog.touch(conn, product_id)
        return selection_id

    def save_child(self, sku: str, link: Any, link_id: Any = None) -> bool:
        product_id, type_id, real_sku = self._product(sku)
        if type_id != "bundle":
            raise InputError('The product with the "%1" SKU isn\'t a bundle product.', [real_sku])
        data = parse_link(link)
        if link_id is not None:
            data["id"] = str(link_id)
        self._child(data["sku"])
        if not data["id"]:
            raise InputError("The product link needs an ID field entered. Enter and try again.")
        with self.db.write() as conn:
            self._update_child(conn, product_id, data)
            self.catalog.touch(conn, product_id)
        return True

    def remove_child(self, sku: str, option_id: Any, child_sku: str) -> bool:
        product_id, type_id, _ = self._product(sku)
        if type_id != "bundle":
            raise InputError('The product with the "%1" SKU isn\'t a bundle product.', [sku])
        rows = self.db.query("SELECT s.selection_id FROM catalog_product_bundle_selection s JOIN catalog_product_entity p"
                             " ON p.entity_id = s.product_id WHERE s.parent_id=? AND s.option_id=? AND"
                             " lower(p.sku)=lower(?)", (product_id, str(option_id), child_sku))
        if not rows:
            raise NoSuchEntityError("The bundle product doesn't exist. Review your request and try again.")
        with self.db.write() as conn:
            conn.executemany("DELETE FROM catalog_product_bundle_selection WHERE selection_id=?",
                             [(r[0],) for r in rows])
            self.catalog.touch(conn, product_id)
        return True
