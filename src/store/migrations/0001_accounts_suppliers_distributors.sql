-- Conventions: ids BIGINT (app-generated, time-ordered); money BIGINT minor units + TEXT currency;
-- times BIGINT Unix milliseconds; booleans INTEGER 0/1; JSON documents TEXT; binary BLOB (BYTEA on PostgreSQL).
-- Portable between SQLite and PostgreSQL. Never edit a released migration: add a new file.
CREATE TABLE suppliers (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('factory', 'wholesaler', 'agent')),
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_email TEXT NOT NULL DEFAULT '',
  moq BIGINT NOT NULL CHECK (moq >= 1),
  lead_time_days BIGINT NOT NULL CHECK (lead_time_days >= 0),
  payment_terms TEXT NOT NULL,
  blind_ship INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX suppliers_kind ON suppliers (kind, id);

CREATE TABLE distributors (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  tier BIGINT NOT NULL CHECK (tier BETWEEN 1 AND 5),
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_email TEXT NOT NULL DEFAULT '',
  referrer_id BIGINT REFERENCES distributors (id),
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'operator', 'agent', 'finance', 'supplier', 'distributor')),
  supplier_id BIGINT REFERENCES suppliers (id),
  distributor_id BIGINT REFERENCES distributors (id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CHECK ((role = 'supplier') = (supplier_id IS NOT NULL)),
  CHECK ((role = 'distributor') = (distributor_id IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE login_failures (
  backoff_key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL
);

CREATE TABLE idempotency_keys (
  principal_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  location TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (principal_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE outbox (
  id BIGINT PRIMARY KEY,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
