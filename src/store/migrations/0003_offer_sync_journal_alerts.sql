-- Offer sync, the change journal and alerts (issue #4).
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.

-- Alerts about offers: out of stock, cost up beyond a threshold, margin below the floor, supplier feed late.
-- Stored, listed and acknowledged; later issues deliver them by webhook.
CREATE TABLE alerts (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('out_of_stock', 'cost_up', 'margin_below_floor', 'feed_late')),
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  offer_id BIGINT REFERENCES offers (id),
  sku TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  raised_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by BIGINT REFERENCES users (id),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);
-- At most one open alert of a kind per offer: raising it again while open is a no-op (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX alerts_open_once ON alerts (kind, offer_id) WHERE status = 'open';
CREATE INDEX alerts_supplier ON alerts (supplier_id, id);
CREATE INDEX alerts_status ON alerts (status, id);

-- Lists filter a supplier's offers, newest first.
CREATE INDEX offers_supplier ON offers (supplier_id, id);

-- The journal is read by SKU (stock_journal_sku), by offer through its SKU, and by time through the
-- time-ordered id. An index by offer as well cost every journal row a second index entry on the sync path
-- (measured: about 1.5 µs of writer time per offer update, two rows each); see bench/results/offer_sync.md.
DROP INDEX stock_journal_offer;
