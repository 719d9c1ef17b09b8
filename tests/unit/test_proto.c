/* Platform protocols: every data file, lookups, queries and validation. */
#include "unit.h"

#include <jansson.h>

#include "core/builtin.h"
#include "core/cal.h"
#include "core/date.h"
#include "core/err.h"
#include "core/proto.h"
#include "core/util.h"

static struct td_proto_set *
builtin(void)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto_set *set = td_proto_set_load_builtin(&err);

	if (!set)
		fail_msg("%s", err.msg);
	return set;
}

static int32_t
D(const char *s)
{
	int32_t d = 0;

	assert_int_equal(td_date_parse(s, &d), 0);
	return d;
}

static const struct td_proto_site *
site(const struct td_proto_set *set, const char *key)
{
	const struct td_proto_site *s = td_proto_set_find_site(set, key);

	if (!s)
		fail_msg("no site %s", key);
	return s;
}

static void
test_proto__every_builtin_file_loads(void **state)
{
	static const char *const keys[] = {
		"alibaba_ipp", "amazon",     "dhgate",        "ebay_vero",
		"etsy",        "jd",         "made_in_china", "pinduoduo",
		"shopee",      "small_site", "walmart"};
	struct td_proto_set *set = builtin();
	const struct td_proto *p;
	size_t i, j, files = 0;
	const struct td_builtin *b;

	(void)state;
	for (b = td_builtin_data; b->name; b++)
		files += strncmp(b->name, "platforms/", 10) == 0;
	assert_int_equal(set->n, files);
	assert_int_equal(set->n, TD_ARRAY_LEN(keys));
	for (i = 0; i < TD_ARRAY_LEN(keys); i++) {
		p = td_proto_set_find(set, keys[i]);
		if (!p)
			fail_msg("no protocol %s", keys[i]);
		assert_true(p->nsites >= 1);
		assert_true(p->nsources >= 1);
		for (j = 0; j < p->nsites; j++) {
			const struct td_proto_rules *r = &p->sites[j].r;

			assert_ptr_equal(p->sites[j].proto, p);
			assert_true(r->nchannels >= 1);
			assert_true(r->nform >= 1);
			assert_true(r->ntemplates >= 1);
			assert_true(r->filer[TD_PROTO_OWNER].allowed);
		}
	}
	/* The figures issue 5 names. */
	p = td_proto_set_find(set, "alibaba_ipp");
	assert_int_equal(p->nsites, 5);
	assert_int_equal(p->r.batch.limit, 300);
	assert_string_equal(p->r.batch.format, "lines");
	assert_true(p->r.response.known && p->r.response.working);
	assert_int_equal(p->r.response.days, 3);
	assert_string_equal(p->r.response.calendar, "cn");
	assert_true(p->r.good_faith.present);
	assert_true(p->r.good_faith.min_success == 0.9);
	assert_true(p->r.good_faith.max_counter == 0.05);
	assert_int_equal(p->r.counter.restore.days, 15);
	assert_false(p->r.counter.restore.working);
	assert_int_equal(td_proto_set_find(set, "amazon")->r.batch.limit, 50);
	assert_true(
		td_proto_set_find(set, "amazon")->r.good_faith.min_success ==
		0.9);
	assert_int_equal(td_proto_set_find(set, "walmart")->r.batch.limit, 10);
	p = td_proto_set_find(set, "made_in_china");
	assert_int_equal(p->r.batch.limit, 800);
	assert_string_equal(p->r.batch.format, "xlsx");
	assert_int_equal(p->r.batch.max_bytes, 5242880);
	p = td_proto_set_find(set, "ebay_vero");
	assert_int_equal(p->r.counter.restore.days, 10);
	assert_int_equal(p->r.counter.restore.max_days, 14);
	assert_string_equal(p->r.counter.restore.calendar, "us");
	assert_int_equal(
		td_proto_set_find(set, "small_site")->r.channels[0].kind,
		TD_PROTO_EMAIL);
	/* Rights records: required on the Chinese portals, recommended on
	 * Amazon and Walmart, none on eBay. */
	p = td_proto_set_find(set, "alibaba_ipp");
	assert_int_equal(p->r.record.need, TD_PROTO_REQUIRED);
	assert_int_equal(p->sites[0].r.record.need, TD_PROTO_REQUIRED);
	assert_true(p->r.counter.decision.known);
	assert_int_equal(p->r.counter.decision.days, 3);
	assert_int_equal(p->r.counter.decision.max_days, 5);
	assert_int_equal(td_proto_set_find(set, "jd")->r.record.need,
			 TD_PROTO_REQUIRED);
	assert_int_equal(td_proto_set_find(set, "amazon")->r.record.need,
			 TD_PROTO_RECOMMENDED);
	assert_int_equal(td_proto_set_find(set, "ebay_vero")->r.record.need, 0);
	assert_false(
		td_proto_set_find(set, "ebay_vero")->r.counter.decision.known);
	/* Aliases find the protocol, and name its sites. */
	assert_ptr_equal(td_proto_set_find_name(set, "alibaba"),
			 td_proto_set_find(set, "alibaba_ipp"));
	assert_ptr_equal(td_proto_set_find_name(set, "ebay"),
			 td_proto_set_find(set, "ebay_vero"));
	assert_null(td_proto_set_find_name(set, "taobao"));
	assert_ptr_equal(td_proto_set_find_site(set, "ebay"),
			 &td_proto_set_find(set, "ebay_vero")->sites[0]);
	assert_true(td_proto_site_named(td_proto_set_find_site(set, "taobao"),
					"alibaba"));
	assert_true(td_proto_site_named(td_proto_set_find_site(set, "taobao"),
					"taobao"));
	assert_true(td_proto_site_named(td_proto_set_find_site(set, "taobao"),
					"alibaba_ipp"));
	assert_false(td_proto_site_named(td_proto_set_find_site(set, "taobao"),
					 "tmall"));
	assert_false(td_proto_site_named(
		td_proto_set_find_site(set, "amazon_us"), "alibaba"));
	td_proto_set_free(set);
	td_proto_set_free(NULL);
}

