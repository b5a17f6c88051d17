"""Product links: related, cross-sell, up-sell and grouped "associated" (catalog_product_link).

Magento: ProductRepository::processLinks (``product_links`` sent -> every link type replaced;
unknown linked SKU -> NoSuchEntity), Catalog/Model/ProductLink/Management (list by type, add),
ProductLink/Repository (save one, delete one), LinkTypeProvider (types from di.xml: related,
crosssell, upsell, then GroupedProduct's associated).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

# Catalog/Model/Product/Link LINK_TYPE_* and GroupedProduct's LINK_TYPE_GROUPED, in di.xml order.
LINK_TYPES = {"related": 1, "crosssell": 5, "upsell": 4, "associated": 3}
INVALID = "The linked products data is invalid. Verify the data and try again."


def _field(link: dict[str, Any], snake: str) -> Any:
    camel = snake.split("_")[0] + "".join(p.title() for p in snake.split("_")[1:])
    return link.get(snake, link.get(camel))


def parse_link(link: Any) -> dict[str, Any]:
    link = link if isinstance(link, dict) else {}
    ext = _field(link, "extension_attributes")
    qty = _field(ext, "qty") if isinstance(ext, dict) else None
    return {"sku": _field(link, "sku"),
            "link_type": _field(link, "link_type"),
            "linked_product_sku": _field(link, "linked_product_sku"),
            "position": _field(link, "position"),
            "qty": qty}


class ProductLinks:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    @staticmethod
    def link_types() -> list[dict[str, Any]]:
        return [{"code": code, "name": name} for name, code in LINK_TYPES.items()]

    def links(self, product_id: int, sku: str, link_type: str | None = None) -> list[dict[str, Any]]:
        rows = self.db.query(
            "SELECT l.*, p.sku AS linked_sku, p.type_id AS linked_type FROM catalog_product_link l"
            " JOIN catalog_product_entity p ON p.entity_id = l.linked_product_id WHERE l.product_id=?"
            " ORDER BY l.link_id", (product_id,))
        order = list(LINK_TYPES)
        out = []
        for r in sorted(rows, key=lambda r: order.index(r["link_type"]) if r["link_type"] in order else 9):
            if link_type is not None and r["link_type"] != link_type:
                continue
            item: dict[str, Any] = {"sku": sku, "link_type": r["link_type"], "linked_product_sku": r["linked_sku"],
                                    "linked_product_type": r["linked_type"], "position": r["position"]}
            if r["link_type"] == "associated":
                # GroupedProduct's link attribute qty, as the grouped recording shows it
                item["extension_attributes"] = {"qty": r["qty"] or 0}
            out.append(item)
        return out

    def resolve(self, links: list[dict[str, Any]]) -> list[tuple[str, int, int, float | None]]:
        """ProductRepository::processLinks: per type, position falls back to the list index (+1)."""
        by_type: dict[str, list[dict[str, Any]]] = {}
        for link in links:
            by_type.setdefault(link["link_type"] or "", []).append(link)
        resolved = []
        for link_type, items in by_type.items():
            fallback = any(i["position"] is None for i in items)
            for n, link in enumerate(items, 1):
                sku = link["linked_product_sku"]
                linked_id = self.catalog.find_id(sku) if sku else None
                if linked_id is None:
                    raise NoSuchEntityError('The Product with the "%1" SKU doesn\'t exist.', [str(sku or "")])
                if link_type not in LINK_TYPES:
                    continue
                resolved.append((link_type, linked_id, n if fallback else int(link["position"]), link["qty"]))
        return resolved

    def replace(self, conn: Any, product_id: int, resolved: list[tuple[str, int, int, float | None]]) -> None:
        conn.execute("DELETE FROM catalog_product_link WHERE product_id=?", (product_id,))
        for link_type, linked_id, position, qty in resolved:
            conn.execute("DELETE FROM catalog_product_link WHERE product_id=? AND link_type=? AND linked_product_id=?",
                         (product_id, link_type, linked_id))
            conn.execute("INSERT INTO catalog_product_link(link_id, product_id, linked_product_id, link_type,"
                         " position, qty) VALUES (?,?,?,?,?,?)",
                         (self.db.next_id("product_link"), product_id, linked_id, link_type, position, qty))

    # -- routes ------------------------------------------------------------------------------
    def _product(self, sku: str) -> int:
        product_id = self.catalog.find_id(sku)
        if product_id is None:
            raise self.catalog.not_found()
        return product_id

    def by_type(self, sku: str, link_type: str) -> list[dict[str, Any]]:
        if link_type not in LINK_TYPES:
            raise NoSuchEntityError('The "%1" link type is unknown. Verify the type and try again.', [link_type])
        product_id = self._product(sku)
        row_sku = self.db.one("SELECT sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))[0]
        return self.links(product_id, row_sku, link_type)

    def add(self, sku: str, items: Any) -> bool:
        """Management::setProductLinks: merged with the existing links, saved through the product."""
        if not items:
            raise InputError('Invalid value of "%value" provided for the %fieldName field.',
                             {"value": "empty array", "fieldName": "items"})
        parsed = [parse_link(i) for i in (items if isinstance(items, list) else [items])]
        for link in parsed:
            if not link["link_type"]:
                raise InputError('"%fieldName" is required. Enter and try again.', {"fieldName": "linkType"})
            if link["link_type"] not in LINK_TYPES:
                raise NoSuchEntityError('The "%1" link type wasn\'t found. Verify the type and try again.',
                                        [link["link_type"]])
        product_id = self._product(sku)
        existing = [{"link_type": r["link_type"], "linked_product_sku": r["linked_product_sku"],
                     "position": r["position"], "qty": (r.get("extension_attributes") or {}).get("qty")}
                    for r in self.links(product_id, sku)]
        try:
            resolved = self.resolve(existing + parsed)
        except MagentoError:
            # the repository's exception is rewrapped as CouldNotSaveException
            raise MagentoError(INVALID) from None
        with self.db.write() as conn:
            self.replace(conn, product_id, resolved)
            self.catalog.touch(conn, product_id)
        return True

    def save_one(self, sku: str, entity: Any) -> bool:
        """ProductLink/Repository::save."""
        link = parse_link(entity)
        if not link["linked_product_sku"]:
            raise NoSuchEntityError("The linked product SKU is invalid. Verify the data and try again.")
        linked_id = self._product(link["linked_product_sku"])
        product_id = self._product(link["sku"] or sku)
        if link["link_type"] not in LINK_TYPES:
            raise MagentoError(INVALID)
        with self.db.write() as conn:
            conn.execute("DELETE FROM catalog_product_link WHERE product_id=? AND link_type=? AND"
                         " linked_product_id=?", (product_id, link["link_type"], linked_id))
            conn.execute("INSERT INTO catalog_product_link(link_id, product_id, linked_product_id, link_type,"
                         " position, qty) VALUES (?,?,?,?,?,?)",
                         (self.db.next_id("product_link"), product_id, linked_id, link["link_type"],
                          int(link["position"] or 0), link["qty"]))
            self.catalog.touch(conn, product_id)
        return True

    def delete(self, sku: str, link_type: str, linked_sku: str) -> bool:
        """ProductLink/Repository::deleteById."""
        for link in self.by_type(sku, link_type):
            if link["linked_product_sku"].lower() == linked_sku.lower():
                product_id = self._product(sku)
                linked_id = self._product(link["linked_product_sku"])
                with self.db.write() as conn:
                    conn.execute("DELETE FROM catalog_product_link WHERE product_id=? AND link_type=? AND"
                                 " linked_product_id=?", (product_id, link_type, linked_id))
                    self.catalog.touch(conn, product_id)
                return True
        raise NoSuchEntityError("Product %1 doesn't have linked %2 as %3", [sku, linked_sku, link_type])
