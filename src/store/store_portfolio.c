/* Portfolio rows: load everything, save a change (upsert by key). */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

/* A JSON array of strings in a text column, to and from a td_strv. */
static void
strv_from_text(const char *text, struct td_strv *out)
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

static char *
strv_to_text(const struct td_strv *sv)
{
	json_t *a = json_array();
	char *s;
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

/* A list of keys from "SELECT key FROM ... WHERE x = ?". */
static int
load_keys(struct td_store *st, const char *sql, int64_t id, struct td_strv *out,
	  struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err, sql, "i", id);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		td_strv_push(out, td_sql_text(st, s, 0));
	td_sql_done(st, s);
	return rc;
}

static int
load_owners(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT id, key, name, name_zh, country, "
			  "business_licence, contact FROM owners ORDER BY key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_owner *o = td_portfolio_add_owner(pf);

		o->id = td_sql_int(st, s, 0);
		o->key = td_sql_strdup(st, s, 1);
		o->name = td_sql_strdup(st, s, 2);
		o->name_zh = td_sql_strdup(st, s, 3);
		o->country = td_sql_strdup(st, s, 4);
		o->business_licence = td_sql_strdup(st, s, 5);
		o->contact = td_sql_strdup(st, s, 6);
	}
	td_sql_done(st, s);
	return rc;
}

static int
load_rights(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	size_t i;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT r.id, r.key, o.key, r.kind, r.title, r.mark, "
			  "r.reg_no, r.jurisdiction, r.classes, r.status, "
			  "r.valid_from, r.valid_to, r.protect_from, "
			  "r.protect_to FROM rights r JOIN owners o ON o.id = "
			  "r.owner_id ORDER BY r.key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_right *r = td_portfolio_add_right(pf);

		r->id = td_sql_int(st, s, 0);
		r->key = td_sql_strdup(st, s, 1);
		r->owner = td_sql_strdup(st, s, 2);
		r->kind = td_right_kind_parse(td_sql_text(st, s, 3));
		r->title = td_sql_strdup(st, s, 4);
		r->mark = td_sql_strdup(st, s, 5);
		r->reg_no = td_sql_strdup(st, s, 6);
		r->jurisdiction = td_sql_strdup(st, s, 7);
		strv_from_text(td_sql_text(st, s, 8), &r->classes);
		r->status = td_right_status_parse(td_sql_text(st, s, 9));
		r->valid_from = td_sql_date(st, s, 10);
		r->valid_to = td_sql_date(st, s, 11);
		r->protect_from = td_sql_date(st, s, 12);
		r->protect_to = td_sql_date(st, s, 13);
	}
	td_sql_done(st, s);
	for (i = 0; rc == 0 && i < pf->nrights; i++) {
		struct td_right *r = &pf->rights[i];

		rc = td_sql_query(st, &s, err,
				  "SELECT text, lang, kind FROM right_terms "
				  "WHERE right_id = ? ORDER BY pos",
				  "i", r->id);
		if (rc)
			return rc;
		while ((rc = td_sql_step(st, s, err)) > 0)
			td_right_add_term(r, td_sql_text(st, s, 0),
					  td_sql_text(st, s, 1),
					  td_sql_text(st, s, 2));
		td_sql_done(st, s);
	}
	return rc;
}

static int
load_partners(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT p.id, p.key, o.key, p.kind, p.name, "
			  "p.location, p.country FROM partners p JOIN owners o "
			  "ON o.id = p.owner_id ORDER BY p.key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_partner *p = td_portfolio_add_partner(pf);

		p->id = td_sql_int(st, s, 0);
		p->key = td_sql_strdup(st, s, 1);
		p->owner = td_sql_strdup(st, s, 2);
		p->kind = td_sql_strdup(st, s, 3);
		p->name = td_sql_strdup(st, s, 4);
		p->location = td_sql_strdup(st, s, 5);
		p->country = td_sql_strdup(st, s, 6);
	}
	td_sql_done(st, s);
	return rc;
}

