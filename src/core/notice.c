/*
 * Complaint text: the template context of a case in English and Chinese
 * (the right, owner, filer, agent and listings), and the evidence of each
 * listing in words, from its finding's signals.
 */
#include "core/notice.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

static int
is_zh(const char *lang)
{
	return lang && strncmp(lang, "zh", 2) == 0;
}

/* ---- names in two languages ------------------------------------------- */

static const struct {
	const char *code, *en, *zh;
} countries[] = {
	{"AU", "Australia", "澳大利亚"},
	{"BR", "Brazil", "巴西"},
	{"CA", "Canada", "加拿大"},
	{"CH", "Switzerland", "瑞士"},
	{"CN", "China", "中国"},
	{"DE", "Germany", "德国"},
	{"EM", "the European Union (EUIPO)", "欧盟（欧盟知识产权局）"},
	{"ES", "Spain", "西班牙"},
	{"FR", "France", "法国"},
	{"GB", "the United Kingdom", "英国"},
	{"HK", "Hong Kong, China", "中国香港"},
	{"ID", "Indonesia", "印度尼西亚"},
	{"IN", "India", "印度"},
	{"IT", "Italy", "意大利"},
	{"JP", "Japan", "日本"},
	{"KR", "the Republic of Korea", "韩国"},
	{"MX", "Mexico", "墨西哥"},
	{"MY", "Malaysia", "马来西亚"},
	{"NL", "the Netherlands", "荷兰"},
	{"PH", "the Philippines", "菲律宾"},
	{"SG", "Singapore", "新加坡"},
	{"TH", "Thailand", "泰国"},
	{"TW", "Taiwan, China", "中国台湾"},
	{"US", "the United States", "美国"},
	{"VN", "Viet Nam", "越南"},
	{"WO", "WIPO (international registration)",
	 "世界知识产权组织（国际注册）"},
};

/* The country or office in words, with its code: "China (CN)". */
static void
country_text(const char *code, const char *lang, struct td_buf *out)
{
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(countries); i++)
		if (strcmp(countries[i].code, code) == 0) {
			td_buf_addf(out, is_zh(lang) ? "%s（%s）" : "%s (%s)",
				    is_zh(lang) ? countries[i].zh
						: countries[i].en,
				    code);
			return;
		}
	td_buf_addstr(out, code);
}

/* The complaint reason for a right kind and what the evidence shows. */
static const char *
reason_text(int kind, int counterfeit, int photo, const char *lang)
{
	int zh = is_zh(lang);

	switch (kind) {
	case TD_RIGHT_TRADEMARK:
		if (counterfeit)
			return zh ? "假冒商品（商标侵权）"
				  : "counterfeit goods (trademark "
				    "infringement)";
		return zh ? "商标侵权" : "trademark infringement";
	case TD_RIGHT_COPYRIGHT:
		if (photo)
			return zh ? "著作权侵权（盗用图片）"
				  : "copyright infringement (unauthorised use "
				    "of images)";
		return zh ? "著作权侵权" : "copyright infringement";
	case TD_RIGHT_PATENT_INVENTION:
		return zh ? "发明专利侵权" : "invention patent infringement";
	case TD_RIGHT_PATENT_UTILITY:
		return zh ? "实用新型专利侵权"
			  : "utility model patent infringement";
	case TD_RIGHT_DESIGN:
		return zh ? "外观设计专利侵权" : "design patent infringement";
	default:
		return zh ? "知识产权侵权"
			  : "intellectual property infringement";
	}
}

/* Cue words a complaint cites: those admitting a copy. Grey-market and
 * contact-diversion words are signals, not grounds. */
static int
replica_word(json_t *w)
{
	const char *cat = json_string_value(json_object_get(w, "category"));

	return !cat || strcmp(cat, "replica") == 0;
}

static int
has_replica(json_t *s)
{
	json_t *w;
	size_t i;

	json_array_foreach(json_object_get(s, "words"), i, w)
	{
		if (replica_word(w))
			return 1;
	}
	return 0;
}

