/* Normalisation of listing text: see text.h and docs/matching.md. */
#include "core/text.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/util.h"
#include "core/banned.h"

/* Classes of a normalised character, for the key view. */
enum {
	CLS_NONE = 0, /* dropped: ignorable or a stripped mark */
	CLS_WORD,     /* letter or digit of any alphabet */
	CLS_CJK,      /* CJK ideograph, kana, Hangul: a token of its own */
	CLS_SPACE,    /* white space, controls */
	CLS_HYPHEN,   /* dashes */
	CLS_PUNCT,    /* other punctuation and symbols */
	CLS_SPECIAL,  /* ASCII @ $ |: a letter or a separator by context */
};

/* Pending-separator bits while building the key. */
enum {
	P_SPACE = 1,
	P_HYPHEN = 2,
	P_PUNCT = 4,
};

/* Per-character flags kept in the tables (a subset of TD_TEXT_K_*). */
#define CF_MASK                                                                \
	(TD_TEXT_K_HOMOGLYPH | TD_TEXT_K_WIDTH | TD_TEXT_K_TRAD |              \
	 TD_TEXT_K_MARK)

/* ---- look-alike letters ------------------------------------------- */

/*
 * Cyrillic, Greek, Armenian and Latin letters that read as a Latin
 * letter, keyed by the character as written (so Greek capital eta reads
 * "h" and small eta "n"). Sorted by code point.
 */
