-- Notifications (issue #6): outbound webhook subscriptions and their deliveries, and customer e-mail.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.
--
-- Delivery runs from the outbox: a dispatcher takes outbox rows with delivered_at IS NULL (index
-- outbox_pending), writes one webhook_deliveries row per matching subscription and one customer_messages
-- row per shipment news event with a customer e-mail, and sets outbox.delivered_at ("fanned out") — all in
-- one transaction, so no committed event is lost and none is seen before its commit.

-- A subscription: the merchant's (distributor_id NULL) gets every event; a distributor's only the events
-- of its own orders (outbox.order_id → orders.distributor_id).
CREATE TABLE webhook_subscriptions (
  id BIGINT PRIMARY KEY,
  distributor_id BIGINT REFERENCES distributors (id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,         -- JSON array of topics ("order.created", "shipment.*", "*")
  secret TEXT NOT NULL,         -- signs each delivery: X-Daifa-Signature: sha256=<hex HMAC of the body>
  active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX webhook_subscriptions_distributor ON webhook_subscriptions (distributor_id, id);

-- One event to one subscription. pending → delivered, or → dead after the last attempt (redeliverable by
-- hand: back to pending with its attempts reset).
CREATE TABLE webhook_deliveries (
  id BIGINT PRIMARY KEY,
  subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions (id),
  event_id BIGINT NOT NULL REFERENCES outbox (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_attempt_at BIGINT,
  last_http_status BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);

-- A message to the end customer about its parcel, kept exactly as rendered and sent, with its delivery
-- status. One per (event, kind): a re-dispatched event never mails twice.
CREATE TABLE customer_messages (
  id BIGINT PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES outbox (id),
  order_id BIGINT NOT NULL REFERENCES orders (id),
  shipment_id BIGINT REFERENCES shipments (id),
  kind TEXT NOT NULL CHECK (kind IN ('shipped', 'delivered', 'exception')),
  language TEXT NOT NULL CHECK (language IN ('zh-CN', 'en')),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_smtp_status BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (event_id, kind)
);
CREATE INDEX customer_messages_due ON customer_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX customer_messages_order ON customer_messages (order_id, id);
