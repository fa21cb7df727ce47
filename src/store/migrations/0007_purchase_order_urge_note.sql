-- The merchant's words with its last urge (催发货), shown to the supplier on the purchase order.
ALTER TABLE purchase_orders ADD COLUMN last_urge_note TEXT NOT NULL DEFAULT '';
