/* The readiness check: every blocker and warning, on the sample
 * portfolio (examples/ironwood) changed one thing at a time. */
#include "unit.h"
#include "protos.h"

#include "core/case.h"
#include "core/date.h"
#include "core/portfolio.h"
#include "core/proto.h"
#include "core/ready.h"
#include "core/util.h"

/* One check: a portfolio, a site, a right, an agent, listings. */
struct chk {
	struct td_portfolio pf;
	struct td_case_listing listings[12];
	size_t nlistings;
	struct td_ready_input in;
	struct td_ready_report rep;
	struct td_proto_site site_copy; /* for rule changes */
};

/* A listing with a finding whose term signal matches right. */
static void
add_listing(struct chk *c, const char *right)
{
	struct td_case_listing *l = &c->listings[c->nlistings];
	char url[80];

	memset(l, 0, sizeof(*l));
	l->listing_id = (int64_t)c->nlistings + 1;
	l->finding_id = (int64_t)c->nlistings + 1;
	l->pos = (int)c->nlistings + 1;
	snprintf(url, sizeof(url), "https://item.taobao.com/item.htm?id=%zu",
		 c->nlistings + 1);
	l->url = td_xstrdup(url);
	l->ext_id = td_xstrdup("1");
	l->platform = td_xstrdup("taobao");
	l->title = td_xstrdup("IRONWOOD ATELIER table");
	l->signals = json_pack("[{s:s, s:[s], s:s, s:s, s:s, s:s}]", "kind",
			       "term", "rights", right, "term",
			       "IRONWOOD ATELIER", "term_kind", "mark", "field",
			       "title", "quote", "IRONWOOD ATELIER");
	td_strv_push(&l->rights, right);
	c->nlistings++;
}

static void
start(struct chk *c, const char *site, const char *right, const char *agent)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_proto_site *s = td_proto_set_find_site(protos, site);

	memset(c, 0, sizeof(*c));
	assert_non_null(s);
	if (td_portfolio_load_file("examples/ironwood/portfolio.json", &c->pf,
				   &err) < 0)
		fail_msg("%s", err.msg);
	c->site_copy = *s;
	add_listing(c, right);
	c->in.pf = &c->pf;
	c->in.site = &c->site_copy;
	c->in.case_id = 7;
	c->in.right = right;
	c->in.agent = agent;
	c->in.today = day("2026-11-27");
	c->in.until = day("2026-12-31");
}

static void
run(struct chk *c)
{
	struct td_err err = TD_ERR_INIT;

	td_ready_report_release(&c->rep);
	c->in.listings = c->listings;
	c->in.nlistings = c->nlistings;
	if (td_ready_check(&c->in, &c->rep, &err) < 0)
		fail_msg("check: %s", err.msg);
}

static void
done(struct chk *c)
{
	size_t i;

	for (i = 0; i < c->nlistings; i++)
		td_case_listing_release(&c->listings[i]);
	td_ready_report_release(&c->rep);
	td_portfolio_release(&c->pf);
}

static void
dump(const struct chk *c)
{
	size_t i;

	for (i = 0; i < c->rep.n; i++)
		fprintf(stderr, "  %s %s [%s] %s\n",
			td_ready_level_name(c->rep.items[i].level),
			c->rep.items[i].code,
			c->rep.items[i].subject ? c->rep.items[i].subject : "",
			c->rep.items[i].message);
}

/* The item with code (and subject, if given), or NULL. */
static const struct td_ready_item *
find(const struct chk *c, const char *code, const char *subject)
{
	size_t i;

	for (i = 0; i < c->rep.n; i++)
		if (strcmp(c->rep.items[i].code, code) == 0 &&
		    (!subject ||
		     (c->rep.items[i].subject &&
		      strcmp(c->rep.items[i].subject, subject) == 0)))
			return &c->rep.items[i];
	return NULL;
}

static const struct td_ready_item *must(const struct chk *c, const char *code,
					const char *subject)
	__attribute__((returns_nonnull));

static const struct td_ready_item *
must(const struct chk *c, const char *code, const char *subject)
{
	static const struct td_ready_item none;
	const struct td_ready_item *it = find(c, code, subject);

	if (!it) {
		dump(c);
		fail_msg("no %s", code);
		return &none;
	}
	return it;
}

#define expect(c, lvl, code, subject)                                          \
	do {                                                                   \
		const struct td_ready_item *it_ = find(c, code, subject);      \
		if (!it_ || it_->level != (lvl)) {                             \
			dump(c);                                               \
			fail_msg("want %s %s [%s]", td_ready_level_name(lvl),  \
				 code, subject ? subject : "");                \
		}                                                              \
	} while (0)

