-- Distributor tier prices (分销价, issue #7): what a distributor of each tier (1..5) pays for a variant, in
-- the variant's currency. A tier without a row pays the price of the nearest lower tier that has one, else
-- the list price (domain/catalog/product.h, price_for_tier). Replaced whole with the variant.
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.
CREATE TABLE variant_tier_prices (
  variant_id BIGINT NOT NULL REFERENCES variants (id),
  tier BIGINT NOT NULL CHECK (tier BETWEEN 1 AND 5),
  amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (variant_id, tier)
);
