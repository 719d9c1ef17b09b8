/*
 * Case rows: cases, their listings and outcomes, the append-only event
 * log, per-case complaint fields, and contacts. The schema is
 * migrations/sqlite/0005_cases.sql.
 */
#include "store/store_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

/* The row id of a key in table, or TD_ENOTFOUND naming what. */
static int
key_id(struct td_store *st, const char *sql, const char *key, const char *what,
       int64_t *id, struct td_err *err)
{
	int rc = td_sql_int_query(st, id, err, sql, "s", key);

	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no %s '%s'", what, key);
	return rc < 0 ? rc : 0;
}

int
td_store_case_insert(struct td_store *st, struct td_case *c, struct td_err *err)
{
	int64_t right_id, owner_id, agent_id = 0, id = 0;
	int rc;

	rc = key_id(st, "SELECT id FROM rights WHERE key = ?", c->right,
		    "right", &right_id, err);
	if (!rc)
		rc = key_id(st, "SELECT id FROM owners WHERE key = ?", c->owner,
			    "owner", &owner_id, err);
	if (!rc && c->agent)
		rc = key_id(st, "SELECT id FROM agents WHERE key = ?", c->agent,
			    "agent", &agent_id, err);
	if (rc)
		return rc;
	rc = td_sql_int_query(
		st, &id, err,
		"INSERT INTO cases (platform, site, right_id, owner_id, "
		"agent_id, state, state_date, opened_at, updated_at, due, "
		"clock, counter_date, relist_of) VALUES (?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?) RETURNING id",
		"ssiiIsDssDsDI", c->platform, c->site, right_id, owner_id,
		agent_id, td_case_state_name(c->state), c->state_date,
		c->opened_at, c->updated_at, c->due,
		c->clock ? td_case_clock_name(c->clock) : NULL, c->counter_date,
		c->relist_of);
	if (rc < 0)
		return rc;
	c->id = id;
	return 0;
}

int
td_store_case_update(struct td_store *st, const struct td_case *c,
		     struct td_err *err)
{
	int rc;

	rc = td_sql_exec(st, err,
			 "UPDATE cases SET state = ?, state_date = ?, "
			 "updated_at = ?, due = ?, clock = ?, counter_date = ? "
			 "WHERE id = ?",
			 "sDsDsDi", td_case_state_name(c->state), c->state_date,
			 c->updated_at, c->due,
			 c->clock ? td_case_clock_name(c->clock) : NULL,
			 c->counter_date, c->id);
	if (rc == 0 && st->ops->changes(st) != 1)
		rc = td_errf(err, TD_ENOTFOUND, "no case %" PRId64, c->id);
	return rc;
}

#define CASE_COLS                                                              \
	"SELECT c.id, c.platform, c.site, r.key, o.key, a.key, c.state, "      \
	"c.state_date, c.opened_at, c.updated_at, c.due, c.clock, "            \
	"c.counter_date, c.relist_of, (SELECT count(*) FROM case_listings l "  \
	"WHERE l.case_id = c.id) FROM cases c JOIN rights r ON r.id = "        \
	"c.right_id JOIN owners o ON o.id = c.owner_id LEFT JOIN agents a ON " \
	"a.id = c.agent_id "

static void
read_case(struct td_store *st, struct td_stmt *s, struct td_case *c)
{
	const char *clock;

	c->id = td_sql_int(st, s, 0);
	c->platform = td_sql_strdup(st, s, 1);
	c->site = td_sql_strdup(st, s, 2);
	c->right = td_sql_strdup(st, s, 3);
	c->owner = td_sql_strdup(st, s, 4);
	c->agent = td_sql_strdup(st, s, 5);
	c->state = td_case_state_parse(td_sql_text(st, s, 6));
	c->state_date = td_sql_date(st, s, 7);
	c->opened_at = td_sql_strdup(st, s, 8);
	c->updated_at = td_sql_strdup(st, s, 9);
	c->due = td_sql_date(st, s, 10);
	clock = td_sql_text(st, s, 11);
	c->clock = clock ? td_case_clock_parse(clock) : TD_CLOCK_NONE;
	if (c->clock < 0)
		c->clock = TD_CLOCK_NONE;
	c->counter_date = td_sql_date(st, s, 12);
	c->relist_of = td_sql_int(st, s, 13);
	c->nlistings = (size_t)td_sql_int(st, s, 14);
}

int
td_store_case_get(struct td_store *st, int64_t id, struct td_case *out,
		  struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err, CASE_COLS "WHERE c.id = ?", "i", id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		read_case(st, s, out);
	td_sql_done(st, s);
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no case %" PRId64, id);
	return rc < 0 ? rc : 0;
}

