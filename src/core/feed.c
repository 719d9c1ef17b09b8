/* Listing feeds: the reader, CSV, and field checks (feed.h). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/feed_int.h"
#include "core/util.h"
#include "core/banned.h"

/* Bytes read at a time, on top of the longest line. */
#define FEED_CHUNK ((size_t)64 << 10)
/* First arena block. */
#define ARENA_MIN ((size_t)16 << 10)

#define NAMES(csv, json)                                                       \
	{                                                                      \
		csv, json, sizeof(json) - 1                                    \
	}
static const struct {
	const char *csv;  /* CSV column */
	const char *json; /* JSON name in messages */
	size_t json_len;  /* its bytes */
} field_names[F_NFIELDS] = {
	[F_PLATFORM] = NAMES("platform", "platform"),
	[F_ID] = NAMES("id", "id"),
	[F_URL] = NAMES("url", "url"),
	[F_TITLE] = NAMES("title", "title"),
	[F_DESCRIPTION] = NAMES("description", "description"),
	[F_PRICE] = NAMES("price", "price"),
	[F_CURRENCY] = NAMES("currency", "currency"),
	[F_SELLER_ID] = NAMES("seller_id", "seller.id"),
	[F_SELLER_NAME] = NAMES("seller_name", "seller.name"),
	[F_SELLER_PHONE] = NAMES("seller_phone", "seller.phone"),
	[F_SELLER_EMAIL] = NAMES("seller_email", "seller.email"),
	[F_SELLER_ADDRESS] = NAMES("seller_address", "seller.address"),
	[F_SELLER_COMPANY] = NAMES("seller_company", "seller.company"),
	[F_SHIP_FROM] = NAMES("ship_from", "ship_from"),
	[F_SHIPS_TO] = NAMES("ships_to", "ships_to"),
	[F_SALES] = NAMES("sales", "sales"),
	[F_IMAGES] = NAMES("images", "images"),
	[F_IMAGE_PDQ] = NAMES("image_pdq", "image_pdq"),
	[F_CAPTURED_AT] = NAMES("captured_at", "captured_at"),
	[F_SELLER] = NAMES(NULL, "seller"),
};
#undef NAMES

const char *
feed_field_name(int field, int json)
{
	if (field < 0 || field >= F_NFIELDS)
		return NULL;
	return json ? field_names[field].json : field_names[field].csv;
}

/* Each top-level JSON name with its closing quote, padded with NULs. */
static const char key_pads[F_NFIELDS][16] = {
	[F_PLATFORM] = "platform\"",
	[F_ID] = "id\"",
	[F_URL] = "url\"",
	[F_TITLE] = "title\"",
	[F_DESCRIPTION] = "description\"",
	[F_PRICE] = "price\"",
	[F_CURRENCY] = "currency\"",
	[F_SHIP_FROM] = "ship_from\"",
	[F_SHIPS_TO] = "ships_to\"",
	[F_SALES] = "sales\"",
	[F_IMAGES] = "images\"",
	[F_IMAGE_PDQ] = "image_pdq\"",
	[F_CAPTURED_AT] = "captured_at\"",
	[F_SELLER] = "seller\"",
};

size_t
feed_key_at(int field, const char *p, const char *end)
{
	const char *name = field_names[field].json;
	size_t n = field_names[field].json_len, i;

	/* Names are short: two 8-byte compares when 16 bytes follow the
	 * quote (mid-line, nearly always), else a byte loop. */
	if ((size_t)(end - p) >= 17 && key_pads[field][n] == '"') {
		uint64_t a, b, c, d, m = n + 1;
		uint64_t lo = m >= 8 ? ~0ULL : (1ULL << (8 * m)) - 1;
		uint64_t hi = m > 8 ? (1ULL << (8 * (m - 8))) - 1 : 0;

		memcpy(&a, p + 1, 8);
		memcpy(&b, p + 9, 8);
		memcpy(&c, key_pads[field], 8);
		memcpy(&d, key_pads[field] + 8, 8);
		return ((a ^ c) & lo) | ((b ^ d) & hi) ? 0 : n + 2;
	}
	if ((size_t)(end - p) < n + 2 || p[n + 1] != '"')
		return 0;
	for (i = 0; i < n; i++)
		if (p[i + 1] != name[i])
			return 0;
	return n + 2;
}