#define expect_clean(c, nblockers, nwarnings)                                  \
	do {                                                                   \
		if ((c)->rep.blockers != (nblockers) ||                        \
		    (c)->rep.warnings != (nwarnings)) {                        \
			dump(c);                                               \
			fail_msg("want %d blockers, %d warnings", nblockers,   \
				 nwarnings);                                   \
		}                                                              \
	} while (0)

static struct td_document *
doc(struct chk *c, const char *key)
{
	struct td_document *d = td_portfolio_document(&c->pf, key);

	assert_non_null(d);
	return d;
}

static struct td_right *
right(struct chk *c, const char *key)
{
	struct td_right *r = td_portfolio_right(&c->pf, key);

	assert_non_null(r);
	return r;
}

/* ---- passing cases ---------------------------------------------------- */

static void
test_ready__sample_case_passes(void **state)
{
	struct chk c;

	(void)state;
	/* The owner files its Chinese mark on Taobao: nothing blocks. */
	start(&c, "taobao", "tm-cn", NULL);
	run(&c);
	expect_clean(&c, 0, 0);
	/* What it attaches: the business licence and the certificate. */
	assert_int_equal(c.rep.nattach, 2);
	assert_string_equal(c.rep.attach[0].doc->key, "bl-iw");
	assert_string_equal(c.rep.attach[1].doc->key, "cert-tm-cn");
	/* Its agent files: the POA comes too; takedown cannot see the
	 * agent's own papers. */
	c.in.agent = "exlaw";
	run(&c);
	expect_clean(&c, 0, 1);
	expect(&c, TD_READY_WARNING, "agent_identity", "identity");
	assert_int_equal(c.rep.nattach, 3);
	assert_string_equal(c.rep.attach[0].doc->key, "poa-exlaw");
	done(&c);
	/* The US mark on Amazon, verified there. */
	start(&c, "amazon_us", "tm-us", NULL);
	run(&c);
	expect_clean(&c, 0, 0);
	done(&c);
	/* eBay takes a trademark with no documents at all. */
	start(&c, "ebay_us", "tm-us", NULL);
	run(&c);
	expect_clean(&c, 0, 0);
	assert_int_equal(c.rep.nattach, 0);
	done(&c);
}

/* ---- documents -------------------------------------------------------- */

static void
test_ready__documents_missing_expired_or_expiring(void **state)
{
	struct chk c;

	(void)state;
	start(&c, "taobao", "tm-cn", NULL);
	doc(&c, "bl-iw")->kind = TD_DOC_OTHER;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing", "business_licence");
	assert_non_null(strstr(must(&c, "document_missing", NULL)->fix,
			       "takedown doc add FILE --kind business_licence "
			       "--owner iw"));
	doc(&c, "bl-iw")->kind = TD_DOC_BUSINESS_LICENCE;
	doc(&c, "cert-tm-cn")->rights.n = 0; /* certifies no right now */
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing",
	       "registration_certificate");
	doc(&c, "cert-tm-cn")->rights.n = 1;
	doc(&c, "cert-tm-cn")->expires = day("2026-01-31");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_expired", "cert-tm-cn");
	assert_int_equal(c.rep.nattach, 1); /* not the expired one */
	doc(&c, "cert-tm-cn")->expires = day("2026-12-10");
	run(&c);
	expect_clean(&c, 0, 1);
	expect(&c, TD_READY_WARNING, "document_expires", "cert-tm-cn");
	done(&c);
	/* Amazon only recommends the certificate: a warning. */
	start(&c, "amazon_us", "tm-us", NULL);
	doc(&c, "cert-tm-us")->kind = TD_DOC_OTHER;
	run(&c);
	expect_clean(&c, 0, 1);
	expect(&c, TD_READY_WARNING, "document_missing",
	       "registration_certificate");
	done(&c);
}

