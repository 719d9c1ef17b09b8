/*
 * Reading a portfolio from JSON: types, formats and codes of every field.
 * Cross-entity rules (duplicates, links, periods) are in
 * portfolio_check.c. Messages name the file and the JSON path of the
 * field: "p.json: rights[3].valid_to: not a date (YYYY-MM-DD)".
 */
#include "core/portfolio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

struct rd {
	const char *file;   /* source name, or NULL for command options */
	const char *base;   /* directory for relative paths, or NULL */
	struct td_err *err; /* where the message goes */
	char at[96];        /* "rights[3]" */
};

static int bad(struct rd *rd, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
bad(struct rd *rd, const char *field, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!rd->file)
		/* Command options: the field name is what the user typed. */
		return td_errf(rd->err, TD_EINVAL, "%s: %s",
			       field ? field : rd->at, reason);
	if (field)
		return td_errf(rd->err, TD_EINVAL, "%s: %s.%s: %s", rd->file,
			       rd->at, field, reason);
	return td_errf(rd->err, TD_EINVAL, "%s: %s: %s", rd->file, rd->at,
		       reason);
}

static int
check_fields(struct rd *rd, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;

	if (!json_is_object(obj))
		return bad(rd, NULL, "must be an object");
	json_object_foreach(obj, key, v)
	{
		const char *const *a;

		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			return bad(rd, key, "unknown field");
	}
	return 0;
}

static int
get_str(struct rd *rd, json_t *obj, const char *key, int required, char **out)
{
	json_t *v = json_object_get(obj, key);
	const char *s;

	if (!v || json_is_null(v)) {
		if (required)
			return bad(rd, key, "missing");
		return 0;
	}
	if (!json_is_string(v))
		return bad(rd, key, "must be a string");
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return bad(rd, key, "contains a NUL character");
	if (required && !*s)
		return bad(rd, key, "must not be empty");
	free(*out);
	*out = *s ? td_xstrdup(s) : NULL;
	return 0;
}

static int
get_key(struct rd *rd, json_t *obj, const char *key, int required, char **out)
{
	int rc = get_str(rd, obj, key, required, out);

	if (rc == 0 && *out && !td_key_valid(*out))
		return bad(rd, key,
			   "'%s' is not a valid key (1-64 letters, digits, "
			   "'.', '_' or '-', starting with a letter or digit)",
			   *out);
	return rc;
}

static int
get_date(struct rd *rd, json_t *obj, const char *key, int32_t *out)
{
	char *s = NULL;
	int rc = get_str(rd, obj, key, 0, &s);

	if (rc == 0 && s && td_date_parse(s, out) < 0)
		rc = bad(rd, key, "'%s' is not a date (YYYY-MM-DD)", s);
	free(s);
	return rc;
}

static int
get_country(struct rd *rd, json_t *obj, const char *key, int required,
	    char **out)
{
	int rc = get_str(rd, obj, key, required, out);

	if (rc == 0 && *out && !td_country_valid(*out))
		return bad(rd, key,
			   "'%s' is not an ISO 3166 country code (two "
			   "capital letters such as CN or US)",
			   *out);
	return rc;
}

static int
get_number(struct rd *rd, json_t *obj, const char *key, int required,
	   double *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return required ? bad(rd, key, "missing") : 0;
	if (!json_is_number(v))
		return bad(rd, key, "must be a number");
	*out = json_number_value(v);
	return 0;
}

/* An array of strings (or, with numbers_ok, of numbers kept as text). */
static int
get_strv(struct rd *rd, json_t *obj, const char *key, int numbers_ok,
	 struct td_strv *out)
{
	json_t *v = json_object_get(obj, key);
	json_t *e;
	size_t i;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return bad(rd, key, "must be a list");
	td_strv_release(out);
	json_array_foreach(v, i, e)
	{
		char field[64];

		snprintf(field, sizeof(field), "%s[%zu]", key, i);
		if (json_is_string(e) && json_string_length(e) &&
		    strlen(json_string_value(e)) == json_string_length(e)) {
			td_strv_push(out, json_string_value(e));
		} else if (numbers_ok && json_is_integer(e) &&
			   json_integer_value(e) > 0) {
			char num[32];

			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
				 json_integer_value(e));
			td_strv_push(out, num);
		} else {
			return bad(rd, field,
				   numbers_ok ? "must be a positive "
						"number or a string"
					      : "must be a non-empty "
						"string");
		}
	}
	return 0;
}

