-- Platform tables: metadata, id sequences, stores, admin users, integrations, tokens.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS store_website (
  website_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0, default_group_id INTEGER NOT NULL DEFAULT 0,
  is_default INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS store_group (
  group_id INTEGER PRIMARY KEY, website_id INTEGER NOT NULL, code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, root_category_id INTEGER NOT NULL DEFAULT 0, default_store_id INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS store (
  store_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, website_id INTEGER NOT NULL,
  group_id INTEGER NOT NULL, name TEXT NOT NULL, sort_order INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1, locale TEXT NOT NULL DEFAULT 'en_US',
  base_currency_code TEXT NOT NULL DEFAULT 'USD', default_display_currency_code TEXT NOT NULL DEFAULT 'USD',
  timezone TEXT NOT NULL DEFAULT 'UTC', weight_unit TEXT NOT NULL DEFAULT 'lbs');

-- Admin users and roles: resources is a JSON list of Magento ACL resource ids.
CREATE TABLE IF NOT EXISTS admin_user (
  user_id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,
  firstname TEXT, lastname TEXT, email TEXT, is_active INTEGER NOT NULL DEFAULT 1,
  resources TEXT NOT NULL DEFAULT '["Magento_Backend::all"]');

-- Integrations (OAuth 1.0a consumers with an access token), resources as for admin roles.
CREATE TABLE IF NOT EXISTS integration (
  integration_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, email TEXT,
  consumer_id INTEGER NOT NULL UNIQUE, consumer_key TEXT NOT NULL UNIQUE, consumer_secret TEXT NOT NULL,
  access_token TEXT NOT NULL UNIQUE, access_token_secret TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 1,
  token_revoked INTEGER NOT NULL DEFAULT 0,
  resources TEXT NOT NULL DEFAULT '["Magento_Backend::all"]');

-- Nonces used per consumer (Integration/Model/Oauth/Nonce).
CREATE TABLE IF NOT EXISTS oauth_nonce (
  consumer_id INTEGER NOT NULL, nonce TEXT NOT NULL, timestamp INTEGER NOT NULL,
  PRIMARY KEY (consumer_id, nonce));

-- Sign-in failures and lock-outs (oauth_token_request_log in Magento).
CREATE TABLE IF NOT EXISTS token_request_log (
  user_name TEXT NOT NULL, user_type INTEGER NOT NULL, failures_count INTEGER NOT NULL DEFAULT 0,
  lock_expires_at REAL, PRIMARY KEY (user_name, user_type));

-- Revoked JWTs (jwt_auth_revoked): tokens issued before revoked_before are refused.
CREATE TABLE IF NOT EXISTS jwt_revoked (
  user_type INTEGER NOT NULL, user_id INTEGER NOT NULL, revoked_before REAL NOT NULL,
  PRIMARY KEY (user_type, user_id));
