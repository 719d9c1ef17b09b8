/*
 * Detection and the finding's JSON, on the sample feed of
 * examples/ironwood (its portfolio imported into a fresh workspace, its
 * photos hashed): the NDJSON line written directly must be the jansson
 * form of the finding, byte for byte as the jansson-based writer wrote
 * it, and the evidence must quote the listing.
 */
#include "unit.h"

#include <jansson.h>

#include "core/date.h"
#include "core/detect.h"
#include "core/feed.h"
#include "core/portfolio.h"
#include "core/portfolio_io.h"
#include "core/scan.h"
#include "core/text.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"

#define EXAMPLE "examples/ironwood"

struct fx {
	char *dir;
	struct td_ws *ws;
	struct td_detector *d;
};

static int
setup(void **state)
{
	struct td_portfolio chg = TD_PORTFOLIO_INIT;
	struct td_apply_stats st;
	struct td_err err = TD_ERR_INIT;
	struct fx *fx = calloc(1, sizeof(*fx));
	char path[4200];
	int32_t today;
	int created;

	fx->dir = unit_tmpdir();
	snprintf(path, sizeof(path), "%s/ws", fx->dir);
	assert_int_equal(td_ws_init(path, &created, &err), 0);
	assert_int_equal(td_ws_open(path, &fx->ws, &err), 0);
	assert_int_equal(
		td_portfolio_load_file(EXAMPLE "/portfolio.json", &chg, &err),
		0);
	assert_int_equal(td_store_begin(fx->ws->store, &err), 0);
	assert_int_equal(td_portfolio_apply(fx->ws, &chg,
					    EXAMPLE "/portfolio.json", 0, &st,
					    &err),
			 0);
	assert_int_equal(td_store_commit(fx->ws->store, &err), 0);
	td_portfolio_release(&chg);
	assert_int_equal(td_date_parse("2026-11-20", &today), 0);
	fx->d = td_scan_detector(fx->ws, today, 0, &err);
	if (!fx->d)
		fail_msg("%s", err.msg);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	td_detector_free(fx->d);
	td_ws_free(fx->ws);
	unit_rmdir(fx->dir);
	free(fx);
	return 0;
}

struct seen {
	size_t findings;
	size_t terms, cues, prices, images, leaks;
};

/* The listing's field a signal quotes. */
static const char *
field_text(const struct td_listing *l, json_t *sig, size_t *len)
{
	const char *f = json_string_value(json_object_get(sig, "field"));

	assert_non_null(f);
	if (strcmp(f, "title") == 0) {
		*len = l->title_len;
		return l->title;
	}
	assert_string_equal(f, "description");
	*len = l->description_len;
	return l->description;
}

static void
check_evidence(const struct td_listing *l, json_t *signals, struct seen *sn)
{
	json_t *sig;
	size_t i;

	json_array_foreach(signals, i, sig)
	{
		const char *kind =
			json_string_value(json_object_get(sig, "kind"));

		if (strcmp(kind, "term") == 0) {
			size_t len, a, b;
			const char *text = field_text(l, sig, &len);
			const char *quote = json_string_value(
				json_object_get(sig, "quote"));
			struct td_buf norm = TD_BUF_INIT;

			a = (size_t)json_integer_value(
				json_object_get(sig, "start"));
			b = (size_t)json_integer_value(
				json_object_get(sig, "end"));
			assert_true(a < b && b <= len);
			/* Quoted as written, normalised as the normaliser
			 * does it. */
			assert_int_equal(strlen(quote), b - a);
			assert_memory_equal(quote, text + a, b - a);
			assert_int_equal(
				td_text_norm_string(quote, b - a, &norm, NULL),
				0);
			assert_string_equal(json_string_value(json_object_get(
						    sig, "normalised")),
					    norm.data);
			td_buf_release(&norm);
			sn->terms++;
		} else if (strcmp(kind, "cue") == 0) {
			json_t *w;
			size_t k;

			json_array_foreach(json_object_get(sig, "words"), k, w)
			{
				size_t len;
				const char *text = field_text(l, w, &len);
				const char *q = json_string_value(
					json_object_get(w, "quote"));

				assert_non_null(strstr(text, q));
			}
			sn->cues++;
		} else if (strcmp(kind, "price") == 0) {
			sn->prices++;
		} else if (strcmp(kind, "image_reuse") == 0) {
			sn->images++;
		} else if (strcmp(kind, "leak") == 0) {
			sn->leaks++;
		}
	}
}

