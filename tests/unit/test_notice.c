/* Complaint packages for IPP, Amazon and eBay: the complaint in English
 * and Chinese, batch files split at the limit, documents with their
 * SHA-256, the checklist; no gaps; writing and verifying copies. */
#include "unit.h"
#include "protos.h"

#include "core/blob.h"
#include "core/buf.h"
#include "core/case.h"
#include "core/date.h"
#include "core/notice.h"
#include "core/portfolio.h"
#include "core/proto.h"
#include "core/readfile.h"
#include "core/ready.h"
#include "core/util.h"

/* A case on site for right, its listings, contacts and check. */
struct pk {
	struct td_portfolio pf;
	struct td_case_full cf;
	struct td_contact owner_c, agent_c;
	struct td_ready_report rep;
	struct td_notice_input in;
	struct td_notice_package pkg;
	size_t alloc;
};

static void
add_listing(struct pk *p, const char *platform, const char *url,
	    const char *signals)
{
	struct td_case_listing *l;
	json_error_t je;

	TD_GROW(p->cf.listings, p->cf.nlistings + 1, p->alloc);
	l = &p->cf.listings[p->cf.nlistings++];
	memset(l, 0, sizeof(*l));
	l->listing_id = (int64_t)p->cf.nlistings;
	l->finding_id = (int64_t)p->cf.nlistings;
	l->pos = (int)p->cf.nlistings;
	l->outcome_date = TD_DATE_NONE;
	l->platform = td_xstrdup(platform);
	l->ext_id = td_xstrdup("X1");
	l->url = td_xstrdup(url);
	l->title = td_xstrdup("a listing");
	l->seller_key = td_xstrdup("seller-1");
	l->signals = json_loads(signals, 0, &je);
	if (!l->signals)
		fail_msg("signals: %s", je.text);
	td_strv_push(&l->rights, p->cf.c.right);
}

static void
contact(struct td_contact *c, const char *party, const char *key,
	const char *name, const char *title)
{
	memset(c, 0, sizeof(*c));
	c->party = td_xstrdup(party);
	c->key = td_xstrdup(key);
	c->name = td_xstrdup(name);
	c->title = td_xstrdup(title);
	c->email = td_xstrdup("legal@ironwood.example");
	c->phone = td_xstrdup("+1 520 555 0100");
	c->address = td_xstrdup("1200 Foundry Lane, Tucson, AZ 85701, USA");
}

static void
start(struct pk *p, const char *site, const char *right, const char *agent)
{
	struct td_err err = TD_ERR_INIT;

	memset(p, 0, sizeof(*p));
	if (td_portfolio_load_file("examples/ironwood/portfolio.json", &p->pf,
				   &err) < 0)
		fail_msg("%s", err.msg);
	/* As stored: each document with its file's name and hash. */
	{
		size_t i;

		for (i = 0; i < p->pf.ndocuments; i++) {
			struct td_document *d = &p->pf.documents[i];
			char hex[TD_SHA256_HEX];
			const char *slash = strrchr(d->path, '/');
			uint64_t size;

			assert_int_equal(
				td_sha256_file(d->path, hex, &size, &err), 0);
			d->sha256 = td_xstrdup(hex);
			free(d->filename);
			d->filename = td_xstrdup(slash ? slash + 1 : d->path);
		}
	}
	p->in.site = td_proto_set_find_site(protos, site);
	assert_non_null(p->in.site);
	p->cf.c.id = 1;
	p->cf.c.platform = td_xstrdup(p->in.site->proto->key);
	p->cf.c.site = td_xstrdup(p->in.site->key);
	p->cf.c.right = td_xstrdup(right);
	p->cf.c.owner = td_xstrdup("iw");
	p->cf.c.agent = td_xstrdup_or_null(agent);
	p->cf.c.state = TD_CASE_READY;
	p->cf.c.due = TD_DATE_NONE;
	contact(&p->owner_c, "owner", "iw", "Dana Reyes", "Owner");
	contact(&p->agent_c, "agent", "exlaw", "Lin Wei", "Partner");
	p->in.pf = &p->pf;
	p->in.cf = &p->cf;
	p->in.ready = &p->rep;
	p->in.owner_contact = &p->owner_c;
	p->in.agent_contact = agent ? &p->agent_c : NULL;
	p->in.today = day("2026-11-27");
}

