/* Scans, sellers, listings and findings. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"
#include "core/util.h"
#include "core/banned.h"

/* A list of strings as compact JSON text (as json_dumps writes it). */
static char *
list_json(const char *const *v, size_t n)
{
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	td_jsonw_raw(&b, "[", 1);
	for (i = 0; i < n; i++) {
		td_jsonw_sep(&b);
		td_jsonw_cstr(&b, v[i]);
	}
	td_jsonw_raw(&b, "]", 1);
	return td_buf_detach(&b, NULL);
}

static void
strv_from_json_text(const char *text, struct td_strv *out)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	json_t *e;
	size_t i;

	json_array_foreach(a, i, e)
	{
		if (json_is_string(e))
			td_strv_push(out, json_string_value(e));
	}
	json_decref(a);
}

void
td_scan_row_release(struct td_scan_row *r)
{
	free(r->source);
	free(r->source_id);
	free(r->state);
	free(r->started_at);
	free(r->finished_at);
	memset(r, 0, sizeof(*r));
}

void
td_listing_row_release(struct td_listing_row *r)
{
	free(r->platform);
	free(r->ext_id);
	free(r->url);
	free(r->title);
	free(r->description);
	free(r->currency);
	free(r->seller_key);
	free(r->seller_name);
	free(r->ship_from);
	td_strv_release(&r->ships_to);
	td_strv_release(&r->images);
	free(r->source);
	free(r->first_seen);
	free(r->last_seen);
	free(r->captured_at);
	free(r->gone_at);
	memset(r, 0, sizeof(*r));
}

void
td_finding_row_release(struct td_finding_row *r)
{
	td_listing_row_release(&r->listing);
	td_strv_release(&r->rights);
	td_strv_release(&r->products);
	json_decref(r->signals);
	free(r->created_at);
	free(r->updated_at);
	memset(r, 0, sizeof(*r));
}

void
td_finding_rows_free(struct td_finding_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		td_finding_row_release(&rows[i]);
	free(rows);
}

/* --- scans --------------------------------------------------------------- */

int
td_store_scan_begin(struct td_store *st, const char *source,
		    const char *source_id, const char *now, int64_t *id,
		    struct td_err *err)
{
	int rc = td_sql_int_query(st, id, err,
				  "INSERT INTO scans (source, source_id, "
				  "started_at, state) VALUES (?, ?, ?, "
				  "'running') RETURNING id",
				  "sss", source, source_id, now);

	return rc < 0 ? rc : 0;
}

int
td_store_scan_progress(struct td_store *st, const struct td_scan_row *r,
		       struct td_err *err)
{
	return td_sql_exec(st, err,
			   "UPDATE scans SET lines_done = ?, listings = ?, "
			   "bad_lines = ?, findings = ? WHERE id = ?",
			   "iiiii", r->records_done, r->listings, r->bad_lines,
			   r->findings, r->id);
}

int
td_store_scan_finish(struct td_store *st, int64_t id, const char *state,
		     const char *now, struct td_err *err)
{
	return td_sql_exec(st, err,
			   "UPDATE scans SET state = ?, finished_at = ? WHERE "
			   "id = ?",
			   "ssi", state, now, id);
}

int
td_store_scan_unfinished(struct td_store *st, const char *source,
			 struct td_scan_row *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT id, source, source_id, state, started_at, "
			  "finished_at, lines_done, listings, bad_lines, "
			  "findings FROM scans WHERE source = ? AND state = "
			  "'running' ORDER BY id DESC LIMIT 1",
			  "s", source);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0) {
		out->id = td_sql_int(st, s, 0);
		out->source = td_sql_strdup(st, s, 1);
		out->source_id = td_sql_strdup(st, s, 2);
		out->state = td_sql_strdup(st, s, 3);
		out->started_at = td_sql_strdup(st, s, 4);
		out->finished_at = td_sql_strdup(st, s, 5);
		out->records_done = td_sql_int(st, s, 6);
		out->listings = td_sql_int(st, s, 7);
		out->bad_lines = td_sql_int(st, s, 8);
		out->findings = td_sql_int(st, s, 9);
		rc = 0;
	} else if (rc == 0) {
		rc = td_errf(err, TD_ENOTFOUND,
			     "no interrupted scan of %s to resume", source);
	}
	td_sql_done(st, s);
	return rc;
}