int
td_store_cases_list(struct td_store *st, const struct td_case_filter *f,
		    struct td_case **out, size_t *n, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(
		st, &s, err,
		CASE_COLS "WHERE (? IS NULL OR c.state = ?) AND "
			  "(? IS NULL OR c.site = ? OR c.platform = "
			  "?) AND (? IS NULL OR r.key = ?) AND "
			  "(? = 0 OR c.state NOT IN ('withdrawn', "
			  "'closed')) ORDER BY c.id",
		"sssssssi",
		f && f->state >= 0 ? td_case_state_name(f->state) : NULL,
		f && f->state >= 0 ? td_case_state_name(f->state) : NULL,
		f ? f->site : NULL, f ? f->site : NULL, f ? f->site : NULL,
		f ? f->right : NULL, f ? f->right : NULL,
		(int64_t)(f ? f->open_only : 0));
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(*out, *n + 1, alloc);
		memset(&(*out)[*n], 0, sizeof(**out));
		read_case(st, s, &(*out)[(*n)++]);
	}
	td_sql_done(st, s);
	if (rc < 0) {
		td_cases_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- listings --------------------------------------------------------- */

#define LISTING_COLS                                                           \
	"l.id, f.id, l.platform, l.ext_id, l.url, l.title, s.seller_key, "     \
	"s.name, l.price, l.currency, f.score, f.signals "

/* Columns from c on: LISTING_COLS. */
static int
read_listing(struct td_store *st, struct td_stmt *s, int c,
	     struct td_case_listing *l, struct td_err *err)
{
	const char *sig;
	struct td_stmt *r;
	int rc;

	l->listing_id = td_sql_int(st, s, c);
	l->finding_id = td_sql_int(st, s, c + 1);
	l->platform = td_sql_strdup(st, s, c + 2);
	l->ext_id = td_sql_strdup(st, s, c + 3);
	l->url = td_sql_strdup(st, s, c + 4);
	l->title = td_sql_strdup(st, s, c + 5);
	l->seller_key = td_sql_strdup(st, s, c + 6);
	l->seller_name = td_sql_strdup(st, s, c + 7);
	l->has_price = td_sql_text(st, s, c + 8) != NULL;
	l->price = td_sql_double(st, s, c + 8);
	l->currency = td_sql_strdup(st, s, c + 9);
	l->score = td_sql_double(st, s, c + 10);
	sig = td_sql_text(st, s, c + 11);
	l->signals = sig ? json_loads(sig, 0, NULL) : NULL;
	if (!l->finding_id)
		return 0;
	rc = td_sql_query(st, &r, err,
			  "SELECT r.key FROM finding_rights x JOIN rights r ON "
			  "r.id = x.right_id WHERE x.finding_id = ? ORDER BY "
			  "r.key",
			  "i", l->finding_id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, r, err)) > 0)
		td_strv_push(&l->rights, td_sql_text(st, r, 0));
	td_sql_done(st, r);
	return rc;
}