/* Run the readiness check (for the attachments) and build. */
static int
build(struct pk *p, struct td_err *err)
{
	struct td_ready_input ri;

	memset(&ri, 0, sizeof(ri));
	ri.pf = &p->pf;
	ri.site = p->in.site;
	ri.right = p->cf.c.right;
	ri.agent = p->cf.c.agent;
	ri.listings = p->cf.listings;
	ri.nlistings = p->cf.nlistings;
	ri.today = p->in.today;
	ri.until = TD_DATE_NONE;
	td_ready_report_release(&p->rep);
	td_notice_package_release(&p->pkg);
	assert_int_equal(td_ready_check(&ri, &p->rep, err), 0);
	return td_notice_build(&p->in, &p->pkg, err);
}

static void
done(struct pk *p)
{
	td_portfolio_release(&p->pf);
	td_case_full_release(&p->cf);
	td_contact_release(&p->owner_c);
	td_contact_release(&p->agent_c);
	td_ready_report_release(&p->rep);
	td_notice_package_release(&p->pkg);
}

static const struct td_notice_file *file(const struct pk *p, const char *name)
	__attribute__((returns_nonnull));

static const struct td_notice_file *
file(const struct pk *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->pkg.n; i++)
		if (strcmp(p->pkg.files[i].name, name) == 0)
			return &p->pkg.files[i];
	fail_msg("no file %s in the package", name);
	return &p->pkg.files[0];
}

/* Fail unless file name holds text. */
static void
has(const struct pk *p, const char *name, const char *text)
{
	const struct td_notice_file *f = file(p, name);

	if (!f || !f->data || !strstr(f->data, text))
		fail_msg("%s lacks '%s':\n%s", name, text,
			 f && f->data ? f->data : "(no data)");
}

static const char ipp_signals[] =
	"[{\"kind\":\"term\",\"rights\":[\"tm-cn\"],\"term\":\"IRONWOOD "
	"ATELIER\",\"term_kind\":\"mark\",\"field\":\"title\",\"quote\":"
	"\"Ir0nwood Atelier\"},"
	"{\"kind\":\"term\",\"rights\":[\"design-cn\"],\"term\":\"铆钉会议桌\","
	"\"term_kind\":\"name_zh\",\"field\":\"title\",\"quote\":"
	"\"铆钉会议桌\"},"
	"{\"kind\":\"cue\",\"words\":[{\"word\":\"高仿\",\"category\":"
	"\"replica\",\"quote\":\"高仿\"},{\"word\":\"工厂直销\",\"category\":"
	"\"grey_market\",\"quote\":\"工厂直销\"}]},"
	"{\"kind\":\"price\",\"price\":599,\"currency\":\"CNY\",\"msrp\":4500,"
	"\"msrp_currency\":\"USD\",\"ratio\":0.018,\"band\":\"very_low\"},"
	"{\"kind\":\"image_reuse\",\"product\":\"IA-RT-001\",\"photo\":"
	"\"rt-001.jpg\"},"
	"{\"kind\":\"leak\",\"partner\":\"dg-works\"}]";

