/*
 * Seller evidence: normalising phone numbers, e-mails, addresses, company
 * and shop names, and finding contact handles in listing text.
 */
#include "core/net.h"

#include <stdlib.h>
#include <string.h>

#include "core/net_int.h"
#include "core/util.h"
#include "core/banned.h"

/* --- phone numbers ------------------------------------------------------ */

/* A country's calling code, trunk prefix and national number lengths. */
struct dial {
	char iso[3];       /* ISO 3166 code */
	const char *cc;    /* calling code */
	char trunk;        /* national trunk prefix digit, 0 for none */
	unsigned char min; /* shortest national significant number */
	unsigned char max; /* longest */
};

/* Lengths from the ITU national numbering plans, generously rounded:
 * they only decide whether "86..." is a national or an international
 * number and reject what cannot be a phone. */
static const struct dial dials[] = {
	{"AE", "971", '0', 8, 9},  {"AR", "54", '0', 10, 11},
	{"AT", "43", '0', 4, 13},  {"AU", "61", '0', 9, 9},
	{"BD", "880", '0', 8, 10}, {"BE", "32", '0', 8, 9},
	{"BR", "55", '0', 10, 11}, {"CA", "1", '1', 10, 10},
	{"CH", "41", '0', 9, 9},   {"CL", "56", 0, 9, 9},
	{"CN", "86", '0', 7, 11},  {"CO", "57", 0, 10, 10},
	{"CZ", "420", 0, 9, 9},    {"DE", "49", '0', 6, 11},
	{"DK", "45", 0, 8, 8},     {"EG", "20", '0', 9, 10},
	{"ES", "34", 0, 9, 9},     {"FI", "358", '0', 6, 10},
	{"FR", "33", '0', 9, 9},   {"GB", "44", '0', 9, 10},
	{"GR", "30", 0, 10, 10},   {"HK", "852", 0, 8, 8},
	{"HU", "36", '0', 8, 9},   {"ID", "62", '0', 8, 12},
	{"IE", "353", '0', 7, 9},  {"IL", "972", '0', 8, 9},
	{"IN", "91", '0', 10, 10}, {"IT", "39", 0, 6, 11},
	{"JP", "81", '0', 9, 10},  {"KR", "82", '0', 8, 10},
	{"MO", "853", 0, 8, 8},    {"MX", "52", 0, 10, 10},
	{"MY", "60", '0', 8, 10},  {"NG", "234", '0', 8, 10},
	{"NL", "31", '0', 9, 9},   {"NO", "47", 0, 8, 8},
	{"NZ", "64", '0', 8, 10},  {"PE", "51", '0', 8, 9},
	{"PH", "63", '0', 10, 10}, {"PK", "92", '0', 9, 10},
	{"PL", "48", 0, 9, 9},     {"PT", "351", 0, 9, 9},
	{"RO", "40", '0', 9, 9},   {"RU", "7", '8', 10, 10},
	{"SA", "966", '0', 8, 9},  {"SE", "46", '0', 7, 9},
	{"SG", "65", 0, 8, 8},     {"TH", "66", '0', 8, 9},
	{"TR", "90", '0', 10, 10}, {"TW", "886", '0', 8, 9},
	{"UA", "380", '0', 9, 9},  {"US", "1", '1', 10, 10},
	{"VN", "84", '0', 9, 10},  {"ZA", "27", '0', 9, 9},
};

static const struct dial *
dial_by_iso(const char *iso)
{
	size_t i;

	if (!iso)
		return NULL;
	for (i = 0; i < TD_ARRAY_LEN(dials); i++)
		if (strcmp(dials[i].iso, iso) == 0)
			return &dials[i];
	return NULL;
}

/* The country whose calling code starts digits (calling codes are a
 * prefix code, so at most one matches; NANP numbers give US). */
static const struct dial *
dial_by_prefix(const char *digits)
{
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(dials); i++)
		if (strncmp(digits, dials[i].cc, strlen(dials[i].cc)) == 0)
			return &dials[i];
	return NULL;
}