int
feed_field_lookup(const char *name, size_t len, int json)
{
	int i;

	if (!len || len > 16)
		return F_UNKNOWN;
	for (i = 0; i < F_NFIELDS; i++) {
		const char *n = json ? field_names[i].json : field_names[i].csv;

		if (json && i >= F_SELLER_ID && i <= F_SELLER_COMPANY)
			continue;
		/* Called for every key of every line: compare cheaply. */
		if (n && n[0] == name[0] &&
		    (json ? field_names[i].json_len : strlen(n)) == len &&
		    memcmp(n, name, len) == 0)
			return i;
	}
	return F_UNKNOWN;
}

/* ---- arena --------------------------------------------------------------- */

void *
feed_alloc(struct td_feed *r, size_t n)
{
	struct arena_block *b = r->arena;
	char *p;

	n = (n + 7) & ~(size_t)7;
	if (!b || b->cap - b->used < n) {
		size_t cap = ARENA_MIN;

		while (cap < n)
			cap *= 2;
		b = td_xmalloc(sizeof(*b) + cap);
		b->cap = cap;
		b->used = 0;
		b->next = r->arena;
		r->arena = b;
	}
	p = (char *)(b + 1) + b->used;
	b->used += n;
	return p;
}

char *
feed_strdup(struct td_feed *r, const char *s, size_t n)
{
	char *p = feed_alloc(r, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * A string for the listing: a string of the own JSON parser is
 * NUL-terminated where the parser left it (in the line, or decoded in
 * the arena) and stays valid until the next listing, so it is used in
 * place; anything else is copied.
 */
static const char *
keep(struct td_feed *r, const char *s, size_t n, int json)
{
	return json == FEED_JSON_KEEP && s[n] == '\0' ? s
						      : feed_strdup(r, s, n);
}

/* Keep one block, as large as all of them were, for the next listing. */
void
feed_arena_reset(struct td_feed *r)
{
	struct arena_block *b = r->arena, *next;
	size_t total = 0;

	if (!b)
		return;
	if (!b->next) {
		b->used = 0;
		return;
	}
	for (; b; b = next) {
		next = b->next;
		total += b->cap;
		free(b);
	}
	r->arena = td_xmalloc(sizeof(*r->arena) + total);
	r->arena->cap = total;
	r->arena->used = 0;
	r->arena->next = NULL;
}

/* ---- checks ----------------------------------------------------------- */

int
feed_errf(struct td_feed *r, int field, int json, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return td_errf_at(r->err, TD_EINVAL, r->name, r->l.line,
			  feed_field_name(field, json), "%s", msg);
}

int
feed_utf8_ok(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			uint64_t w;

			/* Eight ASCII bytes without NUL at a time. */
			while (i + 8 <= n &&
			       (memcpy(&w, s + i, 8),
				!(((w - 0x0101010101010101ULL) | w) &
				  0x8080808080808080ULL)))
				i += 8;
			if (i >= n || s[i] >= 0x80)
				continue;
			if (!s[i])
				return 0;
			i++;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
			unsigned hi = c == 0xED ? 0x9F : 0xBF;

			if (i + 2 >= n || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80)
				return 0;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned lo = c == 0xF0 ? 0x90 : 0x80;
			unsigned hi = c == 0xF4 ? 0x8F : 0xBF;

			if (i + 3 >= n || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

static int
valid_platform(const char *s, size_t n)
{
	size_t i;

	if (!n || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') ||
		      (i > 0 && (s[i] == '.' || s[i] == '_' || s[i] == '-'))))
			return 0;
	return 1;
}

static int
is_hex64(const char *s, size_t n)
{
	size_t i;

	if (n != 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/*
 * Parse a JSON-grammar number s[0..n). Returns 0 and sets *out (and
 * *is_int when there is no fraction or exponent), or -1.
 */
int
feed_parse_number(const char *s, size_t n, double *out, int *is_int)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
				     1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
				     1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
				     1e18, 1e19, 1e20, 1e21, 1e22};
	size_t i = 0;
	uint64_t mant = 0;
	int neg = 0, digits = 0, exp10 = 0, esign = 1, e = 0;

	*is_int = 1;
	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i >= n || s[i] < '0' || s[i] > '9')
		return -1;
	if (s[i] == '0' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return -1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (digits < 19) {
			mant = mant * 10 + (uint64_t)(s[i] - '0');
			if (mant)
				digits++;
		} else {
			exp10++;
		}
	}
	if (i < n && s[i] == '.') {
		*is_int = 0;
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(s[i] - '0');
				if (mant)
					digits++;
				exp10--;
			}
		}
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		*is_int = 0;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			esign = s[i++] == '-' ? -1 : 1;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		exp10 += esign * e;
	}
	if (i != n)
		return -1;
	if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
		/* Exact: both factors are exact doubles. */
		double v = (double)mant;

		v = exp10 < 0 ? v / p10[-exp10] : v * p10[exp10];
		*out = neg ? -v : v;
	} else {
		/* Rare: long mantissa or large exponent. strtod reads the C
		 * locale's decimal point, which the library never changes. */
		char tmp[128];

		if (n >= sizeof(tmp))
			*out = neg ? -HUGE_VAL : HUGE_VAL;
		else {
			memcpy(tmp, s, n);
			tmp[n] = '\0';
			*out = strtod(tmp, NULL);
		}
	}
	return 0;
}

