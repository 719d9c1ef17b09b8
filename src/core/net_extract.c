/*
 * Seller evidence: the identifiers in a seller's fields and the contact
 * handles in its listing texts.
 */
#include "core/net.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/net_int.h"
#include "core/util.h"
#include "core/banned.h"

/* --- evidence lists ----------------------------------------------------- */

void
td_net_evs_release(struct td_net_evs *evs)
{
	size_t i;

	if (!evs)
		return;
	for (i = 0; i < evs->n; i++) {
		free(evs->v[i].key);
		free(evs->v[i].raw);
	}
	free(evs->v);
	memset(evs, 0, sizeof(*evs));
}

static void
evs_add(struct td_net_evs *out, enum td_net_kind kind, const char *prefix,
	const char *value, const char *raw, size_t raw_len)
{
	struct td_buf key = TD_BUF_INIT;
	size_t i;

	td_buf_addstr(&key, prefix);
	td_buf_addstr(&key, value);
	for (i = 0; i < out->n; i++) {
		if (strcmp(out->v[i].key, key.data) == 0) {
			td_buf_release(&key);
			return;
		}
	}
	TD_GROW(out->v, out->n + 1, out->alloc);
	out->v[out->n].kind = kind;
	out->v[out->n].key = td_buf_detach(&key, NULL);
	out->v[out->n].raw = td_xstrndup(raw, raw_len);
	out->n++;
}

/* --- handles in listing text -------------------------------------------- */

enum {
	CUE_COLON = 1, /* needs ':' or '=' after the cue ("v:", "wa:") */
	CUE_URL = 2    /* the handle follows at once (a link) */
};

struct cue {
	const char *s;         /* folded, lower case */
	size_t len;            /* strlen(s) */
	enum td_net_kind kind; /* what follows */
	unsigned flags;        /* CUE_ */
};

#define CUE(s, kind, flags)                                                    \
	{                                                                      \
		s, sizeof(s) - 1, kind, flags                                  \
	}

/* Longest first within a shared beginning: matching takes the first. */
static const struct cue cues[] = {
	CUE("api.whatsapp.com/send?phone=", TD_NET_WHATSAPP, CUE_URL),
	CUE("line.me/ti/p/~", TD_NET_LINE, CUE_URL),
	CUE("line.me/ti/p/", TD_NET_LINE, CUE_URL),
	CUE("wa.me/", TD_NET_WHATSAPP, CUE_URL),
	CUE("t.me/", TD_NET_TELEGRAM, CUE_URL),
	CUE("whatsapp", TD_NET_WHATSAPP, 0),
	CUE("whats app", TD_NET_WHATSAPP, 0),
	CUE("whatapp", TD_NET_WHATSAPP, 0),
	CUE("wechat", TD_NET_WECHAT, 0),
	CUE("we chat", TD_NET_WECHAT, 0),
	CUE("weixin", TD_NET_WECHAT, 0),
	CUE("telegram", TD_NET_TELEGRAM, 0),
	CUE("line id", TD_NET_LINE, 0),
	CUE("lineid", TD_NET_LINE, 0),
	CUE("line", TD_NET_LINE, CUE_COLON),
	CUE("mobile", TD_NET_PHONE, 0),
	CUE("phone", TD_NET_PHONE, 0),
	CUE("cell", TD_NET_PHONE, 0),
	CUE("call", TD_NET_PHONE, 0),
	CUE("tel", TD_NET_PHONE, 0),
	CUE("mob", TD_NET_PHONE, 0),
	CUE("qq", TD_NET_QQ, 0),
	CUE("vx", TD_NET_WECHAT, 0),
	CUE("wx", TD_NET_WECHAT, 0),
	CUE("wa", TD_NET_WHATSAPP, CUE_COLON),
	CUE("tg", TD_NET_TELEGRAM, CUE_COLON),
	CUE("v\xe4\xbf\xa1", TD_NET_WECHAT, 0), /* v信 */
	CUE("+v", TD_NET_WECHAT, 0),
	CUE("\xe2\x9e\x95v", TD_NET_WECHAT, 0), /* ➕v */
	CUE("v", TD_NET_WECHAT, CUE_COLON),
	CUE("\xe5\xbe\xae\xe4\xbf\xa1", TD_NET_WECHAT, 0),   /* 微信 */
	CUE("\xe5\x8a\xa0\xe5\xbe\xae", TD_NET_WECHAT, 0),   /* 加微 */
	CUE("\xe5\x8a\xa0v", TD_NET_WECHAT, 0),              /* 加v */
	CUE("\xe5\xa8\x81\xe4\xbf\xa1", TD_NET_WECHAT, 0),   /* 威信 */
	CUE("\xe8\x96\x87\xe4\xbf\xa1", TD_NET_WECHAT, 0),   /* 薇信 */
	CUE("\xe5\xbe\xbd\xe4\xbf\xa1", TD_NET_WECHAT, 0),   /* 徽信 */
	CUE("\xe6\x89\xa3\xe6\x89\xa3", TD_NET_QQ, 0),       /* 扣扣 */
	CUE("\xe4\xbc\x81\xe9\xb9\x85", TD_NET_QQ, 0),       /* 企鹅 */
	CUE("\xe7\x94\xb5\xe6\x8a\xa5", TD_NET_TELEGRAM, 0), /* 电报 */
	CUE("\xe7\x94\xb5\xe8\xaf\x9d", TD_NET_PHONE, 0),    /* 电话 */
	CUE("\xe6\x89\x8b\xe6\x9c\xba", TD_NET_PHONE, 0),    /* 手机 */
	CUE("\xe7\x83\xad\xe7\xba\xbf", TD_NET_PHONE, 0),    /* 热线 */
};