static void
test_notice__ipp_package(void **state)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_notice_file *f;
	struct pk p;
	size_t i, lines = 0;
	const char *s;

	(void)state;
	start(&p, "taobao", "tm-cn", "exlaw");
	add_listing(&p, "taobao", "https://item.taobao.com/item.htm?id=1",
		    ipp_signals);
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p.pkg.template_name, "ipp");
	assert_string_equal(p.pkg.files[0].name, "complaint.en.txt");
	assert_string_equal(p.pkg.files[1].name, "complaint.zh.txt");
	/* The right, its owner, validity and protect period. */
	has(&p, "complaint.en.txt", "registration number\n21345678");
	has(&p, "complaint.en.txt", "trademark \"IRONWOOD ATELIER\"");
	has(&p, "complaint.en.txt", "registered in China (CN)");
	has(&p, "complaint.en.txt", "2017-11-14 until 2027-11-13");
	has(&p, "complaint.en.txt",
	    "enforces the right for the period 2026-01-01\nto 2027-11-13");
	has(&p, "complaint.en.txt", "Ironwood Atelier LLC, 1200 Foundry Lane");
	has(&p, "complaint.en.txt", "(IPP), site Taobao\n");
	/* The agent and its power of attorney. */
	has(&p, "complaint.en.txt",
	    "Filed by: Example IP Law LLP, the authorised agent");
	has(&p, "complaint.en.txt",
	    "dated 2026-01-05 and valid until "
	    "2027-01-04");
	has(&p, "complaint.en.txt", "Lin Wei\nPartner\n");
	/* The evidence: the quote as written, the words, the price, the
	 * photo; the design's product name and the leak are not cited. */
	has(&p, "complaint.en.txt", "1. https://item.taobao.com/item.htm?id=1");
	has(&p, "complaint.en.txt",
	    "Grounds: The title uses \"Ir0nwood Atelier\", a copy of the "
	    "owner's mark \"IRONWOOD ATELIER\"; the listing calls the goods "
	    "\"高仿\"; the price, 599.00 CNY, is 2% of the genuine product's "
	    "price (4500.00 USD); it shows the owner's official product photo "
	    "(rt-001.jpg).");
	f = file(&p, "complaint.en.txt");
	assert_null(strstr(f->data, "铆钉会议桌"));
	assert_null(strstr(f->data, "工厂直销"));
	assert_null(strstr(f->data, "dg-works"));
	assert_null(strstr(f->data, "{{"));
	/* Chinese: the owner's Chinese name and the same facts. */
	has(&p, "complaint.zh.txt", "权利人：铁木工坊有限公司");
	has(&p, "complaint.zh.txt", "商标“IRONWOOD ATELIER”，注册号21345678");
	has(&p, "complaint.zh.txt", "注册地中国（CN）");
	has(&p, "complaint.zh.txt",
	    "权利人主张保护的期间为2026-01-01至2027-11-13");
	has(&p, "complaint.zh.txt",
	    "侵权理由：标题使用“Ir0nwood Atelier”，与权利人的标识“IRONWOOD "
	    "ATELIER”相同或近似；商品自称“高仿”；售价599.00 CNY，为正品价格"
	    "（4500.00 USD）的2%；使用了权利人的官方产品图片（rt-001.jpg）。");
	/* The batch file: IPP's one URL a line. */
	has(&p, "batch-01.txt", "https://item.taobao.com/item.htm?id=1\n");
	/* Documents: the POA, the licence, the certificate. */
	has(&p, "documents.tsv",
	    "key\tkind\tfile\tsha256\tlang\texpires\tfor\n");
	has(&p, "documents.tsv",
	    "poa-exlaw\tpower_of_attorney\t"
	    "documents/poa-exlaw--poa-exlaw.pdf\t");
	has(&p, "documents.tsv", "cert-tm-cn\tregistration_certificate\t");
	f = file(&p, "documents/cert-tm-cn--tm-cn-21345678.pdf");
	assert_null(f->data);
	/* The checklist: every form field in order, with its value. */
	s = file(&p, "checklist.txt")->data;
	assert_non_null(strstr(s, "  1. Site (required)\n     -> Taobao\n"));
	assert_non_null(strstr(s, "  2. Intellectual property right (an "
				  "approved IPR record) (required)\n     -> "
				  "21345678\n"));
	assert_non_null(strstr(s, "  3. Complaint type (product listing or "
				  "storefront) (required)\n     -> fill in by "
				  "hand\n"));
	assert_non_null(strstr(s, "-> 假冒商品（商标侵权） / counterfeit goods "
				  "(trademark infringement)"));
	assert_non_null(strstr(s, "-> paste complaint.zh.txt"));
	assert_non_null(strstr(s, "-> attach the 3 files in documents/"));
	assert_non_null(strstr(s, "  8. Declaration (required)"));
	assert_non_null(strstr(s, "The seller then has 3 working days (cn)"));
	assert_non_null(strstr(s, "Translations still missing:\n  none\n"));
	assert_true(strstr(s, "  1. Site") < strstr(s, "  8. Declaration"));
	/* 301 listings: two batch files, 300 and 1. */
	for (i = 1; i < 301; i++)
		add_listing(&p, "taobao",
			    "https://item.taobao.com/item.htm?id=2",
			    ipp_signals);
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(p.pkg.nbatches, 2);
	f = file(&p, "batch-01.txt");
	for (i = 0; i < f->len; i++)
		lines += f->data[i] == '\n';
	assert_int_equal(lines, 300);
	assert_int_equal(file(&p, "batch-02.txt")->len,
			 strlen("https://item.taobao.com/item.htm?id=2\n"));
	assert_true(p.rep.blockers > 0); /* over the limit */
	assert_non_null(strstr(file(&p, "checklist.txt")->data, "NOT READY"));
	done(&p);
}

