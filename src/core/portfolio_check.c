/*
 * Rules between entities: duplicate keys, links to unknown keys, a
 * registration number used twice in one jurisdiction, validity and
 * protect periods. A change (an import file, a command) is checked
 * together with what is stored, so a file may refer to an owner added
 * earlier.
 */
#include "core/portfolio.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

struct ck {
	const struct td_portfolio *cur; /* stored, or NULL */
	const struct td_portfolio *chg; /* the change */
	const char *file;               /* chg's source, or NULL */
	struct td_err *err;
};

static int bad(struct ck *ck, const char *section, size_t i, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
bad(struct ck *ck, const char *section, size_t i, const char *field,
    const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!ck->file)
		return td_errf(ck->err, TD_EINVAL, "%s: %s",
			       field ? field : section, reason);
	return td_errf(ck->err, TD_EINVAL, "%s: %s[%zu]%s%s: %s", ck->file,
		       section, i, field ? "." : "", field ? field : "",
		       reason);
}

/* Look a key up in the change, then in the store. */
#define LOOKUP(fn, ck, key)                                                    \
	((ck)->chg && fn((ck)->chg, key) ? fn((ck)->chg, key)                  \
	 : (ck)->cur                     ? fn((ck)->cur, key)                  \
					 : NULL)

static const struct td_owner *
owner(struct ck *ck, const char *key)
{
	return LOOKUP(td_portfolio_owner, ck, key);
}

static const struct td_right *
right(struct ck *ck, const char *key)
{
	return LOOKUP(td_portfolio_right, ck, key);
}

static const struct td_partner *
partner(struct ck *ck, const char *key)
{
	return LOOKUP(td_portfolio_partner, ck, key);
}

static const struct td_agent *
agent(struct ck *ck, const char *key)
{
	return LOOKUP(td_portfolio_agent, ck, key);
}

static const struct td_document *
document(struct ck *ck, const char *key)
{
	return LOOKUP(td_portfolio_document, ck, key);
}

static int
check_dups(struct ck *ck)
{
	const struct td_portfolio *p = ck->chg;
	size_t i, j;

#define DUPS(section, arr, n, field, what)                                     \
	for (i = 0; i < (n); i++)                                              \
		for (j = 0; j < i; j++)                                        \
			if (strcmp((arr)[i].field, (arr)[j].field) == 0)       \
				return bad(ck, section, i, #field,             \
					   what                                \
					   " '%s' is already used by " section \
					   "[%zu]",                            \
					   (arr)[i].field, j);
	DUPS("owners", p->owners, p->nowners, key, "key")
	DUPS("rights", p->rights, p->nrights, key, "key")
	DUPS("products", p->products, p->nproducts, sku, "SKU")
	DUPS("partners", p->partners, p->npartners, key, "key")
	DUPS("agents", p->agents, p->nagents, key, "key")
	DUPS("documents", p->documents, p->ndocuments, key, "key")
#undef DUPS
	for (i = 0; i < p->nauths; i++)
		for (j = 0; j < i; j++)
			if (strcmp(p->auths[i].owner, p->auths[j].owner) == 0 &&
			    strcmp(p->auths[i].agent, p->auths[j].agent) == 0)
				return bad(ck, "authorisations", i, "agent",
					   "agent '%s' is already authorised "
					   "for owner '%s' by "
					   "authorisations[%zu]",
					   p->auths[i].agent, p->auths[i].owner,
					   j);
	for (i = 0; i < p->nverifications; i++)
		for (j = 0; j < i; j++)
			if (strcmp(p->verifications[i].right,
				   p->verifications[j].right) == 0 &&
			    strcmp(p->verifications[i].platform,
				   p->verifications[j].platform) == 0)
				return bad(ck, "verifications", i, "platform",
					   "right '%s' on '%s' is already "
					   "given by verifications[%zu]",
					   p->verifications[i].right,
					   p->verifications[i].platform, j);
	return 0;
}