static void
test_proto__lookup_by_site_and_host(void **state)
{
	struct td_proto_set *set = builtin();
	const struct td_proto_site *s;

	(void)state;
	s = site(set, "taobao");
	assert_string_equal(s->proto->key, "alibaba_ipp");
	assert_string_equal(s->name, "Taobao");
	assert_string_equal(site(set, "1688")->proto->key, "alibaba_ipp");
	/* A protocol key with one site finds it; with several it does not. */
	assert_string_equal(site(set, "amazon")->key, "amazon_us");
	assert_null(td_proto_set_find_site(set, "alibaba_ipp"));
	assert_null(td_proto_set_find_site(set, "nosuch"));
	assert_null(td_proto_set_find(set, "taobao"));
	s = td_proto_set_find_host(set,
				   "https://item.taobao.com/item.htm?id=12");
	assert_non_null(s);
	assert_string_equal(s->key, "taobao");
	s = td_proto_set_find_host(set, "HTTPS://WWW.AliExpress.COM./item/1");
	assert_string_equal(s->key, "aliexpress");
	assert_string_equal(td_proto_set_find_host(set, "detail.tmall.hk")->key,
			    "tmall");
	assert_string_equal(
		td_proto_set_find_host(set, "https://shopee.co.th/x")->key,
		"shopee_th");
	assert_string_equal(
		td_proto_set_find_host(set,
				       "http://user:pw@www.ebay.com:443/itm/1")
			->key,
		"ebay_us");
	assert_null(td_proto_set_find_host(set, "https://nottaobao.com/x"));
	assert_null(td_proto_set_find_host(set, "https://taobao.com.evil.io/"));
	assert_null(td_proto_set_find_host(set, ""));
	td_proto_set_free(set);
}

