/* Portfolio entities: names of kinds, memory, lookups and the JSON form. */
#include "core/portfolio.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const right_kinds[] = {
	"trademark",      "copyright", "patent_invention",
	"patent_utility", "design",
};
static const char *const right_statuses[] = {
	"registered",
	"pending",
	"unregistered",
};
static const char *const doc_kinds[] = {
	"business_licence",
	"registration_certificate",
	"power_of_attorney",
	"translation",
	"court_order",
	"patent_evaluation_report",
	"comparison_chart",
	"identity",
	"other",
};
static const char *const verify_statuses[] = {
	"pending",
	"verified",
	"rejected",
};

static const char *
name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "?";
}

static int
parse_name(const char *const *names, size_t n, const char *s)
{
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define NAMES(fn_name, fn_parse, table)                                        \
	const char *fn_name(int v)                                             \
	{                                                                      \
		return name_of(table, TD_ARRAY_LEN(table), v);                 \
	}                                                                      \
	int fn_parse(const char *s)                                            \
	{                                                                      \
		return parse_name(table, TD_ARRAY_LEN(table), s);              \
	}

NAMES(td_right_kind_name, td_right_kind_parse, right_kinds)
NAMES(td_right_status_name, td_right_status_parse, right_statuses)
NAMES(td_doc_kind_name, td_doc_kind_parse, doc_kinds)
NAMES(td_verify_status_name, td_verify_status_parse, verify_statuses)

int
td_right_kind_is_patent(int kind)
{
	return kind == TD_RIGHT_PATENT_INVENTION ||
	       kind == TD_RIGHT_PATENT_UTILITY || kind == TD_RIGHT_DESIGN;
}

int
td_key_valid(const char *s)
{
	size_t n;

	if (!s || !*s)
		return 0;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      (*s >= '0' && *s <= '9')))
		return 0;
	for (n = 0; s[n]; n++) {
		char c = s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
	}
	return n <= 64;
}

/* --- memory ------------------------------------------------------------ */

void
td_owner_release(struct td_owner *o)
{
	free(o->key);
	free(o->name);
	free(o->name_zh);
	free(o->country);
	free(o->business_licence);
	free(o->contact);
	memset(o, 0, sizeof(*o));
}

void
td_right_release(struct td_right *r)
{
	size_t i;

	free(r->key);
	free(r->owner);
	free(r->title);
	free(r->mark);
	free(r->reg_no);
	free(r->jurisdiction);
	td_strv_release(&r->classes);
	for (i = 0; i < r->nterms; i++) {
		free(r->terms[i].text);
		free(r->terms[i].lang);
		free(r->terms[i].kind);
	}
	free(r->terms);
	memset(r, 0, sizeof(*r));
}

void
td_product_release(struct td_product *p)
{
	size_t i;

	free(p->sku);
	free(p->owner);
	free(p->name);
	free(p->name_zh);
	free(p->currency);
	td_strv_release(&p->markets);
	td_strv_release(&p->planned);
	td_strv_release(&p->rights);
	for (i = 0; i < p->nimages; i++) {
		free(p->images[i].path);
		free(p->images[i].filename);
		free(p->images[i].sha256);
		free(p->images[i].partner);
	}
	free(p->images);
	memset(p, 0, sizeof(*p));
}

void
td_partner_release(struct td_partner *p)
{
	free(p->key);
	free(p->owner);
	free(p->kind);
	free(p->name);
	free(p->location);
	free(p->country);
	memset(p, 0, sizeof(*p));
}

void
td_agent_release(struct td_agent *a)
{
	free(a->key);
	free(a->name);
	free(a->kind);
	free(a->contact);
	memset(a, 0, sizeof(*a));
}

void
td_document_release(struct td_document *d)
{
	free(d->key);
	free(d->owner);
	td_strv_release(&d->rights);
	free(d->title);
	free(d->lang);
	free(d->translates);
	free(d->path);
	free(d->filename);
	free(d->sha256);
	memset(d, 0, sizeof(*d));
}

void
td_authorisation_release(struct td_authorisation *a)
{
	free(a->owner);
	free(a->agent);
	free(a->document);
	td_strv_release(&a->rights);
	memset(a, 0, sizeof(*a));
}

