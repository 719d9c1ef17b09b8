-- Schema version 2: agents' authorisations, platform verification of
-- rights, and products' official photos.

CREATE TABLE authorisations (
	id          INTEGER PRIMARY KEY,
	owner_id    INTEGER NOT NULL REFERENCES owners (id),
	agent_id    INTEGER NOT NULL REFERENCES agents (id),
	document_id INTEGER REFERENCES documents (id),
	valid_from  TEXT,
	valid_to    TEXT,
	UNIQUE (owner_id, agent_id)
);

-- The rights an authorisation covers; none listed means all the owner's.
CREATE TABLE authorisation_rights (
	authorisation_id INTEGER NOT NULL REFERENCES authorisations (id)
	                     ON DELETE CASCADE,
	right_id         INTEGER NOT NULL REFERENCES rights (id),
	PRIMARY KEY (authorisation_id, right_id)
);

CREATE TABLE verifications (
	right_id INTEGER NOT NULL REFERENCES rights (id),
	platform TEXT NOT NULL,
	status   TEXT NOT NULL CHECK (status IN ('pending', 'verified',
	             'rejected')),
	date     TEXT,
	PRIMARY KEY (right_id, platform)
);

-- partner_id is set when the photo was given only to that partner.
CREATE TABLE product_images (
	product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	filename   TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	partner_id INTEGER REFERENCES partners (id),
	PRIMARY KEY (product_id, pos)
);
CREATE INDEX product_images_sha ON product_images (sha256);