static int
load_products(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	size_t i;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT p.id, p.sku, o.key, p.name, p.msrp, "
			  "p.currency, p.margin, p.markets, p.planned_markets, "
			  "p.launch_date, p.name_zh FROM products p JOIN "
			  "owners o ON o.id "
			  "= p.owner_id ORDER BY p.sku",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_product *p = td_portfolio_add_product(pf);

		p->id = td_sql_int(st, s, 0);
		p->sku = td_sql_strdup(st, s, 1);
		p->owner = td_sql_strdup(st, s, 2);
		p->name = td_sql_strdup(st, s, 3);
		p->msrp = td_sql_double(st, s, 4);
		p->currency = td_sql_strdup(st, s, 5);
		p->margin = td_sql_double(st, s, 6);
		strv_from_text(td_sql_text(st, s, 7), &p->markets);
		strv_from_text(td_sql_text(st, s, 8), &p->planned);
		p->launch_date = td_sql_date(st, s, 9);
		p->name_zh = td_sql_strdup(st, s, 10);
	}
	td_sql_done(st, s);
	for (i = 0; rc == 0 && i < pf->nproducts; i++) {
		struct td_product *p = &pf->products[i];

		rc = load_keys(st,
			       "SELECT r.key FROM product_rights x JOIN rights "
			       "r ON r.id = x.right_id WHERE x.product_id = ? "
			       "ORDER BY r.key",
			       p->id, &p->rights, err);
		if (rc)
			return rc;
		rc = td_sql_query(st, &s, err,
				  "SELECT i.filename, i.sha256, pa.key FROM "
				  "product_images i LEFT JOIN partners pa ON "
				  "pa.id = i.partner_id WHERE i.product_id = ? "
				  "ORDER BY i.pos",
				  "i", p->id);
		if (rc)
			return rc;
		while ((rc = td_sql_step(st, s, err)) > 0) {
			struct td_photo *im = td_product_add_image(p);

			im->filename = td_sql_strdup(st, s, 0);
			im->sha256 = td_sql_strdup(st, s, 1);
			im->partner = td_sql_strdup(st, s, 2);
		}
		td_sql_done(st, s);
	}
	return rc;
}

static int
load_agents(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT id, key, name, kind, contact FROM agents "
			  "ORDER BY key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_agent *a = td_portfolio_add_agent(pf);

		a->id = td_sql_int(st, s, 0);
		a->key = td_sql_strdup(st, s, 1);
		a->name = td_sql_strdup(st, s, 2);
		a->kind = td_sql_strdup(st, s, 3);
		a->contact = td_sql_strdup(st, s, 4);
	}
	td_sql_done(st, s);
	return rc;
}

static int
load_documents(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	size_t i;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT d.id, d.key, d.kind, o.key, d.title, d.lang, "
			  "d.issued, d.expires, t.key, d.filename, d.sha256, "
			  "d.size FROM documents d LEFT JOIN owners o ON o.id "
			  "= d.owner_id LEFT JOIN documents t ON t.id = "
			  "d.translates_id ORDER BY d.key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_document *d = td_portfolio_add_document(pf);

		d->id = td_sql_int(st, s, 0);
		d->key = td_sql_strdup(st, s, 1);
		d->kind = td_doc_kind_parse(td_sql_text(st, s, 2));
		d->owner = td_sql_strdup(st, s, 3);
		d->title = td_sql_strdup(st, s, 4);
		d->lang = td_sql_strdup(st, s, 5);
		d->issued = td_sql_date(st, s, 6);
		d->expires = td_sql_date(st, s, 7);
		d->translates = td_sql_strdup(st, s, 8);
		d->filename = td_sql_strdup(st, s, 9);
		d->sha256 = td_sql_strdup(st, s, 10);
		d->size = td_sql_int(st, s, 11);
	}
	td_sql_done(st, s);
	for (i = 0; rc == 0 && i < pf->ndocuments; i++)
		rc = load_keys(st,
			       "SELECT r.key FROM document_rights x JOIN "
			       "rights r ON r.id = x.right_id WHERE "
			       "x.document_id = ? ORDER BY r.key",
			       pf->documents[i].id, &pf->documents[i].rights,
			       err);
	return rc;
}