/* --- sellers and listings ----------------------------------------------- */

/*
 * Insert or update the listing's seller; *id gets its row id (0 without
 * a seller). What the row says then is remembered for
 * td_store_seller_findings() and td_store_finding_put() on this listing.
 */
static int
seller_put(struct td_store *st, const struct td_listing *l, const char *now,
	   int64_t *id, struct td_err *err)
{
	const struct td_seller *s = &l->seller;
	struct td_stmt *q;
	int rc;

	*id = 0;
	st->last_seller = 0;
	st->last_seller_findings = 0;
	td_buf_reset(&st->last_seller_key);
	if (!s->id)
		return 0;
	/* Looked up, then updated or inserted: an upsert with RETURNING
	 * costs SQLite a temporary table a call. */
	rc = td_sql_query(st, &q, err,
			  "SELECT id, findings FROM sellers WHERE platform = ? "
			  "AND seller_key = ?",
			  "ss", l->platform, s->id);
	if (rc)
		return rc;
	rc = td_sql_step(st, q, err);
	if (rc > 0) {
		*id = td_sql_int(st, q, 0);
		st->last_seller_findings = td_sql_int(st, q, 1);
	}
	td_sql_done(st, q);
	if (rc > 0)
		rc = td_sql_exec(st, err,
				 "UPDATE sellers SET name = coalesce(?, name), "
				 "phone = coalesce(?, phone), email = "
				 "coalesce(?, email), address = coalesce(?, "
				 "address), company = coalesce(?, company), "
				 "last_seen = ? WHERE id = ?",
				 "ssssssi", s->name, s->phone, s->email,
				 s->address, s->company, now, *id);
	else if (rc == 0 &&
		 (rc = td_sql_insert(st, id, err,
				     "INSERT INTO sellers (platform, "
				     "seller_key, name, phone, email, address, "
				     "company, first_seen, last_seen) VALUES "
				     "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
				     "sssssssss", l->platform, s->id, s->name,
				     s->phone, s->email, s->address, s->company,
				     now, now)) >= 0)
		rc = rc ? 0 : td_errf(err, TD_EDB, "seller not inserted");
	if (rc == 0) {
		st->last_seller = *id;
		td_buf_addstr(&st->last_seller_key, l->platform);
		td_buf_add(&st->last_seller_key, "", 1);
		td_buf_addstr(&st->last_seller_key, s->id);
	}
	return rc < 0 ? rc : 0;
}

/* 1 if platform/seller_key is the seller seller_put() remembered. */
static int
is_last_seller(struct td_store *st, const char *platform,
	       const char *seller_key)
{
	size_t n = strlen(platform);

	return st->last_seller && st->last_seller_key.len > n &&
	       memcmp(st->last_seller_key.data, platform, n + 1) == 0 &&
	       strcmp(st->last_seller_key.data + n + 1, seller_key) == 0;
}

int
td_store_listing_put(struct td_store *st, int64_t scan_id, const char *source,
		     const struct td_listing *l, const char *content_hash,
		     const char *now, int64_t *id, int *state,
		     struct td_err *err)
{
	struct td_stmt *s;
	char *ships = NULL, *images = NULL;
	char captured[TD_TIME_LEN];
	int64_t seller = 0;
	int rc;