static int
all_same(const char *d)
{
	size_t i;

	for (i = 1; d[i]; i++)
		if (d[i] != d[0])
			return 0;
	return 1;
}

/* Append "+" cc nsn after checking nsn; returns 0 or TD_EINVAL. */
static int
phone_out(const struct dial *c, const char *nsn, struct td_buf *out)
{
	size_t n = strlen(nsn);

	if (c && c->trunk == '0' && nsn[0] == '0') {
		nsn++; /* "+44 (0)20 ...", "+86 0755 ..." */
		n--;
	}
	if (n < 6 || all_same(nsn))
		return TD_EINVAL;
	if (c && (n < c->min || n > c->max))
		return TD_EINVAL;
	if (!c && strlen(nsn) > 15)
		return TD_EINVAL;
	td_buf_addch(out, '+');
	if (c)
		td_buf_addstr(out, c->cc);
	td_buf_addstr(out, nsn);
	return 0;
}

int
td_net_phone_norm(const char *raw, const char *country, struct td_buf *out)
{
	struct td_buf f = TD_BUF_INIT;
	char d[24];
	size_t i, nd = 0;
	int plus = 0, rc = TD_EINVAL;
	const struct dial *home = dial_by_iso(country), *c;

	if (!raw)
		return TD_EINVAL;
	net_fold(raw, strlen(raw), &f, NULL);
	for (i = 0; i < f.len && f.data[i] != '+' &&
		    !(f.data[i] >= '0' && f.data[i] <= '9');
	     i++)
		;
	if (i < f.len && f.data[i] == '+') {
		plus = 1;
		i++;
	}
	for (; i < f.len; i++) {
		char ch = f.data[i];

		if (ch >= '0' && ch <= '9') {
			if (nd + 1 >= sizeof(d))
				goto out;
			d[nd++] = ch;
		} else if (!strchr(" -.()\t", ch)) {
			break; /* "ext 12", "转3", a second number */
		}
	}
	d[nd] = '\0';
	if (nd < 6)
		goto out;
	if (plus) {
		c = dial_by_prefix(d);
		rc = phone_out(c, d + (c ? strlen(c->cc) : 0), out);
		goto out;
	}
	if (d[0] == '0' && d[1] == '0') {
		c = dial_by_prefix(d + 2);
		rc = phone_out(c, d + 2 + (c ? strlen(c->cc) : 0), out);
		goto out;
	}
	if (home && home->cc[0] == '1' && strncmp(d, "011", 3) == 0) {
		c = dial_by_prefix(d + 3);
		rc = phone_out(c, d + 3 + (c ? strlen(c->cc) : 0), out);
		goto out;
	}
	if (!home) {
		/* no country: the digits without leading zeros */
		for (i = 0; d[i] == '0'; i++)
			;
		if (nd - i < 6 || all_same(d + i))
			goto out;
		td_buf_addstr(out, d + i);
		rc = 0;
		goto out;
	}
	/* "8613800000000": the calling code written without "+" */
	if (nd > home->max && strncmp(d, home->cc, strlen(home->cc)) == 0 &&
	    nd - strlen(home->cc) >= home->min &&
	    nd - strlen(home->cc) <= home->max) {
		rc = phone_out(home, d + strlen(home->cc), out);
		goto out;
	}
	if (home->trunk && d[0] == home->trunk)
		rc = phone_out(home, d + 1, out);
	else
		rc = phone_out(home, d, out);
out:
	td_buf_release(&f);
	return rc;
}

/* --- e-mail ------------------------------------------------------------- */

static int
is_local_ch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("._%+-", c));
}

static int
is_domain_ch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '.';
}