static const char us_signals[] =
	"[{\"kind\":\"term\",\"rights\":[\"tm-us\"],\"term\":\"IRONWOOD "
	"ATELIER\",\"term_kind\":\"mark\",\"field\":\"title\",\"quote\":"
	"\"IRONWOOD ATELIER\"},"
	"{\"kind\":\"cue\",\"words\":[{\"word\":\"1:1\",\"category\":"
	"\"replica\",\"quote\":\"1:1\"}]},"
	"{\"kind\":\"seller_history\",\"earlier_findings\":2}]";

static void
test_notice__amazon_package(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct pk p;
	const char *s;
	size_t i;

	(void)state;
	start(&p, "amazon_us", "tm-us", NULL);
	add_listing(&p, "amazon", "https://www.amazon.com/dp/B0FAKE0001",
		    us_signals);
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p.pkg.template_name, "amazon");
	has(&p, "complaint.en.txt", "Marketplace: Amazon.com (US)");
	has(&p, "complaint.en.txt",
	    "registration number 5123456\n"
	    "(the United States (US))");
	has(&p, "complaint.en.txt",
	    "The title uses \"IRONWOOD ATELIER\", the owner's mark; the "
	    "listing calls the goods \"1:1\"; the seller has 2 other listings "
	    "found infringing.");
	has(&p, "complaint.en.txt", "Dana Reyes\nOwner\n");
	has(&p, "complaint.zh.txt", "该卖家另有2条已发现的侵权商品");
	/* No batch layout on Amazon: the links are in the form. */
	assert_int_equal(p.pkg.nbatches, 0);
	for (i = 0; i < p.pkg.n; i++)
		assert_null(strstr(p.pkg.files[i].name, "batch"));
	has(&p, "listings.csv",
	    "n,listing,platform,id,url,title,seller,"
	    "finding,score,evidence\n1,1,amazon,X1,"
	    "https://www.amazon.com/dp/B0FAKE0001,");
	s = file(&p, "checklist.txt")->data;
	assert_non_null(strstr(s,
			       "File it through: webform "
			       "https://www.amazon.com/report/infringement"));
	assert_non_null(strstr(s, "Your name (required)\n     -> Dana Reyes"));
	assert_non_null(strstr(s, "Registration office (required)\n     -> the "
				  "United States (US) / 美国（US）"));
	assert_non_null(strstr(s, "the url column of listings.csv"));
	assert_non_null(strstr(s, "Electronic signature (required)\n     -> "
				  "sign as Dana Reyes"));
	has(&p, "documents.tsv",
	    "cert-tm-us\tregistration_certificate\t"
	    "documents/cert-tm-us--tm-us-5123456.pdf\t");
	has(&p, "documents.tsv", "recommended registration_certificate");
	done(&p);
}

