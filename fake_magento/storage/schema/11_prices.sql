-- Tier prices (catalog_product_entity_tier_price): all_groups = 1 means "ALL GROUPS".
CREATE TABLE IF NOT EXISTS catalog_product_tier_price (
  value_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  all_groups INTEGER NOT NULL DEFAULT 0, customer_group_id INTEGER NOT NULL DEFAULT 0,
  qty REAL NOT NULL DEFAULT 1, value REAL NOT NULL DEFAULT 0, percentage_value REAL,
  website_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS catalog_product_tier_price_product ON catalog_product_tier_price(product_id);
