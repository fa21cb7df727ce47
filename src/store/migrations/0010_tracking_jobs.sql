-- Tracking (issue #6): the carriers' scan events of each shipment, the Kuaidi100 subscriptions that bring
-- them, the pushes already applied, and the persisted background jobs (subscribe, poll, scans).
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.

-- When the last scan came (stuck-parcel alerts) and when the parcel was delivered.
ALTER TABLE shipments ADD COLUMN last_event_at BIGINT;
ALTER TABLE shipments ADD COLUMN delivered_at BIGINT;
CREATE INDEX shipments_open ON shipments (status, id);

-- A carrier's scan: append-only; the same scan from two sources (a push repeated, a poll) is one row.
CREATE TABLE tracking_events (
  id BIGINT PRIMARY KEY,
  shipment_id BIGINT NOT NULL REFERENCES shipments (id),
  at BIGINT NOT NULL,              -- when the carrier scanned (UTC ms)
  text TEXT NOT NULL,              -- the carrier's words, as sent
  source TEXT NOT NULL CHECK (source IN ('kuaidi100', 'poll', 'upload', 'supplier')),
  recorded_at BIGINT NOT NULL,
  UNIQUE (shipment_id, at, text)
);

-- The subscription Daifa sends to the aggregator when a tracking number is known. The salt signs the
-- aggregator's pushes for this number; company is the aggregator's carrier code (shunfeng, yuantong…).
CREATE TABLE tracking_subscriptions (
  shipment_id BIGINT PRIMARY KEY REFERENCES shipments (id),
  company TEXT NOT NULL,
  number TEXT NOT NULL,
  salt TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'subscribed', 'failed', 'closed')),
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (company, number)
);

-- Pushes already applied (integrations/carriers/kuaidi100.h push_idempotency_key): the same push twice
-- changes nothing.
CREATE TABLE tracking_pushes (
  push_key TEXT PRIMARY KEY,
  shipment_id BIGINT NOT NULL REFERENCES shipments (id),
  received_at BIGINT NOT NULL
);

-- Persisted background work: one row per (kind, subject), run when due, retried with back-off, survives a
-- restart. Kinds: kuaidi100_subscribe and tracking_poll (subject: a shipment), fulfilment_scan (subject 0).
CREATE TABLE jobs (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'done', 'dead')),
  run_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (kind, subject_id)
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'scheduled';
