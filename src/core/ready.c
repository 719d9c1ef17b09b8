/*
 * The readiness check: documents against the protocol's requirements,
 * the agent's authorisation, the right's registration, validity, protect
 * period and record on the platform, the batch limit, the evidence of
 * each listing, and the stored files.
 */
#include "core/ready.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/notice.h"
#include "core/util.h"
#include "core/banned.h"

const char *
td_ready_level_name(int level)
{
	return level == TD_READY_BLOCKER ? "blocker" : "warning";
}

static void
vadd(struct td_ready_report *r, int level, const char *code,
     const char *subject, const char *fix, const char *fmt, va_list ap)
{
	struct td_buf msg = TD_BUF_INIT;
	struct td_ready_item *it;
	size_t pos = r->n;

	td_buf_vaddf(&msg, fmt, ap);
	/* Blockers first; otherwise in the order found. */
	if (level == TD_READY_BLOCKER)
		for (pos = 0; pos < r->n; pos++)
			if (r->items[pos].level != TD_READY_BLOCKER)
				break;
	TD_GROW(r->items, r->n + 1, r->alloc);
	memmove(r->items + pos + 1, r->items + pos,
		(r->n - pos) * sizeof(*r->items));
	it = &r->items[pos];
	it->level = level;
	it->code = td_xstrdup(code);
	it->subject = td_xstrdup_or_null(subject);
	it->fix = td_xstrdup_or_null(fix);
	it->message = td_buf_detach(&msg, NULL);
	r->n++;
	if (level == TD_READY_BLOCKER)
		r->blockers++;
	else
		r->warnings++;
}

void
td_ready_add(struct td_ready_report *r, int level, const char *code,
	     const char *subject, const char *fix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(r, level, code, subject, fix, fmt, ap);
	va_end(ap);
}

void
td_ready_report_release(struct td_ready_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->items[i].code);
		free(r->items[i].subject);
		free(r->items[i].message);
		free(r->items[i].fix);
	}
	free(r->items);
	free(r->attach);
	td_strv_release(&r->missing_translations);
	memset(r, 0, sizeof(*r));
}

/* ---- helpers ---------------------------------------------------------- */

struct ck {
	const struct td_ready_input *in;
	struct td_ready_report *out;
	const struct td_right *right;
	const struct td_owner *owner;
	const struct td_proto_rules *r;
	char site[160]; /* "Taobao" for messages */
};

static const char *
date_text(int32_t d, char *buf)
{
	if (d == TD_DATE_NONE)
		return "(no date)";
	td_date_format(d, buf);
	return buf;
}

/* A document kind in words, for messages. */
static const char *
doc_words(int kind)
{
	static const char *const words[] = {
		"business licence",    "registration certificate",
		"power of attorney",   "translation",
		"court order",         "patent evaluation report",
		"comparison chart",    "identity document",
		"supporting document",
	};

	return kind >= 0 && (size_t)kind < TD_ARRAY_LEN(words) ? words[kind]
							       : "document";
}

/* Documents tied to one right rather than to the owner. */
static int
per_right(int kind)
{
	return kind == TD_DOC_REGISTRATION_CERTIFICATE ||
	       kind == TD_DOC_COURT_ORDER ||
	       kind == TD_DOC_PATENT_EVALUATION_REPORT ||
	       kind == TD_DOC_COMPARISON_CHART;
}

static int
usable(const struct td_document *d, int32_t today)
{
	return d->expires == TD_DATE_NONE || d->expires >= today;
}

/* Is a better candidate than b (NULL)? Usable first, then the latest
 * expiry (no expiry is latest), then the latest issue. */
static int
better(const struct td_document *a, const struct td_document *b, int32_t today)
{
	int32_t ea, eb;

	if (!b)
		return 1;
	if (usable(a, today) != usable(b, today))
		return usable(a, today);
	ea = a->expires == TD_DATE_NONE ? INT32_MAX : a->expires;
	eb = b->expires == TD_DATE_NONE ? INT32_MAX : b->expires;
	if (ea != eb)
		return ea > eb;
	return a->issued > b->issued;
}