void
td_verification_release(struct td_verification *v)
{
	free(v->right);
	free(v->platform);
	memset(v, 0, sizeof(*v));
}

#define RELEASE_ALL(arr, n, fn)                                                \
	do {                                                                   \
		size_t i_;                                                     \
		for (i_ = 0; i_ < (n); i_++)                                   \
			fn(&(arr)[i_]);                                        \
		free(arr);                                                     \
	} while (0)

void
td_portfolio_release(struct td_portfolio *pf)
{
	RELEASE_ALL(pf->owners, pf->nowners, td_owner_release);
	RELEASE_ALL(pf->rights, pf->nrights, td_right_release);
	RELEASE_ALL(pf->products, pf->nproducts, td_product_release);
	RELEASE_ALL(pf->partners, pf->npartners, td_partner_release);
	RELEASE_ALL(pf->agents, pf->nagents, td_agent_release);
	RELEASE_ALL(pf->documents, pf->ndocuments, td_document_release);
	RELEASE_ALL(pf->auths, pf->nauths, td_authorisation_release);
	RELEASE_ALL(pf->verifications, pf->nverifications,
		    td_verification_release);
	memset(pf, 0, sizeof(*pf));
}

#define ADD(arr, n, alloc)                                                     \
	(TD_GROW(arr, (n) + 1, alloc), memset(&(arr)[n], 0, sizeof((arr)[n])), \
	 &(arr)[(n)++])

struct td_owner *
td_portfolio_add_owner(struct td_portfolio *pf)
{
	return ADD(pf->owners, pf->nowners, pf->owners_alloc);
}

struct td_right *
td_portfolio_add_right(struct td_portfolio *pf)
{
	struct td_right *r = ADD(pf->rights, pf->nrights, pf->rights_alloc);

	r->valid_from = r->valid_to = TD_DATE_NONE;
	r->protect_from = r->protect_to = TD_DATE_NONE;
	return r;
}

struct td_product *
td_portfolio_add_product(struct td_portfolio *pf)
{
	struct td_product *p =
		ADD(pf->products, pf->nproducts, pf->products_alloc);

	p->launch_date = TD_DATE_NONE;
	return p;
}

struct td_partner *
td_portfolio_add_partner(struct td_portfolio *pf)
{
	return ADD(pf->partners, pf->npartners, pf->partners_alloc);
}

struct td_agent *
td_portfolio_add_agent(struct td_portfolio *pf)
{
	return ADD(pf->agents, pf->nagents, pf->agents_alloc);
}

struct td_document *
td_portfolio_add_document(struct td_portfolio *pf)
{
	struct td_document *d =
		ADD(pf->documents, pf->ndocuments, pf->documents_alloc);

	d->issued = d->expires = TD_DATE_NONE;
	return d;
}

struct td_authorisation *
td_portfolio_add_auth(struct td_portfolio *pf)
{
	struct td_authorisation *a =
		ADD(pf->auths, pf->nauths, pf->auths_alloc);

	a->valid_from = a->valid_to = TD_DATE_NONE;
	return a;
}

struct td_verification *
td_portfolio_add_verification(struct td_portfolio *pf)
{
	struct td_verification *v = ADD(pf->verifications, pf->nverifications,
					pf->verifications_alloc);

	v->date = TD_DATE_NONE;
	return v;
}

struct td_term *
td_right_add_term(struct td_right *r, const char *text, const char *lang,
		  const char *kind)
{
	struct td_term *t = ADD(r->terms, r->nterms, r->terms_alloc);

	t->text = td_xstrdup(text);
	t->lang = td_xstrdup(lang ? lang : "und");
	t->kind = td_xstrdup(kind ? kind : "alias");
	return t;
}

struct td_photo *
td_product_add_image(struct td_product *p)
{
	return ADD(p->images, p->nimages, p->images_alloc);
}