static void
test_proto__sites_differ_by_patch(void **state)
{
	struct td_proto_set *set = builtin();
	const struct td_proto_rules *taobao = &site(set, "taobao")->r;
	const struct td_proto_rules *ae = &site(set, "aliexpress")->r;
	const struct td_proto_rules *tw = &site(set, "shopee_tw")->r;

	(void)state;
	/* A China registration is strongest; Taobao refuses a US one. */
	assert_int_equal(td_proto_classify(taobao, TD_PROTO_TRADEMARK, "CN"),
			 TD_PROTO_HOME);
	assert_true(td_proto_prior(taobao, TD_PROTO_TRADEMARK, "CN") == 0.9);
	assert_int_equal(td_proto_classify(taobao, TD_PROTO_TRADEMARK, "US"),
			 TD_PROTO_NOT_ACCEPTED);
	assert_true(td_proto_prior(taobao, TD_PROTO_TRADEMARK, "US") == 0.0);
	/* AliExpress takes it, with less certainty. */
	assert_int_equal(td_proto_classify(ae, TD_PROTO_TRADEMARK, "US"),
			 TD_PROTO_FOREIGN);
	assert_true(td_proto_prior(ae, TD_PROTO_TRADEMARK, "US") == 0.6);
	assert_true(td_proto_prior(ae, TD_PROTO_TRADEMARK, "CN") == 0.9);
	/* Unregistered: refused for marks, possible for copyright. */
	assert_int_equal(td_proto_classify(ae, TD_PROTO_TRADEMARK, NULL),
			 TD_PROTO_NOT_ACCEPTED);
	assert_int_equal(td_proto_classify(taobao, TD_PROTO_COPYRIGHT, ""),
			 TD_PROTO_UNREGISTERED);
	assert_true(td_proto_prior(taobao, TD_PROTO_COPYRIGHT, NULL) == 0.5);
	/* The patch changed only what it names. */
	assert_int_equal(ae->repeat.strikes, 3);
	assert_int_equal(ae->repeat.period_days, 365);
	assert_int_equal(taobao->repeat.strikes, 0);
	assert_string_equal(ae->languages[0], "en");
	assert_string_equal(taobao->languages[0], "zh-Hans");
	assert_int_equal(ae->batch.limit, 300);
	assert_int_equal(ae->response.days, 3);
	assert_string_equal(tw->home[0], "TW");
	assert_string_equal(tw->languages[0], "zh-Hant");
	assert_int_equal(td_proto_classify(tw, TD_PROTO_TRADEMARK, "TW"),
			 TD_PROTO_HOME);
	assert_int_equal(td_proto_classify(&site(set, "shopee_sg")->r,
					   TD_PROTO_TRADEMARK, "TW"),
			 TD_PROTO_FOREIGN);
	/* Walmart wants a USPTO registration; the US has no utility models. */
	assert_int_equal(td_proto_classify(&site(set, "walmart_us")->r,
					   TD_PROTO_TRADEMARK, "EM"),
			 TD_PROTO_NOT_ACCEPTED);
	assert_int_equal(td_proto_classify(&site(set, "amazon_us")->r,
					   TD_PROTO_PATENT_UTILITY, "US"),
			 TD_PROTO_NOT_ACCEPTED);
	td_proto_set_free(set);
}

static int
has_doc(const struct td_proto_req **v, size_t n, enum td_proto_doc_kind doc,
	enum td_proto_need need)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i]->doc == doc && v[i]->need == need)
			return 1;
	return 0;
}