/* CJK characters that may sit between a cue and its handle: 号 码 是 为
 * 加 我 的 (微信号是, 加我微信, 手机号码为). */
static int
cjk_filler(int32_t cp)
{
	return cp == 0x53f7 || cp == 0x7801 || cp == 0x662f || cp == 0x4e3a ||
	       cp == 0x52a0 || cp == 0x6211 || cp == 0x7684 || cp == 0x5fae;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
is_phone_kind(enum td_net_kind k)
{
	return k == TD_NET_PHONE || k == TD_NET_WHATSAPP;
}

/*
 * Skip what separates a cue from its handle in f[i..n): spaces,
 * punctuation, symbols and emoji, the filler characters and "id". Sets
 * *colon when a ':' or '=' was among them. Returns the new position.
 */
static size_t
skip_sep(const char *f, size_t n, size_t i, enum td_net_kind kind, int *colon)
{
	unsigned count = 0;

	*colon = 0;
	while (i < n && count < 10) {
		int32_t cp;
		size_t l = net_utf8_next(f + i, n - i, &cp);

		if (cp == ':' || cp == '=') {
			*colon = 1;
		} else if (cp == '+' && is_phone_kind(kind)) {
			break;
		} else if (cp == 'i' && i + 2 <= n && f[i + 1] == 'd' &&
			   (i + 2 == n || !is_alnum(f[i + 2]))) {
			l = 2;
		} else if (net_is_cjk(cp) ? !cjk_filler(cp)
					  : net_is_wordch(cp)) {
			break;
		}
		i += l;
		count++;
	}
	return i;
}

static size_t
span(const char *f, size_t n, size_t i, const char *set, int alnum)
{
	while (i < n && ((alnum && is_alnum(f[i])) || strchr(set, f[i])) &&
	       f[i])
		i++;
	return i;
}

/* A run of phone characters at f[i..); returns its end. */
static size_t
phone_span(const char *f, size_t n, size_t i)
{
	size_t j = i, digits = 0, end = i;

	while (j < n && j - i < 28 && f[j] &&
	       strchr("+0123456789 -.()", f[j])) {
		if (f[j] >= '0' && f[j] <= '9') {
			digits++;
			end = j + 1;
		}
		j++;
	}
	return digits >= 6 ? end : i;
}

static int
all_digits_n(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static int
handle_ok(const char *h, size_t n, size_t min, size_t max, int letter_first)
{
	if (n < min || n > max)
		return 0;
	return !letter_first || (h[0] >= 'a' && h[0] <= 'z');
}

/*
 * Read the handle of kind at f[i..n) and add it. Returns the end of the
 * handle, or i when there is none.
 */
static size_t
read_handle(const char *f, size_t n, size_t i, enum td_net_kind kind, int url,
	    const char *country, const char *raw, const size_t *map,
	    size_t cue_at, struct td_net_evs *out)
{
	struct td_buf v = TD_BUF_INIT;
	size_t e = i;
	const char *rs;
	size_t rl;

	switch (kind) {
	case TD_NET_PHONE:
	case TD_NET_WHATSAPP:
		e = phone_span(f, n, i);
		if (e == i)
			break;
		if (url)
			td_buf_addch(&v, '+'); /* wa.me/<international> */
		td_buf_add(&v, f + i, e - i);
		{
			struct td_buf p = TD_BUF_INIT;

			if (td_net_phone_norm(v.data, country, &p) == 0) {
				rs = raw + map[cue_at];
				rl = map[e] - map[cue_at];
				evs_add(out, kind, "tel:", p.data, rs, rl);
			} else {
				e = i;
			}
			td_buf_release(&p);
		}
		break;
	case TD_NET_QQ:
		e = i;
		while (e < n && f[e] >= '0' && f[e] <= '9')
			e++;
		if (e - i < 5 || e - i > 11 || f[i] == '0' ||
		    (e < n && is_alnum(f[e]))) {
			e = i;
			break;
		}
		td_buf_add(&v, f + i, e - i);
		evs_add(out, kind, "qq:", v.data, raw + map[cue_at],
			map[e] - map[cue_at]);
		break;
	case TD_NET_WECHAT:
		e = span(f, n, i, "_-", 1);
		if (e > i && all_digits_n(f + i, e - i) && e - i >= 10) {
			struct td_buf p = TD_BUF_INIT;

			td_buf_add(&v, f + i, e - i);
			if (td_net_phone_norm(v.data, country, &p) == 0) {
				evs_add(out, kind, "tel:", p.data,
					raw + map[cue_at],
					map[e] - map[cue_at]);
				td_buf_release(&p);
				break;
			}
			td_buf_release(&p);
			td_buf_reset(&v);
		}
		if (!handle_ok(f + i, e - i, 5, 20, 0) ||
		    (!all_digits_n(f + i, e - i) && e - i < 6)) {
			e = i;
			break;
		}
		td_buf_add(&v, f + i, e - i);
		evs_add(out, kind, "wechat:", v.data, raw + map[cue_at],
			map[e] - map[cue_at]);
		break;
	case TD_NET_TELEGRAM:
		if (i < n && f[i] == '@')
			i++;
		e = span(f, n, i, "_", 1);
		if (!handle_ok(f + i, e - i, 5, 32, 1)) {
			e = i;
			break;
		}
		td_buf_add(&v, f + i, e - i);
		evs_add(out, kind, "tg:", v.data, raw + map[cue_at],
			map[e] - map[cue_at]);
		break;
	case TD_NET_LINE:
		if (i < n && (f[i] == '@' || f[i] == '~'))
			i++;
		e = span(f, n, i, "._-", 1);
		while (e > i && f[e - 1] == '.')
			e--;
		if (!handle_ok(f + i, e - i, 4, 20, 0)) {
			e = i;
			break;
		}
		td_buf_add(&v, f + i, e - i);
		evs_add(out, kind, "line:", v.data, raw + map[cue_at],
			map[e] - map[cue_at]);
		break;
	default:
		break;
	}
	td_buf_release(&v);
	return e;
}

/* E-mail addresses around each '@' in folded text f. */
static void
scan_emails(const char *f, size_t n, const char *raw, const size_t *map,
	    struct td_net_evs *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct td_buf v = TD_BUF_INIT;
		size_t a = i, b = i + 1, nl;

		if (f[i] != '@')
			continue;
		while (a > 0 && net_email_local_ch(f[a - 1]))
			a--;
		while (b < n && net_email_domain_ch(f[b]))
			b++;
		while (b > i + 1 && (f[b - 1] == '.' || f[b - 1] == '-'))
			b--;
		while (a < i && f[a] == '.')
			a++;
		if (a == i || net_email_folded(f + a, b - a, &v) != 0) {
			td_buf_release(&v);
			continue;
		}
		evs_add(out, TD_NET_EMAIL, "mail:", v.data, raw + map[a],
			map[b] - map[a]);
		/* 12345678@qq.com is QQ number 12345678 */
		nl = i - a;
		if (b - i - 1 == 6 && strncmp(f + i + 1, "qq.com", 6) == 0 &&
		    all_digits_n(f + a, nl) && nl >= 5 && nl <= 11) {
			td_buf_reset(&v);
			td_buf_add(&v, f + a, nl);
			evs_add(out, TD_NET_QQ, "qq:", v.data, raw + map[a],
				map[b] - map[a]);
		}
		td_buf_release(&v);
		i = b - 1;
	}
}

/*
 * Phone numbers without a cue: a "+" followed by an international number,
 * and, when country is CN, a mainland mobile number (1[3-9] and nine more
 * digits, grouped 3-4-4 or not) standing on its own.
 */
static void
scan_bare_phones(const char *f, size_t n, const char *country, const char *raw,
		 const size_t *map, struct td_net_evs *out)
{
	int cn = country && strcmp(country, "CN") == 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct td_buf v = TD_BUF_INIT, p = TD_BUF_INIT;
		size_t e, j, digits = 0;

		if (i > 0 && (is_alnum(f[i - 1]) || f[i - 1] == '+'))
			continue;
		if (f[i] == '+') {
			e = phone_span(f, n, i);
			if (e - i < 9)
				continue;
		} else if (cn && f[i] == '1' && i + 1 < n && f[i + 1] >= '3' &&
			   f[i + 1] <= '9') {
			for (j = i; j < n && digits < 11; j++) {
				if (f[j] >= '0' && f[j] <= '9')
					digits++;
				else if (!(f[j] == ' ' || f[j] == '-') ||
					 (j - i != 3 && j - i != 8))
					break;
			}
			e = j;
			if (digits != 11 || (e < n && is_alnum(f[e])))
				continue;
		} else {
			continue;
		}
		td_buf_add(&v, f + i, e - i);
		if (td_net_phone_norm(v.data, country, &p) == 0)
			evs_add(out, TD_NET_PHONE, "tel:", p.data, raw + map[i],
				map[e] - map[i]);
		td_buf_release(&v);
		td_buf_release(&p);
		i = e - 1;
	}
}