/* What a listing's signals show: a counterfeit, a reused photo. */
static void
signal_kinds(const struct td_case_listing *l, int *counterfeit, int *photo)
{
	json_t *s;
	size_t i;

	*counterfeit = 0;
	*photo = 0;
	json_array_foreach(l->signals, i, s)
	{
		const char *kind =
			json_string_value(json_object_get(s, "kind"));
		const char *band =
			json_string_value(json_object_get(s, "band"));

		if (!kind)
			continue;
		if ((strcmp(kind, "cue") == 0 && has_replica(s)) ||
		    strcmp(kind, "image_reuse") == 0)
			*counterfeit = 1;
		if (strcmp(kind, "price") == 0 && band &&
		    (strcmp(band, "very_low") == 0 || strcmp(band, "low") == 0))
			*counterfeit = 1;
		if (strcmp(kind, "image_reuse") == 0)
			*photo = 1;
	}
}

/* ---- evidence --------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static double
jnum(json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

/* A money amount: "89.00 USD". */
static void
money(struct td_buf *out, double v, const char *cur)
{
	td_buf_addf(out, "%.2f %s", v, cur ? cur : "");
	td_buf_rtrim(out);
}

static void
sep(struct td_buf *out, size_t start, int zh)
{
	if (out->len > start)
		td_buf_addstr(out, zh ? "；" : "; ");
}

/* Does term signal s concern right r (NULL: any)? */
static int
term_for(json_t *s, const struct td_right *r)
{
	json_t *rights = json_object_get(s, "rights"), *e;
	size_t i;

	if (!r || !json_is_array(rights) || !json_array_size(rights))
		return 1;
	json_array_foreach(rights, i, e)
	{
		if (json_is_string(e) &&
		    strcmp(json_string_value(e), r->key) == 0)
			return 1;
	}
	return 0;
}

static void
evidence_term(json_t *s, const struct td_right *r, int zh, struct td_buf *out)
{
	const char *term = jstr(s, "term"), *quote = jstr(s, "quote");
	const char *field = jstr(s, "field"), *tk = jstr(s, "term_kind");
	int desc = field && strcmp(field, "description") == 0;
	int same = quote && term && strcmp(quote, term) == 0;
	int model = tk && strcmp(tk, "model") == 0;
	int mark = !r || r->kind == TD_RIGHT_TRADEMARK;
	const char *what = model  ? (zh ? "产品型号" : "model name")
			   : mark ? (zh ? "标识" : "mark")
				  : (zh ? "产品名称" : "product name");

	if (!term || !quote)
		return;
	if (zh) {
		td_buf_addf(out, "%s使用“%s”", desc ? "商品描述" : "标题",
			    quote);
		if (same)
			td_buf_addf(out, "，即权利人的%s", what);
		else
			td_buf_addf(out, "，与权利人的%s“%s”相同或近似", what,
				    term);
		return;
	}
	td_buf_addf(out, "the %s uses \"%s\"", desc ? "description" : "title",
		    quote);
	if (same)
		td_buf_addf(out, ", the owner's %s", what);
	else
		td_buf_addf(out, ", a copy of the owner's %s \"%s\"", what,
			    term);
}

static void
evidence_cue(json_t *s, int zh, struct td_buf *out)
{
	json_t *words = json_object_get(s, "words"), *w;
	size_t i, n = 0;

	td_buf_addstr(out, zh ? "商品自称" : "the listing calls the goods ");
	json_array_foreach(words, i, w)
	{
		const char *q = jstr(w, "quote");

		if (!replica_word(w))
			continue;
		if (!q)
			q = jstr(w, "word");
		if (!q)
			continue;
		if (n++)
			td_buf_addstr(out, zh ? "、" : ", ");
		td_buf_addf(out, zh ? "“%s”" : "\"%s\"", q);
	}
}

