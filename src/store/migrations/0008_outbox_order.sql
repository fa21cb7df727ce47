-- The outbox names the order an event is about (issue #6), so that deliveries can be scoped: a
-- distributor's webhook subscription gets the events of its own orders only (orders.distributor_id).
-- NULL for events about no order (a refused channel delivery).
ALTER TABLE outbox ADD COLUMN order_id BIGINT;
CREATE INDEX outbox_order ON outbox (order_id);