static int
on_finding(void *arg, const struct td_listing *l, const struct td_finding *f,
	   int64_t id)
{
	struct seen *sn = arg;
	struct td_buf line = TD_BUF_INIT;
	json_error_t je;
	json_t *got, *want, *sig;
	char *again;

	/* Some finding ids, to cover the member the store adds. */
	id = (int64_t)sn->findings % 2 ? (int64_t)sn->findings + 1 : 0;
	td_finding_write_json(f, l, id, &line);
	got = json_loads(line.data, JSON_REJECT_DUPLICATES, &je);
	if (!got)
		fail_msg("%s: %s", je.text, line.data);
	want = td_finding_to_json(f, l, id);
	if (!json_equal(got, want)) {
		char *w = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER);

		fail_msg("written: %s\njansson: %s", line.data, w);
	}
	/* Byte for byte what jansson's dump of the same value writes (the
	 * CLI's writer before it wrote directly). */
	again = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER |
					JSON_REAL_PRECISION(6));
	assert_string_equal(line.data, again);
	/* The signals are what the store keeps: a JSON array. */
	sig = json_loadb(f->signals.data, f->signals.len, 0, NULL);
	if (!json_is_array(sig))
		fail_msg("signals: %s", f->signals.data);
	json_decref(sig);
	check_evidence(l, json_object_get(got, "signals"), sn);
	free(again);
	json_decref(got);
	json_decref(want);
	td_buf_release(&line);
	sn->findings++;
	return 0;
}

static void
test_detect__ndjson_is_the_jansson_form_of_the_sample_feed(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct td_scan_opts o;
	struct td_scan_cb cb;
	struct td_scan_stats stats;
	struct seen sn;
	struct td_feed *feed;
	FILE *f;

	f = fopen(EXAMPLE "/feed/listings.ndjson", "rb");
	assert_non_null(f);
	feed = td_feed_open(f, "listings.ndjson", TD_FEED_AUTO, 0, &err);
	assert_non_null(feed);
	memset(&o, 0, sizeof(o));
	o.source = "listings.ndjson";
	o.base_dir = EXAMPLE "/feed";
	o.photos = 1;
	o.now = "2026-11-20T10:00:00Z";
	memset(&cb, 0, sizeof(cb));
	memset(&sn, 0, sizeof(sn));
	cb.arg = &sn;
	cb.finding = on_finding;
	assert_int_equal(td_scan_run(NULL, fx->d, feed, &o, &cb, &stats, &err),
			 0);
	/* Every kind of signal the sample feed holds was checked. */
	assert_int_equal(sn.findings, 10);
	assert_int_equal(stats.findings, 10);
	assert_true(sn.terms >= 10);
	assert_true(sn.cues >= 5);
	assert_true(sn.prices >= 5);
	assert_int_equal(sn.images, 2);
	assert_int_equal(sn.leaks, 1);
	td_scan_stats_release(&stats);
	td_feed_close(feed);
	fclose(f);
}