static void
evidence_price(json_t *s, int zh, struct td_buf *out)
{
	double ratio = jnum(s, "ratio");
	long pct = lround(ratio * 100);

	if (zh) {
		td_buf_addstr(out, "售价");
		money(out, jnum(s, "price"), jstr(s, "currency"));
		td_buf_addf(out, "，为正品价格（");
		money(out, jnum(s, "msrp"), jstr(s, "msrp_currency"));
		td_buf_addf(out, "）的%ld%%", pct < 1 ? 1 : pct);
		return;
	}
	td_buf_addstr(out, "the price, ");
	money(out, jnum(s, "price"), jstr(s, "currency"));
	td_buf_addf(out, ", is %ld%% of the genuine product's price (",
		    pct < 1 ? 1 : pct);
	money(out, jnum(s, "msrp"), jstr(s, "msrp_currency"));
	td_buf_addstr(out, ")");
}

int
td_notice_evidence(const struct td_case_listing *l, const struct td_right *r,
		   const char *lang, struct td_buf *out)
{
	int zh = is_zh(lang);
	size_t start = out->len;
	json_t *s;
	size_t i;

	json_array_foreach(l->signals, i, s)
	{
		const char *kind = jstr(s, "kind");

		if (!kind)
			continue;
		if (strcmp(kind, "term") == 0) {
			if (!term_for(s, r))
				continue;
			sep(out, start, zh);
			evidence_term(s, r, zh, out);
		} else if (strcmp(kind, "cue") == 0) {
			if (!has_replica(s))
				continue;
			sep(out, start, zh);
			evidence_cue(s, zh, out);
		} else if (strcmp(kind, "price") == 0) {
			sep(out, start, zh);
			evidence_price(s, zh, out);
		} else if (strcmp(kind, "image_reuse") == 0) {
			sep(out, start, zh);
			td_buf_addf(
				out,
				zh ? "使用了权利人的官方产品图片（%s）"
				   : "it shows the owner's official product "
				     "photo (%s)",
				jstr(s, "photo") ? jstr(s, "photo") : "");
		} else if (strcmp(kind, "seller_history") == 0) {
			long long n = (long long)json_integer_value(
				json_object_get(s, "earlier_findings"));

			sep(out, start, zh);
			if (zh)
				td_buf_addf(out,
					    "该卖家另有%lld条已发现的侵权商品",
					    n);
			else
				td_buf_addf(
					out,
					"the seller has %lld other listing%s "
					"found infringing",
					n, n == 1 ? "" : "s");
		} else if (strcmp(kind, "relist") == 0) {
			const char *gone = jstr(s, "gone_at");
			json_t *cs = json_object_get(s, "case");
			char day[TD_DATE_LEN] = "";

			if (gone)
				snprintf(day, sizeof(day), "%.10s", gone);
			sep(out, start, zh);
			if (zh)
				td_buf_addf(
					out,
					"该商品系已删除商品（%s，%s确认删除）"
					"的重新上架",
					jstr(s, "earlier") ? jstr(s, "earlier")
							   : "",
					day);
			else
				td_buf_addf(out,
					    "it puts back up %s, which was "
					    "removed (confirmed %s)",
					    jstr(s, "earlier")
						    ? jstr(s, "earlier")
						    : "",
					    day);
			if (json_is_integer(cs))
				td_buf_addf(out,
					    zh ? "，此前已就其投诉（案件%lld）"
					       : " after our earlier complaint "
						 "(case %lld)",
					    (long long)json_integer_value(cs));
		}
		/* "leak" stays internal: it names the owner's partner. */
	}
	if (out->len == start)
		return TD_ENOTFOUND;
	/* A sentence: capital letter (English) and a full stop. */
	if (!zh && out->data[start] >= 'a' && out->data[start] <= 'z')
		out->data[start] = (char)(out->data[start] - 'a' + 'A');
	td_buf_addstr(out, zh ? "。" : ".");
	return 0;
}

/* ---- the context ------------------------------------------------------ */

const char *
td_notice_template(const struct td_proto_rules *r, int right_kind)
{
	size_t i;

	if (right_kind == TD_RIGHT_COPYRIGHT)
		for (i = 0; i < r->ntemplates; i++)
			if (strcmp(r->templates[i], "dmca") == 0)
				return "dmca";
	return r->ntemplates ? r->templates[0] : NULL;
}

