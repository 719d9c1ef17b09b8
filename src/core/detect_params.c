/* Detection: the scoring parameters (data/scoring.json). */
#include "core/detect.h"

#include <string.h>

#include "core/builtin.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const kind_names[5] = {"mark", "alias", "name_zh", "pinyin",
					  "model"};

struct pctx {
	const char *file;
	struct td_err *err;
};

static int
num(struct pctx *c, json_t *obj, const char *key, const char *path, double lo,
    double hi, double *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return 0;
	if (!json_is_number(v) || json_number_value(v) < lo ||
	    json_number_value(v) > hi)
		return td_errf(c->err, TD_EINVAL,
			       "%s: %s%s: must be a number from %g to %g",
			       c->file, path, key, lo, hi);
	*out = json_number_value(v);
	return 0;
}

static int
section(struct pctx *c, json_t *root, const char *key, json_t **out)
{
	json_t *v = json_object_get(root, key);

	*out = v;
	if (v && !json_is_object(v))
		return td_errf(c->err, TD_EINVAL, "%s: %s: must be an object",
			       c->file, key);
	return 0;
}

static int
known(struct pctx *c, json_t *obj, const char *path, const char *const *names,
      size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		size_t i;

		for (i = 0; i < n; i++)
			if (strcmp(names[i], key) == 0)
				break;
		if (i == n)
			return td_errf(c->err, TD_EINVAL,
				       "%s: %s%s: unknown field", c->file, path,
				       key);
	}
	return 0;
}

int
td_detect_params_parse(struct td_detect_params *p, const char *text, size_t len,
		       const char *file, struct td_err *err)
{
	static const char *const top[] = {"comment", "min_score", "term",
					  "cue",     "price",     "image",
					  "seller"};
	static const char *const term_f[] = {"variant_weight", "kind_factor",
					     "weak_below"};
	static const char *const cue_f[] = {"factor"};
	static const char *const price_f[] = {"very_low_ratio", "very_low",
					      "low_ratio", "low",
					      "near_msrp_ratio"};
	static const char *const image_f[] = {"max_distance", "weight"};
	static const char *const seller_f[] = {"repeat"};
	const char *vnames[TD_MATCH_VARIANTS];
	struct pctx c = {file, err};
	json_error_t je;
	json_t *root, *s, *t;
	double d;
	int i, rc;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return td_errf(err, TD_EINVAL, "%s:%d:%d: %s", file, je.line,
			       je.column, je.text);
	if (!json_is_object(root)) {
		rc = td_errf(err, TD_EINVAL, "%s: must be a JSON object", file);
		goto out;
	}
	if ((rc = known(&c, root, "", top, TD_ARRAY_LEN(top))) ||
	    (rc = num(&c, root, "min_score", "", 0, 1, &p->min_score)) ||
	    (rc = section(&c, root, "term", &s)))
		goto out;
	if (s) {
		if ((rc = known(&c, s, "term.", term_f,
				TD_ARRAY_LEN(term_f))) ||
		    (rc = num(&c, s, "weak_below", "term.", 0, 1,
			      &p->weak_below)))
			goto out;
		for (i = 0; i < TD_MATCH_VARIANTS; i++)
			vnames[i] = td_match_variant_name(i);
		t = json_object_get(s, "variant_weight");
		if (t && !json_is_object(t)) {
			rc = td_errf(err, TD_EINVAL,
				     "%s: term.variant_weight: must be an "
				     "object",
				     file);
			goto out;
		}
		if (t && (rc = known(&c, t, "term.variant_weight.", vnames,
				     TD_MATCH_VARIANTS)))
			goto out;
		for (i = 0; t && i < TD_MATCH_VARIANTS; i++)
			if ((rc = num(&c, t, vnames[i], "term.variant_weight.",
				      0, 1, &p->variant_weight[i])))
				goto out;
		t = json_object_get(s, "kind_factor");
		if (t && !json_is_object(t)) {
			rc = td_errf(err, TD_EINVAL,
				     "%s: term.kind_factor: must be an object",
				     file);
			goto out;
		}
		if (t &&
		    (rc = known(&c, t, "term.kind_factor.", kind_names, 5)))
			goto out;
		for (i = 0; t && i < 5; i++)
			if ((rc = num(&c, t, kind_names[i], "term.kind_factor.",
				      0, 1, &p->kind_factor[i])))
				goto out;
	}
	if ((rc = section(&c, root, "cue", &s)) ||
	    (s && ((rc = known(&c, s, "cue.", cue_f, 1)) ||
		   (rc = num(&c, s, "factor", "cue.", 0, 1, &p->cue_factor)))))
		goto out;
	if ((rc = section(&c, root, "price", &s)) ||
	    (s &&
	     ((rc = known(&c, s, "price.", price_f, TD_ARRAY_LEN(price_f))) ||
	      (rc = num(&c, s, "very_low_ratio", "price.", 0, 10,
			&p->very_low_ratio)) ||
	      (rc = num(&c, s, "very_low", "price.", 0, 1, &p->very_low)) ||
	      (rc = num(&c, s, "low_ratio", "price.", 0, 10, &p->low_ratio)) ||
	      (rc = num(&c, s, "low", "price.", 0, 1, &p->low)) ||
	      (rc = num(&c, s, "near_msrp_ratio", "price.", 0, 10,
			&p->near_msrp_ratio)))))
		goto out;
	if ((rc = section(&c, root, "image", &s)))
		goto out;
	if (s) {
		d = p->image_max_distance;
		if ((rc = known(&c, s, "image.", image_f, 2)) ||
		    (rc = num(&c, s, "max_distance", "image.", 0, 128, &d)) ||
		    (rc = num(&c, s, "weight", "image.", 0, 1,
			      &p->image_weight)))
			goto out;
		p->image_max_distance = (int)d;
	}
	if ((rc = section(&c, root, "seller", &s)) ||
	    (s &&
	     ((rc = known(&c, s, "seller.", seller_f, 1)) ||
	      (rc = num(&c, s, "repeat", "seller.", 0, 1, &p->seller_repeat)))))
		goto out;
	if (p->very_low_ratio > p->low_ratio)
		rc = td_errf(err, TD_EINVAL,
			     "%s: price.very_low_ratio: must not be above "
			     "price.low_ratio",
			     file);
out:
	json_decref(root);
	return rc;
}

int
td_detect_params_builtin(struct td_detect_params *p, struct td_err *err)
{
	const struct td_builtin *b =
		td_builtin_find(td_builtin_data, "scoring.json");

	memset(p, 0, sizeof(*p));
	if (!b)
		return td_errf(err, TD_ENOTFOUND, "no built-in scoring.json");
	return td_detect_params_parse(p, (const char *)b->data, b->len,
				      "data/scoring.json", err);
}
