/*
 * NDJSON lines: a strict streaming parser for the listing object, and the
 * same through jansson (TD_FEED_JANSSON) as a reference.
 *
 * The parser follows RFC 8259: no comments, no trailing commas, no
 * single quotes, strings valid UTF-8 without raw control characters,
 * \u escapes with proper surrogate pairs. It builds no tree: known
 * fields are decoded into the reader's arena, unknown ones are skipped
 * (nested up to JSON_DEPTH). A key given twice is an error.
 */
#include <jansson.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/feed_int.h"
#include "core/util.h"
#include "core/banned.h"

#define JSON_DEPTH 32

struct jp {
	struct td_feed *r; /* the reader */
	char *s;           /* line start (the reader's buffer: writable) */
	char *p;           /* position */
	char *end;         /* line end */
	int field;         /* field being parsed, for messages, or -1 */
};

static int
jerr(struct jp *j, const char *what)
{
	return feed_errf(j->r, j->field, 1, "invalid JSON at byte %zu: %s",
			 (size_t)(j->p - j->s) + 1, what);
}

static void
ws_skip(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

/* Feeds are mostly compact: JSON white space is below '!'. */
static inline void
ws(struct jp *j)
{
	if (j->p < j->end && (unsigned char)*j->p <= ' ')
		ws_skip(j);
}

static const char *
type_name(char c)
{
	switch (c) {
	case '"':
		return "a string";
	case '{':
		return "an object";
	case '[':
		return "an array";
	case 't':
	case 'f':
		return "a boolean";
	case 'n':
		return "null";
	default:
		return "a number";
	}
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/*
 * Parse a string at j->p (on the quote). With out, decode it into the
 * arena; without, just skip it. Returns 0 or an error.
 */
static int
string(struct jp *j, char **out, size_t *outlen)
{
	char *p = ++j->p, *start = p;
	int escapes = 0, high = 0;
	char *o;
	size_t n = 0;

	/* Pass 1: find the end and what the string holds. */
	for (;;) {
		unsigned char c;

#ifdef __SSE2__
		/* Sixteen bytes at a time up to a quote, a backslash or a
		 * control character; note bytes over 0x7F for UTF-8. */
		while (j->end - p >= 16) {
			__m128i v = _mm_loadu_si128(
				(const __m128i *)(const void *)p);
			__m128i stop = _mm_or_si128(
				_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
			/* Signed: 0x00..0x1F are below 0x20, 0x80.. below 0. */
			__m128i ctl = _mm_and_si128(
				_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
				_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(stop, ctl));

			high |= _mm_movemask_epi8(v) != 0;
			if (m) {
				p += __builtin_ctz(m);
				break;
			}
			p += 16;
		}
#endif
		if (p >= j->end) {
			j->p = p;
			return jerr(j, "string not closed");
		}
		c = (unsigned char)*p;
		if (c == '"')
			break;
		if (c == '\\') {
			escapes = 1;
			p += 2;
			continue;
		}
		if (c < 0x20) {
			j->p = p;
			return jerr(j, "control character in a string");
		}
		high |= c >= 0x80;
		p++;
	}
	if (p > j->end) {
		j->p = j->end;
		return jerr(j, "string not closed");
	}
	if (high && !feed_utf8_ok(start, (size_t)(p - start))) {
		j->p = start;
		return feed_errf(j->r, j->field, 1, "not valid UTF-8");
	}
	j->p = p + 1;
	if (!escapes) {
		/* Use it where it is: the closing quote becomes its NUL. */
		if (out) {
			*p = '\0';
			*out = start;
			*outlen = (size_t)(p - start);
		}
		return 0;
	}
	o = out ? feed_alloc(j->r, (size_t)(p - start) + 1) : NULL;
	/* Pass 2: decode the escapes. */
	{
		char *q = start;

		while (q < p) {
			unsigned u, lo;

			if (*q != '\\') {
				if (o)
					o[n] = *q;
				n++;
				q++;
				continue;
			}
			q++;
			switch (*q) {
			case '"':
			case '\\':
			case '/':
				u = (unsigned char)*q;
				break;
			case 'b':
				u = '\b';
				break;
			case 'f':
				u = '\f';
				break;
			case 'n':
				u = '\n';
				break;
			case 'r':
				u = '\r';
				break;
			case 't':
				u = '\t';
				break;
			case 'u':
				if (p - q < 5 || hex4(q + 1, &u) < 0) {
					j->p = q;
					return jerr(j, "bad \\u escape");
				}
				q += 4;
				if (u >= 0xDC00 && u <= 0xDFFF) {
					j->p = q;
					return jerr(j, "lone low surrogate");
				}
				if (u >= 0xD800 && u <= 0xDBFF) {
					if (p - q < 7 || q[1] != '\\' ||
					    q[2] != 'u' ||
					    hex4(q + 3, &lo) < 0 ||
					    lo < 0xDC00 || lo > 0xDFFF) {
						j->p = q;
						return jerr(
							j,
							"lone high surrogate");
					}
					u = 0x10000 + ((u - 0xD800) << 10) +
					    (lo - 0xDC00);
					q += 6;
				}
				if (u == 0) {
					j->p = q;
					return feed_errf(
						j->r, j->field, 1,
						"contains a NUL character");
				}
				break;
			default:
				j->p = q;
				return jerr(j, "bad escape");
			}
			q++;
			if (!o) {
				n++;
				continue;
			}
			if (u < 0x80) {
				o[n++] = (char)u;
			} else if (u < 0x800) {
				o[n++] = (char)(0xC0 | u >> 6);
				o[n++] = (char)(0x80 | (u & 0x3F));
			} else if (u < 0x10000) {
				o[n++] = (char)(0xE0 | u >> 12);
				o[n++] = (char)(0x80 | (u >> 6 & 0x3F));
				o[n++] = (char)(0x80 | (u & 0x3F));
			} else {
				o[n++] = (char)(0xF0 | u >> 18);
				o[n++] = (char)(0x80 | (u >> 12 & 0x3F));
				o[n++] = (char)(0x80 | (u >> 6 & 0x3F));
				o[n++] = (char)(0x80 | (u & 0x3F));
			}
		}
	}
	if (o) {
		o[n] = '\0';
		*out = o;
		*outlen = n;
	}
	return 0;
}

/* A number: its text span, checked by feed_parse_number later. */
static int
number(struct jp *j, char **s, size_t *n)
{
	char *p = j->p;

	while (p < j->end && ((*p >= '0' && *p <= '9') || *p == '-' ||
			      *p == '+' || *p == '.' || *p == 'e' || *p == 'E'))
		p++;
	*s = j->p;
	*n = (size_t)(p - j->p);
	if (!*n)
		return jerr(j, "unexpected character");
	j->p = p;
	return 0;
}

static int
literal(struct jp *j)
{
	static const char *const words[] = {"null", "true", "false"};
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(words); i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(j->end - j->p) >= n &&
		    memcmp(j->p, words[i], n) == 0) {
			j->p += n;
			return 0;
		}
	}
	return jerr(j, "unexpected character");
}

static int
skip_value(struct jp *j, int depth)
{
	char *s;
	size_t n;
	double v;
	int is_int;

	if (j->p >= j->end)
		return jerr(j, "value missing");
	if (depth > JSON_DEPTH)
		return jerr(j, "nested too deep");
	switch (*j->p) {
	case '"':
		return string(j, NULL, NULL);
	case '{':
	case '[': {
		char close = *j->p == '{' ? '}' : ']';
		int obj = close == '}', first = 1, rc;

		j->p++;
		for (;;) {
			ws(j);
			if (j->p < j->end && *j->p == close && first) {
				j->p++;
				return 0;
			}
			if (obj) {
				if (j->p >= j->end || *j->p != '"')
					return jerr(j, "expected a key");
				if ((rc = string(j, NULL, NULL)) < 0)
					return rc;
				ws(j);
				if (j->p >= j->end || *j->p != ':')
					return jerr(j, "expected ':'");
				j->p++;
				ws(j);
			}
			if ((rc = skip_value(j, depth + 1)) < 0)
				return rc;
			ws(j);
			first = 0;
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				return 0;
			}
			return jerr(j, obj ? "expected ',' or '}'"
					   : "expected ',' or ']'");
		}
	}
	case 't':
	case 'f':
	case 'n':
		return literal(j);
	default:
		if (number(j, &s, &n) < 0)
			return -1;
		if (feed_parse_number(s, n, &v, &is_int) < 0) {
			j->p = s;
			return jerr(j, "bad number");
		}
		return 0;
	}
}