static void
set_date(struct td_tmpl_ctx *c, const char *key, int32_t d)
{
	char buf[TD_DATE_LEN];

	if (d == TD_DATE_NONE)
		return;
	td_date_format(d, buf);
	td_tmpl_set(c, key, buf);
}

/* An e-mail address in a free-text contact field, or NULL. */
static const char *
email_of(const char *s)
{
	return s && strchr(s, '@') && !strchr(s, ' ') ? s : NULL;
}

static const struct td_authorisation *
auth_of(const struct td_portfolio *pf, const char *owner, const char *agent)
{
	size_t i;

	for (i = 0; i < pf->nauths; i++)
		if (strcmp(pf->auths[i].owner, owner) == 0 &&
		    strcmp(pf->auths[i].agent, agent) == 0)
			return &pf->auths[i];
	return NULL;
}

static void
set_filer(struct td_tmpl_ctx *c, const struct td_contact *ct,
	  const char *fallback_email)
{
	if (ct) {
		td_tmpl_set(c, "filer.name", ct->name);
		td_tmpl_set(c, "filer.title", ct->title);
		td_tmpl_set(c, "filer.email", ct->email);
		td_tmpl_set(c, "filer.phone", ct->phone);
		td_tmpl_set(c, "filer.address", ct->address);
	}
	if (!td_tmpl_get(c, "filer.email") && fallback_email)
		td_tmpl_set(c, "filer.email", fallback_email);
}

static void
set_right(struct td_tmpl_ctx *c, const struct td_right *r, const char *lang)
{
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	td_tmpl_set(
		c, "right.kind",
		td_proto_right_label((enum td_proto_right_kind)r->kind, lang));
	td_tmpl_set(c, "right.title", r->title);
	td_tmpl_set(c, "right.reg_no", r->reg_no);
	country_text(r->jurisdiction, lang, &b);
	td_tmpl_set(c, "right.registry", b.data);
	td_buf_reset(&b);
	for (i = 0; i < r->classes.n; i++)
		td_buf_addf(&b, "%s%s", i ? ", " : "", r->classes.v[i]);
	if (b.len)
		td_tmpl_set(c, "right.classes", b.data);
	set_date(c, "right.valid_from", r->valid_from);
	if (r->valid_to != TD_DATE_NONE)
		set_date(c, "right.valid_until", r->valid_to);
	else if (r->valid_from != TD_DATE_NONE)
		td_tmpl_set(c, "right.valid_until",
			    is_zh(lang) ? "无固定期限" : "no fixed end");
	td_tmpl_set_flag(c, "right.protect",
			 r->protect_from != TD_DATE_NONE ||
				 r->protect_to != TD_DATE_NONE);
	if (r->protect_from != TD_DATE_NONE)
		set_date(c, "right.protect_from", r->protect_from);
	else
		set_date(c, "right.protect_from", r->valid_from);
	if (r->protect_to != TD_DATE_NONE)
		set_date(c, "right.protect_until", r->protect_to);
	else
		td_tmpl_set(c, "right.protect_until",
			    td_tmpl_get(c, "right.valid_until"));
	/* The DMCA notice's identification of the work. */
	td_buf_reset(&b);
	if (r->status == TD_STATUS_REGISTERED && r->reg_no) {
		td_buf_addf(&b,
			    is_zh(lang) ? "登记号%s，登记地"
					: "registration %s, ",
			    r->reg_no);
		country_text(r->jurisdiction, lang, &b);
		td_tmpl_set(c, "right.reference", b.data);
	}
	td_buf_release(&b);
}

