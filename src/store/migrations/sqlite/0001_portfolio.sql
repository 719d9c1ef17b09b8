-- Schema version 1: the rights portfolio and its proof documents.
-- Keys are what users type; ids link rows. Dates are 'YYYY-MM-DD' text,
-- times ISO 8601 UTC text, lists of codes JSON arrays in text.

CREATE TABLE schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
);

CREATE TABLE owners (
	id               INTEGER PRIMARY KEY,
	key              TEXT NOT NULL UNIQUE,
	name             TEXT NOT NULL,
	name_zh          TEXT,
	country          TEXT NOT NULL,
	business_licence TEXT,
	contact          TEXT
);

CREATE TABLE rights (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	owner_id     INTEGER NOT NULL REFERENCES owners (id),
	kind         TEXT NOT NULL CHECK (kind IN ('trademark', 'copyright',
	                 'patent_invention', 'patent_utility', 'design')),
	title        TEXT NOT NULL,
	mark         TEXT,
	reg_no       TEXT,
	jurisdiction TEXT NOT NULL,
	classes      TEXT NOT NULL DEFAULT '[]',
	status       TEXT NOT NULL CHECK (status IN ('registered', 'pending',
	                 'unregistered')),
	valid_from   TEXT,
	valid_to     TEXT,
	protect_from TEXT,
	protect_to   TEXT,
	UNIQUE (jurisdiction, reg_no)
);
CREATE INDEX rights_owner ON rights (owner_id);

CREATE TABLE right_terms (
	right_id INTEGER NOT NULL REFERENCES rights (id) ON DELETE CASCADE,
	pos      INTEGER NOT NULL,
	text     TEXT NOT NULL,
	lang     TEXT NOT NULL,
	kind     TEXT NOT NULL,
	PRIMARY KEY (right_id, pos)
);

CREATE TABLE partners (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	owner_id INTEGER NOT NULL REFERENCES owners (id),
	kind     TEXT NOT NULL CHECK (kind IN ('factory', 'distributor',
	             'retailer', 'other')),
	name     TEXT NOT NULL,
	location TEXT,
	country  TEXT
);

CREATE TABLE products (
	id              INTEGER PRIMARY KEY,
	sku             TEXT NOT NULL UNIQUE,
	owner_id        INTEGER NOT NULL REFERENCES owners (id),
	name            TEXT NOT NULL,
	msrp            REAL NOT NULL CHECK (msrp >= 0),
	currency        TEXT NOT NULL,
	margin          REAL NOT NULL CHECK (margin >= 0 AND margin <= 1),
	markets         TEXT NOT NULL DEFAULT '[]',
	planned_markets TEXT NOT NULL DEFAULT '[]',
	launch_date     TEXT
);

CREATE TABLE product_rights (
	product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	right_id   INTEGER NOT NULL REFERENCES rights (id),
	PRIMARY KEY (product_id, right_id)
);

CREATE TABLE agents (
	id      INTEGER PRIMARY KEY,
	key     TEXT NOT NULL UNIQUE,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL DEFAULT 'law_firm',
	contact TEXT
);

-- A document's file lives in the workspace under its SHA-256.
CREATE TABLE documents (
	id            INTEGER PRIMARY KEY,
	key           TEXT NOT NULL UNIQUE,
	kind          TEXT NOT NULL CHECK (kind IN ('business_licence',
	                  'registration_certificate', 'power_of_attorney',
	                  'translation', 'court_order',
	                  'patent_evaluation_report', 'comparison_chart',
	                  'identity', 'other')),
	owner_id      INTEGER REFERENCES owners (id),
	title         TEXT,
	lang          TEXT,
	issued        TEXT,
	expires       TEXT,
	translates_id INTEGER REFERENCES documents (id),
	filename      TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	size          INTEGER NOT NULL
);

CREATE TABLE document_rights (
	document_id INTEGER NOT NULL REFERENCES documents (id)
	                ON DELETE CASCADE,
	right_id    INTEGER NOT NULL REFERENCES rights (id),
	PRIMARY KEY (document_id, right_id)
);