int
td_net_extract_text(const char *text, const char *country,
		    struct td_net_evs *out)
{
	struct td_buf f = TD_BUF_INIT;
	size_t *map = NULL, i = 0, k;
	uint8_t first[256] = {0};

	if (!text)
		return 0;
	/* the bytes a cue can start with: most positions start none */
	for (k = 0; k < TD_ARRAY_LEN(cues); k++)
		first[(uint8_t)cues[k].s[0]] = 1;
	net_fold(text, strlen(text), &f, &map);
	while (i < f.len) {
		size_t next = i + 1;

		if (!first[(uint8_t)f.data[i]]) {
			i = next;
			continue;
		}
		for (k = 0; k < TD_ARRAY_LEN(cues); k++) {
			const struct cue *c = &cues[k];
			size_t cl = c->len, h, e;
			int colon;

			if (f.data[i] != c->s[0] || cl > f.len - i ||
			    memcmp(f.data + i, c->s, cl) != 0)
				continue;
			/* a Latin cue starts a word: not "devx", "online" */
			if (is_alnum(c->s[0]) && i > 0 &&
			    is_alnum(f.data[i - 1]))
				continue;
			if (c->flags & CUE_URL) {
				h = i + cl;
				colon = 1;
			} else {
				h = i + cl;
				/* ... and ends one: "qq123" yes, "tell" no */
				if (is_alnum(c->s[cl - 1]) && h < f.len &&
				    f.data[h] >= 'a' && f.data[h] <= 'z' &&
				    strncmp(f.data + h, "id", 2) != 0)
					continue;
				h = skip_sep(f.data, f.len, h, c->kind, &colon);
			}
			if ((c->flags & CUE_COLON) && !colon)
				continue;
			e = read_handle(f.data, f.len, h, c->kind,
					(c->flags & CUE_URL) != 0, country,
					text, map, i, out);
			if (e > h) {
				next = e;
				break;
			}
		}
		i = next;
	}
	scan_emails(f.data, f.len, text, map, out);
	scan_bare_phones(f.data, f.len, country, text, map, out);
	free(map);
	td_buf_release(&f);
	return 0;
}