static void
test_proto__required_documents(void **state)
{
	struct td_proto_set *set = builtin();
	const struct td_proto_rules *taobao = &site(set, "taobao")->r;
	const struct td_proto_req *v[32];
	struct td_proto_query q;
	size_t n;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.kind = TD_PROTO_DESIGN;
	q.registry = "CN";
	q.has_applied = 1;
	q.applied = D("2015-03-01");
	q.role = TD_PROTO_OWNER;
	q.holder = TD_PROTO_COMPANY;
	n = td_proto_required_docs(taobao, &q, v, 32);
	assert_true(n <= 32);
	assert_true(has_doc(v, n, TD_PROTO_DOC_BUSINESS_LICENCE,
			    TD_PROTO_REQUIRED));
	assert_false(has_doc(v, n, TD_PROTO_DOC_IDENTITY, TD_PROTO_REQUIRED));
	assert_false(has_doc(v, n, TD_PROTO_DOC_POWER_OF_ATTORNEY,
			     TD_PROTO_REQUIRED));
	assert_true(has_doc(v, n, TD_PROTO_DOC_PATENT_EVALUATION_REPORT,
			    TD_PROTO_REQUIRED));
	assert_true(has_doc(v, n, TD_PROTO_DOC_COMPARISON_CHART,
			    TD_PROTO_REQUIRED));
	/* Before 2010 no evaluation report; an agent needs its POA. */
	q.applied = D("2009-12-31");
	q.role = TD_PROTO_AGENT;
	q.holder = TD_PROTO_INDIVIDUAL;
	n = td_proto_required_docs(taobao, &q, v, 32);
	assert_false(has_doc(v, n, TD_PROTO_DOC_PATENT_EVALUATION_REPORT,
			     TD_PROTO_REQUIRED));
	assert_true(has_doc(v, n, TD_PROTO_DOC_POWER_OF_ATTORNEY,
			    TD_PROTO_REQUIRED));
	assert_true(has_doc(v, n, TD_PROTO_DOC_IDENTITY, TD_PROTO_REQUIRED));
	/* An unknown application date keeps the report on the list. */
	q.has_applied = 0;
	n = td_proto_required_docs(taobao, &q, v, 32);
	assert_true(has_doc(v, n, TD_PROTO_DOC_PATENT_EVALUATION_REPORT,
			    TD_PROTO_REQUIRED));
	/* Translations are listed for the caller to check by language. */
	assert_true(has_doc(v, n, TD_PROTO_DOC_TRANSLATION, TD_PROTO_REQUIRED));
	/* A US patent on eBay needs a court order. */
	q.kind = TD_PROTO_PATENT_INVENTION;
	q.registry = "US";
	q.role = TD_PROTO_OWNER;
	n = td_proto_required_docs(&site(set, "ebay_us")->r, &q, v, 32);
	assert_true(has_doc(v, n, TD_PROTO_DOC_COURT_ORDER, TD_PROTO_REQUIRED));
	/* Copyright: registered vs unregistered documents. */
	q.kind = TD_PROTO_COPYRIGHT;
	q.registry = NULL;
	n = td_proto_required_docs(taobao, &q, v, 32);
	assert_true(has_doc(v, n, TD_PROTO_DOC_OTHER, TD_PROTO_REQUIRED));
	assert_false(has_doc(v, n, TD_PROTO_DOC_REGISTRATION_CERTIFICATE,
			     TD_PROTO_RECOMMENDED));
	/* max limits what is written, not what is counted. */
	assert_int_equal(td_proto_required_docs(taobao, &q, v, 1), n);
	td_proto_set_free(set);
}

static void
test_proto__windows_count_in_their_calendar(void **state)
{
	struct td_proto_set *set = builtin();
	const struct td_proto_rules *taobao = &site(set, "taobao")->r;
	const struct td_proto_rules *ebay = &site(set, "ebay_us")->r;
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cn = td_cal_load("cn", &err);
	struct td_cal *us = td_cal_load("us", &err);
	int32_t due;
	int missing = -1;

	(void)state;
	assert_non_null(cn);
	assert_non_null(us);
	/* IPP: notice forwarded Fri 2025-01-24, Spring Festival follows. */
	assert_int_equal(td_proto_window_due(&taobao->response, cn,
					     D("2025-01-24"), &due, &missing,
					     &err),
			 0);
	assert_int_equal(due, D("2025-02-05"));
	assert_int_equal(missing, 0);
	assert_int_equal(td_proto_window_due(&taobao->response, us,
					     D("2025-01-24"), &due, NULL, &err),
			 TD_EINVAL);
	assert_non_null(strstr(err.msg, "calendar cn, not us"));
	assert_int_equal(td_proto_window_due(&taobao->response, NULL,
					     D("2025-01-24"), &due, NULL, &err),
			 TD_EINVAL);
	/* E-Commerce Law: 15 calendar days. */
	assert_int_equal(td_proto_window_due(&taobao->counter.restore, NULL,
					     D("2026-02-10"), &due, NULL, &err),
			 0);
	assert_int_equal(due, D("2026-02-25"));
	/* DMCA: at least 10 US business days. */
	assert_int_equal(td_proto_window_due(&ebay->counter.restore, us,
					     D("2026-11-18"), &due, NULL, &err),
			 0);
	assert_int_equal(due, D("2026-12-03"));
	/* A window the platform does not state. */
	assert_int_equal(td_proto_window_due(&ebay->response, us,
					     D("2026-11-18"), &due, NULL, &err),
			 TD_ENOTFOUND);
	td_cal_free(cn);
	td_cal_free(us);
	td_proto_set_free(set);
}

