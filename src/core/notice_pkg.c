/*
 * Complaint packages: the files of a package (complaints, listings,
 * batch files, documents, checklist), built in memory, then written.
 */
#include "core/notice.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

void
td_notice_package_release(struct td_notice_package *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->files[i].name);
		free(p->files[i].data);
		free(p->files[i].sha256);
	}
	free(p->files);
	free(p->template_name);
	memset(p, 0, sizeof(*p));
}

/* Add a file; takes the bytes of b (b is left empty). */
static void
add_file(struct td_notice_package *p, const char *name, struct td_buf *b)
{
	struct td_notice_file *f;

	TD_GROW(p->files, p->n + 1, p->alloc);
	f = &p->files[p->n++];
	memset(f, 0, sizeof(*f));
	f->name = td_xstrdup(name);
	f->data = td_buf_detach(b, &f->len);
}

static void
add_copy(struct td_notice_package *p, const char *name, const char *sha256)
{
	struct td_notice_file *f;

	TD_GROW(p->files, p->n + 1, p->alloc);
	f = &p->files[p->n++];
	memset(f, 0, sizeof(*f));
	f->name = td_xstrdup(name);
	f->sha256 = td_xstrdup(sha256);
}

/* A CSV field (RFC 4180 quoting). */
static void
csv_field(struct td_buf *b, const char *s, int last)
{
	const char *p;

	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		td_buf_addch(b, '"');
		for (p = s; *p; p++) {
			if (*p == '"')
				td_buf_addch(b, '"');
			td_buf_addch(b, *p);
		}
		td_buf_addch(b, '"');
	} else {
		td_buf_addstr(b, s);
	}
	td_buf_addch(b, last ? '\n' : ',');
}

