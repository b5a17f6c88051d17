-- Products: static columns (catalog_product_entity), EAV values keyed by store id (the
-- catalog_product_entity_* tables collapsed into one), website assignments, attribute metadata.
CREATE TABLE IF NOT EXISTS catalog_eav_attribute (
  attribute_id INTEGER PRIMARY KEY, attribute_code TEXT NOT NULL UNIQUE, frontend_label TEXT NOT NULL,
  frontend_input TEXT NOT NULL, backend_type TEXT NOT NULL, scope INTEGER NOT NULL,
  is_required INTEGER NOT NULL DEFAULT 0, is_user_defined INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS catalog_attribute_set (
  attribute_set_id INTEGER PRIMARY KEY, attribute_set_name TEXT NOT NULL, entity_type_id INTEGER NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS catalog_product_entity (
  entity_id INTEGER PRIMARY KEY, sku TEXT NOT NULL COLLATE NOCASE UNIQUE, type_id TEXT NOT NULL,
  attribute_set_id INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  extra TEXT NOT NULL DEFAULT '{}');      -- type-specific extension attributes kept as sent
CREATE INDEX IF NOT EXISTS catalog_product_updated ON catalog_product_entity(updated_at);
CREATE TABLE IF NOT EXISTS catalog_product_value (
  entity_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  store_id INTEGER NOT NULL, attribute_code TEXT NOT NULL, value TEXT,
  PRIMARY KEY (entity_id, attribute_code, store_id));
CREATE INDEX IF NOT EXISTS catalog_product_value_code ON catalog_product_value(attribute_code, store_id, value);
CREATE TABLE IF NOT EXISTS catalog_product_website (
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  website_id INTEGER NOT NULL, PRIMARY KEY (product_id, website_id));
