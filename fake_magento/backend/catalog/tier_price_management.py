"""ProductTierPriceManagement (the legacy group-price routes, /V1/products/:sku/group-prices/...):
Catalog/Model/Product/TierPriceManagement over the tier prices PriceStorage keeps."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import SCOPE_GLOBAL
from fake_magento.backend.catalog.prices import CUST_GROUP_ALL
from fake_magento.errors import InputError, NoSuchEntityError, WebapiError
from fake_magento.types import _NUMERIC

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService


def float_param(value: Any) -> float:
    """A top-level ``float`` service parameter (a path value): ServiceInputProcessor's type error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _NUMERIC.match(value):
        return float(value)
    raise WebapiError(f'The "{value}" value\'s type is invalid. The "float" type was expected. Verify and try again.')


class TierPriceManagement:
    """The legacy group-price routes (Catalog/Model/Product/TierPriceManagement, PriceModifier)."""

    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    def _product(self, sku: str) -> int:
        product_id = self.catalog.find_id(sku)
        if product_id is None:
            raise self.catalog.not_found()
        return product_id

    def _website(self, scope: Any) -> int:
        # catalog/price/scope 0 -> website 0; else the current store's website (0 for ``all``)
        return 0 if self.catalog.effective_scope("price") == SCOPE_GLOBAL else int(scope.website_id)

    def _rows(self, product_id: int, scope: Any) -> list[Any]:
        """The product's ``tier_price`` data as loaded for the scope (website 0 plus the scope's website)."""
        return self.db.query("SELECT * FROM catalog_product_tier_price WHERE product_id=? AND website_id IN (0, ?)"
                             " ORDER BY value_id", (product_id, self._website(scope)))

    @staticmethod
    def _matches(group: str, row: Any) -> bool:
        """isCustomerGroupApplicable; an all-groups row loads with cust_group 32000."""
        cust_group = CUST_GROUP_ALL if row["all_groups"] else row["customer_group_id"]
        if group == "all":
            return bool(row["all_groups"])
        return group.lstrip("-").isdigit() and int(cust_group) == int(group)

    def get_list(self, sku: str, group: str, scope: Any) -> list[dict[str, Any]]:
        product_id = self._product(sku)
        out = []
        for row in self._rows(product_id, scope):
            if self._matches(group, row):  # only "all" or a number can match
                value = row["value"] if row["percentage_value"] is None else row["percentage_value"]
                out.append({"customer_group_id": CUST_GROUP_ALL if group == "all" else int(group),
                            "qty": float(row["qty"]), "value": float(value)})
        return out

    def add(self, sku: str, group: str, price: Any, qty: Any, scope: Any) -> bool:
        price_value, qty_value = float_param(price), float_param(qty)
        if price_value <= 0 or qty_value <= 0:
            raise InputError("The data was invalid. Verify the data and try again.")
        product_id = self._product(sku)
        website = self._website(scope)
        for row in self._rows(product_id, scope):
            if self._matches(group, row) and row["website_id"] == website and float(row["qty"]) == qty_value:
                with self.db.write() as conn:
                    conn.execute("UPDATE catalog_product_tier_price SET value=?, percentage_value=NULL"
                                 " WHERE value_id=?", (price_value, row["value_id"]))
                    self.catalog.touch(conn, product_id)
                return True
        if group == "all":
            all_groups, group_id = 1, 0
        else:
            found = self.db.one("SELECT group_id FROM customer_group WHERE group_id=?",
                                (int(group),)) if group.lstrip("-").isdigit() else None
            if found is None:
                # Customer/Model/ResourceModel/GroupRepository::getById
                raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                        {"fieldName": "id", "fieldValue": group})
            all_groups, group_id = (1, 0) if int(found[0]) == CUST_GROUP_ALL else (0, int(found[0]))
        with self.db.write() as conn:
            conn.execute("INSERT INTO catalog_product_tier_price(product_id, website_id, all_groups,"
                         " customer_group_id, qty, value, percentage_value) VALUES (?,?,?,?,?,?,NULL)",
                         (product_id, website, all_groups, group_id, qty_value, price_value))
            self.catalog.touch(conn, product_id)
        return True

    def remove(self, sku: str, group: str, qty: Any, scope: Any) -> bool:
        qty_value = float_param(qty)
        product_id = self._product(sku)
        website = self._website(scope)
        doomed = [row["value_id"] for row in self._rows(product_id, scope)
                  if float(row["qty"]) == qty_value and row["website_id"] == website
                  and (bool(row["all_groups"]) if group == "all" else self._matches(group, row))]
        if not doomed:
            raise NoSuchEntityError("Product hasn't group price with such data: customerGroupId = '%1',"
                                    " website = %2, qty = %3", [group, website, qty_value])
        with self.db.write() as conn:
            conn.executemany("DELETE FROM catalog_product_tier_price WHERE value_id=?", [(v,) for v in doomed])
            self.catalog.touch(conn, product_id)
        return True
