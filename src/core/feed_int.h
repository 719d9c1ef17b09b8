#ifndef TD_FEED_INT_H
#define TD_FEED_INT_H
/* Shared inside the feed module only (feed*.c). */
#include "core/feed.h"

/* The fields of a listing, for CSV columns and JSON keys. */
enum feed_field {
	F_PLATFORM,
	F_ID,
	F_URL,
	F_TITLE,
	F_DESCRIPTION,
	F_PRICE,
	F_CURRENCY,
	F_SELLER_ID,
	F_SELLER_NAME,
	F_SELLER_PHONE,
	F_SELLER_EMAIL,
	F_SELLER_ADDRESS,
	F_SELLER_COMPANY,
	F_SHIP_FROM,
	F_SHIPS_TO,
	F_SALES,
	F_IMAGES,
	F_IMAGE_PDQ,
	F_CAPTURED_AT,
	F_SELLER, /* the JSON object; not a CSV column */
	F_NFIELDS,
	F_UNKNOWN = -1,
};

/* A block of the per-listing arena. */
struct arena_block {
	struct arena_block *next; /* older block */
	size_t cap;               /* bytes after the header */
	size_t used;              /* bytes handed out */
};

struct td_feed {
	FILE *f;                   /* the input */
	char *name;                /* for messages */
	int format;                /* TD_FEED_NDJSON or TD_FEED_CSV */
	unsigned flags;            /* TD_FEED_* */
	char *buf;                 /* input buffer */
	size_t cap;                /* its size */
	size_t pos;                /* start of unread data */
	size_t end;                /* end of data */
	int eof;                   /* no more input from f */
	int ioerr;                 /* reading failed */
	unsigned long lines;       /* physical lines consumed */
	uint64_t bytes;            /* bytes consumed */
	struct arena_block *arena; /* strings of the current listing */
	struct td_listing l;       /* the current listing */
	int ncols;                 /* CSV: columns in the header */
	int *cols;                 /* CSV: field of each column, or F_UNKNOWN */
	const char **vals;         /* CSV: value of each column, this record */
	size_t *vlens;             /* CSV: their lengths */
	size_t vcap;               /* CSV: room in vals and vlens */
	int seen[F_NFIELDS];       /* JSON: fields seen in this object */
	struct td_err *err;        /* where td_feed_next reports */
	signed char next_key[F_NFIELDS + 1]; /* JSON: the key that came
					      * after key i-1 last time */
	char last_currency[4]; /* the last valid currency, a shortcut */
	char last_country[3];  /* the last valid ship_from, likewise */
	char last_ship[3];     /* the last valid ships_to item, likewise */
	char last_time[40];    /* the last valid captured_at, likewise */
	size_t last_time_len;  /* its bytes, 0 for none */
	int64_t last_time_v;   /* its value */
};

/* Name of a field in messages ("seller.phone" in JSON). */
const char *feed_field_name(int field, int json);
/*
 * The key at p (on its opening quote, p < end) when it is the JSON name
 * of field, written without escapes: its bytes with both quotes, else 0.
 */
size_t feed_key_at(int field, const char *p, const char *end);
/* The field called name (a CSV column or top-level JSON key), or -1. */
int feed_field_lookup(const char *name, size_t len, int json);

/* Arena: n bytes, aligned for pointers, valid until feed_arena_reset. */
void *feed_alloc(struct td_feed *r, size_t n);
char *feed_strdup(struct td_feed *r, const char *s, size_t n);
void feed_arena_reset(struct td_feed *r);

/* json for feed_set_string(): a JSON string of the own parser, which
 * stays where it is until the next listing (so it needs no copy). */
#define FEED_JSON_KEEP 2

/* Set a listing field from a string (CSV) or check a parsed value. */
int feed_set_string(struct td_feed *r, int field, const char *s, size_t n,
		    int json, struct td_err *err);
/* JSON values that are not strings: checked and stored. */
int feed_set_price(struct td_feed *r, double v, int json);
int feed_set_sales(struct td_feed *r, double v, int json);
/* A list field from items already in the arena. */
int feed_set_list(struct td_feed *r, int field, const char **items, size_t n,
		  int json);
/* Check the whole listing once all fields are in. */
int feed_check(struct td_feed *r, struct td_err *err);
/* "FILE:LINE: field: reason" for the current listing. */
int feed_errf(struct td_feed *r, int field, int json, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A JSON-grammar number: 0 with *out (and *is_int: no fraction or
 * exponent), or -1. */
int feed_parse_number(const char *s, size_t n, double *out, int *is_int);
/* 1 if s[0..n) is valid UTF-8 without NUL bytes. */
int feed_utf8_ok(const char *s, size_t n);

/* feed_json.c: parse one NDJSON line into r->l. The line is in the
 * reader's buffer, and strings without escapes are used in place. */
int feed_json_line(struct td_feed *r, char *s, size_t n);
int feed_jansson_line(struct td_feed *r, const char *s, size_t n);

#endif