/* Split a field holding several values on , ; / 、 and new lines. */
static void
split_field(const char *field, const char *seps_extra,
	    void (*fn)(const char *part, size_t n, void *ctx), void *ctx)
{
	size_t i = 0, start = 0, n = strlen(field);

	while (i <= n) {
		int sep = i == n || strchr(",;\n", field[i]) ||
			  (seps_extra && field[i] &&
			   strchr(seps_extra, field[i]));
		size_t l = 1;

		/* 、 (U+3001) */
		if (!sep && i + 3 <= n &&
		    memcmp(field + i, "\xe3\x80\x81", 3) == 0) {
			sep = 1;
			l = 3;
		}
		if (sep) {
			if (i > start)
				fn(field + start, i - start, ctx);
			start = i + l;
		}
		i += l;
	}
}

struct field_ctx {
	struct td_net_evs *out;
	const char *country;
	enum td_net_kind kind;
};

static void
add_part(const char *part, size_t n, void *vctx)
{
	struct field_ctx *ctx = vctx;
	struct td_buf raw = TD_BUF_INIT, v = TD_BUF_INIT;
	const char *prefix = NULL;
	int rc = TD_EINVAL;

	td_buf_add(&raw, part, n);
	td_buf_rtrim(&raw);
	while (raw.len && raw.data[0] == ' ') {
		memmove(raw.data, raw.data + 1, raw.len);
		raw.len--;
	}
	switch (ctx->kind) {
	case TD_NET_PHONE:
		rc = td_net_phone_norm(raw.data, ctx->country, &v);
		prefix = "tel:";
		break;
	case TD_NET_EMAIL:
		rc = td_net_email_norm(raw.data, &v);
		prefix = "mail:";
		break;
	case TD_NET_ADDRESS:
		rc = td_net_address_norm(raw.data, &v);
		prefix = "addr:";
		break;
	case TD_NET_COMPANY:
		rc = td_net_company_norm(raw.data, &v);
		prefix = "co:";
		break;
	default:
		break;
	}
	if (rc == 0)
		evs_add(ctx->out, ctx->kind, prefix, v.data, raw.data, raw.len);
	td_buf_release(&v);
	td_buf_release(&raw);
}

