#ifndef TD_SCAN_H
#define TD_SCAN_H
/*
 * Scanning a listing feed: read listings (td_feed), hash their photos on
 * both cores, detect (td_detect) and, unless told not to, keep the
 * listings that matter and their findings in the store, committing in
 * batches so that a killed scan loses no committed batch and
 * `--resume` continues after the last one.
 *
 * The library reports through callbacks and never prints; the CLI
 * decides what the user sees.
 */
#include <stdint.h>

#include "core/detect.h"
#include "core/err.h"
#include "core/fetch.h"
#include "core/feed.h"

struct td_ws;

/*
 * Build the detector of a workspace for `today`: its portfolio, the
 * shipped and workspace cue lists, rates and scoring parameters, and the
 * variant hashes of its official photos. With cache, variant hashes
 * computed here are stored for the next scan (in their own transaction).
 */
struct td_detector *td_scan_detector(struct td_ws *ws, int32_t today, int cache,
				     struct td_err *err);

struct td_scan_opts {
	const char *source;    /* the feed's name for the store and resume */
	const char *source_id; /* the feed file's identity, or NULL */
	const char *base_dir;  /* where relative photo paths start */
	int store;             /* write listings and findings */
	int strict;            /* the first bad line fails the scan */
	int resume;            /* continue the source's interrupted scan */
	int photos;            /* hash photo files (else only image_pdq) */
	const struct td_fetch_opts *fetch; /* fetch photos given as URLs
				  into its cache; NULL: skip them */
	size_t batch;    /* records per committed batch (0: 2000) */
	const char *now; /* ISO time of the scan */
};

/* One of the best findings, for the summary. */
struct td_scan_top {
	double score;    /* the finding's score */
	char *platform;  /* copied */
	char *id;        /* copied */
	char *title;     /* copied, shortened */
	int64_t finding; /* its id in the store, 0 without one */
};

#define TD_SCAN_TOP 10

struct td_scan_count {
	char *key; /* a right key or a platform */
	size_t n;  /* findings */
};

struct td_scan_stats {
	int64_t scan_id;          /* the scan's row, 0 without the store */
	int64_t resumed_from;     /* records skipped on resume */
	int64_t records;          /* feed records read (listings + bad) */
	int64_t listings;         /* listings read */
	int64_t bad_lines;        /* bad lines skipped */
	int64_t findings;         /* findings this scan */
	int64_t new_findings;     /* of which new to the store */
	int64_t photos;           /* listing photos hashed */
	int64_t photo_errors;     /* photos that could not be hashed (or
				     fetched) */
	int64_t photos_fetched;   /* URLs downloaded this scan */
	int64_t photos_unfetched; /* URLs skipped: no opts.fetch */
	uint64_t bytes;           /* feed bytes read */
	struct td_scan_count *by_right; /* findings per right */
	size_t nby_right;
	struct td_scan_count *by_platform; /* findings per platform */
	size_t nby_platform;
	struct td_scan_top top[TD_SCAN_TOP]; /* best first */
	size_t ntop;
};

void td_scan_stats_release(struct td_scan_stats *s);

/* What the caller hears about; every member may be NULL. */
struct td_scan_cb {
	void *arg;
	/* A finding (id 0 without the store). Non-zero stops the scan. */
	int (*finding)(void *arg, const struct td_listing *l,
		       const struct td_finding *f, int64_t id);
	/* A bad line or a photo that could not be hashed. */
	void (*warning)(void *arg, const struct td_err *err);
	/* Every few thousand records and at the end. */
	void (*progress)(void *arg, const struct td_scan_stats *s);
};

/*
 * Scan feed with detector d into ws (may be NULL when opts->store is 0).
 * Opens and commits its own transactions. Returns 0, TD_EINVAL for a bad
 * line under opts->strict (nothing written), TD_ENOTFOUND or
 * TD_ECONFLICT when resume finds no scan to continue or the file changed,
 * or a store or read error (committed batches stay).
 */
int td_scan_run(struct td_ws *ws, const struct td_detector *d,
		struct td_feed *feed, const struct td_scan_opts *opts,
		const struct td_scan_cb *cb, struct td_scan_stats *stats,
		struct td_err *err);

#endif