/* A TSV field: tabs and newlines become blanks. */
static void
tsv_field(struct td_buf *b, const char *s, int last)
{
	const char *p;

	for (p = s ? s : ""; *p; p++)
		td_buf_addch(b,
			     *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	td_buf_addch(b, last ? '\n' : '\t');
}

static int
zh_first(const struct td_proto_rules *r)
{
	return r->nlanguages && strncmp(r->languages[0], "zh", 2) == 0;
}

/* The file name of a stored document inside the package. */
static void
doc_file(const struct td_document *d, struct td_buf *out)
{
	const char *p;

	td_buf_reset(out);
	td_buf_addf(out, "documents/%s--", d->key);
	for (p = d->filename ? d->filename : "file"; *p; p++)
		td_buf_addch(out, *p == '/' || *p == '\\' ? '_' : *p);
}

/* ---- the parts -------------------------------------------------------- */

static int
render_complaints(const struct td_notice_input *in, const char *tname,
		  struct td_notice_package *out, struct td_err *err)
{
	int lang;

	for (lang = 0; lang < 2; lang++) {
		struct td_tmpl_ctx *c =
			td_notice_context(in, lang ? "zh" : "en");
		struct td_buf text = TD_BUF_INIT;
		char spec[80], name[40];
		int rc;

		snprintf(spec, sizeof(spec), "%s.%s", tname,
			 lang ? "zh" : "en");
		rc = td_tmpl_render_named(spec, c, &text, err);
		td_tmpl_ctx_free(c);
		if (rc) {
			td_buf_release(&text);
			return rc;
		}
		snprintf(name, sizeof(name), "complaint.%s.txt",
			 lang ? "zh" : "en");
		add_file(out, name, &text);
	}
	return 0;
}

/* The value of a batch column for listing l. */
static void
listing_value(const struct td_case_listing *l, const struct td_right *r,
	      const char *field, const char *lang,
	      const struct td_tmpl_ctx *ctx, struct td_buf *out)
{
	td_buf_reset(out);
	if (!field)
		return;
	if (strcmp(field, "listing.url") == 0 ||
	    strcmp(field, "listings") == 0) {
		if (l->url)
			td_buf_addstr(out, l->url);
		else
			td_buf_addstr(out, l->ext_id);
	} else if (strcmp(field, "listing.id") == 0) {
		td_buf_addstr(out, l->ext_id);
	} else if (strcmp(field, "listing.title") == 0) {
		td_buf_addstr(out, l->title);
	} else if (strcmp(field, "listing.seller") == 0) {
		td_buf_addstr(out, l->seller_name  ? l->seller_name
				   : l->seller_key ? l->seller_key
						   : "");
	} else if (strcmp(field, "listing.evidence") == 0) {
		td_notice_evidence(l, r, lang, out);
	} else if (strcmp(field, "listing.reason") == 0) {
		const char *v = td_tmpl_get(ctx, "complaint.reason");

		td_buf_addstr(out, v ? v : "");
	} else {
		const char *v = td_tmpl_get(ctx, field);

		td_buf_addstr(out, v ? v : "");
	}
}

static void
write_listings(const struct td_notice_input *in, const struct td_tmpl_ctx *en,
	       struct td_notice_package *out)
{
	const struct td_case_full *f = in->cf;
	const struct td_right *r = td_portfolio_right(in->pf, f->c.right);
	struct td_buf b = TD_BUF_INIT, v = TD_BUF_INIT;
	size_t i;

	td_buf_addstr(&b, "n,listing,platform,id,url,title,seller,finding,"
			  "score,evidence\n");
	for (i = 0; i < f->nlistings; i++) {
		const struct td_case_listing *l = &f->listings[i];
		char num[32];

		snprintf(num, sizeof(num), "%d", l->pos);
		csv_field(&b, num, 0);
		snprintf(num, sizeof(num), "%lld", (long long)l->listing_id);
		csv_field(&b, num, 0);
		csv_field(&b, l->platform, 0);
		csv_field(&b, l->ext_id, 0);
		csv_field(&b, l->url, 0);
		csv_field(&b, l->title, 0);
		csv_field(&b, l->seller_key, 0);
		if (l->finding_id)
			snprintf(num, sizeof(num), "%lld",
				 (long long)l->finding_id);
		else
			num[0] = '\0';
		csv_field(&b, num, 0);
		if (l->finding_id)
			snprintf(num, sizeof(num), "%.3f", l->score);
		csv_field(&b, num, 0);
		listing_value(l, r, "listing.evidence", "en", en, &v);
		csv_field(&b, v.data, 1);
	}
	add_file(out, "listings.csv", &b);
	td_buf_release(&v);
}

static void
write_batches(const struct td_notice_input *in, const struct td_tmpl_ctx *ctx,
	      struct td_notice_package *out)
{
	const struct td_proto_batch *bt = &in->site->r.batch;
	const struct td_case_full *f = in->cf;
	const struct td_right *r = td_portfolio_right(in->pf, f->c.right);
	const char *lang = zh_first(&in->site->r) ? "zh" : "en";
	int lines = bt->format && strcmp(bt->format, "lines") == 0;
	size_t per, i, k, part;
	struct td_buf b = TD_BUF_INIT, v = TD_BUF_INIT;
	char name[64];

	if (!bt->format || !f->nlistings)
		return;
	per = bt->limit > 0 ? (size_t)bt->limit : f->nlistings;
	for (part = 0, i = 0; i < f->nlistings; part++) {
		size_t end = i + per < f->nlistings ? i + per : f->nlistings;

		td_buf_reset(&b);
		if (!lines && bt->header)
			for (k = 0; k < bt->ncolumns; k++)
				csv_field(&b, bt->columns[k].name,
					  k + 1 == bt->ncolumns);
		for (; i < end; i++) {
			for (k = 0; k < bt->ncolumns; k++) {
				listing_value(&f->listings[i], r,
					      bt->columns[k].field, lang, ctx,
					      &v);
				if (lines)
					td_buf_addf(&b, "%s\n", v.data);
				else
					csv_field(&b, v.data,
						  k + 1 == bt->ncolumns);
			}
		}
		snprintf(name, sizeof(name), "batch-%02zu.%s", part + 1,
			 lines ? "txt" : "csv");
		add_file(out, name, &b);
		out->nbatches++;
	}
	td_buf_release(&b);
	td_buf_release(&v);
}

static void
doc_row(struct td_buf *b, const struct td_document *d, const char *file,
	const char *why)
{
	char exp[TD_DATE_LEN];

	tsv_field(b, d->key, 0);
	tsv_field(b, td_doc_kind_name(d->kind), 0);
	tsv_field(b, file, 0);
	tsv_field(b, d->sha256, 0);
	tsv_field(b, d->lang, 0);
	if (d->expires != TD_DATE_NONE)
		td_date_format(d->expires, exp);
	else
		exp[0] = '\0';
	tsv_field(b, exp, 0);
	tsv_field(b, why, 1);
}

static void
write_documents(const struct td_notice_input *in, struct td_notice_package *out)
{
	const struct td_ready_report *rr = in->ready;
	struct td_buf b = TD_BUF_INIT, file = TD_BUF_INIT, why = TD_BUF_INIT;
	size_t i;

	td_buf_addstr(&b, "key\tkind\tfile\tsha256\tlang\texpires\tfor\n");
	for (i = 0; i < rr->nattach; i++) {
		const struct td_ready_attachment *a = &rr->attach[i];

		td_buf_reset(&why);
		td_buf_addf(&why, "%s %s",
			    a->req->need == TD_PROTO_REQUIRED ? "required"
							      : "recommended",
			    td_proto_doc_name(a->req->doc));
		doc_file(a->doc, &file);
		doc_row(&b, a->doc, file.data, why.data);
		add_copy(out, file.data, a->doc->sha256);
		if (a->translation) {
			td_buf_reset(&why);
			td_buf_addf(&why, "translation of %s", a->doc->key);
			doc_file(a->translation, &file);
			doc_row(&b, a->translation, file.data, why.data);
			add_copy(out, file.data, a->translation->sha256);
		} else if (a->needs_translation) {
			tsv_field(&b, "-", 0);
			tsv_field(&b, "translation", 0);
			tsv_field(&b, "MISSING", 0);
			tsv_field(&b, "", 0);
			tsv_field(&b,
				  in->site->r.ndoc_languages
					  ? in->site->r.doc_languages[0]
					  : "",
				  0);
			tsv_field(&b, "", 0);
			td_buf_reset(&why);
			td_buf_addf(&why, "translation of %s: still missing",
				    a->doc->key);
			tsv_field(&b, why.data, 1);
		}
	}
	add_file(out, "documents.tsv", &b);
	td_buf_release(&file);
	td_buf_release(&why);
}

/* ---- the checklist ---------------------------------------------------- */

/* "3 working days (cn)", "10-14 working days (us)", "15 calendar days". */
static void
window_words(const struct td_proto_window *w, struct td_buf *out)
{
	td_buf_reset(out);
	td_buf_addf(out, "%d", w->days);
	if (w->max_days > w->days)
		td_buf_addf(out, "-%d", w->max_days);
	td_buf_addf(out, " %s day%s", w->working ? "working" : "calendar",
		    w->max_days > 1 || w->days != 1 ? "s" : "");
	if (w->working)
		td_buf_addf(out, " (%s)", w->calendar);
}

/* What goes into one form field. */
static void
field_text(const struct td_notice_input *in, const struct td_proto_field *fd,
	   const struct td_tmpl_ctx *en, const struct td_tmpl_ctx *zh,
	   const struct td_notice_package *pkg, struct td_buf *out)
{
	const struct td_proto_rules *r = &in->site->r;
	const struct td_tmpl_ctx *first = zh_first(r) ? zh : en;
	const struct td_tmpl_ctx *second = zh_first(r) ? en : zh;
	size_t n = in->cf->nlistings;

	if (!fd->field) {
		td_buf_addstr(out, "fill in by hand");
		return;
	}
	if (strcmp(fd->field, "listings") == 0 ||
	    strncmp(fd->field, "listing.", 8) == 0) {
		if (strcmp(fd->field, "listing.reason") == 0) {
			td_buf_addf(out, "per listing: %s",
				    td_tmpl_get(en, "complaint.reason"));
			return;
		}
		td_buf_addf(out, "%zu link%s: ", n, n == 1 ? "" : "s");
		if (pkg->nbatches == 1)
			td_buf_addstr(out, "paste batch-01.txt or upload "
					   "batch-01 as the platform asks");
		else if (pkg->nbatches > 1)
			td_buf_addf(out,
				    "%zu batch files, one per complaint "
				    "(batch-01 ...)",
				    pkg->nbatches);
		else
			td_buf_addstr(out, "the url column of listings.csv");
		return;
	}
	if (strcmp(fd->field, "complaint.text") == 0) {
		td_buf_addf(
			out, "paste complaint.%s.txt (also: complaint.%s.txt)",
			zh_first(r) ? "zh" : "en", zh_first(r) ? "en" : "zh");
		return;
	}
	if (strcmp(fd->field, "documents") == 0) {
		td_buf_addf(out,
			    "attach the %zu file%s in documents/ (see "
			    "documents.tsv)",
			    pkg->n, pkg->n == 1 ? "" : "s");
		return;
	}
	if (strcmp(fd->field, "declaration") == 0) {
		td_buf_addstr(out, "read the declarations and confirm them "
				   "yourself");
		return;
	}
	if (strcmp(fd->field, "signature") == 0) {
		const char *who = td_tmpl_get(en, "filer.name");

		td_buf_addf(out, "sign as %s", who ? who : "the filer");
		return;
	}
	{
		const char *a = td_tmpl_get(first, fd->field);
		const char *b = td_tmpl_get(second, fd->field);

		if (!a) {
			td_buf_addstr(out, "(not set)");
			return;
		}
		td_buf_addstr(out, a);
		if (b && strcmp(a, b) != 0)
			td_buf_addf(out, " / %s", b);
	}
}

static void
write_checklist(const struct td_notice_input *in, const char *tname,
		const struct td_tmpl_ctx *en, const struct td_tmpl_ctx *zh,
		struct td_notice_package *out)
{
	const struct td_proto_rules *r = &in->site->r;
	const struct td_ready_report *rr = in->ready;
	const struct td_case *c = &in->cf->c;
	const struct td_right *rt = td_portfolio_right(in->pf, c->right);
	struct td_buf b = TD_BUF_INIT, v = TD_BUF_INIT;
	char today[TD_DATE_LEN];
	size_t i, ndocs = 0;

	for (i = 0; i < out->n; i++)
		ndocs += out->files[i].sha256 != NULL;
	td_date_format(in->today, today);
	td_buf_addf(&b, "Case %lld: %s (%s) on %s, %s\n", (long long)c->id,
		    rt ? rt->title : c->right, c->right, in->site->name,
		    in->site->proto->name);
	td_buf_addf(&b, "Prepared on %s from the complaint template %s.\n\n",
		    today, tname);
	if (rr->blockers)
		td_buf_addf(&b,
			    "NOT READY: %zu blocker%s (takedown case check "
			    "%lld). Do not file until they are fixed.\n\n",
			    rr->blockers, rr->blockers == 1 ? "" : "s",
			    (long long)c->id);
	else
		td_buf_addf(&b, "Readiness: no blockers, %zu warning%s.\n\n",
			    rr->warnings, rr->warnings == 1 ? "" : "s");
	if (r->nchannels) {
		td_buf_addf(&b, "File it through: %s %s\n",
			    td_proto_channel_name(r->channels[0].kind),
			    r->channels[0].target);
		if (r->channels[0].note)
			td_buf_addf(&b, "  (%s)\n", r->channels[0].note);
		td_buf_addch(&b, '\n');
	}
	td_buf_addstr(&b, "Form fields, in order:\n");
	for (i = 0; i < r->nform; i++) {
		const struct td_proto_field *fd = &r->form[i];
		struct td_notice_package view = *out;

		view.n = ndocs;
		td_buf_reset(&v);
		field_text(in, fd, en, zh, &view, &v);
		td_buf_addf(&b, "%3zu. %s (%s)%s%s\n     -> %s\n", i + 1,
			    fd->name, fd->required ? "required" : "optional",
			    fd->note ? ": " : "", fd->note ? fd->note : "",
			    v.data);
	}
	td_buf_addstr(&b, "\nDocuments to attach (copies in documents/):\n");
	if (!rr->nattach)
		td_buf_addstr(&b, "  none\n");
	for (i = 0; i < rr->nattach; i++) {
		const struct td_ready_attachment *a = &rr->attach[i];

		doc_file(a->doc, &v);
		td_buf_addf(&b, "  %s  %s  sha256 %s\n", v.data,
			    td_doc_kind_name(a->doc->kind), a->doc->sha256);
		if (a->translation) {
			doc_file(a->translation, &v);
			td_buf_addf(&b, "  %s  translation  sha256 %s\n",
				    v.data, a->translation->sha256);
		}
	}
	td_buf_addstr(&b, "\nTranslations still missing:\n");
	if (!rr->missing_translations.n)
		td_buf_addstr(&b, "  none\n");
	for (i = 0; i < rr->missing_translations.n; i++) {
		const struct td_document *d = td_portfolio_document(
			in->pf, rr->missing_translations.v[i]);

		td_buf_addf(&b, "  %s (%s): needs a translation into %s\n",
			    rr->missing_translations.v[i],
			    d && d->lang ? d->lang : "?",
			    r->ndoc_languages ? r->doc_languages[0] : "?");
	}
	if (rr->n) {
		td_buf_addstr(&b, "\nReadiness check:\n");
		for (i = 0; i < rr->n; i++)
			td_buf_addf(&b, "  %s: %s\n",
				    td_ready_level_name(rr->items[i].level),
				    rr->items[i].message);
	}
	td_buf_addstr(&b, "\nAfter filing:\n");
	td_buf_addf(&b, "  takedown case submit %lld   (records the filing)\n",
		    (long long)c->id);
	if (r->response.known) {
		window_words(&r->response, &v);
		td_buf_addf(&b,
			    "  The seller then has %s once the notice is "
			    "forwarded: takedown case move %lld notice_sent.\n",
			    v.data, (long long)c->id);
	}
	if (r->counter.allowed && r->counter.restore.known) {
		window_words(&r->counter.restore, &v);
		td_buf_addf(&b,
			    "  After a counter-notice the listing is restored "
			    "after %s unless %s.\n",
			    v.data,
			    r->counter.restore_unless
				    ? r->counter.restore_unless
				    : "the owner acts");
	}
	add_file(out, "checklist.txt", &b);
	td_buf_release(&v);
}

/* ---- build and write -------------------------------------------------- */

/* Every attachment must be a stored file to be copied. */
static int
check_stored(const struct td_ready_report *rr, struct td_err *err)
{
	size_t i;

	for (i = 0; i < rr->nattach; i++) {
		const struct td_document *ds[2] = {rr->attach[i].doc,
						   rr->attach[i].translation};
		int k;

		for (k = 0; k < 2; k++)
			if (ds[k] && !ds[k]->sha256)
				return td_errf(err, TD_EINVAL,
					       "document %s has no stored file "
					       "to attach",
					       ds[k]->key);
	}
	return 0;
}

int
td_notice_build(const struct td_notice_input *in, struct td_notice_package *out,
		struct td_err *err)
{
	const struct td_right *r = td_portfolio_right(in->pf, in->cf->c.right);
	struct td_strv missing = TD_STRV_INIT;
	struct td_tmpl_ctx *en = NULL, *zh = NULL;
	const char *tname;
	int rc = 0;
	size_t i;

	if (!r)
		return td_errf(err, TD_ENOTFOUND, "no right '%s'",
			       in->cf->c.right);
	tname = td_notice_template(&in->site->r, r->kind);
	if (!tname)
		return td_errf(err, TD_ENOTFOUND,
			       "%s names no complaint template", in->site->key);
	if (td_notice_missing(in, &missing)) {
		struct td_buf m = TD_BUF_INIT;

		for (i = 0; i < missing.n; i++)
			td_buf_addf(&m, "\n  %s", missing.v[i]);
		rc = td_errf(err, TD_EINVAL,
			     "the complaint (template %s) cannot be written: "
			     "%zu field%s not set, and a notice must have no "
			     "gaps:%s",
			     tname, missing.n, missing.n == 1 ? " is" : "s are",
			     m.data);
		td_buf_release(&m);
		goto out;
	}
	rc = check_stored(in->ready, err);
	if (rc)
		goto out;
	out->template_name = td_xstrdup(tname);
	rc = render_complaints(in, tname, out, err);
	if (rc)
		goto out;
	en = td_notice_context(in, "en");
	zh = td_notice_context(in, "zh");
	write_listings(in, en, out);
	write_batches(in, zh_first(&in->site->r) ? zh : en, out);
	write_documents(in, out);
	write_checklist(in, tname, en, zh, out);
out:
	td_tmpl_ctx_free(en);
	td_tmpl_ctx_free(zh);
	td_strv_release(&missing);
	return rc;
}

/* 1 if dir exists and holds anything. */
static int
dir_busy(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int busy = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			busy = 1;
	closedir(d);
	return busy;
}

static int
write_bytes(const char *path, const char *data, size_t len, struct td_err *err)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
	if ((len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		if (f)
			fclose(f);
		return td_errf(err, TD_EIO, "%s: cannot write", path);
	}
	return 0;
}

static int
copy_file(const char *from, const char *to, struct td_err *err)
{
	FILE *in = fopen(from, "rb"), *o;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return td_errf(err, TD_ECORRUPT, "%s: %s", from,
			       strerror(errno));
	o = fopen(to, "wb");
	if (!o) {
		fclose(in);
		return td_errf(err, TD_EIO, "%s: %s", to, strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, o) != n) {
			rc = td_errf(err, TD_EIO, "%s: cannot write", to);
			break;
		}
	if (ferror(in))
		rc = td_errf(err, TD_EIO, "%s: cannot read", from);
	fclose(in);
	if (fclose(o) != 0 && !rc)
		rc = td_errf(err, TD_EIO, "%s: cannot write", to);
	return rc;
}

int
td_notice_write(const struct td_notice_package *pkg, const char *dir,
		const char *files_root, struct td_err *err)
{
	struct td_buf path = TD_BUF_INIT, src = TD_BUF_INIT;
	size_t i;
	int rc = 0, made_docs = 0;

	if (dir_busy(dir))
		return td_errf(err, TD_ECONFLICT,
			       "%s is not empty: give a new directory (--out "
			       "DIR)",
			       dir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return td_errf(err, TD_EIO, "%s: %s", dir, strerror(errno));
	for (i = 0; rc == 0 && i < pkg->n; i++) {
		const struct td_notice_file *f = &pkg->files[i];

		td_buf_reset(&path);
		td_buf_addf(&path, "%s/%s", dir, f->name);
		if (!f->sha256) {
			rc = write_bytes(path.data, f->data, f->len, err);
			continue;
		}
		if (!made_docs) {
			struct td_buf d = TD_BUF_INIT;

			td_buf_addf(&d, "%s/documents", dir);
			if (mkdir(d.data, 0777) != 0 && errno != EEXIST)
				rc = td_errf(err, TD_EIO, "%s: %s", d.data,
					     strerror(errno));
			td_buf_release(&d);
			made_docs = 1;
			if (rc)
				break;
		}
		td_blob_path(files_root, f->sha256, &src);
		rc = copy_file(src.data, path.data, err);
		if (rc == 0) {
			char hex[TD_SHA256_HEX];
			uint64_t size;

			rc = td_sha256_file(path.data, hex, &size, err);
			if (rc == 0 && strcmp(hex, f->sha256) != 0)
				rc = td_errf(err, TD_ECORRUPT,
					     "%s: the stored file has changed "
					     "(SHA-256 %s, expected %s)",
					     f->name, hex, f->sha256);
		}
	}
	td_buf_release(&path);
	td_buf_release(&src);
	return rc;
}
