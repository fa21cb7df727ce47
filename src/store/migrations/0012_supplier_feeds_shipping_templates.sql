-- Supplier feeds and shipping templates (issue #4): the offer feeds Daifa pulls on a schedule, the record
-- of each pull, the feed_late alert's subject, and each supplier's shipping templates (运费模板).
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.

-- The templates as one JSON array (the API's shape, domain/catalog/shipping_template.h): they are read and
-- replaced whole with the supplier, under its version.
ALTER TABLE suppliers ADD COLUMN shipping_templates TEXT NOT NULL DEFAULT '[]';

-- A URL pulled every pull_every_minutes (a persisted job, kind supplier_feed_pull, subject: the feed); late
-- when no pull succeeded within fresh_within_minutes of the later of watch_from and last_success_at.
CREATE TABLE supplier_feeds (
  id BIGINT PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
  pull_every_minutes BIGINT NOT NULL CHECK (pull_every_minutes >= 1),
  fresh_within_minutes BIGINT NOT NULL CHECK (fresh_within_minutes >= pull_every_minutes),
  active INTEGER NOT NULL DEFAULT 1,
  watch_from BIGINT NOT NULL,
  last_pull_at BIGINT,
  last_success_at BIGINT,
  last_outcome TEXT CHECK (last_outcome IN ('ok', 'failed')),
  last_run_id BIGINT,
  failures BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX supplier_feeds_supplier ON supplier_feeds (supplier_id, id);

-- One row per pull, kept for the last few pulls of each feed: what came (HTTP status, bytes), what it did
-- (counts) and the per-row report (JSON: applied, unchanged, or refused with the field and reason).
CREATE TABLE supplier_feed_runs (
  id BIGINT PRIMARY KEY,
  feed_id BIGINT NOT NULL REFERENCES supplier_feeds (id),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  cause TEXT NOT NULL CHECK (cause IN ('schedule', 'manual')),
  started_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  http_status BIGINT NOT NULL,
  body_bytes BIGINT NOT NULL,
  error_code TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  row_count BIGINT NOT NULL DEFAULT 0,
  applied BIGINT NOT NULL DEFAULT 0,
  unchanged BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX supplier_feed_runs_feed ON supplier_feed_runs (feed_id, id);

-- feed_late alerts concern a feed: at most one open per feed, and the scan asks whether the feed already
-- had its alert for the current late spell.
ALTER TABLE alerts ADD COLUMN feed_id BIGINT REFERENCES supplier_feeds (id);
CREATE UNIQUE INDEX alerts_open_once_feed ON alerts (kind, feed_id) WHERE status = 'open';
CREATE INDEX alerts_feed ON alerts (feed_id, kind) WHERE feed_id IS NOT NULL;
