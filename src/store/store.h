#ifndef TD_STORE_H
#define TD_STORE_H
/*
 * The store: everything takedown keeps, behind one interface. SQLite is
 * the embedded default (one file in the workspace); other backends plug in
 * behind the same functions (store_int.h), chosen by the URI:
 * "sqlite:PATH" or a bare PATH, "postgres://..." or "postgresql://...".
 *
 * Rows are copied into caller-owned structs: no database pointer outlives
 * a call. Writes happen inside td_store_begin() / td_store_commit(); a
 * failed command calls td_store_rollback() and nothing it wrote remains.
 * Transactions nest (savepoints).
 */
#include <stdint.h>

#include "core/case.h"
#include "core/err.h"
#include "core/portfolio.h"
#include "core/detect.h"
#include "core/feed.h"
#include "core/phash.h"
#include "core/rates.h"

struct td_store;

/* Flags for td_store_open. */
#define TD_STORE_CREATE 0x1 /* create the database if it does not exist */

/*
 * Open the store at uri. Does not change the schema: call
 * td_store_migrate() next (td_ws_open does). Returns 0, TD_ENOTFOUND (no
 * database and no TD_STORE_CREATE), TD_EUNSUPPORTED (unknown scheme) or
 * TD_EDB. The caller frees *out with td_store_close().
 */
int td_store_open(const char *uri, unsigned flags, struct td_store **out,
		  struct td_err *err);
/* Close and free; NULL is fine. Rolls back an open transaction. */
void td_store_close(struct td_store *st);
/* "sqlite" or "postgres". */
const char *td_store_scheme(const struct td_store *st);

/* The schema version stored (0 for an empty database). */
int td_store_version(struct td_store *st, int *version, struct td_err *err);
/* The newest schema version this program knows for st's backend. */
int td_store_latest(const struct td_store *st);
/*
 * Bring the schema up to target (0 for the newest), one migration per
 * transaction. Returns TD_EVERSION, changing nothing, if the database is
 * newer than this program knows or than target.
 */
int td_store_migrate(struct td_store *st, int target, struct td_err *err);
/*
 * Write a consistent copy of the database to path (SQLite only; used
 * before an upgrade). TD_EUNSUPPORTED on other backends.
 */
int td_store_backup(struct td_store *st, const char *path, struct td_err *err);

int td_store_begin(struct td_store *st, struct td_err *err);
int td_store_commit(struct td_store *st, struct td_err *err);
void td_store_rollback(struct td_store *st);
/* 1 while a transaction is open. */
int td_store_in_tx(const struct td_store *st);

/* --- portfolio (store_portfolio.c) ------------------------------------- */

/*
 * Load the whole portfolio, sorted by key, into out (which must be empty;
 * release it either way). Documents and images carry their SHA-256; their
 * path is left NULL.
 */
int td_store_portfolio_load(struct td_store *st, struct td_portfolio *out,
			    struct td_err *err);
/*
 * Write every entity of chg, inserting new keys and replacing stored ones
 * (with their terms, links and images). Keys chg refers to must exist in
 * chg's own entities written earlier in this call or in the store (see
 * td_portfolio_validate). Documents and images must have sha256 set.
 * Needs an open transaction.
 */
int td_store_portfolio_save(struct td_store *st, const struct td_portfolio *chg,
			    struct td_err *err);

/* --- exchange rates (store_rates.c) ------------------------------------ */

/* Add the workspace's imported rates to out (newest date wins). */
int td_store_rates_load(struct td_store *st, struct td_rates *out,
			struct td_err *err);
/* Store rates, keeping a stored one that is newer. Needs a transaction. */
int td_store_rates_save(struct td_store *st, const struct td_rates *r,
			struct td_err *err);

/* --- scans, listings and findings (store_scan.c) ----------------------- */

/* A stored listing (the fields of a feed's listing that matter later). */
struct td_listing_row {
	int64_t id;              /* row id */
	char *platform;          /* "taobao" */
	char *ext_id;            /* the platform's listing id */
	char *url;               /* or NULL */
	char *title;             /* as written */
	char *description;       /* or NULL */
	int has_price;           /* 1 if price is set */
	double price;            /* in currency */
	char *currency;          /* ISO 4217, or NULL */
	char *seller_key;        /* the platform's seller id, or NULL */
	char *seller_name;       /* or NULL */
	char *ship_from;         /* or NULL */
	struct td_strv ships_to; /* country codes */
	int64_t sales;           /* -1 if unknown */
	struct td_strv images;   /* paths or URLs as the feed gave them */
	char *source;            /* the feed it came from */
	char *first_seen;        /* ISO time */
	char *last_seen;         /* ISO time */
	int64_t last_scan_id;    /* the last scan that saw it */
};