int
td_net_extract(const struct td_net_seller *s, const char *country,
	       struct td_net_evs *out)
{
	struct field_ctx ctx;
	size_t i;

	ctx.out = out;
	ctx.country = s->country ? s->country : country;
	if (s->phone) {
		ctx.kind = TD_NET_PHONE;
		split_field(s->phone, "/", add_part, &ctx);
	}
	if (s->email) {
		ctx.kind = TD_NET_EMAIL;
		split_field(s->email, "/ ", add_part, &ctx);
	}
	if (s->address) {
		ctx.kind = TD_NET_ADDRESS;
		add_part(s->address, strlen(s->address), &ctx);
	}
	if (s->company) {
		ctx.kind = TD_NET_COMPANY;
		add_part(s->company, strlen(s->company), &ctx);
	}
	for (i = 0; i < s->n_texts; i++)
		if (s->texts[i])
			td_net_extract_text(s->texts[i], ctx.country, out);
	return 0;
}

const char *
td_net_kind_name(enum td_net_kind kind)
{
	static const char *const names[] = {
		"phone",    "email",     "wechat", "qq",
		"whatsapp", "telegram",  "line",   "address",
		"company",  "shop_name", "text",   "image",
	};

	if ((unsigned)kind >= TD_ARRAY_LEN(names))
		return "?";
	return names[kind];
}

int
td_net_kind_parse(const char *name, enum td_net_kind *kind)
{
	int k;

	for (k = 0; k < TD_NET_KIND_COUNT; k++) {
		if (name && strcmp(name, td_net_kind_name(k)) == 0) {
			*kind = (enum td_net_kind)k;
			return 0;
		}
	}
	return TD_EINVAL;
}