	*id = 0;
	*state = TD_LISTING_NEW;
	st->fresh_listing = 0;
	st->last_listing = 0;
	if ((rc = seller_put(st, l, now, &seller, err)))
		return rc;
	ships = list_json(l->ships_to, l->nships_to);
	images = list_json(l->images, l->nimages);
	if (l->has_captured_at)
		td_time_format(l->captured_at, captured);
	/* Most listings of a scan are new: insert first, and look the
	 * listing up only when it is there already. */
	rc = td_sql_insert(
		st, id, err,
		"INSERT INTO listings (platform, ext_id, url, title, "
		"description, price, currency, seller_id, ship_from, "
		"ships_to, sales, images, captured_at, source, "
		"content_hash, first_seen, last_seen, first_scan_id, "
		"last_scan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, ext_id) DO "
		"NOTHING",
		"sstttpsIstJtsssssii", l->platform, l->id, l->url, l->title,
		l->description, l->has_price, l->price,
		l->currency[0] ? l->currency : NULL, seller,
		l->ship_from[0] ? l->ship_from : NULL, ships, l->sales, images,
		l->has_captured_at ? captured : NULL, source, content_hash, now,
		now, scan_id, scan_id);
	if (rc > 0) {
		st->fresh_listing = *id;
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = td_sql_query(st, &s, err,
			  "SELECT id, content_hash FROM listings WHERE "
			  "platform = ? AND ext_id = ?",
			  "ss", l->platform, l->id);
	if (rc)
		goto out;
	rc = td_sql_step(st, s, err);
	if (rc > 0) {
		*id = td_sql_int(st, s, 0);
		*state = strcmp(td_sql_text(st, s, 1), content_hash) == 0
				 ? TD_LISTING_SAME
				 : TD_LISTING_CHANGED;
		rc = 0;
	} else if (rc == 0) {
		rc = td_errf(err, TD_EDB,
			     "listing %s:%s neither inserted nor "
			     "found",
			     l->platform, l->id);
	}
	td_sql_done(st, s);
	if (rc < 0)
		goto out;
	if (*state == TD_LISTING_SAME)
		rc = td_sql_exec(st, err,
				 "UPDATE listings SET last_seen = ?, "
				 "last_scan_id = ?, source = ? WHERE id = ?",
				 "sisi", now, scan_id, source, *id);
	else
		rc = td_sql_exec(
			st, err,
			"UPDATE listings SET url = ?, title = ?, description = "
			"?, price = ?, currency = ?, seller_id = ?, ship_from "
			"= "
			"?, ships_to = ?, sales = ?, images = ?, captured_at = "
			"?, source = ?, content_hash = ?, last_seen = ?, "
			"last_scan_id = ? WHERE id = ?",
			"ssspsIssJsssssii", l->url, l->title, l->description,
			l->has_price, l->price,
			l->currency[0] ? l->currency : NULL, seller,
			l->ship_from[0] ? l->ship_from : NULL, ships, l->sales,
			images, l->has_captured_at ? captured : NULL, source,
			content_hash, now, scan_id, *id);
out:
	if (rc == 0)
		st->last_listing = *id;
	free(ships);
	free(images);
	return rc < 0 ? rc : 0;
}

int
td_store_seller_findings(struct td_store *st, const char *platform,
			 const char *seller_key, int64_t except, long *n,
			 struct td_err *err)
{
	int64_t v = 0, own = 0;
	int rc;

	*n = 0;
	if (!seller_key)
		return 0;
	/* sellers.findings counts them as they are made, so this stays one
	 * row read however many listings a seller has; the seller of the
	 * listing just put said it already. */
	if (except && except == st->last_listing &&
	    is_last_seller(st, platform, seller_key)) {
		v = st->last_seller_findings;
	} else {
		rc = td_sql_int_query(st, &v, err,
				      "SELECT findings FROM sellers WHERE "
				      "platform = ? AND seller_key = ?",
				      "ss", platform, seller_key);
		if (rc < 0)
			return rc;
	}
	/* A listing inserted just now has no finding of its own. */
	if (except && except != st->fresh_listing) {
		rc = td_sql_int_query(st, &own, err,
				      "SELECT count(*) FROM findings WHERE "
				      "listing_id = ?",
				      "i", except);
		if (rc < 0)
			return rc;
	}
	*n = (long)(v - own);
	return 0;
}

/* --- findings ------------------------------------------------------------ */

int
td_store_finding_keys(struct td_store *st,
		      int (*fn)(void *arg, const char *platform,
				const char *ext_id),
		      void *arg, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT l.platform, l.ext_id FROM findings f JOIN "
			  "listings l ON l.id = f.listing_id",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		rc = fn(arg, td_sql_text(st, s, 0), td_sql_text(st, s, 1));
		if (rc)
			break;
	}
	td_sql_done(st, s);
	return rc;
}