#define FIND(arr, n, field, key)                                               \
	do {                                                                   \
		size_t i_;                                                     \
		if (!(key))                                                    \
			return NULL;                                           \
		for (i_ = (n); i_-- > 0;)                                      \
			if ((arr)[i_].field &&                                 \
			    strcmp((arr)[i_].field, (key)) == 0)               \
				return &(arr)[i_];                             \
		return NULL;                                                   \
	} while (0)

struct td_owner *
td_portfolio_owner(const struct td_portfolio *pf, const char *key)
{
	FIND(pf->owners, pf->nowners, key, key);
}

struct td_right *
td_portfolio_right(const struct td_portfolio *pf, const char *key)
{
	FIND(pf->rights, pf->nrights, key, key);
}

struct td_product *
td_portfolio_product(const struct td_portfolio *pf, const char *sku)
{
	FIND(pf->products, pf->nproducts, sku, sku);
}

struct td_partner *
td_portfolio_partner(const struct td_portfolio *pf, const char *key)
{
	FIND(pf->partners, pf->npartners, key, key);
}

struct td_agent *
td_portfolio_agent(const struct td_portfolio *pf, const char *key)
{
	FIND(pf->agents, pf->nagents, key, key);
}

struct td_document *
td_portfolio_document(const struct td_portfolio *pf, const char *key)
{
	FIND(pf->documents, pf->ndocuments, key, key);
}

/* --- to JSON ------------------------------------------------------------ */

static void
set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

static void
set_date(json_t *o, const char *k, int32_t d)
{
	char s[TD_DATE_LEN];

	if (d == TD_DATE_NONE)
		return;
	td_date_format(d, s);
	json_object_set_new(o, k, json_string(s));
}

static json_t *
strv_json(const struct td_strv *sv)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