static void
test_notice__ebay_package(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct pk p;

	(void)state;
	start(&p, "ebay_us", "tm-us", "exlaw");
	add_listing(&p, "ebay", "https://www.ebay.com/itm/394411220001",
		    us_signals);
	add_listing(&p, "ebay", "https://www.ebay.com/itm/394411220002",
		    "[{\"kind\":\"term\",\"rights\":[\"tm-us\"],\"term\":"
		    "\"IRONWOOD ATELIER\",\"term_kind\":\"mark\",\"field\":"
		    "\"description\",\"quote\":\"Ironwood Atelier\"}]");
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p.pkg.template_name, "ebay_vero");
	has(&p, "complaint.en.txt", "NOTICE OF CLAIMED INFRINGEMENT (VeRO)");
	has(&p, "complaint.en.txt",
	    "1. https://www.ebay.com/itm/394411220001\n"
	    "   Reason: counterfeit goods (trademark infringement)\n");
	/* Without words admitting a copy: plain trademark infringement. */
	has(&p, "complaint.en.txt",
	    "2. https://www.ebay.com/itm/394411220002\n"
	    "   Reason: trademark infringement\n"
	    "   The description uses \"Ironwood Atelier\", a copy of the "
	    "owner's mark \"IRONWOOD ATELIER\".");
	has(&p, "complaint.en.txt", "Reported by Example IP Law LLP");
	has(&p, "complaint.zh.txt", "理由：假冒商品（商标侵权）");
	has(&p, "checklist.txt", "Reason code per item (required): e.g. 9048");
	has(&p, "checklist.txt",
	    "-> per listing: counterfeit goods (trademark infringement)");
	has(&p, "checklist.txt", "File it through: email vero@ebay.com");
	done(&p);
}

static void
test_notice__made_in_china_csv_batches(void **state)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_notice_file *f;
	struct pk p;
	size_t i, lines = 0;

	(void)state;
	/* Made-in-China: an Excel template of at most 800 links; takedown
	 * writes its columns as CSV, with the header row. */
	start(&p, "made_in_china", "tm-cn", NULL);
	for (i = 0; i < 801; i++)
		add_listing(&p, "made_in_china",
			    i ? "https://mic.example/p,2"
			      : "https://www.made-in-china.com/p/1",
			    ipp_signals);
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(p.pkg.nbatches, 2);
	f = file(&p, "batch-01.csv");
	assert_non_null(f);
	assert_memory_equal(
		f->data,
		"Product link\nhttps://www.made-in-china.com/p/1\n"
		"\"https://mic.example/p,2\"\n",
		strlen("Product link\nhttps://www.made-in-china.com/"
		       "p/1\n\"https://mic.example/p,2\"\n"));
	for (i = 0; i < f->len; i++)
		lines += f->data[i] == '\n';
	assert_int_equal(lines, 801);
	has(&p, "batch-02.csv", "Product link\n\"https://mic.example/p,2\"\n");
	done(&p);
}

