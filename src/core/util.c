#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
	/* The one place the library may stop the process: there is no
	 * sensible way to go on without memory. */
	fprintf(stderr, "takedown: out of memory (%zu bytes)\n", n);
	abort();
}

void *
td_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *
td_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom(nmemb * size);
	return p;
}

void *
td_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *
td_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = td_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

char *
td_xstrndup(const char *s, size_t n)
{
	char *p = td_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
td_xstrdup_or_null(const char *s)
{
	return s ? td_xstrdup(s) : NULL;
}

void *
td_grow(void *p, size_t elem, size_t n, size_t *alloc)
{
	size_t want;

	if (n <= *alloc)
		return p;
	want = *alloc ? *alloc : 8;
	while (want < n) {
		if (want > SIZE_MAX / 2 / elem)
			oom(SIZE_MAX);
		want *= 2;
	}
	p = td_xrealloc(p, want * elem);
	*alloc = want;
	return p;
}

int
td_strcmp0(const char *a, const char *b)
{
	if (!a)
		return b ? -1 : 0;
	if (!b)
		return 1;
	return strcmp(a, b);
}

int
td_str_empty(const char *s)
{
	return !s || !*s;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int
td_strcasestr_n(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word), i, j;

	if (!w || w > n)
		return 0;
	for (i = 0; i + w <= n; i++) {
		for (j = 0; j < w; j++)
			if (lower((unsigned char)s[i + j]) !=
			    lower((unsigned char)word[j]))
				break;
		if (j == w)
			return 1;
	}
	return 0;
}
