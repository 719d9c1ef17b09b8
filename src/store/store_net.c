/*
 * Listing photos and seller networks: the evidence each seller holds, the
 * LSH buckets of its texts and shop name, the links between sellers with
 * their evidence, and network membership. The refresh that keeps them up
 * to date is src/core/monitor_net.c.
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

/* --- id lists ------------------------------------------------------------ */

void
td_ids_add(struct td_ids *ids, int64_t id)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (ids->v[i] == id)
			return;
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	ids->v[ids->n++] = id;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

void
td_ids_sort(struct td_ids *ids)
{
	size_t i, k = 0;

	if (ids->n < 2)
		return;
	qsort(ids->v, ids->n, sizeof(*ids->v), cmp_id);
	for (i = 0; i < ids->n; i++)
		if (k == 0 || ids->v[k - 1] != ids->v[i])
			ids->v[k++] = ids->v[i];
	ids->n = k;
}

int
td_ids_has(const struct td_ids *ids, int64_t id)
{
	return ids->n &&
	       bsearch(&id, ids->v, ids->n, sizeof(*ids->v), cmp_id) != NULL;
}

void
td_ids_release(struct td_ids *ids)
{
	if (!ids)
		return;
	free(ids->v);
	memset(ids, 0, sizeof(*ids));
}

/* Append without the duplicate check: the callers sort afterwards. */
static void
ids_push(struct td_ids *ids, int64_t id)
{
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	ids->v[ids->n++] = id;
}

/* --- photos ----------------------------------------------------------------
 */

int
td_store_listing_photos_put(struct td_store *st, int64_t listing_id,
			    const struct td_listing_photo *v, size_t n,
			    struct td_err *err)
{
	size_t i;
	int rc;

	rc = td_sql_exec(st, err,
			 "DELETE FROM listing_photos WHERE listing_id = ?", "i",
			 listing_id);
	for (i = 0; rc == 0 && i < n; i++)
		rc = td_sql_exec(st, err,
				 "INSERT INTO listing_photos (listing_id, pos, "
				 "path, pdq, quality, official) VALUES (?, ?, "
				 "?, ?, ?, ?)",
				 "iissJb", listing_id, (int64_t)i, v[i].path,
				 v[i].pdq, (int64_t)v[i].quality,
				 v[i].official);
	return rc;
}

int
td_store_net_photos(struct td_store *st, struct td_photo_row **out, size_t *n,
		    struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT l.seller_id, p.listing_id, p.pos, p.pdq FROM "
			  "listing_photos p JOIN listings l ON l.id = "
			  "p.listing_id WHERE p.official = 0 AND l.seller_id "
			  "IS NOT NULL ORDER BY p.listing_id, p.pos",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_photo_row *r;
		const char *h = td_sql_text(st, s, 3);

		if (!h || strlen(h) != 64)
			continue;
		TD_GROW(*out, *n + 1, alloc);
		r = &(*out)[(*n)++];
		r->seller_id = td_sql_int(st, s, 0);
		r->listing_id = td_sql_int(st, s, 1);
		r->pos = (int)td_sql_int(st, s, 2);
		memcpy(r->pdq, h, 65);
	}
	td_sql_done(st, s);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}

/* --- a seller's data ------------------------------------------------------ */

void
td_seller_data_release(struct td_seller_data *d)
{
	size_t i;

	if (!d)
		return;
	free(d->platform);
	free(d->seller_key);
	free(d->name);
	free(d->phone);
	free(d->email);
	free(d->address);
	free(d->company);
	free(d->country);
	free(d->network);
	for (i = 0; i < d->ntexts; i++) {
		free(d->texts[i].title);
		free(d->texts[i].description);
	}
	free(d->texts);
	free(d->photos);
	memset(d, 0, sizeof(*d));
}

