-- Orders (sales_order) and their items (sales_order_item): documents plus the columns lists filter on.
CREATE TABLE IF NOT EXISTS sales_order (
  entity_id INTEGER PRIMARY KEY, increment_id TEXT NOT NULL, store_id INTEGER NOT NULL, customer_id INTEGER,
  customer_email TEXT, state TEXT, status TEXT, grand_total REAL, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_order_status_updated ON sales_order(status COLLATE NOCASE, updated_at);
CREATE INDEX IF NOT EXISTS sales_order_updated ON sales_order(updated_at);
CREATE INDEX IF NOT EXISTS sales_order_created ON sales_order(created_at);
CREATE INDEX IF NOT EXISTS sales_order_increment ON sales_order(increment_id COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS sales_order_email ON sales_order(customer_email COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS sales_order_customer ON sales_order(customer_id);
CREATE TABLE IF NOT EXISTS sales_order_item (
  item_id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES sales_order(entity_id) ON DELETE CASCADE,
  parent_item_id INTEGER, sku TEXT, product_type TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_order_item_order ON sales_order_item(order_id);
CREATE TABLE IF NOT EXISTS sales_invoice (
  entity_id INTEGER PRIMARY KEY, increment_id TEXT NOT NULL, order_id INTEGER NOT NULL REFERENCES sales_order(entity_id),
  store_id INTEGER, state INTEGER, grand_total REAL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_invoice_order ON sales_invoice(order_id);
CREATE TABLE IF NOT EXISTS sales_shipment (
  entity_id INTEGER PRIMARY KEY, increment_id TEXT NOT NULL, order_id INTEGER NOT NULL REFERENCES sales_order(entity_id),
  store_id INTEGER, total_qty REAL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_shipment_order ON sales_shipment(order_id);
CREATE TABLE IF NOT EXISTS sales_creditmemo (
  entity_id INTEGER PRIMARY KEY, increment_id TEXT NOT NULL, order_id INTEGER NOT NULL REFERENCES sales_order(entity_id),
  store_id INTEGER, state INTEGER, grand_total REAL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_creditmemo_order ON sales_creditmemo(order_id);
CREATE TABLE IF NOT EXISTS sales_shipment_track (
  entity_id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES sales_shipment(entity_id) ON DELETE CASCADE,
  order_id INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sales_shipment_track_parent ON sales_shipment_track(parent_id);