static const struct {
	uint16_t cp;
	char latin;
} homoglyphs[] = {
	{0x0131, 'i'}, {0x01C0, 'l'}, {0x0237, 'j'}, {0x0251, 'a'},
	{0x0261, 'g'}, {0x0269, 'i'}, {0x026A, 'i'}, {0x029F, 'l'},
	{0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'},
	{0x0397, 'h'}, {0x0399, 'i'}, {0x039A, 'k'}, {0x039C, 'm'},
	{0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'},
	{0x03A5, 'y'}, {0x03A7, 'x'}, {0x03AA, 'i'}, {0x03AB, 'y'},
	{0x03AC, 'a'}, {0x03AD, 'e'}, {0x03AE, 'n'}, {0x03AF, 'i'},
	{0x03B1, 'a'}, {0x03B2, 'b'}, {0x03B3, 'y'}, {0x03B5, 'e'},
	{0x03B7, 'n'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03BC, 'u'},
	{0x03BD, 'v'}, {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'},
	{0x03C5, 'u'}, {0x03C7, 'x'}, {0x03C9, 'w'}, {0x03CA, 'i'},
	{0x03CB, 'u'}, {0x03CC, 'o'}, {0x03CD, 'u'}, {0x03CE, 'w'},
	{0x03F2, 'c'}, {0x03F3, 'j'}, {0x03F9, 'c'}, {0x0405, 's'},
	{0x0406, 'i'}, {0x0407, 'i'}, {0x0408, 'j'}, {0x0410, 'a'},
	{0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'},
	{0x041D, 'h'}, {0x041E, 'o'}, {0x0420, 'p'}, {0x0421, 'c'},
	{0x0422, 't'}, {0x0423, 'y'}, {0x0425, 'x'}, {0x0430, 'a'},
	{0x0432, 'b'}, {0x0435, 'e'}, {0x043A, 'k'}, {0x043C, 'm'},
	{0x043D, 'h'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'},
	{0x0442, 't'}, {0x0443, 'y'}, {0x0445, 'x'}, {0x0450, 'e'},
	{0x0451, 'e'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0457, 'i'},
	{0x0458, 'j'}, {0x0460, 'w'}, {0x0461, 'w'}, {0x0474, 'v'},
	{0x0475, 'v'}, {0x04AE, 'y'}, {0x04AF, 'y'}, {0x04BA, 'h'},
	{0x04BB, 'h'}, {0x04C0, 'l'}, {0x04CF, 'l'}, {0x0500, 'd'},
	{0x0501, 'd'}, {0x051A, 'q'}, {0x051B, 'q'}, {0x051C, 'w'},
	{0x051D, 'w'}, {0x0566, 'q'}, {0x0570, 'h'}, {0x0578, 'n'},
	{0x057D, 'u'}, {0x0585, 'o'},
};

static int
homoglyph(uint32_t cp)
{
	size_t lo = 0, hi = TD_ARRAY_LEN(homoglyphs);

	if (cp < 0x0131 || cp > 0x0585)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (homoglyphs[mid].cp == cp)
			return homoglyphs[mid].latin;
		if (homoglyphs[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- Traditional to Simplified ------------------------------------ */

/*
 * BMP ideographs U+3400..U+9FFF: a bitmap of the characters that change,
 * a rank per 64-bit word, and their targets in order. Others (the
 * supplementary planes) are a sorted list of pairs.
 */
#define T2S_LO    0x3400u
#define T2S_HI    0xA000u
#define T2S_WORDS ((T2S_HI - T2S_LO) / 64)
static uint64_t t2s_bits[T2S_WORDS];
static uint16_t t2s_rank[T2S_WORDS];
static uint32_t *t2s_dst;
static uint32_t (*t2s_pairs)[2];
static size_t t2s_npairs;
static pthread_once_t supp_once = PTHREAD_ONCE_INIT; /* t2s_pairs built */
static void build_supp(void);

static int
is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp < 0xA000) ||
	       (cp >= 0x20000 && cp < 0x32400 &&
		!(cp >= 0x2F800 && cp < 0x2FA20));
}

int
td_text_is_cjk(uint32_t cp)
{
	if (cp < 0x3005)
		return 0;
	return cp <= 0x3007 || (cp >= 0x3040 && cp <= 0x30FF) ||
	       (cp >= 0x31F0 && cp <= 0x31FF) || is_han(cp) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF);
}

uint32_t
td_text_t2s(uint32_t cp)
{
	if (cp >= T2S_LO && cp < T2S_HI) {
		uint32_t off = cp - T2S_LO, w = off / 64, b = off % 64;
		uint64_t bits = t2s_bits[w];

		if (!(bits >> b & 1))
			return cp;
		bits &= ((uint64_t)1 << b) - 1;
		return t2s_dst[t2s_rank[w] +
			       (unsigned)__builtin_popcountll(bits)];
	}
	if (cp >= 0x20000 && is_han(cp)) {
		size_t lo = 0, hi;

		pthread_once(&supp_once, build_supp);
		hi = t2s_npairs;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (t2s_pairs[mid][0] == cp)
				return t2s_pairs[mid][1];
			if (t2s_pairs[mid][0] < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return cp;
}

static size_t
put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * Decode one UTF-8 character at s[0..n), n >= 1. Returns its length, or
 * 0 for an invalid sequence (then the caller takes one byte as U+FFFD).
 */
static size_t
get_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = (c & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		c = (c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		    (s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		*cp = c;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		c = (c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		if (c < 0x10000 || c > 0x10FFFF)
			return 0;
		*cp = c;
		return 4;
	}
	return 0;
}

/*
 * Ask OpenCC for the t2s form of every code point of the ranges, one
 * character a line (OpenCC's phrases never span a newline, so each line
 * gets its character-table conversion), and keep the one-to-one changes
 * as (from, to) pairs in code point order.
 */
static int
convert_ranges(const uint32_t (*ranges)[2], size_t nranges,
	       uint32_t (**pairs)[2], size_t *npairs, struct td_err *err)
{
	struct td_buf in = TD_BUF_INIT;
	size_t apairs = 0, i;
	opencc_t cc;
	char *out = NULL;
	const char *p, *q;
	int rc = 0;

	*pairs = NULL;
	*npairs = 0;
	cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	if (cc == (opencc_t)-1)
		return td_errf(err, TD_EIO,
			       "cannot open OpenCC's %s (is libopencc-data "
			       "installed?)",
			       OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	for (i = 0; i < nranges; i++) {
		uint32_t c;

		for (c = ranges[i][0]; c <= ranges[i][1]; c++) {
			char u[4];

			td_buf_add(&in, u, put_utf8(u, c));
			td_buf_addch(&in, '\n');
		}
	}
	out = opencc_convert_utf8(cc, in.data, in.len);
	if (!out) {
		rc = td_errf(err, TD_ERROR, "OpenCC failed to convert");
		goto out;
	}
	p = in.data;
	q = out;
	while (*p && *q) {
		const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
		uint32_t a, b;
		size_t la, lb;

		if (!pe || !qe)
			break;
		la = get_utf8((const unsigned char *)p, (size_t)(pe - p), &a);
		lb = get_utf8((const unsigned char *)q, (size_t)(qe - q), &b);
		/* Keep one-to-one changes only. */
		if (la && lb && la == (size_t)(pe - p) &&
		    lb == (size_t)(qe - q) && a != b) {
			TD_GROW(*pairs, *npairs + 1, apairs);
			(*pairs)[*npairs][0] = a;
			(*pairs)[(*npairs)++][1] = b;
		}
		p = pe + 1;
		q = qe + 1;
	}
out:
	if (out)
		opencc_convert_utf8_free(out);
	opencc_close(cc);
	td_buf_release(&in);
	return rc;
}

/* The BMP ideographs, at setup: a bitmap with ranks. */
static int
build_t2s(struct td_err *err)
{
	static const uint32_t ranges[][2] = {
		{0x3400, 0x4DBF},
		{0x4E00, 0x9FFF},
	};
	uint32_t(*bmp)[2] = NULL;
	size_t nbmp = 0, i;
	uint32_t sum = 0, w;
	int rc;

	rc = convert_ranges(ranges, TD_ARRAY_LEN(ranges), &bmp, &nbmp, err);
	if (rc < 0)
		return rc;
	/* The input was in code point order, so the list is sorted. */
	t2s_dst = td_xmalloc((nbmp ? nbmp : 1) * sizeof(*t2s_dst));
	for (i = 0; i < nbmp; i++) {
		uint32_t off = bmp[i][0] - T2S_LO;

		t2s_bits[off / 64] |= (uint64_t)1 << (off % 64);
		t2s_dst[i] = bmp[i][1];
	}
	for (w = 0; w < T2S_WORDS; w++) {
		t2s_rank[w] = (uint16_t)sum;
		sum += (uint32_t)__builtin_popcountll(t2s_bits[w]);
	}
	free(bmp);
	return 0;
}

/*
 * The supplementary planes' ideographs, on first use: 70% of the code
 * points to convert, a few hundred changes, and rare in listings, so a
 * scan need not wait for them. A failure here (OpenCC opened at setup)
 * leaves them unchanged.
 */
static void
build_supp(void)
{
	static const uint32_t ranges[][2] = {
		{0x20000, 0x2A6DF},
		{0x2A700, 0x2EBEF},
		{0x30000, 0x3134F},
	};
	uint32_t(*pairs)[2] = NULL;
	size_t n = 0;

	if (convert_ranges(ranges, TD_ARRAY_LEN(ranges), &pairs, &n, NULL) ==
	    0) {
		t2s_pairs = pairs;
		t2s_npairs = n;
	}
}

/* ---- per-character tables ----------------------------------------- */

/*
 * What one code point becomes: up to MAP_MAX code points, each with its
 * class in the top byte (cp | cls << 24), and flags.
 */
#define MAP_MAX 24

static int
cls_of(uint32_t cp)
{
	if (td_text_is_cjk(cp))
		return CLS_CJK;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return CLS_WORD;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF:
		return CLS_NONE;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return CLS_SPACE;
	case UTF8PROC_CATEGORY_PD:
		return CLS_HYPHEN;
	default:
		return CLS_PUNCT;
	}
}

static utf8proc_ssize_t
decompose(uint32_t cp, int strip, int compat, utf8proc_int32_t *buf)
{
	utf8proc_option_t o =
		UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
	int bc = 0;

	if (strip)
		o |= UTF8PROC_STRIPMARK;
	if (compat)
		o |= UTF8PROC_COMPAT;
	return utf8proc_decompose_char((utf8proc_int32_t)cp, buf, MAP_MAX, o,
				       &bc);
}

/*
 * Map cp (not ASCII) to its normal form. Returns the number of code
 * points in out (0: dropped) and sets *flags; a dropped combining mark
 * sets TD_TEXT_K_MARK, a dropped format character TD_TEXT_K_ZW.
 */
static size_t
map_cp(uint32_t cp, uint32_t *out, unsigned *flags)
{
	utf8proc_int32_t a[MAP_MAX], b[MAP_MAX], c[MAP_MAX];
	utf8proc_ssize_t n, nb, nc, i;
	size_t k = 0;
	int h;

	*flags = 0;
	if ((h = homoglyph(cp))) {
		out[0] = (uint32_t)h | (uint32_t)CLS_WORD << 24;
		*flags = TD_TEXT_K_HOMOGLYPH;
		return 1;
	}
	if (td_text_is_cjk(cp) && !(cp >= 0xF900 && cp <= 0xFAFF)) {
		uint32_t s = is_han(cp) ? td_text_t2s(cp) : cp;

		if (s != cp)
			*flags = TD_TEXT_K_TRAD;
		out[0] = s | (uint32_t)CLS_CJK << 24;
		return 1;
	}
	n = decompose(cp, 1, 1, a);
	if (n < 0 || n > MAP_MAX) {
		out[0] = 0xFFFD | (uint32_t)CLS_PUNCT << 24;
		return 1;
	}
	if (n == 0) {
		int cat = utf8proc_category((utf8proc_int32_t)cp);

		*flags = (cat == UTF8PROC_CATEGORY_MN ||
			  cat == UTF8PROC_CATEGORY_MC ||
			  cat == UTF8PROC_CATEGORY_ME)
				 ? TD_TEXT_K_MARK
				 : TD_TEXT_K_ZW;
		return 0;
	}
	nb = decompose(cp, 1, 0, b);
	if (nb != n || memcmp(a, b, (size_t)n * sizeof(*a)) != 0)
		*flags |= TD_TEXT_K_WIDTH;
	nc = decompose(cp, 0, 1, c);
	if (nc != n || memcmp(a, c, (size_t)n * sizeof(*a)) != 0)
		*flags |= TD_TEXT_K_MARK;
	for (i = 0; i < n; i++) {
		uint32_t o = (uint32_t)a[i];
		int cls;

		if ((h = homoglyph(o))) {
			*flags |= TD_TEXT_K_HOMOGLYPH;
			o = (uint32_t)h;
		} else if (is_han(o)) {
			uint32_t s = td_text_t2s(o);

			if (s != o)
				*flags |= TD_TEXT_K_TRAD;
			o = s;
		}
		cls = o < 0x80 ? -1 : cls_of(o);
		if (cls == CLS_NONE)
			continue;
		if (cls < 0) {
			/* ASCII from a decomposition: classify as ASCII. */
			if ((o | 0x20) >= 'a' && (o | 0x20) <= 'z')
				cls = CLS_WORD;
			else if (o >= '0' && o <= '9')
				cls = CLS_WORD;
			else if (o <= ' ' || o == 0x7F)
				cls = CLS_SPACE;
			else if (o == '-')
				cls = CLS_HYPHEN;
			else
				cls = CLS_PUNCT;
		}
		out[k++] = o | (uint32_t)cls << 24;
	}
	if (k == 0 && !*flags)
		*flags = TD_TEXT_K_ZW;
	return k;
}

/*
 * Precomputed map_cp() for U+0080..U+33FF and U+FF00..U+FFEF: entry =
 * pool offset (16 bits) | count << 16 | flags index << 24. Flags are
 * packed into a byte: see FL_*.
 */
#define CTAB_HI 0x3400u
#define FTAB_LO 0xFF00u
#define FTAB_HI 0xFFF0u
static uint32_t ctab[CTAB_HI];
static uint32_t ftab[FTAB_HI - FTAB_LO];
static uint32_t *pool;
static size_t npool, apool;

static const uint16_t flag_unpack[] = {
	0,
	TD_TEXT_K_HOMOGLYPH,
	TD_TEXT_K_WIDTH,
	TD_TEXT_K_TRAD,
	TD_TEXT_K_MARK,
	TD_TEXT_K_ZW,
	TD_TEXT_K_WIDTH | TD_TEXT_K_MARK,
	TD_TEXT_K_WIDTH | TD_TEXT_K_HOMOGLYPH,
	TD_TEXT_K_MARK | TD_TEXT_K_HOMOGLYPH,
	TD_TEXT_K_WIDTH | TD_TEXT_K_TRAD,
	TD_TEXT_K_WIDTH | TD_TEXT_K_MARK | TD_TEXT_K_HOMOGLYPH,
};

static uint32_t
table_entry(uint32_t cp)
{
	uint32_t out[MAP_MAX];
	unsigned flags, fi;
	size_t n = map_cp(cp, out, &flags), off = npool;

	for (fi = 0; fi < TD_ARRAY_LEN(flag_unpack); fi++)
		if (flag_unpack[fi] == flags)
			break;
	if (fi == TD_ARRAY_LEN(flag_unpack))
		return 0xFFFFFFFF; /* not tabulated: map at run time */
	TD_GROW(pool, npool + n + 1, apool);
	memcpy(pool + npool, out, n * sizeof(*out));
	npool += n;
	if (off > 0xFFFF)
		return 0xFFFFFFFF;
	return (uint32_t)off | (uint32_t)n << 16 | fi << 24;
}

static void
build_tables(void)
{
	uint32_t cp;

	for (cp = 0x80; cp < CTAB_HI; cp++)
		ctab[cp] = (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFFFFFF
							  : table_entry(cp);
	for (cp = FTAB_LO; cp < FTAB_HI; cp++)
		ftab[cp - FTAB_LO] = table_entry(cp);
}

/* ---- ASCII ----------------------------------------------------------- */

/*
 * Per ASCII byte: the class, the norm byte and the key byte. Letters are
 * lower-cased; in the key, i becomes l and the digits 0 1 3 5 read as
 * o l e s.
 */
static unsigned char asc_cls[128];
static char asc_norm[128];
static char asc_key[128];
static uint16_t asc_info[128];       /* TD_TEXT_K_DIGIT and _LEET bits */
static uint16_t asc_linfo[128];      /* the same with TD_TEXT_K_LEAD */
static unsigned char asc_plain[256]; /* 1: an ASCII letter or digit */
static const unsigned char asc_pend[] = {
	[CLS_SPACE] = P_SPACE,
	[CLS_HYPHEN] = P_HYPHEN,
	[CLS_PUNCT] = P_PUNCT,
	[CLS_SPECIAL] = P_PUNCT,
};

static void
build_ascii(void)
{
	int c;

	for (c = 0; c < 128; c++) {
		asc_norm[c] = (char)c;
		asc_key[c] = (char)c;
		if (c <= ' ' || c == 0x7F) {
			asc_cls[c] = CLS_SPACE;
			asc_norm[c] = ' ';
		} else if (c >= 'A' && c <= 'Z') {
			asc_cls[c] = CLS_WORD;
			asc_norm[c] = asc_key[c] = (char)(c + 32);
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			asc_cls[c] = CLS_WORD;
		} else if (c == '-') {
			asc_cls[c] = CLS_HYPHEN;
		} else if (c == '@' || c == '$' || c == '|') {
			asc_cls[c] = CLS_SPECIAL;
		} else {
			asc_cls[c] = CLS_PUNCT;
		}
	}
	asc_key['i'] = asc_key['I'] = 'l';
	asc_key['0'] = 'o';
	asc_key['1'] = 'l';
	asc_key['3'] = 'e';
	asc_key['5'] = 's';
	asc_key['@'] = 'a';
	asc_key['$'] = 's';
	asc_key['|'] = 'l';
	for (c = 0; c < 128; c++) {
		asc_plain[c] = asc_cls[c] == CLS_WORD;
		if (c >= '0' && c <= '9')
			asc_info[c] |= TD_TEXT_K_DIGIT;
		if ((unsigned char)asc_key[c] != c && !(c >= 'A' && c <= 'Z') &&
		    c != 'i')
			asc_info[c] |= TD_TEXT_K_LEET;
		asc_linfo[c] = asc_info[c] | TD_TEXT_K_LEAD;
	}
}

static int
is_alpha(int c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/*
 * @ $ | inside a word read as a letter: @ and | when a run of them has a
 * letter or digit on both sides and a letter on one ("ch@nel", "r@5ino",
 * "br@@ndo"); $ next to a letter unless a digit follows ("$upreme", not
 * "$500"). Elsewhere they are separators.
 */
static int
special_class(const unsigned char *s, size_t len, size_t i)
{
	size_t a = i, b = i + 1;
	int p, nx;

	while (a > 0 && asc_cls[s[a - 1] & 0x7F] == CLS_SPECIAL &&
	       s[a - 1] < 0x80)
		a--;
	while (b < len && s[b] < 0x80 && asc_cls[s[b]] == CLS_SPECIAL)
		b++;
	p = a > 0 ? s[a - 1] : 0;
	nx = b < len ? s[b] : 0;
	if (s[i] == '$') {
		int before = i > 0 ? s[i - 1] : 0;
		int after = i + 1 < len ? s[i + 1] : 0;

		return (is_alpha(before) || is_alpha(after)) &&
				       !(after >= '0' && after <= '9')
			       ? CLS_WORD
			       : CLS_PUNCT;
	}
	return is_alnum(p) && is_alnum(nx) && (is_alpha(p) || is_alpha(nx))
		       ? CLS_WORD
		       : CLS_PUNCT;
}

/* ---- setup ------------------------------------------------------------ */

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static struct td_err setup_err;
static int setup_rc;

static void
setup(void)
{
	build_ascii();
	setup_rc = build_t2s(&setup_err);
	build_tables();
}

int
td_text_setup(struct td_err *err)
{
	pthread_once(&setup_once, setup);
	if (setup_rc < 0)
		return td_errf(err, setup_rc, "%s", setup_err.msg);
	return 0;
}

/* ---- struct td_text ------------------------------------------------- */

void
td_text_init(struct td_text *t)
{
	memset(t, 0, sizeof(*t));
}

void
td_text_release(struct td_text *t)
{
	free(t->key);
	free(t->info);
	free(t->key_start);
	free(t->key_end);
	free(t->norm);
	free(t->norm_start);
	free(t->norm_end);
	free(t->brk);
	td_text_init(t);
}

static void
grow_key(struct td_text *t, size_t want)
{
	size_t n = t->key_alloc ? t->key_alloc : 256;

	while (n < want)
		n *= 2;
	t->key = td_xrealloc(t->key, n + 1 + TD_TEXT_SLACK);
	t->info = td_xrealloc(t->info, n * sizeof(*t->info));
	t->key_start = td_xrealloc(t->key_start, n * sizeof(uint32_t));
	t->key_end = td_xrealloc(t->key_end, n * sizeof(uint32_t));
	t->brk = td_xrealloc(t->brk, n * sizeof(uint32_t));
	t->key_alloc = n;
}

static void
grow_norm(struct td_text *t, size_t want)
{
	size_t n = t->norm_alloc ? t->norm_alloc : 256;

	while (n < want)
		n *= 2;
	t->norm = td_xrealloc(t->norm, n + 1);
	t->norm_start = td_xrealloc(t->norm_start, n * sizeof(uint32_t));
	t->norm_end = td_xrealloc(t->norm_end, n * sizeof(uint32_t));
	t->norm_alloc = n;
}

/* The state of one td_text_normalize() run. */
struct run {
	struct td_text *t;
	int want_norm;
	unsigned pend;   /* P_* separators seen since the last key char */
	unsigned pflags; /* TD_TEXT_K_ZW / _INVALID for the next key char */
	int prev_cjk;    /* the last key char was CJK */
};

static uint16_t
break_bits(struct run *r, int cjk)
{
	uint16_t b = 0;

	if (r->pend || r->prev_cjk || cjk || r->t->key_len == 0) {
		b = TD_TEXT_K_BREAK;
		r->t->brk[r->t->nbrk++] = (uint32_t)r->t->key_len;
		if (r->pend & P_SPACE)
			b |= TD_TEXT_K_SPACE;
		else if (r->pend == P_HYPHEN)
			b |= TD_TEXT_K_HYPHEN;
	}
	r->pend = 0;
	r->prev_cjk = cjk;
	return b;
}

static void
put_norm(struct run *r, uint32_t cp, uint32_t os, uint32_t oe)
{
	struct td_text *t = r->t;
	char u[4];
	size_t n = put_utf8(u, cp), i;

	for (i = 0; i < n; i++) {
		t->norm[t->norm_len] = u[i];
		t->norm_start[t->norm_len] = os;
		t->norm_end[t->norm_len++] = oe;
	}
}

/* Extend the last key and norm characters over a dropped mark. */
static void
extend_last(struct run *r, uint32_t oe)
{
	struct td_text *t = r->t;
	size_t k = t->key_len;

	while (k > 0) {
		k--;
		t->key_end[k] = oe;
		t->info[k] |= TD_TEXT_K_MARK;
		if (t->info[k] & TD_TEXT_K_LEAD)
			break;
	}
	k = t->norm_len;
	while (r->want_norm && k > 0) {
		k--;
		t->norm_end[k] = oe;
		if (((unsigned char)t->norm[k] & 0xC0) != 0x80)
			break;
	}
}

/* Add one normalised non-ASCII-path code point with class cls. */
static void
put_cp(struct run *r, uint32_t cp, int cls, unsigned flags, uint32_t os,
       uint32_t oe)
{
	struct td_text *t = r->t;

	if (r->want_norm)
		put_norm(r, cp, os, oe);
	switch (cls) {
	case CLS_SPACE:
		r->pend |= P_SPACE;
		return;
	case CLS_HYPHEN:
		r->pend |= P_HYPHEN;
		return;
	case CLS_PUNCT:
	case CLS_SPECIAL:
		r->pend |= P_PUNCT;
		return;
	default:
		break;
	}
	{
		uint16_t info = (uint16_t)(break_bits(r, cls == CLS_CJK) |
					   flags | r->pflags | TD_TEXT_K_LEAD);
		char u[4];
		size_t n, i;

		r->pflags = 0;
		if (cls == CLS_CJK)
			info |= TD_TEXT_K_CJK;
		if (cp < 0x80) {
			if (cp >= '0' && cp <= '9')
				info |= TD_TEXT_K_DIGIT;
			if ((uint32_t)(unsigned char)asc_key[cp] != cp &&
			    !is_alpha((int)cp))
				info |= TD_TEXT_K_LEET;
			cp = (unsigned char)asc_key[cp];
		}
		n = put_utf8(u, cp);
		for (i = 0; i < n; i++) {
			t->key[t->key_len] = u[i];
			t->info[t->key_len] = info;
			t->key_start[t->key_len] = os;
			t->key_end[t->key_len++] = oe;
			info &= (uint16_t) ~(TD_TEXT_K_LEAD | TD_TEXT_K_BREAK |
					     TD_TEXT_K_SPACE |
					     TD_TEXT_K_HYPHEN);
		}
	}
}

/* Make room for n more bytes in both views, plus the rest of the input. */
static void
reserve(struct run *r, size_t n)
{
	struct td_text *t = r->t;

	if (t->key_len + n > t->key_alloc)
		grow_key(t, t->key_len + n);
	if (r->want_norm && t->norm_len + n > t->norm_alloc)
		grow_norm(t, t->norm_len + n);
}

static void
put_mapped(struct run *r, const uint32_t *out, size_t n, unsigned flags,
	   uint32_t os, uint32_t oe)
{
	size_t i;

	if (n == 0) {
		if (flags & TD_TEXT_K_MARK)
			extend_last(r, oe);
		else
			r->pflags |= TD_TEXT_K_ZW;
		return;
	}
	for (i = 0; i < n; i++)
		put_cp(r, out[i] & 0xFFFFFF, (int)(out[i] >> 24), flags, os,
		       oe);
}

/*
 * The fast path for the common CJK characters (U+3040..U+9FFF, three
 * UTF-8 bytes): Traditional to Simplified and straight into the key.
 * Returns 0 when the character needs the general path.
 */
static int
cjk_fast(struct run *r, const unsigned char *s, size_t i)
{
	struct td_text *t = r->t;
	uint32_t cp = (uint32_t)(s[i] & 0x0F) << 12 |
		      (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
	uint32_t sc = cp;
	unsigned in;
	size_t k = t->key_len, b;
	char u[3];

	if (cp < 0x3040 || (cp > 0x30FF && cp < 0x3400))
		return 0;
	if (cp >= 0x3400) {
		sc = td_text_t2s(cp);
		if (sc >= 0x10000)
			return 0;
	}
	in = TD_TEXT_K_LEAD | TD_TEXT_K_BREAK | TD_TEXT_K_CJK | r->pflags |
	     (sc != cp ? TD_TEXT_K_TRAD : 0);
	if (r->pend & P_SPACE)
		in |= TD_TEXT_K_SPACE;
	else if (r->pend == P_HYPHEN)
		in |= TD_TEXT_K_HYPHEN;
	r->pend = 0;
	r->pflags = 0;
	r->prev_cjk = 1;
	u[0] = (char)(0xE0 | sc >> 12);
	u[1] = (char)(0x80 | (sc >> 6 & 0x3F));
	u[2] = (char)(0x80 | (sc & 0x3F));
	for (b = 0; b < 3; b++) {
		t->key[k + b] = u[b];
		t->info[k + b] = (uint16_t)in;
		t->key_start[k + b] = (uint32_t)i;
		t->key_end[k + b] = (uint32_t)i + 3;
		in &= ~(unsigned)(TD_TEXT_K_LEAD | TD_TEXT_K_BREAK |
				  TD_TEXT_K_SPACE | TD_TEXT_K_HYPHEN);
	}
	t->key_len = k + 3;
	t->brk[t->nbrk++] = (uint32_t)k;
	if (r->want_norm) {
		for (b = 0; b < 3; b++) {
			t->norm[t->norm_len] = u[b];
			t->norm_start[t->norm_len] = (uint32_t)i;
			t->norm_end[t->norm_len++] = (uint32_t)i + 3;
		}
	}
	return 1;
}

/*
 * Letters and digits after a word's first character, sixteen at a time
 * while 32 input bytes remain: what the byte loop in ascii_run() writes,
 * from vector compares, with whole-vector stores (the key arrays hold
 * the rest of the input from any point of the ASCII path: len - i <=
 * key_alloc - k), and no branch on where the word ends. Key byte k is
 * written for input byte *at; returns the new key length and moves *at
 * past the run.
 */
static size_t
word_run(struct td_text *t, const unsigned char *s, size_t len, size_t *at,
	 size_t k)
{
#ifdef __SSE2__
	size_t i = *at;

	while (i + 32 <= len) {
		__m128i v =
			_mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i la = _mm_sub_epi8(lower, _mm_set1_epi8('a'));
		__m128i alpha =
			_mm_cmpeq_epi8(_mm_min_epu8(la, _mm_set1_epi8(25)), la);
		__m128i dg = _mm_sub_epi8(v, _mm_set1_epi8('0'));
		__m128i digit =
			_mm_cmpeq_epi8(_mm_min_epu8(dg, _mm_set1_epi8(9)), dg);
		unsigned m =
			(unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit));
		unsigned run = (unsigned)__builtin_ctz(~m);
		__m128i x, leet, eq, in, pos;
		int j;

		/* Key: letters lower-cased, then i 0 1 3 5 folded. */
		x = _mm_or_si128(_mm_and_si128(alpha, lower),
				 _mm_andnot_si128(alpha, v));
#define FOLD(from, to)                                                         \
	do {                                                                   \
		eq = _mm_cmpeq_epi8(x, _mm_set1_epi8(from));                   \
		x = _mm_xor_si128(                                             \
			x, _mm_and_si128(                                      \
				   eq, _mm_set1_epi8((char)((from) ^ (to))))); \
	} while (0)
		FOLD('0', 'o');
		leet = eq;
		FOLD('1', 'l');
		leet = _mm_or_si128(leet, eq);
		FOLD('3', 'e');
		leet = _mm_or_si128(leet, eq);
		FOLD('5', 's');
		leet = _mm_or_si128(leet, eq);
		FOLD('i', 'l');
#undef FOLD
		_mm_storeu_si128((__m128i *)(void *)(t->key + k), x);
		/* Info: a character's lead byte, a digit, a folded digit. */
		in = _mm_or_si128(
			_mm_set1_epi8(TD_TEXT_K_LEAD),
			_mm_or_si128(
				_mm_and_si128(digit,
					      _mm_set1_epi8(TD_TEXT_K_DIGIT)),
				_mm_and_si128(leet,
					      _mm_set1_epi8(TD_TEXT_K_LEET))));
		_mm_storeu_si128((__m128i *)(void *)(t->info + k),
				 _mm_unpacklo_epi8(in, _mm_setzero_si128()));
		_mm_storeu_si128((__m128i *)(void *)(t->info + k + 8),
				 _mm_unpackhi_epi8(in, _mm_setzero_si128()));
		/* Spans: byte i + j is [i + j, i + j + 1). */
		pos = _mm_add_epi32(_mm_set1_epi32((int)i),
				    _mm_set_epi32(3, 2, 1, 0));
		for (j = 0; j < 16; j += 4) {
			_mm_storeu_si128(
				(__m128i *)(void *)(t->key_start + k + j), pos);
			pos = _mm_add_epi32(pos, _mm_set1_epi32(1));
			_mm_storeu_si128(
				(__m128i *)(void *)(t->key_end + k + j), pos);
			pos = _mm_add_epi32(pos, _mm_set1_epi32(3));
		}
		i += run;
		k += run;
		if (run < 16)
			break;
	}
	*at = i;
#else
	(void)t;
	(void)s;
	(void)len;
	(void)at;
#endif
	return k;
}

/*
 * The fast path: a run of ASCII bytes, one byte in and at most one out,
 * with the state in registers.
 */
static void
ascii_run(struct run *r, const unsigned char *s, size_t len, size_t *at)
{
	struct td_text *t = r->t;
	char *key = t->key;
	uint16_t *info = t->info;
	uint32_t *ks = t->key_start, *ke = t->key_end, *brk = t->brk;
	size_t i = *at, k = t->key_len, nb = t->nbrk;
	unsigned pend = r->pend, pflags = r->pflags;
	int prev_cjk = r->prev_cjk, want_norm = r->want_norm;
	unsigned c = s[i];

	do {
		int cls = asc_cls[c];

		if (want_norm) {
			t->norm[t->norm_len] = asc_norm[c];
			t->norm_start[t->norm_len] = (uint32_t)i;
			t->norm_end[t->norm_len++] = (uint32_t)i + 1;
		}
		if (cls == CLS_SPECIAL)
			cls = special_class(s, len, i);
		if (cls == CLS_WORD) {
			unsigned in = TD_TEXT_K_LEAD | pflags | asc_info[c];

			if (pend | (unsigned)prev_cjk | (k == 0)) {
				in |= TD_TEXT_K_BREAK;
				brk[nb++] = (uint32_t)k;
				if (pend & P_SPACE)
					in |= TD_TEXT_K_SPACE;
				else if (pend == P_HYPHEN)
					in |= TD_TEXT_K_HYPHEN;
			}
			pend = 0;
			pflags = 0;
			prev_cjk = 0;
			key[k] = asc_key[c];
			info[k] = (uint16_t)in;
			ks[k] = (uint32_t)i;
			ke[k++] = (uint32_t)i + 1;
			i++;
			/* The rest of the word: letters and digits. */
			if (!want_norm) {
				k = word_run(t, s, len, &i, k);
				while (i < len && asc_plain[c = s[i]]) {
					key[k] = asc_key[c];
					info[k] = asc_linfo[c];
					ks[k] = (uint32_t)i;
					ke[k++] = (uint32_t)++i;
				}
			}
			continue; /* to the loop test, which reads s[i] */
		} else {
			pend |= asc_pend[cls];
		}
		i++;
	} while (i < len && (c = s[i]) < 0x80);
	t->key_len = k;
	t->nbrk = nb;
	r->pend = pend;
	r->pflags = pflags;
	r->prev_cjk = prev_cjk;
	*at = i;
}

int
td_text_normalize(struct td_text *t, const char *str, size_t len,
		  unsigned flags, struct td_err *err)
{
	const unsigned char *s = (const unsigned char *)str;
	struct run r = {t, 0, 0, 0, 0};
	size_t i = 0;
	int rc;

	if ((rc = td_text_setup(err)) < 0)
		return rc;
	if (len > TD_TEXT_MAX)
		return td_errf(err, TD_ETOOBIG,
			       "text of %zu bytes is over the limit", len);
	r.want_norm = (flags & TD_TEXT_WANT_NORM) != 0;
	t->key_len = 0;
	t->nbrk = 0;
	t->norm_len = 0;
	t->invalid = 0;
	if (t->key_alloc < len + 8)
		grow_key(t, len + 8);
	if (r.want_norm && t->norm_alloc < len + 8)
		grow_norm(t, len + 8);
	else if (!r.want_norm && t->norm)
		t->norm[0] = '\0';
	while (i < len) {
		unsigned c = s[i];
		uint32_t cp, out[MAP_MAX];
		unsigned fl;
		size_t n;

		if (c < 0x80) {
			ascii_run(&r, s, len, &i);
			continue;
		}
		if (c >= 0xE3 && c <= 0xE9 && i + 2 < len &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
		    cjk_fast(&r, s, i)) {
			/* Three bytes in, three out: no room to make. */
			i += 3;
			continue;
		}
		n = get_utf8(s + i, len - i, &cp);
		if (n == 0) {
			/* Invalid: one U+FFFD per byte, a separator. */
			reserve(&r, 4 + len - i);
			t->invalid++;
			r.pflags |= TD_TEXT_K_INVALID;
			put_cp(&r, 0xFFFD, CLS_PUNCT, 0, (uint32_t)i,
			       (uint32_t)i + 1);
			i++;
			continue;
		}
		if (is_han(cp)) {
			uint32_t sc = td_text_t2s(cp);

			reserve(&r, 4 + len - i);
			put_cp(&r, sc, CLS_CJK, sc != cp ? TD_TEXT_K_TRAD : 0,
			       (uint32_t)i, (uint32_t)(i + n));
			i += n;
			continue;
		}
		if (cp < CTAB_HI || (cp >= FTAB_LO && cp < FTAB_HI)) {
			uint32_t e =
				cp < CTAB_HI ? ctab[cp] : ftab[cp - FTAB_LO];

			if (e != 0xFFFFFFFF) {
				size_t cnt = e >> 16 & 0xFF;

				reserve(&r, cnt * 4 + 4 + len - i);
				put_mapped(&r, pool + (e & 0xFFFF), cnt,
					   flag_unpack[e >> 24], (uint32_t)i,
					   (uint32_t)(i + n));
				i += n;
				continue;
			}
		}
		fl = 0;
		{
			size_t cnt = map_cp(cp, out, &fl);

			reserve(&r, cnt * 4 + 4 + len - i);
			put_mapped(&r, out, cnt, fl, (uint32_t)i,
				   (uint32_t)(i + n));
		}
		i += n;
	}
	/* Room for a reader to load 8 bytes at any key offset. */
	if (t->key_alloc < t->key_len + 8)
		grow_key(t, t->key_len + 8);
	t->key[t->key_len] = '\0';
	if (r.want_norm)
		t->norm[t->norm_len] = '\0';
	return 0;
}

void
td_text_key_span(const struct td_text *t, size_t ks, size_t ke, size_t *start,
		 size_t *end)
{
	*start = t->key_start[ks];
	*end = t->key_end[ke - 1];
}

int
td_text_norm_string(const char *s, size_t len, struct td_buf *out,
		    struct td_err *err)
{
	struct td_text t = TD_TEXT_INIT;
	int rc = td_text_normalize(&t, s, len, TD_TEXT_WANT_NORM, err);

	if (rc == 0)
		td_buf_add(out, t.norm, t.norm_len);
	td_text_release(&t);
	return rc;
}

int
td_text_norm_add(struct td_text *t, const char *s, size_t len,
		 struct td_buf *out, struct td_err *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	int rc;

	if (!len)
		return 0;
	for (i = 0; i < len && u[i] < 0x80; i++)
		;
	if (i == len && len <= TD_TEXT_MAX) {
		if ((rc = td_text_setup(err)) < 0)
			return rc;
		if ((rc = td_buf_grow(out, len)) < 0)
			return rc;
		for (i = 0; i < len; i++)
			out->data[out->len + i] = asc_norm[u[i]];
		td_buf_setlen(out, out->len + len);
		return 0;
	}
	rc = td_text_normalize(t, s, len, TD_TEXT_WANT_NORM, err);
	if (rc == 0)
		rc = td_buf_add(out, t->norm, t->norm_len);
	return rc;
}

int
td_text_key_string(const char *s, size_t len, struct td_buf *out,
		   struct td_err *err)
{
	struct td_text t = TD_TEXT_INIT;
	int rc = td_text_normalize(&t, s, len, 0, err);

	if (rc == 0)
		td_buf_add(out, t.key, t.key_len);
	td_text_release(&t);
	return rc;
}
