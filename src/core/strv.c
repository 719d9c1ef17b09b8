#include "core/strv.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

void
td_strv_release(struct td_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
	sv->alloc = 0;
}

void
td_strv_push_take(struct td_strv *sv, char *s)
{
	TD_GROW(sv->v, sv->n + 1, sv->alloc);
	sv->v[sv->n++] = s;
}

void
td_strv_push(struct td_strv *sv, const char *s)
{
	td_strv_push_take(sv, td_xstrdup(s));
}

long
td_strv_find(const struct td_strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

void
td_strv_copy(struct td_strv *dst, const struct td_strv *src)
{
	size_t i;

	td_strv_release(dst);
	for (i = 0; i < src->n; i++)
		td_strv_push(dst, src->v[i]);
}

int
td_strv_equal(const struct td_strv *a, const struct td_strv *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
td_strv_sort(struct td_strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp);
}