static void
test_notice__no_gaps(void **state)
{
	struct td_strv missing = TD_STRV_INIT;
	struct td_err err = TD_ERR_INIT;
	struct pk p;

	(void)state;
	start(&p, "taobao", "tm-cn", "exlaw");
	add_listing(&p, "taobao", "https://item.taobao.com/item.htm?id=1",
		    ipp_signals);
	free(p.owner_c.address);
	p.owner_c.address = NULL;
	free(p.agent_c.phone);
	p.agent_c.phone = NULL;
	assert_int_equal(td_notice_missing(&p.in, &missing), 2);
	assert_string_equal(missing.v[0], "owner.address: takedown contact set "
					  "--owner iw --address TEXT");
	assert_string_equal(missing.v[1], "filer.phone: takedown contact set "
					  "--agent exlaw --phone TEXT");
	td_strv_release(&missing);
	assert_int_equal(build(&p, &err), TD_EINVAL);
	assert_string_equal(
		err.msg, "the complaint (template ipp) cannot be written: 2 "
			 "fields are not set, and a notice must have no "
			 "gaps:\n  owner.address: takedown contact set "
			 "--owner iw --address TEXT\n  filer.phone: takedown "
			 "contact set --agent exlaw --phone TEXT");
	assert_int_equal(p.pkg.n, 0);
	/* No contact at all: the owner's e-mail comes from the portfolio,
	 * the rest is missing. */
	p.in.agent_contact = NULL;
	p.in.owner_contact = NULL;
	assert_int_equal(td_notice_missing(&p.in, &missing), 4);
	td_strv_release(&missing);
	done(&p);
	/* A copyright on Amazon uses the DMCA notice, which needs the
	 * original's location: a case field gives it. */
	start(&p, "amazon_us", "tm-us", NULL);
	td_portfolio_right(&p.pf, "tm-us")->kind = TD_RIGHT_COPYRIGHT;
	add_listing(&p, "amazon", "https://www.amazon.com/dp/B0FAKE0001",
		    "[{\"kind\":\"image_reuse\",\"product\":\"IA-RT-001\","
		    "\"photo\":\"rt-001.jpg\"}]");
	assert_int_equal(build(&p, &err), TD_EINVAL);
	assert_non_null(strstr(err.msg, "(template dmca)"));
	assert_non_null(strstr(err.msg, "right.original: takedown case set 1 "
					"right.original TEXT"));
	p.cf.fields = td_xcalloc(2, sizeof(*p.cf.fields));
	p.cf.nfields = 2;
	p.cf.fields[0].name = td_xstrdup("right.original");
	p.cf.fields[0].lang = td_xstrdup("");
	p.cf.fields[0].value =
		td_xstrdup("https://ironwood.example/rivet-table");
	p.cf.fields[1].name = td_xstrdup("complaint.reason");
	p.cf.fields[1].lang = td_xstrdup("en");
	p.cf.fields[1].value = td_xstrdup("copyright: product photographs");
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p.pkg.template_name, "dmca");
	has(&p, "complaint.en.txt",
	    "The original can be seen at https://ironwood.example/rivet-table");
	has(&p, "complaint.en.txt",
	    "(registration 5123456, the United States "
	    "(US))");
	has(&p, "checklist.txt",
	    "-> copyright: product photographs / "
	    "著作权侵权（盗用图片）");
	done(&p);
}