int
td_store_listing_has_finding(struct td_store *st, const char *platform,
			     const char *ext_id, struct td_err *err)
{
	int64_t v = 0;

	return td_sql_int_query(st, &v, err,
				"SELECT 1 FROM listings l JOIN findings f ON "
				"f.listing_id = l.id WHERE l.platform = ? AND "
				"l.ext_id = ?",
				"ss", platform, ext_id);
}

/* Replace a finding's links to rights or products (a new finding has
 * none to delete). */
static int
link_keys(struct td_store *st, int64_t fid, const struct td_strv *keys,
	  int products, int is_new, struct td_err *err)
{
	size_t i;
	int rc = 0;

	if (!is_new)
		rc = td_sql_exec(st, err,
				 products ? "DELETE FROM finding_products "
					    "WHERE finding_id = ?"
					  : "DELETE FROM finding_rights WHERE "
					    "finding_id = ?",
				 "i", fid);
	/* The id, then a one-row insert: an INSERT ... SELECT makes SQLite
	 * keep a statement journal, and costs twice as much. */
	for (i = 0; rc == 0 && i < keys->n; i++) {
		int64_t to = 0;

		rc = td_sql_int_query(st, &to, err,
				      products
					      ? "SELECT id FROM products WHERE "
						"sku = ?"
					      : "SELECT id FROM rights WHERE "
						"key = ?",
				      "s", keys->v[i]);
		if (rc > 0)
			rc = td_sql_exec(
				st, err,
				products ? "INSERT INTO finding_products "
					   "(finding_id, product_id) "
					   "VALUES (?, ?)"
					 : "INSERT INTO finding_rights "
					   "(finding_id, right_id) VALUES "
					   "(?, ?)",
				"ii", fid, to);
	}
	return rc;
}

int
td_store_finding_put(struct td_store *st, int64_t listing_id, int64_t scan_id,
		     const struct td_finding *f, const char *now, int64_t *id,
		     int *is_new, struct td_err *err)
{
	const char *signals = f->signals.len ? f->signals.data : "[]";
	int64_t old = 0;
	int rc;

	/* A listing inserted just now has no finding yet. */
	if (listing_id == st->fresh_listing) {
		rc = 0;
	} else {
		rc = td_sql_int_query(st, &old, err,
				      "SELECT id FROM findings WHERE "
				      "listing_id = ?",
				      "i", listing_id);
		if (rc < 0)
			goto out;
	}
	st->fresh_listing = 0;
	*is_new = rc == 0;
	if (*is_new) {
		rc = td_sql_insert(st, id, err,
				   "INSERT INTO findings (listing_id, score, "
				   "price_ratio, signals, scan_id, created_at, "
				   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				   "idptiss", listing_id, f->score,
				   f->has_price_ratio, f->price_ratio, signals,
				   scan_id, now, now);
		if (rc == 0)
			rc = td_errf(err, TD_EDB, "finding not inserted");
	} else {
		*id = old;
		rc = td_sql_exec(st, err,
				 "UPDATE findings SET score = ?, price_ratio = "
				 "?, signals = ?, scan_id = ?, updated_at = ? "
				 "WHERE id = ?",
				 "dptisi", f->score, f->has_price_ratio,
				 f->price_ratio, signals, scan_id, now, old);
	}
	if (rc < 0)
		goto out;
	rc = 0;
	/* The listing just put named its seller already. */
	if (*is_new && listing_id == st->last_listing) {
		rc = st->last_seller
			     ? td_sql_exec(st, err,
					   "UPDATE sellers SET findings "
					   "= findings + 1 WHERE id = ?",
					   "i", st->last_seller)
			     : 0;
		st->last_seller_findings++;
	} else if (*is_new) {
		rc = td_sql_exec(st, err,
				 "UPDATE sellers SET findings = findings + 1 "
				 "WHERE id = (SELECT seller_id FROM listings "
				 "WHERE id = ?)",
				 "i", listing_id);
	}
	if (rc == 0)
		rc = link_keys(st, *id, &f->rights, 0, *is_new, err);
	if (rc == 0)
		rc = link_keys(st, *id, &f->products, 1, *is_new, err);
out:
	return rc < 0 ? rc : 0;
}