static int
get_countries(struct rd *rd, json_t *obj, const char *key, struct td_strv *out)
{
	size_t i;
	int rc = get_strv(rd, obj, key, 0, out);

	for (i = 0; rc == 0 && i < out->n; i++) {
		char field[64];

		snprintf(field, sizeof(field), "%s[%zu]", key, i);
		if (!td_country_valid(out->v[i]))
			rc = bad(rd, field,
				 "'%s' is not an ISO 3166 country code",
				 out->v[i]);
	}
	return rc;
}

static int
get_keys(struct rd *rd, json_t *obj, const char *key, struct td_strv *out)
{
	size_t i;
	int rc = get_strv(rd, obj, key, 0, out);

	for (i = 0; rc == 0 && i < out->n; i++) {
		char field[64];

		snprintf(field, sizeof(field), "%s[%zu]", key, i);
		if (!td_key_valid(out->v[i]))
			rc = bad(rd, field, "'%s' is not a valid key",
				 out->v[i]);
	}
	return rc;
}

static int
get_enum(struct rd *rd, json_t *obj, const char *key, int required,
	 int (*parse)(const char *), const char *choices, int *out)
{
	char *s = NULL;
	int rc = get_str(rd, obj, key, required, &s);

	if (rc == 0 && s) {
		int v = parse(s);

		if (v < 0)
			rc = bad(rd, key, "'%s' is not one of: %s", s, choices);
		else
			*out = v;
	}
	free(s);
	return rc;
}

static int
word_in(const char *s, const char *words)
{
	size_t n = strlen(s);
	const char *p;

	for (p = strstr(words, s); p; p = strstr(p + 1, s))
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

static int
get_word(struct rd *rd, json_t *obj, const char *key, int required,
	 const char *words, char **out)
{
	int rc = get_str(rd, obj, key, required, out);

	if (rc == 0 && *out && !word_in(*out, words))
		return bad(rd, key, "'%s' is not one of: %s", *out, words);
	return rc;
}

/* A path relative to the file's directory. */
static int
get_path(struct rd *rd, json_t *obj, const char *key, int required, char **out)
{
	int rc = get_str(rd, obj, key, required, out);

	if (rc == 0 && *out && rd->base && (*out)[0] != '/') {
		struct td_buf b = TD_BUF_INIT;

		td_buf_addf(&b, "%s/%s", rd->base, *out);
		free(*out);
		*out = td_buf_detach(&b, NULL);
	}
	return rc;
}

static int
get_sha(struct rd *rd, json_t *obj, char **out)
{
	int rc = get_str(rd, obj, "sha256", 0, out);

	if (rc == 0 && *out && !td_sha256_valid(*out))
		return bad(rd, "sha256", "not a hex SHA-256");
	return rc;
}

/* --- sections ----------------------------------------------------------- */

static int
read_owner(struct rd *rd, json_t *j, struct td_owner *o)
{
	static const char *const f[] = {
		"key",     "name", "name_zh", "country", "business_licence",
		"contact", NULL};
	int rc;

	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "key", 1, &o->key)) ||
	    (rc = get_str(rd, j, "name", 1, &o->name)) ||
	    (rc = get_str(rd, j, "name_zh", 0, &o->name_zh)) ||
	    (rc = get_country(rd, j, "country", 1, &o->country)) ||
	    (rc = get_str(rd, j, "business_licence", 0,
			  &o->business_licence)) ||
	    (rc = get_str(rd, j, "contact", 0, &o->contact)))
		return rc;
	return 0;
}