/*
 * The best document of kind for the requirement. agents_own: a document
 * proving the agent itself, which takedown keeps without an owner.
 */
static const struct td_document *
find_doc(struct ck *ck, int kind, int agents_own)
{
	const struct td_portfolio *pf = ck->in->pf;
	const struct td_document *best = NULL;
	size_t i;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];

		if (d->kind != kind)
			continue;
		if (agents_own) {
			if (d->owner)
				continue;
		} else {
			if (!d->owner || strcmp(d->owner, ck->owner->key) != 0)
				continue;
			if ((per_right(kind) || d->rights.n) &&
			    td_strv_find(&d->rights, ck->right->key) < 0)
				continue;
		}
		if (better(d, best, ck->in->today))
			best = d;
	}
	return best;
}

static int
lang_ok(const struct td_proto_rules *r, const char *lang)
{
	size_t i, n;

	if (!lang)
		return 1;
	for (i = 0; i < r->ndoc_languages; i++) {
		n = strlen(r->doc_languages[i]);
		/* "zh" reads "zh", "zh-Hans", "zh-CN". */
		if (strncmp(lang, r->doc_languages[i], n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-'))
			return 1;
	}
	return 0;
}

static const struct td_document *
find_translation(struct ck *ck, const struct td_document *d)
{
	const struct td_portfolio *pf = ck->in->pf;
	const struct td_document *best = NULL;
	size_t i;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *t = &pf->documents[i];

		if (t->kind != TD_DOC_TRANSLATION || !t->translates ||
		    strcmp(t->translates, d->key) != 0 ||
		    !lang_ok(ck->r, t->lang))
			continue;
		if (better(t, best, ck->in->today))
			best = t;
	}
	return best;
}

static void
attach(struct ck *ck, const struct td_document *d,
       const struct td_proto_req *req)
{
	struct td_ready_report *o = ck->out;
	size_t i;

	for (i = 0; i < o->nattach; i++)
		if (o->attach[i].doc == d)
			return;
	TD_GROW(o->attach, o->nattach + 1, o->attach_alloc);
	memset(&o->attach[o->nattach], 0, sizeof(o->attach[0]));
	o->attach[o->nattach].doc = d;
	o->attach[o->nattach].req = req;
	o->nattach++;
}

/* ---- documents -------------------------------------------------------- */

/* Expired, or expiring before the case's likely end. */
static void
check_expiry(struct ck *ck, const struct td_document *d, int level,
	     const char *what)
{
	char a[TD_DATE_LEN], b[TD_DATE_LEN];
	char fix[256];

	if (d->expires == TD_DATE_NONE)
		return;
	snprintf(fix, sizeof(fix),
		 "renew it and add the new one (takedown doc add FILE --kind "
		 "%s ...)",
		 td_doc_kind_name(d->kind));
	if (d->expires < ck->in->today)
		td_ready_add(ck->out, level, "document_expired", d->key, fix,
			     "the %s %s expired on %s", what, d->key,
			     date_text(d->expires, a));
	else if (ck->in->until != TD_DATE_NONE && d->expires < ck->in->until)
		td_ready_add(ck->out, TD_READY_WARNING, "document_expires",
			     d->key, fix,
			     "the %s %s expires on %s, before the case is "
			     "likely to end (about %s)",
			     what, d->key, date_text(d->expires, a),
			     date_text(ck->in->until, b));
}

static void
check_requirement(struct ck *ck, const struct td_proto_req *q, int agents_own)
{
	const struct td_document *d;
	int level = q->need == TD_PROTO_REQUIRED ? TD_READY_BLOCKER
						 : TD_READY_WARNING;
	const char *words = doc_words((int)q->doc);
	char fix[512];

	if (q->need == TD_PROTO_OPTIONAL)
		return;
	/* A power of attorney comes with the authorisation (below). */
	if (q->doc == TD_PROTO_DOC_POWER_OF_ATTORNEY)
		return;
	d = find_doc(ck, (int)q->doc, agents_own);
	if (!d) {
		if (agents_own) {
			/* takedown keeps no documents per agent: the
			 * platform checks the agent's own papers when its
			 * account is verified. */
			td_ready_add(ck->out, TD_READY_WARNING,
				     "agent_identity",
				     td_proto_doc_name(q->doc),
				     "add the agent's own document without an "
				     "owner (takedown doc add FILE --kind "
				     "identity), or make sure the platform "
				     "account holds it",
				     "no %s of the agent %s itself is on file; "
				     "%s checks it when the agent's account is "
				     "verified",
				     words, ck->in->agent, ck->site);
			return;
		}
		if (per_right((int)q->doc))
			snprintf(fix, sizeof(fix),
				 "takedown doc add FILE --kind %s --owner %s "
				 "--right %s",
				 td_proto_doc_name(q->doc), ck->owner->key,
				 ck->right->key);
		else
			snprintf(fix, sizeof(fix),
				 "takedown doc add FILE --kind %s --owner %s",
				 td_proto_doc_name(q->doc), ck->owner->key);
		td_ready_add(ck->out, level, "document_missing",
			     td_proto_doc_name(q->doc), fix,
			     "no %s %s %s on file: %s %s it%s%s%s", words,
			     per_right((int)q->doc) ? "for" : "of",
			     per_right((int)q->doc) ? ck->right->key
						    : ck->owner->key,
			     ck->site,
			     q->need == TD_PROTO_REQUIRED ? "requires"
							  : "recommends",
			     q->note ? " (" : "", q->note ? q->note : "",
			     q->note ? ")" : "");
		return;
	}
	check_expiry(ck, d, level, words);
	if (usable(d, ck->in->today))
		attach(ck, d, q);
}

static void
check_documents(struct ck *ck, const struct td_proto_req **reqs, size_t n)
{
	const struct td_proto_req *translation = NULL;
	enum td_proto_role role =
		ck->in->agent ? TD_PROTO_AGENT : TD_PROTO_OWNER;
	const struct td_proto_filer *f = &ck->r->filer[role];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct td_proto_req *q = reqs[i];
		int in_proof = q >= f->proof && q < f->proof + f->nproof;
		/* In an agent's proof, an identity or licence without a
		 * holder condition is the agent's own. */
		int agents_own = in_proof && role == TD_PROTO_AGENT &&
				 q->holder == TD_PROTO_HOLDER_ANY &&
				 (q->doc == TD_PROTO_DOC_IDENTITY ||
				  q->doc == TD_PROTO_DOC_BUSINESS_LICENCE);

		if (q->foreign_language) {
			if (q->doc == TD_PROTO_DOC_TRANSLATION &&
			    (!translation || q->need < translation->need))
				translation = q;
			continue;
		}
		check_requirement(ck, q, agents_own);
	}
	if (!translation)
		return;
	/* Every attachment in a language the platform does not read needs
	 * its translation. */
	for (i = 0; i < ck->out->nattach; i++) {
		struct td_ready_attachment *a = &ck->out->attach[i];
		int level = translation->need == TD_PROTO_REQUIRED
				    ? TD_READY_BLOCKER
				    : TD_READY_WARNING;
		struct td_buf langs = TD_BUF_INIT;
		char fix[512];
		size_t k;

		if (lang_ok(ck->r, a->doc->lang))
			continue;
		a->needs_translation = 1;
		a->translation = find_translation(ck, a->doc);
		if (a->translation) {
			check_expiry(ck, a->translation, level, "translation");
			continue;
		}
		for (k = 0; k < ck->r->ndoc_languages; k++)
			td_buf_addf(&langs, "%s%s", k ? " or " : "",
				    ck->r->doc_languages[k]);
		td_strv_push(&ck->out->missing_translations, a->doc->key);
		snprintf(fix, sizeof(fix),
			 "takedown doc add FILE --kind translation --owner %s "
			 "--translates %s --lang %s",
			 ck->owner->key, a->doc->key,
			 ck->r->ndoc_languages ? ck->r->doc_languages[0]
					       : "zh");
		td_ready_add(ck->out, level, "translation_missing", a->doc->key,
			     fix,
			     "%s is in '%s'; %s reads %s: its translation is "
			     "not on file",
			     a->doc->key, a->doc->lang, ck->site, langs.data);
		td_buf_release(&langs);
	}
}

