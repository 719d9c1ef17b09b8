-- Schema version 5: takedown cases, the listings each one carries with
-- their outcomes, the append-only log of every move, per-case field
-- values for complaints, and the contact details that sign them.
-- (docs/cases.md; src/store/store_case.c)

-- A case: one complaint about one right on one site. state, due and
-- clock are derived from the events and the platform's protocol; the
-- events are the history.
CREATE TABLE cases (
	id           INTEGER PRIMARY KEY,
	platform     TEXT NOT NULL,
	site         TEXT NOT NULL,
	right_id     INTEGER NOT NULL REFERENCES rights (id),
	owner_id     INTEGER NOT NULL REFERENCES owners (id),
	agent_id     INTEGER REFERENCES agents (id),
	state        TEXT NOT NULL CHECK (state IN ('draft', 'ready',
	                 'submitted', 'notice_sent', 'removed',
	                 'cross_complaint', 'denied', 'dispute', 'reinstated',
	                 'rejected', 'resubmitted', 'escalated', 'withdrawn',
	                 'closed')),
	state_date   TEXT NOT NULL,
	opened_at    TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	due          TEXT,
	clock        TEXT CHECK (clock IN ('removal', 'response',
	                 'owner_reply', 'restore', 'decision')),
	counter_date TEXT,
	relist_of    INTEGER REFERENCES cases (id)
);
CREATE INDEX cases_state ON cases (state);
CREATE INDEX cases_due ON cases (due);
CREATE INDEX cases_relist ON cases (relist_of);

-- The listings of a case, in complaint order, with what became of each.
CREATE TABLE case_listings (
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	listing_id   INTEGER NOT NULL REFERENCES listings (id),
	finding_id   INTEGER REFERENCES findings (id),
	pos          INTEGER NOT NULL,
	outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN
	                 ('pending', 'removed', 'kept', 'reinstated',
	                 'rejected')),
	reason       TEXT,
	outcome_date TEXT,
	PRIMARY KEY (case_id, listing_id)
);
CREATE INDEX case_listings_listing ON case_listings (listing_id);

-- Every move, note and listing outcome, in order. Rows are only ever
-- added: the triggers below refuse to change or delete history.
CREATE TABLE case_events (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	at         TEXT NOT NULL,
	date       TEXT NOT NULL,
	actor      TEXT NOT NULL,
	from_state TEXT,
	to_state   TEXT NOT NULL,
	listing_id INTEGER REFERENCES listings (id),
	outcome    TEXT,
	note       TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'case_events is append-only: history cannot be changed');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'case_events is append-only: history cannot be deleted');
END;

-- Values a complaint needs that the portfolio does not hold, or that
-- replace what takedown derives (right.original, complaint.reason, ...);
-- lang '' applies to every language.
CREATE TABLE case_fields (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	name    TEXT NOT NULL,
	lang    TEXT NOT NULL DEFAULT '',
	value   TEXT NOT NULL,
	PRIMARY KEY (case_id, name, lang)
);

-- Who signs and answers for an owner or an agent, and the owner's postal
-- address, for complaints.
CREATE TABLE contacts (
	party    TEXT NOT NULL CHECK (party IN ('owner', 'agent')),
	party_id INTEGER NOT NULL,
	name     TEXT,
	title    TEXT,
	email    TEXT,
	phone    TEXT,
	address  TEXT,
	PRIMARY KEY (party, party_id)
);