static const char **
seller_slot(struct td_listing *l, int field)
{
	switch (field) {
	case F_SELLER_ID:
		return &l->seller.id;
	case F_SELLER_NAME:
		return &l->seller.name;
	case F_SELLER_PHONE:
		return &l->seller.phone;
	case F_SELLER_EMAIL:
		return &l->seller.email;
	case F_SELLER_ADDRESS:
		return &l->seller.address;
	case F_SELLER_COMPANY:
		return &l->seller.company;
	default:
		return NULL;
	}
}

/* Store list items (already in the arena) after checking them. */
static int
set_list(struct td_feed *r, int field, const char **items, size_t n, int json)
{
	struct td_listing *l = &r->l;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t len = strlen(items[i]);

		if (field == F_SHIPS_TO &&
		    !(r->last_country[0] &&
		      strcmp(items[i], r->last_country) == 0) &&
		    !(r->last_ship[0] && strcmp(items[i], r->last_ship) == 0)) {
			if (!td_country_valid(items[i]))
				return feed_errf(r, field, json,
						 "\"%s\" is not an ISO 3166 "
						 "country code",
						 items[i]);
			memcpy(r->last_ship, items[i], 3);
		}
		if (field == F_IMAGE_PDQ && !is_hex64(items[i], len))
			return feed_errf(r, field, json,
					 "\"%.80s\" is not a PDQ hash (64 hex "
					 "digits)",
					 items[i]);
		if (field == F_IMAGES && !len)
			return feed_errf(r, field, json, "empty item");
	}
	if (field == F_SHIPS_TO) {
		l->ships_to = items;
		l->nships_to = n;
	} else if (field == F_IMAGES) {
		l->images = items;
		l->nimages = n;
	} else {
		l->image_pdq = items;
		l->nimage_pdq = n;
	}
	return 0;
}

int
feed_set_list(struct td_feed *r, int field, const char **items, size_t n,
	      int json)
{
	return set_list(r, field, items, n, json);
}

