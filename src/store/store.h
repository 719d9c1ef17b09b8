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
#include "core/case_report.h"
#include "core/err.h"
#include "core/portfolio.h"
#include "core/detect.h"
#include "core/feed.h"
#include "core/net.h"
#include "core/phash.h"
#include "core/rates.h"
#include "core/strv.h"

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
	char *captured_at;       /* ISO time the feed says it was captured,
				    or NULL */
	char *gone_at;           /* ISO time its removal was confirmed, or
				    NULL (store_relist.c) */
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
	int in_case;          /* 1: only findings of listings some case
				 carries */
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

/* --- listing photos, seller networks (store_net.c) --------------------- */

/* A listing photo's hash, as the scan stores it. */
struct td_listing_photo {
	const char *path; /* as the feed names it, or NULL */
	char pdq[65];     /* 64 hex digits */
	int quality;      /* PDQ quality, -1 when unknown (a feed hash) */
	int official;     /* 1: it matched one of the owner's official
			     photos */
};

/* Replace the stored photos of listing listing_id. */
int td_store_listing_photos_put(struct td_store *st, int64_t listing_id,
				const struct td_listing_photo *v, size_t n,
				struct td_err *err);

/* One listing text of a seller. */
struct td_seller_text {
	int64_t listing_id; /* whose */
	char *title;        /* as written */
	char *description;  /* or NULL */
	int dirty;          /* changed since the evidence was last taken */
};

/* One non-official listing photo of a seller. */
struct td_seller_photo {
	int64_t listing_id; /* whose */
	int pos;            /* its place among the listing's photos */
	char pdq[65];       /* 64 hex digits */
	int dirty;          /* its listing changed since the last refresh */
};

/* What the network refresh reads about one seller. */
struct td_seller_data {
	int64_t id;                     /* sellers row id */
	char *platform;                 /* "taobao" */
	char *seller_key;               /* the platform's seller id */
	char *name;                     /* shop name, or NULL */
	char *phone;                    /* or NULL */
	char *email;                    /* or NULL */
	char *address;                  /* or NULL */
	char *company;                  /* or NULL */
	char *country;                  /* ship_from of its newest listing
					   that has one, or NULL */
	char *network;                  /* its network's key, or NULL */
	struct td_seller_text *texts;   /* its listings' texts */
	size_t ntexts;                  /* entries */
	struct td_seller_photo *photos; /* its listings' photos, not
					   official ones */
	size_t nphotos;                 /* entries */
};

void td_seller_data_release(struct td_seller_data *d);

/* The seller with row id id; TD_ENOTFOUND if none. */
int td_store_seller_data(struct td_store *st, int64_t id,
			 struct td_seller_data *out, struct td_err *err);

/* A list of row ids, owned by the caller (free(v)). */
struct td_ids {
	int64_t *v;   /* ids */
	size_t n;     /* used */
	size_t alloc; /* allocated */
};

#define TD_IDS_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Append id unless it is there already (linear; small lists). */
void td_ids_add(struct td_ids *ids, int64_t id);
/* Sort and drop duplicates. */
void td_ids_sort(struct td_ids *ids);
/* 1 if the sorted ids hold id. */
int td_ids_has(const struct td_ids *ids, int64_t id);
void td_ids_release(struct td_ids *ids);

/* Sellers with a listing whose content changed since the last refresh
 * (listings.net_hash differs from content_hash), appended to out. */
int td_store_net_dirty(struct td_store *st, struct td_ids *out,
		       struct td_err *err);
/* Mark the listings of seller id as refreshed. */
int td_store_net_clean(struct td_store *st, int64_t id, struct td_err *err);

/* One identifier of a seller (kind is a td_net_kind name). */
struct td_store_evidence {
	const char *key;  /* the join key */
	const char *kind; /* "phone", ... */
	const char *raw;  /* as found */
};

/* Replace the identifiers of seller id. */
int td_store_seller_evidence_put(struct td_store *st, int64_t id,
				 const struct td_store_evidence *v, size_t n,
				 struct td_err *err);
/* The identifier keys stored for seller id, appended to keys (and their
 * kind names to kinds). */
int td_store_seller_keys(struct td_store *st, int64_t id, struct td_strv *keys,
			 struct td_strv *kinds, struct td_err *err);
/* The members of network key, appended to out. */
int td_store_network_members(struct td_store *st, const char *key,
			     struct td_ids *out, struct td_err *err);
/*
 * The sellers holding key, appended to out; *count gets how many, or
 * max + 1 when there are more than max (0: no limit), and then none is
 * appended.
 */
int td_store_key_holders(struct td_store *st, const char *key, size_t max,
			 struct td_ids *out, size_t *count, struct td_err *err);
/* Replace the LSH buckets of seller id (its texts' and shop name's). */
int td_store_net_buckets_put(struct td_store *st, int64_t id,
			     const int64_t *buckets, size_t n,
			     struct td_err *err);
/* The sellers in bucket, like td_store_key_holders. */
int td_store_bucket_sellers(struct td_store *st, int64_t bucket, size_t max,
			    struct td_ids *out, size_t *count,
			    struct td_err *err);

