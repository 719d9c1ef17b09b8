-- Schema version 4: the PDQ variant hashes of official photos, kept so a
-- scan does not decode every official photo again. Keyed by the photo's
-- SHA-256 and the hashing method's version: a new method recomputes.

CREATE TABLE photo_hashes (
	sha256  TEXT NOT NULL,
	method  INTEGER NOT NULL,
	pos     INTEGER NOT NULL,
	variant TEXT NOT NULL,
	hash    TEXT NOT NULL,
	quality INTEGER NOT NULL,
	PRIMARY KEY (sha256, method, pos)
);
