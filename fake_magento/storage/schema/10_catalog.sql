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
  extra TEXT NOT NULL DEFAULT '{}');      -- unused: type-specific parts have their own tables below
CREATE INDEX IF NOT EXISTS catalog_product_updated ON catalog_product_entity(updated_at);
CREATE TABLE IF NOT EXISTS catalog_product_value (
  entity_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  store_id INTEGER NOT NULL, attribute_code TEXT NOT NULL, value TEXT,
  PRIMARY KEY (entity_id, attribute_code, store_id));
CREATE INDEX IF NOT EXISTS catalog_product_value_code ON catalog_product_value(attribute_code, store_id, value);
CREATE TABLE IF NOT EXISTS catalog_product_website (
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  website_id INTEGER NOT NULL, PRIMARY KEY (product_id, website_id));
-- Configurable: super attributes (catalog_product_super_attribute) and child links (catalog_product_super_link).
CREATE TABLE IF NOT EXISTS catalog_product_super_attribute (
  option_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  attribute_code TEXT NOT NULL, label TEXT, position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (product_id, attribute_code));
CREATE TABLE IF NOT EXISTS catalog_product_super_link (
  parent_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  PRIMARY KEY (parent_id, product_id));
CREATE INDEX IF NOT EXISTS catalog_product_super_link_child ON catalog_product_super_link(product_id);
-- Product links: related, upsell, crosssell, associated (grouped) (catalog_product_link + attributes).
CREATE TABLE IF NOT EXISTS catalog_product_link (
  link_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  linked_product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  link_type TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0, qty REAL,
  UNIQUE (product_id, link_type, linked_product_id));
CREATE INDEX IF NOT EXISTS catalog_product_link_linked ON catalog_product_link(linked_product_id);
-- Bundle options and selections (catalog_product_bundle_option / _selection).
CREATE TABLE IF NOT EXISTS catalog_product_bundle_option (
  option_id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  title TEXT, required INTEGER NOT NULL DEFAULT 0, type TEXT, position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS catalog_product_bundle_selection (
  selection_id INTEGER PRIMARY KEY,
  option_id INTEGER NOT NULL REFERENCES catalog_product_bundle_option(option_id) ON DELETE CASCADE,
  parent_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  qty REAL, position INTEGER NOT NULL DEFAULT 0, is_default INTEGER NOT NULL DEFAULT 0,
  price REAL, price_type INTEGER, can_change_quantity INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS catalog_product_bundle_selection_child ON catalog_product_bundle_selection(product_id);
-- Downloadable links and samples (downloadable_link / downloadable_sample), URL type only.
CREATE TABLE IF NOT EXISTS downloadable_link (
  link_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS downloadable_sample (
  sample_id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
