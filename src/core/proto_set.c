/*
 * Platform protocols: the set of protocols, lookups by key, site and host,
 * and the queries the readiness check and triage use.
 */
#include "core/proto.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

struct td_proto_set *
td_proto_set_new(void)
{
	return td_xcalloc(1, sizeof(struct td_proto_set));
}

void
td_proto_set_free(struct td_proto_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		td_proto_free(set->v[i]);
	free(set->v);
	free(set);
}

/* The protocol and site that already use site key or domain, if any. */
static const struct td_proto_site *
site_clash(const struct td_proto_set *set, const struct td_proto_site *s,
	   const char **what)
{
	size_t i, j, k, d;

	for (i = 0; i < set->n; i++) {
		const struct td_proto *q = set->v[i];

		for (j = 0; j < q->nsites; j++) {
			const struct td_proto_site *t = &q->sites[j];

			if (strcmp(t->key, s->key) == 0) {
				*what = s->key;
				return t;
			}
			for (k = 0; k < t->ndomains; k++)
				for (d = 0; d < s->ndomains; d++)
					if (strcmp(t->domains[k],
						   s->domains[d]) == 0) {
						*what = s->domains[d];
						return t;
					}
		}
	}
	return NULL;
}

/* The protocol of set that uses name as key, alias or site key. */
static const struct td_proto *
name_clash(const struct td_proto_set *set, const char *name)
{
	const struct td_proto *q = td_proto_set_find_name(set, name);
	size_t i, j;

	if (q)
		return q;
	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i]->nsites; j++)
			if (strcmp(set->v[i]->sites[j].key, name) == 0)
				return set->v[i];
	return NULL;
}

int
td_proto_set_add_take(struct td_proto_set *set, struct td_proto *p,
		      struct td_err *err)
{
	const struct td_proto *old = td_proto_set_find_name(set, p->key);
	size_t i, pos;

	if (old) {
		td_errf(err, TD_ECONFLICT,
			"%s: key: '%s' is already a name of %s", p->file,
			p->key, old->file);
		td_proto_free(p);
		return TD_ECONFLICT;
	}
	for (i = 0; i < p->naliases; i++) {
		old = name_clash(set, p->aliases[i]);
		if (!old) {
			size_t j;

			for (j = 0; j < p->nsites; j++)
				if (strcmp(p->sites[j].key, p->aliases[i]) ==
					    0 &&
				    p->nsites > 1)
					old = p;
		}
		if (old) {
			td_errf(err, TD_ECONFLICT,
				"%s: aliases[%zu]: '%s' is already a name "
				"used by %s",
				p->file, i, p->aliases[i], old->file);
			td_proto_free(p);
			return TD_ECONFLICT;
		}
	}
	for (i = 0; i < p->nsites; i++) {
		const char *what = NULL;
		const struct td_proto_site *t =
			site_clash(set, &p->sites[i], &what);

		old = td_proto_set_find_name(set, p->sites[i].key);
		if (!t && old) {
			td_errf(err, TD_ECONFLICT,
				"%s: sites[%zu]: '%s' is already a name of %s",
				p->file, i, p->sites[i].key, old->file);
			td_proto_free(p);
			return TD_ECONFLICT;
		}
		if (t) {
			td_errf(err, TD_ECONFLICT,
				"%s: sites[%zu]: '%s' is already used by site "
				"%s of %s",
				p->file, i, what, t->key, t->proto->file);
			td_proto_free(p);
			return TD_ECONFLICT;
		}
	}
	for (pos = 0; pos < set->n; pos++)
		if (strcmp(set->v[pos]->key, p->key) > 0)
			break;
	TD_GROW(set->v, set->n + 1, set->alloc);
	memmove(set->v + pos + 1, set->v + pos,
		(set->n - pos) * sizeof(*set->v));
	set->v[pos] = p;
	set->n++;
	return 0;
}

struct td_proto_set *
td_proto_set_load_builtin(struct td_err *err)
{
	static const char pre[] = "platforms/";
	struct td_proto_set *set = td_proto_set_new();
	const struct td_builtin *b;
	struct td_buf file = TD_BUF_INIT;

	for (b = td_builtin_data; b->name; b++) {
		size_t n = strlen(b->name);
		struct td_proto *p;

		if (strncmp(b->name, pre, sizeof(pre) - 1) != 0 || n < 5 ||
		    strcmp(b->name + n - 5, ".json") != 0)
			continue;
		td_buf_reset(&file);
		td_buf_addf(&file, "data/%s", b->name);
		p = td_proto_parse(file.data, (const char *)b->data, b->len,
				   err);
		if (!p || td_proto_set_add_take(set, p, err) < 0) {
			td_proto_set_free(set);
			set = NULL;
			break;
		}
	}
	td_buf_release(&file);
	return set;
}

const struct td_proto *
td_proto_set_find(const struct td_proto_set *set, const char *key)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->key, key) == 0)
			return set->v[i];
	return NULL;
}

const struct td_proto *
td_proto_set_find_name(const struct td_proto_set *set, const char *name)
{
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		if (strcmp(set->v[i]->key, name) == 0)
			return set->v[i];
		for (j = 0; j < set->v[i]->naliases; j++)
			if (strcmp(set->v[i]->aliases[j], name) == 0)
				return set->v[i];
	}
	return NULL;
}

int
td_proto_site_named(const struct td_proto_site *site, const char *name)
{
	const struct td_proto *p = site->proto;
	size_t i;

	if (strcmp(site->key, name) == 0 || strcmp(p->key, name) == 0)
		return 1;
	for (i = 0; i < p->naliases; i++)
		if (strcmp(p->aliases[i], name) == 0)
			return 1;
	return 0;
}

