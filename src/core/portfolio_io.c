#include "core/portfolio_io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

const char *
td_section_name(int sec)
{
	static const char *const names[] = {
		"owners", "rights",    "products",       "partners",
		"agents", "documents", "authorisations", "verifications",
	};

	return sec >= 0 && sec < TD_SEC_COUNT ? names[sec] : "?";
}

static int field_err(struct td_err *err, const char *file, const char *section,
		     size_t i, const char *field, int code, const char *fmt,
		     ...) __attribute__((format(printf, 7, 8)));

static int
field_err(struct td_err *err, const char *file, const char *section, size_t i,
	  const char *field, int code, const char *fmt, ...)
{
	char reason[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!file)
		return td_errf(err, code, "%s", reason);
	return td_errf(err, code, "%s: %s[%zu].%s: %s", file, section, i, field,
		       reason);
}

/* Hash the file a document or photo names; fill sha256 and size. */
static int
hash_source(const char *path, char **sha256, int64_t *size, const char *file,
	    const char *section, size_t i, const char *field,
	    struct td_err *err)
{
	char hex[TD_SHA256_HEX];
	uint64_t n = 0;
	struct td_err e = TD_ERR_INIT;
	int rc;

	rc = td_sha256_file(path, hex, &n, &e);
	if (rc == TD_ENOTFOUND)
		return field_err(err, file, section, i, field, TD_EINVAL,
				 "%s: no such file", path);
	if (rc)
		return field_err(err, file, section, i, field, rc, "%s", e.msg);
	if (*sha256 && strcmp(*sha256, hex) != 0)
		return field_err(err, file, section, i, "sha256", TD_EINVAL,
				 "%s has SHA-256 %.12s..., not the %.12s... "
				 "given: the file changed since it was listed",
				 path, hex, *sha256);
	free(*sha256);
	*sha256 = td_xstrdup(hex);
	if (size)
		*size = (int64_t)n;
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Fill hashes of every file the change names, or take them from what is
 * stored when the change does not name a file. */
static int
hash_files(const struct td_portfolio *cur, struct td_portfolio *chg,
	   const char *file, struct td_err *err)
{
	size_t i, j;
	int rc;

	for (i = 0; i < chg->ndocuments; i++) {
		struct td_document *d = &chg->documents[i];
		const struct td_document *old =
			cur ? td_portfolio_document(cur, d->key) : NULL;

		if (d->path) {
			rc = hash_source(d->path, &d->sha256, &d->size, file,
					 "documents", i, "path", err);
			if (rc)
				return rc;
			if (!d->filename)
				d->filename = td_xstrdup(base_name(d->path));
		} else if (old) {
			free(d->sha256);
			d->sha256 = td_xstrdup(old->sha256);
			d->size = old->size;
			if (!d->filename)
				d->filename = td_xstrdup_or_null(old->filename);
		} else {
			return field_err(err, file, "documents", i, "path",
					 TD_EINVAL,
					 "a new document needs its file");
		}
	}
	for (i = 0; i < chg->nproducts; i++) {
		struct td_product *p = &chg->products[i];

		for (j = 0; j < p->nimages; j++) {
			char field[48];
			struct td_photo *im = &p->images[j];

			snprintf(field, sizeof(field), "images[%zu].path", j);
			if (!im->path && im->sha256)
				continue; /* kept from the store */
			if (!im->path)
				return field_err(err, file, "products", i,
						 field, TD_EINVAL,
						 "a new photo needs its file");
			rc = hash_source(im->path, &im->sha256, NULL, file,
					 "products", i, field, err);
			if (rc)
				return rc;
			if (!im->filename)
				im->filename = td_xstrdup(base_name(im->path));
		}
	}
	return 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Make an entity's JSON comparable: no source paths, and lists of right
 * keys (sets, stored in key order) sorted. */
static void
canon(json_t *o)
{
	json_t *imgs = json_object_get(o, "images");
	json_t *rights = json_object_get(o, "rights");
	size_t i, n = json_array_size(rights);
	json_t *e;

	json_object_del(o, "path");
	json_array_foreach(imgs, i, e) json_object_del(e, "path");
	if (n > 1) {
		const char **v = td_xmalloc(n * sizeof(*v));
		json_t *sorted = json_array();

		for (i = 0; i < n; i++)
			v[i] = json_string_value(json_array_get(rights, i));
		qsort(v, n, sizeof(*v), str_cmp);
		for (i = 0; i < n; i++)
			json_array_append_new(sorted, json_string(v[i]));
		free(v);
		json_object_set_new(o, "rights", sorted);
	}
}

/* Compare two entities by their JSON form (see canon). */
static int
same(json_t *a, json_t *b)
{
	int r;

	canon(a);
	canon(b);
	r = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return r;
}

static void
count(struct td_apply_stats *st, int sec, int existed, int unchanged)
{
	if (!existed)
		st->added[sec]++;
	else if (unchanged)
		st->unchanged[sec]++;
	else
		st->updated[sec]++;
}

static void
diff(const struct td_portfolio *cur, const struct td_portfolio *chg,
     struct td_apply_stats *st)
{
	size_t i, j;

#define DIFF(sec, arr, n, find, field, tojson)                                 \
	for (i = 0; i < (n); i++) {                                            \
		const void *old_ = find(cur, (arr)[i].field);                  \
		count(st, sec, old_ != NULL,                                   \
		      old_ && same(tojson(old_), tojson(&(arr)[i])));          \
	}
	DIFF(TD_SEC_OWNERS, chg->owners, chg->nowners, td_portfolio_owner, key,
	     td_owner_to_json)
	DIFF(TD_SEC_RIGHTS, chg->rights, chg->nrights, td_portfolio_right, key,
	     td_right_to_json)
	DIFF(TD_SEC_PRODUCTS, chg->products, chg->nproducts,
	     td_portfolio_product, sku, td_product_to_json)
	DIFF(TD_SEC_PARTNERS, chg->partners, chg->npartners,
	     td_portfolio_partner, key, td_partner_to_json)
	DIFF(TD_SEC_AGENTS, chg->agents, chg->nagents, td_portfolio_agent, key,
	     td_agent_to_json)
	DIFF(TD_SEC_DOCUMENTS, chg->documents, chg->ndocuments,
	     td_portfolio_document, key, td_document_to_json)
#undef DIFF
	for (i = 0; i < chg->nauths; i++) {
		const struct td_authorisation *a = &chg->auths[i];
		const struct td_authorisation *old = NULL;

		for (j = 0; j < cur->nauths; j++)
			if (strcmp(cur->auths[j].owner, a->owner) == 0 &&
			    strcmp(cur->auths[j].agent, a->agent) == 0)
				old = &cur->auths[j];
		count(st, TD_SEC_AUTHS, old != NULL,
		      old && same(td_authorisation_to_json(old),
				  td_authorisation_to_json(a)));
	}
	for (i = 0; i < chg->nverifications; i++) {
		const struct td_verification *v = &chg->verifications[i];
		const struct td_verification *old = NULL;

		for (j = 0; j < cur->nverifications; j++)
			if (strcmp(cur->verifications[j].right, v->right) ==
				    0 &&
			    strcmp(cur->verifications[j].platform,
				   v->platform) == 0)
				old = &cur->verifications[j];
		count(st, TD_SEC_VERIFICATIONS, old != NULL,
		      old && same(td_verification_to_json(old),
				  td_verification_to_json(v)));
	}
}

/* Copy a source file into the store; it must still hash as before. A
 * stored copy that is intact is kept; a changed one is replaced. Returns
 * 1 if the file was copied, 0 if it was there already. */
static int
store_file(struct td_ws *ws, const char *path, const char *sha256,
	   struct td_err *err)
{
	char hex[TD_SHA256_HEX];
	uint64_t n;
	int rc;

	if (td_blob_verify(ws->files, sha256, NULL) == 0)
		return 0;
	rc = td_blob_put(ws->files, path, hex, &n, err);
	if (rc)
		return rc;
	if (strcmp(hex, sha256) != 0)
		return td_errf(err, TD_ECONFLICT,
			       "%s changed while it was being stored", path);
	return 1;
}

int
td_portfolio_apply(struct td_ws *ws, struct td_portfolio *chg, const char *file,
		   int dry_run, struct td_apply_stats *stats,
		   struct td_err *err)
{
	struct td_portfolio cur = TD_PORTFOLIO_INIT;
	size_t i, j;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = td_store_portfolio_load(ws->store, &cur, err);
	if (rc)
		goto out;
	rc = td_portfolio_validate(&cur, chg, file, err);
	if (rc)
		goto out;
	rc = hash_files(&cur, chg, file, err);
	if (rc)
		goto out;
	diff(&cur, chg, stats);
	if (dry_run)
		goto out;
	for (i = 0; rc == 0 && i < chg->ndocuments; i++) {
		const struct td_document *d = &chg->documents[i];

		if (d->path &&
		    (rc = store_file(ws, d->path, d->sha256, err)) > 0) {
			stats->files++;
			rc = 0;
		}
	}
	for (i = 0; rc == 0 && i < chg->nproducts; i++)
		for (j = 0; rc == 0 && j < chg->products[i].nimages; j++) {
			const struct td_photo *im = &chg->products[i].images[j];

			if (im->path &&
			    (rc = store_file(ws, im->path, im->sha256, err)) >
				    0) {
				stats->files++;
				rc = 0;
			}
		}
	if (rc == 0)
		rc = td_store_portfolio_save(ws->store, chg, err);
out:
	td_portfolio_release(&cur);
	return rc;
}

int
td_ws_file_verify(struct td_ws *ws, const char *sha256, struct td_err *err)
{
	return td_blob_verify(ws->files, sha256, err);
}

/* Copy a stored file out, checking its hash again as it is copied. */
static int
copy_out(struct td_ws *ws, const char *sha256, const char *dst,
	 struct td_err *err)
{
	struct td_buf src = TD_BUF_INIT;
	char buf[65536];
	FILE *in = NULL, *out = NULL;
	size_t n;
	int rc;

	rc = td_blob_verify(ws->files, sha256, err);
	if (rc)
		return rc;
	td_blob_path(ws->files, sha256, &src);
	in = fopen(src.data, "rb");
	out = fopen(dst, "wb");
	if (!in || !out) {
		rc = td_errf(err, TD_EIO, "%s: %s", in ? dst : src.data,
			     strerror(errno));
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = td_errf(err, TD_EIO, "%s: %s", dst,
				     strerror(errno));
			goto out;
		}
	if (ferror(in))
		rc = td_errf(err, TD_EIO, "%s: read error", src.data);
out:
	if (in)
		fclose(in);
	if (out && fclose(out) != 0 && rc == 0)
		rc = td_errf(err, TD_EIO, "%s: %s", dst, strerror(errno));
	td_buf_release(&src);
	return rc;
}

/* Point path at the stored file, or copy it to out_dir/files/. */
static int
export_file(struct td_ws *ws, const char *out_dir, const char *sha256,
	    const char *filename, char **path, struct td_err *err)
{
	struct td_buf b = TD_BUF_INIT;
	int rc;

	free(*path);
	*path = NULL;
	if (!out_dir) {
		rc = td_blob_verify(ws->files, sha256, err);
		if (rc == 0) {
			char *abs;

			td_blob_path(ws->files, sha256, &b);
			abs = realpath(b.data, NULL);
			*path = abs ? abs : td_buf_detach(&b, NULL);
		}
		td_buf_release(&b);
		return rc;
	}
	td_buf_addf(&b, "%s/files", out_dir);
	if (mkdir(b.data, 0777) != 0 && errno != EEXIST) {
		rc = td_errf(err, TD_EIO, "%s: %s", b.data, strerror(errno));
		td_buf_release(&b);
		return rc;
	}
	td_buf_reset(&b);
	td_buf_addf(&b, "%s/files/%.12s-%s", out_dir, sha256,
		    filename ? filename : "file");
	rc = copy_out(ws, sha256, b.data, err);
	if (rc == 0)
		*path = td_xstrdup(b.data + strlen(out_dir) + 1);
	td_buf_release(&b);
	return rc;
}

json_t *
td_portfolio_export(struct td_ws *ws, const char *out_dir, struct td_err *err)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	json_t *j = NULL;
	size_t i, k;
	int rc;

	rc = td_store_portfolio_load(ws->store, &pf, err);
	for (i = 0; rc == 0 && i < pf.ndocuments; i++) {
		struct td_document *d = &pf.documents[i];

		rc = export_file(ws, out_dir, d->sha256, d->filename, &d->path,
				 err);
		if (rc)
			td_err_prefix(err, "document %s", d->key);
	}
	for (i = 0; rc == 0 && i < pf.nproducts; i++) {
		struct td_product *p = &pf.products[i];

		for (k = 0; rc == 0 && k < p->nimages; k++) {
			struct td_photo *im = &p->images[k];

			rc = export_file(ws, out_dir, im->sha256, im->filename,
					 &im->path, err);
			if (rc)
				td_err_prefix(err, "product %s photo %zu",
					      p->sku, k + 1);
		}
	}
	if (rc == 0)
		j = td_portfolio_to_json(&pf);
	td_portfolio_release(&pf);
	return j;
}

/* --- attention ----------------------------------------------------------- */

const char *
td_attn_level_name(int level)
{
	switch (level) {
	case TD_ATTN_ERROR:
		return "error";
	case TD_ATTN_WARNING:
		return "warning";
	default:
		return "info";
	}
}

static void attn(struct td_attention_list *l, int level, const char *what,
		 const char *key, int32_t date, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void
attn(struct td_attention_list *l, int level, const char *what, const char *key,
     int32_t date, const char *fmt, ...)
{
	struct td_attention *a;
	struct td_buf b = TD_BUF_INIT;
	va_list ap;

	TD_GROW(l->v, l->n + 1, l->alloc);
	a = &l->v[l->n++];
	a->level = level;
	a->what = what;
	a->key = td_xstrdup(key);
	a->date = date;
	va_start(ap, fmt);
	td_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	a->message = td_buf_detach(&b, NULL);
}

/* "expired on 2026-01-04" / "expires in 12 days (2026-12-09)". */
static void
when(int32_t date, int32_t today, char *out, size_t n)
{
	char d[TD_DATE_LEN];
	int32_t left = date - today;

	td_date_format(date, d);
	if (left < 0)
		snprintf(out, n, "expired on %s (%d days ago)", d, -left);
	else if (left == 0)
		snprintf(out, n, "expires today (%s)", d);
	else
		snprintf(out, n, "expires in %d day%s (%s)", left,
			 left == 1 ? "" : "s", d);
}

static int
attn_cmp(const void *a, const void *b)
{
	const struct td_attention *x = a, *y = b;

	if (x->level != y->level)
		return y->level - x->level;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
has_doc(const struct td_portfolio *pf, int kind, const char *right,
	const char *owner)
{
	size_t i;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];

		if (d->kind != kind)
			continue;
		if (right && td_strv_find(&d->rights, right) >= 0)
			return 1;
		if (!right && owner && d->owner && strcmp(d->owner, owner) == 0)
			return 1;
	}
	return 0;
}

static int
is_chinese(const char *lang)
{
	return lang &&
	       (strcmp(lang, "zh") == 0 || strncmp(lang, "zh-", 3) == 0);
}

static int
has_translation(const struct td_portfolio *pf, const char *key)
{
	size_t i;

	for (i = 0; i < pf->ndocuments; i++)
		if (pf->documents[i].translates &&
		    strcmp(pf->documents[i].translates, key) == 0 &&
		    is_chinese(pf->documents[i].lang))
			return 1;
	return 0;
}

void
td_portfolio_attention(const struct td_portfolio *pf, int32_t today,
		       int32_t within, struct td_attention_list *out)
{
	char w[96];
	size_t i;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];