int
td_store_case_target(struct td_store *st, int64_t finding_id,
		     int64_t listing_id, struct td_case_listing *out,
		     struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	out->outcome = TD_OUTCOME_PENDING;
	out->outcome_date = TD_DATE_NONE;
	if (finding_id)
		rc = td_sql_query(st, &s, err,
				  "SELECT " LISTING_COLS
				  "FROM findings f JOIN listings l ON l.id = "
				  "f.listing_id LEFT JOIN sellers s ON s.id = "
				  "l.seller_id WHERE f.id = ?",
				  "i", finding_id);
	else
		rc = td_sql_query(st, &s, err,
				  "SELECT " LISTING_COLS
				  "FROM listings l LEFT JOIN findings f ON "
				  "f.listing_id = l.id LEFT JOIN sellers s ON "
				  "s.id = l.seller_id WHERE l.id = ?",
				  "i", listing_id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		rc = read_listing(st, s, 0, out, err);
	else if (rc == 0)
		rc = finding_id ? td_errf(err, TD_ENOTFOUND,
					  "no finding %" PRId64, finding_id)
				: td_errf(err, TD_ENOTFOUND,
					  "no listing %" PRId64, listing_id);
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

int
td_store_case_listing_add(struct td_store *st, int64_t case_id,
			  int64_t listing_id, int64_t finding_id, int pos,
			  struct td_err *err)
{
	return td_sql_exec(st, err,
			   "INSERT INTO case_listings (case_id, listing_id, "
			   "finding_id, pos) VALUES (?, ?, ?, ?)",
			   "iiIi", case_id, listing_id, finding_id,
			   (int64_t)pos);
}

int
td_store_case_listing_remove(struct td_store *st, int64_t case_id,
			     int64_t listing_id, struct td_err *err)
{
	int rc = td_sql_exec(st, err,
			     "DELETE FROM case_listings WHERE case_id = ? AND "
			     "listing_id = ?",
			     "ii", case_id, listing_id);

	if (rc == 0 && st->ops->changes(st) != 1)
		rc = td_errf(err, TD_ENOTFOUND,
			     "listing %" PRId64 " is not in case %" PRId64,
			     listing_id, case_id);
	return rc;
}

int
td_store_case_listing_set(struct td_store *st, int64_t case_id,
			  int64_t listing_id, int outcome, const char *reason,
			  int32_t date, struct td_err *err)
{
	int rc = td_sql_exec(st, err,
			     "UPDATE case_listings SET outcome = ?, reason = "
			     "?, outcome_date = ? WHERE case_id = ? AND "
			     "listing_id = ?",
			     "ssDii", td_case_outcome_name(outcome), reason,
			     date, case_id, listing_id);

	if (rc == 0 && st->ops->changes(st) != 1)
		rc = td_errf(err, TD_ENOTFOUND,
			     "listing %" PRId64 " is not in case %" PRId64,
			     listing_id, case_id);
	return rc;
}

int
td_store_listing_in_case(struct td_store *st, int64_t listing_id,
			 int64_t *case_id, struct td_err *err)
{
	int rc;

	*case_id = 0;
	rc = td_sql_int_query(st, case_id, err,
			      "SELECT case_id FROM case_listings WHERE "
			      "listing_id = ? ORDER BY case_id DESC LIMIT 1",
			      "i", listing_id);
	return rc < 0 ? rc : 0;
}

int
td_store_case_with_listing(struct td_store *st, int64_t listing_id,
			   const char *right, int64_t exclude, int64_t *case_id,
			   struct td_err *err)
{
	return td_sql_int_query(
		st, case_id, err,
		"SELECT c.id FROM case_listings x JOIN cases c ON c.id = "
		"x.case_id JOIN rights r ON r.id = c.right_id WHERE "
		"x.listing_id = ? AND r.key = ? AND c.id <> ? AND c.state NOT "
		"IN ('withdrawn', 'closed') ORDER BY c.id",
		"isi", listing_id, right, exclude);
}

/* ---- events ----------------------------------------------------------- */

int
td_store_case_event_add(struct td_store *st, int64_t case_id,
			const struct td_case_event *e, struct td_err *err)
{
	return td_sql_exec(
		st, err,
		"INSERT INTO case_events (case_id, at, date, actor, "
		"from_state, to_state, listing_id, outcome, note) VALUES (?, "
		"?, ?, ?, ?, ?, ?, ?, ?)",
		"isDsssIss", case_id, e->at, e->date, e->actor,
		e->from >= 0 ? td_case_state_name(e->from) : NULL,
		td_case_state_name(e->to), e->listing_id,
		e->outcome >= 0 ? td_case_outcome_name(e->outcome) : NULL,
		e->note);
}

/* ---- the whole case --------------------------------------------------- */

static int
load_listings(struct td_store *st, struct td_case_full *f, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT x.pos, x.outcome, x.reason, "
			  "x.outcome_date, " LISTING_COLS
			  "FROM case_listings x JOIN listings l ON l.id = "
			  "x.listing_id LEFT JOIN findings f ON f.id = "
			  "x.finding_id OR (x.finding_id IS NULL AND "
			  "f.listing_id = l.id) LEFT JOIN sellers s ON s.id = "
			  "l.seller_id WHERE x.case_id = ? ORDER BY x.pos",
			  "i", f->c.id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_case_listing *l;

		TD_GROW(f->listings, f->nlistings + 1, alloc);
		l = &f->listings[f->nlistings++];
		memset(l, 0, sizeof(*l));
		l->pos = (int)td_sql_int(st, s, 0);
		l->outcome = td_case_outcome_parse(td_sql_text(st, s, 1));
		l->reason = td_sql_strdup(st, s, 2);
		l->outcome_date = td_sql_date(st, s, 3);
		rc = read_listing(st, s, 4, l, err);
		if (rc < 0)
			break;
	}
	td_sql_done(st, s);
	return rc;
}

static int
load_events(struct td_store *st, struct td_case_full *f, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT id, at, date, actor, from_state, to_state, "
			  "listing_id, outcome, note FROM case_events WHERE "
			  "case_id = ? ORDER BY id",
			  "i", f->c.id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_case_event *e;
		const char *t;

		TD_GROW(f->events, f->nevents + 1, alloc);
		e = &f->events[f->nevents++];
		memset(e, 0, sizeof(*e));
		e->id = td_sql_int(st, s, 0);
		e->at = td_sql_strdup(st, s, 1);
		e->date = td_sql_date(st, s, 2);
		e->actor = td_sql_strdup(st, s, 3);
		t = td_sql_text(st, s, 4);
		e->from = t ? td_case_state_parse(t) : -1;
		e->to = td_case_state_parse(td_sql_text(st, s, 5));
		e->listing_id = td_sql_int(st, s, 6);
		t = td_sql_text(st, s, 7);
		e->outcome = t ? td_case_outcome_parse(t) : -1;
		e->note = td_sql_strdup(st, s, 8);
	}
	td_sql_done(st, s);
	return rc;
}

