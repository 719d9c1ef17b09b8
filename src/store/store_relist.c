/*
 * Removals confirmed by later scans, and relistings: a new listing that
 * matches a removed one. The matching itself is src/core/monitor.c.
 */
#include "store/store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

int
td_store_listings_gone(struct td_store *st, const char *source, int64_t scan_id,
		       const char *now, long *gone, long *back,
		       struct td_err *err)
{
	int rc;

	*gone = *back = 0;
	rc = td_sql_exec(st, err,
			 "UPDATE listings SET gone_at = NULL, gone_scan_id = "
			 "NULL WHERE last_scan_id = ? AND gone_at IS NOT NULL",
			 "i", scan_id);
	if (rc)
		return rc;
	*back = (long)st->ops->changes(st);
	rc = td_sql_exec(st, err,
			 "UPDATE listings SET gone_at = ?, gone_scan_id = ? "
			 "WHERE source = ? AND last_scan_id <> ? AND gone_at "
			 "IS NULL",
			 "sisi", now, scan_id, source, scan_id);
	if (rc)
		return rc;
	*gone = (long)st->ops->changes(st);
	return 0;
}

/* --- fingerprints --------------------------------------------------------- */

void
td_listing_fps_free(struct td_listing_fp *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].platform);
		free(v[i].ext_id);
		free(v[i].network);
		free(v[i].title);
		free(v[i].description);
		free(v[i].first_seen);
		free(v[i].last_seen);
		free(v[i].gone_at);
		td_strv_release(&v[i].products);
		td_strv_release(&v[i].rights);
		td_strv_release(&v[i].photos);
	}
	free(v);
}