/* CSV: split a '|' list into arena items. */
static int
split_list(struct td_feed *r, int field, const char *s, size_t n)
{
	size_t count = 1, i, k = 0, a = 0;
	const char **items;

	for (i = 0; i < n; i++)
		count += s[i] == '|';
	items = feed_alloc(r, count * sizeof(*items));
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '|') {
			size_t b = i;

			while (a < b && s[a] == ' ')
				a++;
			while (b > a && s[b - 1] == ' ')
				b--;
			if (b > a)
				items[k++] = feed_strdup(r, s + a, b - a);
			a = i + 1;
		}
	}
	return set_list(r, field, items, k, 0);
}

int
feed_set_string(struct td_feed *r, int field, const char *s, size_t n, int json,
		struct td_err *err)
{
	struct td_listing *l = &r->l;
	const char **slot;
	double v;
	int is_int;

	(void)err;
	/* The JSON parser checked its strings already. */
	if (!json && !feed_utf8_ok(s, n))
		return feed_errf(r, field, json,
				 memchr(s, 0, n) ? "contains a NUL character"
						 : "not valid UTF-8");
	switch (field) {
	case F_PLATFORM:
		if (!valid_platform(s, n))
			return feed_errf(r, field, json,
					 "\"%.64s\" is not a platform name "
					 "(lower-case letters, digits, . _ -)",
					 s);
		l->platform = keep(r, s, n, json);
		return 0;
	case F_ID:
		if (!n)
			return feed_errf(r, field, json, "empty");
		if (n > 256)
			return feed_errf(r, field, json,
					 "longer than 256 bytes");
		l->id = keep(r, s, n, json);
		return 0;
	case F_TITLE:
		if (!n)
			return feed_errf(r, field, json, "empty");
		l->title = keep(r, s, n, json);
		l->title_len = n;
		return 0;
	case F_URL:
		l->url = keep(r, s, n, json);
		return 0;
	case F_DESCRIPTION:
		l->description = keep(r, s, n, json);
		l->description_len = n;
		return 0;
	case F_CURRENCY:
		if (n == 3 && r->last_currency[0] &&
		    memcmp(s, r->last_currency, 3) == 0) {
			memcpy(l->currency, s, 3);
			l->currency[3] = '\0';
			return 0;
		}
		if (n != 3 || (memcpy(l->currency, s, 3), l->currency[3] = '\0',
			       !td_currency_valid(l->currency))) {
			l->currency[0] = '\0';
			return feed_errf(r, field, json,
					 "\"%.16s\" is not an ISO 4217 "
					 "currency code",
					 s);
		}
		memcpy(r->last_currency, l->currency, 4);
		return 0;
	case F_SHIP_FROM:
		if (n == 2 && r->last_country[0] &&
		    memcmp(s, r->last_country, 2) == 0) {
			memcpy(l->ship_from, s, 2);
			l->ship_from[2] = '\0';
			return 0;
		}
		if (n != 2 ||
		    (memcpy(l->ship_from, s, 2), l->ship_from[2] = '\0',
		     !td_country_valid(l->ship_from))) {
			l->ship_from[0] = '\0';
			return feed_errf(r, field, json,
					 "\"%.16s\" is not an ISO 3166 "
					 "country code",
					 s);
		}
		memcpy(r->last_country, l->ship_from, 3);
		return 0;
	case F_CAPTURED_AT: {
		const char *t = keep(r, s, n, json);

		/* Feeds often give one capture time to many listings. */
		if (n && n == r->last_time_len &&
		    memcmp(t, r->last_time, n) == 0) {
			l->captured_at = r->last_time_v;
			l->has_captured_at = 1;
			return 0;
		}
		if (td_time_parse(t, &l->captured_at) < 0)
			return feed_errf(r, field, json,
					 "\"%.40s\" is not an ISO 8601 time "
					 "(2026-11-20T10:00:00Z)",
					 t);
		l->has_captured_at = 1;
		if (n < sizeof(r->last_time) && !memchr(t, 0, n)) {
			memcpy(r->last_time, t, n);
			r->last_time_len = n;
			r->last_time_v = l->captured_at;
		}
		return 0;
	}
	case F_PRICE:
		/* CSV only: JSON gives a number. */
		if (feed_parse_number(s, n, &v, &is_int) < 0)
			return feed_errf(r, field, json,
					 "\"%.40s\" is not a number", s);
		return feed_set_price(r, v, json);
	case F_SALES:
		if (feed_parse_number(s, n, &v, &is_int) < 0 || !is_int)
			return feed_errf(r, field, json,
					 "\"%.40s\" is not a whole number", s);
		return feed_set_sales(r, v, json);
	case F_SHIPS_TO:
	case F_IMAGES:
	case F_IMAGE_PDQ:
		return split_list(r, field, s, n);
	default:
		slot = seller_slot(l, field);
		if (slot)
			*slot = keep(r, s, n, json);
		return 0;
	}
}

