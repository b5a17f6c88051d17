"""Quote items from buy requests (Quote::addProduct with each product type's _prepareProduct).

A stored line is the product the shopper asked for plus its children: the chosen simple of a
configurable, the selections of a bundle. Prices, names and weights are read from the catalogue
when totals are collected (Quote::collectTotals re-reads the product on every collection).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import MagentoError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService
    from fake_magento.backend.scope import StoreScope
    from fake_magento.storage import Database

NOT_AVAILABLE = "Product that you are trying to add is not available."
QTY_NOT_AVAILABLE = "The requested qty is not available"
VIRTUAL_TYPES = {"virtual", "downloadable"}
SIMPLE_TYPES = {"simple", "virtual", "downloadable"}


def attr(product: dict[str, Any], code: str, default: Any = None) -> Any:
    if code in product and product[code] is not None:
        return product[code]
    for item in product.get("custom_attributes") or []:
        if item.get("attribute_code") == code:
            return item.get("value")
    return default


def _options(item: dict[str, Any]) -> dict[str, Any]:
    option = item.get("product_option") or {}
    return (option.get("extension_attributes") or {}) if isinstance(option, dict) else {}


class ItemBuilder:
    def __init__(self, db: Database, catalog: CatalogService) -> None:
        self.db = db
        self.catalog = catalog

    def product(self, sku: str, scope: StoreScope) -> dict[str, Any]:
        return self.catalog.get_product(sku, scope)

    def product_by_id(self, product_id: int, scope: StoreScope) -> dict[str, Any]:
        return self.catalog.product_data(int(product_id), scope)

    def available(self, product: dict[str, Any], scope: StoreScope) -> None:
        """Disabled, or not in the store's website: the product cannot be bought there."""
        websites = (product.get("extension_attributes") or {}).get("website_ids")
        if int(product.get("status") or 1) != 1 or (websites is not None and scope.website_id
                                                     and scope.website_id not in websites):
            raise MagentoError(NOT_AVAILABLE)

    def build(self, item: dict[str, Any], scope: StoreScope) -> dict[str, Any]:
        """A new line (without item ids) from a CartItemInterface body."""
        product = self.product(item.get("sku") or "", scope)
        self.available(product, scope)
        kind = product["type_id"]
        line: dict[str, Any] = {"sku": product["sku"], "product_id": product["id"], "product_type": kind,
                                "children": [], "option": None}
        extension = _options(item)
        if kind == "configurable":
            line["children"] = [self._configurable_child(product, extension, scope)]
            line["option"] = {"extension_attributes": {"configurable_item_options": [
                {"option_id": str(o["option_id"]), "option_value": int(o["option_value"])}
                for o in extension.get("configurable_item_options") or []]}}
        elif kind == "bundle":
            line["children"], options = self._bundle_children(product, extension, scope)
            line["option"] = {"extension_attributes": {"bundle_options": options}}
        elif kind == "grouped":
            # Quote/Model/Quote/Item/CartItemProcessor for grouped: the associated products and qtys are needed
            raise MagentoError("Please specify id and qty for grouped options.")
        elif kind not in SIMPLE_TYPES:
            raise MagentoError(NOT_AVAILABLE)
        return line

    def _configurable_child(self, product: dict[str, Any], extension: dict[str, Any],
                            scope: StoreScope) -> dict[str, Any]:
        """Configurable::_prepareProduct: the child whose super attributes match every option."""
        chosen = {}
        for option in extension.get("configurable_item_options") or []:
            if not isinstance(option, dict) or option.get("option_id") in (None, "") \
                    or option.get("option_value") in (None, ""):
                continue
            chosen[str(option["option_id"])] = str(option["option_value"])
        attributes = (product.get("extension_attributes") or {}).get("configurable_product_options") or []
        wanted = {str(a["attribute_id"]) for a in attributes}
        if not attributes or set(chosen) != wanted:
            raise MagentoError("You need to choose options for your item.")
        codes = {str(o["attribute_id"]): self._attribute_code(o["attribute_id"]) for o in attributes}
        for child_id in (product.get("extension_attributes") or {}).get("configurable_product_links") or []:
            child = self.product_by_id(child_id, scope)
            if all(str(attr(child, codes[a], "")) == v for a, v in chosen.items()):
                if int(child.get("status") or 1) != 1:
                    raise MagentoError(NOT_AVAILABLE)
                return {"sku": child["sku"], "product_id": child["id"], "product_type": child["type_id"], "qty": 1.0}
        raise MagentoError("You need to choose options for your item.")

    def _attribute_code(self, attribute_id: Any) -> str:
        row = self.db.one("SELECT attribute_code FROM catalog_eav_attribute WHERE attribute_id=?",
                                   (int(attribute_id),))
        if row is None:
            raise MagentoError("You need to choose options for your item.")
        return str(row["attribute_code"])

    def _bundle_children(self, product: dict[str, Any], extension: dict[str, Any],
                         scope: StoreScope) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Bundle Type::_prepareProduct: every required option needs a selection of its own links."""
        requested = extension.get("bundle_options") or []
        if not isinstance(requested, list) or not requested:
            raise MagentoError("Please specify product option(s).")
        options = {int(o["option_id"]): o for o in
                   (product.get("extension_attributes") or {}).get("bundle_product_options") or []}
        children, echoed, chosen_options = [], [], set()
        for entry in requested:
            if not isinstance(entry, dict):
                continue
            # typed by ServiceInputProcessor (bundle-data-bundle-option-interface) or by the seeder
            option_id = int(entry.get("option_id") or 0)
            selections = [int(s) for s in entry.get("option_selections") or []]
            option = options.get(option_id)
            if option is None:
                raise MagentoError("The options you selected are not available.")
            links = {int(link["id"]): link for link in option.get("product_links") or []}
            for selection_id in selections:
                link = links.get(selection_id)
                if link is None:
                    raise MagentoError("The options you selected are not available.")
                option_qty = entry.get("option_qty")
                qty = float(option_qty or 0) if option_qty is not None \
                    and link.get("can_change_quantity") else float(link.get("qty") or 1)
                child = self.product(link["sku"], scope)
                children.append({"sku": child["sku"], "product_id": child["id"], "product_type": child["type_id"],
                                 "qty": qty or 1.0, "option_id": option_id, "selection_id": selection_id,
                                 "selection_price": link.get("price"), "selection_price_type": link.get("price_type"),
                                 "option_title": option.get("title")})
                chosen_options.add(option_id)
            echoed.append({"option_id": option_id, "option_qty": int(float(entry.get("option_qty") or 1)),
                           "option_selections": selections})
        missing = [o for o in options.values() if o.get("required") and int(o["option_id"]) not in chosen_options]
        if missing or not children:
            raise MagentoError("Please select all required options.")
        return children, echoed


def same_request(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Quote::getItemByProduct / Item::representProduct: same product, same options."""
    key = (lambda line: (line["product_id"], [(c["product_id"], c.get("selection_id"), c["qty"])
                                              for c in line["children"]]))
    return key(a) == key(b)


def item_not_in_cart(cart_id: Any, item_id: Any) -> NoSuchEntityError:
    # Quote/Model/Quote/Item/Repository::deleteById, CartItemPersister::save
    return NoSuchEntityError("The %1 Cart doesn't contain the %2 item.", [str(cart_id), str(item_id)])