static int
check_right_period(struct ck *ck, size_t i, const struct td_right *r)
{
	char a[TD_DATE_LEN], b[TD_DATE_LEN];

	if (r->valid_from != TD_DATE_NONE && r->valid_to != TD_DATE_NONE &&
	    r->valid_to < r->valid_from) {
		td_date_format(r->valid_to, a);
		td_date_format(r->valid_from, b);
		return bad(ck, "rights", i, "valid_to",
			   "%s is before valid_from %s", a, b);
	}
	if (r->protect_from != TD_DATE_NONE && r->protect_to != TD_DATE_NONE &&
	    r->protect_to < r->protect_from) {
		td_date_format(r->protect_to, a);
		td_date_format(r->protect_from, b);
		return bad(ck, "rights", i, "protect_to",
			   "%s is before protect_from %s", a, b);
	}
	if (r->protect_from != TD_DATE_NONE && r->valid_from != TD_DATE_NONE &&
	    r->protect_from < r->valid_from) {
		td_date_format(r->protect_from, a);
		td_date_format(r->valid_from, b);
		return bad(ck, "rights", i, "protect_from",
			   "%s is outside the validity: the right is valid "
			   "only from %s",
			   a, b);
	}
	if (r->protect_to != TD_DATE_NONE && r->valid_to != TD_DATE_NONE &&
	    r->protect_to > r->valid_to) {
		td_date_format(r->protect_to, a);
		td_date_format(r->valid_to, b);
		return bad(ck, "rights", i, "protect_to",
			   "%s is outside the validity: the right ends on %s",
			   a, b);
	}
	if (r->protect_from != TD_DATE_NONE && r->valid_to != TD_DATE_NONE &&
	    r->protect_from > r->valid_to) {
		td_date_format(r->protect_from, a);
		td_date_format(r->valid_to, b);
		return bad(ck, "rights", i, "protect_from",
			   "%s is outside the validity: the right ends on %s",
			   a, b);
	}
	return 0;
}

static int
check_rights(struct ck *ck)
{
	const struct td_portfolio *p = ck->chg;
	size_t i, j;
	int rc;

	for (i = 0; i < p->nrights; i++) {
		const struct td_right *r = &p->rights[i];

		if (!owner(ck, r->owner))
			return bad(ck, "rights", i, "owner",
				   "no owner '%s' in the file or the "
				   "workspace",
				   r->owner);
		if (r->status == TD_STATUS_REGISTERED && !r->reg_no)
			return bad(ck, "rights", i, "reg_no",
				   "a registered right needs its registration "
				   "number");
		if ((rc = check_right_period(ck, i, r)))
			return rc;
		if (!r->reg_no)
			continue;
		for (j = 0; j < i; j++)
			if (p->rights[j].reg_no &&
			    strcmp(p->rights[j].reg_no, r->reg_no) == 0 &&
			    strcmp(p->rights[j].jurisdiction,
				   r->jurisdiction) == 0)
				return bad(ck, "rights", i, "reg_no",
					   "registration number %s in %s is "
					   "already used by rights[%zu] ('%s')",
					   r->reg_no, r->jurisdiction, j,
					   p->rights[j].key);
		for (j = 0; ck->cur && j < ck->cur->nrights; j++) {
			const struct td_right *o = &ck->cur->rights[j];

			if (o->reg_no && strcmp(o->reg_no, r->reg_no) == 0 &&
			    strcmp(o->jurisdiction, r->jurisdiction) == 0 &&
			    strcmp(o->key, r->key) != 0 &&
			    !td_portfolio_right(p, o->key))
				return bad(ck, "rights", i, "reg_no",
					   "registration number %s in %s is "
					   "already used by right '%s' in the "
					   "workspace",
					   r->reg_no, r->jurisdiction, o->key);
		}
	}
	return 0;
}

static int
check_products(struct ck *ck)
{
	const struct td_portfolio *p = ck->chg;
	size_t i, j;

	for (i = 0; i < p->nproducts; i++) {
		const struct td_product *pr = &p->products[i];

		if (!owner(ck, pr->owner))
			return bad(ck, "products", i, "owner",
				   "no owner '%s' in the file or the "
				   "workspace",
				   pr->owner);
		for (j = 0; j < pr->rights.n; j++) {
			char field[32];

			snprintf(field, sizeof(field), "rights[%zu]", j);
			if (!right(ck, pr->rights.v[j]))
				return bad(ck, "products", i, field,
					   "no right '%s' in the file or the "
					   "workspace",
					   pr->rights.v[j]);
		}
		for (j = 0; j < pr->nimages; j++) {
			const struct td_partner *pa;
			char field[48];

			if (!pr->images[j].partner)
				continue;
			snprintf(field, sizeof(field), "images[%zu].partner",
				 j);
			pa = partner(ck, pr->images[j].partner);
			if (!pa)
				return bad(ck, "products", i, field,
					   "no partner '%s' in the file or the "
					   "workspace",
					   pr->images[j].partner);
			if (strcmp(pa->owner, pr->owner) != 0)
				return bad(ck, "products", i, field,
					   "partner '%s' works for owner '%s', "
					   "not '%s'",
					   pa->key, pa->owner, pr->owner);
		}
	}
	return 0;
}