/* A string field: a string or null. id may also be a whole number. */
static int
string_field(struct jp *j, int field)
{
	char *s;
	size_t n;
	int rc;

	if (*j->p == '"') {
		if ((rc = string(j, &s, &n)) < 0)
			return rc;
		return feed_set_string(j->r, field, s, n, FEED_JSON_KEEP, NULL);
	}
	if (*j->p == 'n')
		return literal(j) < 0 ? -1 : 0;
	if (field == F_ID && (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))) {
		char *t;
		double v;
		int is_int;

		if (number(j, &t, &n) < 0)
			return -1;
		if (feed_parse_number(t, n, &v, &is_int) < 0 || !is_int) {
			j->p = t;
			return feed_errf(j->r, field, 1,
					 "must be a string or a whole number");
		}
		return feed_set_string(j->r, field, t, n, 1, NULL);
	}
	return feed_errf(j->r, field, 1, "must be a string, not %s",
			 type_name(*j->p));
}

static int
number_field(struct jp *j, int field)
{
	char *t;
	size_t n;
	double v;
	int is_int;

	if (*j->p == 'n')
		return literal(j) < 0 ? -1 : 0;
	if (!(*j->p == '-' || (*j->p >= '0' && *j->p <= '9')))
		return feed_errf(j->r, field, 1, "must be a number, not %s",
				 type_name(*j->p));
	if (number(j, &t, &n) < 0)
		return -1;
	if (feed_parse_number(t, n, &v, &is_int) < 0) {
		j->p = t;
		return jerr(j, "bad number");
	}
	if (field == F_SALES) {
		if (!is_int)
			return feed_errf(j->r, field, 1,
					 "must be a whole number");
		return feed_set_sales(j->r, v, 1);
	}
	return feed_set_price(j->r, v, 1);
}