/* The row ids of every seller, appended to out. */
int td_store_sellers_all(struct td_store *st, struct td_ids *out,
			 struct td_err *err);

/* Every non-official listing photo with its seller, for the PDQ index. */
struct td_photo_row {
	int64_t seller_id;  /* whose */
	int64_t listing_id; /* which listing */
	int pos;            /* which photo */
	char pdq[65];       /* 64 hex digits */
};

int td_store_net_photos(struct td_store *st, struct td_photo_row **out,
			size_t *n, struct td_err *err);

/* A link between two sellers, with its evidence. */
struct td_store_link {
	int64_t a;                       /* seller row id */
	int64_t b;                       /* seller row id */
	double strength;                 /* the total */
	const struct td_net_link_ev *ev; /* its evidence (net.h) */
	size_t n_ev;                     /* entries */
};

/* Sellers linked to seller id, appended to out. */
int td_store_seller_neighbours(struct td_store *st, int64_t id,
			       struct td_ids *out, struct td_err *err);
/* Ends of the stored links whose evidence includes key. */
int td_store_key_links(struct td_store *st, const char *key, struct td_ids *out,
		       struct td_err *err);
/*
 * Delete every stored link between two sellers of region (sorted ids)
 * and store links instead (each end in region). now stamps them.
 */
int td_store_links_replace(struct td_store *st, const struct td_ids *region,
			   const struct td_store_link *links, size_t n,
			   const char *now, struct td_err *err);
/*
 * Make the sellers members (ids) one network called key (inserted or
 * updated); one member alone clears its network. *changed (may be NULL)
 * is set to 1 when the network is new or a seller joined it. Networks
 * left without members are deleted by td_store_networks_prune().
 */
int td_store_network_set(struct td_store *st, const char *key,
			 const struct td_ids *members, const char *now,
			 int *changed, struct td_err *err);
int td_store_networks_prune(struct td_store *st, struct td_err *err);

/* The shop name of seller id (caller frees), or NULL. */
char *td_store_seller_shop(struct td_store *st, int64_t id, struct td_err *err);
/* The network key of seller id (caller frees), or NULL. */
char *td_store_seller_network(struct td_store *st, int64_t id,
			      struct td_err *err);
/* A seller's key "platform:seller_key" (caller frees); NULL if none. */
char *td_store_seller_name_key(struct td_store *st, int64_t id,
			       struct td_err *err);

/* --- reading networks (store_net_read.c) ------------------------------- */

/* A member of a network. */
struct td_network_member {
	int64_t id;       /* sellers row id */
	char *platform;   /* "taobao" */
	char *seller_key; /* the platform's seller id */
	char *name;       /* shop name, or NULL */
	char *address;    /* or NULL */
	char *country;    /* ship_from of its newest listing, or NULL */
	long listings;    /* its stored listings */
	long live;        /* ... not gone */
	long findings;    /* its findings */
};

/* A stored link with its evidence. */
struct td_network_link {
	char *a;                   /* member key "platform:seller" */
	char *b;                   /* member key */
	double strength;           /* the total */
	struct td_net_link_ev *ev; /* evidence, strongest first */
	size_t n_ev;               /* entries */
};

/* A network. */
struct td_network_row {
	char *key;                         /* its id: the smallest member */
	char *created_at;                  /* ISO time */
	char *updated_at;                  /* ISO time */
	struct td_network_member *members; /* sorted by key */
	size_t n_members;                  /* entries */
	struct td_network_link *links;     /* sorted by a, b */
	size_t n_links;                    /* entries (list: 0) */
	struct td_strv platforms;          /* distinct, sorted */
	long listings;                     /* stored listings of members */
	long live;                         /* ... not gone */
	long findings;                     /* findings of members */
};

void td_network_row_release(struct td_network_row *r);
void td_network_rows_free(struct td_network_row *rows, size_t n);

/* Every network with its members (links left out), largest first. */
int td_store_networks_list(struct td_store *st, struct td_network_row **out,
			   size_t *n, struct td_err *err);
/* One network with members and links; TD_ENOTFOUND if none. */
int td_store_network_get(struct td_store *st, const char *key,
			 struct td_network_row *out, struct td_err *err);
/* The network key of every seller in one, as "platform\x1fseller" keys:
 * parallel arrays (caller frees with td_strv_release). */
int td_store_seller_networks(struct td_store *st, struct td_strv *sellers,
			     struct td_strv *networks, struct td_err *err);

/* --- outcomes of closed cases, for triage (store_triage.c) ------------- */

/* One listing of a case that has an outcome. */
struct td_outcome_row {
	char *protocol; /* the case's protocol key ("alibaba_ipp") */
	char *site;     /* its site key ("taobao") */
	char *right;    /* the right key the case relied on */
	char *outcome;  /* removed, kept, reinstated or rejected */
	char *date;     /* when (the outcome's date, else the case's
			   state date) */
};

void td_outcome_rows_free(struct td_outcome_row *v, size_t n);

/* Every case listing whose outcome is known (not pending), in case
 * order. */
int td_store_outcomes(struct td_store *st, struct td_outcome_row **out,
		      size_t *n, struct td_err *err);