int
feed_set_price(struct td_feed *r, double v, int json)
{
	if (!isfinite(v) || v < 0)
		return feed_errf(r, F_PRICE, json,
				 "must be a number 0 or more");
	r->l.price = v;
	r->l.has_price = 1;
	return 0;
}

int
feed_set_sales(struct td_feed *r, double v, int json)
{
	if (!(v >= 0 && v <= 9e15))
		return feed_errf(r, F_SALES, json,
				 "must be a whole number 0 or more");
	r->l.sales = (int64_t)v;
	return 0;
}

int
feed_check(struct td_feed *r, struct td_err *err)
{
	struct td_listing *l = &r->l;
	int json = r->format == TD_FEED_NDJSON;

	(void)err;
	if (!l->platform)
		return feed_errf(r, F_PLATFORM, json, "missing");
	if (!l->id)
		return feed_errf(r, F_ID, json, "missing");
	if (!l->title)
		return feed_errf(r, F_TITLE, json, "missing");
	if (l->has_price && !l->currency[0])
		return feed_errf(r, F_CURRENCY, json,
				 "missing (required with price)");
	return 0;
}

/* ---- input --------------------------------------------------------- */

/* Read more input after the unread data. Returns bytes read. */
static size_t
fill(struct td_feed *r)
{
	size_t n;

	if (r->eof)
		return 0;
	if (r->pos == 0 && r->end == r->cap)
		return 0; /* full: the callers cap lines below this */
	if (r->pos > 0 && (r->end == r->cap || r->cap - r->end < FEED_CHUNK)) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
	r->end += n;
	if (n == 0) {
		if (ferror(r->f))
			r->ioerr = errno ? errno : EIO;
		r->eof = 1;
	}
	return n;
}

static void
reset_listing(struct td_feed *r)
{
	feed_arena_reset(r);
	memset(&r->l, 0, sizeof(r->l));
	r->l.sales = -1;
	r->l.line = r->lines + 1;
}

/*
 * Skip to the end of the current physical line (for a line that is too
 * long). Returns 0, or TD_EIO.
 */
static int
skip_line(struct td_feed *r)
{
	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);

		if (nl) {
			r->bytes += (uint64_t)(nl + 1 - (r->buf + r->pos));
			r->pos = (size_t)(nl + 1 - r->buf);
			r->lines++;
			return 0;
		}
		r->bytes += r->end - r->pos;
		r->pos = r->end = 0;
		if (!fill(r)) {
			if (r->ioerr)
				return TD_EIO;
			r->lines++;
			return 0;
		}
	}
}

static int
io_error(struct td_feed *r)
{
	return td_errf(r->err, TD_EIO, "%s: %s", r->name, strerror(r->ioerr));
}

static int
too_long(struct td_feed *r)
{
	unsigned long line = r->lines + 1;

	if (skip_line(r) < 0)
		return io_error(r);
	return td_errf_at(r->err, TD_ETOOBIG, r->name, line, NULL,
			  "line longer than %zu bytes skipped",
			  (size_t)TD_FEED_LINE_MAX);
}

/*
 * The next NDJSON line: *s, *n. Returns 1, 0 at the end, or an error
 * (the line was too long and is skipped, or reading failed).
 */