static int
has_cjk(const char *s)
{
	/* UTF-8 lead bytes 0xE3..0xE9 cover U+3000..U+9FFF. */
	for (; *s; s++)
		if ((unsigned char)*s >= 0xe3 && (unsigned char)*s <= 0xe9)
			return 1;
	return 0;
}

static int
read_terms(struct rd *rd, json_t *j, struct td_right *r)
{
	static const char *const f[] = {"text", "lang", "kind", NULL};
	json_t *terms = json_object_get(j, "terms");
	json_t *t;
	size_t i;
	int rc;

	if (!terms || json_is_null(terms))
		return 0;
	if (!json_is_array(terms))
		return bad(rd, "terms", "must be a list");
	json_array_foreach(terms, i, t)
	{
		char *text = NULL, *lang = NULL, *kind = NULL;
		char saved[sizeof(rd->at)];
		size_t k;

		memcpy(saved, rd->at, sizeof(saved));
		snprintf(rd->at + strlen(rd->at),
			 sizeof(rd->at) - strlen(rd->at), "%sterms[%zu]",
			 rd->file ? "." : "", i);
		if (!rd->file)
			snprintf(rd->at, sizeof(rd->at), "terms[%zu]", i);
		if (json_is_string(t)) {
			text = td_xstrdup(json_string_value(t));
			rc = 0;
		} else if ((rc = check_fields(rd, t, f)) == 0 &&
			   (rc = get_str(rd, t, "text", 1, &text)) == 0 &&
			   (rc = get_str(rd, t, "lang", 0, &lang)) == 0) {
			rc = get_word(rd, t, "kind", 0, TD_TERM_KINDS, &kind);
		}
		if (rc == 0 && (!text || !*text))
			rc = bad(rd, NULL, "a term must not be empty");
		for (k = 0; rc == 0 && k < r->nterms; k++)
			if (strcmp(r->terms[k].text, text) == 0)
				rc = bad(rd, "text", "'%s' is listed twice",
					 text);
		if (rc == 0)
			td_right_add_term(
				r, text,
				lang ? lang : (has_cjk(text) ? "zh" : "und"),
				kind ? kind
				     : (has_cjk(text) ? "name_zh" : "alias"));
		free(text);
		free(lang);
		free(kind);
		memcpy(rd->at, saved, sizeof(saved));
		if (rc)
			return rc;
	}
	return 0;
}

static int
read_right(struct rd *rd, json_t *j, struct td_right *r)
{
	static const char *const f[] = {
		"key",          "owner",    "kind",
		"title",        "mark",     "reg_no",
		"jurisdiction", "classes",  "status",
		"valid_from",   "valid_to", "protect_from",
		"protect_to",   "terms",    NULL};
	int rc;

	r->status = -1;
	r->kind = -1;
	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "key", 1, &r->key)) ||
	    (rc = get_key(rd, j, "owner", 1, &r->owner)) ||
	    (rc = get_enum(rd, j, "kind", 1, td_right_kind_parse,
			   "trademark copyright patent_invention "
			   "patent_utility design",
			   &r->kind)) ||
	    (rc = get_str(rd, j, "title", 0, &r->title)) ||
	    (rc = get_str(rd, j, "mark", 0, &r->mark)) ||
	    (rc = get_str(rd, j, "reg_no", 0, &r->reg_no)) ||
	    (rc = get_str(rd, j, "jurisdiction", 1, &r->jurisdiction)) ||
	    (rc = get_strv(rd, j, "classes", 1, &r->classes)) ||
	    (rc = get_enum(rd, j, "status", 1, td_right_status_parse,
			   "registered pending unregistered", &r->status)) ||
	    (rc = get_date(rd, j, "valid_from", &r->valid_from)) ||
	    (rc = get_date(rd, j, "valid_to", &r->valid_to)) ||
	    (rc = get_date(rd, j, "protect_from", &r->protect_from)) ||
	    (rc = get_date(rd, j, "protect_to", &r->protect_to)) ||
	    (rc = read_terms(rd, j, r)))
		return rc;
	if (!td_jurisdiction_valid(r->jurisdiction))
		return bad(rd, "jurisdiction",
			   "'%s' is not an ISO 3166 country code, EM (EUIPO) "
			   "or WO (WIPO)",
			   r->jurisdiction);
	if (!r->title)
		r->title = td_xstrdup(r->mark ? r->mark : r->key);
	return 0;
}