/* ---- the filer -------------------------------------------------------- */

static const struct td_authorisation *
find_auth(struct ck *ck)
{
	const struct td_portfolio *pf = ck->in->pf;
	size_t i;

	for (i = 0; i < pf->nauths; i++)
		if (strcmp(pf->auths[i].owner, ck->owner->key) == 0 &&
		    strcmp(pf->auths[i].agent, ck->in->agent) == 0)
			return &pf->auths[i];
	return NULL;
}

static void
check_filer(struct ck *ck)
{
	const struct td_proto_rules *r = ck->r;
	const struct td_authorisation *a;
	const struct td_document *poa = NULL;
	const struct td_proto_req *poa_req = NULL;
	char d1[TD_DATE_LEN], d2[TD_DATE_LEN], fix[512];
	size_t i;

	if (!ck->in->agent) {
		if (!r->filer[TD_PROTO_OWNER].allowed)
			td_ready_add(ck->out, TD_READY_BLOCKER,
				     "filer_not_allowed", "owner",
				     "open the case with --agent AGENT",
				     "%s does not take complaints from the "
				     "rights holder itself",
				     ck->site);
		return;
	}
	if (!r->filer[TD_PROTO_AGENT].allowed) {
		td_ready_add(
			ck->out, TD_READY_BLOCKER, "filer_not_allowed", "agent",
			"let the owner file (open the case "
			"without --agent)",
			"%s does not take complaints from agents", ck->site);
		return;
	}
	for (i = 0; i < r->filer[TD_PROTO_AGENT].nproof; i++)
		if (r->filer[TD_PROTO_AGENT].proof[i].doc ==
		    TD_PROTO_DOC_POWER_OF_ATTORNEY)
			poa_req = &r->filer[TD_PROTO_AGENT].proof[i];
	a = find_auth(ck);
	if (!a) {
		snprintf(fix, sizeof(fix),
			 "takedown agent authorise %s --owner %s --document "
			 "POA-KEY",
			 ck->in->agent, ck->owner->key);
		td_ready_add(ck->out, TD_READY_BLOCKER, "authorisation_missing",
			     ck->in->agent, fix,
			     "%s files for %s, but no authorisation (power of "
			     "attorney) of %s by %s is on file",
			     ck->in->agent, ck->owner->key, ck->in->agent,
			     ck->owner->key);
		return;
	}
	snprintf(fix, sizeof(fix),
		 "get a new power of attorney and record it (takedown agent "
		 "authorise %s --owner %s ...)",
		 ck->in->agent, ck->owner->key);
	if (a->valid_from != TD_DATE_NONE && a->valid_from > ck->in->today)
		td_ready_add(ck->out, TD_READY_BLOCKER,
			     "authorisation_not_valid", ck->in->agent, NULL,
			     "the authorisation of %s by %s starts only on %s",
			     ck->in->agent, ck->owner->key,
			     date_text(a->valid_from, d1));
	else if (a->valid_to != TD_DATE_NONE && a->valid_to < ck->in->today)
		td_ready_add(ck->out, TD_READY_BLOCKER,
			     "authorisation_not_valid", ck->in->agent, fix,
			     "the authorisation of %s by %s expired on %s",
			     ck->in->agent, ck->owner->key,
			     date_text(a->valid_to, d1));
	else if (a->valid_to != TD_DATE_NONE && ck->in->until != TD_DATE_NONE &&
		 a->valid_to < ck->in->until)
		td_ready_add(ck->out, TD_READY_WARNING, "authorisation_expires",
			     ck->in->agent, fix,
			     "the authorisation of %s by %s ends on %s, before "
			     "the case is likely to end (about %s)",
			     ck->in->agent, ck->owner->key,
			     date_text(a->valid_to, d1),
			     date_text(ck->in->until, d2));
	if (a->rights.n && td_strv_find(&a->rights, ck->right->key) < 0)
		td_ready_add(ck->out, TD_READY_BLOCKER, "authorisation_scope",
			     ck->in->agent, fix,
			     "the authorisation of %s by %s does not cover %s",
			     ck->in->agent, ck->owner->key, ck->right->key);
	if (a->document)
		poa = td_portfolio_document(ck->in->pf, a->document);
	if (!poa)
		poa = find_doc(ck, TD_DOC_POWER_OF_ATTORNEY, 0);
	if (!poa) {
		if (poa_req && poa_req->need != TD_PROTO_OPTIONAL)
			td_ready_add(
				ck->out,
				poa_req->need == TD_PROTO_REQUIRED
					? TD_READY_BLOCKER
					: TD_READY_WARNING,
				"document_missing", "power_of_attorney",
				"takedown doc add FILE --kind "
				"power_of_attorney "
				"... and name it in the authorisation",
				"no power of attorney of %s for %s is on file: "
				"%s %s it",
				ck->in->agent, ck->owner->key, ck->site,
				poa_req->need == TD_PROTO_REQUIRED
					? "requires"
					: "recommends");
		return;
	}
	if (poa->rights.n && td_strv_find(&poa->rights, ck->right->key) < 0)
		td_ready_add(ck->out, TD_READY_BLOCKER, "authorisation_scope",
			     poa->key, fix,
			     "the power of attorney %s does not cover %s",
			     poa->key, ck->right->key);
	check_expiry(ck, poa,
		     poa_req && poa_req->need == TD_PROTO_REQUIRED
			     ? TD_READY_BLOCKER
			     : TD_READY_WARNING,
		     "power of attorney");
	if (poa_req && usable(poa, ck->in->today))
		attach(ck, poa, poa_req);
}