static int
next_line(struct td_feed *r, char **s, size_t *n)
{
	for (;;) {
		char *p = r->buf + r->pos;
		char *nl = memchr(p, '\n', r->end - r->pos);

		if (nl) {
			*s = p;
			*n = (size_t)(nl - p);
			r->pos += *n + 1;
			r->bytes += *n + 1;
			r->lines++;
			if (*n > TD_FEED_LINE_MAX) {
				r->lines--;
				r->pos -= *n + 1;
				r->bytes -= *n + 1;
				return too_long(r);
			}
			return 1;
		}
		if (r->end - r->pos > TD_FEED_LINE_MAX)
			return too_long(r);
		if (!fill(r)) {
			if (r->ioerr)
				return io_error(r);
			if (r->pos == r->end)
				return 0;
			*s = r->buf + r->pos;
			*n = r->end - r->pos;
			r->bytes += *n;
			r->pos = r->end;
			r->lines++;
			return 1;
		}
	}
}

/* ---- CSV ------------------------------------------------------------------
 */

/*
 * Find the end of the CSV record at pos: *len bytes up to (not including)
 * its newline, *nl physical newlines inside it. Returns 1, 0 at the end,
 * or an error (too long: skipped; read error).
 */
static int
csv_record(struct td_feed *r, size_t *len, unsigned long *nl, int *more)
{
	size_t scan = 0;
	int inq = 0;
	unsigned long lines = 0;

	for (;;) {
		const char *p = r->buf + r->pos;
		size_t avail = r->end - r->pos, i;

		for (i = scan; i < avail; i++) {
			if (p[i] == '"')
				inq = !inq;
			else if (p[i] == '\n') {
				if (!inq) {
					*len = i;
					*nl = lines;
					*more = 1;
					return 1;
				}
				lines++;
			}
		}
		scan = avail;
		if (avail > TD_FEED_LINE_MAX) {
			unsigned long line = r->lines + 1;

			/* Resynchronise at the next physical line. */
			if (skip_line(r) < 0)
				return io_error(r);
			return td_errf_at(r->err, TD_ETOOBIG, r->name, line,
					  NULL,
					  "record longer than %zu bytes "
					  "skipped",
					  (size_t)TD_FEED_LINE_MAX);
		}
		{
			size_t old = r->pos;

			if (!fill(r)) {
				if (r->ioerr)
					return io_error(r);
				if (r->pos == r->end)
					return 0;
				*len = r->end - r->pos;
				*nl = lines;
				*more = 0;
				return 1;
			}
			(void)old;
		}
	}
}

/*
 * Split the record s[0..n) into fields (unquoted, in the arena). Returns
 * the number of fields or an error.
 */
static int
csv_fields(struct td_feed *r, const char *s, size_t n, const char ***vals,
	   size_t **lens, size_t *cap)
{
	size_t i = 0, nf = 0;

	if (n && s[n - 1] == '\r')
		n--;
	for (;;) {
		char *v;
		size_t vl = 0;

		if (nf == *cap) {
			size_t c = *cap ? *cap * 2 : 32;

			*vals = td_xrealloc(*vals, c * sizeof(**vals));
			*lens = td_xrealloc(*lens, c * sizeof(**lens));
			*cap = c;
		}
		if (i < n && s[i] == '"') {
			size_t j = ++i;

			v = feed_alloc(r, n - i + 1);
			for (;;) {
				const char *q = memchr(s + j, '"', n - j);

				if (!q)
					return feed_errf(r, -1, 0,
							 "field %zu: quote "
							 "not closed",
							 nf + 1);
				memcpy(v + vl, s + j, (size_t)(q - (s + j)));
				vl += (size_t)(q - (s + j));
				j = (size_t)(q - s) + 1;
				if (j < n && s[j] == '"') {
					v[vl++] = '"';
					j++;
					continue;
				}
				break;
			}
			i = j;
			if (i < n && s[i] != ',')
				return feed_errf(r, -1, 0,
						 "field %zu: text after the "
						 "closing quote",
						 nf + 1);
		} else {
			size_t j = i;

			while (j < n && s[j] != ',')
				j++;
			if (memchr(s + i, '"', j - i))
				return feed_errf(r, -1, 0,
						 "field %zu: quote inside an "
						 "unquoted field",
						 nf + 1);
			v = (char *)feed_alloc(r, j - i + 1);
			memcpy(v, s + i, j - i);
			vl = j - i;
			i = j;
		}
		v[vl] = '\0';
		(*vals)[nf] = v;
		(*lens)[nf++] = vl;
		if (i >= n)
			break;
		i++; /* the comma */
		if (i == n) {
			/* A trailing comma: one more empty field. */
			if (nf == *cap) {
				*vals = td_xrealloc(
					*vals, (*cap * 2) * sizeof(**vals));
				*lens = td_xrealloc(
					*lens, (*cap * 2) * sizeof(**lens));
				*cap *= 2;
			}
			(*vals)[nf] = "";
			(*lens)[nf++] = 0;
			break;
		}
	}
	return (int)nf;
}