static int
read_images(struct rd *rd, json_t *j, struct td_product *p)
{
	static const char *const f[] = {"path",     "public", "partner",
					"filename", "sha256", NULL};
	json_t *imgs = json_object_get(j, "images");
	json_t *e;
	size_t i;
	int rc = 0;

	if (!imgs || json_is_null(imgs))
		return 0;
	if (!json_is_array(imgs))
		return bad(rd, "images", "must be a list");
	json_array_foreach(imgs, i, e)
	{
		struct td_photo *im = td_product_add_image(p);
		char saved[sizeof(rd->at)];
		json_t *pub;

		memcpy(saved, rd->at, sizeof(saved));
		if (rd->file)
			snprintf(rd->at + strlen(rd->at),
				 sizeof(rd->at) - strlen(rd->at),
				 ".images[%zu]", i);
		else
			snprintf(rd->at, sizeof(rd->at), "images[%zu]", i);
		if (json_is_string(e)) {
			json_t *o = json_pack("{s:O}", "path", e);

			rc = get_path(rd, o, "path", 1, &im->path);
			json_decref(o);
		} else if ((rc = check_fields(rd, e, f)) == 0 &&
			   (rc = get_path(rd, e, "path", 0, &im->path)) == 0 &&
			   (rc = get_str(rd, e, "filename", 0,
					 &im->filename)) == 0 &&
			   (rc = get_key(rd, e, "partner", 0, &im->partner)) ==
				   0 &&
			   (rc = get_sha(rd, e, &im->sha256)) == 0) {
			pub = json_object_get(e, "public");
			if (pub && !json_is_boolean(pub))
				rc = bad(rd, "public", "must be true or false");
			else if (json_is_true(pub) && im->partner)
				rc = bad(rd, "partner",
					 "a photo given to a partner cannot "
					 "also be public");
			else if (!im->path && !im->sha256)
				rc = bad(rd, "path", "missing");
			else if (json_is_false(pub) && !im->partner)
				rc = bad(rd, "public",
					 "a photo that is not public must name "
					 "the partner it was given to");
		}
		memcpy(rd->at, saved, sizeof(saved));
		if (rc)
			return rc;
	}
	return 0;
}

static int
read_product(struct rd *rd, json_t *j, struct td_product *p)
{
	static const char *const f[] = {
		"sku",         "owner",   "name",
		"name_zh",     "msrp",    "currency",
		"margin",      "markets", "planned_markets",
		"launch_date", "rights",  "images",
		NULL};
	int rc;

	p->margin = -1;
	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "sku", 1, &p->sku)) ||
	    (rc = get_key(rd, j, "owner", 1, &p->owner)) ||
	    (rc = get_str(rd, j, "name", 1, &p->name)) ||
	    (rc = get_str(rd, j, "name_zh", 0, &p->name_zh)) ||
	    (rc = get_number(rd, j, "msrp", 1, &p->msrp)) ||
	    (rc = get_str(rd, j, "currency", 1, &p->currency)) ||
	    (rc = get_number(rd, j, "margin", 1, &p->margin)) ||
	    (rc = get_countries(rd, j, "markets", &p->markets)) ||
	    (rc = get_countries(rd, j, "planned_markets", &p->planned)) ||
	    (rc = get_date(rd, j, "launch_date", &p->launch_date)) ||
	    (rc = get_keys(rd, j, "rights", &p->rights)) ||
	    (rc = read_images(rd, j, p)))
		return rc;
	if (!(p->msrp >= 0) || p->msrp > 1e12)
		return bad(rd, "msrp", "must be a price of 0 or more, not %g",
			   p->msrp);
	if (!td_currency_valid(p->currency))
		return bad(rd, "currency",
			   "'%s' is not an ISO 4217 currency code (such as USD "
			   "or CNY)",
			   p->currency);
	if (!(p->margin >= 0 && p->margin <= 1))
		return bad(rd, "margin",
			   "must be a fraction from 0 to 1 (0.45 for 45%%), "
			   "not %g",
			   p->margin);
	return 0;
}