static void
test_ready__translations(void **state)
{
	struct td_document *t;
	struct chk c;

	(void)state;
	/* IPP reads Chinese and English: a German certificate needs a
	 * translation. */
	start(&c, "taobao", "tm-cn", NULL);
	free(doc(&c, "cert-tm-cn")->lang);
	doc(&c, "cert-tm-cn")->lang = td_xstrdup("de");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "translation_missing", "cert-tm-cn");
	assert_int_equal(c.rep.missing_translations.n, 1);
	assert_string_equal(c.rep.missing_translations.v[0], "cert-tm-cn");
	t = td_portfolio_add_document(&c.pf);
	t->key = td_xstrdup("cert-tm-cn-zh");
	t->kind = TD_DOC_TRANSLATION;
	t->owner = td_xstrdup("iw");
	t->lang = td_xstrdup("zh-Hans");
	t->translates = td_xstrdup("cert-tm-cn");
	run(&c);
	expect_clean(&c, 0, 0);
	assert_ptr_equal(c.rep.attach[1].translation,
			 td_portfolio_document(&c.pf, "cert-tm-cn-zh"));
	assert_true(c.rep.attach[1].needs_translation);
	done(&c);
	/* Amazon reads English only: the Chinese certificate of ... a US
	 * mark would need one; eBay asks for no documents at all. */
	start(&c, "amazon_us", "tm-us", NULL);
	free(doc(&c, "cert-tm-us")->lang);
	doc(&c, "cert-tm-us")->lang = td_xstrdup("zh");
	run(&c);
	expect_clean(&c, 0, 0); /* Amazon states no translation rule */
	done(&c);
}

static int
fake_verify(void *arg, const char *sha256, struct td_err *err)
{
	int *calls = arg;

	(*calls)++;
	if (strncmp(sha256, "bad", 3) == 0)
		return td_errf(err, TD_ECORRUPT,
			       "the stored file has changed since it was "
			       "added");
	return 0;
}

static void
test_ready__file_changed_blocks(void **state)
{
	struct chk c;
	int calls = 0;

	(void)state;
	start(&c, "taobao", "tm-cn", NULL);
	free(doc(&c, "cert-tm-cn")->sha256);
	doc(&c, "cert-tm-cn")->sha256 = td_xstrdup("bad0");
	free(doc(&c, "bl-iw")->sha256);
	doc(&c, "bl-iw")->sha256 = td_xstrdup("good");
	c.in.verify = fake_verify;
	c.in.verify_arg = &calls;
	run(&c);
	assert_int_equal(calls, 2);
	expect_clean(&c, 1, 0);
	expect(&c, TD_READY_BLOCKER, "file_changed", "cert-tm-cn");
	assert_non_null(
		strstr(must(&c, "file_changed", NULL)->message, "has changed"));
	done(&c);
}

/* ---- the agent -------------------------------------------------------- */

static void
test_ready__authorisation(void **state)
{
	struct chk c;

	(void)state;
	start(&c, "taobao", "tm-cn", "exlaw");
	c.pf.nauths = 0; /* hidden, still released with the portfolio */
	run(&c);
	expect(&c, TD_READY_BLOCKER, "authorisation_missing", "exlaw");
	assert_string_equal(must(&c, "authorisation_missing", NULL)->fix,
			    "takedown agent authorise exlaw --owner iw "
			    "--document POA-KEY");
	c.pf.nauths = 1;
	c.pf.auths[0].valid_to = day("2026-06-30");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "authorisation_not_valid", "exlaw");
	c.pf.auths[0].valid_to = day("2026-12-15");
	run(&c);
	expect(&c, TD_READY_WARNING, "authorisation_expires", "exlaw");
	c.pf.auths[0].valid_to = TD_DATE_NONE;
	c.pf.auths[0].valid_from = day("2026-12-01");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "authorisation_not_valid", "exlaw");
	c.pf.auths[0].valid_from = TD_DATE_NONE;
	td_strv_push(&c.pf.auths[0].rights, "tm-us");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "authorisation_scope", "exlaw");
	td_strv_release(&c.pf.auths[0].rights);
	/* The power of attorney itself must cover the right. */
	td_strv_release(&doc(&c, "poa-exlaw")->rights);
	td_strv_push(&doc(&c, "poa-exlaw")->rights, "tm-us");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "authorisation_scope", "poa-exlaw");
	td_strv_push(&doc(&c, "poa-exlaw")->rights, "tm-cn");
	doc(&c, "poa-exlaw")->expires = day("2026-11-01");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_expired", "poa-exlaw");
	/* No power of attorney at all. */
	free(c.pf.auths[0].document);
	c.pf.auths[0].document = NULL;
	doc(&c, "poa-exlaw")->kind = TD_DOC_OTHER;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing", "power_of_attorney");
	done(&c);
	/* Amazon only recommends a POA. */
	start(&c, "amazon_us", "tm-us", "exlaw");
	doc(&c, "poa-exlaw")->kind = TD_DOC_OTHER;
	free(c.pf.auths[0].document);
	c.pf.auths[0].document = NULL;
	run(&c);
	expect(&c, TD_READY_WARNING, "document_missing", "power_of_attorney");
	assert_int_equal(c.rep.blockers, 0);
	done(&c);
}

