/*
 * Normalising seller evidence: phone numbers, e-mails, addresses,
 * company and shop names.
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

int
net_email_local_ch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("._%+-", c));
}

int
net_email_domain_ch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '.';
}

/* Check and normalise folded local@domain of length n. */
int
net_email_folded(const char *s, size_t n, struct td_buf *out)
{
	const char *at = memchr(s, '@', n), *dot;
	size_t nl, i, labels = 0, tld = 0, start;
	int gmail;

	if (!at || at == s || memchr(at + 1, '@', n - (size_t)(at - s) - 1))
		return TD_EINVAL;
	nl = (size_t)(at - s);
	for (i = 0; i < nl; i++)
		if (!net_email_local_ch(s[i]))
			return TD_EINVAL;
	if (s[0] == '.' || s[nl - 1] == '.')
		return TD_EINVAL;
	for (i = nl + 1, start = i; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!net_email_domain_ch(s[i]))
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
	rc = net_email_folded(f.data + a, b - a, out);
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