/* ---- the right -------------------------------------------------------- */

static void
check_right(struct ck *ck)
{
	const struct td_right *rt = ck->right;
	const struct td_proto_right *pr;
	enum td_proto_right_kind kind = (enum td_proto_right_kind)rt->kind;
	const char *reg =
		rt->status == TD_STATUS_UNREGISTERED ? NULL : rt->jurisdiction;
	struct td_buf regs = TD_BUF_INIT;
	char d1[TD_DATE_LEN], d2[TD_DATE_LEN];
	enum td_proto_reg_class c;
	size_t i;

	pr = &ck->r->right[kind];
	c = td_proto_classify(ck->r, kind, reg);
	if (pr->any_registry)
		td_buf_addstr(&regs, "any office");
	for (i = 0; i < pr->nregistries; i++)
		if (strcmp(pr->registries[i], "*") != 0)
			td_buf_addf(&regs, "%s%s", i ? ", " : "",
				    pr->registries[i]);
	if (!pr->accepted) {
		td_ready_add(ck->out, TD_READY_BLOCKER,
			     "right_kind_not_accepted", rt->key, NULL,
			     "%s does not take %s complaints%s%s", ck->site,
			     td_proto_right_label(kind, "en"),
			     pr->note ? ": " : "", pr->note ? pr->note : "");
	} else if (c == TD_PROTO_NOT_ACCEPTED && !reg) {
		td_ready_add(ck->out, TD_READY_BLOCKER, "registration_needed",
			     rt->key, "register it first, then enforce it",
			     "%s is not registered, and %s takes only "
			     "registered %ss (registered in %s)",
			     rt->key, ck->site,
			     td_proto_right_label(kind, "en"), regs.data);
	} else if (c == TD_PROTO_NOT_ACCEPTED) {
		td_ready_add(ck->out, TD_READY_BLOCKER,
			     "registration_not_accepted", rt->key,
			     "file on a site that accepts it, or register "
			     "where this site's rules require",
			     "%s is registered in %s; %s takes %ss registered "
			     "in %s",
			     rt->key, reg, ck->site,
			     td_proto_right_label(kind, "en"), regs.data);
	} else if (c == TD_PROTO_FOREIGN) {
		td_ready_add(ck->out, TD_READY_WARNING, "registration_foreign",
			     rt->key, NULL,
			     "%s is registered in %s, not where %s counts as "
			     "home: accepted, but less certain (success prior "
			     "%.2f against %.2f)",
			     rt->key, reg, ck->site,
			     pr->prior[TD_PROTO_FOREIGN],
			     pr->prior[TD_PROTO_HOME]);
	} else if (c == TD_PROTO_UNREGISTERED) {
		td_ready_add(ck->out, TD_READY_WARNING, "unregistered", rt->key,
			     NULL,
			     "%s is not registered: %s accepts it, with less "
			     "certainty (success prior %.2f)",
			     rt->key, ck->site,
			     pr->prior[TD_PROTO_UNREGISTERED]);
	}
	if (pr->accepted && rt->status == TD_STATUS_PENDING)
		td_ready_add(ck->out,
			     pr->pending_ok ? TD_READY_WARNING
					    : TD_READY_BLOCKER,
			     "registration_pending", rt->key, NULL,
			     "%s is only applied for; %s %s", rt->key, ck->site,
			     pr->pending_ok ? "accepts a pending application"
					    : "needs a granted registration");
	td_buf_release(&regs);

	/* Validity and the owner's protect period must cover today. */
	if (rt->valid_from != TD_DATE_NONE && rt->valid_from > ck->in->today)
		td_ready_add(ck->out, TD_READY_BLOCKER, "right_not_valid",
			     rt->key, NULL, "%s is in force only from %s",
			     rt->key, date_text(rt->valid_from, d1));
	else if (rt->valid_to != TD_DATE_NONE && rt->valid_to < ck->in->today)
		td_ready_add(ck->out, TD_READY_BLOCKER, "right_not_valid",
			     rt->key,
			     "renew the registration and record it "
			     "(takedown right edit)",
			     "%s expired on %s", rt->key,
			     date_text(rt->valid_to, d1));
	else if (rt->valid_to != TD_DATE_NONE &&
		 ck->in->until != TD_DATE_NONE && rt->valid_to < ck->in->until)
		td_ready_add(ck->out, TD_READY_WARNING, "right_expires",
			     rt->key, "renew the registration",
			     "%s expires on %s, before the case is likely to "
			     "end (about %s)",
			     rt->key, date_text(rt->valid_to, d1),
			     date_text(ck->in->until, d2));
	if ((rt->protect_from != TD_DATE_NONE &&
	     rt->protect_from > ck->in->today) ||
	    (rt->protect_to != TD_DATE_NONE && rt->protect_to < ck->in->today))
		td_ready_add(ck->out, TD_READY_BLOCKER, "right_not_protected",
			     rt->key,
			     "change the protect period (takedown right edit "
			     "--protect-from/--protect-to) if it should be "
			     "enforced now",
			     "today is outside the protect period of %s (%s to "
			     "%s): the owner does not enforce it now",
			     rt->key, date_text(rt->protect_from, d1),
			     date_text(rt->protect_to, d2));
}

