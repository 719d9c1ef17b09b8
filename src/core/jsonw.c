/* JSON text into a td_buf, without a tree. */
#include "core/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define put td_jsonw_raw

/* Which bytes a JSON string escapes: 0 none, else the letter after '\'
 * ('u' for \u00XX). */
static const char esc[256] = {
	['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r',  ['\t'] = 't',
	[0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u',  [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0B] = 'u',  [0x0E] = 'u',
	[0x0F] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u',  [0x13] = 'u',
	[0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u',  [0x18] = 'u',
	[0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u',  [0x1D] = 'u',
	[0x1E] = 'u', [0x1F] = 'u', ['"'] = '"',  ['\\'] = '\\',
};

/* 1 if one of the 8 bytes of v is below 0x20, '"' or '\\' (the usual
 * zero-byte and less-than tests, exact as a whole). */
static inline int
any_esc(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t q = v ^ (ones * '"'), s = v ^ (ones * '\\');

	return ((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) |
		 ((s - ones) & ~s)) &
		high) != 0;
}

void
td_jsonw_str(struct td_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	/* Eight bytes at a time while none needs escaping, then the tail
	 * byte by byte; most strings need none and go in at once. */
	for (;;) {
		uint64_t v;

		if (i + 8 > n)
			break;
		memcpy(&v, u + i, 8);
		if (any_esc(v))
			break;
		i += 8;
	}
	while (i < n && !esc[u[i]])
		i++;
	if (i == n && b->len + n + 2 < b->alloc && !b->max) {
		char *o = b->data + b->len;

		o[0] = '"';
		memcpy(o + 1, s, n);
		o[n + 1] = '"';
		o[n + 2] = '\0';
		b->len += n + 2;
		return;
	}
	put(b, "\"", 1);
	for (;;) {
		char e;

		if (i >= n)
			break;
		e = esc[u[i]];
		if (!e) {
			i++;
			continue;
		}
		put(b, s + run, i - run);
		if (e == 'u') {
			char q[6] = {'\\',           'u',           '0', '0',
				     hex[u[i] >> 4], hex[u[i] & 15]};

			put(b, q, 6);
		} else {
			char q[2] = {'\\', e};

			put(b, q, 2);
		}
		run = ++i;
	}
	put(b, s + run, n - run);
	put(b, "\"", 1);
}

void
td_jsonw_cstr(struct td_buf *b, const char *s)
{
	if (s)
		td_jsonw_str(b, s, strlen(s));
	else
		put(b, "null", 4);
}

/*
 * Append d[k, DIGITS_END): a number written backwards into a buffer of
 * DIGITS_SIZE, so that 32 bytes can be copied from d + k at once (fixed
 * sizes are a few moves, not a call); the bytes past the number land
 * past the buffer's end, where the NUL goes.
 */
#define DIGITS_END  40
#define DIGITS_SIZE (DIGITS_END + 32)
static inline void
put_digits(struct td_buf *b, const char *d, int k)
{
	size_t n = (size_t)(DIGITS_END - k);

	if (b->len + 32 < b->alloc && !b->max) {
		memcpy(b->data + b->len, d + k, 32);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		put(b, d + k, n);
	}
}

void
td_jsonw_int(struct td_buf *b, int64_t v)
{
	char d[DIGITS_SIZE];
	int n = DIGITS_END;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--n] = '-';
	put_digits(b, d, n);
}

void
td_jsonw_real(struct td_buf *b, double v)
{
	char s[40];
	int n, prec;
	char *e;

	if (!isfinite(v)) {
		put(b, "null", 4);
		return;
	}
	/* The common case, a value rounded to thousandths (scores, ratios,
	 * weights, prices in cents): its decimals written directly. */
	if (fabs(v) < 1e15) {
		double t = v * 1000;
		long long q = (long long)(t < 0 ? t - 0.5 : t + 0.5);

		if ((double)q / 1000 == v) {
			unsigned long long a = q < 0 ? -(unsigned long long)q
						     : (unsigned long long)q;
			unsigned frac = (unsigned)(a % 1000);
			char d[DIGITS_SIZE];
			int k = DIGITS_END;

			if (frac % 10) {
				d[--k] = (char)('0' + frac % 10);
				d[--k] = (char)('0' + frac / 10 % 10);
				d[--k] = (char)('0' + frac / 100);
			} else if (frac % 100) {
				d[--k] = (char)('0' + frac / 10 % 10);
				d[--k] = (char)('0' + frac / 100);
			} else {
				d[--k] = (char)('0' + frac / 100);
			}
			d[--k] = '.';
			a /= 1000;
			do {
				d[--k] = (char)('0' + a % 10);
				a /= 10;
			} while (a);
			if (v < 0)
				d[--k] = '-';
			put_digits(b, d, k);
			return;
		}
	}
	/* Else the shortest %g that reads back the same. */
	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(s, sizeof(s), "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	if (!strchr(s, '.') && !strchr(s, 'e')) {
		s[n++] = '.';
		s[n++] = '0';
		s[n] = '\0';
	}
	/* As jansson: no '+' and no leading zeros in the exponent. */
	e = strchr(s, 'e');
	if (e) {
		char *from = e + 1, *to = e + 1;

		if (*from == '+')
			from++;
		else if (*from == '-')
			from++, to++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
		n = (int)strlen(s);
	}
	put(b, s, (size_t)n);
}

void
td_jsonw_sep(struct td_buf *b)
{
	char c = b->len ? b->data[b->len - 1] : '[';

	if (c != '{' && c != '[')
		put(b, ",", 1);
}

void
td_jsonw_key(struct td_buf *b, const char *key)
{
	td_jsonw_sep(b);
	put(b, "\"", 1);
	put(b, key, strlen(key));
	put(b, "\":", 2);
}