static int
load_auths(struct td_store *st, struct td_portfolio *pf, struct td_err *err)
{
	struct td_stmt *s;
	struct td_strv ids = TD_STRV_INIT;
	size_t i;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT a.id, o.key, g.key, d.key, a.valid_from, "
			  "a.valid_to FROM authorisations a JOIN owners o ON "
			  "o.id = a.owner_id JOIN agents g ON g.id = "
			  "a.agent_id LEFT JOIN documents d ON d.id = "
			  "a.document_id ORDER BY o.key, g.key",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_authorisation *a = td_portfolio_add_auth(pf);

		td_strv_push(&ids, td_sql_text(st, s, 0));
		a->owner = td_sql_strdup(st, s, 1);
		a->agent = td_sql_strdup(st, s, 2);
		a->document = td_sql_strdup(st, s, 3);
		a->valid_from = td_sql_date(st, s, 4);
		a->valid_to = td_sql_date(st, s, 5);
	}
	td_sql_done(st, s);
	for (i = 0; rc == 0 && i < pf->nauths; i++)
		rc = load_keys(st,
			       "SELECT r.key FROM authorisation_rights x JOIN "
			       "rights r ON r.id = x.right_id WHERE "
			       "x.authorisation_id = ? ORDER BY r.key",
			       strtoll(ids.v[i], NULL, 10),
			       &pf->auths[i].rights, err);
	td_strv_release(&ids);
	return rc;
}

static int
load_verifications(struct td_store *st, struct td_portfolio *pf,
		   struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT r.key, v.platform, v.status, v.date FROM "
			  "verifications v JOIN rights r ON r.id = v.right_id "
			  "ORDER BY r.key, v.platform",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_verification *v = td_portfolio_add_verification(pf);

		v->right = td_sql_strdup(st, s, 0);
		v->platform = td_sql_strdup(st, s, 1);
		v->status = td_verify_status_parse(td_sql_text(st, s, 2));
		v->date = td_sql_date(st, s, 3);
	}
	td_sql_done(st, s);
	return rc;
}

int
td_store_portfolio_load(struct td_store *st, struct td_portfolio *out,
			struct td_err *err)
{
	int rc;

	if ((rc = load_owners(st, out, err)) ||
	    (rc = load_partners(st, out, err)) ||
	    (rc = load_rights(st, out, err)) ||
	    (rc = load_products(st, out, err)) ||
	    (rc = load_agents(st, out, err)) ||
	    (rc = load_documents(st, out, err)) ||
	    (rc = load_auths(st, out, err)) ||
	    (rc = load_verifications(st, out, err)))
		return rc;
	return 0;
}

/* --- save ---------------------------------------------------------------- */

/* The id of the row with key in a table, via its "SELECT id" sql. */
static int
id_of(struct td_store *st, const char *sql, const char *what, const char *key,
      int64_t *id, struct td_err *err)
{
	int rc;

	if (!key) {
		*id = 0;
		return 0;
	}
	rc = td_sql_int_query(st, id, err, sql, "s", key);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return td_errf(err, TD_ENOTFOUND, "no %s '%s'", what, key);
	return 0;
}

#define OWNER_ID(key, id)                                                      \
	id_of(st, "SELECT id FROM owners WHERE key = ?", "owner", key, id, err)
#define RIGHT_ID(key, id)                                                      \
	id_of(st, "SELECT id FROM rights WHERE key = ?", "right", key, id, err)
#define PARTNER_ID(key, id)                                                    \
	id_of(st, "SELECT id FROM partners WHERE key = ?", "partner", key, id, \
	      err)
#define AGENT_ID(key, id)                                                      \
	id_of(st, "SELECT id FROM agents WHERE key = ?", "agent", key, id, err)
#define DOC_ID(key, id)                                                        \
	id_of(st, "SELECT id FROM documents WHERE key = ?", "document", key,   \
	      id, err)