/* Check and normalise folded local@domain of length n. */
static int
email_norm_folded(const char *s, size_t n, struct td_buf *out)
{
	const char *at = memchr(s, '@', n), *dot;
	size_t nl, i, labels = 0, tld = 0, start;
	int gmail;

	if (!at || at == s || memchr(at + 1, '@', n - (size_t)(at - s) - 1))
		return TD_EINVAL;
	nl = (size_t)(at - s);
	for (i = 0; i < nl; i++)
		if (!is_local_ch(s[i]))
			return TD_EINVAL;
	if (s[0] == '.' || s[nl - 1] == '.')
		return TD_EINVAL;
	for (i = nl + 1, start = i; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!is_domain_ch(s[i]))
				return TD_EINVAL;
			continue;
		}
		if (i == start)
			return TD_EINVAL; /* an empty label */
		tld = i - start;
		labels++;
		start = i + 1;
	}
	if (labels < 2 || tld < 2)
		return TD_EINVAL;
	for (i = n - tld; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return TD_EINVAL;
	dot = at + 1;
	gmail = (size_t)(s + n - dot) == strlen("gmail.com") &&
		strncmp(dot, "gmail.com", 9) == 0;
	gmail |= (size_t)(s + n - dot) == strlen("googlemail.com") &&
		 strncmp(dot, "googlemail.com", 14) == 0;
	for (i = 0; i < nl && s[i] != '+'; i++) {
		if (gmail && s[i] == '.')
			continue;
		td_buf_addch(out, s[i]);
	}
	td_buf_addch(out, '@');
	if (gmail)
		td_buf_addstr(out, "gmail.com");
	else
		td_buf_add(out, at + 1, (size_t)(s + n - at - 1));
	return 0;
}

int
td_net_email_norm(const char *raw, struct td_buf *out)
{
	struct td_buf f = TD_BUF_INIT;
	size_t a = 0, b;
	int rc;

	if (!raw)
		return TD_EINVAL;
	net_fold(raw, strlen(raw), &f, NULL);
	b = f.len;
	while (a < b && (f.data[a] == ' ' || f.data[a] == '<'))
		a++;
	while (b > a && (f.data[b - 1] == ' ' || f.data[b - 1] == '>'))
		b--;
	if (b - a > 7 && strncmp(f.data + a, "mailto:", 7) == 0)
		a += 7;
	rc = email_norm_folded(f.data + a, b - a, out);
	td_buf_release(&f);
	return rc;
}

/* --- tokens for addresses, companies and shop names --------------------- */

/* A folded text cut into tokens: Latin words and CJK runs. */
struct word {
	char *s; /* the token, NUL-terminated */
	int cjk; /* 1 for a run of CJK characters */
};

struct words {
	struct word *v;
	size_t n;
	size_t alloc;
};

static void
words_push(struct words *w, const char *s, size_t n, int cjk)
{
	TD_GROW(w->v, w->n + 1, w->alloc);
	w->v[w->n].s = td_xstrndup(s, n);
	w->v[w->n++].cjk = cjk;
}

static void
words_release(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].s);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static void
words_drop(struct words *w, size_t i)
{
	free(w->v[i].s);
	memmove(w->v + i, w->v + i + 1, (w->n - i - 1) * sizeof(*w->v));
	w->n--;
}

/* Cut folded text into Latin words and CJK runs; brackets and what is in
 * them are dropped when drop_brackets is set. */
static void
words_split(const char *raw, int drop_brackets, struct words *w)
{
	struct td_buf f = TD_BUF_INIT;
	size_t i = 0;
	int depth = 0;

	net_fold(raw, strlen(raw), &f, NULL);
	while (i < f.len) {
		int32_t cp;
		size_t l = net_utf8_next(f.data + i, f.len - i, &cp), start = i;
		int cjk = net_is_cjk(cp);

		if (drop_brackets && (cp == '(' || cp == '[' || cp == 0x3010)) {
			depth++;
			i += l;
			continue;
		}
		if (drop_brackets && depth &&
		    (cp == ')' || cp == ']' || cp == 0x3011)) {
			depth--;
			i += l;
			continue;
		}
		if (depth || !net_is_wordch(cp)) {
			i += l;
			continue;
		}
		while (i < f.len) {
			l = net_utf8_next(f.data + i, f.len - i, &cp);
			if (!net_is_wordch(cp) || net_is_cjk(cp) != cjk)
				break;
			i += l;
		}
		words_push(w, f.data + start, i - start, cjk);
	}
	td_buf_release(&f);
}