static void
set_listings(struct td_tmpl_ctx *c, const struct td_notice_input *in,
	     const struct td_right *r, const char *lang)
{
	const struct td_case_full *f = in->cf;
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	td_tmpl_set_list(c, "listings");
	for (i = 0; i < f->nlistings; i++) {
		const struct td_case_listing *l = &f->listings[i];
		struct td_tmpl_ctx *it = td_tmpl_push(c, "listings");
		int counterfeit, photo;

		td_buf_reset(&b);
		if (l->url)
			td_buf_addstr(&b, l->url);
		else
			td_buf_addf(&b, "%s listing %s", l->platform,
				    l->ext_id);
		td_tmpl_set(it, "url", b.data);
		td_tmpl_set(it, "id", l->ext_id);
		td_tmpl_set(it, "title", l->title);
		td_tmpl_set(it, "seller",
			    l->seller_name ? l->seller_name : l->seller_key);
		td_buf_reset(&b);
		if (td_notice_evidence(l, r, lang, &b) == 0)
			td_tmpl_set(it, "evidence", b.data);
		signal_kinds(l, &counterfeit, &photo);
		td_tmpl_set(it, "reason",
			    reason_text(r->kind, counterfeit, photo, lang));
	}
	td_buf_release(&b);
}

struct td_tmpl_ctx *
td_notice_context(const struct td_notice_input *in, const char *lang)
{
	const struct td_case_full *f = in->cf;
	const struct td_right *r = td_portfolio_right(in->pf, f->c.right);
	const struct td_owner *o = td_portfolio_owner(in->pf, f->c.owner);
	const struct td_agent *a =
		f->c.agent ? td_portfolio_agent(in->pf, f->c.agent) : NULL;
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	struct td_buf b = TD_BUF_INIT;
	int counterfeit = 0, photo = 0;
	size_t i;

	set_date(c, "notice.date", in->today);
	td_tmpl_set(c, "platform.name", in->site->proto->name);
	td_tmpl_set(c, "site.name", in->site->name);
	if (o) {
		td_tmpl_set(c, "owner.name",
			    is_zh(lang) && o->name_zh ? o->name_zh : o->name);
		country_text(o->country, lang, &b);
		td_tmpl_set(c, "owner.country", b.data);
		if (in->owner_contact) {
			td_tmpl_set(c, "owner.address",
				    in->owner_contact->address);
			td_tmpl_set(c, "owner.email", in->owner_contact->email);
			td_tmpl_set(c, "owner.phone", in->owner_contact->phone);
		}
		if (!td_tmpl_get(c, "owner.email"))
			td_tmpl_set(c, "owner.email", email_of(o->contact));
	}
	td_tmpl_set_flag(c, "agent", a != NULL);
	if (a) {
		const struct td_authorisation *au =
			o ? auth_of(in->pf, o->key, a->key) : NULL;
		const struct td_document *poa =
			au && au->document
				? td_portfolio_document(in->pf, au->document)
				: NULL;
		int32_t from = au ? au->valid_from : TD_DATE_NONE;
		int32_t until = au ? au->valid_to : TD_DATE_NONE;

		td_tmpl_set(c, "agent.name", a->name);
		if (from == TD_DATE_NONE && poa)
			from = poa->issued;
		if (until == TD_DATE_NONE && poa)
			until = poa->expires;
		set_date(c, "agent.poa_date", from);
		if (until != TD_DATE_NONE)
			set_date(c, "agent.poa_until", until);
		else if (au)
			td_tmpl_set(c, "agent.poa_until",
				    is_zh(lang) ? "撤销之日" : "revoked");
		set_filer(c, in->agent_contact, email_of(a->contact));
	} else {
		set_filer(c, in->owner_contact,
			  o ? email_of(o->contact) : NULL);
	}
	if (r)
		set_right(c, r, lang);
	if (r)
		set_listings(c, in, r, lang);
	for (i = 0; i < f->nlistings; i++) {
		int cf, ph;

		signal_kinds(&f->listings[i], &cf, &ph);
		counterfeit |= cf;
		photo |= ph;
	}
	if (r)
		td_tmpl_set(c, "complaint.reason",
			    reason_text(r->kind, counterfeit, photo, lang));
	/* The small-site e-mail asks for an answer within the window. */
	{
		struct td_case_due d;

		if (td_case_due_for(&in->site->r, TD_CASE_NOTICE_SENT,
				    in->today, TD_DATE_NONE, &d, NULL) == 0 &&
		    d.due != TD_DATE_NONE)
			set_date(c, "reply_by", d.due);
	}
	/* What the user set for the case wins over what takedown derives. */
	for (i = 0; i < f->nfields; i++) {
		const char *v = td_case_field_get(f, f->fields[i].name, lang);

		if (v)
			td_tmpl_set(c, f->fields[i].name, v);
	}
	td_buf_release(&b);
	return c;
}