/* --- removals and relistings (store_relist.c) -------------------------- */

/*
 * After a complete scan scan_id of source at now: listings of source
 * that the scan did not see are gone (removal confirmed; *gone gets how
 * many became so), and gone listings it saw again are not (*back).
 */
int td_store_listings_gone(struct td_store *st, const char *source,
			   int64_t scan_id, const char *now, long *gone,
			   long *back, struct td_err *err);

/* What a relisting check compares of one listing. */
struct td_listing_fp {
	int64_t id;              /* listings row id */
	int64_t finding_id;      /* its finding, 0 if none */
	char *platform;          /* "taobao" */
	char *ext_id;            /* the platform's listing id */
	int64_t seller_id;       /* 0 if none */
	char *network;           /* its seller's network, or NULL */
	char *title;             /* as written */
	char *description;       /* or NULL */
	char *first_seen;        /* ISO time */
	char *last_seen;         /* ISO time */
	char *gone_at;           /* ISO time, or NULL */
	struct td_strv products; /* SKUs of its finding */
	struct td_strv rights;   /* right keys of its finding */
	struct td_strv photos;   /* PDQ hex of its non-official photos */
};

void td_listing_fps_free(struct td_listing_fp *v, size_t n);

/*
 * Fingerprints of the gone listings (scan_id 0), or of the listings with
 * a finding first seen by scan scan_id and not yet checked for
 * relisting.
 */
int td_store_listing_fps(struct td_store *st, int64_t scan_id,
			 struct td_listing_fp **out, size_t *n,
			 struct td_err *err);

/* A relisting: a new listing matching an earlier, removed one. */
struct td_relist_row {
	int64_t listing_id;      /* the new listing */
	int64_t earlier_id;      /* the removed one */
	int64_t finding_id;      /* the new listing's finding, or 0 */
	int64_t earlier_finding; /* the removed listing's finding, or 0 */
	int64_t earlier_case;    /* the newest case that carried the removed
				    listing, 0 if none (or no cases) */
	char *platform;          /* the new listing's */
	char *ext_id;            /* ... */
	char *earlier_platform;  /* the removed listing's */
	char *earlier_ext_id;    /* ... */
	char *seller;            /* the new listing's seller key, or NULL */
	char *network;           /* its seller's network, or NULL */
	char *matched_by;        /* "seller", "network" or "photo_text" */
	char *evidence;          /* what matched, in words */
	char *gone_at;           /* when the removal was confirmed */
	char *found_at;          /* when the new listing was first seen */
	double days;             /* time to relist: from the last scan that
				    saw the removed listing to found_at */
};

void td_relist_row_release(struct td_relist_row *r);
void td_relist_rows_free(struct td_relist_row *v, size_t n);

/*
 * Record that listing (its finding finding_id) relists earlier and add
 * a "relist" signal to its finding (docs/scoring.md). r's listing_id,
 * earlier_id, matched_by, evidence, gone_at, found_at and days are used.
 */
int td_store_relist_put(struct td_store *st, const struct td_relist_row *r,
			struct td_err *err);
/*
 * Put the relist signal back into the findings scan scan_id rewrote (a
 * scan replaces a finding's signals; the relisting stays true).
 */
int td_store_relist_signals(struct td_store *st, int64_t scan_id,
			    struct td_err *err);
/*
 * The relisting that listing listing_id is, with the earlier listing's
 * finding and case (for `case open --relist-of`); TD_ENOTFOUND if it
 * relists nothing.
 */
int td_store_relist_of(struct td_store *st, int64_t listing_id,
		       struct td_relist_row *out, struct td_err *err);
/* Every relisting, newest first (since: found at or after this ISO time,
 * or NULL). */
int td_store_relists_list(struct td_store *st, const char *since,
			  struct td_relist_row **out, size_t *n,
			  struct td_err *err);

/* Relisting figures for one platform or network. */
struct td_relist_stat {
	char *group;        /* platform name or network key */
	long gone;          /* removals confirmed */
	long relisted;      /* of which relisted */
	double rate;        /* relisted / gone */
	double mean_days;   /* mean time to relist */
	double median_days; /* median time to relist */
};

void td_relist_stats_free(struct td_relist_stat *v, size_t n);

/* Figures by platform (by_network 0) or by network (1; removed listings
 * of sellers in no network are left out). */
int td_store_relist_stats(struct td_store *st, int by_network,
			  struct td_relist_stat **out, size_t *n,
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
/* Store them, replacing any of this photo (under any method: an older
 * method's set is obsolete). Needs a transaction. */
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
/* The newest case holding listing listing_id in *case_id, 0 if none. */
int td_store_listing_in_case(struct td_store *st, int64_t listing_id,
			     int64_t *case_id, struct td_err *err);
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

/*
 * Every listing of every case (a case without listings as one row with
 * outcome -1), with the case's site, right, agent, state and first
 * filing date, rows of a case together, by case: what the case report
 * (core/case_report.h) sums. Free with td_case_report_rows_free().
 */
int td_store_case_report_rows(struct td_store *st,
			      struct td_case_report_row **out, size_t *n,
			      struct td_err *err);

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