/* ---- validation -------------------------------------------------------- */

/* Set (or with v NULL delete) the member at a path like "a.b[2].c". */
static void
set_path(json_t *root, const char *path, json_t *v)
{
	char buf[256];
	char *p = buf, *next;
	json_t *cur = root;

	snprintf(buf, sizeof(buf), "%s", path);
	for (;;) {
		char *br;
		size_t idx = 0;
		int is_idx = 0;

		next = strchr(p, '.');
		if (next)
			*next = '\0';
		br = strchr(p, '[');
		if (br) {
			*br = '\0';
			idx = (size_t)atoi(br + 1);
			is_idx = 1;
		}
		if (!next && !is_idx) {
			if (v)
				json_object_set_new(cur, p, v);
			else
				json_object_del(cur, p);
			return;
		}
		cur = json_object_get(cur, p);
		assert_non_null(cur);
		if (is_idx) {
			if (!next) {
				json_array_set_new(cur, idx, v);
				return;
			}
			cur = json_array_get(cur, idx);
			assert_non_null(cur);
		}
		p = next + 1;
	}
}

static json_t *
builtin_json(const char *name)
{
	const struct td_builtin *b = td_builtin_find(td_builtin_data, name);
	json_error_t je;
	json_t *j;

	assert_non_null(b);
	j = json_loadb((const char *)b->data, b->len, 0, &je);
	assert_non_null(j);
	return j;
}