static void
test_detect__a_reused_finding_starts_empty(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct td_detect_scratch *s = td_detect_scratch_new(fx->d, &err);
	struct td_finding f = TD_FINDING_INIT;
	struct td_detect_input in;
	struct td_listing hit, miss;
	int i;

	assert_non_null(s);
	memset(&hit, 0, sizeof(hit));
	hit.platform = "taobao";
	hit.id = "1";
	hit.title = "IRONWOOD ATELIER rivet table replica";
	hit.title_len = strlen(hit.title);
	hit.has_price = 1;
	hit.price = 100;
	memcpy(hit.currency, "USD", 4);
	miss = hit;
	miss.id = "2";
	miss.title = "oak coffee table";
	miss.title_len = strlen(miss.title);
	memset(&in, 0, sizeof(in));
	in.seller_findings = -1;
	for (i = 0; i < 3; i++) {
		in.listing = &hit;
		assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 1);
		assert_true(f.rights.n > 0 && f.products.n > 0);
		assert_true(f.has_price_ratio);
		assert_non_null(strstr(f.signals.data, "\"kind\":\"cue\""));
		in.listing = &miss;
		assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 0);
		assert_int_equal(f.rights.n, 0);
		assert_int_equal(f.products.n, 0);
		assert_int_equal(f.signals.len, 0);
		assert_false(f.has_price_ratio);
	}
	td_finding_release(&f);
	td_finding_release(&f);
	td_detect_scratch_free(s);
}

/* A descriptive mark needs a cue word or a reused photo; a low price
 * is no support (issue 3: a weak term must not flood the results). */
static void
test_detect__weak_term_needs_a_cue_not_a_low_price(void **state)
{
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct td_detect_scratch *s = td_detect_scratch_new(fx->d, &err);
	struct td_finding f = TD_FINDING_INIT;
	struct td_detect_input in;
	struct td_listing l;

	assert_non_null(s);
	memset(&l, 0, sizeof(l));
	l.platform = "ebay";
	l.id = "w1";
	l.title = "Vintage industrial console table";
	l.title_len = strlen(l.title);
	l.has_price = 1;
	l.price = 20; /* about 1% of the Loft Console's MSRP */
	memcpy(l.currency, "USD", 4);
	memset(&in, 0, sizeof(in));
	in.seller_findings = 5;
	in.listing = &l;
	assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 0);
	l.title = "Vintage industrial console table replica";
	l.title_len = strlen(l.title);
	assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 1);
	assert_non_null(strstr(f.signals.data, "VINTAGE INDUSTRIAL"));
	/* A distinctive mark needs no support. */
	l.title = "Ironwood console table";
	l.title_len = strlen(l.title);
	assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 1);
	td_finding_release(&f);
	td_detect_scratch_free(s);
}

/* The product whose MSRP the price is compared with, when a mark covers
 * several: the listing's words in Chinese pick it, Traditional or
 * Simplified, spaced or not, in the title or the description; the
 * whole Chinese name, or its last three characters (the kind of thing it
 * is: 会议桌 of 铆钉会议桌). With no name in the text the cheapest
 * product is taken, as before. */
static void
test_detect__chinese_product_name_picks_the_price_product(void **state)
{
	static const struct {
		const char *title, *description, *sku;
	} cases[] = {
		{"铁木工坊 會議桌 高端定制", "", "IA-RT-001"},
		{"铁木工坊 会 议 桌", "", "IA-RT-001"},
		{"铁木工坊 现货", "办公 会议桌 大号", "IA-RT-001"},
		{"铁木工坊 铁艺吧台凳", "", "IA-ST-002"},
		{"铁木工坊 吧檯凳", "", "IA-ST-002"},
		{"铁木工坊 高端定制", "", "IA-ST-002"},
		{"铁木工坊 会议", "", "IA-ST-002"},
	};
	struct fx *fx = *state;
	struct td_err err = TD_ERR_INIT;
	struct td_detect_scratch *s = td_detect_scratch_new(fx->d, &err);
	struct td_finding f = TD_FINDING_INIT;
	struct td_detect_input in;
	struct td_listing l;
	char want[64];
	size_t i;

	assert_non_null(s);
	for (i = 0; i < TD_ARRAY_LEN(cases); i++) {
		memset(&l, 0, sizeof(l));
		l.platform = "jd";
		l.id = "p1";
		l.title = cases[i].title;
		l.title_len = strlen(l.title);
		l.description = cases[i].description;
		l.description_len = strlen(l.description);
		l.has_price = 1;
		l.price = 3600;
		memcpy(l.currency, "CNY", 4);
		memset(&in, 0, sizeof(in));
		in.listing = &l;
		assert_int_equal(td_detect(fx->d, s, &in, &f, &err), 1);
		snprintf(want, sizeof(want), "\"product\":\"%s\"",
			 cases[i].sku);
		if (!strstr(f.signals.data, want))
			fail_msg("%s / %s: want %s in %s", cases[i].title,
				 cases[i].description, cases[i].sku,
				 f.signals.data);
	}
	td_finding_release(&f);
	td_detect_scratch_free(s);
}

