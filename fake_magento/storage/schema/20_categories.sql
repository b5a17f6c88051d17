-- Categories: the tree (static columns, as catalog_category_entity), store-scoped EAV values
-- (catalog_category_entity_* collapsed into one table keyed by store id) and product assignments.
CREATE TABLE IF NOT EXISTS catalog_category_entity (
  entity_id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL, path TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0, level INTEGER NOT NULL DEFAULT 0,
  children_count INTEGER NOT NULL DEFAULT 0, attribute_set_id INTEGER NOT NULL DEFAULT 3,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS idx_category_parent ON catalog_category_entity(parent_id, position);
CREATE INDEX IF NOT EXISTS idx_category_path ON catalog_category_entity(path);

-- value is JSON (strings, or a list for available_sort_by); store 0 holds the admin values.
CREATE TABLE IF NOT EXISTS catalog_category_value (
  entity_id INTEGER NOT NULL REFERENCES catalog_category_entity(entity_id) ON DELETE CASCADE,
  store_id INTEGER NOT NULL, attribute_code TEXT NOT NULL, value TEXT,
  PRIMARY KEY (entity_id, store_id, attribute_code));
CREATE INDEX IF NOT EXISTS idx_category_value_code ON catalog_category_value(attribute_code, store_id);

-- catalog_category_product; sku is kept beside the product id so reads need no product lookup.
CREATE TABLE IF NOT EXISTS catalog_category_product (
  category_id INTEGER NOT NULL REFERENCES catalog_category_entity(entity_id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL, sku TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (category_id, product_id));
CREATE INDEX IF NOT EXISTS idx_category_product_product ON catalog_category_product(product_id);