static const struct {
	const char *path;  /* what to change in amazon.json */
	const char *value; /* its new JSON value, or NULL to delete it */
	const char *msg;   /* the error, after the file name */
} mutations[] = {
	{"rights_record", NULL,
	 "rights_record: missing (null if the platform keeps no record of "
	 "rights)"},
	{"rights_record.need", "\"mandatory\"",
	 "rights_record.need: 'mandatory' is not one of required, "
	 "recommended, optional"},
	{"rights_record.name", NULL, "rights_record.name: missing"},
	{"counter_notice.decision",
	 "{\"days\": 5, \"unit\": \"working\", \"calendar\": \"us\", "
	 "\"sources\": [\"amz-form\"]}",
	 NULL},
	{"counter_notice.decision", "{\"days\": 5, \"unit\": \"weeks\"}",
	 "counter_notice.decision.unit: 'weeks' is not one of working, "
	 "calendar"},
	{"batch.limit", "0", "batch.limit: must be a positive integer"},
	{"batch.limit", "\"50\"", "batch.limit: must be a positive integer"},
	{"batch.limit", "50.5", "batch.limit: must be a positive integer"},
	{"batch.limit", NULL,
	 "batch.limit: missing (null if the platform states none)"},
	{"rights.design", NULL,
	 "rights.design: missing (say accepted: false if the platform does "
	 "not take it)"},
	{"rights.trademark.prior.home", "1.5",
	 "rights.trademark.prior.home: must be a number from 0 to 1"},
	{"rights.trademark.prior.unregistered", "0.2",
	 "rights.trademark.prior.unregistered: must be 0 when "
	 "requires_registration is true"},
	{"rights.trademark.registries", "[\"USA\"]",
	 "rights.trademark.registries[0]: 'USA' is not a country code (ISO "
	 "3166), EM, WO or *"},
	{"rights.trademark.documents[0].kind", "\"passport\"",
	 "rights.trademark.documents[0].kind: 'passport' is not one of "
	 "business_licence, registration_certificate, power_of_attorney, "
	 "translation, court_order, patent_evaluation_report, "
	 "comparison_chart, identity, other"},
	{"rights.design.documents[0].when",
	 "{\"applied_from\": \"2010-13-01\"}",
	 "rights.design.documents[0].when.applied_from: must be a date "
	 "(YYYY-MM-DD)"},
	{"response",
	 "{\"days\": 3, \"unit\": \"working\", \"sources\": "
	 "[\"amz-form\"]}",
	 "response.calendar: missing: working days need a calendar"},
	{"response",
	 "{\"days\": 3, \"unit\": \"working\", \"calendar\": "
	 "\"mars\", \"sources\": [\"amz-form\"]}",
	 "response.calendar: 'mars' is not a built-in calendar"},
	{"response", "{\"days\": 3, \"unit\": \"fortnights\"}",
	 "response.unit: 'fortnights' is not one of working, calendar"},
	{"response", "{\"days\": 3, \"unit\": \"calendar\"}",
	 "response.sources: missing: cite where this comes from"},
	{"counter_notice.restore.max_days", "9",
	 "counter_notice.restore.max_days: must be a whole number of days, "
	 "at least days"},
	{"form[0].field", "\"owner.nam\"",
	 "form[0].field: 'owner.nam' is not a takedown field (see "
	 "docs/platforms.md)"},
	{"form[1].field", NULL,
	 "form[1].field: missing (null for a field filled by hand)"},
	{"batchlimit", "3", "batchlimit: unknown field"},
	{"batch.sources", "[\"nope\"]",
	 "batch.sources[0]: 'nope' is not in the file's sources"},
	{"schema", "2", "schema: must be 1 (this program reads schema 1)"},
	{"checked", "\"yesterday\"", "checked: must be a date (YYYY-MM-DD)"},
	{"channels[0].target", "\"not a url\"",
	 "channels[0].target: must be a URL"},
	{"channels[2].target", "\"copyright at amazon\"",
	 "channels[2].target: must be an e-mail address"},
	{"channels", "[]", "channels: must be a non-empty array"},
	{"templates", "[\"nosuch\"]",
	 "templates[0]: 'nosuch' is not a built-in template "
	 "(data/templates/NAME.en.txt)"},
	{"languages", "[\"English\"]",
	 "languages[0]: 'English' is not a language tag such as en or "
	 "zh-Hans"},
	{"filers.agent.allowed", "\"yes\"",
	 "filers.agent.allowed: must be true or false"},
	{"filers.owner.allowed", "false", NULL}, /* agent still allowed */
	{"sites[0].patch", "{\"key\": \"x\"}",
	 "sites[0].patch.key: a site may not change this"},
	{"sites[0].patch", "{\"batch\": {\"limit\": -1}}",
	 "sites[0].patch.batch.limit: must be a positive integer"},
	{"sites[0].key", "\"Amazon US\"",
	 "sites[0].key: 'Amazon US' must be a-z, 0-9 and _"},
	{"sources[1].id", "\"amz-form\"",
	 "sources[1].id: 'amz-form' is given "
	 "twice"},
	{"sources[0].confidence", "\"high\"",
	 "sources[0].confidence: 'high' is not one of H, M, L, default"},
	{"good_faith.min_success", "90",
	 "good_faith.min_success: must be a number from 0 to 1"},
	{"removal.typical_days", "\"1\"",
	 "removal.typical_days: must be a number of days from 0 to 365"},
	{"home", "\"US\"", "home: must be an array of strings"},
	{"notes", "\"\"", "notes: must be a non-empty string"},
};

static void
test_proto__validation_errors_name_file_and_field(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < TD_ARRAY_LEN(mutations); i++) {
		struct td_err err = TD_ERR_INIT;
		json_t *j = builtin_json("platforms/amazon.json");
		json_t *v = NULL;
		struct td_proto *p;
		char want[600];
		char *text;

		if (mutations[i].value) {
			json_error_t je;

			v = json_loads(mutations[i].value, JSON_DECODE_ANY,
				       &je);
			assert_non_null(v);
		}
		set_path(j, mutations[i].path, v);
		text = json_dumps(j, 0);
		p = td_proto_parse("data/platforms/amazon.json", text,
				   strlen(text), &err);
		if (!mutations[i].msg) {
			if (!p)
				fail_msg("%s: %s", mutations[i].path, err.msg);
		} else {
			snprintf(want, sizeof(want),
				 "data/platforms/amazon.json: %s",
				 mutations[i].msg);
			if (p || strcmp(err.msg, want) != 0)
				fail_msg("case %zu (%s):\n got '%s'\nwant '%s'",
					 i, mutations[i].path,
					 p ? "(loaded)" : err.msg, want);
			assert_int_equal(err.code, TD_EINVAL);
		}
		td_proto_free(p);
		free(text);
		json_decref(j);
	}
}

