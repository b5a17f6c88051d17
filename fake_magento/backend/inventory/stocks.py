"""Multi-Source Inventory stocks: stocks with their sales channels, and stock-source links."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from fake_magento.backend.inventory.msi import (
    DEFAULT_SOURCE,
    DEFAULT_STOCK_ID,
    ValidationFailed,
    _empty,
    _numeric,
)
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria

if TYPE_CHECKING:
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.storage import Database

STOCKS = EntitySearch("inventory_stock", "stock_id", fields={
    "stock_id": Field("stock_id", "int"), "name": Field("name")})
LINKS = EntitySearch("inventory_source_stock_link", "link_id", fields={
    "link_id": Field("link_id", "int"), "stock_id": Field("stock_id", "int"), "source_code": Field("source_code"),
    "priority": Field("priority", "int")})


def general_ci(text: str) -> str:
    """A comparison key close to MySQL's utf8_general_ci: accents and case folded, trailing spaces
    ignored (PAD SPACE)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper().rstrip(" ")


class Stocks:
    db: Database
    stores: StoreRepository

    # -- stocks ------------------------------------------------------------------------------
    def _stock_data(self, row: Any) -> dict[str, Any]:
        channels = [{"type": r["type"], "code": r["code"]} for r in self.db.query(
            "SELECT type, code FROM inventory_stock_sales_channel WHERE stock_id=? ORDER BY type, code",
            (row["stock_id"],))]
        return {"stock_id": row["stock_id"], "name": row["name"],
                "extension_attributes": {"sales_channels": channels}}

    def get_stock(self, stock_id: int) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM inventory_stock WHERE stock_id=?", (stock_id,))
        if row is None:
            raise NoSuchEntityError('Stock with id "%value" does not exist.', {"value": stock_id})
        return self._stock_data(row)

    def stock_list(self, crit: SearchCriteria) -> dict[str, Any]:
        return self._listed(STOCKS, crit, lambda stock_id: self._stock_data(  # type: ignore[attr-defined]
            self.db.one("SELECT * FROM inventory_stock WHERE stock_id=?", (stock_id,))))

    def save_stock(self, data: dict[str, Any], stock_id: int | None = None) -> int:
        """StockRepository::save: the stock id; sales channels replace the stock's previous ones."""
        stock_id = stock_id if stock_id is not None else data.get("stock_id")
        errors = _empty("name", data.get("name"))
        if errors:
            raise ValidationFailed("Validation Failed", errors)
        channels = None
        ext = data.get("extension_attributes")
        if isinstance(ext, dict) and ext.get("sales_channels") is not None:
            channels = [c for c in ext["sales_channels"] if isinstance(c, dict)]
        with self.db.write() as conn:
            if stock_id and conn.execute("SELECT 1 FROM inventory_stock WHERE stock_id=?", (stock_id,)).fetchone():
                conn.execute("UPDATE inventory_stock SET name=? WHERE stock_id=?", (str(data["name"]), stock_id))
            else:
                if not stock_id:
                    top = conn.execute("SELECT MAX(stock_id) FROM inventory_stock").fetchone()[0] or 0
                    stock_id = max(self.db.next_id("inventory_stock"), top + 1)
                conn.execute("INSERT INTO inventory_stock(stock_id, name) VALUES (?,?)",
                             (int(stock_id), str(data["name"])))
            if channels is not None:
                conn.execute("DELETE FROM inventory_stock_sales_channel WHERE stock_id=?", (stock_id,))
                for c in channels:
                    conn.execute("INSERT OR REPLACE INTO inventory_stock_sales_channel(type, code, stock_id)"
                                 " VALUES (?,?,?)", (str(c.get("type") or "website"), str(c.get("code")), stock_id))
        return int(stock_id)

    def delete_stock(self, stock_id: int) -> None:
        if stock_id == DEFAULT_STOCK_ID:
            raise MagentoError("Default Stock could not be deleted.")
        if self.db.one("SELECT 1 FROM inventory_stock_sales_channel WHERE stock_id=?", (stock_id,)):
            raise MagentoError("Stock has at least one sale channel and could not be deleted.")
        if self.db.one("SELECT 1 FROM inventory_stock WHERE stock_id=?", (stock_id,)) is None:
            raise NoSuchEntityError('There is no stock with "%fieldValue" for "%fieldName". Verify and try again.',
                                    {"fieldName": "stock_id", "fieldValue": stock_id})
        with self.db.write() as conn:
            conn.execute("DELETE FROM inventory_stock WHERE stock_id=?", (stock_id,))

    def stock_id_for_website(self, website_id: int) -> int:
        website = next((w for w in self.stores.websites() if w["website_id"] == website_id), None)
        if website is not None:
            row = self.db.one("SELECT stock_id FROM inventory_stock_sales_channel WHERE type='website' AND code=?",
                              (website["code"],))
            if row is not None:
                return int(row[0])
        return DEFAULT_STOCK_ID

    def resolve_stock(self, channel_type: str, code: str) -> dict[str, Any]:
        """StockResolver::execute: the stock a sales channel is assigned to.

        Website ``admin`` is the default stock (InventoryCatalog AdaptStockResolverToAdminWebsitePlugin,
        an exact comparison); otherwise type and code are compared by inventory_stock_sales_channel's
        utf8_general_ci collation (StockIdResolver::resolve): ``WEBSITE/BASE``, ``website/b\u00e4se``
        and ``website/base `` all find ``base`` on 2.4.7-p3.
        """
        if channel_type == "website" and code == "admin":
            return self.get_stock(DEFAULT_STOCK_ID)
        wanted = (general_ci(channel_type), general_ci(code))
        for row in self.db.query("SELECT type, code, stock_id FROM inventory_stock_sales_channel ORDER BY stock_id"):
            if (general_ci(row["type"]), general_ci(row["code"])) == wanted:
                return self.get_stock(int(row["stock_id"]))
        raise NoSuchEntityError("No linked stock found")

    # -- stock-source links ------------------------------------------------------------------
    def link_list(self, crit: SearchCriteria) -> dict[str, Any]:
        def load(link_id: int) -> dict[str, Any]:
            r = self.db.one("SELECT * FROM inventory_source_stock_link WHERE link_id=?", (link_id,))
            return {"stock_id": r["stock_id"], "source_code": r["source_code"], "priority": r["priority"]}

        return self._listed(LINKS, crit, load)  # type: ignore[attr-defined]

    def save_links(self, links: list[dict[str, Any]]) -> None:
        if not links:
            raise InputError("Input data is empty")
        errors: list[tuple[str, Any]] = []
        for link in links:
            errors += _empty("source_code", link.get("source_code"))
            if not link.get("stock_id"):
                errors.append(('"%field" can not be empty.', {"field": "stock_id"}))
            priority = link.get("priority")
            if priority is None or _numeric("priority", priority) != [] or float(priority) < 0:
                errors.append(('"%field" should be greater then 0.', {"field": "priority"}))
            stock, source = link.get("stock_id"), link.get("source_code")
            if stock and source and (str(stock) == str(DEFAULT_STOCK_ID)) != (source == DEFAULT_SOURCE):
                errors.append(("Can not save link related to Default Source or Default Stock", None))
        if errors:
            raise ValidationFailed("Validation Failed", errors)
        try:
            with self.db.write() as conn:
                for link in links:
                    conn.execute(
                        "INSERT INTO inventory_source_stock_link(stock_id, source_code, priority) VALUES (?,?,?)"
                        " ON CONFLICT(stock_id, source_code) DO UPDATE SET priority=excluded.priority",
                        (int(link["stock_id"]), str(link["source_code"]), int(float(link["priority"]))))
        except Exception as exc:  # FK: unknown stock or source
            if isinstance(exc, MagentoError):
                raise
            raise MagentoError("Could not save StockSourceLinks") from None

    def delete_links(self, links: list[dict[str, Any]]) -> None:
        if not links:
            raise InputError("Input data is empty")
        for link in links:
            if str(link.get("stock_id")) == str(DEFAULT_STOCK_ID) and link.get("source_code") == DEFAULT_SOURCE:
                raise MagentoError("Can not delete link related to Default Source or Default Stock")
        with self.db.write() as conn:
            for link in links:
                conn.execute("DELETE FROM inventory_source_stock_link WHERE stock_id=? AND source_code=?",
                             (link.get("stock_id"), link.get("source_code")))

    def sources_for_stock(self, stock_id: int) -> list[str]:
        return [r[0] for r in self.db.query(
            "SELECT source_code FROM inventory_source_stock_link WHERE stock_id=? ORDER BY priority, link_id",
            (stock_id,))]

    def default_source_for_stock(self, stock_id: int, sku: str) -> str:
        """The highest-priority source of the stock holding the SKU (priority source selection)."""
        for code in self.sources_for_stock(stock_id):
            row = self.db.one("SELECT quantity FROM inventory_source_item WHERE source_code=? AND sku=?", (code, sku))
            if row is not None and row[0] > 0:
                return code
        codes = self.sources_for_stock(stock_id)
        return codes[0] if codes else DEFAULT_SOURCE
