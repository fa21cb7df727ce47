-- Conventions: ids BIGINT (app-generated, time-ordered); money BIGINT minor units + TEXT currency;
-- times BIGINT Unix milliseconds; booleans INTEGER 0/1; JSON documents TEXT; binary BLOB (BYTEA on PostgreSQL).
-- Portable between SQLite and PostgreSQL. Never edit a released migration: add a new file.
CREATE TABLE products (
  id BIGINT PRIMARY KEY,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  size_chart TEXT NOT NULL DEFAULT '[]',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX products_category ON products (category, id);

CREATE TABLE variants (
  id BIGINT PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL UNIQUE,
  options TEXT NOT NULL DEFAULT '{}',
  price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  weight_g BIGINT NOT NULL CHECK (weight_g >= 0)
);
CREATE INDEX variants_product ON variants (product_id, id);

CREATE TABLE offers (
  id BIGINT PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  variant_id BIGINT NOT NULL REFERENCES variants (id),
  supplier_sku TEXT NOT NULL,
  cost_minor BIGINT NOT NULL CHECK (cost_minor >= 0),
  shipping_cost_minor BIGINT NOT NULL CHECK (shipping_cost_minor >= 0),
  currency TEXT NOT NULL,
  stock BIGINT NOT NULL CHECK (stock >= 0),
  lead_time_days BIGINT NOT NULL CHECK (lead_time_days >= 0),
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (supplier_id, supplier_sku)
);
CREATE INDEX offers_variant ON offers (variant_id);

CREATE TABLE stock_journal (
  id BIGINT PRIMARY KEY,
  offer_id BIGINT NOT NULL REFERENCES offers (id),
  sku TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('stock', 'cost')),
  old_value BIGINT,
  new_value BIGINT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX stock_journal_offer ON stock_journal (offer_id, id);
CREATE INDEX stock_journal_sku ON stock_journal (sku, id);

CREATE TABLE channels (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'shopify', 'woocommerce', 'csv', 'manual')),
  secret TEXT NOT NULL DEFAULT '',
  stock_buffer BIGINT NOT NULL DEFAULT 0 CHECK (stock_buffer >= 0),
  pricing_rule TEXT NOT NULL DEFAULT '{}',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
