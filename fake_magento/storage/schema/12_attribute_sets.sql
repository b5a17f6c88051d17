-- Attribute groups of every attribute set (eav_attribute_group) and the attributes a product set holds
-- (eav_entity_attribute, by code: the emulator keeps product attributes only).
CREATE TABLE IF NOT EXISTS eav_attribute_group (
  attribute_group_id INTEGER PRIMARY KEY, attribute_set_id INTEGER NOT NULL, attribute_group_name TEXT NOT NULL,
  attribute_group_code TEXT NOT NULL, sort_order INTEGER NOT NULL DEFAULT 0, default_id INTEGER NOT NULL DEFAULT 0,
  tab_group_code TEXT, UNIQUE (attribute_set_id, attribute_group_name));
CREATE TABLE IF NOT EXISTS eav_entity_attribute (
  entity_attribute_id INTEGER PRIMARY KEY, attribute_set_id INTEGER NOT NULL,
  attribute_group_id INTEGER NOT NULL REFERENCES eav_attribute_group(attribute_group_id) ON DELETE CASCADE,
  attribute_code TEXT NOT NULL, sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (attribute_set_id, attribute_code));
