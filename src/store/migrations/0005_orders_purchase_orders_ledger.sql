-- Orders, purchase orders, their history, the ledger and the review blacklist (issue #5).
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.

-- A channel may belong to a distributor (网络分销): its orders are that distributor's, shipped for it in
-- neutral packaging, and visible to it.
ALTER TABLE channels ADD COLUMN distributor_id BIGINT REFERENCES distributors (id);

-- Units promised to orders and not yet shipped. `stock` stays the supplier's own figure (its syncs set it);
-- what can still be sold is stock - reserved. Reservation is a conditional increment
-- (reserved + q <= stock), so the sum reserved never exceeds the stock it was taken from.
ALTER TABLE offers ADD COLUMN reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0);

CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  channel_id BIGINT NOT NULL REFERENCES channels (id),
  distributor_id BIGINT REFERENCES distributors (id),
  external_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'on_hold', 'routed', 'purchased', 'partially_shipped',
                                         'shipped', 'delivered', 'completed', 'cancelled')),
  hold_reasons TEXT NOT NULL DEFAULT '',  -- comma-separated stable names, in the enum's order
  customer_name TEXT NOT NULL,
  customer_phone TEXT NOT NULL,
  customer_email TEXT NOT NULL,
  ship_name TEXT NOT NULL,
  ship_phone TEXT NOT NULL,
  ship_country TEXT NOT NULL,
  ship_province TEXT NOT NULL,
  ship_city TEXT NOT NULL,
  ship_district TEXT NOT NULL,
  ship_line1 TEXT NOT NULL,
  ship_postal_code TEXT NOT NULL,
  currency TEXT NOT NULL,
  goods_minor BIGINT NOT NULL CHECK (goods_minor >= 0),
  shipping_fee_minor BIGINT NOT NULL CHECK (shipping_fee_minor >= 0),
  total_minor BIGINT NOT NULL CHECK (total_minor >= 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('prepaid', 'cod')),
  paid_minor BIGINT NOT NULL CHECK (paid_minor >= 0),
  blind_ship INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  dup_key TEXT NOT NULL,  -- same customer + same lines: see duplicate_key()
  urge_count BIGINT NOT NULL DEFAULT 0,
  last_urged_at BIGINT,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (channel_id, external_id)  -- a retried webhook or re-imported file never makes a second order
);
CREATE INDEX orders_status ON orders (status, id);
CREATE INDEX orders_distributor ON orders (distributor_id, id);
CREATE INDEX orders_dup ON orders (dup_key, created_at);
CREATE INDEX orders_cod_phone ON orders (ship_phone) WHERE payment_method = 'cod';

CREATE TABLE order_lines (
  order_id BIGINT NOT NULL REFERENCES orders (id),
  line_no BIGINT NOT NULL,
  sku TEXT NOT NULL,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor >= 0),
  offer_id BIGINT REFERENCES offers (id),
  supplier_id BIGINT REFERENCES suppliers (id),
  purchase_order_id BIGINT,
  unit_cost_minor BIGINT,
  reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  route_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE purchase_orders (
  id BIGINT PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  status TEXT NOT NULL CHECK (status IN ('placed', 'accepted', 'rejected', 'shipped', 'delivered', 'cancelled')),
  currency TEXT NOT NULL,
  cost_minor BIGINT NOT NULL CHECK (cost_minor >= 0),
  shipping_minor BIGINT NOT NULL CHECK (shipping_minor >= 0),
  payment TEXT NOT NULL CHECK (payment IN ('prepaid', 'credit')),
  neutral_packaging INTEGER NOT NULL,
  no_inserts INTEGER NOT NULL,
  carrier TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT '',
  reject_reason TEXT NOT NULL DEFAULT '',
  urge_count BIGINT NOT NULL DEFAULT 0,
  last_urged_at BIGINT,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX purchase_orders_order ON purchase_orders (order_id);
CREATE INDEX purchase_orders_supplier ON purchase_orders (supplier_id, id);

-- What the supplier was asked for, as placed: a re-route makes a new PO and leaves this one as it was.
CREATE TABLE purchase_order_lines (
  purchase_order_id BIGINT NOT NULL REFERENCES purchase_orders (id),
  order_line_no BIGINT NOT NULL,
  sku TEXT NOT NULL,
  supplier_sku TEXT NOT NULL,
  offer_id BIGINT NOT NULL REFERENCES offers (id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  unit_cost_minor BIGINT NOT NULL CHECK (unit_cost_minor >= 0),
  PRIMARY KEY (purchase_order_id, order_line_no)
);

-- Every state change of an order (purchase_order_id NULL) and of its POs: append-only.
CREATE TABLE order_history (
  id BIGINT PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  purchase_order_id BIGINT,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX order_history_order ON order_history (order_id, id);

-- Double-entry ledger: one row per posting; the postings of one entry (entry_id) sum to zero per currency.
-- Debits are positive, credits negative. Nothing is edited: a correction is a reversing entry.
CREATE TABLE ledger_postings (
  id BIGINT PRIMARY KEY,
  entry_id BIGINT NOT NULL,
  account TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  order_id BIGINT,
  purchase_order_id BIGINT,
  memo TEXT NOT NULL,
  reverses_entry_id BIGINT,
  at BIGINT NOT NULL
);
CREATE INDEX ledger_postings_order ON ledger_postings (order_id, id);

-- Review's blacklist: a phone, a name or an address (normalized) whose orders wait for a person.
CREATE TABLE blacklist (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'name', 'address')),
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (kind, value)
);

-- The outbox's undelivered events, for the delivery worker of issue #6.
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