int
td_store_seller_data(struct td_store *st, int64_t id,
		     struct td_seller_data *out, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = td_sql_query(st, &s, err,
			  "SELECT platform, seller_key, name, phone, email, "
			  "address, company, network, (SELECT ship_from FROM "
			  "listings WHERE seller_id = sellers.id AND ship_from "
			  "IS NOT NULL ORDER BY last_seen DESC, id DESC LIMIT "
			  "1) FROM sellers WHERE id = ?",
			  "i", id);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0) {
		out->id = id;
		out->platform = td_sql_strdup(st, s, 0);
		out->seller_key = td_sql_strdup(st, s, 1);
		out->name = td_sql_strdup(st, s, 2);
		out->phone = td_sql_strdup(st, s, 3);
		out->email = td_sql_strdup(st, s, 4);
		out->address = td_sql_strdup(st, s, 5);
		out->company = td_sql_strdup(st, s, 6);
		out->network = td_sql_strdup(st, s, 7);
		out->country = td_sql_strdup(st, s, 8);
	}
	td_sql_done(st, s);
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no seller %lld",
			       (long long)id);
	if (rc < 0)
		return rc;
	rc = td_sql_query(st, &s, err,
			  "SELECT id, title, description, net_hash IS NOT "
			  "content_hash FROM listings WHERE seller_id = ? "
			  "ORDER BY id",
			  "i", id);
	if (rc)
		goto fail;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_seller_text *t;

		TD_GROW(out->texts, out->ntexts + 1, alloc);
		t = &out->texts[out->ntexts++];
		t->listing_id = td_sql_int(st, s, 0);
		t->title = td_sql_strdup(st, s, 1);
		t->description = td_sql_strdup(st, s, 2);
		t->dirty = td_sql_int(st, s, 3) != 0;
	}
	td_sql_done(st, s);
	if (rc < 0)
		goto fail;
	alloc = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT p.listing_id, p.pos, p.pdq, l.net_hash IS "
			  "NOT l.content_hash FROM listing_photos p JOIN "
			  "listings l ON l.id = p.listing_id WHERE "
			  "l.seller_id = ? AND p.official = 0 ORDER BY "
			  "p.listing_id, p.pos",
			  "i", id);
	if (rc)
		goto fail;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_seller_photo *p;
		const char *h = td_sql_text(st, s, 2);

		if (!h || strlen(h) != 64)
			continue;
		TD_GROW(out->photos, out->nphotos + 1, alloc);
		p = &out->photos[out->nphotos++];
		p->listing_id = td_sql_int(st, s, 0);
		p->pos = (int)td_sql_int(st, s, 1);
		memcpy(p->pdq, h, 65);
		p->dirty = td_sql_int(st, s, 3) != 0;
	}
	td_sql_done(st, s);
	if (rc >= 0)
		return 0;
fail:
	td_seller_data_release(out);
	return rc;
}

char *
td_store_seller_shop(struct td_store *st, int64_t id, struct td_err *err)
{
	struct td_stmt *s;
	char *name = NULL;

	if (td_sql_query(st, &s, err, "SELECT name FROM sellers WHERE id = ?",
			 "i", id) < 0)
		return NULL;
	if (td_sql_step(st, s, err) > 0)
		name = td_sql_strdup(st, s, 0);
	td_sql_done(st, s);
	return name;
}

char *
td_store_seller_network(struct td_store *st, int64_t id, struct td_err *err)
{
	struct td_stmt *s;
	char *key = NULL;

	if (td_sql_query(st, &s, err,
			 "SELECT network FROM sellers WHERE id = ?", "i",
			 id) < 0)
		return NULL;
	if (td_sql_step(st, s, err) > 0)
		key = td_sql_strdup(st, s, 0);
	td_sql_done(st, s);
	return key;
}

char *
td_store_seller_name_key(struct td_store *st, int64_t id, struct td_err *err)
{
	struct td_stmt *s;
	char *key = NULL;

	if (td_sql_query(st, &s, err,
			 "SELECT platform || ':' || seller_key FROM sellers "
			 "WHERE id = ?",
			 "i", id) < 0)
		return NULL;
	if (td_sql_step(st, s, err) > 0)
		key = td_sql_strdup(st, s, 0);
	td_sql_done(st, s);
	return key;
}

/* --- dirty sellers ---------------------------------------------------------
 */