static void
test_ready__filer_not_allowed(void **state)
{
	struct chk c;

	(void)state;
	start(&c, "taobao", "tm-cn", "exlaw");
	c.site_copy.r.filer[TD_PROTO_AGENT].allowed = 0;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "filer_not_allowed", "agent");
	c.in.agent = NULL;
	c.site_copy.r.filer[TD_PROTO_OWNER].allowed = 0;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "filer_not_allowed", "owner");
	done(&c);
}

/* ---- the right -------------------------------------------------------- */

static void
test_ready__right_validity_and_protect_period(void **state)
{
	struct chk c;

	(void)state;
	start(&c, "taobao", "tm-cn", NULL);
	right(&c, "tm-cn")->valid_to = day("2026-11-01");
	right(&c, "tm-cn")->protect_to = TD_DATE_NONE;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "right_not_valid", "tm-cn");
	right(&c, "tm-cn")->valid_to = day("2026-12-20");
	run(&c);
	expect(&c, TD_READY_WARNING, "right_expires", "tm-cn");
	right(&c, "tm-cn")->valid_to = TD_DATE_NONE;
	right(&c, "tm-cn")->valid_from = day("2026-12-01");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "right_not_valid", "tm-cn");
	right(&c, "tm-cn")->valid_from = day("2017-11-14");
	right(&c, "tm-cn")->protect_from = day("2027-01-01");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "right_not_protected", "tm-cn");
	assert_non_null(strstr(must(&c, "right_not_protected", NULL)->message,
			       "2027-01-01"));
	right(&c, "tm-cn")->protect_from = TD_DATE_NONE;
	right(&c, "tm-cn")->protect_to = day("2026-10-01");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "right_not_protected", "tm-cn");
	done(&c);
}

static void
test_ready__registration_where_the_platform_takes_it(void **state)
{
	struct chk c;

	(void)state;
	/* Taobao takes trademarks registered in China only. */
	start(&c, "taobao", "tm-us", NULL);
	run(&c);
	expect(&c, TD_READY_BLOCKER, "registration_not_accepted", "tm-us");
	assert_string_equal(
		must(&c, "registration_not_accepted", NULL)->message,
		"tm-us is registered in US; Taobao takes "
		"trademarks registered in CN");
	done(&c);
	/* AliExpress takes it, as foreign. */
	start(&c, "aliexpress", "tm-us", NULL);
	run(&c);
	expect(&c, TD_READY_WARNING, "registration_foreign", "tm-us");
	done(&c);
	/* An unregistered mark. */
	start(&c, "taobao", "tm-cn-forge", NULL);
	run(&c);
	expect(&c, TD_READY_BLOCKER, "registration_needed", "tm-cn-forge");
	done(&c);
	/* A pending application. */
	start(&c, "taobao", "tm-cn", NULL);
	right(&c, "tm-cn")->status = TD_STATUS_PENDING;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "registration_pending", "tm-cn");
	done(&c);
	/* Amazon takes no utility models. */
	start(&c, "amazon_us", "tm-us", NULL);
	right(&c, "tm-us")->kind = TD_RIGHT_PATENT_UTILITY;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "right_kind_not_accepted", "tm-us");
	done(&c);
}

static void
test_ready__rights_record_on_the_platform(void **state)
{
	struct chk c;

	(void)state;
	/* IPP: complaints rely on an approved record. */
	start(&c, "taobao", "tm-cn", NULL);
	c.pf.verifications[0].status = TD_VERIFY_PENDING;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "not_recorded", "tm-cn");
	assert_non_null(strstr(must(&c, "not_recorded", NULL)->message,
			       "still pending"));
	c.pf.verifications[0].status = TD_VERIFY_REJECTED;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "not_recorded", "tm-cn");
	/* Recorded under the site's own key counts as well. */
	free(c.pf.verifications[0].platform);
	c.pf.verifications[0].platform = td_xstrdup("taobao");
	c.pf.verifications[0].status = TD_VERIFY_VERIFIED;
	run(&c);
	assert_null(find(&c, "not_recorded", NULL));
	free(c.pf.verifications[0].platform);
	c.pf.verifications[0].platform = td_xstrdup("amazon");
	run(&c);
	expect(&c, TD_READY_BLOCKER, "not_recorded", "tm-cn");
	assert_string_equal(
		must(&c, "not_recorded", NULL)->fix,
		"record it on the platform, then: takedown right "
		"verify tm-cn --platform alibaba --status verified");
	done(&c);
	/* Amazon recommends Brand Registry: a warning. */
	start(&c, "amazon_us", "tm-us-vi", NULL);
	run(&c);
	expect(&c, TD_READY_WARNING, "not_recorded", "tm-us-vi");
	assert_int_equal(c.rep.blockers, 0);
	done(&c);
}