static int
fp_lists(struct td_store *st, struct td_listing_fp *fp, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	if (fp->finding_id) {
		rc = td_sql_query(st, &s, err,
				  "SELECT p.sku FROM finding_products x JOIN "
				  "products p ON p.id = x.product_id WHERE "
				  "x.finding_id = ? ORDER BY p.sku",
				  "i", fp->finding_id);
		if (rc)
			return rc;
		while ((rc = td_sql_step(st, s, err)) > 0)
			td_strv_push(&fp->products, td_sql_text(st, s, 0));
		td_sql_done(st, s);
		if (rc < 0)
			return rc;
		rc = td_sql_query(st, &s, err,
				  "SELECT r.key FROM finding_rights x JOIN "
				  "rights r ON r.id = x.right_id WHERE "
				  "x.finding_id = ? ORDER BY r.key",
				  "i", fp->finding_id);
		if (rc)
			return rc;
		while ((rc = td_sql_step(st, s, err)) > 0)
			td_strv_push(&fp->rights, td_sql_text(st, s, 0));
		td_sql_done(st, s);
		if (rc < 0)
			return rc;
	}
	rc = td_sql_query(st, &s, err,
			  "SELECT pdq FROM listing_photos WHERE listing_id = ? "
			  "AND official = 0 ORDER BY pos",
			  "i", fp->id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		td_strv_push(&fp->photos, td_sql_text(st, s, 0));
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

#define FP_COLS                                                                \
	"l.id, coalesce(f.id, 0), l.platform, l.ext_id, "                      \
	"coalesce(l.seller_id, "                                               \
	"0), s.network, l.title, l.description, l.first_seen, l.gone_at, "     \
	"l.last_seen "

int
td_store_listing_fps(struct td_store *st, int64_t scan_id,
		     struct td_listing_fp **out, size_t *n, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (scan_id)
		rc = td_sql_query(
			st, &s, err,
			"SELECT " FP_COLS "FROM listings l JOIN findings f ON "
			"f.listing_id = l.id LEFT JOIN sellers s ON "
			"s.id = l.seller_id WHERE l.first_scan_id = ? "
			"AND l.gone_at IS NULL AND NOT EXISTS (SELECT "
			"1 FROM relists r WHERE r.listing_id = l.id) "
			"ORDER BY l.id",
			"i", scan_id);
	else
		rc = td_sql_query(st, &s, err,
				  "SELECT " FP_COLS
				  "FROM listings l LEFT JOIN findings f ON "
				  "f.listing_id = l.id LEFT JOIN sellers s ON "
				  "s.id = l.seller_id WHERE l.gone_at IS NOT "
				  "NULL ORDER BY l.id",
				  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_listing_fp *fp;

		TD_GROW(*out, *n + 1, alloc);
		fp = &(*out)[(*n)++];
		memset(fp, 0, sizeof(*fp));
		fp->id = td_sql_int(st, s, 0);
		fp->finding_id = td_sql_int(st, s, 1);
		fp->platform = td_sql_strdup(st, s, 2);
		fp->ext_id = td_sql_strdup(st, s, 3);
		fp->seller_id = td_sql_int(st, s, 4);
		fp->network = td_sql_strdup(st, s, 5);
		fp->title = td_sql_strdup(st, s, 6);
		fp->description = td_sql_strdup(st, s, 7);
		fp->first_seen = td_sql_strdup(st, s, 8);
		fp->gone_at = td_sql_strdup(st, s, 9);
		fp->last_seen = td_sql_strdup(st, s, 10);
	}
	td_sql_done(st, s);
	for (i = 0; rc >= 0 && i < *n; i++)
		rc = fp_lists(st, &(*out)[i], err);
	if (rc < 0) {
		td_listing_fps_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

/* --- relistings ------------------------------------------------------------
 */

void
td_relist_row_release(struct td_relist_row *r)
{
	if (!r)
		return;
	free(r->platform);
	free(r->ext_id);
	free(r->earlier_platform);
	free(r->earlier_ext_id);
	free(r->seller);
	free(r->network);
	free(r->matched_by);
	free(r->evidence);
	free(r->gone_at);
	free(r->found_at);
	memset(r, 0, sizeof(*r));
}

void
td_relist_rows_free(struct td_relist_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		td_relist_row_release(&v[i]);
	free(v);
}

#define RELIST_COLS                                                            \
	"r.listing_id, r.earlier_id, coalesce(f.id, 0), coalesce(g.id, 0), "   \
	"coalesce((SELECT c.case_id FROM case_listings c JOIN cases k ON "     \
	"k.id = c.case_id WHERE c.listing_id = r.earlier_id ORDER BY k.state " \
	"NOT IN ('draft', 'ready', 'withdrawn') DESC, c.case_id DESC LIMIT "   \
	"1), 0), l.platform, l.ext_id, "                                       \
	"e.platform, e.ext_id, s.seller_key, s.network, r.matched_by, "        \
	"r.evidence, r.gone_at, r.found_at, r.days FROM relists r JOIN "       \
	"listings l ON l.id = r.listing_id JOIN listings e ON e.id = "         \
	"r.earlier_id LEFT JOIN findings f ON f.listing_id = l.id LEFT JOIN "  \
	"findings g ON g.listing_id = e.id LEFT JOIN sellers s ON s.id = "     \
	"l.seller_id "

static void
read_relist(struct td_store *st, struct td_stmt *s, struct td_relist_row *r)
{
	r->listing_id = td_sql_int(st, s, 0);
	r->earlier_id = td_sql_int(st, s, 1);
	r->finding_id = td_sql_int(st, s, 2);
	r->earlier_finding = td_sql_int(st, s, 3);
	r->earlier_case = td_sql_int(st, s, 4);
	r->platform = td_sql_strdup(st, s, 5);
	r->ext_id = td_sql_strdup(st, s, 6);
	r->earlier_platform = td_sql_strdup(st, s, 7);
	r->earlier_ext_id = td_sql_strdup(st, s, 8);
	r->seller = td_sql_strdup(st, s, 9);
	r->network = td_sql_strdup(st, s, 10);
	r->matched_by = td_sql_strdup(st, s, 11);
	r->evidence = td_sql_strdup(st, s, 12);
	r->gone_at = td_sql_strdup(st, s, 13);
	r->found_at = td_sql_strdup(st, s, 14);
	r->days = td_sql_double(st, s, 15);
}

int
td_store_relist_of(struct td_store *st, int64_t listing_id,
		   struct td_relist_row *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = td_sql_query(st, &s, err,
			  "SELECT " RELIST_COLS "WHERE r.listing_id = ?", "i",
			  listing_id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		read_relist(st, s, out);
	td_sql_done(st, s);
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND,
			       "listing %lld relists no earlier listing",
			       (long long)listing_id);
	return rc < 0 ? rc : 0;
}

int
td_store_relists_list(struct td_store *st, const char *since,
		      struct td_relist_row **out, size_t *n, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT " RELIST_COLS
			  "WHERE (? IS NULL OR r.found_at >= ?) ORDER BY "
			  "r.found_at DESC, r.listing_id DESC",
			  "ss", since, since);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(*out, *n + 1, alloc);
		memset(&(*out)[*n], 0, sizeof(**out));
		read_relist(st, s, &(*out)[(*n)++]);
	}
	td_sql_done(st, s);
	if (rc < 0) {
		td_relist_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

/* The relist signal of r, as docs/scoring.md gives it. */
static json_t *
relist_signal(const struct td_relist_row *r)
{
	json_t *j = json_object();
	char earlier[512];

	snprintf(earlier, sizeof(earlier), "%s:%s",
		 r->earlier_platform ? r->earlier_platform : "?",
		 r->earlier_ext_id ? r->earlier_ext_id : "?");
	json_object_set_new(j, "kind", json_string("relist"));
	json_object_set_new(j, "earlier", json_string(earlier));
	json_object_set_new(j, "earlier_listing", json_integer(r->earlier_id));
	json_object_set_new(j, "earlier_finding",
			    r->earlier_finding
				    ? json_integer(r->earlier_finding)
				    : json_null());
	json_object_set_new(j, "case",
			    r->earlier_case ? json_integer(r->earlier_case)
					    : json_null());
	json_object_set_new(j, "matched_by", json_string(r->matched_by));
	json_object_set_new(j, "evidence",
			    r->evidence ? json_string(r->evidence)
					: json_null());
	json_object_set_new(j, "gone_at", json_string(r->gone_at));
	json_object_set_new(j, "days", json_real(r->days));
	json_object_set_new(j, "contribution", json_real(0));
	return j;
}

/* Add the relist signal to the finding of r->listing_id unless it has
 * one naming the same earlier listing. */
static int
add_signal(struct td_store *st, const struct td_relist_row *r,
	   struct td_err *err)
{
	struct td_stmt *s;
	json_t *sig = NULL, *e;
	char *text = NULL;
	int64_t fid = 0;
	size_t i;
	int rc, has = 0;

	rc = td_sql_query(st, &s, err,
			  "SELECT id, signals FROM findings WHERE listing_id = "
			  "?",
			  "i", r->listing_id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0) {
		const char *t = td_sql_text(st, s, 1);

		fid = td_sql_int(st, s, 0);
		sig = t ? json_loads(t, 0, NULL) : NULL;
	}
	td_sql_done(st, s);
	if (rc <= 0)
		return rc;
	if (!json_is_array(sig)) {
		json_decref(sig);
		sig = json_array();
	}
	json_array_foreach(sig, i, e)
	{
		json_t *k = json_object_get(e, "kind");
		json_t *x = json_object_get(e, "earlier_listing");

		if (json_is_string(k) &&
		    strcmp(json_string_value(k), "relist") == 0 &&
		    json_integer_value(x) == r->earlier_id)
			has = 1;
	}
	if (!has) {
		json_array_append_new(sig, relist_signal(r));
		text = json_dumps(sig, JSON_COMPACT);
		rc = td_sql_exec(st, err,
				 "UPDATE findings SET signals = ? WHERE id = ?",
				 "si", text, fid);
	}
	free(text);
	json_decref(sig);
	return rc;
}

int
td_store_relist_put(struct td_store *st, const struct td_relist_row *r,
		    struct td_err *err)
{
	struct td_relist_row full;
	int rc;

	rc = td_sql_exec(st, err,
			 "INSERT INTO relists (listing_id, earlier_id, "
			 "matched_by, evidence, gone_at, found_at, days) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
			 "(listing_id) DO NOTHING",
			 "iissssd", r->listing_id, r->earlier_id, r->matched_by,
			 r->evidence, r->gone_at, r->found_at, r->days);
	if (rc)
		return rc;
	rc = td_store_relist_of(st, r->listing_id, &full, err);
	if (rc == 0)
		rc = add_signal(st, &full, err);
	td_relist_row_release(&full);
	return rc;
}

int
td_store_relist_signals(struct td_store *st, int64_t scan_id,
			struct td_err *err)
{
	struct td_relist_row *v = NULL;
	struct td_stmt *s;
	size_t n = 0, alloc = 0, i;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT " RELIST_COLS "WHERE f.scan_id = ?", "i",
			  scan_id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(v, n + 1, alloc);
		memset(&v[n], 0, sizeof(*v));
		read_relist(st, s, &v[n++]);
	}
	td_sql_done(st, s);
	for (i = 0; rc >= 0 && i < n; i++)
		rc = add_signal(st, &v[i], err);
	td_relist_rows_free(v, n);
	return rc < 0 ? rc : 0;
}

/* --- figures ------------------------------------------------------------- */

void
td_relist_stats_free(struct td_relist_stat *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].group);
	free(v);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct td_relist_stat *
group_of(struct td_relist_stat **v, size_t *n, size_t *alloc, const char *g)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].group, g) == 0)
			return &(*v)[i];
	TD_GROW(*v, *n + 1, *alloc);
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].group = td_xstrdup(g);
	return &(*v)[(*n)++];
}

