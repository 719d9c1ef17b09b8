/* Detection: a finding as JSON, with jansson or written directly. */
#include "core/detect.h"

#include <math.h>
#include <string.h>

#include "core/jsonw.h"
#include "core/banned.h"

/* A string literal, raw. */
#define LIT(b, s) td_jsonw_raw((b), (s), sizeof(s) - 1)

static double
round3(double v)
{
	return floor(v * 1000 + 0.5) / 1000;
}

json_t *
td_finding_to_json(const struct td_finding *f, const struct td_listing *l,
		   int64_t id)
{
	json_t *j = json_object();
	json_t *a, *sig = NULL;
	size_t i;

	json_object_set_new(j, "platform", json_string(l->platform));
	json_object_set_new(j, "id", json_string(l->id));
	json_object_set_new(j, "url",
			    l->url ? json_string(l->url) : json_null());
	json_object_set_new(j, "score", json_real(f->score));
	a = json_array();
	for (i = 0; i < f->rights.n; i++)
		json_array_append_new(a, json_string(f->rights.v[i]));
	json_object_set_new(j, "rights", a);
	a = json_array();
	for (i = 0; i < f->products.n; i++)
		json_array_append_new(a, json_string(f->products.v[i]));
	json_object_set_new(j, "products", a);
	json_object_set_new(j, "price_ratio",
			    f->has_price_ratio
				    ? json_real(round3(f->price_ratio))
				    : json_null());
	if (f->signals.len)
		sig = json_loadb(f->signals.data, f->signals.len, 0, NULL);
	json_object_set_new(j, "signals", sig ? sig : json_array());
	if (id)
		json_object_set_new(j, "finding", json_integer(id));
	return j;
}

void
td_finding_write_json(const struct td_finding *f, const struct td_listing *l,
		      int64_t id, struct td_buf *out)
{
	size_t i;

	LIT(out, "{\"platform\":");
	td_jsonw_cstr(out, l->platform);
	LIT(out, ",\"id\":");
	td_jsonw_cstr(out, l->id);
	LIT(out, ",\"url\":");
	td_jsonw_cstr(out, l->url);
	LIT(out, ",\"score\":");
	td_jsonw_real(out, f->score);
	LIT(out, ",\"rights\":");
	LIT(out, "[");
	for (i = 0; i < f->rights.n; i++) {
		td_jsonw_sep(out);
		td_jsonw_cstr(out, f->rights.v[i]);
	}
	LIT(out, "]");
	LIT(out, ",\"products\":");
	LIT(out, "[");
	for (i = 0; i < f->products.n; i++) {
		td_jsonw_sep(out);
		td_jsonw_cstr(out, f->products.v[i]);
	}
	LIT(out, "]");
	LIT(out, ",\"price_ratio\":");
	if (f->has_price_ratio)
		td_jsonw_real(out, round3(f->price_ratio));
	else
		LIT(out, "null");
	LIT(out, ",\"signals\":");
	if (f->signals.len)
		td_jsonw_raw(out, f->signals.data, f->signals.len);
	else
		LIT(out, "[]");
	if (id) {
		LIT(out, ",\"finding\":");
		td_jsonw_int(out, id);
	}
	LIT(out, "}");
}