static void
check_record(struct ck *ck)
{
	const struct td_proto_record *rec = &ck->r->record;
	const struct td_verification *v = NULL;
	const struct td_portfolio *pf = ck->in->pf;
	int level;
	char fix[512];
	size_t i;

	if (!rec->need || rec->need == TD_PROTO_OPTIONAL)
		return;
	level = rec->need == TD_PROTO_REQUIRED ? TD_READY_BLOCKER
					       : TD_READY_WARNING;
	for (i = 0; i < pf->nverifications; i++)
		if (strcmp(pf->verifications[i].right, ck->right->key) == 0 &&
		    td_proto_site_named(ck->in->site,
					pf->verifications[i].platform) &&
		    (!v || pf->verifications[i].status == TD_VERIFY_VERIFIED))
			v = &pf->verifications[i];
	snprintf(fix, sizeof(fix),
		 "record it on the platform, then: takedown right verify %s "
		 "--platform %s --status verified",
		 ck->right->key,
		 ck->in->site->proto->naliases ? ck->in->site->proto->aliases[0]
					       : ck->in->site->proto->key);
	if (!v)
		td_ready_add(ck->out, level, "not_recorded", ck->right->key,
			     fix, "%s is not known to be recorded on %s (%s)%s",
			     ck->right->key, ck->site, rec->name,
			     level == TD_READY_BLOCKER
				     ? ": complaints must rely on a record"
				     : "");
	else if (v->status == TD_VERIFY_PENDING)
		td_ready_add(ck->out, level, "not_recorded", ck->right->key,
			     fix, "the %s of %s is still pending", rec->name,
			     ck->right->key);
	else if (v->status == TD_VERIFY_REJECTED)
		td_ready_add(ck->out, level, "not_recorded", ck->right->key,
			     "fix what the platform objected to and record it "
			     "again",
			     "the %s of %s was rejected", rec->name,
			     ck->right->key);
}

