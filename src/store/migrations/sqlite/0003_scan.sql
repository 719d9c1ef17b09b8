-- Schema version 3: exchange rates, scans of listing feeds, the sellers
-- and listings that matter, and findings.

-- Rates imported into the workspace; they override data/rates.tsv when
-- newer.
CREATE TABLE rates (
	currency TEXT PRIMARY KEY,
	per_usd  REAL NOT NULL CHECK (per_usd > 0),
	date     TEXT NOT NULL,
	source   TEXT
);

-- One run of `takedown scan` over a source. A scan commits in batches;
-- lines_done and offset_done say how far the committed batches reach,
-- so `scan --resume` continues from there.
CREATE TABLE scans (
	id          INTEGER PRIMARY KEY,
	source      TEXT NOT NULL,
	source_id   TEXT,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	state       TEXT NOT NULL CHECK (state IN ('running', 'done',
	                'failed')),
	lines_done  INTEGER NOT NULL DEFAULT 0,
	offset_done INTEGER NOT NULL DEFAULT 0,
	listings    INTEGER NOT NULL DEFAULT 0,
	bad_lines   INTEGER NOT NULL DEFAULT 0,
	findings    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sellers (
	id         INTEGER PRIMARY KEY,
	platform   TEXT NOT NULL,
	seller_key TEXT NOT NULL,
	name       TEXT,
	phone      TEXT,
	email      TEXT,
	address    TEXT,
	company    TEXT,
	first_seen TEXT NOT NULL,
	last_seen  TEXT NOT NULL,
	findings   INTEGER NOT NULL DEFAULT 0,
	UNIQUE (platform, seller_key)
);

-- Listings that produced a finding. content_hash is the SHA-256 of the
-- listing's fields as read, so a re-scan of the same feed changes only
-- last_seen.
CREATE TABLE listings (
	id            INTEGER PRIMARY KEY,
	platform      TEXT NOT NULL,
	ext_id        TEXT NOT NULL,
	url           TEXT,
	title         TEXT NOT NULL,
	description   TEXT,
	price         REAL,
	currency      TEXT,
	seller_id     INTEGER REFERENCES sellers (id),
	ship_from     TEXT,
	ships_to      TEXT NOT NULL DEFAULT '[]',
	sales         INTEGER,
	images        TEXT NOT NULL DEFAULT '[]',
	captured_at   TEXT,
	source        TEXT,
	content_hash  TEXT NOT NULL,
	first_seen    TEXT NOT NULL,
	last_seen     TEXT NOT NULL,
	first_scan_id INTEGER REFERENCES scans (id),
	last_scan_id  INTEGER REFERENCES scans (id),
	UNIQUE (platform, ext_id)
);
CREATE INDEX listings_seller ON listings (seller_id);
CREATE INDEX listings_source ON listings (source, last_scan_id);

-- A listing's finding: its score and signals (a JSON array, each signal
-- with its evidence), and the rights and products it touches.
CREATE TABLE findings (
	id          INTEGER PRIMARY KEY,
	listing_id  INTEGER NOT NULL UNIQUE REFERENCES listings (id),
	score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
	price_ratio REAL,
	signals     TEXT NOT NULL,
	scan_id     INTEGER REFERENCES scans (id),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX findings_score ON findings (score);

CREATE TABLE finding_rights (
	finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
	right_id   INTEGER NOT NULL REFERENCES rights (id),
	PRIMARY KEY (finding_id, right_id)
);
CREATE INDEX finding_rights_right ON finding_rights (right_id);

CREATE TABLE finding_products (
	finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
	product_id INTEGER NOT NULL REFERENCES products (id),
	PRIMARY KEY (finding_id, product_id)
);
