-- Quotes (carts). Guest carts are addressed by a 32-character masked id (quote_id_mask).
CREATE TABLE IF NOT EXISTS quote (
  entity_id INTEGER PRIMARY KEY, masked_id TEXT UNIQUE, customer_id INTEGER, store_id INTEGER NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL);