/* Join tokens: a space between two Latin words, none next to CJK. */
static void
words_join(const struct words *w, struct td_buf *out)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (i > 0 && !w->v[i].cjk && !w->v[i - 1].cjk)
			td_buf_addch(out, ' ');
		td_buf_addstr(out, w->v[i].s);
	}
}

/* Weighted length: a CJK character counts 2, anything else 1. */
static size_t
weighted_len(const char *s)
{
	size_t i = 0, n = strlen(s), w = 0;

	while (i < n) {
		int32_t cp;

		i += net_utf8_next(s + i, n - i, &cp);
		w += net_is_cjk(cp) ? 2 : 1;
	}
	return w;
}

/* Remove every occurrence of the UTF-8 string pat from s in place. */
static void
str_remove_all(char *s, const char *pat)
{
	size_t n = strlen(pat);
	char *p;

	while ((p = strstr(s, pat)))
		memmove(p, p + n, strlen(p + n) + 1);
}

/* If s ends with pat, cut it off and return 1. */
static int
str_cut_suffix(char *s, const char *pat)
{
	size_t n = strlen(s), m = strlen(pat);

	if (n < m || strcmp(s + n - m, pat) != 0)
		return 0;
	s[n - m] = '\0';
	return 1;
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* --- addresses ---------------------------------------------------------- */

/* The value of a Chinese numeral character, or -1 (10 for 十). */
static int
cn_digit(int32_t cp)
{
	static const int32_t digits[] = {0x3007, 0x4e00, 0x4e8c, 0x4e09,
					 0x56db, 0x4e94, 0x516d, 0x4e03,
					 0x516b, 0x4e5d};
	size_t i;

	if (cp == 0x96f6) /* 零 */
		return 0;
	if (cp == 0x4e24) /* 两 */
		return 2;
	if (cp == 0x5341) /* 十 */
		return 10;
	for (i = 0; i < TD_ARRAY_LEN(digits); i++)
		if (digits[i] == cp)
			return (int)i;
	return -1;
}

/* Rewrite runs of Chinese numerals in s as ASCII digits: 三 -> 3,
 * 十二 -> 12, 二十三 -> 23, 一二三 -> 123. */
static void
cn_numerals(struct words *w, size_t k)
{
	struct td_buf o = TD_BUF_INIT;
	const char *s = w->v[k].s;
	size_t i = 0, n = strlen(s);

	while (i < n) {
		int32_t cp;
		size_t l = net_utf8_next(s + i, n - i, &cp);
		int v = cn_digit(cp);
		unsigned long num = 0, cur = 0;
		int tens = 0, count = 0;

		if (v < 0) {
			td_buf_add(&o, s + i, l);
			i += l;
			continue;
		}
		while (i < n && (v = cn_digit(cp)) >= 0 && count < 12) {
			if (v == 10) {
				num += (cur ? cur : 1) * 10;
				cur = 0;
				tens = 1;
			} else if (tens) {
				cur = (unsigned long)v;
			} else {
				cur = cur * 10 + (unsigned long)v;
			}
			i += l;
			count++;
			if (i < n)
				l = net_utf8_next(s + i, n - i, &cp);
		}
		td_buf_addf(&o, "%lu", num + cur);
	}
	free(w->v[k].s);
	w->v[k].s = td_buf_detach(&o, NULL);
}

static const char *const addr_abbrev[][2] = {
	{"street", "st"},     {"str", "st"},         {"road", "rd"},
	{"avenue", "ave"},    {"av", "ave"},         {"boulevard", "blvd"},
	{"drive", "dr"},      {"lane", "ln"},        {"building", "bldg"},
	{"bld", "bldg"},      {"floor", "fl"},       {"flr", "fl"},
	{"f", "fl"},          {"room", "rm"},        {"suite", "ste"},
	{"apartment", "apt"}, {"district", "dist"},  {"province", "prov"},
	{"number", "no"},     {"num", "no"},         {"nr", "no"},
	{"north", "n"},       {"south", "s"},        {"east", "e"},
	{"west", "w"},        {"industrial", "ind"}, {"industry", "ind"},
	{"tower", "twr"},     {"center", "ctr"},     {"centre", "ctr"},
	{"plaza", "plz"},     {"square", "sq"},      {"park", "pk"},
	{"highway", "hwy"},   {"village", "vlg"},    {"county", "cty"},
};

static const char *const addr_drop[] = {"china", "prc", "cn", "p", "r"};

static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int
td_net_address_norm(const char *raw, struct td_buf *out)
{
	struct words w = {NULL, 0, 0};
	struct td_buf o = TD_BUF_INIT;
	size_t i, j;
	int rc = TD_EINVAL;

	if (!raw)
		return TD_EINVAL;
	words_split(raw, 0, &w);
	for (i = 0; i < w.n; i++) {
		char *s = w.v[i].s;
		size_t n = strlen(s);

		if (w.v[i].cjk) {
			cn_numerals(&w, i);
			s = w.v[i].s;
			str_remove_all(s,
				       "\xe4\xb8\xad\xe5\x9b\xbd"); /* 中国 */
			/* 层 and 楼 both mean floor */
			while ((s = strstr(w.v[i].s, "\xe5\xb1\x82")))
				memcpy(s, "\xe6\xa5\xbc", 3);
			if (!*w.v[i].s)
				words_drop(&w, i--);
			continue;
		}
		/* ordinals and "3f": 3rd -> 3, 3f -> 3 fl */
		if (n > 2 && s[0] >= '0' && s[0] <= '9' &&
		    (str_cut_suffix(s, "st") || str_cut_suffix(s, "nd") ||
		     str_cut_suffix(s, "rd") || str_cut_suffix(s, "th")) &&
		    all_digits(s))
			continue;
		if (n > 1 && s[n - 1] == 'f' && (s[0] >= '0' && s[0] <= '9')) {
			s[n - 1] = '\0';
			if (all_digits(s)) {
				TD_GROW(w.v, w.n + 1, w.alloc);
				memmove(w.v + i + 2, w.v + i + 1,
					(w.n - i - 1) * sizeof(*w.v));
				w.v[i + 1].s = td_xstrdup("fl");
				w.v[i + 1].cjk = 0;
				w.n++;
				i++;
				continue;
			}
			s[n - 1] = 'f';
		}
		/* postal codes: written by some sellers and not others */
		if (n >= 5 && all_digits(s)) {
			words_drop(&w, i--);
			continue;
		}
		if (in_list(s, addr_drop, TD_ARRAY_LEN(addr_drop))) {
			words_drop(&w, i--);
			continue;
		}
		for (j = 0; j < TD_ARRAY_LEN(addr_abbrev); j++) {
			if (strcmp(s, addr_abbrev[j][0]) == 0) {
				free(w.v[i].s);
				w.v[i].s = td_xstrdup(addr_abbrev[j][1]);
				break;
			}
		}
	}
	/* "floor 3" -> "3 fl", so both orders agree */
	for (i = 0; i + 1 < w.n; i++) {
		if (!w.v[i].cjk && strcmp(w.v[i].s, "fl") == 0 &&
		    all_digits(w.v[i + 1].s)) {
			struct word t = w.v[i];

			w.v[i] = w.v[i + 1];
			w.v[i + 1] = t;
			i++;
		}
	}
	words_join(&w, &o);
	if (weighted_len(o.data) >= 8) {
		td_buf_add(out, o.data, o.len);
		rc = 0;
	}
	td_buf_release(&o);
	words_release(&w);
	return rc;
}

/* --- company names ------------------------------------------------------ */

static const char *const co_latin[] = {
	"co",
	"company",
	"corp",
	"corporation",
	"inc",
	"incorporated",
	"ltd",
	"limited",
	"llc",
	"llp",
	"lp",
	"plc",
	"gmbh",
	"ag",
	"kg",
	"sa",
	"sas",
	"sarl",
	"srl",
	"spa",
	"bv",
	"nv",
	"ab",
	"oy",
	"pty",
	"pte",
	"pvt",
	"private",
	"sdn",
	"bhd",
	"kk",
	"trading",
	"trade",
	"import",
	"export",
	"imp",
	"exp",
	"and",
	"international",
	"intl",
	"industrial",
	"industry",
	"industries",
	"technology",
	"technologies",
	"tech",
	"ecommerce",
	"commerce",
	"e",
	"group",
	"holdings",
	"holding",
	"enterprise",
	"enterprises",
	"manufacturing",
	"mfg",
	"manufacturer",
	"factory",
	"store",
	"shop",
	"supply",
	"supplies",
	"products",
	"product",
	"goods",
	"development",
	"network",
	"networks",
	"information",
	"service",
	"services",
	"of",
	"the",
};

/* Longest first, so 有限公司 goes before 公司. */
static const char *const co_cjk[] = {
	"有限责任公司", "股份有限公司", "有限公司", "电子商务", "分公司",
	"进出口",       "供应链",       "经营部",   "工作室",   "公司",
	"集团",         "电商",         "贸易",     "商贸",     "经贸",
	"工贸",         "外贸",         "科技",     "技术",     "信息",
	"网络",         "实业",         "发展",     "国际",     "商行",
	"制造",         "制品",         "工厂",     "商店",     "厂",
	"店",
};

int
td_net_company_norm(const char *raw, struct td_buf *out)
{
	struct words w = {NULL, 0, 0};
	struct td_buf o = TD_BUF_INIT;
	size_t i;
	int rc = TD_EINVAL, cut;

	if (!raw)
		return TD_EINVAL;
	words_split(raw, 1, &w);
	for (i = 0; i < w.n; i++) {
		if (!w.v[i].cjk)
			continue;
		str_remove_all(w.v[i].s, "\xe7\x9c\x81"); /* 省 */
		str_remove_all(w.v[i].s, "\xe5\xb8\x82"); /* 市 */
	}
	do {
		cut = 0;
		while (w.n && !w.v[w.n - 1].cjk &&
		       in_list(w.v[w.n - 1].s, co_latin,
			       TD_ARRAY_LEN(co_latin))) {
			words_drop(&w, w.n - 1);
			cut = 1;
		}
		if (w.n && w.v[w.n - 1].cjk) {
			for (i = 0; i < TD_ARRAY_LEN(co_cjk); i++) {
				if (str_cut_suffix(w.v[w.n - 1].s, co_cjk[i])) {
					cut = 1;
					break;
				}
			}
			if (!*w.v[w.n - 1].s)
				words_drop(&w, w.n - 1);
		}
	} while (cut && w.n);
	while (w.n && !w.v[0].cjk && strcmp(w.v[0].s, "the") == 0)
		words_drop(&w, 0);
	words_join(&w, &o);
	if (weighted_len(o.data) >= 4) {
		td_buf_add(out, o.data, o.len);
		rc = 0;
	}
	td_buf_release(&o);
	words_release(&w);
	return rc;
}

/* --- shop names --------------------------------------------------------- */

static const char *const shop_latin[] = {
	"store",  "shop",   "official", "flagship", "factory", "outlet",
	"direct", "online", "mall",     "boutique", "co",      "ltd",
	"the",    "s",      "inc",      "llc",      "company", "limited",
};

static const char *const shop_cjk[] = {
	"官方旗舰店", "旗舰店", "专卖店", "专营店", "直营店",
	"企业店",     "工厂店", "品牌店", "官方",   "店铺",
	"小店",       "商城",   "的店",   "店",
};

int
td_net_shop_norm(const char *raw, struct td_buf *out)
{
	struct words w = {NULL, 0, 0};
	size_t i, j, before = out->len;

	if (!raw)
		return TD_EINVAL;
	words_split(raw, 0, &w);
	for (i = 0; i < w.n; i++) {
		if (w.v[i].cjk) {
			for (j = 0; j < TD_ARRAY_LEN(shop_cjk); j++)
				str_remove_all(w.v[i].s, shop_cjk[j]);
		} else if (in_list(w.v[i].s, shop_latin,
				   TD_ARRAY_LEN(shop_latin))) {
			continue;
		}
		td_buf_addstr(out, w.v[i].s);
	}
	words_release(&w);
	return out->len > before ? 0 : TD_EINVAL;
}

double
td_net_shop_similarity(const char *a, const char *b)
{
	struct td_buf na = TD_BUF_INIT, nb = TD_BUF_INIT;
	struct net_set sa = {NULL, 0, 0}, sb = {NULL, 0, 0};
	double j = 0;

	if (td_net_shop_norm(a, &na) == 0 && td_net_shop_norm(b, &nb) == 0) {
		net_shingle_bigrams(na.data, &sa);
		net_shingle_bigrams(nb.data, &sb);
		j = net_set_jaccard(sa.v, sa.n, sb.v, sb.n);
	}
	free(sa.v);
	free(sb.v);
	td_buf_release(&na);
	td_buf_release(&nb);
	return j;
}

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
	enum td_net_kind kind; /* what follows */
	unsigned flags;        /* CUE_ */
};

