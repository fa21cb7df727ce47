-- The change journal keeps one row per change of an offer instead of one per field (issue #4, offer sync
-- speed): a sync item that moves both stock and cost was two rows and two (sku, id) index entries, half of
-- the writer's time on that path (bench/results/offer_sync.md). The API still lists one entry per field:
-- the stock entry has the row's id, the cost entry cost_id when both changed (each keeps the id it had),
-- else the row's id. new_stock / new_cost are null for the field that did not change.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.
CREATE TABLE offer_journal (
  id BIGINT PRIMARY KEY,
  offer_id BIGINT NOT NULL REFERENCES offers (id),
  sku TEXT NOT NULL,
  old_stock BIGINT,
  new_stock BIGINT,
  cost_id BIGINT,
  old_cost BIGINT,
  new_cost BIGINT,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  CHECK (new_stock IS NOT NULL OR new_cost IS NOT NULL),
  CHECK (cost_id IS NULL OR (new_stock IS NOT NULL AND new_cost IS NOT NULL))
);

INSERT INTO offer_journal (id, offer_id, sku, old_stock, new_stock, cost_id, old_cost, new_cost, reason, actor, at)
SELECT id, offer_id, sku,
       CASE WHEN field = 'stock' THEN old_value END, CASE WHEN field = 'stock' THEN new_value END,
       NULL,
       CASE WHEN field = 'cost' THEN old_value END, CASE WHEN field = 'cost' THEN new_value END,
       reason, actor, at
FROM stock_journal;

DROP TABLE stock_journal;
CREATE INDEX offer_journal_sku ON offer_journal (sku, id);