const struct td_proto_site *
td_proto_set_find_site(const struct td_proto_set *set, const char *key)
{
	const struct td_proto *p;
	size_t i, j;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i]->nsites; j++)
			if (strcmp(set->v[i]->sites[j].key, key) == 0)
				return &set->v[i]->sites[j];
	p = td_proto_set_find_name(set, key);
	if (p && p->nsites == 1)
		return &p->sites[0];
	return NULL;
}

/* Lower-case host of a URL or bare host, into out. */
static void
url_host(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://");
	size_t n = 0;

	p = p ? p + 3 : url;
	/* Skip user info. */
	{
		const char *at = strchr(p, '@');
		const char *end = p + strcspn(p, "/?#");

		if (at && at < end)
			p = at + 1;
	}
	while (*p && *p != '/' && *p != ':' && *p != '?' && *p != '#' &&
	       n + 1 < size) {
		char c = *p++;

		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (n && out[n - 1] == '.')
		n--;
	out[n] = '\0';
}

const struct td_proto_site *
td_proto_set_find_host(const struct td_proto_set *set, const char *url)
{
	const struct td_proto_site *best = NULL;
	size_t best_len = 0, i, j, k;
	char host[256];
	size_t hl;

	url_host(url, host, sizeof(host));
	hl = strlen(host);
	if (!hl)
		return NULL;
	for (i = 0; i < set->n; i++) {
		for (j = 0; j < set->v[i]->nsites; j++) {
			const struct td_proto_site *s = &set->v[i]->sites[j];

			for (k = 0; k < s->ndomains; k++) {
				const char *d = s->domains[k];
				size_t dl = strlen(d);

				if (dl > hl || dl <= best_len)
					continue;
				if (strcmp(host + hl - dl, d) != 0)
					continue;
				if (dl < hl && host[hl - dl - 1] != '.')
					continue;
				best = s;
				best_len = dl;
			}
		}
	}
	return best;
}

static int
in_list(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

enum td_proto_reg_class
td_proto_classify(const struct td_proto_rules *r, enum td_proto_right_kind kind,
		  const char *registry)
{
	const struct td_proto_right *rt;

	if ((unsigned)kind >= TD_PROTO_NRIGHTS)
		return TD_PROTO_NOT_ACCEPTED;
	rt = &r->right[kind];
	if (!rt->accepted)
		return TD_PROTO_NOT_ACCEPTED;
	if (!registry || !*registry)
		return rt->needs_registration ? TD_PROTO_NOT_ACCEPTED
					      : TD_PROTO_UNREGISTERED;
	if (!rt->any_registry &&
	    !in_list(rt->registries, rt->nregistries, registry))
		return TD_PROTO_NOT_ACCEPTED;
	return in_list(r->home, r->nhome, registry) ? TD_PROTO_HOME
						    : TD_PROTO_FOREIGN;
}

double
td_proto_prior(const struct td_proto_rules *r, enum td_proto_right_kind kind,
	       const char *registry)
{
	enum td_proto_reg_class c = td_proto_classify(r, kind, registry);

	return c == TD_PROTO_NOT_ACCEPTED ? 0.0 : r->right[kind].prior[c];
}

static int
req_applies(const struct td_proto_req *q, const struct td_proto_query *x)
{
	int registered = x->registry && *x->registry;

	if (q->filer >= 0 && q->filer != (int)x->role)
		return 0;
	if (q->holder != TD_PROTO_HOLDER_ANY && q->holder != x->holder)
		return 0;
	if (q->registered >= 0 && q->registered != registered)
		return 0;
	if (q->nregistries &&
	    (!registered ||
	     !in_list(q->registries, q->nregistries, x->registry)))
		return 0;
	/* An unknown application date cannot rule a requirement out. */
	if (q->has_applied_from && x->has_applied &&
	    x->applied < q->applied_from)
		return 0;
	return 1;
}

size_t
td_proto_required_docs(const struct td_proto_rules *r,
		       const struct td_proto_query *q,
		       const struct td_proto_req **out, size_t max)
{
	const struct td_proto_filer *f;
	const struct td_proto_right *rt;
	size_t n = 0, i;

	if ((unsigned)q->role >= TD_PROTO_NROLES ||
	    (unsigned)q->kind >= TD_PROTO_NRIGHTS)
		return 0;
	f = &r->filer[q->role];
	for (i = 0; i < f->nproof; i++)
		if (req_applies(&f->proof[i], q)) {
			if (n < max)
				out[n] = &f->proof[i];
			n++;
		}
	rt = &r->right[q->kind];
	for (i = 0; i < rt->ndocs; i++)
		if (req_applies(&rt->docs[i], q)) {
			if (n < max)
				out[n] = &rt->docs[i];
			n++;
		}
	return n;
}

int
td_proto_window_due(const struct td_proto_window *w, const struct td_cal *cal,
		    int32_t start, int32_t *due, int *missing_year,
		    struct td_err *err)
{
	if (missing_year)
		*missing_year = 0;
	if (!w->known)
		return td_errf(err, TD_ENOTFOUND,
			       "the platform states no such period");
	if (!w->working) {
		*due = start + w->days;
		return 0;
	}
	if (!cal || strcmp(cal->name, w->calendar) != 0)
		return td_errf(err, TD_EINVAL,
			       "this period counts working days of calendar "
			       "%s, not %s",
			       w->calendar, cal ? cal->name : "(none)");
	return td_cal_add(cal, start, w->days, due, missing_year, err);
}
