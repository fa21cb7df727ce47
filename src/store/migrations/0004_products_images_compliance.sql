-- Product images and the compliance word list (issue #4).
-- Conventions: see 0001. Portable between SQLite and PostgreSQL.

-- Product photos as stored: re-encoded (JPEG without metadata, at most ~200 KB) with a thumbnail, both
-- in the database so that a backup or a replica has them too. The sha256 of each is its ETag.
CREATE TABLE product_images (
  id BIGINT PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES products (id),
  position BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  width BIGINT NOT NULL CHECK (width > 0),
  height BIGINT NOT NULL CHECK (height > 0),
  bytes BIGINT NOT NULL CHECK (bytes > 0),
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  thumbnail_content_type TEXT NOT NULL,
  thumbnail_width BIGINT NOT NULL CHECK (thumbnail_width > 0),
  thumbnail_height BIGINT NOT NULL CHECK (thumbnail_height > 0),
  thumbnail_bytes BIGINT NOT NULL CHECK (thumbnail_bytes > 0),
  thumbnail_sha256 TEXT NOT NULL,
  thumbnail_data BLOB NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX product_images_product ON product_images (product_id, position);

-- Restricted words and trademarks checked on every product save. word_key is the word's matching form
-- (full-width folded, ASCII lower-cased), so "NIKE" and "ｎｉｋｅ" cannot both be listed.
CREATE TABLE compliance_words (
  id BIGINT PRIMARY KEY,
  word TEXT NOT NULL,
  word_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('restricted', 'trademark')),
  note TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX compliance_words_kind ON compliance_words (kind, id);

-- One row: set to a new unique value (an id) by every change of the word list, in the same transaction,
-- so that every node rebuilds its compiled set when it sees another version than the set's.
CREATE TABLE compliance_list_version (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO compliance_list_version (id, version) VALUES (1, 0);

