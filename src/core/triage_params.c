/*
 * Triage parameters: data/triage.json (built in) and a workspace file
 * merged on top, validated key by key.
 */
#include "core/triage.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/codes.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const verdict_names[] = {
	"file", "register_first", "investigate_source", "monitor", "ignore",
};
static const char *const right_names[] = {
	"trademark",
	"copyright",
	"design",
	"patent",
};
static const char *const reg_names[] = {"local", "foreign", "none"};

const char *
td_triage_verdict_name(enum td_triage_verdict v)
{
	return (unsigned)v < TD_ARRAY_LEN(verdict_names) ? verdict_names[v]
							 : "?";
}

const char *
td_triage_right_name(enum td_triage_right r)
{
	return (unsigned)r < TD_ARRAY_LEN(right_names) ? right_names[r] : "?";
}

const char *
td_triage_reg_name(enum td_triage_reg r)
{
	return (unsigned)r < TD_ARRAY_LEN(reg_names) ? reg_names[r] : "?";
}

static int
find_name(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
td_triage_verdict_parse(const char *s, enum td_triage_verdict *out)
{
	int i = find_name(verdict_names, TD_ARRAY_LEN(verdict_names), s);

	if (i < 0)
		return TD_EINVAL;
	*out = (enum td_triage_verdict)i;
	return 0;
}

int
td_triage_right_parse(const char *s, enum td_triage_right *out)
{
	int i = find_name(right_names, TD_ARRAY_LEN(right_names), s);

	if (i < 0)
		return TD_EINVAL;
	*out = (enum td_triage_right)i;
	return 0;
}

int
td_triage_reg_parse(const char *s, enum td_triage_reg *out)
{
	int i = find_name(reg_names, TD_ARRAY_LEN(reg_names), s);

	if (i < 0)
		return TD_EINVAL;
	*out = (enum td_triage_reg)i;
	return 0;
}

/* --- copying and freeing ------------------------------------------------ */

static void
platform_release(struct td_triage_platform *pf)
{
	free(pf->name);
	free(pf->home);
	memset(pf, 0, sizeof(*pf));
}

static void
platform_copy(struct td_triage_platform *dst,
	      const struct td_triage_platform *src, const char *name)
{
	*dst = *src;
	dst->name = td_xstrdup(name ? name : src->name);
	dst->home = td_xstrdup_or_null(src->home);
}

void
td_triage_params_release(struct td_triage_params *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_platforms; i++)
		platform_release(&p->platforms[i]);
	free(p->platforms);
	memset(p, 0, sizeof(*p));
}

static void
params_copy(struct td_triage_params *dst, const struct td_triage_params *src)
{
	size_t i;

	*dst = *src;
	dst->platforms =
		src->n_platforms
			? td_xmalloc(src->n_platforms * sizeof(*dst->platforms))
			: NULL;
	for (i = 0; i < src->n_platforms; i++)
		platform_copy(&dst->platforms[i], &src->platforms[i], NULL);
}

const struct td_triage_platform *
td_triage_platform(const struct td_triage_params *p, const char *name)
{
	const struct td_triage_platform *def = NULL;
	size_t i;

	for (i = 0; i < p->n_platforms; i++) {
		if (name && strcmp(p->platforms[i].name, name) == 0)
			return &p->platforms[i];
		if (strcmp(p->platforms[i].name, "default") == 0)
			def = &p->platforms[i];
	}
	return def;
}

static struct td_triage_platform *
platform_mut(struct td_triage_params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n_platforms; i++)
		if (strcmp(p->platforms[i].name, name) == 0)
			return &p->platforms[i];
	return NULL;
}

/* --- parsing ------------------------------------------------------------ */

struct pctx {
	const char *name;   /* file name for messages */
	struct td_err *err; /* where messages go */
	int partial;        /* 1: keys are optional */
	struct td_buf path; /* the JSON path being read */
};

static int
bad(struct pctx *c, const char *key, const char *msg)
{
	struct td_buf field = TD_BUF_INIT;
	int rc;

	td_buf_addf(&field, "%s%s%s", c->path.data, key ? "." : "",
		    key ? key : "");
	rc = td_errf_at(c->err, TD_EINVAL, c->name, 0, field.data, "%s", msg);
	td_buf_release(&field);
	return rc;
}

/* Enter object member key: path grows by ".key". Returns the old length. */
static size_t
enter(struct pctx *c, const char *key)
{
	size_t n = c->path.len;

	td_buf_addf(&c->path, ".%s", key);
	return n;
}

static void
leave(struct pctx *c, size_t n)
{
	td_buf_setlen(&c->path, n);
}

