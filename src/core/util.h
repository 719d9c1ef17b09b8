#ifndef TD_UTIL_H
#define TD_UTIL_H
/*
 * Memory helpers. td_xmalloc() and friends abort when memory runs out,
 * as git, tmux and redis do: no caller checks for NULL.
 *
 * Ownership rule for the whole library: arguments are borrowed for the
 * call. A function that keeps one has _take in its name. A function that
 * returns a new heap object says so, and its type has a _free function.
 */
#include <stddef.h>
#include <stdint.h>

#define TD_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *td_xmalloc(size_t n);
void *td_xcalloc(size_t nmemb, size_t size);
void *td_xrealloc(void *p, size_t n);
char *td_xstrdup(const char *s);
char *td_xstrndup(const char *s, size_t n);
/* td_xstrdup(s) for s != NULL, NULL for NULL. */
char *td_xstrdup_or_null(const char *s);

/*
 * Grow array p (of *alloc elements of size elem) to hold at least n.
 * Returns the possibly moved array.
 */
void *td_grow(void *p, size_t elem, size_t n, size_t *alloc);
#define TD_GROW(p, n, alloc) ((p) = td_grow((p), sizeof(*(p)), (n), &(alloc)))

/* Free *pp and set it to NULL. */
#define TD_FREE(p)                                                             \
	do {                                                                   \
		free(p);                                                       \
		(p) = NULL;                                                    \
	} while (0)

/* strcmp that orders NULL before everything. */
int td_strcmp0(const char *a, const char *b);
/* 1 if the ASCII word occurs in the first n bytes of s, ignoring case. */
int td_strcasestr_n(const char *s, size_t n, const char *word);
/* 1 if s is NULL or "". */
int td_str_empty(const char *s);

#endif
