#ifndef TD_BUF_H
#define TD_BUF_H
/*
 * struct td_buf: a growable byte string (git strbuf, curl dynbuf).
 *
 * data is never NULL and is always NUL-terminated, so a buffer can be
 * used as a C string at any time. A buffer starts empty with TD_BUF_INIT
 * or td_buf_init() and is freed with td_buf_release(), which leaves it
 * empty and reusable; releasing twice is safe. When max is not 0, an
 * append that would make len exceed it fails with TD_ETOOBIG and leaves
 * the buffer unchanged (the server caps request bodies this way).
 */
#include <stdarg.h>
#include <stddef.h>

struct td_buf {
	char *data;   /* the bytes, NUL-terminated; never NULL */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* bytes allocated, 0 while data is the shared "" */
	size_t max;   /* largest len allowed, 0 for no limit */
};

extern char td_buf_empty[];
#define TD_BUF_INIT                                                            \
	{                                                                      \
		td_buf_empty, 0, 0, 0                                          \
	}

void td_buf_init(struct td_buf *b);
/* Free the bytes; b is empty and reusable afterwards. */
void td_buf_release(struct td_buf *b);
/* Make len 0, keeping the allocation. */
void td_buf_reset(struct td_buf *b);
/* Hand the bytes to the caller, who frees them; b is left empty. */
char *td_buf_detach(struct td_buf *b, size_t *len);
/* Make room for n more bytes. Returns 0 or TD_ETOOBIG (over max). */
int td_buf_grow(struct td_buf *b, size_t n);
/* Set len to n (n <= alloc) and write the NUL. */
void td_buf_setlen(struct td_buf *b, size_t n);

/* Appends. Each returns 0 or TD_ETOOBIG. */
int td_buf_add(struct td_buf *b, const void *p, size_t n);
int td_buf_addstr(struct td_buf *b, const char *s);
int td_buf_addch(struct td_buf *b, int c);
int td_buf_addf(struct td_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int td_buf_vaddf(struct td_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Remove trailing white space. */
void td_buf_rtrim(struct td_buf *b);

#endif