/* Longest first within a shared beginning: matching takes the first. */
static const struct cue cues[] = {
	{"api.whatsapp.com/send?phone=", TD_NET_WHATSAPP, CUE_URL},
	{"line.me/ti/p/~", TD_NET_LINE, CUE_URL},
	{"line.me/ti/p/", TD_NET_LINE, CUE_URL},
	{"wa.me/", TD_NET_WHATSAPP, CUE_URL},
	{"t.me/", TD_NET_TELEGRAM, CUE_URL},
	{"whatsapp", TD_NET_WHATSAPP, 0},
	{"whats app", TD_NET_WHATSAPP, 0},
	{"whatapp", TD_NET_WHATSAPP, 0},
	{"wechat", TD_NET_WECHAT, 0},
	{"we chat", TD_NET_WECHAT, 0},
	{"weixin", TD_NET_WECHAT, 0},
	{"telegram", TD_NET_TELEGRAM, 0},
	{"line id", TD_NET_LINE, 0},
	{"lineid", TD_NET_LINE, 0},
	{"line", TD_NET_LINE, CUE_COLON},
	{"mobile", TD_NET_PHONE, 0},
	{"phone", TD_NET_PHONE, 0},
	{"cell", TD_NET_PHONE, 0},
	{"call", TD_NET_PHONE, 0},
	{"tel", TD_NET_PHONE, 0},
	{"mob", TD_NET_PHONE, 0},
	{"qq", TD_NET_QQ, 0},
	{"vx", TD_NET_WECHAT, 0},
	{"wx", TD_NET_WECHAT, 0},
	{"wa", TD_NET_WHATSAPP, CUE_COLON},
	{"tg", TD_NET_TELEGRAM, CUE_COLON},
	{"v\xe4\xbf\xa1", TD_NET_WECHAT, 0}, /* v信 */
	{"+v", TD_NET_WECHAT, 0},
	{"\xe2\x9e\x95v", TD_NET_WECHAT, 0}, /* ➕v */
	{"v", TD_NET_WECHAT, CUE_COLON},
	{"\xe5\xbe\xae\xe4\xbf\xa1", TD_NET_WECHAT, 0},   /* 微信 */
	{"\xe5\x8a\xa0\xe5\xbe\xae", TD_NET_WECHAT, 0},   /* 加微 */
	{"\xe5\x8a\xa0v", TD_NET_WECHAT, 0},              /* 加v */
	{"\xe5\xa8\x81\xe4\xbf\xa1", TD_NET_WECHAT, 0},   /* 威信 */
	{"\xe8\x96\x87\xe4\xbf\xa1", TD_NET_WECHAT, 0},   /* 薇信 */
	{"\xe5\xbe\xbd\xe4\xbf\xa1", TD_NET_WECHAT, 0},   /* 徽信 */
	{"\xe6\x89\xa3\xe6\x89\xa3", TD_NET_QQ, 0},       /* 扣扣 */
	{"\xe4\xbc\x81\xe9\xb9\x85", TD_NET_QQ, 0},       /* 企鹅 */
	{"\xe7\x94\xb5\xe6\x8a\xa5", TD_NET_TELEGRAM, 0}, /* 电报 */
	{"\xe7\x94\xb5\xe8\xaf\x9d", TD_NET_PHONE, 0},    /* 电话 */
	{"\xe6\x89\x8b\xe6\x9c\xba", TD_NET_PHONE, 0},    /* 手机 */
	{"\xe7\x83\xad\xe7\xba\xbf", TD_NET_PHONE, 0},    /* 热线 */
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
		while (a > 0 && is_local_ch(f[a - 1]))
			a--;
		while (b < n && is_domain_ch(f[b]))
			b++;
		while (b > i + 1 && (f[b - 1] == '.' || f[b - 1] == '-'))
			b--;
		while (a < i && f[a] == '.')
			a++;
		if (a == i || email_norm_folded(f + a, b - a, &v) != 0) {
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

	if (!text)
		return 0;
	net_fold(text, strlen(text), &f, &map);
	while (i < f.len) {
		size_t next = i + 1;

		for (k = 0; k < TD_ARRAY_LEN(cues); k++) {
			const struct cue *c = &cues[k];
			size_t cl = strlen(c->s), h, e;
			int colon;

			if (strncmp(f.data + i, c->s, cl) != 0)
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

/* --- shingles and the public text index --------------------------------- */

void
td_net_shingles_release(struct td_net_shingles *s)
{
	if (!s)
		return;
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void
td_net_shingle(const char *text, unsigned k, struct td_net_shingles *out)
{
	struct net_set s = {out->v, 0, out->alloc};

	net_shingle_text(text ? text : "", k, &s);
	out->v = s.v;
	out->n = s.n;
	out->alloc = s.alloc;
}

double
td_net_jaccard(const struct td_net_shingles *a, const struct td_net_shingles *b)
{
	return net_set_jaccard(a->v, a->n, b->v, b->n);
}

struct td_net_tidx {
	struct net_lsh lsh;  /* the sets and buckets */
	unsigned k;          /* tokens per shingle */
	unsigned min;        /* shortest set put in buckets */
	struct net_set tmp;  /* scratch */
	struct net_set cand; /* scratch */
};

struct td_net_tidx *
td_net_tidx_new(unsigned k, unsigned bands, unsigned rows, unsigned max_bucket,
		unsigned min_shingles)
{
	struct td_net_tidx *ix = td_xcalloc(1, sizeof(*ix));

	if (rows > 64)
		rows = 64;
	if (bands > 256)
		bands = 256;
	net_lsh_init(&ix->lsh, bands, rows, max_bucket);
	ix->k = k;
	ix->min = min_shingles;
	return ix;
}

void
td_net_tidx_free(struct td_net_tidx *ix)
{
	if (!ix)
		return;
	net_lsh_release(&ix->lsh);
	free(ix->tmp.v);
	free(ix->cand.v);
	free(ix);
}

uint32_t
td_net_tidx_add(struct td_net_tidx *ix, const char *text)
{
	net_shingle_text(text ? text : "", ix->k, &ix->tmp);
	return net_lsh_add(&ix->lsh, &ix->tmp, ix->min);
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct td_net_hit *x = a, *y = b;

	if (x->jaccard != y->jaccard)
		return x->jaccard > y->jaccard ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
td_net_tidx_query(struct td_net_tidx *ix, const char *text, double min_jaccard,
		  struct td_net_hits *out)
{
	size_t i;

	out->n = 0;
	net_shingle_text(text ? text : "", ix->k, &ix->tmp);
	if (ix->tmp.n < ix->min || ix->tmp.n == 0)
		return 0;
	net_lsh_candidates(&ix->lsh, UINT32_MAX, &ix->tmp, UINT32_MAX,
			   &ix->cand);
	for (i = 0; i < ix->cand.n; i++) {
		double j = net_lsh_jaccard(&ix->lsh, ix->cand.v[i], ix->tmp.v,
					   ix->tmp.n);

		if (j + 1e-12 < min_jaccard)
			continue;
		TD_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n].id = ix->cand.v[i];
		out->v[out->n++].jaccard = j;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_hit);
	return 0;
}

void
td_net_hits_release(struct td_net_hits *h)
{
	if (!h)
		return;
	free(h->v);
	memset(h, 0, sizeof(*h));
}