		if (d->expires != TD_DATE_NONE &&
		    d->expires <= today + within) {
			when(d->expires, today, w, sizeof(w));
			attn(out,
			     d->expires < today ? TD_ATTN_ERROR
						: TD_ATTN_WARNING,
			     "document", d->key, d->expires, "%s %s",
			     td_doc_kind_name(d->kind), w);
		}
		if (d->kind != TD_DOC_TRANSLATION && d->lang &&
		    !is_chinese(d->lang) &&
		    (d->kind == TD_DOC_BUSINESS_LICENCE ||
		     d->kind == TD_DOC_REGISTRATION_CERTIFICATE ||
		     d->kind == TD_DOC_POWER_OF_ATTORNEY) &&
		    !has_translation(pf, d->key))
			attn(out, TD_ATTN_INFO, "document", d->key,
			     TD_DATE_NONE,
			     "%s in '%s' has no Simplified Chinese "
			     "translation; Chinese platforms ask for one",
			     td_doc_kind_name(d->kind), d->lang);
	}
	for (i = 0; i < pf->nauths; i++) {
		const struct td_authorisation *a = &pf->auths[i];
		char key[160];

		snprintf(key, sizeof(key), "%s/%s", a->owner, a->agent);
		if (a->valid_to != TD_DATE_NONE &&
		    a->valid_to <= today + within) {
			when(a->valid_to, today, w, sizeof(w));
			attn(out,
			     a->valid_to < today ? TD_ATTN_ERROR
						 : TD_ATTN_WARNING,
			     "authorisation", key, a->valid_to,
			     "agent '%s' acting for '%s': authorisation %s",
			     a->agent, a->owner, w);
		}
		if (!a->document)
			attn(out, TD_ATTN_WARNING, "authorisation", key,
			     TD_DATE_NONE,
			     "no power of attorney on file for agent '%s' "
			     "acting for '%s'",
			     a->agent, a->owner);
	}
	for (i = 0; i < pf->nrights; i++) {
		const struct td_right *r = &pf->rights[i];

		if (r->valid_to != TD_DATE_NONE &&
		    r->valid_to <= today + within) {
			when(r->valid_to, today, w, sizeof(w));
			attn(out,
			     r->valid_to < today ? TD_ATTN_ERROR
						 : TD_ATTN_WARNING,
			     "right", r->key, r->valid_to,
			     "%s %s: registration %s; renew it",
			     r->jurisdiction, td_right_kind_name(r->kind), w);
		}
		if (r->protect_to != TD_DATE_NONE && r->protect_to < today)
			attn(out, TD_ATTN_INFO, "right", r->key, r->protect_to,
			     "the protect period has ended; findings for it "
			     "are no longer pursued");
		if (r->status == TD_STATUS_UNREGISTERED)
			attn(out, TD_ATTN_WARNING, "right", r->key,
			     TD_DATE_NONE,
			     "unregistered in %s: platforms rarely act on it; "
			     "register it first",
			     r->jurisdiction);
		else if (r->status == TD_STATUS_PENDING)
			attn(out, TD_ATTN_INFO, "right", r->key, TD_DATE_NONE,
			     "pending in %s: most platforms act only on a "
			     "registered right",
			     r->jurisdiction);
		else if (!has_doc(pf, TD_DOC_REGISTRATION_CERTIFICATE, r->key,
				  NULL))
			attn(out, TD_ATTN_WARNING, "right", r->key,
			     TD_DATE_NONE,
			     "no registration certificate on file; every "
			     "platform asks for it");
	}
	for (i = 0; i < pf->nproducts; i++)
		if (pf->products[i].rights.n == 0)
			attn(out, TD_ATTN_WARNING, "product",
			     pf->products[i].sku, TD_DATE_NONE,
			     "no right covers it: a takedown cannot cite it");
	for (i = 0; i < pf->nowners; i++)
		if (!has_doc(pf, TD_DOC_BUSINESS_LICENCE, NULL,
			     pf->owners[i].key))
			attn(out, TD_ATTN_WARNING, "owner", pf->owners[i].key,
			     TD_DATE_NONE,
			     "no business licence on file; platforms verify "
			     "the owner with it");
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), attn_cmp);
}

void
td_attention_list_release(struct td_attention_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].message);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