/* A stored finding and its listing. */
struct td_finding_row {
	int64_t id;                    /* row id */
	struct td_listing_row listing; /* the listing */
	double score;                  /* 0..1 */
	int has_price_ratio;           /* 1 if price_ratio is set */
	double price_ratio;            /* listing price / MSRP */
	struct td_strv rights;         /* right keys */
	struct td_strv products;       /* SKUs */
	json_t *signals;               /* array (docs/scoring.md); owned */
	char *created_at;              /* ISO time */
	char *updated_at;              /* ISO time */
};

void td_listing_row_release(struct td_listing_row *r);
void td_finding_row_release(struct td_finding_row *r);

/* Filters of td_store_findings_list; zero/NULL fields do not filter. */
struct td_finding_filter {
	double min_score;     /* score >= this */
	const char *right;    /* touches this right key */
	const char *platform; /* on this platform */
	const char *seller;   /* this seller key */
	const char *since;    /* updated at or after this ISO date/time */
	int64_t scan_id;      /* found or updated by this scan */
	size_t limit;         /* at most this many (0: all) */
};

/* Findings matching f, best score first (ties: newest first). */
int td_store_findings_list(struct td_store *st,
			   const struct td_finding_filter *f,
			   struct td_finding_row **out, size_t *n,
			   struct td_err *err);
void td_finding_rows_free(struct td_finding_row *rows, size_t n);
/* One finding by id; TD_ENOTFOUND if none. */
int td_store_finding_get(struct td_store *st, int64_t id,
			 struct td_finding_row *out, struct td_err *err);
/* One listing by id, or by platform and ext_id (id 0). */
int td_store_listing_get(struct td_store *st, int64_t id, const char *platform,
			 const char *ext_id, struct td_listing_row *out,
			 struct td_err *err);

/* A scan's progress, as committed. */
struct td_scan_row {
	int64_t id;           /* row id */
	char *source;         /* the feed: a path, "-" or a --source name */
	char *source_id;      /* identity of the file, for resume */
	char *state;          /* running, done or failed */
	char *started_at;     /* ISO time */
	char *finished_at;    /* ISO time, or NULL */
	int64_t records_done; /* feed records (listings and bad lines)
				 committed */
	int64_t listings;     /* listings read */
	int64_t bad_lines;    /* bad lines skipped */
	int64_t findings;     /* findings written or updated */
};

void td_scan_row_release(struct td_scan_row *r);

/* Start a scan of source; *id gets its row id. Needs a transaction. */
int td_store_scan_begin(struct td_store *st, const char *source,
			const char *source_id, const char *now, int64_t *id,
			struct td_err *err);
/* Record progress (with the batch it belongs to, in its transaction). */
int td_store_scan_progress(struct td_store *st, const struct td_scan_row *r,
			   struct td_err *err);
/* Mark a scan done or failed. */
int td_store_scan_finish(struct td_store *st, int64_t id, const char *state,
			 const char *now, struct td_err *err);
/* The newest scan of source still running (killed or interrupted);
 * TD_ENOTFOUND if none. */
int td_store_scan_unfinished(struct td_store *st, const char *source,
			     struct td_scan_row *out, struct td_err *err);

/* How a listing compared with what was stored. */
enum td_listing_state {
	TD_LISTING_NEW,     /* not seen before */
	TD_LISTING_SAME,    /* seen with the same content */
	TD_LISTING_CHANGED, /* seen, content changed */
};

/*
 * Store a feed listing seen by scan scan_id: insert it, or update
 * last_seen (and the fields, if content_hash changed). *id gets the row
 * id, *state how it compared. Also stores or updates its seller.
 */
int td_store_listing_put(struct td_store *st, int64_t scan_id,
			 const char *source, const struct td_listing *l,
			 const char *content_hash, const char *now, int64_t *id,
			 int *state, struct td_err *err);
/* Findings of the listings of a seller, other than listing `except`. */
int td_store_seller_findings(struct td_store *st, const char *platform,
			     const char *seller_key, int64_t except, long *n,
			     struct td_err *err);
/*
 * Call fn(arg, platform, ext_id) for the listing of every stored finding,
 * in one query and no particular order; the strings are valid during the
 * call only. A non-zero return from fn stops and is returned.
 */
int td_store_finding_keys(struct td_store *st,
			  int (*fn)(void *arg, const char *platform,
				    const char *ext_id),
			  void *arg, struct td_err *err);
/* 1 if the listing platform/ext_id has a stored finding, 0 if not. */
int td_store_listing_has_finding(struct td_store *st, const char *platform,
				 const char *ext_id, struct td_err *err);
/*
 * Store the finding of a listing (insert, or replace the listing's
 * earlier finding). *id gets the finding's id and *is_new 1 if the
 * listing had none.
 */
int td_store_finding_put(struct td_store *st, int64_t listing_id,
			 int64_t scan_id, const struct td_finding *f,
			 const char *now, int64_t *id, int *is_new,
			 struct td_err *err);

/* --- official photo hashes (store_photo.c) ------------------------------ */