static void
test_notice__write_copies_and_verifies(void **state)
{
	static const char *const docs[][2] = {
		{"bl-iw", "business-licence.pdf"},
		{"cert-tm-cn", "tm-cn-21345678.pdf"},
	};
	struct td_err err = TD_ERR_INIT;
	struct td_buf path = TD_BUF_INIT, text = TD_BUF_INIT;
	char *dir = unit_tmpdir();
	char blobs[4200], out[4200], out2[4200];
	struct pk p;
	size_t i;

	(void)state;
	snprintf(blobs, sizeof(blobs), "%s/files", dir);
	snprintf(out, sizeof(out), "%s/pkg", dir);
	snprintf(out2, sizeof(out2), "%s/pkg2", dir);
	start(&p, "taobao", "tm-cn", NULL);
	add_listing(&p, "taobao", "https://item.taobao.com/item.htm?id=1",
		    ipp_signals);
	for (i = 0; i < 2; i++) {
		struct td_document *d =
			td_portfolio_document(&p.pf, docs[i][0]);
		char hex[TD_SHA256_HEX];
		uint64_t size;

		td_buf_reset(&path);
		td_buf_addf(&path, "examples/ironwood/docs/%s", docs[i][1]);
		assert_int_equal(
			td_blob_put(blobs, path.data, hex, &size, &err), 0);
		assert_string_equal(d->sha256, hex);
	}
	if (build(&p, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(td_notice_write(&p.pkg, out, blobs, &err), 0);
	td_buf_reset(&path);
	td_buf_addf(&path, "%s/documents/cert-tm-cn--tm-cn-21345678.pdf", out);
	{
		char hex[TD_SHA256_HEX];
		uint64_t size;

		assert_int_equal(td_sha256_file(path.data, hex, &size, &err),
				 0);
		assert_string_equal(
			hex,
			td_portfolio_document(&p.pf, "cert-tm-cn")->sha256);
	}
	td_buf_reset(&path);
	td_buf_addf(&path, "%s/complaint.zh.txt", out);
	assert_int_equal(td_read_file(path.data, 1 << 20, &text, &err), 0);
	assert_non_null(strstr(text.data, "知识产权侵权投诉通知"));
	/* Never over an earlier package. */
	assert_int_equal(td_notice_write(&p.pkg, out, blobs, &err),
			 TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "is not empty"));
	/* A stored file that changed is caught while copying. */
	td_blob_path(blobs, td_portfolio_document(&p.pf, "bl-iw")->sha256,
		     &path);
	assert_int_equal(chmod(path.data, 0644), 0);
	unit_write(path.data, "tampered");
	assert_int_equal(td_notice_write(&p.pkg, out2, blobs, &err),
			 TD_ECORRUPT);
	assert_non_null(strstr(err.msg,
			       "documents/bl-iw--business-licence.pdf: "
			       "the stored file has changed"));
	td_buf_release(&path);
	td_buf_release(&text);
	done(&p);
	unit_rmdir(dir);
}

static void
test_notice__template_choice_and_evidence(void **state)
{
	struct td_case_listing l;
	struct td_buf b = TD_BUF_INIT;
	struct td_right r;

	(void)state;
	assert_string_equal(
		td_notice_template(&td_proto_set_find_site(protos, "taobao")->r,
				   TD_RIGHT_COPYRIGHT),
		"ipp");
	assert_string_equal(
		td_notice_template(
			&td_proto_set_find_site(protos, "amazon_us")->r,
			TD_RIGHT_COPYRIGHT),
		"dmca");
	assert_string_equal(
		td_notice_template(
			&td_proto_set_find_site(protos, "amazon_us")->r,
			TD_RIGHT_TRADEMARK),
		"amazon");
	assert_string_equal(
		td_notice_template(
			&td_proto_set_find_site(protos, "small_site")->r,
			TD_RIGHT_TRADEMARK),
		"email");
	/* Evidence for a design cites the product name, not a "mark". */
	memset(&l, 0, sizeof(l));
	memset(&r, 0, sizeof(r));
	r.key = (char *)(uintptr_t) "design-cn";
	r.kind = TD_RIGHT_DESIGN;
	l.signals = json_loads(ipp_signals, 0, NULL);
	assert_int_equal(td_notice_evidence(&l, &r, "en", &b), 0);
	assert_non_null(strstr(b.data, "The title uses \"铆钉会议桌\", the "
				       "owner's product name;"));
	assert_null(strstr(b.data, "Ir0nwood"));
	td_buf_reset(&b);
	assert_int_equal(td_notice_evidence(&l, &r, "zh", &b), 0);
	assert_non_null(
		strstr(b.data, "标题使用“铆钉会议桌”，即权利人的产品名称"));
	json_decref(l.signals);
	l.signals = json_loads("[{\"kind\":\"leak\"}]", 0, NULL);
	td_buf_reset(&b);
	assert_int_equal(td_notice_evidence(&l, NULL, "en", &b), TD_ENOTFOUND);
	assert_int_equal(b.len, 0);
	json_decref(l.signals);
	td_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice__ipp_package),
		cmocka_unit_test(test_notice__amazon_package),
		cmocka_unit_test(test_notice__ebay_package),
		cmocka_unit_test(test_notice__made_in_china_csv_batches),
		cmocka_unit_test(test_notice__no_gaps),
		cmocka_unit_test(test_notice__write_copies_and_verifies),
		cmocka_unit_test(test_notice__template_choice_and_evidence),
	};

	return cmocka_run_group_tests(tests, protos_setup, protos_teardown);
}