/* ---- patents ---------------------------------------------------------- */

/* A US design patent with its certificate and, if chart, a chart. */
static void
add_us_design(struct chk *c, int chart, int order)
{
	struct td_right *r = td_portfolio_add_right(&c->pf);
	struct td_document *d;

	r->key = td_xstrdup("design-us");
	r->owner = td_xstrdup("iw");
	r->kind = TD_RIGHT_DESIGN;
	r->title = td_xstrdup("Conference table");
	r->reg_no = td_xstrdup("D987654");
	r->jurisdiction = td_xstrdup("US");
	r->status = TD_STATUS_REGISTERED;
	d = td_portfolio_add_document(&c->pf);
	d->key = td_xstrdup("cert-design-us");
	d->kind = TD_DOC_REGISTRATION_CERTIFICATE;
	d->owner = td_xstrdup("iw");
	d->lang = td_xstrdup("en");
	td_strv_push(&d->rights, "design-us");
	if (chart) {
		d = td_portfolio_add_document(&c->pf);
		d->key = td_xstrdup("chart-design-us");
		d->kind = TD_DOC_COMPARISON_CHART;
		d->owner = td_xstrdup("iw");
		d->lang = td_xstrdup("en");
		td_strv_push(&d->rights, "design-us");
	}
	if (order) {
		d = td_portfolio_add_document(&c->pf);
		d->key = td_xstrdup("order-design-us");
		d->kind = TD_DOC_COURT_ORDER;
		d->owner = td_xstrdup("iw");
		d->lang = td_xstrdup("en");
		td_strv_push(&d->rights, "design-us");
	}
}

static void
test_ready__patent_extras(void **state)
{
	struct td_document *d;
	struct chk c;

	(void)state;
	/* A CN design patent on Taobao: a comparison chart and (applied
	 * after 2010) an evaluation report, and an IPP record. */
	start(&c, "taobao", "design-cn", NULL);
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing", "comparison_chart");
	expect(&c, TD_READY_BLOCKER, "not_recorded", "design-cn");
	assert_null(find(&c, "document_missing", "patent_evaluation_report"));
	/* The report expires 2026-12-31: before a case ending 2027-01-31. */
	c.in.until = day("2027-01-31");
	run(&c);
	expect(&c, TD_READY_WARNING, "document_expires", "eval-design-cn");
	doc(&c, "eval-design-cn")->kind = TD_DOC_OTHER;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing",
	       "patent_evaluation_report");
	d = td_portfolio_add_document(&c.pf);
	d->key = td_xstrdup("chart-design-cn");
	d->kind = TD_DOC_COMPARISON_CHART;
	d->owner = td_xstrdup("iw");
	td_strv_push(&d->rights, "design-cn");
	run(&c);
	assert_null(find(&c, "document_missing", "comparison_chart"));
	done(&c);
	/* A US design patent on eBay needs a US court order. */
	start(&c, "ebay_us", "design-us", NULL);
	add_us_design(&c, 1, 0);
	run(&c);
	expect_clean(&c, 1, 0);
	expect(&c, TD_READY_BLOCKER, "document_missing", "court_order");
	done(&c);
	start(&c, "ebay_us", "design-us", NULL);
	add_us_design(&c, 1, 1);
	run(&c);
	expect_clean(&c, 0, 0);
	assert_int_equal(c.rep.nattach, 3);
	done(&c);
	/* Amazon: the chart is required, a court order recommended. */
	start(&c, "amazon_us", "design-us", NULL);
	add_us_design(&c, 0, 0);
	run(&c);
	expect(&c, TD_READY_BLOCKER, "document_missing", "comparison_chart");
	expect(&c, TD_READY_WARNING, "document_missing", "court_order");
	done(&c);
}

/* ---- listings --------------------------------------------------------- */