/* One stored variant hash of an official photo. */
struct td_photo_hash {
	char variant[48];     /* "whole", "trim/flipy", "crop90" */
	struct td_phash hash; /* the PDQ hash */
	int quality;          /* its quality */
};

/*
 * The variant hashes stored for the photo with this SHA-256 under
 * hashing method `method`: *out gets a malloc'd array (caller frees) of
 * *n entries; *n is 0 when none are stored.
 */
int td_store_photo_hashes_get(struct td_store *st, const char *sha256,
			      int method, struct td_photo_hash **out, size_t *n,
			      struct td_err *err);
/* Store them (replacing any). Needs a transaction. */
int td_store_photo_hashes_put(struct td_store *st, const char *sha256,
			      int method, const struct td_photo_hash *v,
			      size_t n, struct td_err *err);

/* --- cases (store_case.c) --------------------------------------------- */

/*
 * Cases, their listings, the append-only event log, case fields and
 * contacts (core/case.h has the structs). Writes need an open
 * transaction. Dates are TD_DATE_NONE when absent.
 */

/* Filters of td_store_cases_list; NULL / -1 / 0 fields do not filter. */
struct td_case_filter {
	int state;         /* enum td_case_state, or -1 */
	const char *site;  /* a site key or a protocol key, or NULL */
	const char *right; /* a right key, or NULL */
	int open_only;     /* 1: leave out withdrawn and closed cases */
};

/*
 * Insert c (its right, owner and agent given by key; TD_ENOTFOUND names
 * an unknown one) and set c->id. Listings and events are added with
 * their own calls.
 */
int td_store_case_insert(struct td_store *st, struct td_case *c,
			 struct td_err *err);
/* Write c's state, state_date, updated_at, due, clock and counter_date. */
int td_store_case_update(struct td_store *st, const struct td_case *c,
			 struct td_err *err);
/* One case (with nlistings); TD_ENOTFOUND if none. Release out. */
int td_store_case_get(struct td_store *st, int64_t id, struct td_case *out,
		      struct td_err *err);
/* Cases matching f (NULL: all), by id; free with td_cases_free(). */
int td_store_cases_list(struct td_store *st, const struct td_case_filter *f,
			struct td_case **out, size_t *n, struct td_err *err);
/* A case with its listings, events and fields; release out either way. */
int td_store_case_load(struct td_store *st, int64_t id,
		       struct td_case_full *out, struct td_err *err);

/*
 * The listing a case would carry for finding_id (if not 0) or else
 * listing_id, with its finding if it has one; TD_ENOTFOUND says "no
 * finding 7" or "no listing 7". Release out either way.
 */
int td_store_case_target(struct td_store *st, int64_t finding_id,
			 int64_t listing_id, struct td_case_listing *out,
			 struct td_err *err);
/* Add a listing (with its finding, or 0) to a case at position pos. */
int td_store_case_listing_add(struct td_store *st, int64_t case_id,
			      int64_t listing_id, int64_t finding_id, int pos,
			      struct td_err *err);
/* Take a listing out of a case (splitting); TD_ENOTFOUND if absent. */
int td_store_case_listing_remove(struct td_store *st, int64_t case_id,
				 int64_t listing_id, struct td_err *err);
/* Set a listing's outcome; TD_ENOTFOUND if it is not in the case. */
int td_store_case_listing_set(struct td_store *st, int64_t case_id,
			      int64_t listing_id, int outcome,
			      const char *reason, int32_t date,
			      struct td_err *err);
/*
 * The first case other than exclude that carries listing_id for right
 * and is still live (not withdrawn or closed; a rejected case may be
 * resubmitted): returns 1 and sets *case_id, 0 if none, < 0 on error.
 */
int td_store_case_with_listing(struct td_store *st, int64_t listing_id,
			       const char *right, int64_t exclude,
			       int64_t *case_id, struct td_err *err);

/*
 * Append an event (e->id is ignored). Events cannot be changed or
 * deleted: the database refuses any UPDATE or DELETE of case_events
 * (TD_ECONFLICT, "case_events is append-only").
 */
int td_store_case_event_add(struct td_store *st, int64_t case_id,
			    const struct td_case_event *e, struct td_err *err);
/* Set field name for lang ("" all) of a case; value NULL deletes it. */
int td_store_case_field_set(struct td_store *st, int64_t case_id,
			    const char *name, const char *lang,
			    const char *value, struct td_err *err);

/* Set (replace) the contact of an owner or agent (c->party, c->key). */
int td_store_contact_set(struct td_store *st, const struct td_contact *c,
			 struct td_err *err);
/* The contact of party ("owner", "agent") key: 1 and *out, 0 if none. */
int td_store_contact_get(struct td_store *st, const char *party,
			 const char *key, struct td_contact *out,
			 struct td_err *err);
/* Every contact, owners first; free with td_contacts_free(). */
int td_store_contacts_list(struct td_store *st, struct td_contact **out,
			   size_t *n, struct td_err *err);

#endif