static void
test_proto__bad_json_and_clashes(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto_set *set;
	struct td_proto *p;
	json_t *j;
	char *text;
	const char *dup = "{\n  \"schema\": 1,\n  \"schema\": 1\n}";

	(void)state;
	assert_null(td_proto_parse("x.json", "{\n\"a\": [1,\n", 12, &err));
	assert_int_equal(strncmp(err.msg, "x.json:3: column", 16), 0);
	assert_null(td_proto_parse("x.json", dup, strlen(dup), &err));
	assert_non_null(strstr(err.msg, "x.json:3: column"));
	assert_non_null(strstr(err.msg, "duplicate"));
	assert_null(td_proto_parse("x.json", "[]", 2, &err));
	assert_string_equal(err.msg, "x.json: must be an object");
	assert_null(td_proto_load_file("/nonexistent/p.json", &err));
	assert_int_equal(err.code, TD_ENOTFOUND);
	/* A second protocol may not reuse a site key or domain. */
	set = builtin();
	j = builtin_json("platforms/walmart.json");
	set_path(j, "key", json_string("walmart2"));
	text = json_dumps(j, 0);
	p = td_proto_parse("mine.json", text, strlen(text), &err);
	assert_non_null(p);
	assert_int_equal(td_proto_set_add_take(set, p, &err), TD_ECONFLICT);
	assert_string_equal(err.msg, "mine.json: sites[0]: 'walmart_us' is "
				     "already used by site walmart_us of "
				     "data/platforms/walmart.json");
	free(text);
	set_path(j, "sites[0].key", json_string("walmart_x"));
	set_path(j, "sites[1].key", json_string("samsclub_x"));
	text = json_dumps(j, 0);
	p = td_proto_parse("mine.json", text, strlen(text), &err);
	assert_int_equal(td_proto_set_add_take(set, p, &err), TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "'walmart.com' is already used"));
	free(text);
	set_path(j, "key", json_string("walmart"));
	text = json_dumps(j, 0);
	p = td_proto_parse("mine.json", text, strlen(text), &err);
	assert_int_equal(td_proto_set_add_take(set, p, &err), TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "'walmart' is already a name of"));
	free(text);
	/* An alias may not be another protocol's key or alias. */
	set_path(j, "key", json_string("walmart_x"));
	set_path(j, "aliases", json_pack("[s]", "alibaba"));
	text = json_dumps(j, 0);
	p = td_proto_parse("mine.json", text, strlen(text), &err);
	assert_int_equal(td_proto_set_add_take(set, p, &err), TD_ECONFLICT);
	assert_string_equal(err.msg, "mine.json: aliases[0]: 'alibaba' is "
				     "already a name used by "
				     "data/platforms/alibaba_ipp.json");
	free(text);
	set_path(j, "aliases", json_pack("[s]", "Bad Name"));
	text = json_dumps(j, 0);
	assert_null(td_proto_parse("mine.json", text, strlen(text), &err));
	assert_string_equal(err.msg, "mine.json: aliases[0]: 'Bad Name' is "
				     "not a name of letters, digits and _");
	free(text);
	json_decref(j);
	td_proto_set_free(set);
}

/* ---- fuzz: mutated files must fail cleanly, never crash ---------------- */