static int
csv_next(struct td_feed *r, const char **vals_out, int header)
{
	size_t len = 0;
	unsigned long nl = 0;
	int more = 0, rc, nf;
	const char *s;

	(void)vals_out;
	for (;;) {
		rc = csv_record(r, &len, &nl, &more);
		if (rc <= 0)
			return rc;
		s = r->buf + r->pos;
		r->l.line = r->lines + 1;
		r->pos += len + (size_t)more;
		r->bytes += len + (size_t)more;
		r->lines += nl + 1;
		/* Skip blank lines. */
		if (len == 0 || (len == 1 && s[0] == '\r'))
			continue;
		break;
	}
	nf = csv_fields(r, s, len, &r->vals, &r->vlens, &r->vcap);
	if (nf < 0)
		return nf;
	if (!header && nf != r->ncols)
		return feed_errf(r, -1, 0, "expected %d fields, found %d",
				 r->ncols, nf);
	return nf + 1;
}

static int
csv_header(struct td_feed *r)
{
	int nf, i, req[] = {F_PLATFORM, F_ID, F_TITLE};
	int have[F_NFIELDS] = {0};

	reset_listing(r);
	nf = csv_next(r, NULL, 1);
	if (nf == 0)
		return td_errf(r->err, TD_EINVAL, "%s: no header row", r->name);
	if (nf < 0)
		return nf;
	nf--;
	r->ncols = nf;
	r->cols = td_xmalloc((size_t)nf * sizeof(*r->cols));
	for (i = 0; i < nf; i++) {
		const char *name = r->vals[i];
		size_t n = r->vlens[i];
		int f;

		if (i == 0 && n >= 3 && memcmp(name, "\xEF\xBB\xBF", 3) == 0) {
			name += 3;
			n -= 3;
		}
		f = feed_field_lookup(name, n, 0);
		r->cols[i] = f;
		if (f < 0)
			continue;
		if (have[f])
			return td_errf_at(r->err, TD_EINVAL, r->name, r->l.line,
					  feed_field_name(f, 0),
					  "column given twice");
		have[f] = 1;
	}
	for (i = 0; i < (int)TD_ARRAY_LEN(req); i++)
		if (!have[req[i]])
			return td_errf_at(r->err, TD_EINVAL, r->name, r->l.line,
					  feed_field_name(req[i], 0),
					  "column missing from the header");
	return 0;
}

/* ---- the reader ---------------------------------------------------------- */

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

struct td_feed *
td_feed_open(FILE *f, const char *name, int format, unsigned flags,
	     struct td_err *err)
{
	struct td_feed *r = td_xcalloc(1, sizeof(*r));

