-- Legacy CatalogInventory stock items (cataloginventory_stock_item, stock 1, website 0) and
-- Multi-Source Inventory: sources, stocks, sales channels, stock-source links, source items,
-- reservations (inventory_reservation: placed orders minus what has been shipped or canceled).
CREATE TABLE IF NOT EXISTS cataloginventory_stock_item (
  item_id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL UNIQUE, sku TEXT NOT NULL, type_id TEXT NOT NULL,
  stock_id INTEGER NOT NULL DEFAULT 1, website_id INTEGER NOT NULL DEFAULT 0,
  qty REAL, is_in_stock INTEGER NOT NULL DEFAULT 0, low_stock_date TEXT,
  stock_status_changed_auto INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL DEFAULT '{}');          -- the use_config_* flags and their own values
CREATE INDEX IF NOT EXISTS idx_stock_item_sku ON cataloginventory_stock_item(sku);
CREATE INDEX IF NOT EXISTS idx_stock_item_qty ON cataloginventory_stock_item(qty);

CREATE TABLE IF NOT EXISTS inventory_source (
  source_code TEXT PRIMARY KEY, name TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,
  doc TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS inventory_stock (stock_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inventory_stock_sales_channel (
  type TEXT NOT NULL, code TEXT NOT NULL,
  stock_id INTEGER NOT NULL REFERENCES inventory_stock(stock_id) ON DELETE CASCADE,
  PRIMARY KEY (type, code));
CREATE TABLE IF NOT EXISTS inventory_source_stock_link (
  link_id INTEGER PRIMARY KEY,
  stock_id INTEGER NOT NULL REFERENCES inventory_stock(stock_id) ON DELETE CASCADE,
  source_code TEXT NOT NULL REFERENCES inventory_source(source_code) ON DELETE CASCADE,
  priority INTEGER NOT NULL, UNIQUE (stock_id, source_code));
CREATE TABLE IF NOT EXISTS inventory_source_item (
  source_item_id INTEGER PRIMARY KEY,
  source_code TEXT NOT NULL REFERENCES inventory_source(source_code) ON DELETE CASCADE,
  sku TEXT NOT NULL, quantity REAL NOT NULL DEFAULT 0, status INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_code, sku));
CREATE INDEX IF NOT EXISTS idx_source_item_sku ON inventory_source_item(sku);
CREATE TABLE IF NOT EXISTS inventory_reservation (
  reservation_id INTEGER PRIMARY KEY, stock_id INTEGER NOT NULL, sku TEXT NOT NULL,
  quantity REAL NOT NULL, metadata TEXT);
CREATE INDEX IF NOT EXISTS idx_reservation_sku ON inventory_reservation(stock_id, sku);