int
td_store_relist_stats(struct td_store *st, int by_network,
		      struct td_relist_stat **out, size_t *n,
		      struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0, i, j;
	double **days = NULL;
	size_t *nd = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	/* removals confirmed: gone now, or gone once and relisted since */
	rc = td_sql_query(
		st, &s, err,
		by_network ? "SELECT s.network, count(*) FROM listings l "
			     "JOIN sellers s ON s.id = l.seller_id "
			     "WHERE s.network IS NOT NULL AND (l.gone_at "
			     "IS NOT NULL OR l.id IN (SELECT earlier_id "
			     "FROM relists)) GROUP BY s.network ORDER BY "
			     "s.network"
			   : "SELECT l.platform, count(*) FROM listings l "
			     "WHERE l.gone_at IS NOT NULL OR l.id IN "
			     "(SELECT earlier_id FROM relists) GROUP BY "
			     "l.platform ORDER BY l.platform",
		NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		group_of(out, n, &alloc, td_sql_text(st, s, 0))->gone =
			(long)td_sql_int(st, s, 1);
	td_sql_done(st, s);
	if (rc < 0)
		goto out;
	days = td_xcalloc(*n ? *n : 1, sizeof(*days));
	nd = td_xcalloc(*n ? *n : 1, sizeof(*nd));
	/* relistings, each earlier listing once (its first relisting) */
	rc = td_sql_query(
		st, &s, err,
		by_network ? "SELECT s.network, min(r.days) FROM relists "
			     "r JOIN listings e ON e.id = r.earlier_id "
			     "JOIN sellers s ON s.id = e.seller_id WHERE "
			     "s.network IS NOT NULL GROUP BY "
			     "r.earlier_id, s.network"
			   : "SELECT e.platform, min(r.days) FROM relists "
			     "r JOIN listings e ON e.id = r.earlier_id "
			     "GROUP BY r.earlier_id, e.platform",
		NULL);
	if (rc)
		goto out;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		const char *g = td_sql_text(st, s, 0);

		for (i = 0; i < *n; i++)
			if (strcmp((*out)[i].group, g) == 0)
				break;
		if (i == *n)
			continue;
		(*out)[i].relisted++;
		days[i] = td_xrealloc(days[i], (nd[i] + 1) * sizeof(**days));
		days[i][nd[i]++] = td_sql_double(st, s, 1);
	}
	td_sql_done(st, s);
	for (i = 0; i < *n; i++) {
		struct td_relist_stat *g = &(*out)[i];
		double sum = 0;

		g->rate = g->gone ? (double)g->relisted / (double)g->gone : 0;
		g->mean_days = g->median_days = NAN;
		if (!nd[i])
			continue;
		qsort(days[i], nd[i], sizeof(**days), cmp_double);
		for (j = 0; j < nd[i]; j++)
			sum += days[i][j];
		g->mean_days = sum / (double)nd[i];
		g->median_days = nd[i] % 2 ? days[i][nd[i] / 2]
					   : (days[i][nd[i] / 2 - 1] +
					      days[i][nd[i] / 2]) /
						     2;
	}
out:
	if (days)
		for (i = 0; i < *n; i++)
			free(days[i]);
	free(days);
	free(nd);
	if (rc < 0) {
		td_relist_stats_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}