/* Occurrences of sku in a finding's products. */
static int
sku_count(const struct td_finding *f, const char *sku)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->products.n; i++)
		n += strcmp(f->products.v[i], sku) == 0;
	return n;
}

/* A finding lists each SKU once, even when a portfolio given to the
 * library directly (unchecked) has two products with one SKU. */
static void
test_detect__a_finding_lists_each_sku_once(void **state)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_cue_list cues = TD_CUE_LIST_INIT;
	struct td_rates rates = TD_RATES_INIT;
	struct td_detect_params params;
	struct td_err err = TD_ERR_INIT;
	struct td_finding f = TD_FINDING_INIT;
	struct td_detect_input in;
	struct td_listing l;
	struct td_product *p, *dup;
	struct td_detector *d;
	struct td_detect_scratch *s;
	int32_t today;
	size_t i;

	(void)state;
	assert_int_equal(
		td_portfolio_load_file(EXAMPLE "/portfolio.json", &pf, &err),
		0);
	assert_int_equal(td_cue_list_add_builtin(&cues, "en", &err), 0);
	assert_int_equal(td_rates_builtin(&rates, &err), 0);
	assert_int_equal(td_detect_params_builtin(&params, &err), 0);
	for (i = 0; i < pf.nproducts; i++)
		if (strcmp(pf.products[i].sku, "IA-RT-001") == 0)
			break;
	assert_true(i < pf.nproducts);
	dup = td_portfolio_add_product(&pf);
	p = &pf.products[i]; /* after the add: the array may have moved */
	dup->sku = strdup(p->sku);
	dup->owner = strdup(p->owner);
	dup->name = strdup("Rivet Conference Table, large");
	dup->currency = strdup(p->currency);
	dup->msrp = p->msrp * 2;
	td_strv_copy(&dup->rights, &p->rights);
	assert_int_equal(td_date_parse("2026-11-20", &today), 0);
	d = td_detector_new(&pf, &cues, &rates, &params, today, &err);
	if (!d)
		fail_msg("%s", err.msg);
	s = td_detect_scratch_new(d, &err);
	memset(&l, 0, sizeof(l));
	l.platform = "ebay";
	l.id = "d1";
	l.title = "IRONWOOD ATELIER rivet conference table replica";
	l.title_len = strlen(l.title);
	l.has_price = 1;
	l.price = 100;
	memcpy(l.currency, "USD", 4);
	memset(&in, 0, sizeof(in));
	in.listing = &l;
	assert_int_equal(td_detect(d, s, &in, &f, &err), 1);
	assert_int_equal(sku_count(&f, "IA-RT-001"), 1);
	for (i = 0; i < f.products.n; i++)
		assert_int_equal(sku_count(&f, f.products.v[i]), 1);
	/* The marks are cleared: the next finding lists them again. */
	assert_int_equal(td_detect(d, s, &in, &f, &err), 1);
	assert_int_equal(sku_count(&f, "IA-RT-001"), 1);
	td_finding_release(&f);
	td_detect_scratch_free(s);
	td_detector_free(d);
	td_rates_release(&rates);
	td_cue_list_release(&cues);
	td_portfolio_release(&pf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect__a_finding_lists_each_sku_once),
		cmocka_unit_test_setup_teardown(
			test_detect__ndjson_is_the_jansson_form_of_the_sample_feed,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_detect__a_reused_finding_starts_empty, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_detect__weak_term_needs_a_cue_not_a_low_price,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_detect__chinese_product_name_picks_the_price_product,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
