-- Schema version 6: listing photos, seller networks (the evidence that
-- joins sellers, the links it makes and the networks they form),
-- removals confirmed by later scans, and relistings.
-- (docs/network.md, docs/cli/network.md, src/store/store_net.c)

-- A listing's photos as the scan hashed them (or as the feed gave their
-- PDQ hashes). official is 1 when the photo is one of the owner's own
-- official photos: those are evidence of copying, never of a link
-- between two sellers.
CREATE TABLE listing_photos (
	listing_id INTEGER NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	path       TEXT,
	pdq        TEXT NOT NULL,
	quality    INTEGER,
	official   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (listing_id, pos)
);

-- Identifiers found in a seller's data and its listings' texts, as join
-- keys ("tel:+8613800000000", "wechat:abc123", ...; src/core/net.h).
CREATE TABLE seller_evidence (
	seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
	key       TEXT NOT NULL,
	kind      TEXT NOT NULL,
	raw       TEXT,
	PRIMARY KEY (seller_id, key)
);
CREATE INDEX seller_evidence_key ON seller_evidence (key);

-- The LSH buckets of a seller's listing texts and shop name (each
-- once): sellers sharing a bucket are compared.
CREATE TABLE net_buckets (
	bucket    INTEGER NOT NULL,
	seller_id INTEGER NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
	PRIMARY KEY (bucket, seller_id)
) WITHOUT ROWID;
CREATE INDEX net_buckets_seller ON net_buckets (seller_id);

-- Two linked sellers (a < b by row id) and the strength of what they
-- share; link_evidence keeps every piece, strongest first.
CREATE TABLE seller_links (
	a          INTEGER NOT NULL REFERENCES sellers (id),
	b          INTEGER NOT NULL REFERENCES sellers (id),
	strength   REAL NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (a, b)
);
CREATE INDEX seller_links_b ON seller_links (b);

CREATE TABLE link_evidence (
	a        INTEGER NOT NULL,
	b        INTEGER NOT NULL,
	pos      INTEGER NOT NULL,
	kind     TEXT NOT NULL,
	key      TEXT NOT NULL,
	raw_a    TEXT,
	raw_b    TEXT,
	strength REAL NOT NULL,
	PRIMARY KEY (a, b, pos),
	FOREIGN KEY (a, b) REFERENCES seller_links (a, b) ON DELETE CASCADE
);
CREATE INDEX link_evidence_key ON link_evidence (key);

-- A network: linked sellers, named by its smallest member key
-- ("platform:seller"), as src/core/net.h names them.
CREATE TABLE networks (
	key        TEXT PRIMARY KEY,
	members    INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

ALTER TABLE sellers ADD COLUMN network TEXT REFERENCES networks (key);
CREATE INDEX sellers_network ON sellers (network);

-- net_hash is the content_hash the seller's evidence was last taken
-- from: a listing whose content changed since is "dirty".
ALTER TABLE listings ADD COLUMN net_hash TEXT;
CREATE INDEX listings_net_dirty ON listings (seller_id)
	WHERE net_hash IS NOT content_hash;

-- Removal confirmed: a later complete scan of the listing's source no
-- longer had it. Cleared if it shows up again.
ALTER TABLE listings ADD COLUMN gone_at TEXT;
ALTER TABLE listings ADD COLUMN gone_scan_id INTEGER REFERENCES scans (id);
CREATE INDEX listings_gone ON listings (gone_at) WHERE gone_at IS NOT NULL;

-- A new listing that matches a removed one: the same seller, the same
-- network, or near-identical photos and text. days is the time from the
-- removal being confirmed to the new listing being first seen.
CREATE TABLE relists (
	listing_id INTEGER PRIMARY KEY REFERENCES listings (id),
	earlier_id INTEGER NOT NULL REFERENCES listings (id),
	matched_by TEXT NOT NULL CHECK (matched_by IN ('seller', 'network',
	               'photo_text')),
	evidence   TEXT,
	gone_at    TEXT NOT NULL,
	found_at   TEXT NOT NULL,
	days       REAL NOT NULL
);
CREATE INDEX relists_earlier ON relists (earlier_id);
