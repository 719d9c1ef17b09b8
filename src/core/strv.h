#ifndef TD_STRV_H
#define TD_STRV_H
/*
 * struct td_strv: an owned, growable array of strings. Starts empty with
 * TD_STRV_INIT; td_strv_release() frees every string and the array.
 */
#include <stddef.h>

struct td_strv {
	char **v;     /* the strings, each owned by the array */
	size_t n;     /* how many */
	size_t alloc; /* slots allocated */
};

#define TD_STRV_INIT                                                           \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void td_strv_release(struct td_strv *sv);
/* Append a copy of s. */
void td_strv_push(struct td_strv *sv, const char *s);
/* Append s itself; the array frees it. */
void td_strv_push_take(struct td_strv *sv, char *s);
/* Index of s, or -1. */
long td_strv_find(const struct td_strv *sv, const char *s);
/* Replace dst's contents with copies of src's. */
void td_strv_copy(struct td_strv *dst, const struct td_strv *src);
/* 1 if both hold the same strings in the same order. */
int td_strv_equal(const struct td_strv *a, const struct td_strv *b);
/* Sort in byte order. */
void td_strv_sort(struct td_strv *sv);

#endif
