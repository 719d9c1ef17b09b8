/* Reading seller networks: members, links and their evidence. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/banned.h"

void
td_network_row_release(struct td_network_row *r)
{
	size_t i, j;

	if (!r)
		return;
	free(r->key);
	free(r->created_at);
	free(r->updated_at);
	for (i = 0; i < r->n_members; i++) {
		struct td_network_member *m = &r->members[i];

		free(m->platform);
		free(m->seller_key);
		free(m->name);
		free(m->address);
		free(m->country);
	}
	free(r->members);
	for (i = 0; i < r->n_links; i++) {
		struct td_network_link *l = &r->links[i];

		for (j = 0; j < l->n_ev; j++) {
			free(l->ev[j].key);
			free(l->ev[j].raw_a);
			free(l->ev[j].raw_b);
		}
		free(l->ev);
		free(l->a);
		free(l->b);
	}
	free(r->links);
	td_strv_release(&r->platforms);
	memset(r, 0, sizeof(*r));
}

void
td_network_rows_free(struct td_network_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		td_network_row_release(&rows[i]);
	free(rows);
}

static int
cmp_link(const void *a, const void *b)
{
	const struct td_network_link *x = a, *y = b;
	int c = strcmp(x->a, y->a);

	return c ? c : strcmp(x->b, y->b);
}

static int
members(struct td_store *st, struct td_network_row *r, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0, i;
	int rc;

	rc = td_sql_query(
		st, &s, err,
		"SELECT s.id, s.platform, s.seller_key, s.name, s.address, "
		"(SELECT ship_from FROM listings WHERE seller_id = s.id AND "
		"ship_from IS NOT NULL ORDER BY last_seen DESC, id DESC LIMIT "
		"1), (SELECT count(*) FROM listings WHERE seller_id = s.id), "
		"(SELECT count(*) FROM listings WHERE seller_id = s.id AND "
		"gone_at IS NULL), (SELECT count(*) FROM findings f JOIN "
		"listings l ON l.id = f.listing_id WHERE l.seller_id = s.id) "
		"FROM sellers s WHERE s.network = ? ORDER BY s.platform || "
		"':' || s.seller_key",
		"s", r->key);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_network_member *m;

		TD_GROW(r->members, r->n_members + 1, alloc);
		m = &r->members[r->n_members++];
		m->id = td_sql_int(st, s, 0);
		m->platform = td_sql_strdup(st, s, 1);
		m->seller_key = td_sql_strdup(st, s, 2);
		m->name = td_sql_strdup(st, s, 3);
		m->address = td_sql_strdup(st, s, 4);
		m->country = td_sql_strdup(st, s, 5);
		m->listings = (long)td_sql_int(st, s, 6);
		m->live = (long)td_sql_int(st, s, 7);
		m->findings = (long)td_sql_int(st, s, 8);
	}
	td_sql_done(st, s);
	for (i = 0; i < r->n_members; i++) {
		const struct td_network_member *m = &r->members[i];
		size_t k;

		r->listings += m->listings;
		r->live += m->live;
		r->findings += m->findings;
		for (k = 0; k < r->platforms.n; k++)
			if (strcmp(r->platforms.v[k], m->platform) == 0)
				break;
		if (k == r->platforms.n)
			td_strv_push(&r->platforms, m->platform);
	}
	td_strv_sort(&r->platforms);
	return rc < 0 ? rc : 0;
}

static int
links(struct td_store *st, struct td_network_row *r, struct td_err *err)
{
	struct td_stmt *s;
	int64_t(*ids)[2] = NULL;
	size_t alloc = 0, ids_alloc = 0, i;
	int rc;

	rc = td_sql_query(
		st, &s, err,
		"SELECT x.platform || ':' || x.seller_key, y.platform || ':' "
		"|| y.seller_key, k.strength, k.a, k.b FROM seller_links k "
		"JOIN sellers x ON x.id = k.a JOIN sellers y ON y.id = k.b "
		"WHERE x.network = ? AND y.network = ?",
		"ss", r->key, r->key);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_network_link *l;

		TD_GROW(r->links, r->n_links + 1, alloc);
		TD_GROW(ids, r->n_links + 1, ids_alloc);
		ids[r->n_links][0] = td_sql_int(st, s, 3);
		ids[r->n_links][1] = td_sql_int(st, s, 4);
		l = &r->links[r->n_links++];
		memset(l, 0, sizeof(*l));
		l->a = td_sql_strdup(st, s, 0);
		l->b = td_sql_strdup(st, s, 1);
		l->strength = td_sql_double(st, s, 2);
	}
	td_sql_done(st, s);
	for (i = 0; i < r->n_links && rc >= 0; i++) {
		struct td_network_link *l = &r->links[i];
		int swap = strcmp(l->a, l->b) > 0;
		size_t ealloc = 0;

		if (swap) { /* the smaller key first, as the library does */
			char *t = l->a;

			l->a = l->b;
			l->b = t;
		}
		rc = td_sql_query(st, &s, err,
				  "SELECT kind, key, raw_a, raw_b, strength "
				  "FROM link_evidence WHERE a = ? AND b = ? "
				  "ORDER BY pos",
				  "ii", ids[i][0], ids[i][1]);
		if (rc)
			break;
		while ((rc = td_sql_step(st, s, err)) > 0) {
			struct td_net_link_ev *e;
			enum td_net_kind kind = TD_NET_PHONE;

			TD_GROW(l->ev, l->n_ev + 1, ealloc);
			e = &l->ev[l->n_ev++];
			td_net_kind_parse(td_sql_text(st, s, 0), &kind);
			e->kind = kind;
			e->key = td_sql_strdup(st, s, 1);
			e->raw_a = td_sql_strdup(st, s, swap ? 3 : 2);
			e->raw_b = td_sql_strdup(st, s, swap ? 2 : 3);
			e->strength = td_sql_double(st, s, 4);
		}
		td_sql_done(st, s);
	}
	free(ids);
	if (rc >= 0 && r->n_links > 1)
		qsort(r->links, r->n_links, sizeof(*r->links), cmp_link);
	return rc < 0 ? rc : 0;
}