/* ---- listings and files ----------------------------------------------- */

static void
check_listings(struct ck *ck)
{
	const struct td_proto_batch *b = &ck->r->batch;
	size_t i;

	if (!ck->in->nlistings)
		td_ready_add(ck->out, TD_READY_BLOCKER, "no_listings", NULL,
			     NULL, "the case carries no listings");
	if (b->limit > 0 && ck->in->nlistings > (size_t)b->limit) {
		size_t parts = (ck->in->nlistings + (size_t)b->limit - 1) /
			       (size_t)b->limit;
		char fix[128];

		if (ck->in->case_id)
			snprintf(fix, sizeof(fix), "takedown case split %lld",
				 (long long)ck->in->case_id);
		else
			snprintf(fix, sizeof(fix), "takedown case split CASE");
		td_ready_add(ck->out, TD_READY_BLOCKER, "batch_over_limit",
			     NULL, fix,
			     "%zu listings, but %s takes at most %d %s: split "
			     "the case into %zu cases of at most %d",
			     ck->in->nlistings, ck->site, b->limit, b->unit,
			     parts, b->limit);
	}
	for (i = 0; i < ck->in->nlistings; i++) {
		const struct td_case_listing *l = &ck->in->listings[i];
		char subject[48];

		snprintf(subject, sizeof(subject), "listing %lld",
			 (long long)l->listing_id);
		if (l->finding_id && l->signals) {
			struct td_buf ev = TD_BUF_INIT;
			int none = td_notice_evidence(l, ck->right, "en", &ev);

			td_buf_release(&ev);
			if (none) {
				td_ready_add(
					ck->out, TD_READY_BLOCKER,
					"no_evidence", subject,
					"open the case on the right the "
					"finding matched, or take the "
					"listing out",
					"the finding on listing %lld gives "
					"nothing to cite for %s",
					(long long)l->listing_id,
					ck->right->key);
				continue;
			}
		}
		if (!l->finding_id || !l->signals) {
			td_ready_add(ck->out, TD_READY_BLOCKER, "no_evidence",
				     subject,
				     "scan the listing (takedown scan), or "
				     "take it out of the case",
				     "listing %lld (%s) has no finding, so the "
				     "complaint has no evidence for it",
				     (long long)l->listing_id,
				     l->url ? l->url : l->ext_id);
			continue;
		}
		if (l->rights.n && td_strv_find(&l->rights, ck->right->key) < 0)
			td_ready_add(ck->out, TD_READY_WARNING,
				     "evidence_other_right", subject, NULL,
				     "the finding on listing %lld matched %s, "
				     "not %s: its evidence may not support "
				     "this right",
				     (long long)l->listing_id, l->rights.v[0],
				     ck->right->key);
	}
}

