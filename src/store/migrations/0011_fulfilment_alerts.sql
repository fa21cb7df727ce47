-- Fulfilment alerts (issue #6) beside the offer alerts of 0003: a PO accepted and not shipped within its lead
-- time (late_shipping), a parcel without a carrier scan for days (stuck_parcel), a parcel in exception or
-- returned (shipment_exception). They concern a purchase order or a shipment instead of an offer.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL: SQLite cannot change a CHECK constraint in
-- place, so the table is recreated and its rows copied, on both stores alike.

CREATE TABLE alerts_new (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('out_of_stock', 'cost_up', 'margin_below_floor', 'feed_late',
                                     'late_shipping', 'stuck_parcel', 'shipment_exception')),
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  offer_id BIGINT REFERENCES offers (id),
  purchase_order_id BIGINT REFERENCES purchase_orders (id),
  shipment_id BIGINT REFERENCES shipments (id),
  sku TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  raised_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by BIGINT REFERENCES users (id),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);

INSERT INTO alerts_new (id, kind, status, supplier_id, offer_id, purchase_order_id, shipment_id, sku, message, detail,
                        raised_at, acknowledged_at, acknowledged_by)
SELECT id, kind, status, supplier_id, offer_id, NULL, NULL, sku, message, detail, raised_at, acknowledged_at,
       acknowledged_by
FROM alerts;

DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;

-- At most one open alert of a kind per offer, per purchase order and per shipment: raising it again while it
-- is open is a no-op (raise_alert's ON CONFLICT DO NOTHING). NULLs never conflict, so each index only
-- concerns the alerts about its subject; an alert about a shipment also names its purchase order, and is
-- de-duplicated per shipment only (a PO's two parcels may both be stuck).
CREATE UNIQUE INDEX alerts_open_once ON alerts (kind, offer_id) WHERE status = 'open';
CREATE UNIQUE INDEX alerts_open_once_po ON alerts (kind, purchase_order_id) WHERE status = 'open' AND shipment_id IS NULL;
CREATE UNIQUE INDEX alerts_open_once_shipment ON alerts (kind, shipment_id) WHERE status = 'open';
CREATE INDEX alerts_supplier ON alerts (supplier_id, id);
CREATE INDEX alerts_status ON alerts (status, id);
-- The fulfilment scan asks whether a subject already had its alert (open, or acknowledged since the
-- condition began).
CREATE INDEX alerts_purchase_order ON alerts (purchase_order_id, kind) WHERE purchase_order_id IS NOT NULL;
CREATE INDEX alerts_shipment ON alerts (shipment_id, kind) WHERE shipment_id IS NOT NULL;

-- The late-shipping scan reads the POs still waiting to ship.
CREATE INDEX purchase_orders_accepted ON purchase_orders (id) WHERE status = 'accepted';
