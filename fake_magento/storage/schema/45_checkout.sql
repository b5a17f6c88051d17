-- Quotes (carts). Guest carts are also addressed by a 32-character masked id (quote_id_mask).
CREATE TABLE IF NOT EXISTS quote (
  entity_id INTEGER PRIMARY KEY, masked_id TEXT UNIQUE, customer_id INTEGER, store_id INTEGER NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quote_customer ON quote(customer_id, is_active);

-- Cart price rules (salesrule) as the REST data model, coupons, usage counters.
CREATE TABLE IF NOT EXISTS salesrule (rule_id INTEGER PRIMARY KEY, name TEXT, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS salesrule_coupon (
  coupon_id INTEGER PRIMARY KEY, rule_id INTEGER NOT NULL, code TEXT COLLATE NOCASE UNIQUE, usage_limit INTEGER,
  usage_per_customer INTEGER, times_used INTEGER NOT NULL DEFAULT 0, expiration_date TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0, created_at TEXT, type INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS salesrule_coupon_rule ON salesrule_coupon(rule_id);
CREATE TABLE IF NOT EXISTS salesrule_customer (
  rule_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, times_used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (rule_id, customer_id));
CREATE TABLE IF NOT EXISTS salesrule_coupon_usage (
  code TEXT COLLATE NOCASE NOT NULL, customer_id INTEGER NOT NULL, times_used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, customer_id));
