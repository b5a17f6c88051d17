-- Customers: one row per account; accounts are per website (customer/account_share/scope = 1).
CREATE TABLE IF NOT EXISTS customer_entity (
  entity_id INTEGER PRIMARY KEY, website_id INTEGER NOT NULL, store_id INTEGER NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE, firstname TEXT, lastname TEXT, group_id INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, is_active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT, doc TEXT NOT NULL,
  -- CustomerSecure data (never in the REST document): reset token, Authentication's failure counter
  rp_token TEXT, rp_token_created_at TEXT, failures_num INTEGER NOT NULL DEFAULT 0, first_failure TEXT,
  lock_expires TEXT,
  UNIQUE (email, website_id));
CREATE INDEX IF NOT EXISTS customer_entity_updated_at ON customer_entity(updated_at);
CREATE TABLE IF NOT EXISTS customer_group (
  group_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, tax_class_id INTEGER NOT NULL DEFAULT 3,
  tax_class_name TEXT NOT NULL DEFAULT 'Retail Customer');
-- Config values the customer services write (CustomerGroupConfig::setDefaultCustomerGroup).
CREATE TABLE IF NOT EXISTS customer_config (path TEXT PRIMARY KEY, value TEXT NOT NULL);