static int
array_field(struct jp *j, int field)
{
	struct td_feed *r = j->r;
	const char **items = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (*j->p == 'n')
		return literal(j) < 0 ? -1 : 0;
	if (*j->p != '[')
		return feed_errf(r, field, 1, "must be an array, not %s",
				 type_name(*j->p));
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return feed_set_list(r, field, NULL, 0, 1);
	}
	for (;;) {
		char *s;
		size_t len;

		if (j->p >= j->end)
			return jerr(j, "array not closed");
		if (*j->p != '"')
			return feed_errf(r, field, 1,
					 "items must be strings, not %s",
					 type_name(*j->p));
		if ((rc = string(j, &s, &len)) < 0)
			return rc;
		if (n == cap) {
			const char **bigger;

			cap = cap ? cap * 2 : 8;
			bigger = feed_alloc(r, cap * sizeof(*bigger));
			if (n)
				memcpy(bigger, items, n * sizeof(*items));
			items = bigger;
		}
		items[n++] = s;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			break;
		}
		return jerr(j, "expected ',' or ']'");
	}
	return feed_set_list(r, field, items, n, 1);
}

/* The key at p (on its quote) when it is name as written: its bytes with
 * both quotes, else 0. */
static size_t
key_at(const char *p, const char *end, const char *name, size_t n)
{
	size_t i;

	if ((size_t)(end - p) < n + 2 || p[1] != name[0] || p[n + 1] != '"')
		return 0;
	for (i = 1; i < n; i++)
		if (p[i + 1] != name[i])
			return 0;
	return n + 2;
}