static int
check_others(struct ck *ck)
{
	const struct td_portfolio *p = ck->chg;
	size_t i, j;

	for (i = 0; i < p->npartners; i++)
		if (!owner(ck, p->partners[i].owner))
			return bad(ck, "partners", i, "owner",
				   "no owner '%s' in the file or the "
				   "workspace",
				   p->partners[i].owner);
	for (i = 0; i < p->ndocuments; i++) {
		const struct td_document *d = &p->documents[i];
		const struct td_document *t;

		if (d->owner && !owner(ck, d->owner))
			return bad(ck, "documents", i, "owner",
				   "no owner '%s' in the file or the "
				   "workspace",
				   d->owner);
		for (j = 0; j < d->rights.n; j++) {
			const struct td_right *r = right(ck, d->rights.v[j]);
			char field[32];

			snprintf(field, sizeof(field), "rights[%zu]", j);
			if (!r)
				return bad(ck, "documents", i, field,
					   "no right '%s' in the file or the "
					   "workspace",
					   d->rights.v[j]);
			if (d->owner && strcmp(r->owner, d->owner) != 0)
				return bad(ck, "documents", i, field,
					   "right '%s' belongs to owner '%s', "
					   "not '%s'",
					   r->key, r->owner, d->owner);
		}
		if (d->issued != TD_DATE_NONE && d->expires != TD_DATE_NONE &&
		    d->expires < d->issued)
			return bad(ck, "documents", i, "expires",
				   "is before the date it was issued");
		if (!d->translates)
			continue;
		if (strcmp(d->translates, d->key) == 0)
			return bad(ck, "documents", i, "translates",
				   "a document cannot translate itself");
		t = document(ck, d->translates);
		if (!t)
			return bad(ck, "documents", i, "translates",
				   "no document '%s' in the file or the "
				   "workspace",
				   d->translates);
		if (t->translates && strcmp(t->translates, d->key) == 0)
			return bad(ck, "documents", i, "translates",
				   "'%s' already translates '%s'", t->key,
				   d->key);
	}
	for (i = 0; i < p->nauths; i++) {
		const struct td_authorisation *a = &p->auths[i];
		const struct td_document *d;

		if (!owner(ck, a->owner))
			return bad(ck, "authorisations", i, "owner",
				   "no owner '%s' in the file or the "
				   "workspace",
				   a->owner);
		if (!agent(ck, a->agent))
			return bad(ck, "authorisations", i, "agent",
				   "no agent '%s' in the file or the "
				   "workspace",
				   a->agent);
		if (a->valid_from != TD_DATE_NONE &&
		    a->valid_to != TD_DATE_NONE && a->valid_to < a->valid_from)
			return bad(ck, "authorisations", i, "valid_to",
				   "is before valid_from");
		for (j = 0; j < a->rights.n; j++) {
			const struct td_right *r = right(ck, a->rights.v[j]);
			char field[32];

			snprintf(field, sizeof(field), "rights[%zu]", j);
			if (!r)
				return bad(ck, "authorisations", i, field,
					   "no right '%s' in the file or the "
					   "workspace",
					   a->rights.v[j]);
			if (strcmp(r->owner, a->owner) != 0)
				return bad(ck, "authorisations", i, field,
					   "right '%s' belongs to owner '%s', "
					   "not '%s'",
					   r->key, r->owner, a->owner);
		}
		if (!a->document)
			continue;
		d = document(ck, a->document);
		if (!d)
			return bad(ck, "authorisations", i, "document",
				   "no document '%s' in the file or the "
				   "workspace",
				   a->document);
		if (d->kind != TD_DOC_POWER_OF_ATTORNEY)
			return bad(ck, "authorisations", i, "document",
				   "'%s' is a %s, not a power_of_attorney",
				   d->key, td_doc_kind_name(d->kind));
	}
	for (i = 0; i < p->nverifications; i++)
		if (!right(ck, p->verifications[i].right))
			return bad(ck, "verifications", i, "right",
				   "no right '%s' in the file or the "
				   "workspace",
				   p->verifications[i].right);
	return 0;
}

int
td_portfolio_validate(const struct td_portfolio *cur,
		      const struct td_portfolio *chg, const char *file,
		      struct td_err *err)
{
	struct ck ck;
	int rc;

	ck.cur = cur;
	ck.chg = chg;
	ck.file = file;
	ck.err = err;
	if ((rc = check_dups(&ck)) || (rc = check_rights(&ck)) ||
	    (rc = check_products(&ck)) || (rc = check_others(&ck)))
		return rc;
	return 0;
}