/* Keys that once sat here and are platform facts now: the protocols
 * hold them, so that there is one source of truth. */
static const char *const moved_keys[] = {
	"local",
	"batch_limit",
	"accuracy_min",
	"counter_max",
	"evaluation_report_for",
	"court_order_for",
	"translation",
	"trademark",
	"copyright",
	"design",
	"patent",
};

/* Every key of obj must be in allowed. */
static int
check_keys(struct pctx *c, json_t *obj, const char *const *allowed, size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		if (find_name(allowed, n, key) >= 0)
			continue;
		if (find_name(moved_keys, TD_ARRAY_LEN(moved_keys), key) >= 0)
			return bad(c, key,
				   "a platform fact: it comes from the "
				   "platform's protocol (data/platforms/, "
				   "docs/platforms.md), not from triage "
				   "parameters");
		return bad(c, key, "unknown key");
	}
	return 0;
}

/* Get member key of obj: required unless partial. *v is NULL if absent. */
static int
member(struct pctx *c, json_t *obj, const char *key, int required, json_t **v)
{
	*v = json_object_get(obj, key);
	if (!*v && required && !c->partial)
		return bad(c, key, "missing");
	return 0;
}

static int
get_num(struct pctx *c, json_t *obj, const char *key, int required, double min,
	double max, double *out)
{
	json_t *v;
	char msg[128];
	int rc = member(c, obj, key, required, &v);

	if (rc < 0 || !v)
		return rc;
	if (!json_is_number(v))
		return bad(c, key, "must be a number");
	if (json_number_value(v) < min || json_number_value(v) > max) {
		if (max >= 1e300)
			snprintf(msg, sizeof(msg), "must be a number >= %g",
				 min);
		else
			snprintf(msg, sizeof(msg),
				 "must be a number from %g to %g", min, max);
		return bad(c, key, msg);
	}
	*out = json_number_value(v);
	return 0;
}

static int
get_obj(struct pctx *c, json_t *obj, const char *key, int required,
	json_t **out)
{
	int rc = member(c, obj, key, required, out);

	if (rc < 0 || !*out)
		return rc;
	if (!json_is_object(*out))
		return bad(c, key, "must be an object");
	return 0;
}

#define BIG 1e308

static int
parse_costs(struct pctx *c, json_t *obj, int required,
	    struct td_triage_costs *out)
{
	static const char *const keys[] = {
		"filing_hours", "hourly_rate",       "fees",
		"translation",  "evaluation_report", "court_order",
	};
	double *fields[6];
	size_t i;
	int rc;

	fields[0] = &out->filing_hours;
	fields[1] = &out->hourly_rate;
	fields[2] = &out->fees;
	fields[3] = &out->translation;
	fields[4] = &out->evaluation_report;
	fields[5] = &out->court_order;
	rc = check_keys(c, obj, keys, TD_ARRAY_LEN(keys));
	for (i = 0; rc == 0 && i < TD_ARRAY_LEN(keys); i++)
		rc = get_num(c, obj, keys[i], required, 0, BIG, fields[i]);
	return rc;
}

static int
parse_platform(struct pctx *c, json_t *obj, int complete,
	       struct td_triage_platform *pf)
{
	static const char *const keys[] = {"home", "units_per_month", "cost"};
	json_t *v;
	size_t n;
	int rc, saved = c->partial;

	c->partial = !complete;
	rc = check_keys(c, obj, keys, TD_ARRAY_LEN(keys));
	if (rc == 0)
		rc = member(c, obj, "home", 1, &v);
	if (rc == 0 && v) {
		const char *h = json_string_value(v);

		if (!h || (strcmp(h, "*") != 0 && !td_country_valid(h)))
			rc = bad(c, "home",
				 "must be a country code or "
				 "\"*\"");
		else {
			free(pf->home);
			pf->home = td_xstrdup(h);
		}
	}
	if (rc == 0)
		rc = get_num(c, obj, "units_per_month", 1, 0, BIG,
			     &pf->units_per_month);
	c->partial = 1; /* costs fall back to the globals */
	if (rc == 0)
		rc = get_obj(c, obj, "cost", 0, &v);
	if (rc == 0 && v) {
		n = enter(c, "cost");
		rc = parse_costs(c, v, 0, &pf->cost);
		leave(c, n);
	}
	c->partial = saved;
	return rc;
}

static void
platform_blank(struct td_triage_platform *pf, const char *name)
{
	memset(pf, 0, sizeof(*pf));
	pf->name = td_xstrdup(name);
	pf->cost.filing_hours = pf->cost.hourly_rate = pf->cost.fees =
		pf->cost.translation = pf->cost.evaluation_report =
			pf->cost.court_order = TD_TRIAGE_UNSET;
}