/* ---- what cannot be filled -------------------------------------------- */

/* How to set a field that is missing. */
static void
hint(const struct td_notice_input *in, const char *field, struct td_buf *out)
{
	const struct td_case *c = &in->cf->c;
	const char *party = c->agent ? "agent" : "owner";
	const char *key = c->agent ? c->agent : c->owner;

	td_buf_addf(out, "%s: ", field);
	if (strcmp(field, "owner.address") == 0)
		td_buf_addf(out,
			    "takedown contact set --owner %s --address TEXT",
			    c->owner);
	else if (strncmp(field, "filer.", 6) == 0)
		td_buf_addf(out, "takedown contact set --%s %s --%s TEXT",
			    party, key, field + 6);
	else if (strcmp(field, "right.reg_no") == 0 ||
		 strcmp(field, "right.valid_from") == 0)
		td_buf_addf(out,
			    "the right has no %s (takedown right edit %s "
			    "--%s ...)",
			    strcmp(field, "right.reg_no") == 0
				    ? "registration number"
				    : "validity start",
			    c->right,
			    strcmp(field, "right.reg_no") == 0 ? "reg-no"
							       : "valid-from");
	else
		td_buf_addf(out, "takedown case set %lld %s TEXT",
			    (long long)c->id, field);
}

size_t
td_notice_missing(const struct td_notice_input *in, struct td_strv *missing)
{
	const struct td_right *r = td_portfolio_right(in->pf, in->cf->c.right);
	const char *tname;
	size_t added = 0;
	int lang;

	tname = td_notice_template(&in->site->r, r ? r->kind : 0);
	if (!tname)
		return 0;
	for (lang = 0; lang < 2; lang++) {
		struct td_tmpl_ctx *c =
			td_notice_context(in, lang ? "zh" : "en");
		struct td_buf spec = TD_BUF_INIT, text = TD_BUF_INIT;
		struct td_buf names = TD_BUF_INIT, h = TD_BUF_INIT;
		const char *file;
		char *line, *next;

		td_buf_addf(&spec, "%s.%s", tname, lang ? "zh" : "en");
		if (td_tmpl_load(spec.data, &text, &file, NULL) < 0 ||
		    td_tmpl_check(file, text.data, text.len, &names, NULL) < 0)
			goto next_lang;
		for (line = names.data; *line; line = next) {
			const char *name = line, *slash;

			next = strchr(line, '\n');
			if (!next)
				break;
			*next++ = '\0';
			if (line[0] == '#')
				continue;
			slash = strchr(line, '/');
			if (slash) {
				/* Inside a flag that is on, the field counts;
				 * list items are the listings' own. */
				char sec[128];
				size_t n = (size_t)(slash - line);

				if (n >= sizeof(sec))
					continue;
				memcpy(sec, line, n);
				sec[n] = '\0';
				if (strcmp(sec, "listings") == 0)
					continue;
				if (strcmp(sec, "agent") == 0 &&
				    !in->cf->c.agent)
					continue;
				if (strcmp(sec, "right.protect") == 0 &&
				    (!r || (r->protect_from == TD_DATE_NONE &&
					    r->protect_to == TD_DATE_NONE)))
					continue;
				name = slash + 1;
			}
			if (td_tmpl_get(c, name))
				continue;
			td_buf_reset(&h);
			hint(in, name, &h);
			if (td_strv_find(missing, h.data) < 0) {
				td_strv_push(missing, h.data);
				added++;
			}
		}
	next_lang:
		td_buf_release(&spec);
		td_buf_release(&text);
		td_buf_release(&names);
		td_buf_release(&h);
		td_tmpl_ctx_free(c);
	}
	return added;
}