static json_t *
number_json(double v)
{
	/* Whole amounts stay integers so files read back as written. */
	if (v == (double)(json_int_t)v && v > -1e15 && v < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

json_t *
td_owner_to_json(const struct td_owner *o)
{
	json_t *j = json_object();

	set_str(j, "key", o->key);
	set_str(j, "name", o->name);
	set_str(j, "name_zh", o->name_zh);
	set_str(j, "country", o->country);
	set_str(j, "business_licence", o->business_licence);
	set_str(j, "contact", o->contact);
	return j;
}

json_t *
td_right_to_json(const struct td_right *r)
{
	json_t *j = json_object();
	json_t *terms = json_array();
	json_t *classes = json_array();
	size_t i;

	set_str(j, "key", r->key);
	set_str(j, "owner", r->owner);
	set_str(j, "kind", td_right_kind_name(r->kind));
	set_str(j, "title", r->title);
	set_str(j, "mark", r->mark);
	set_str(j, "reg_no", r->reg_no);
	set_str(j, "jurisdiction", r->jurisdiction);
	for (i = 0; i < r->classes.n; i++) {
		const char *c = r->classes.v[i];
		char *end;
		long n = strtol(c, &end, 10);

		/* Nice classes are numbers in the file; Locarno ones text. */
		if (*c && !*end && c[0] != '0')
			json_array_append_new(classes, json_integer(n));
		else
			json_array_append_new(classes, json_string(c));
	}
	json_object_set_new(j, "classes", classes);
	set_str(j, "status", td_right_status_name(r->status));
	set_date(j, "valid_from", r->valid_from);
	set_date(j, "valid_to", r->valid_to);
	set_date(j, "protect_from", r->protect_from);
	set_date(j, "protect_to", r->protect_to);
	for (i = 0; i < r->nterms; i++) {
		json_t *t = json_object();

		set_str(t, "text", r->terms[i].text);
		set_str(t, "lang", r->terms[i].lang);
		set_str(t, "kind", r->terms[i].kind);
		json_array_append_new(terms, t);
	}
	json_object_set_new(j, "terms", terms);
	return j;
}

json_t *
td_product_to_json(const struct td_product *p)
{
	json_t *j = json_object();
	json_t *imgs = json_array();
	size_t i;

	set_str(j, "sku", p->sku);
	set_str(j, "owner", p->owner);
	set_str(j, "name", p->name);
	if (p->name_zh)
		set_str(j, "name_zh", p->name_zh);
	json_object_set_new(j, "msrp", number_json(p->msrp));
	set_str(j, "currency", p->currency);
	json_object_set_new(j, "margin", number_json(p->margin));
	json_object_set_new(j, "markets", strv_json(&p->markets));
	json_object_set_new(j, "planned_markets", strv_json(&p->planned));
	set_date(j, "launch_date", p->launch_date);
	json_object_set_new(j, "rights", strv_json(&p->rights));
	for (i = 0; i < p->nimages; i++) {
		const struct td_photo *im = &p->images[i];
		json_t *o = json_object();

		set_str(o, "path", im->path);
		if (im->partner)
			set_str(o, "partner", im->partner);
		else
			json_object_set_new(o, "public", json_true());
		set_str(o, "filename", im->filename);
		set_str(o, "sha256", im->sha256);
		json_array_append_new(imgs, o);
	}
	json_object_set_new(j, "images", imgs);
	return j;
}

json_t *
td_partner_to_json(const struct td_partner *p)
{
	json_t *j = json_object();

	set_str(j, "key", p->key);
	set_str(j, "owner", p->owner);
	set_str(j, "kind", p->kind);
	set_str(j, "name", p->name);
	set_str(j, "location", p->location);
	set_str(j, "country", p->country);
	return j;
}

json_t *
td_agent_to_json(const struct td_agent *a)
{
	json_t *j = json_object();

	set_str(j, "key", a->key);
	set_str(j, "name", a->name);
	set_str(j, "kind", a->kind);
	set_str(j, "contact", a->contact);
	return j;
}

json_t *
td_document_to_json(const struct td_document *d)
{
	json_t *j = json_object();

	set_str(j, "key", d->key);
	set_str(j, "path", d->path);
	set_str(j, "kind", td_doc_kind_name(d->kind));
	set_str(j, "owner", d->owner);
	json_object_set_new(j, "rights", strv_json(&d->rights));
	set_str(j, "title", d->title);
	set_str(j, "lang", d->lang);
	set_date(j, "issued", d->issued);
	set_date(j, "expires", d->expires);
	set_str(j, "translates", d->translates);
	set_str(j, "filename", d->filename);
	set_str(j, "sha256", d->sha256);
	if (d->sha256)
		json_object_set_new(j, "size", json_integer(d->size));
	return j;
}

json_t *
td_authorisation_to_json(const struct td_authorisation *a)
{
	json_t *j = json_object();

	set_str(j, "owner", a->owner);
	set_str(j, "agent", a->agent);
	set_str(j, "document", a->document);
	if (a->rights.n)
		json_object_set_new(j, "rights", strv_json(&a->rights));
	set_date(j, "valid_from", a->valid_from);
	set_date(j, "valid_to", a->valid_to);
	return j;
}

json_t *
td_verification_to_json(const struct td_verification *v)
{
	json_t *j = json_object();

	set_str(j, "right", v->right);
	set_str(j, "platform", v->platform);
	set_str(j, "status", td_verify_status_name(v->status));
	set_date(j, "date", v->date);
	return j;
}

json_t *
td_portfolio_to_json(const struct td_portfolio *pf)
{
	json_t *j = json_object();
	json_t *a;
	size_t i;

#define SECTION(name, arr, n, fn)                                              \
	a = json_array();                                                      \
	for (i = 0; i < (n); i++)                                              \
		json_array_append_new(a, fn(&(arr)[i]));                       \
	json_object_set_new(j, name, a)

	SECTION("owners", pf->owners, pf->nowners, td_owner_to_json);
	SECTION("rights", pf->rights, pf->nrights, td_right_to_json);
	SECTION("products", pf->products, pf->nproducts, td_product_to_json);
	SECTION("partners", pf->partners, pf->npartners, td_partner_to_json);
	SECTION("agents", pf->agents, pf->nagents, td_agent_to_json);
	SECTION("documents", pf->documents, pf->ndocuments,
		td_document_to_json);
	SECTION("authorisations", pf->auths, pf->nauths,
		td_authorisation_to_json);
	SECTION("verifications", pf->verifications, pf->nverifications,
		td_verification_to_json);
#undef SECTION
	return j;
}
