"""Multi-Source Inventory: sources, stocks, stock-source links, source items, reservations."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend.product_ids import ProductIds
    from fake_magento.config import Config
    from fake_magento.storage import Database

DEFAULT_SOURCE = "default"
DEFAULT_STOCK_ID = 1
SOURCE_KEYS = ["source_code", "name", "email", "contact_name", "enabled", "description", "latitude", "longitude",
               "country_id", "region_id", "region", "city", "street", "postcode", "phone", "fax",
               "use_default_carrier_config", "carrier_links"]
_DOC = "json_extract(doc, '$.{}')"
# MSI repositories use flat collections: an unknown field is an SQL error (masked 500).
SOURCES = EntitySearch("inventory_source", "source_code", fields={
    "source_code": Field("source_code"), "name": Field("name"), "enabled": Field("enabled", "int"),
    **{k: Field(_DOC.format(k), "float" if k in ("latitude", "longitude") else "int" if k in (
        "region_id", "use_default_carrier_config") else "text")
       for k in ("email", "contact_name", "description", "latitude", "longitude", "country_id", "region_id",
                 "region", "city", "street", "postcode", "phone", "fax", "use_default_carrier_config")}})
SOURCE_ITEMS = EntitySearch("inventory_source_item", "source_item_id", fields={
    "source_item_id": Field("source_item_id", "int"), "source_code": Field("source_code"), "sku": Field("sku"),
    "quantity": Field("quantity", "float"), "status": Field("status", "int")})
QTY_TYPES = {"simple", "virtual", "downloadable", "giftcard"}


class ValidationFailed(MagentoError):
    """Fw/Validation/ValidationException: an aggregate; every error is listed with its parameters."""

    def __init__(self, message: str, errors: list[tuple[str, Any]]) -> None:
        super().__init__(message)
        self.errors = errors

    def to_body(self) -> dict[str, Any]:
        body = super().to_body()
        body["errors"] = [{"message": m, "parameters": p if p else []} for m, p in self.errors]
        return body


def _render(message: str, params: Any) -> str:
    from fake_magento.errors import render_message

    return render_message(message, params)


def _empty(field: str, value: Any) -> list[tuple[str, Any]]:
    return [('"%field" can not be empty.', {"field": field})] if str(value if value is not None else "").strip() == "" \
        else []


def _special(value: Any) -> list[tuple[str, Any]]:
    # Inventory/Model/Validators/NoSpecialCharsInString
    return [("Validation Failed", None)] if re.search(r"\$[:]*{(.)*}", str(value or "")) else []


def _whitespace(field: str, value: Any) -> list[tuple[str, Any]]:
    return [('"%field" can not contain whitespaces.', {"field": field})] if re.search(r"\s", str(value or "")) else []


def _numeric(field: str, value: Any) -> list[tuple[str, Any]]:
    try:
        float(value)
        ok = not isinstance(value, bool) and value is not None
    except (TypeError, ValueError):
        ok = False
    return [] if ok else [('"%field" should be numeric.', {"field": field})]


def _pickup_errors(code: Any, data: dict[str, Any], ext: dict[str, Any]) -> list[tuple[str, Any]]:
    """InventoryInStorePickup's source validators, on the sent source: a pickup location needs a city,
    a street and a phone, but the phone validator reads the city (so a missing city reports both and a
    missing phone nothing); the default source cannot be one."""
    if not bool(ext.get("is_pickup_location_active")):
        return []
    errors = []
    for field, value in (("city", data.get("city")), ("street", data.get("street")), ("phone", data.get("city"))):
        if str(value if value is not None else "").strip() == "":
            errors.append(('"%field" can not be empty for Pickup Location.', {"field": field}))
    if code == DEFAULT_SOURCE:
        errors.append(("The Default Source can not be used for In-Store Pickup Delivery.", None))
    return errors


def _pickup_fields(stored: dict[str, Any], data: dict[str, Any], ext: dict[str, Any]) -> dict[str, Any]:
    """SaveInStorePickupPlugin::beforeSave: frontend_name is the sent one, else the name;
    frontend_description is overwritten (null clears it); is_pickup_location_active, a NOT NULL
    column, keeps its stored value when not sent."""
    active = ext.get("is_pickup_location_active")
    return {"frontend_name": str(ext.get("frontend_name") or data.get("name") or ""),
            "frontend_description": None if ext.get("frontend_description") is None
            else str(ext["frontend_description"]),
            "is_pickup_location_active": bool(active) if active is not None
            else bool(stored.get("is_pickup_location_active", False))}


class MultiSource:
    db: Database
    config: Config
    products: ProductIds

    # -- sources -----------------------------------------------------------------------------
    def _source_data(self, row: Any) -> dict[str, Any]:
        doc = json.loads(row["doc"])
        doc.update({"source_code": row["source_code"], "name": row["name"], "enabled": bool(row["enabled"])})
        out: dict[str, Any] = {}
        for key in SOURCE_KEYS:
            value = doc.get(key)
            if key == "carrier_links":
                out[key] = value or []
                continue
            if value is None:
                continue
            if key in ("latitude", "longitude"):
                value = float(value)
            elif key == "region_id":
                value = int(value)
            elif key in ("enabled", "use_default_carrier_config"):
                value = bool(value)
            out[key] = value
        # InventoryInStorePickup InitPickupLocationExtensionAttributes (LoadInStorePickupOnGet*Plugin)
        out["extension_attributes"] = {"is_pickup_location_active": bool(doc.get("is_pickup_location_active")),
                                       "frontend_name": doc.get("frontend_name")}
        if doc.get("frontend_description") is not None:
            out["extension_attributes"]["frontend_description"] = doc["frontend_description"]
        if out["extension_attributes"]["frontend_name"] is None:
            del out["extension_attributes"]["frontend_name"]
        return out

    def install_default_source(self, data: dict[str, Any]) -> None:
        """Inventory's data patch writes the default source straight to the table: its frontend_name
        is '' (not the name, as a save would make it; measured on a fresh 2.4.7-p3)."""
        self.save_source(data)
        with self.db.write() as conn:
            row = conn.execute("SELECT doc FROM inventory_source WHERE source_code=?", (data["source_code"],)).fetchone()
            doc = {**json.loads(row[0]), "frontend_name": ""}
            conn.execute("UPDATE inventory_source SET doc=? WHERE source_code=?",
                         (json.dumps(doc, sort_keys=True), data["source_code"]))

    def get_source(self, code: str) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM inventory_source WHERE source_code=?", (code,))
        if row is None:
            raise NoSuchEntityError('Source with code "%value" does not exist.', {"value": code})
        return self._source_data(row)

    def _listed(self, entity: EntitySearch, crit: SearchCriteria, load: Any) -> dict[str, Any]:
        ids, total = run_search(self.db, entity, crit, config=self.config)
        return search_result([load(i) for i in ids], crit, total)

    def source_list(self, crit: SearchCriteria) -> dict[str, Any]:
        return self._listed(SOURCES, crit, lambda code: self._source_data(
            self.db.one("SELECT * FROM inventory_source WHERE source_code=?", (code,))))

    def save_source(self, data: dict[str, Any]) -> None:
        """SourceRepository::save (an upsert on source_code); the web API returns nothing.

        Scalars come converted (ServiceInputProcessor: "" is not numeric, 400). The
        validators see the sent source only (a PUT without postcode fails even when one is stored);
        the row keeps the stored values of the fields not sent (AbstractDb::_prepareDataForTable).
        All measured on 2.4.7-p3.
        """
        data = dict(data)
        code = data.get("source_code")
        ext = data.get("extension_attributes") if isinstance(data.get("extension_attributes"), dict) else {}
        errors = (_empty("name", data.get("name")) + _special(data.get("name"))
                  + _empty("source_code", code) + _whitespace("source_code", code) + _special(code)
                  + _empty("postcode", data.get("postcode")) + _empty("country_id", data.get("country_id")))
        if code == DEFAULT_SOURCE and not bool(data.get("enabled")):
            errors.append(("Default source can not be disabled.", None))
        errors += _pickup_errors(code, data, ext)
        if errors:
            raise ValidationFailed("Validation Failed", errors)
        existing = self.db.one("SELECT * FROM inventory_source WHERE source_code=?", (code,)) if code else None
        stored = json.loads(existing["doc"]) if existing else {}
        merged = {**(self._source_data(existing) if existing else {}), **data}
        if "use_default_carrier_config" not in merged:
            merged["use_default_carrier_config"] = True
        if "enabled" not in merged:
            merged["enabled"] = True
        doc = {}
        for key in SOURCE_KEYS:
            if key in ("source_code", "name", "enabled") or merged.get(key) is None:
                continue
            value = merged[key]
            if key in ("latitude", "longitude"):
                value = float(value)
            elif key == "region_id":
                value = int(value)
            elif key == "use_default_carrier_config":
                value = bool(value)
            elif key == "carrier_links":
                value = [{"carrier_code": c.get("carrier_code"), "position": c.get("position")}
                         for c in value if isinstance(c, dict)]
            else:
                value = str(value)
            doc[key] = value
        doc.update(_pickup_fields(stored, data, ext))
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO inventory_source(source_code, name, enabled, doc) VALUES (?,?,?,?)"
                " ON CONFLICT(source_code) DO UPDATE SET name=excluded.name, enabled=excluded.enabled,"
                " doc=excluded.doc", (str(code), str(merged["name"]), int(bool(merged["enabled"])),
                                      json.dumps(doc, sort_keys=True)))

    # -- source items ------------------------------------------------------------------------
    @staticmethod
    def _source_item_data(row: Any) -> dict[str, Any]:
        return {"sku": row["sku"], "source_code": row["source_code"], "quantity": float(row["quantity"]),
                "status": int(row["status"])}

    def source_item_list(self, crit: SearchCriteria) -> dict[str, Any]:
        return self._listed(SOURCE_ITEMS, crit, lambda item_id: self._source_item_data(
            self.db.one("SELECT * FROM inventory_source_item WHERE source_item_id=?", (item_id,))))

    def source_items_for_sku(self, sku: str) -> list[dict[str, Any]]:
        return [self._source_item_data(r) for r in self.db.query(
            "SELECT * FROM inventory_source_item WHERE sku=? ORDER BY source_item_id", (sku,))]

    def save_source_items(self, items: list[dict[str, Any]]) -> None:
        """SourceItemsSaveInterface: validate all, upsert all, then sync the default source to legacy."""
        if not items:
            raise InputError("Input data is empty")
        errors: list[tuple[str, Any]] = []
        for item in items:
            errors += _empty("sku", item.get("sku"))
            errors += _empty("source_code", item.get("source_code")) + _whitespace("source_code", item.get("source_code"))
            errors += _numeric("quantity", item.get("quantity"))
            status_errors = _numeric("status", item.get("status"))
            errors += status_errors
            try:
                known = int(float(item.get("status"))) in (0, 1)
            except (TypeError, ValueError):
                known = False
            if not known:
                errors.append(('"%field" should a known status.', {"field": "status"}))
        if errors:
            first = _render(*errors[0])
            raise ValidationFailed("Validation Failed: " + first, errors)
        with self.db.write() as conn:
            for item in items:
                code = str(item["source_code"])
                if conn.execute("SELECT 1 FROM inventory_source WHERE source_code=?", (code,)).fetchone() is None:
                    raise MagentoError("Could not save Source Item")
                conn.execute(
                    "INSERT INTO inventory_source_item(source_code, sku, quantity, status) VALUES (?,?,?,?)"
                    " ON CONFLICT(source_code, sku) DO UPDATE SET quantity=excluded.quantity, status=excluded.status",
                    (code, str(item["sku"]), float(item["quantity"]), int(float(item["status"]))))
            for item in items:
                if item["source_code"] == DEFAULT_SOURCE:
                    self._set_legacy(str(item["sku"]), float(item["quantity"]), int(float(item["status"])))

    def delete_source_items(self, items: list[dict[str, Any]]) -> None:
        if not items:
            raise InputError("Input data is empty")
        with self.db.write() as conn:
            for item in items:
                conn.execute("DELETE FROM inventory_source_item WHERE source_code=? AND sku=?",
                             (item.get("source_code"), item.get("sku")))
                if item.get("source_code") == DEFAULT_SOURCE:
                    # SetToZeroLegacyCatalogInventoryAtSourceItemsDeletePlugin
                    self._set_legacy(str(item.get("sku")), 0.0, 0)

    def _set_legacy(self, sku: str, qty: float, status: int) -> None:
        """SetDataToLegacyCatalogInventory: the default source's qty and status, written as is."""
        with self.db.write() as conn:
            conn.execute("UPDATE cataloginventory_stock_item SET qty=?, is_in_stock=? WHERE sku=? AND type_id IN"
                         " ('simple','virtual','downloadable','giftcard')", (qty, status, sku))

    def _sync_default_source_item(self, sku: str, qty: float, status: int) -> None:
        """UpdateSourceItemAtLegacyStockItemSavePlugin: the legacy item drives the default source item."""
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO inventory_source_item(source_code, sku, quantity, status) VALUES (?,?,?,?)"
                " ON CONFLICT(source_code, sku) DO UPDATE SET quantity=excluded.quantity, status=excluded.status",
                (DEFAULT_SOURCE, sku, qty, status))

    def change_source_qty(self, sku: str, source_code: str, delta: float) -> None:
        """DecrementSourceItemQty (negative delta) or a return to the source (positive)."""
        with self.db.write() as conn:
            row = conn.execute("SELECT quantity, status FROM inventory_source_item WHERE source_code=? AND sku=?",
                               (source_code, sku)).fetchone()
            qty = (row[0] if row else 0.0) + delta
            status = row[1] if row else 1
            if delta < 0 and qty <= 0:
                status = 0
            elif delta > 0 and qty > 0:
                status = 1
            conn.execute(
                "INSERT INTO inventory_source_item(source_code, sku, quantity, status) VALUES (?,?,?,?)"
                " ON CONFLICT(source_code, sku) DO UPDATE SET quantity=excluded.quantity, status=excluded.status",
                (source_code, sku, qty, status))
            if source_code == DEFAULT_SOURCE:
                # SynchronizeLegacyStockAfterDecrementStockPlugin
                self._set_legacy(sku, qty, status)

    # -- reservations and salable quantity ---------------------------------------------------
    def add_reservation(self, sku: str, stock_id: int, quantity: float, metadata: dict[str, Any]) -> None:
        with self.db.write() as conn:
            conn.execute("INSERT INTO inventory_reservation(stock_id, sku, quantity, metadata) VALUES (?,?,?,?)",
                         (stock_id, sku, quantity, json.dumps(metadata, sort_keys=True)))

    def reservations_qty(self, sku: str, stock_id: int) -> float:
        row = self.db.one("SELECT COALESCE(SUM(quantity), 0) FROM inventory_reservation WHERE stock_id=? AND sku=?",
                          (stock_id, sku))
        return float(row[0]) if row else 0.0

    def _index(self, sku: str, stock_id: int) -> dict[str, Any]:
        """The stock index row (GetStockItemData): stock 1 reads the legacy stock status."""
        if stock_id == DEFAULT_STOCK_ID:
            row = self.db.one("SELECT qty, is_in_stock FROM cataloginventory_stock_item WHERE sku=?", (sku,))
            if row is None:
                return {"quantity": 0.0, "is_salable": False, "known": False}
            return {"quantity": float(row[0] or 0), "is_salable": bool(row[1]), "known": True}
        row = self.db.one(
            "SELECT SUM(CASE WHEN si.status=1 THEN si.quantity ELSE 0 END), MAX(si.status), COUNT(*)"
            " FROM inventory_source_item si JOIN inventory_source s ON s.source_code = si.source_code"
            " JOIN inventory_source_stock_link l ON l.source_code = si.source_code"
            " WHERE l.stock_id=? AND si.sku=? AND s.enabled=1", (stock_id, sku))
        if row is None or not row[2]:
            return {"quantity": 0.0, "is_salable": False, "known": False}
        return {"quantity": float(row[0] or 0), "is_salable": bool(row[1]), "known": True}

    def _check_stock(self, stock_id: int) -> None:
        if self.db.one("SELECT 1 FROM inventory_stock WHERE stock_id=?", (stock_id,)) is None:
            # GetStockItemData: the missing inventory_stock_<id> index fails the query.
            raise MagentoError("Could not receive Stock Item data")

    def salable_qty_value(self, sku: str, stock_id: int) -> float:
        index = self._index(sku, stock_id)
        if not index["is_salable"]:
            return 0.0
        item = self._legacy_row_by_sku(sku)  # type: ignore[attr-defined]
        min_qty = float(self._config(item)["min_qty"]) if item is not None else 0.0  # type: ignore[attr-defined]
        return index["quantity"] + self.reservations_qty(sku, stock_id) - min_qty

    def product_salable_qty(self, sku: str, stock_id: int) -> float:
        """GetProductSalableQty::execute."""
        item = self._legacy_row_by_sku(sku)  # type: ignore[attr-defined]
        if self.products.find_id(sku) is None:
            raise NoSuchEntityError("The product that was requested doesn't exist. Verify the product and try again.")
        if item is not None and item["type_id"] not in QTY_TYPES:
            raise InputError("Can't check requested quantity for products without Source Items support.")
        self._check_stock(stock_id)
        return self.salable_qty_value(sku, stock_id)

    def product_is_salable(self, sku: str, stock_id: int) -> bool:
        """IsProductSalable: the index flag, manage_stock, and qty left after reservations."""
        item = self._legacy_row_by_sku(sku)  # type: ignore[attr-defined]
        if item is None:
            return False
        if item["type_id"] not in QTY_TYPES:
            return bool(item["is_in_stock"])
        if self.db.one("SELECT 1 FROM inventory_stock WHERE stock_id=?", (stock_id,)) is None:
            return False
        config = self._config(item)  # type: ignore[attr-defined]
        if not config["manage_stock"]:
            return True
        index = self._index(sku, stock_id)
        if not index["is_salable"]:
            return False
        return bool(config["backorders"]) or self.salable_qty_value(sku, stock_id) > 0