static int
read_partner(struct rd *rd, json_t *j, struct td_partner *p)
{
	static const char *const f[] = {"key",      "owner",   "kind", "name",
					"location", "country", NULL};
	int rc;

	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "key", 1, &p->key)) ||
	    (rc = get_key(rd, j, "owner", 1, &p->owner)) ||
	    (rc = get_word(rd, j, "kind", 1,
			   "factory distributor retailer other", &p->kind)) ||
	    (rc = get_str(rd, j, "name", 1, &p->name)) ||
	    (rc = get_str(rd, j, "location", 0, &p->location)) ||
	    (rc = get_country(rd, j, "country", 0, &p->country)))
		return rc;
	if (!p->country && p->location) {
		/* "Dongguan, CN": take a trailing country code if valid. */
		size_t n = strlen(p->location);

		if (n >= 4 && p->location[n - 3] == ' ' &&
		    p->location[n - 4] == ',') {
			char cc[3] = {p->location[n - 2], p->location[n - 1],
				      0};

			if (td_country_valid(cc))
				p->country = td_xstrdup(cc);
		}
	}
	return 0;
}

static int
read_agent(struct rd *rd, json_t *j, struct td_agent *a)
{
	static const char *const f[] = {"key", "name", "kind", "contact", NULL};
	int rc;

	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "key", 1, &a->key)) ||
	    (rc = get_str(rd, j, "name", 1, &a->name)) ||
	    (rc = get_word(rd, j, "kind", 0, "law_firm person", &a->kind)) ||
	    (rc = get_str(rd, j, "contact", 0, &a->contact)))
		return rc;
	if (!a->kind)
		a->kind = td_xstrdup("law_firm");
	return 0;
}

static int
read_document(struct rd *rd, json_t *j, struct td_document *d)
{
	static const char *const f[] = {
		"key",      "path",   "kind",   "owner",   "rights",
		"title",    "lang",   "issued", "expires", "translates",
		"filename", "sha256", "size",   NULL};
	int rc;

	d->kind = -1;
	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "key", 1, &d->key)) ||
	    (rc = get_path(rd, j, "path", 1, &d->path)) ||
	    (rc = get_enum(rd, j, "kind", 1, td_doc_kind_parse,
			   "business_licence registration_certificate "
			   "power_of_attorney translation court_order "
			   "patent_evaluation_report comparison_chart "
			   "identity other",
			   &d->kind)) ||
	    (rc = get_key(rd, j, "owner", 0, &d->owner)) ||
	    (rc = get_keys(rd, j, "rights", &d->rights)) ||
	    (rc = get_str(rd, j, "title", 0, &d->title)) ||
	    (rc = get_str(rd, j, "lang", 0, &d->lang)) ||
	    (rc = get_date(rd, j, "issued", &d->issued)) ||
	    (rc = get_date(rd, j, "expires", &d->expires)) ||
	    (rc = get_key(rd, j, "translates", 0, &d->translates)) ||
	    (rc = get_str(rd, j, "filename", 0, &d->filename)) ||
	    (rc = get_sha(rd, j, &d->sha256)))
		return rc;
	return 0;
}