static int
save_owner(struct td_store *st, const struct td_owner *o, struct td_err *err)
{
	return td_sql_exec(st, err,
			   "INSERT INTO owners (key, name, name_zh, country, "
			   "business_licence, contact) VALUES (?, ?, ?, ?, ?, "
			   "?) ON CONFLICT (key) DO UPDATE SET name = "
			   "excluded.name, name_zh = excluded.name_zh, country "
			   "= excluded.country, business_licence = "
			   "excluded.business_licence, contact = "
			   "excluded.contact",
			   "ssssss", o->key, o->name, o->name_zh, o->country,
			   o->business_licence, o->contact);
}

static int
save_partner(struct td_store *st, const struct td_partner *p,
	     struct td_err *err)
{
	int64_t owner;
	int rc = OWNER_ID(p->owner, &owner);

	if (rc)
		return rc;
	return td_sql_exec(st, err,
			   "INSERT INTO partners (key, owner_id, kind, name, "
			   "location, country) VALUES (?, ?, ?, ?, ?, ?) ON "
			   "CONFLICT (key) DO UPDATE SET owner_id = "
			   "excluded.owner_id, kind = excluded.kind, name = "
			   "excluded.name, location = excluded.location, "
			   "country = excluded.country",
			   "sissss", p->key, owner, p->kind, p->name,
			   p->location, p->country);
}

static int
save_right(struct td_store *st, const struct td_right *r, struct td_err *err)
{
	int64_t owner, id = 0;
	char *classes;
	size_t i;
	int rc = OWNER_ID(r->owner, &owner);

	if (rc)
		return rc;
	classes = strv_to_text(&r->classes);
	rc = td_sql_int_query(
		st, &id, err,
		"INSERT INTO rights (key, owner_id, kind, title, mark, reg_no, "
		"jurisdiction, classes, status, valid_from, valid_to, "
		"protect_from, protect_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET owner_id = "
		"excluded.owner_id, kind = excluded.kind, title = "
		"excluded.title, mark = excluded.mark, reg_no = "
		"excluded.reg_no, jurisdiction = excluded.jurisdiction, "
		"classes "
		"= excluded.classes, status = excluded.status, valid_from = "
		"excluded.valid_from, valid_to = excluded.valid_to, "
		"protect_from = excluded.protect_from, protect_to = "
		"excluded.protect_to RETURNING id",
		"sisssssssDDDD", r->key, owner, td_right_kind_name(r->kind),
		r->title, r->mark, r->reg_no, r->jurisdiction, classes,
		td_right_status_name(r->status), r->valid_from, r->valid_to,
		r->protect_from, r->protect_to);
	free(classes);
	if (rc < 0)
		return rc;
	rc = td_sql_exec(st, err, "DELETE FROM right_terms WHERE right_id = ?",
			 "i", id);
	for (i = 0; rc == 0 && i < r->nterms; i++)
		rc = td_sql_exec(st, err,
				 "INSERT INTO right_terms (right_id, pos, "
				 "text, lang, kind) VALUES (?, ?, ?, ?, ?)",
				 "iisss", id, (int64_t)i, r->terms[i].text,
				 r->terms[i].lang, r->terms[i].kind);
	return rc;
}

static int
save_product(struct td_store *st, const struct td_product *p,
	     struct td_err *err)
{
	int64_t owner, id = 0;
	char *markets, *planned;
	size_t i;
	int rc = OWNER_ID(p->owner, &owner);

