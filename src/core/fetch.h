#ifndef TD_FETCH_H
#define TD_FETCH_H
/*
 * Fetching listing photos given as URLs (docs/images.md, "Photos given
 * as URLs"): http and https only, with libcurl, several at a time, into
 * a cache directory where each file is named by the SHA-256 of its URL,
 * so that a later scan of the same feed fetches nothing again.
 *
 * A file enters the cache only whole: it is written under a temporary
 * name and renamed once the transfer succeeded (HTTP 200, no more than
 * max_bytes). A failed URL is not cached, so a later scan tries again.
 * Temporary files over an hour old (a scan killed mid-transfer) are
 * removed when the cache is next used.
 *
 * Thread safety: td_fetch_files() may run in one thread at a time per
 * process (libcurl's global set-up is done once, on first use).
 */
#include <stddef.h>

#include "core/err.h"

/* 1 when s starts with http:// or https:// (any case). */
int td_fetch_is_url(const char *s);

struct td_fetch_opts {
	const char *cache_dir;  /* where fetched files are kept (made if
				   missing); required */
	size_t max_bytes;       /* a larger body fails (0: 20 MiB) */
	long timeout_s;         /* the whole transfer (0: 30) */
	long connect_timeout_s; /* connecting (0: 10) */
	int parallel;           /* transfers at once (0: 8) */
	const char *user_agent; /* NULL: "takedown" */
};

#define TD_FETCH_OPTS_INIT                                                     \
	{                                                                      \
		NULL, 0, 0, 0, 0, NULL                                         \
	}

struct td_fetch_item {
	const char *url;   /* in: the URL (borrowed) */
	char *path;        /* out: the cached file (malloc'd), or NULL */
	int cached;        /* out: 1 when it was in the cache already */
	int rc;            /* out: 0, or the negative enum td_rc */
	struct td_err err; /* out: why, naming the URL, when rc < 0 */
};

/*
 * Fetch every item's URL that is not cached yet, parallel transfers at a
 * time. Each item gets its own result: TD_EINVAL for a URL that is not
 * http(s), TD_ENOTFOUND for HTTP 404 and 410, TD_ETOOBIG over max_bytes,
 * TD_EIO for any other failure (the HTTP status or libcurl's message).
 * Returns 0, or TD_EIO when the cache directory cannot be made (err
 * says why; no item is fetched then).
 */
int td_fetch_files(struct td_fetch_item *items, size_t n,
		   const struct td_fetch_opts *o, struct td_err *err);

/* Free the items' paths (not the array). */
void td_fetch_items_release(struct td_fetch_item *items, size_t n);

#endif