/* --- reading -------------------------------------------------------------- */

#define LISTING_COLS                                                           \
	"l.id, l.platform, l.ext_id, l.url, l.title, l.description, l.price, " \
	"l.currency, s.seller_key, s.name, l.ship_from, l.ships_to, l.sales, " \
	"l.images, l.source, l.first_seen, l.last_seen, l.last_scan_id, "      \
	"l.captured_at, l.gone_at"
#define LISTING_NCOLS 20

static void
read_listing(struct td_store *st, struct td_stmt *s, int c,
	     struct td_listing_row *r)
{
	r->id = td_sql_int(st, s, c + 0);
	r->platform = td_sql_strdup(st, s, c + 1);
	r->ext_id = td_sql_strdup(st, s, c + 2);
	r->url = td_sql_strdup(st, s, c + 3);
	r->title = td_sql_strdup(st, s, c + 4);
	r->description = td_sql_strdup(st, s, c + 5);
	r->has_price = td_sql_text(st, s, c + 6) != NULL;
	r->price = td_sql_double(st, s, c + 6);
	r->currency = td_sql_strdup(st, s, c + 7);
	r->seller_key = td_sql_strdup(st, s, c + 8);
	r->seller_name = td_sql_strdup(st, s, c + 9);
	r->ship_from = td_sql_strdup(st, s, c + 10);
	strv_from_json_text(td_sql_text(st, s, c + 11), &r->ships_to);
	r->sales = td_sql_text(st, s, c + 12) ? td_sql_int(st, s, c + 12) : -1;
	strv_from_json_text(td_sql_text(st, s, c + 13), &r->images);
	r->source = td_sql_strdup(st, s, c + 14);
	r->first_seen = td_sql_strdup(st, s, c + 15);
	r->last_seen = td_sql_strdup(st, s, c + 16);
	r->last_scan_id = td_sql_int(st, s, c + 17);
	r->captured_at = td_sql_strdup(st, s, c + 18);
	r->gone_at = td_sql_strdup(st, s, c + 19);
}

int
td_store_listing_get(struct td_store *st, int64_t id, const char *platform,
		     const char *ext_id, struct td_listing_row *out,
		     struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	if (id)
		rc = td_sql_query(st, &s, err,
				  "SELECT " LISTING_COLS
				  " FROM listings l LEFT "
				  "JOIN sellers s ON s.id = l.seller_id WHERE "
				  "l.id = ?",
				  "i", id);
	else
		rc = td_sql_query(st, &s, err,
				  "SELECT " LISTING_COLS
				  " FROM listings l LEFT "
				  "JOIN sellers s ON s.id = l.seller_id WHERE "
				  "l.platform = ? AND l.ext_id = ?",
				  "ss", platform, ext_id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0) {
		read_listing(st, s, 0, out);
		rc = 0;
	} else if (rc == 0) {
		if (id)
			rc = td_errf(err, TD_ENOTFOUND, "no listing %lld",
				     (long long)id);
		else
			rc = td_errf(err, TD_ENOTFOUND, "no listing %s:%s",
				     platform, ext_id);
	}
	td_sql_done(st, s);
	return rc;
}