static int
read_auth(struct rd *rd, json_t *j, struct td_authorisation *a)
{
	static const char *const f[] = {"owner",  "agent",      "document",
					"rights", "valid_from", "valid_to",
					NULL};
	int rc;

	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "owner", 1, &a->owner)) ||
	    (rc = get_key(rd, j, "agent", 1, &a->agent)) ||
	    (rc = get_key(rd, j, "document", 0, &a->document)) ||
	    (rc = get_keys(rd, j, "rights", &a->rights)) ||
	    (rc = get_date(rd, j, "valid_from", &a->valid_from)) ||
	    (rc = get_date(rd, j, "valid_to", &a->valid_to)))
		return rc;
	return 0;
}

static int
read_verification(struct rd *rd, json_t *j, struct td_verification *v)
{
	static const char *const f[] = {"right", "platform", "status", "date",
					NULL};
	int rc;

	if ((rc = check_fields(rd, j, f)) ||
	    (rc = get_key(rd, j, "right", 1, &v->right)) ||
	    (rc = get_key(rd, j, "platform", 1, &v->platform)) ||
	    (rc = get_enum(rd, j, "status", 1, td_verify_status_parse,
			   "pending verified rejected", &v->status)) ||
	    (rc = get_date(rd, j, "date", &v->date)))
		return rc;
	return 0;
}

#define READ_SECTION(name, add, fn)                                            \
	do {                                                                   \
		json_t *arr_ = json_object_get(root, name);                    \
		json_t *e_;                                                    \
		size_t i_;                                                     \
		if (!arr_ || json_is_null(arr_))                               \
			break;                                                 \
		if (!json_is_array(arr_)) {                                    \
			snprintf(rd.at, sizeof(rd.at), "%s", name);            \
			return bad(&rd, NULL, "must be a list");               \
		}                                                              \
		json_array_foreach(arr_, i_, e_)                               \
		{                                                              \
			snprintf(rd.at, sizeof(rd.at), "%s[%zu]", name, i_);   \
			rc = fn(&rd, e_, add(pf));                             \
			if (rc)                                                \
				return rc;                                     \
		}                                                              \
	} while (0)

int
td_portfolio_from_json(json_t *root, const char *file, const char *base,
		       struct td_portfolio *pf, struct td_err *err)
{
	static const char *const sections[] = {"owners",
					       "rights",
					       "products",
					       "partners",
					       "agents",
					       "documents",
					       "authorisations",
					       "verifications",
					       "$schema",
					       "comment",
					       NULL};
	struct rd rd;
	int rc;

	rd.file = file;
	rd.base = base;
	rd.err = err;
	snprintf(rd.at, sizeof(rd.at), "(top level)");
	if (!json_is_object(root))
		return bad(&rd, NULL, "a portfolio file is a JSON object");
	if ((rc = check_fields(&rd, root, sections)))
		return rc;
	READ_SECTION("owners", td_portfolio_add_owner, read_owner);
	READ_SECTION("partners", td_portfolio_add_partner, read_partner);
	READ_SECTION("rights", td_portfolio_add_right, read_right);
	READ_SECTION("products", td_portfolio_add_product, read_product);
	READ_SECTION("agents", td_portfolio_add_agent, read_agent);
	READ_SECTION("documents", td_portfolio_add_document, read_document);
	READ_SECTION("authorisations", td_portfolio_add_auth, read_auth);
	READ_SECTION("verifications", td_portfolio_add_verification,
		     read_verification);
	return 0;
}

int
td_portfolio_load_file(const char *path, struct td_portfolio *pf,
		       struct td_err *err)
{
	json_error_t je;
	json_t *root;
	char *base, *slash;
	int rc;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		if (je.line <= 0)
			return td_errf(err, TD_EIO, "%s: %s", path, je.text);
		return td_errf(err, TD_EINVAL, "%s:%d:%d: %s", path, je.line,
			       je.column, je.text);
	}
	base = td_xstrdup(path);
	slash = strrchr(base, '/');
	if (slash)
		*slash = '\0';
	else
		TD_FREE(base);
	rc = td_portfolio_from_json(root, path, base ? base : ".", pf, err);
	free(base);
	json_decref(root);
	return rc;
}