	r->f = f;
	r->name =
		td_xstrdup(!name || strcmp(name, "-") == 0 ? "<stdin>" : name);
	r->flags = flags;
	r->err = err;
	memset(r->next_key, -1, sizeof(r->next_key));
	r->cap = TD_FEED_LINE_MAX + FEED_CHUNK;
	r->buf = td_xmalloc(r->cap);
	if (format == TD_FEED_AUTO) {
		if (ends_with(r->name, ".csv"))
			format = TD_FEED_CSV;
		else if (ends_with(r->name, ".ndjson") ||
			 ends_with(r->name, ".jsonl") ||
			 ends_with(r->name, ".json"))
			format = TD_FEED_NDJSON;
	}
	if (format == TD_FEED_AUTO) {
		size_t i = 0;

		/* Look at the first byte that is not white space. */
		for (;;) {
			while (i < r->end &&
			       (r->buf[i] == ' ' || r->buf[i] == '\t' ||
				r->buf[i] == '\r' || r->buf[i] == '\n'))
				i++;
			if (i < r->end || !fill(r))
				break;
		}
		if (r->ioerr) {
			io_error(r);
			goto fail;
		}
		format = i < r->end && r->buf[i] == '{' ? TD_FEED_NDJSON
							: TD_FEED_CSV;
	}
	if (format != TD_FEED_NDJSON && format != TD_FEED_CSV) {
		td_errf(err, TD_EINVAL, "%s: unknown feed format %d", r->name,
			format);
		goto fail;
	}
	r->format = format;
	if (format == TD_FEED_CSV && csv_header(r) < 0)
		goto fail;
	r->err = NULL;
	return r;
fail:
	td_feed_close(r);
	return NULL;
}

static int
next_ndjson(struct td_feed *r, const struct td_listing **out)
{
	for (;;) {
		char *s = NULL;
		size_t n = 0, i = 0;
		int rc;

		rc = next_line(r, &s, &n);
		if (rc <= 0)
			return rc;
		if (r->lines == 1 && n >= 3 &&
		    memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == n)
			continue; /* a blank line */
		reset_listing(r);
		r->l.line = r->lines;
		rc = (r->flags & TD_FEED_JANSSON)
			     ? feed_jansson_line(r, s + i, n - i)
			     : feed_json_line(r, s + i, n - i);
		if (rc == 0)
			rc = feed_check(r, r->err);
		if (rc < 0)
			return rc;
		*out = &r->l;
		return 0;
	}
}

static int
next_csv(struct td_feed *r, const struct td_listing **out)
{
	int nf, i, rc;

	reset_listing(r);
	nf = csv_next(r, NULL, 0);
	if (nf <= 0)
		return nf;
	for (i = 0; i < r->ncols; i++) {
		if (r->cols[i] < 0 || !r->vlens[i])
			continue;
		rc = feed_set_string(r, r->cols[i], r->vals[i], r->vlens[i], 0,
				     r->err);
		if (rc < 0)
			return rc;
	}
	rc = feed_check(r, r->err);
	if (rc < 0)
		return rc;
	*out = &r->l;
	return 0;
}

int
td_feed_next(struct td_feed *r, const struct td_listing **out,
	     struct td_err *err)
{
	int rc;

	*out = NULL;
	r->err = err;
	if (r->ioerr) {
		rc = io_error(r);
		goto out;
	}
	rc = r->format == TD_FEED_CSV ? next_csv(r, out) : next_ndjson(r, out);
	if (rc > 0)
		rc = 0;
out:
	r->err = NULL;
	return rc;
}

int
td_feed_format(const struct td_feed *r)
{
	return r->format;
}

unsigned long
td_feed_lines(const struct td_feed *r)
{
	return r->lines;
}

uint64_t
td_feed_bytes(const struct td_feed *r)
{
	return r->bytes;
}

void
td_feed_close(struct td_feed *r)
{
	struct arena_block *b, *next;

	if (!r)
		return;
	for (b = r->arena; b; b = next) {
		next = b->next;
		free(b);
	}
	free(r->name);
	free(r->buf);
	free(r->cols);
	free(r->vals);
	free(r->vlens);
	free(r);
}