static int
load_fields(struct td_store *st, struct td_case_full *f, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT name, lang, value FROM case_fields WHERE "
			  "case_id = ? ORDER BY name, lang",
			  "i", f->c.id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_case_field *x;

		TD_GROW(f->fields, f->nfields + 1, alloc);
		x = &f->fields[f->nfields++];
		x->name = td_sql_strdup(st, s, 0);
		x->lang = td_sql_strdup(st, s, 1);
		x->value = td_sql_strdup(st, s, 2);
	}
	td_sql_done(st, s);
	return rc;
}

int
td_store_case_load(struct td_store *st, int64_t id, struct td_case_full *out,
		   struct td_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = td_store_case_get(st, id, &out->c, err);
	if (!rc)
		rc = load_listings(st, out, err);
	if (!rc)
		rc = load_events(st, out, err);
	if (!rc)
		rc = load_fields(st, out, err);
	return rc < 0 ? rc : 0;
}

int
td_store_case_field_set(struct td_store *st, int64_t case_id, const char *name,
			const char *lang, const char *value, struct td_err *err)
{
	if (!value)
		return td_sql_exec(st, err,
				   "DELETE FROM case_fields WHERE case_id = ? "
				   "AND name = ? AND lang = ?",
				   "iss", case_id, name, lang ? lang : "");
	return td_sql_exec(st, err,
			   "INSERT INTO case_fields (case_id, name, lang, "
			   "value) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, "
			   "name, lang) DO UPDATE SET value = excluded.value",
			   "isss", case_id, name, lang ? lang : "", value);
}

/* ---- contacts --------------------------------------------------------- */

/* The owner's or agent's row id. */
static int
party_id(struct td_store *st, const char *party, const char *key, int64_t *id,
	 struct td_err *err)
{
	if (strcmp(party, "owner") == 0)
		return key_id(st, "SELECT id FROM owners WHERE key = ?", key,
			      "owner", id, err);
	if (strcmp(party, "agent") == 0)
		return key_id(st, "SELECT id FROM agents WHERE key = ?", key,
			      "agent", id, err);
	return td_errf(err, TD_EINVAL, "a contact is an owner's or an agent's");
}

int
td_store_contact_set(struct td_store *st, const struct td_contact *c,
		     struct td_err *err)
{
	int64_t id;
	int rc = party_id(st, c->party, c->key, &id, err);

	if (rc)
		return rc;
	return td_sql_exec(st, err,
			   "INSERT INTO contacts (party, party_id, name, "
			   "title, email, phone, address) VALUES (?, ?, ?, ?, "
			   "?, ?, ?) ON CONFLICT (party, party_id) DO UPDATE "
			   "SET name = excluded.name, title = excluded.title, "
			   "email = excluded.email, phone = excluded.phone, "
			   "address = excluded.address",
			   "sisssss", c->party, id, c->name, c->title, c->email,
			   c->phone, c->address);
}

#define CONTACT_COLS                                                           \
	"SELECT x.party, coalesce(o.key, a.key), x.name, x.title, x.email, "   \
	"x.phone, x.address FROM contacts x LEFT JOIN owners o ON x.party = "  \
	"'owner' AND o.id = x.party_id LEFT JOIN agents a ON x.party = "       \
	"'agent' AND a.id = x.party_id "

static void
read_contact(struct td_store *st, struct td_stmt *s, struct td_contact *c)
{
	c->party = td_sql_strdup(st, s, 0);
	c->key = td_sql_strdup(st, s, 1);
	c->name = td_sql_strdup(st, s, 2);
	c->title = td_sql_strdup(st, s, 3);
	c->email = td_sql_strdup(st, s, 4);
	c->phone = td_sql_strdup(st, s, 5);
	c->address = td_sql_strdup(st, s, 6);
}

int
td_store_contact_get(struct td_store *st, const char *party, const char *key,
		     struct td_contact *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = td_sql_query(st, &s, err,
			  CONTACT_COLS "WHERE x.party = ? AND "
				       "coalesce(o.key, a.key) = ?",
			  "ss", party, key);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		read_contact(st, s, out);
	td_sql_done(st, s);
	return rc;
}

int
td_store_contacts_list(struct td_store *st, struct td_contact **out, size_t *n,
		       struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err, CONTACT_COLS "ORDER BY x.party DESC, 2",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(*out, *n + 1, alloc);
		memset(&(*out)[*n], 0, sizeof(**out));
		read_contact(st, s, &(*out)[(*n)++]);
	}
	td_sql_done(st, s);
	if (rc < 0) {
		td_contacts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