static int
seller_object(struct jp *j)
{
	static const char *const keys[] = {"id",    "name",    "phone",
					   "email", "address", "company"};
	static const size_t lens[] = {2, 4, 5, 5, 7, 7};
	int seen[TD_ARRAY_LEN(keys)] = {0}, rc;

	if (*j->p == 'n')
		return literal(j) < 0 ? -1 : 0;
	if (*j->p != '{')
		return feed_errf(j->r, F_SELLER, 1, "must be an object, not %s",
				 type_name(*j->p));
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		char *k;
		size_t kl, i;

		j->field = F_SELLER;
		if (j->p >= j->end || *j->p != '"')
			return jerr(j, "expected a key");
		/* A known key as written, else any string. */
		for (i = 0; i < TD_ARRAY_LEN(keys); i++)
			if ((kl = key_at(j->p, j->end, keys[i], lens[i])) > 0)
				break;
		if (i < TD_ARRAY_LEN(keys)) {
			j->p += kl;
		} else {
			if ((rc = string(j, &k, &kl)) < 0)
				return rc;
			for (i = 0; i < TD_ARRAY_LEN(keys); i++)
				if (strlen(keys[i]) == kl &&
				    memcmp(keys[i], k, kl) == 0)
					break;
		}
		ws(j);
		if (j->p >= j->end || *j->p != ':')
			return jerr(j, "expected ':'");
		j->p++;
		ws(j);
		if (j->p >= j->end)
			return jerr(j, "value missing");
		if (i < TD_ARRAY_LEN(keys)) {
			int f = F_SELLER_ID + (int)i;

			if (seen[i]++)
				return feed_errf(j->r, f, 1, "given twice");
			j->field = f;
			rc = string_field(j, f);
		} else {
			rc = skip_value(j, 2);
		}
		if (rc < 0)
			return rc;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			ws(j);
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		j->field = F_SELLER;
		return jerr(j, "expected ',' or '}'");
	}
}

int
feed_json_line(struct td_feed *r, char *s, size_t n)
{
	struct jp j = {r, s, s, s + n, -1};
	int rc, prev = -1;

	memset(r->seen, 0, sizeof(r->seen));
	if (*j.p != '{')
		return jerr(&j, "a listing must be a JSON object");
	j.p++;
	ws(&j);
	if (j.p < j.end && *j.p == '}') {
		j.p++;
		goto end;
	}
	for (;;) {
		char *k;
		size_t kl;
		int f;

		j.field = -1;
		if (j.p >= j.end || *j.p != '"')
			return jerr(&j, "expected a key");
		/* Feeds repeat their key order: try the key that followed
		 * the previous one last time, as written, first. */
		f = r->next_key[prev + 1];
		if (f >= 0 && (kl = feed_key_at(f, j.p, j.end)) > 0) {
			j.p += kl;
		} else {
			if ((rc = string(&j, &k, &kl)) < 0)
				return rc;
			f = feed_field_lookup(k, kl, 1);
			r->next_key[prev + 1] = (signed char)f;
		}
		ws(&j);
		if (j.p >= j.end || *j.p != ':')
			return jerr(&j, "expected ':'");
		j.p++;
		ws(&j);
		if (j.p >= j.end)
			return jerr(&j, "value missing");
		prev = f;
		if (f >= 0 && r->seen[f]++)
			return feed_errf(r, f, 1, "given twice");
		j.field = f;
		switch (f) {
		case F_PRICE:
		case F_SALES:
			rc = number_field(&j, f);
			break;
		case F_SHIPS_TO:
		case F_IMAGES:
		case F_IMAGE_PDQ:
			rc = array_field(&j, f);
			break;
		case F_SELLER:
			rc = seller_object(&j);
			break;
		case F_UNKNOWN:
			rc = skip_value(&j, 1);
			break;
		default:
			rc = string_field(&j, f);
			break;
		}
		if (rc < 0)
			return rc;
		j.field = -1;
		ws(&j);
		if (j.p < j.end && *j.p == ',') {
			j.p++;
			ws(&j);
			continue;
		}
		if (j.p < j.end && *j.p == '}') {
			j.p++;
			break;
		}
		return jerr(&j, "expected ',' or '}'");
	}
end:
	ws(&j);
	if (j.p != j.end)
		return jerr(&j, "text after the object");
	return 0;
}