static void
test_ready__batch_limit_and_evidence(void **state)
{
	struct chk c;
	size_t i;

	(void)state;
	start(&c, "walmart_us", "tm-us", NULL);
	for (i = 1; i < 11; i++)
		add_listing(&c, "tm-us");
	run(&c);
	expect_clean(&c, 1, 1); /* and Brand Portal: a warning */
	expect(&c, TD_READY_BLOCKER, "batch_over_limit", NULL);
	assert_string_equal(must(&c, "batch_over_limit", NULL)->message,
			    "11 listings, but Walmart.com takes at most 10 "
			    "item URLs per claim: split the case into 2 "
			    "cases of at most 10");
	assert_string_equal(must(&c, "batch_over_limit", NULL)->fix,
			    "takedown case split 7");
	c.nlistings = 10;
	run(&c);
	assert_null(find(&c, "batch_over_limit", NULL));
	c.nlistings = 11;
	done(&c);
	/* No listings; a listing without a finding; a finding that only
	 * matched another right. */
	start(&c, "taobao", "tm-cn", NULL);
	c.nlistings = 0;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "no_listings", NULL);
	c.nlistings = 1;
	json_decref(c.listings[0].signals);
	c.listings[0].signals = NULL;
	c.listings[0].finding_id = 0;
	run(&c);
	expect(&c, TD_READY_BLOCKER, "no_evidence", "listing 1");
	done(&c);
	start(&c, "taobao", "tm-cn", NULL);
	add_listing(&c, "tm-us");
	run(&c);
	expect_clean(&c, 1, 0);
	expect(&c, TD_READY_BLOCKER, "no_evidence", "listing 2");
	assert_string_equal(must(&c, "no_evidence", NULL)->message,
			    "the finding on listing 2 gives nothing to cite "
			    "for tm-cn");
	/* With a price signal it has evidence, but matched another right. */
	json_array_append_new(c.listings[1].signals,
			      json_pack("{s:s, s:f, s:s, s:f, s:s, s:f, s:s}",
					"kind", "price", "price", 89.0,
					"currency", "USD", "msrp", 4500.0,
					"msrp_currency", "USD", "ratio", 0.02,
					"band", "very_low"));
	run(&c);
	expect_clean(&c, 0, 1);
	expect(&c, TD_READY_WARNING, "evidence_other_right", "listing 2");
	done(&c);
}

static void
test_ready__blockers_come_first_and_bad_input_fails(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct chk c;
	size_t i;

	(void)state;
	start(&c, "taobao", "design-cn", "exlaw");
	c.in.until = day("2027-01-31");
	run(&c);
	assert_true(c.rep.blockers >= 2 && c.rep.warnings >= 2);
	for (i = 0; i < c.rep.n; i++)
		assert_int_equal(c.rep.items[i].level,
				 i < c.rep.blockers ? TD_READY_BLOCKER
						    : TD_READY_WARNING);
	td_ready_add(&c.rep, TD_READY_BLOCKER, "complaint_field", "x", NULL,
		     "late %d", 1);
	assert_int_equal(c.rep.items[c.rep.blockers - 1].level,
			 TD_READY_BLOCKER);
	assert_string_equal(c.rep.items[c.rep.blockers - 1].message, "late 1");
	td_ready_report_release(&c.rep);
	c.in.right = "nope";
	assert_int_equal(td_ready_check(&c.in, &c.rep, &err), TD_ENOTFOUND);
	c.in.right = "tm-cn";
	c.in.agent = "nobody";
	assert_int_equal(td_ready_check(&c.in, &c.rep, &err), TD_ENOTFOUND);
	done(&c);
	td_ready_report_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ready__sample_case_passes),
		cmocka_unit_test(
			test_ready__documents_missing_expired_or_expiring),
		cmocka_unit_test(test_ready__translations),
		cmocka_unit_test(test_ready__file_changed_blocks),
		cmocka_unit_test(test_ready__authorisation),
		cmocka_unit_test(test_ready__filer_not_allowed),
		cmocka_unit_test(test_ready__right_validity_and_protect_period),
		cmocka_unit_test(
			test_ready__registration_where_the_platform_takes_it),
		cmocka_unit_test(test_ready__rights_record_on_the_platform),
		cmocka_unit_test(test_ready__patent_extras),
		cmocka_unit_test(test_ready__batch_limit_and_evidence),
		cmocka_unit_test(
			test_ready__blockers_come_first_and_bad_input_fails),
	};

	return cmocka_run_group_tests(tests, protos_setup, protos_teardown);
}