int
td_store_net_dirty(struct td_store *st, struct td_ids *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT DISTINCT seller_id FROM listings WHERE "
			  "net_hash IS NOT content_hash AND seller_id IS NOT "
			  "NULL",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(out, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	td_ids_sort(out);
	return rc < 0 ? rc : 0;
}

int
td_store_sellers_all(struct td_store *st, struct td_ids *out,
		     struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err, "SELECT id FROM sellers ORDER BY id",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(out, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

int
td_store_net_clean(struct td_store *st, int64_t id, struct td_err *err)
{
	return td_sql_exec(st, err,
			   "UPDATE listings SET net_hash = content_hash WHERE "
			   "seller_id = ? AND net_hash IS NOT content_hash",
			   "i", id);
}

/* --- evidence and buckets ------------------------------------------------- */

int
td_store_seller_evidence_put(struct td_store *st, int64_t id,
			     const struct td_store_evidence *v, size_t n,
			     struct td_err *err)
{
	size_t i;
	int rc;

	rc = td_sql_exec(st, err,
			 "DELETE FROM seller_evidence WHERE seller_id = ?", "i",
			 id);
	for (i = 0; rc == 0 && i < n; i++)
		rc = td_sql_exec(st, err,
				 "INSERT INTO seller_evidence (seller_id, key, "
				 "kind, raw) VALUES (?, ?, ?, ?) ON CONFLICT "
				 "DO NOTHING",
				 "isss", id, v[i].key, v[i].kind, v[i].raw);
	return rc;
}

int
td_store_seller_keys(struct td_store *st, int64_t id, struct td_strv *keys,
		     struct td_strv *kinds, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT key, kind FROM seller_evidence WHERE "
			  "seller_id = ? ORDER BY key",
			  "i", id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		td_strv_push(keys, td_sql_text(st, s, 0));
		td_strv_push(kinds, td_sql_text(st, s, 1));
	}
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

int
td_store_network_members(struct td_store *st, const char *key,
			 struct td_ids *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT id FROM sellers WHERE network = ?", "s", key);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(out, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

/* The sellers a query returns, up to max + 1 of them (0: all): *count
 * is how many were read, more than max meaning "too many". */
static int
holders(struct td_store *st, const char *sql, const char *skey, int64_t ikey,
	size_t max, struct td_ids *out, size_t *count, struct td_err *err)
{
	struct td_stmt *s;
	size_t start = out->n;
	int64_t limit = max ? (int64_t)max + 1 : -1;
	int rc;

	rc = skey ? td_sql_query(st, &s, err, sql, "si", skey, limit)
		  : td_sql_query(st, &s, err, sql, "ii", ikey, limit);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(out, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	*count = out->n - start;
	if (max && *count > max)
		out->n = start;
	return rc < 0 ? rc : 0;
}

int
td_store_key_holders(struct td_store *st, const char *key, size_t max,
		     struct td_ids *out, size_t *count, struct td_err *err)
{
	return holders(st,
		       "SELECT seller_id FROM seller_evidence WHERE key = ? "
		       "LIMIT ?",
		       key, 0, max, out, count, err);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int
td_store_net_buckets_put(struct td_store *st, int64_t id,
			 const int64_t *buckets, size_t n, struct td_err *err)
{
	struct td_ids old = TD_IDS_INIT;
	struct td_stmt *s;
	int64_t *want = NULL;
	size_t i = 0, j = 0, k;
	int rc;

	/* Write only the difference: a seller with many listings keeps
	 * most of its buckets when one listing changes. */
	rc = td_sql_query(st, &s, err,
			  "SELECT bucket FROM net_buckets WHERE seller_id = ? "
			  "ORDER BY bucket",
			  "i", id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(&old, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	if (rc < 0)
		goto out;
	want = td_xmalloc((n ? n : 1) * sizeof(*want));
	for (k = 0; k < n; k++)
		want[k] = buckets[k];
	if (n > 1)
		qsort(want, n, sizeof(*want), cmp_i64);
	rc = 0;
	while (rc == 0 && (i < old.n || j < n)) {
		if (j < n && j > 0 && want[j] == want[j - 1]) {
			j++;
		} else if (j == n || (i < old.n && old.v[i] < want[j])) {
			rc = td_sql_exec(st, err,
					 "DELETE FROM net_buckets WHERE bucket "
					 "= ? AND seller_id = ?",
					 "ii", old.v[i++], id);
		} else if (i == old.n || want[j] < old.v[i]) {
			rc = td_sql_exec(st, err,
					 "INSERT INTO net_buckets (bucket, "
					 "seller_id) VALUES (?, ?)",
					 "ii", want[j++], id);
		} else {
			i++;
			j++;
		}
	}
out:
	free(want);
	td_ids_release(&old);
	return rc;
}

int
td_store_bucket_sellers(struct td_store *st, int64_t bucket, size_t max,
			struct td_ids *out, size_t *count, struct td_err *err)
{
	return holders(
		st,
		"SELECT seller_id FROM net_buckets WHERE bucket = ? LIMIT "
		"?",
		NULL, bucket, max, out, count, err);
}

/* --- links -----------------------------------------------------------------
 */

int
td_store_seller_neighbours(struct td_store *st, int64_t id, struct td_ids *out,
			   struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT b FROM seller_links WHERE a = ? UNION "
			  "SELECT a FROM seller_links WHERE b = ?",
			  "ii", id, id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		ids_push(out, td_sql_int(st, s, 0));
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

int
td_store_key_links(struct td_store *st, const char *key, struct td_ids *out,
		   struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT a, b FROM link_evidence WHERE key = ?", "s",
			  key);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		ids_push(out, td_sql_int(st, s, 0));
		ids_push(out, td_sql_int(st, s, 1));
	}
	td_sql_done(st, s);
	return rc < 0 ? rc : 0;
}

int
td_store_links_replace(struct td_store *st, const struct td_ids *region,
		       const struct td_store_link *links, size_t n,
		       const char *now, struct td_err *err)
{
	struct td_ids nb = TD_IDS_INIT;
	size_t i, j;
	int rc = 0;

	for (i = 0; rc == 0 && i < region->n; i++) {
		int64_t a = region->v[i];

		nb.n = 0;
		rc = td_store_seller_neighbours(st, a, &nb, err);
		for (j = 0; rc == 0 && j < nb.n; j++) {
			int64_t b = nb.v[j];

			/* each pair once, from its smaller end */
			if (b < a || !td_ids_has(region, b))
				continue;
			rc = td_sql_exec(st, err,
					 "DELETE FROM seller_links WHERE a = ? "
					 "AND b = ?",
					 "ii", a, b);
		}
	}
	for (i = 0; rc == 0 && i < n; i++) {
		const struct td_store_link *l = &links[i];
		int64_t a = l->a < l->b ? l->a : l->b;
		int64_t b = l->a < l->b ? l->b : l->a;
		int swap = l->a > l->b;

		rc = td_sql_exec(st, err,
				 "INSERT INTO seller_links (a, b, strength, "
				 "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT "
				 "(a, b) DO UPDATE SET strength = "
				 "excluded.strength, updated_at = "
				 "excluded.updated_at",
				 "iids", a, b, l->strength, now);
		if (rc == 0)
			rc = td_sql_exec(st, err,
					 "DELETE FROM link_evidence WHERE a = "
					 "? AND b = ?",
					 "ii", a, b);
		for (j = 0; rc == 0 && j < l->n_ev; j++) {
			const struct td_net_link_ev *e = &l->ev[j];

			rc = td_sql_exec(
				st, err,
				"INSERT INTO link_evidence (a, b, pos, kind, "
				"key, raw_a, raw_b, strength) VALUES (?, ?, "
				"?, ?, ?, ?, ?, ?)",
				"iiissssd", a, b, (int64_t)j,
				td_net_kind_name(e->kind), e->key,
				swap ? e->raw_b : e->raw_a,
				swap ? e->raw_a : e->raw_b, e->strength);
		}
	}
	td_ids_release(&nb);
	return rc;
}

/* --- networks --------------------------------------------------------------
 */

int
td_store_network_set(struct td_store *st, const char *key,
		     const struct td_ids *members, const char *now,
		     int *changed, struct td_err *err)
{
	size_t i;
	int64_t old = 0;
	int rc, moved = 0;

	if (changed)
		*changed = 0;
	if (members->n < 2) {
		for (i = 0, rc = 0; rc == 0 && i < members->n; i++)
			rc = td_sql_exec(st, err,
					 "UPDATE sellers SET network = NULL "
					 "WHERE id = ?",
					 "i", members->v[i]);
		return rc;
	}
	rc = td_sql_int_query(st, &old, err,
			      "SELECT members FROM networks WHERE key = ?", "s",
			      key);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		rc = td_sql_exec(st, err,
				 "INSERT INTO networks (key, members, "
				 "created_at, updated_at) VALUES (?, ?, ?, ?)",
				 "siss", key, (int64_t)members->n, now, now);
		moved = 1;
	} else {
		rc = 0;
	}
	for (i = 0; rc == 0 && i < members->n; i++) {
		rc = td_sql_exec(st, err,
				 "UPDATE sellers SET network = ? WHERE id = ? "
				 "AND network IS NOT ?",
				 "sis", key, members->v[i], key);
		if (rc == 0 && st->ops->changes(st) > 0)
			moved = 1;
	}
	if (old && old != (int64_t)members->n)
		moved = 1;
	if (rc == 0 && moved)
		rc = td_sql_exec(st, err,
				 "UPDATE networks SET members = ?, updated_at "
				 "= ? WHERE key = ?",
				 "iss", (int64_t)members->n, now, key);
	if (changed)
		*changed = moved;
	return rc;
}

int
td_store_networks_prune(struct td_store *st, struct td_err *err)
{
	return td_sql_exec(st, err,
			   "DELETE FROM networks WHERE key NOT IN (SELECT "
			   "network FROM sellers WHERE network IS NOT NULL)",
			   NULL);
}