static int
finding_links(struct td_store *st, struct td_finding_row *r, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT r.key FROM finding_rights x JOIN rights r ON "
			  "r.id = x.right_id WHERE x.finding_id = ? ORDER BY "
			  "r.key",
			  "i", r->id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		td_strv_push(&r->rights, td_sql_text(st, s, 0));
	td_sql_done(st, s);
	if (rc < 0)
		return rc;
	rc = td_sql_query(st, &s, err,
			  "SELECT p.sku FROM finding_products x JOIN products "
			  "p ON p.id = x.product_id WHERE x.finding_id = ? "
			  "ORDER BY p.sku",
			  "i", r->id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		td_strv_push(&r->products, td_sql_text(st, s, 0));
	td_sql_done(st, s);
	return rc;
}

#define FINDING_COLS                                                           \
	"f.id, f.score, f.price_ratio, f.signals, f.created_at, "              \
	"f.updated_at, " LISTING_COLS

static void
read_finding(struct td_store *st, struct td_stmt *s, struct td_finding_row *r)
{
	const char *sig = td_sql_text(st, s, 3);

	r->id = td_sql_int(st, s, 0);
	r->score = td_sql_double(st, s, 1);
	r->has_price_ratio = td_sql_text(st, s, 2) != NULL;
	r->price_ratio = td_sql_double(st, s, 2);
	r->signals = sig ? json_loads(sig, 0, NULL) : NULL;
	if (!r->signals)
		r->signals = json_array();
	r->created_at = td_sql_strdup(st, s, 4);
	r->updated_at = td_sql_strdup(st, s, 5);
	read_listing(st, s, 6, &r->listing);
}

int
td_store_finding_get(struct td_store *st, int64_t id,
		     struct td_finding_row *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT " FINDING_COLS " FROM findings f JOIN "
			  "listings l ON l.id = f.listing_id LEFT JOIN sellers "
			  "s ON s.id = l.seller_id WHERE f.id = ?",
			  "i", id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		read_finding(st, s, out);
	td_sql_done(st, s);
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no finding %lld",
			       (long long)id);
	if (rc < 0)
		return rc;
	return finding_links(st, out, err);
}

int
td_store_findings_list(struct td_store *st, const struct td_finding_filter *f,
		       struct td_finding_row **out, size_t *n,
		       struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(
		st, &s, err,
		"SELECT " FINDING_COLS " FROM findings f JOIN listings l ON "
		"l.id = f.listing_id LEFT JOIN sellers s ON s.id = l.seller_id "
		"WHERE f.score >= ? AND (? IS NULL OR l.platform = ?) AND (? "
		"IS NULL OR s.seller_key = ?) AND (? IS NULL OR f.updated_at "
		">= ?) AND (? = 0 OR f.scan_id = ?) AND (? IS NULL OR EXISTS "
		"(SELECT 1 FROM finding_rights x JOIN rights r ON r.id = "
		"x.right_id WHERE x.finding_id = f.id AND r.key = ?)) AND (? = "
		"0 OR EXISTS (SELECT 1 FROM case_listings c WHERE c.listing_id "
		"= f.listing_id)) ORDER BY f.score DESC, f.id DESC LIMIT ?",
		"dssssssiissii", f->min_score, f->platform, f->platform,
		f->seller, f->seller, f->since, f->since, f->scan_id,
		f->scan_id, f->right, f->right, (int64_t)f->in_case,
		f->limit ? (int64_t)f->limit : (int64_t)-1);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(*out, *n + 1, alloc);
		memset(&(*out)[*n], 0, sizeof(**out));
		read_finding(st, s, &(*out)[(*n)++]);
	}
	td_sql_done(st, s);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = finding_links(st, &(*out)[i], err);
	if (rc < 0) {
		td_finding_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}