static int
parse_platforms(struct pctx *c, json_t *obj, struct td_triage_params *p)
{
	struct td_triage_platform *pf;
	const char *key;
	json_t *v;
	size_t n;
	int rc = 0;

	/* "default" first: new platforms start as a copy of it */
	v = json_object_get(obj, "default");
	if (!v && !c->partial)
		return bad(c, "default", "missing");
	if (v) {
		if (!json_is_object(v))
			return bad(c, "default", "must be an object");
		pf = platform_mut(p, "default");
		if (!pf) {
			p->platforms = td_xrealloc(
				p->platforms,
				(p->n_platforms + 1) * sizeof(*p->platforms));
			pf = &p->platforms[p->n_platforms++];
			platform_blank(pf, "default");
		}
		n = enter(c, "default");
		rc = parse_platform(c, v, !c->partial, pf);
		leave(c, n);
		if (rc < 0)
			return rc;
	}
	json_object_foreach(obj, key, v)
	{
		if (strcmp(key, "default") == 0)
			continue;
		if (!json_is_object(v))
			return bad(c, key, "must be an object");
		if (!*key || strchr(key, ':'))
			return bad(c, key, "must be a platform name");
		pf = platform_mut(p, key);
		if (!pf) {
			const struct td_triage_platform *def;

			p->platforms = td_xrealloc(
				p->platforms,
				(p->n_platforms + 1) * sizeof(*p->platforms));
			pf = &p->platforms[p->n_platforms];
			def = platform_mut(p, "default");
			if (def)
				platform_copy(pf, def, key);
			else
				platform_blank(pf, key);
			p->n_platforms++;
		}
		n = enter(c, key);
		rc = parse_platform(c, v, 0, pf);
		leave(c, n);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
parse_root(struct pctx *c, json_t *root, struct td_triage_params *p)
{
	static const char *const keys[] = {
		"currency",     "horizon_months", "margin",    "relist_rate",
		"substitution", "overlap",        "success",   "cost",
		"registration", "verdict",        "platforms",
	};
	static const char *const sub_keys[] = {
		"deceptive",  "plain",           "openly_fake",
		"elasticity", "near_msrp_ratio",
	};
	static const char *const verdict_keys[] = {
		"file_min_ratio",
		"monitor_min_ratio",
		"annual_discount",
	};
	json_t *v, *o;
	double x;
	size_t n, r;
	int rc;

	if (!json_is_object(root))
		return bad(c, NULL, "must be a JSON object");
	rc = check_keys(c, root, keys, TD_ARRAY_LEN(keys));
	if (rc == 0)
		rc = member(c, root, "currency", 1, &v);
	if (rc == 0 && v) {
		if (!json_is_string(v) ||
		    !td_currency_valid(json_string_value(v)))
			rc = bad(c, "currency", "must be an ISO 4217 code");
		else
			snprintf(p->currency, sizeof(p->currency), "%s",
				 json_string_value(v));
	}
	x = p->horizon_months;
	if (rc == 0)
		rc = get_num(c, root, "horizon_months", 1, 1, 600, &x);
	if (rc == 0 && x != floor(x))
		rc = bad(c, "horizon_months", "must be a whole number");
	p->horizon_months = (int)x;
	if (rc == 0)
		rc = get_num(c, root, "margin", 1, 0, 1, &p->margin);
	if (rc == 0)
		rc = get_num(c, root, "relist_rate", 1, 0, 1, &p->relist_rate);
	if (rc == 0)
		rc = get_obj(c, root, "substitution", 1, &o);
	if (rc == 0 && o) {
		n = enter(c, "substitution");
		rc = check_keys(c, o, sub_keys, TD_ARRAY_LEN(sub_keys));
		if (rc == 0)
			rc = get_num(c, o, "deceptive", 1, 0, 1,
				     &p->sub_deceptive);
		if (rc == 0)
			rc = get_num(c, o, "plain", 1, 0, 1, &p->sub_plain);
		if (rc == 0)
			rc = get_num(c, o, "openly_fake", 1, 0, 1,
				     &p->sub_openly_fake);
		if (rc == 0)
			rc = get_num(c, o, "elasticity", 1, 0, 10,
				     &p->elasticity);
		if (rc == 0)
			rc = get_num(c, o, "near_msrp_ratio", 1, 0, 1,
				     &p->near_msrp_ratio);
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "overlap", 1, &o);
	if (rc == 0 && o) {
		static const char *const ov_keys[] = {"planned_weight"};

		n = enter(c, "overlap");
		rc = check_keys(c, o, ov_keys, 1);
		if (rc == 0)
			rc = get_num(c, o, "planned_weight", 1, 0, 1,
				     &p->planned_weight);
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "success", 1, &o);
	if (rc == 0 && o) {
		static const char *const suc_keys[] = {"prior_strength"};

		n = enter(c, "success");
		rc = check_keys(c, o, suc_keys, 1);
		if (rc == 0)
			rc = get_num(c, o, "prior_strength", 1, 0, BIG,
				     &p->prior_strength);
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "cost", 1, &o);
	if (rc == 0 && o) {
		n = enter(c, "cost");
		rc = parse_costs(c, o, 1, &p->cost);
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "registration", 1, &o);
	if (rc == 0 && o) {
		static const char *const reg_keys[] = {"cost", "months"};

		n = enter(c, "registration");
		rc = check_keys(c, o, right_names, TD_ARRAY_LEN(right_names));
		for (r = 0; rc == 0 && r < TD_TRIAGE_RIGHT_COUNT; r++) {
			json_t *ro;
			size_t m;

			rc = get_obj(c, o, right_names[r], 1, &ro);
			if (rc < 0 || !ro)
				continue;
			m = enter(c, right_names[r]);
			rc = check_keys(c, ro, reg_keys, 2);
			if (rc == 0)
				rc = get_num(c, ro, "cost", 1, 0, BIG,
					     &p->registration[r].cost);
			if (rc == 0)
				rc = get_num(c, ro, "months", 1, 0, 600,
					     &p->registration[r].months);
			leave(c, m);
		}
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "verdict", 1, &o);
	if (rc == 0 && o) {
		n = enter(c, "verdict");
		rc = check_keys(c, o, verdict_keys, TD_ARRAY_LEN(verdict_keys));
		if (rc == 0)
			rc = get_num(c, o, "file_min_ratio", 1, 0, BIG,
				     &p->file_min_ratio);
		if (rc == 0)
			rc = get_num(c, o, "monitor_min_ratio", 1, 0, BIG,
				     &p->monitor_min_ratio);
		if (rc == 0)
			rc = get_num(c, o, "annual_discount", 1, 0, 1,
				     &p->annual_discount);
		leave(c, n);
	}
	if (rc == 0)
		rc = get_obj(c, root, "platforms", 1, &o);
	if (rc == 0 && o) {
		n = enter(c, "platforms");
		rc = parse_platforms(c, o, p);
		leave(c, n);
	}
	if (rc == 0 && p->monitor_min_ratio > p->file_min_ratio)
		rc = bad(c, "verdict",
			 "monitor_min_ratio must not exceed file_min_ratio");
	return rc;
}

int
td_triage_params_parse(struct td_triage_params *p, const char *name,
		       const char *text, size_t len, int partial,
		       struct td_err *err)
{
	struct td_triage_params work;
	struct pctx c;
	json_error_t jerr;
	json_t *root;
	int rc;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return td_errf_at(err, TD_EINVAL, name,
				  (unsigned long)jerr.line, NULL, "%s",
				  jerr.text);
	if (partial)
		params_copy(&work, p);
	else
		memset(&work, 0, sizeof(work));
	c.name = name;
	c.err = err;
	c.partial = partial;
	td_buf_init(&c.path);
	td_buf_addch(&c.path, '$');
	rc = parse_root(&c, root, &work);
	td_buf_release(&c.path);
	json_decref(root);
	if (rc < 0) {
		td_triage_params_release(&work);
		return rc;
	}
	td_triage_params_release(p);
	*p = work;
	return 0;
}

int
td_triage_params_load(struct td_triage_params *p, const char *override_path,
		      struct td_err *err)
{
	const struct td_builtin *b =
		td_builtin_find(td_builtin_data, "triage.json");
	struct td_buf text = TD_BUF_INIT;
	char chunk[8192];
	FILE *f = NULL;
	size_t n;
	int rc;

	if (!b)
		return td_errf(err, TD_ENOTFOUND,
			       "triage.json is not built "
			       "in");
	rc = td_triage_params_parse(p, "triage.json", (const char *)b->data,
				    b->len, 0, err);
	if (rc < 0 || !override_path)
		return rc;
	f = fopen(override_path, "rb");
	if (!f) {
		rc = td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			     "%s: %s", override_path, strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		td_buf_add(&text, chunk, n);
	if (ferror(f)) {
		rc = td_errf(err, TD_EIO, "%s: read error", override_path);
		goto out;
	}
	rc = td_triage_params_parse(p, override_path, text.data, text.len, 1,
				    err);
out:
	if (f)
		fclose(f);
	td_buf_release(&text);
	return rc;
}
