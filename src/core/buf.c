#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"

char td_buf_empty[1];

void
td_buf_init(struct td_buf *b)
{
	b->data = td_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = 0;
}

void
td_buf_release(struct td_buf *b)
{
	if (b->alloc)
		free(b->data);
	b->data = td_buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void
td_buf_reset(struct td_buf *b)
{
	if (b->alloc)
		td_buf_setlen(b, 0);
}

char *
td_buf_detach(struct td_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	p = b->alloc ? b->data : td_xstrdup("");
	b->data = td_buf_empty;
	b->len = 0;
	b->alloc = 0;
	return p;
}

int
td_buf_grow(struct td_buf *b, size_t n)
{
	size_t want;

	if (b->max && (n > b->max || b->len > b->max - n))
		return TD_ETOOBIG;
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	if (!b->alloc) {
		size_t cap = want < 64 ? 64 : want;

		b->data = td_xmalloc(cap);
		b->data[0] = '\0';
		b->alloc = cap;
		if (want <= cap)
			return 0;
	}
	{
		size_t cap = b->alloc;

		while (cap < want)
			cap = cap < 1024 * 1024 ? cap * 2 : cap + cap / 2;
		b->data = td_xrealloc(b->data, cap);
		b->alloc = cap;
	}
	return 0;
}

void
td_buf_setlen(struct td_buf *b, size_t n)
{
	if (!b->alloc)
		return;
	b->len = n < b->alloc ? n : b->alloc - 1;
	b->data[b->len] = '\0';
}

int
td_buf_add(struct td_buf *b, const void *p, size_t n)
{
	int rc;

	if (!n)
		return 0;
	rc = td_buf_grow(b, n);
	if (rc)
		return rc;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
td_buf_addstr(struct td_buf *b, const char *s)
{
	return td_buf_add(b, s, strlen(s));
}

int
td_buf_addch(struct td_buf *b, int c)
{
	char ch = (char)c;

	return td_buf_add(b, &ch, 1);
}

int
td_buf_vaddf(struct td_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return TD_ERROR;
	rc = td_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
td_buf_addf(struct td_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = td_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
td_buf_rtrim(struct td_buf *b)
{
	size_t n = b->len;

	while (n && (b->data[n - 1] == ' ' || b->data[n - 1] == '\t' ||
		     b->data[n - 1] == '\n' || b->data[n - 1] == '\r'))
		n--;
	td_buf_setlen(b, n);
}