static void
check_files(struct ck *ck)
{
	size_t i, k;

	if (!ck->in->verify)
		return;
	for (i = 0; i < ck->out->nattach; i++) {
		const struct td_document *ds[2];

		ds[0] = ck->out->attach[i].doc;
		ds[1] = ck->out->attach[i].translation;
		for (k = 0; k < 2; k++) {
			struct td_err e = TD_ERR_INIT;
			char fix[256];

			if (!ds[k] || !ds[k]->sha256)
				continue;
			if (ck->in->verify(ck->in->verify_arg, ds[k]->sha256,
					   &e) == 0)
				continue;
			snprintf(fix, sizeof(fix),
				 "add the original file again (takedown doc "
				 "add FILE --key %s ...)",
				 ds[k]->key);
			td_ready_add(ck->out, TD_READY_BLOCKER, "file_changed",
				     ds[k]->key, fix,
				     "the stored file of %s (%s) cannot be "
				     "attached: %s",
				     ds[k]->key,
				     ds[k]->filename ? ds[k]->filename : "?",
				     e.msg);
		}
	}
}

/* ---- the check -------------------------------------------------------- */

enum td_proto_holder
td_ready_holder(const struct td_portfolio *pf, const char *owner)
{
	const struct td_owner *o = td_portfolio_owner(pf, owner);
	int licence = 0, identity = 0;
	size_t i;

	if (o && o->business_licence)
		return TD_PROTO_COMPANY;
	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];

		if (!d->owner || strcmp(d->owner, owner) != 0)
			continue;
		licence |= d->kind == TD_DOC_BUSINESS_LICENCE;
		identity |= d->kind == TD_DOC_IDENTITY;
	}
	return !licence && identity ? TD_PROTO_INDIVIDUAL : TD_PROTO_COMPANY;
}