	if (rc)
		return rc;
	markets = strv_to_text(&p->markets);
	planned = strv_to_text(&p->planned);
	rc = td_sql_int_query(
		st, &id, err,
		"INSERT INTO products (sku, owner_id, name, msrp, currency, "
		"margin, markets, planned_markets, launch_date, name_zh) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sku) DO "
		"UPDATE SET owner_id = excluded.owner_id, name = "
		"excluded.name, "
		"name_zh = excluded.name_zh, msrp = "
		"excluded.msrp, currency = excluded.currency, margin = "
		"excluded.margin, markets = excluded.markets, planned_markets "
		"= "
		"excluded.planned_markets, launch_date = excluded.launch_date "
		"RETURNING id",
		"sisdsdssDs", p->sku, owner, p->name, p->msrp, p->currency,
		p->margin, markets, planned, p->launch_date, p->name_zh);
	free(markets);
	free(planned);
	if (rc < 0)
		return rc;
	rc = td_sql_exec(st, err,
			 "DELETE FROM product_rights WHERE product_id = ?", "i",
			 id);
	for (i = 0; rc == 0 && i < p->rights.n; i++) {
		int64_t rid;

		rc = RIGHT_ID(p->rights.v[i], &rid);
		if (rc == 0)
			rc = td_sql_exec(st, err,
					 "INSERT INTO product_rights "
					 "(product_id, right_id) VALUES (?, ?) "
					 "ON CONFLICT DO NOTHING",
					 "ii", id, rid);
	}
	if (rc == 0)
		rc = td_sql_exec(st, err,
				 "DELETE FROM product_images WHERE product_id "
				 "= ?",
				 "i", id);
	for (i = 0; rc == 0 && i < p->nimages; i++) {
		const struct td_photo *im = &p->images[i];
		int64_t pid = 0;
		const char *name = im->filename;

		if (!name && im->path)
			name = strrchr(im->path, '/')
				       ? strrchr(im->path, '/') + 1
				       : im->path;
		if (!name)
			name = im->sha256;
		if (!im->sha256)
			return td_errf(err, TD_ERROR,
				       "product %s: image %s was not stored",
				       p->sku, name);
		rc = PARTNER_ID(im->partner, &pid);
		if (rc == 0)
			rc = td_sql_exec(st, err,
					 "INSERT INTO product_images "
					 "(product_id, pos, filename, sha256, "
					 "partner_id) VALUES (?, ?, ?, ?, ?)",
					 "iissI", id, (int64_t)i, name,
					 im->sha256, pid);
	}
	return rc;
}

static int
save_agent(struct td_store *st, const struct td_agent *a, struct td_err *err)
{
	return td_sql_exec(st, err,
			   "INSERT INTO agents (key, name, kind, contact) "
			   "VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE "
			   "SET name = excluded.name, kind = excluded.kind, "
			   "contact = excluded.contact",
			   "ssss", a->key, a->name,
			   a->kind ? a->kind : "law_firm", a->contact);
}

static int
save_document(struct td_store *st, const struct td_document *d,
	      struct td_err *err)
{
	int64_t owner = 0, id = 0;
	const char *name;
	size_t i;
	int rc = OWNER_ID(d->owner, &owner);

	if (rc)
		return rc;
	if (!d->sha256)
		return td_errf(err, TD_ERROR,
			       "document %s: its file was not stored", d->key);
	name = d->filename;
	if (!name && d->path)
		name = strrchr(d->path, '/') ? strrchr(d->path, '/') + 1
					     : d->path;
	if (!name)
		name = d->sha256;
	rc = td_sql_int_query(
		st, &id, err,
		"INSERT INTO documents (key, kind, owner_id, title, lang, "
		"issued, expires, filename, sha256, size) VALUES (?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET kind = "
		"excluded.kind, owner_id = excluded.owner_id, title = "
		"excluded.title, lang = excluded.lang, issued = "
		"excluded.issued, "
		"expires = excluded.expires, filename = excluded.filename, "
		"sha256 = excluded.sha256, size = excluded.size RETURNING id",
		"ssIssDDssi", d->key, td_doc_kind_name(d->kind), owner,
		d->title, d->lang, d->issued, d->expires, name, d->sha256,
		d->size);
	if (rc < 0)
		return rc;
	rc = td_sql_exec(st, err,
			 "DELETE FROM document_rights WHERE document_id = ?",
			 "i", id);
	for (i = 0; rc == 0 && i < d->rights.n; i++) {
		int64_t rid;

		rc = RIGHT_ID(d->rights.v[i], &rid);
		if (rc == 0)
			rc = td_sql_exec(
				st, err,
				"INSERT INTO document_rights "
				"(document_id, right_id) VALUES (?, ?) "
				"ON CONFLICT DO NOTHING",
				"ii", id, rid);
	}
	return rc;
}