static void
one(struct td_store *st, struct td_stmt *s, struct td_network_row *r)
{
	memset(r, 0, sizeof(*r));
	r->key = td_sql_strdup(st, s, 0);
	r->created_at = td_sql_strdup(st, s, 1);
	r->updated_at = td_sql_strdup(st, s, 2);
}

static int
cmp_size(const void *a, const void *b)
{
	const struct td_network_row *x = a, *y = b;

	if (x->n_members != y->n_members)
		return x->n_members > y->n_members ? -1 : 1;
	return strcmp(x->key, y->key);
}

int
td_store_networks_list(struct td_store *st, struct td_network_row **out,
		       size_t *n, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT key, created_at, updated_at FROM networks "
			  "ORDER BY key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		TD_GROW(*out, *n + 1, alloc);
		one(st, s, &(*out)[(*n)++]);
	}
	td_sql_done(st, s);
	for (i = 0; rc >= 0 && i < *n; i++)
		rc = members(st, &(*out)[i], err);
	if (rc < 0) {
		td_network_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_size);
	return 0;
}

int
td_store_network_get(struct td_store *st, const char *key,
		     struct td_network_row *out, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = td_sql_query(st, &s, err,
			  "SELECT key, created_at, updated_at FROM networks "
			  "WHERE key = ?",
			  "s", key);
	if (rc)
		return rc;
	rc = td_sql_step(st, s, err);
	if (rc > 0)
		one(st, s, out);
	td_sql_done(st, s);
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no network %s", key);
	if (rc < 0)
		return rc;
	rc = members(st, out, err);
	if (rc == 0)
		rc = links(st, out, err);
	if (rc < 0)
		td_network_row_release(out);
	return rc;
}

int
td_store_seller_networks(struct td_store *st, struct td_strv *sellers,
			 struct td_strv *networks, struct td_err *err)
{
	struct td_stmt *s;
	struct td_buf k = TD_BUF_INIT;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT platform, seller_key, network FROM sellers "
			  "WHERE network IS NOT NULL ORDER BY id",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		td_buf_reset(&k);
		td_buf_addf(&k, "%s\x1f%s", td_sql_text(st, s, 0),
			    td_sql_text(st, s, 1));
		td_strv_push(sellers, k.data);
		td_strv_push(networks, td_sql_text(st, s, 2));
	}
	td_sql_done(st, s);
	td_buf_release(&k);
	return rc < 0 ? rc : 0;
}
