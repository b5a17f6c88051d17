-- Asynchronous operations (magento_bulk, magento_operation). The last columns keep what the
-- emulator needs to run an operation later: the sync route, its path values, the store code,
-- the caller and the per-item body.
CREATE TABLE IF NOT EXISTS magento_bulk (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, user_id INTEGER, user_type INTEGER,
  description TEXT, operation_count INTEGER NOT NULL DEFAULT 0, start_time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS magento_operation (
  id INTEGER PRIMARY KEY, operation_key INTEGER, bulk_uuid TEXT NOT NULL REFERENCES magento_bulk(uuid) ON DELETE CASCADE,
  topic_name TEXT, serialized_data TEXT, result_serialized_data TEXT, status INTEGER, error_code INTEGER,
  result_message TEXT, started_at TEXT,
  route_method TEXT, route_path TEXT, params TEXT, store_code TEXT, body TEXT, caller TEXT);
CREATE INDEX IF NOT EXISTS idx_operation_bulk ON magento_operation(bulk_uuid, status);