/* ---- jansson ---------------------------------------------------------- */

static const char *
jtype(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

static int
jansson_string(struct td_feed *r, int field, const json_t *v)
{
	char buf[32];

	if (json_is_null(v))
		return 0;
	if (json_is_string(v))
		return feed_set_string(r, field, json_string_value(v),
				       json_string_length(v), 1, NULL);
	if (field == F_ID && json_is_integer(v)) {
		int n = snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
				 json_integer_value(v));

		return feed_set_string(r, field, buf, (size_t)n, 1, NULL);
	}
	return feed_errf(r, field, 1, "must be a string, not %s", jtype(v));
}

int
feed_jansson_line(struct td_feed *r, const char *s, size_t n)
{
	json_error_t je;
	json_t *root, *v;
	const char *key;
	int rc = 0;

	root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return feed_errf(r, -1, 1, "invalid JSON at byte %d: %s",
				 je.position, je.text);
	if (!json_is_object(root)) {
		rc = feed_errf(r, -1, 1, "a listing must be a JSON object");
		goto out;
	}
	json_object_foreach(root, key, v)
	{
		int f = feed_field_lookup(key, strlen(key), 1);

		switch (f) {
		case F_UNKNOWN:
			break;
		case F_PRICE:
		case F_SALES:
			if (json_is_null(v))
				break;
			if (!json_is_number(v)) {
				rc = feed_errf(r, f, 1,
					       "must be a number, not %s",
					       jtype(v));
				break;
			}
			if (f == F_SALES && !json_is_integer(v))
				rc = feed_errf(r, f, 1,
					       "must be a whole number");
			else if (f == F_SALES)
				rc = feed_set_sales(
					r, (double)json_integer_value(v), 1);
			else
				rc = feed_set_price(r, json_number_value(v), 1);
			break;
		case F_SHIPS_TO:
		case F_IMAGES:
		case F_IMAGE_PDQ: {
			const char **items;
			size_t i, cnt;

			if (json_is_null(v))
				break;
			if (!json_is_array(v)) {
				rc = feed_errf(r, f, 1,
					       "must be an array, not %s",
					       jtype(v));
				break;
			}
			cnt = json_array_size(v);
			items = feed_alloc(r, (cnt ? cnt : 1) * sizeof(*items));
			for (i = 0; i < cnt && rc == 0; i++) {
				json_t *it = json_array_get(v, i);

				if (!json_is_string(it))
					rc = feed_errf(r, f, 1,
						       "items must be strings, "
						       "not %s",
						       jtype(it));
				else
					items[i] = feed_strdup(
						r, json_string_value(it),
						json_string_length(it));
			}
			if (rc == 0)
				rc = feed_set_list(r, f, items, cnt, 1);
			break;
		}
		case F_SELLER: {
			const char *sk;
			json_t *sv;

			if (json_is_null(v))
				break;
			if (!json_is_object(v)) {
				rc = feed_errf(r, f, 1,
					       "must be an object, not %s",
					       jtype(v));
				break;
			}
			json_object_foreach(v, sk, sv)
			{
				static const char *const keys[] = {
					"id",    "name",    "phone",
					"email", "address", "company"};
				size_t i;

				for (i = 0; i < TD_ARRAY_LEN(keys); i++)
					if (strcmp(sk, keys[i]) == 0)
						break;
				if (i < TD_ARRAY_LEN(keys))
					rc = jansson_string(
						r, F_SELLER_ID + (int)i, sv);
				if (rc < 0)
					break;
			}
			break;
		}
		default:
			rc = jansson_string(r, f, v);
			break;
		}
		if (rc < 0)
			break;
	}
out:
	json_decref(root);
	return rc;
}
