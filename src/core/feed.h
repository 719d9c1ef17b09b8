#ifndef TD_FEED_H
#define TD_FEED_H
/*
 * Listing feeds: NDJSON (one JSON object a line) or CSV with a header row,
 * read from a FILE* (a file or stdin) in constant memory whatever the
 * input size. docs/formats.md ("Listing feeds") describes both formats.
 *
 * td_feed_next() returns one listing at a time. A bad line (broken JSON,
 * a missing platform, id or title, a bad price or currency, a value of the
 * wrong type, invalid UTF-8, a line over TD_FEED_LINE_MAX bytes) is
 * reported as "FILE:LINE: field: reason" and the next call goes on with
 * the next line: the caller counts it and decides whether to stop. Line
 * numbers are physical lines, so a CSV record whose quoted field spans
 * lines is reported at the line it starts on.
 *
 * NDJSON is parsed by a strict streaming RFC 8259 parser written for the
 * listing object (no tree is built, nothing is allocated per listing);
 * TD_FEED_JANSSON parses each line with jansson instead, which is about
 * ten times slower (docs/performance.md) and serves as the reference in
 * the tests.
 *
 * Ownership: the listing and every string in it belong to the reader and
 * stay valid until the next td_feed_next() or td_feed_close().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

/* The longest line (or CSV record) read; longer ones are skipped. */
#define TD_FEED_LINE_MAX ((size_t)1 << 20)

/* Input formats. */
enum td_feed_format {
	TD_FEED_AUTO = 0,   /* by the name's suffix, else the first byte */
	TD_FEED_NDJSON = 1, /* one JSON object a line */
	TD_FEED_CSV = 2,    /* RFC 4180 with a header row */
};

/* Options of td_feed_open(). */
enum {
	TD_FEED_JANSSON = 1 << 0, /* parse NDJSON lines with jansson */
};

/* The seller of a listing; each field is NULL when absent or null. */
struct td_seller {
	const char *id;      /* the platform's seller or shop id */
	const char *name;    /* shop or seller name */
	const char *phone;   /* as given */
	const char *email;   /* as given */
	const char *address; /* as given */
	const char *company; /* registered company name */
};

/* One listing. Optional strings are NULL when absent or null. */
struct td_listing {
	const char *platform;    /* required: "taobao", "1688", ... */
	const char *id;          /* required: the platform's listing id */
	const char *url;         /* link to the listing */
	const char *title;       /* required, not empty */
	const char *description; /* free text */
	size_t title_len;        /* bytes in title */
	size_t description_len;  /* bytes in description (0 if NULL) */
	int has_price;           /* 1 if price is given */
	double price;            /* >= 0, in currency */
	char currency[4];        /* ISO 4217, "" when absent */
	struct td_seller seller; /* the seller */
	char ship_from[3];       /* ISO 3166 alpha-2, "" when absent */
	const char **ships_to;   /* country codes */
	size_t nships_to;        /* how many */
	int64_t sales;           /* units sold, -1 when absent */
	const char **images;     /* image paths or URLs */
	size_t nimages;          /* how many */
	const char **image_pdq;  /* PDQ hashes, 64 hex digits each */
	size_t nimage_pdq;       /* how many */
	int has_captured_at;     /* 1 if captured_at is given */
	int64_t captured_at;     /* seconds since the epoch, UTC */
	unsigned long line;      /* line of the feed it starts on */
};

/* A feed reader; opaque. */
struct td_feed;

/*
 * Start reading f (not closed by the reader). name is used in messages
 * ("-" reads as "<stdin>"); format is enum td_feed_format; flags are
 * TD_FEED_* options. For CSV the header row is read here. Returns the
 * reader (free with td_feed_close), or NULL: TD_EINVAL for a bad CSV
 * header (unknown format, missing platform/id/title column, duplicate
 * column), TD_EIO for a read error.
 */
struct td_feed *td_feed_open(FILE *f, const char *name, int format,
			     unsigned flags, struct td_err *err);

/*
 * Read the next listing. Returns 0 with *out set, or 0 with *out NULL at
 * the end of the input. A bad line gives TD_EINVAL (or TD_ETOOBIG for a
 * line over TD_FEED_LINE_MAX) with "FILE:LINE: field: reason" in err;
 * call again to go on. TD_EIO: reading failed; stop.
 */
int td_feed_next(struct td_feed *r, const struct td_listing **out,
		 struct td_err *err);

/* The format being read (TD_FEED_NDJSON or TD_FEED_CSV). */
int td_feed_format(const struct td_feed *r);

/* Physical lines read so far. */
unsigned long td_feed_lines(const struct td_feed *r);

/* Bytes read so far (for progress). */
uint64_t td_feed_bytes(const struct td_feed *r);

/* Free the reader (not its FILE*). NULL is fine. */
void td_feed_close(struct td_feed *r);

#endif
