-- Shipments (issue #6): a parcel a supplier sent for a purchase order, with its carrier and tracking number.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.
CREATE TABLE shipments (
  id BIGINT PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  purchase_order_id BIGINT NOT NULL REFERENCES purchase_orders (id),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  parcels BIGINT NOT NULL DEFAULT 1 CHECK (parcels >= 1),
  status TEXT NOT NULL CHECK (status IN ('label_created', 'in_transit', 'delivered', 'exception', 'returned')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (carrier, tracking_number)
);
CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_supplier ON shipments (supplier_id, id);