static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Replace a random value somewhere in j with something of another type. */
static void
mutate_tree(json_t *j, uint32_t *s, int depth)
{
	static const char *const repl[] = {"null",
					   "0",
					   "-1",
					   "1e300",
					   "\"\"",
					   "\"x\"",
					   "[]",
					   "{}",
					   "true",
					   "[\"*\"]",
					   "{\"days\": 3}",
					   "\"2010-01-01\""};
	json_error_t je;
	size_t n;

	if (json_is_object(j) && (n = json_object_size(j)) > 0) {
		void *it = json_object_iter(j);
		size_t k = rnd(s) % n;
		const char *key;
		json_t *v;

		while (k--)
			it = json_object_iter_next(j, it);
		key = json_object_iter_key(it);
		v = json_object_iter_value(it);
		if (depth > 0 && (json_is_object(v) || json_is_array(v)) &&
		    rnd(s) % 4) {
			mutate_tree(v, s, depth - 1);
		} else if (rnd(s) % 3 == 0) {
			json_object_del(j, key);
		} else {
			json_object_set_new(
				j, key,
				json_loads(repl[rnd(s) % TD_ARRAY_LEN(repl)],
					   JSON_DECODE_ANY, &je));
		}
	} else if (json_is_array(j) && (n = json_array_size(j)) > 0) {
		size_t k = rnd(s) % n;
		json_t *v = json_array_get(j, k);

		if (depth > 0 && (json_is_object(v) || json_is_array(v)) &&
		    rnd(s) % 4)
			mutate_tree(v, s, depth - 1);
		else if (rnd(s) % 3 == 0)
			json_array_remove(j, k);
		else
			json_array_set_new(
				j, k,
				json_loads(repl[rnd(s) % TD_ARRAY_LEN(repl)],
					   JSON_DECODE_ANY, &je));
	}
}

static void
test_proto__fuzz_mutated_files_fail_cleanly(void **state)
{
	const struct td_builtin *b;
	uint32_t seed = 12345;
	int loaded = 0, refused = 0;

	(void)state;
	for (b = td_builtin_data; b->name; b++) {
		int round;

		if (strncmp(b->name, "platforms/", 10) != 0)
			continue;
		for (round = 0; round < 120; round++) {
			struct td_err err = TD_ERR_INIT;
			struct td_proto *p;
			char *text;
			size_t len;

			if (round % 3 == 0) {
				/* Byte-level: flip, cut or splice. */
				len = b->len;
				text = malloc(len + 1);
				memcpy(text, b->data, len + 1);
				switch (rnd(&seed) % 3) {
				case 0:
					text[rnd(&seed) % len] ^=
						(char)(1 + rnd(&seed) % 255);
					break;
				case 1:
					len = rnd(&seed) % len;
					break;
				default:
					text[rnd(&seed) % len] =
						"{}[]\",:0\\"[rnd(&seed) % 9];
					break;
				}
			} else {
				json_t *j = builtin_json(b->name);
				int k, times = 1 + (int)(rnd(&seed) % 3);

				for (k = 0; k < times; k++)
					mutate_tree(j, &seed, 6);
				text = json_dumps(j, JSON_ENCODE_ANY);
				len = text ? strlen(text) : 0;
				json_decref(j);
				if (!text)
					continue;
			}
			p = td_proto_parse(b->name, text, len, &err);
			if (p) {
				loaded++;
				assert_true(p->nsites >= 1);
			} else {
				refused++;
				assert_int_equal(err.code, TD_EINVAL);
				if (strncmp(err.msg, b->name,
					    strlen(b->name)) != 0)
					fail_msg("message without file: %s",
						 err.msg);
			}
			td_proto_free(p);
			free(text);
		}
	}
	/* Most mutations break a rule; some (a changed note) do not. */
	assert_true(refused > loaded);
	assert_true(loaded > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proto__every_builtin_file_loads),
		cmocka_unit_test(test_proto__lookup_by_site_and_host),
		cmocka_unit_test(test_proto__sites_differ_by_patch),
		cmocka_unit_test(test_proto__required_documents),
		cmocka_unit_test(test_proto__windows_count_in_their_calendar),
		cmocka_unit_test(
			test_proto__validation_errors_name_file_and_field),
		cmocka_unit_test(test_proto__bad_json_and_clashes),
		cmocka_unit_test(test_proto__fuzz_mutated_files_fail_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