int
td_ready_check(const struct td_ready_input *in, struct td_ready_report *out,
	       struct td_err *err)
{
	const struct td_proto_req *reqs[64];
	struct td_proto_query q;
	struct ck ck;
	size_t n;

	memset(&ck, 0, sizeof(ck));
	ck.in = in;
	ck.out = out;
	ck.r = &in->site->r;
	ck.right = td_portfolio_right(in->pf, in->right);
	if (!ck.right)
		return td_errf(err, TD_ENOTFOUND, "no right '%s'", in->right);
	ck.owner = td_portfolio_owner(in->pf, ck.right->owner);
	if (!ck.owner)
		return td_errf(err, TD_ENOTFOUND, "no owner '%s'",
			       ck.right->owner);
	if (in->agent && !td_portfolio_agent(in->pf, in->agent))
		return td_errf(err, TD_ENOTFOUND, "no agent '%s'", in->agent);
	snprintf(ck.site, sizeof(ck.site), "%s", in->site->name);

	memset(&q, 0, sizeof(q));
	q.kind = (enum td_proto_right_kind)ck.right->kind;
	q.registry = ck.right->status == TD_STATUS_UNREGISTERED
			     ? NULL
			     : ck.right->jurisdiction;
	q.role = in->agent ? TD_PROTO_AGENT : TD_PROTO_OWNER;
	q.holder = td_ready_holder(in->pf, ck.owner->key);
	n = td_proto_required_docs(ck.r, &q, reqs, TD_ARRAY_LEN(reqs));
	if (n > TD_ARRAY_LEN(reqs))
		n = TD_ARRAY_LEN(reqs);

	check_filer(&ck);
	check_right(&ck);
	check_record(&ck);
	if (ck.r->right[q.kind].accepted)
		check_documents(&ck, reqs, n);
	check_listings(&ck);
	check_files(&ck);
	return 0;
}
