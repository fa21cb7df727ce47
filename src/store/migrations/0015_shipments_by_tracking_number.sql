-- Customer service finds a parcel by its tracking number alone (GET /shipments?tracking_number=): the caller
-- of a customer who reads out "SF1234…" does not know which carrier's it is. The unique (carrier,
-- tracking_number) index cannot answer that without the carrier.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.
CREATE INDEX shipments_tracking_number ON shipments (tracking_number);
