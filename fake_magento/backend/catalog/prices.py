"""Price storages: base, special and tier prices (Catalog/Model/Product/Price/*Storage).

Each update validates row by row, stores the valid rows and answers the failed ones as
``price-update-result`` items (Validation/Result): the message keeps its placeholders and the
parameters are the row's values as a list (ServiceOutputProcessor re-indexes the array).
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import SCOPE_GLOBAL
from fake_magento.errors import InputError, render_message

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

ROW = "Row ID: SKU = %SKU, Website ID: %websiteId, Customer Group: %customerGroup, Quantity: %qty."
ALL_GROUPS = "all groups"
CUST_GROUP_ALL = 32000  # Customer/Api/GroupManagementInterface::CUST_GROUP_ALL
PRICE_TYPES = ("fixed", "discount")


def _is_datetime(value: str) -> bool:
    """SpecialPriceStorage::isCorrectDateValue: exactly Y-m-d H:i:s."""
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").strftime("%Y-%m-%d %H:%M:%S") == value
    except ValueError:
        return False


def _s(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


class PriceStorage:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db
        self.clock = catalog.clock
        self.stores = catalog.stores

    # -- helpers -----------------------------------------------------------------------------
    def _rows(self, prices: Any) -> list[dict[str, Any]]:
        if not isinstance(prices, list):
            prices = list(prices.values()) if isinstance(prices, dict) else []
        rows = []
        for raw in prices:  # typed at the edge (ServiceInputProcessor)
            rows.append(dict(raw) if isinstance(raw, dict) else {})
        return rows

    def _ids(self, skus: list[Any]) -> dict[str, int]:
        out = {}
        for sku in skus:
            product_id = self.catalog.find_id(str(sku)) if sku else None
            if product_id is not None:
                out[str(sku)] = product_id
        return out

    def _store_ok(self, store_id: Any) -> bool:
        return store_id is not None and any(s["store_id"] == store_id for s in self.stores.stores())

    def _store_targets(self, code: str, store_id: int) -> list[int]:
        scope = self.stores.scope_for_store_id(store_id)
        return self.catalog.values.target_stores(code, scope)

    def _skus(self, skus: Any) -> list[str]:
        if skus is None:
            e = InputError('"%fieldName" is required. Enter and try again.', {"fieldName": "skus"})
            raise e
        items = list(skus.values()) if isinstance(skus, dict) else skus if isinstance(skus, list) else [skus]
        return [str(s) for s in items]  # string[]: converted at the edge

    # -- base prices -------------------------------------------------------------------------
    def base_update(self, prices: Any) -> list[dict[str, Any]]:
        rows = self._rows(prices)
        ids = self._ids([r.get("sku") for r in rows])
        failed: list[dict[str, Any]] = []
        valid = []
        for row in rows:
            errors = []
            if not row.get("sku") or row["sku"] not in ids:
                errors.append(("Invalid attribute %fieldName = %fieldValue.", ["SKU", _s(row.get("sku"))]))
            if row.get("price") is None or row["price"] < 0:
                errors.append(("Invalid attribute %fieldName = %fieldValue.", ["Price", _s(row.get("price"))]))
            if not self._store_ok(row.get("store_id")):
                errors.append(("Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.",
                               [_s(row.get("sku")), _s(row.get("store_id"))]))
            failed += [{"message": m, "parameters": p} for m, p in errors]
            if not errors:
                valid.append(row)
        self._write_attribute(ids, valid, {"price": "price"})
        return failed

    def base_get(self, skus: Any) -> list[dict[str, Any]]:
        return [{"price": float(r["value"]), "store_id": r["store_id"], "sku": sku}
                for sku, r in self._values(self._skus(skus), "price")]

    # -- special prices ----------------------------------------------------------------------
    def special_update(self, prices: Any, *, delete: bool = False) -> list[dict[str, Any]]:
        """SpecialPriceStorage: unlike base and tier prices, these messages are rendered with the row."""
        rows = self._rows(prices)
        ids = self._ids([r.get("sku") for r in rows])
        tail = " Row ID: SKU = %SKU, Store ID: %storeId, Price From: %priceFrom, Price To: %priceTo."
        failed: list[dict[str, Any]] = []
        valid = []
        for row in rows:
            errors: list[tuple[str, dict[str, Any]]] = []
            if not row.get("sku") or row["sku"] not in ids:
                errors.append(("The product that was requested doesn't exist. Verify the product and try again."
                               + tail, {}))
            if self.catalog.effective_scope("special_price") == SCOPE_GLOBAL and row.get("store_id") != 0:
                errors.append(("Could not change non global Price when price scope is global." + tail, {}))
            if not self._store_ok(row.get("store_id")):
                errors.append(("Requested store is not found." + tail, {}))
            if row.get("price") is None or row["price"] < 0:
                errors.append(("Invalid attribute Price = %price." + tail, {"price": row.get("price")}))
            for field, label in (("price_from", "Price From"), ("price_to", "Price To")):
                if row.get(field) and not _is_datetime(row[field]):
                    errors.append(("Invalid attribute %label = %priceTo." + tail, {"label": label}))
            for message, first in errors:
                info = {**first, "SKU": row.get("sku"), "storeId": row.get("store_id"),
                        "priceFrom": row.get("price_from"), "priceTo": row.get("price_to")}
                failed.append({"message": render_message(message, {k: _s(v) for k, v in info.items()}),
                               "parameters": [_s(v) for v in info.values()]})
            if not errors:
                valid.append(row)
        if delete:
            for row in valid:
                row["price"] = row["price_from"] = row["price_to"] = None
        self._write_attribute(ids, valid, {"price": "special_price", "price_from": "special_from_date",
                                           "price_to": "special_to_date"}, clear=delete)
        return failed

    def special_get(self, skus: Any) -> list[dict[str, Any]]:
        out = []
        for sku, r in self._values(self._skus(skus), "special_price"):
            product_id = self.catalog.find_id(sku)
            dates = {code: self.db.one("SELECT value FROM catalog_product_value WHERE entity_id=? AND store_id=?"
                                       " AND attribute_code=?", (product_id, r["store_id"], code))
                     for code in ("special_from_date", "special_to_date")}
            item = {"price": float(r["value"]), "store_id": r["store_id"], "sku": sku}
            if dates["special_from_date"]:
                item["price_from"] = dates["special_from_date"][0]
            if dates["special_to_date"]:
                item["price_to"] = dates["special_to_date"][0]
            out.append(item)
        return out

    # -- shared storage ----------------------------------------------------------------------
    def _values(self, skus: list[str], code: str) -> list[tuple[str, Any]]:
        out = []
        for sku in skus:
            product_id = self.catalog.find_id(sku)
            if product_id is None:
                continue
            real_sku = self.db.one("SELECT sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))[0]
            for r in self.db.query("SELECT store_id, value FROM catalog_product_value WHERE entity_id=? AND"
                                   " attribute_code=? AND value IS NOT NULL ORDER BY store_id", (product_id, code)):
                out.append((real_sku, r))
        return out

    def _write_attribute(self, ids: dict[str, int], rows: list[dict[str, Any]], mapping: dict[str, str],
                         clear: bool = False) -> None:
        now = self.clock.stamp()
        with self.db.write() as conn:
            for row in rows:
                product_id = ids[row["sku"]]
                for field, code in mapping.items():
                    if field not in row and not clear:
                        continue
                    value = row.get(field)
                    stored = None if value is None else (
                        f"{float(value):.6f}" if field == "price" else str(value))
                    for store_id in self._store_targets(code, row["store_id"]):
                        if stored is None:
                            conn.execute("DELETE FROM catalog_product_value WHERE entity_id=? AND store_id=? AND"
                                         " attribute_code=?", (product_id, store_id, code))
                        else:
                            conn.execute("INSERT OR REPLACE INTO catalog_product_value VALUES (?,?,?,?)",
                                         (product_id, store_id, code, stored))
                conn.execute("UPDATE catalog_product_entity SET updated_at=? WHERE entity_id=?", (now, product_id))

    # -- tier prices -------------------------------------------------------------------------
    def _group_id(self, code: str | None) -> int | None:
        if code is None:
            return None
        if code.lower() == ALL_GROUPS:
            return CUST_GROUP_ALL
        row = self.db.one("SELECT group_id FROM customer_group WHERE lower(code)=lower(?)", (code,))
        return int(row[0]) if row else None

    def _group_code(self, all_groups: int, group_id: int) -> str:
        if all_groups:
            return "ALL GROUPS"
        row = self.db.one("SELECT code FROM customer_group WHERE group_id=?", (group_id,))
        return str(row[0]) if row else str(group_id)

    def tier_update(self, prices: Any, *, replace: bool = False, delete: bool = False) -> list[dict[str, Any]]:
        rows = self._rows(prices)
        ids = self._ids([r.get("sku") for r in rows])
        websites = {w["website_id"] for w in self.stores.websites()}
        failed: list[dict[str, Any]] = []
        valid: list[dict[str, Any]] = []
        for row in rows:
            params = [_s(row.get("sku")), _s(row.get("website_id")), _s(row.get("customer_group")),
                      _s(row.get("quantity"))]
            errors = []
            if not row.get("sku") or row["sku"] not in ids:
                errors.append((f"Invalid attribute SKU = %SKU. {ROW}", params))
            price, kind = row.get("price"), row.get("price_type")
            if price is None or price < 0 or (kind == "discount" and price > 100):
                errors.append((f"Invalid attribute Price = %price. {ROW}", [_s(price)] + params))
            if kind not in PRICE_TYPES:
                errors.append((f"Invalid attribute Price Type = %priceType. {ROW}", [_s(kind)] + params))
            if row.get("quantity") is None or row["quantity"] < 1:
                errors.append((f"Invalid attribute Quantity = %qty. {ROW}", params))
            if row.get("website_id") not in websites:
                errors.append((f"Invalid attribute Website ID = %websiteId. {ROW}", params))
            if self._group_id(row.get("customer_group")) is None:
                errors.append((f"No such entity with Customer Group = %customerGroup. {ROW}", params))
            if not errors and not delete:
                for other in valid:
                    if (other["sku"] == row["sku"] and other["website_id"] == row["website_id"]
                            and str(other["customer_group"]).lower() == str(row["customer_group"]).lower()
                            and other["quantity"] == row["quantity"]):
                        errors.append(("We found a duplicate website, tier price, customer group and quantity: "
                                       "Customer Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. "
                                       + ROW, params))
            failed += [{"message": m, "parameters": p} for m, p in errors]
            if not errors:
                valid.append(row)
        with self.db.write() as conn:
            if replace:
                for product_id in {ids[r["sku"]] for r in valid}:
                    conn.execute("DELETE FROM catalog_product_tier_price WHERE product_id=?", (product_id,))
            for row in valid:
                group = self._group_id(row["customer_group"])
                all_groups = int(group == CUST_GROUP_ALL)
                key = (ids[row["sku"]], row["website_id"], all_groups, 0 if all_groups else group, row["quantity"])
                conn.execute("DELETE FROM catalog_product_tier_price WHERE product_id=? AND website_id=? AND"
                             " all_groups=? AND customer_group_id=? AND qty=?", key)
                if not delete:
                    fixed = row["price_type"] == "fixed"
                    conn.execute("INSERT INTO catalog_product_tier_price(product_id, website_id, all_groups,"
                                 " customer_group_id, qty, value, percentage_value) VALUES (?,?,?,?,?,?,?)",
                                 (*key, row["price"] if fixed else 0, None if fixed else row["price"]))
        return failed

    def tier_get(self, skus: Any) -> list[dict[str, Any]]:
        out = []
        for sku in self._skus(skus):
            product_id = self.catalog.find_id(sku)
            if product_id is None:
                continue
            real_sku = self.db.one("SELECT sku FROM catalog_product_entity WHERE entity_id=?", (product_id,))[0]
            for r in self.db.query("SELECT * FROM catalog_product_tier_price WHERE product_id=? ORDER BY value_id",
                                   (product_id,)):
                discount = r["percentage_value"] is not None
                out.append({"price": float(r["percentage_value"] if discount else r["value"]),
                            "price_type": "discount" if discount else "fixed", "website_id": r["website_id"],
                            "sku": real_sku, "customer_group": self._group_code(r["all_groups"],
                                                                                r["customer_group_id"]),
                            "quantity": float(r["qty"])})
        return out

    # -- tier prices through the product (ProductInterface::tier_prices) ----------------------
    @staticmethod
    def parse_product_tier_prices(raw: Any) -> list[dict[str, Any]]:
        """Typed ``tier_prices`` items (catalog-data-product-tier-price-interface)."""
        items = list(raw.values()) if isinstance(raw, dict) else raw if isinstance(raw, list) else [raw]
        out = []
        for item in items:
            item = item if isinstance(item, dict) else {}
            extension = item.get("extension_attributes") or {}
            extension = extension if isinstance(extension, dict) else {}
            out.append({  # typed at the edge (ServiceInputProcessor) or by the seeder
                "customer_group_id": item.get("customer_group_id"), "qty": item.get("qty"),
                "value": item.get("value"), "percentage_value": extension.get("percentage_value"),
                "website_id": extension.get("website_id"),
            })
        return out

    def replace_product_tier_prices(self, conn: Any, product_id: int, items: list[dict[str, Any]],
                                    scope: Any) -> None:
        """Product/Type/Price::setTierPrices then TierPrice/UpdateHandler: the sent rows replace the
        stored ones; a row's website is its extension website_id, else 0 with a global price scope
        (getWebsiteForPriceScope) or the current store's website."""
        default_website = 0 if self.catalog.effective_scope("price") == SCOPE_GLOBAL else scope.website_id
        conn.execute("DELETE FROM catalog_product_tier_price WHERE product_id=?", (product_id,))
        for item in items:
            group = item["customer_group_id"]
            all_groups = int(group == CUST_GROUP_ALL)
            percentage = item["percentage_value"]
            conn.execute("INSERT INTO catalog_product_tier_price(product_id, website_id, all_groups,"
                         " customer_group_id, qty, value, percentage_value) VALUES (?,?,?,?,?,?,?)",
                         (product_id, default_website if item["website_id"] is None else item["website_id"],
                          all_groups, 0 if all_groups else (group or 0), item["qty"] or 1,
                          0 if percentage else (item["value"] or 0), percentage or None))

    def product_tier_prices(self, product_id: int) -> list[dict[str, Any]]:
        """The product's ``tier_prices`` (ProductTierPriceInterface)."""
        out = []
        for r in self.db.query("SELECT * FROM catalog_product_tier_price WHERE product_id=? ORDER BY value_id",
                               (product_id,)):
            extension: dict[str, Any] = {"website_id": r["website_id"]}
            if r["percentage_value"] is not None:
                extension = {"percentage_value": float(r["percentage_value"]), **extension}
            out.append({"customer_group_id": CUST_GROUP_ALL if r["all_groups"] else r["customer_group_id"],
                        "qty": float(r["qty"]), "value": float(r["value"]), "extension_attributes": extension})
        return out