/* Second pass: translations may point at documents saved after them. */
static int
save_translates(struct td_store *st, const struct td_document *d,
		struct td_err *err)
{
	int64_t tid = 0;
	int rc = DOC_ID(d->translates, &tid);

	if (rc)
		return rc;
	if (tid)
		return td_sql_exec(st, err,
				   "UPDATE documents SET translates_id = ? "
				   "WHERE key = ?",
				   "is", tid, d->key);
	return td_sql_exec(st, err,
			   "UPDATE documents SET translates_id = NULL WHERE "
			   "key = ?",
			   "s", d->key);
}

static int
save_auth(struct td_store *st, const struct td_authorisation *a,
	  struct td_err *err)
{
	int64_t owner, agent, doc = 0, id = 0;
	size_t i;
	int rc;

	if ((rc = OWNER_ID(a->owner, &owner)) ||
	    (rc = AGENT_ID(a->agent, &agent)) ||
	    (rc = DOC_ID(a->document, &doc)))
		return rc;
	rc = td_sql_int_query(
		st, &id, err,
		"INSERT INTO authorisations (owner_id, agent_id, document_id, "
		"valid_from, valid_to) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
		"(owner_id, agent_id) DO UPDATE SET document_id = "
		"excluded.document_id, valid_from = excluded.valid_from, "
		"valid_to = excluded.valid_to RETURNING id",
		"iiIDD", owner, agent, doc, a->valid_from, a->valid_to);
	if (rc < 0)
		return rc;
	rc = td_sql_exec(st, err,
			 "DELETE FROM authorisation_rights WHERE "
			 "authorisation_id = ?",
			 "i", id);
	for (i = 0; rc == 0 && i < a->rights.n; i++) {
		int64_t rid;

		rc = RIGHT_ID(a->rights.v[i], &rid);
		if (rc == 0)
			rc = td_sql_exec(st, err,
					 "INSERT INTO authorisation_rights "
					 "(authorisation_id, right_id) VALUES "
					 "(?, ?) ON CONFLICT DO NOTHING",
					 "ii", id, rid);
	}
	return rc;
}

static int
save_verification(struct td_store *st, const struct td_verification *v,
		  struct td_err *err)
{
	int64_t rid;
	int rc = RIGHT_ID(v->right, &rid);

	if (rc)
		return rc;
	return td_sql_exec(st, err,
			   "INSERT INTO verifications (right_id, platform, "
			   "status, date) VALUES (?, ?, ?, ?) ON CONFLICT "
			   "(right_id, platform) DO UPDATE SET status = "
			   "excluded.status, date = excluded.date",
			   "issD", rid, v->platform,
			   td_verify_status_name(v->status), v->date);
}

int
td_store_portfolio_save(struct td_store *st, const struct td_portfolio *chg,
			struct td_err *err)
{
	size_t i;
	int rc = 0;

	if (!td_store_in_tx(st))
		return td_errf(err, TD_ERROR,
			       "portfolio save needs a transaction");
#define SAVE(arr, n, fn)                                                       \
	for (i = 0; rc == 0 && i < (n); i++)                                   \
	rc = fn(st, &(arr)[i], err)
	SAVE(chg->owners, chg->nowners, save_owner);
	SAVE(chg->partners, chg->npartners, save_partner);
	SAVE(chg->rights, chg->nrights, save_right);
	SAVE(chg->products, chg->nproducts, save_product);
	SAVE(chg->agents, chg->nagents, save_agent);
	SAVE(chg->documents, chg->ndocuments, save_document);
	SAVE(chg->documents, chg->ndocuments, save_translates);
	SAVE(chg->auths, chg->nauths, save_auth);
	SAVE(chg->verifications, chg->nverifications, save_verification);
#undef SAVE
	return rc;
}
