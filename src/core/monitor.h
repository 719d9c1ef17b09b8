#ifndef TD_MONITOR_H
#define TD_MONITOR_H
/*
 * What a scan means beyond its findings (docs/network.md, "After each
 * scan"):
 *
 *  - removal confirmed: a listing of the scanned source that a complete
 *    scan no longer contains is gone, with the date;
 *  - seller networks: the sellers whose listings changed are refreshed
 *    (their evidence and LSH buckets are stored) and relinked together
 *    with every seller they could be linked to, so the stored links and
 *    networks stay those of all stored sellers without recomputing them
 *    all;
 *  - relisting: a new listing that matches a removed one (the same
 *    seller, the same network, or near-identical photos and text) is
 *    recorded, and its finding gets a "relist" signal naming the earlier
 *    listing (and its case, once cases exist).
 *
 * The library never prints; counts come back in struct td_monitor_stats.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/net.h"

struct td_ws;
struct td_store;

/* What one pass did. */
struct td_monitor_stats {
	long gone;                 /* removals this scan confirmed */
	long back;                 /* listings thought gone, seen again */
	long relists;              /* new listings relisting a removed one */
	size_t dirty;              /* sellers whose evidence was taken again */
	size_t region;             /* sellers relinked */
	size_t links;              /* links stored for them */
	size_t common_keys;        /* keys ignored as too common */
	struct td_net_ids changed; /* networks new or with new members */
	struct td_net_ids dropped; /* network ids no longer in use */
};

#define TD_MONITOR_STATS_INIT                                                  \
	{                                                                      \
		0, 0, 0, 0, 0, 0, 0, TD_NET_IDS_INIT, TD_NET_IDS_INIT          \
	}

void td_monitor_stats_release(struct td_monitor_stats *s);

/* Options of td_monitor_scan. */
struct td_monitor_opts {
	const char *source;              /* the scanned source */
	int64_t scan_id;                 /* the scan (done) */
	const char *now;                 /* ISO time of the scan */
	int partial;                     /* the feed is not the whole
					    source: confirm no removals */
	const struct td_net_params *net; /* NULL: td_net_params_default */
};

/*
 * After the complete scan o->scan_id of o->source: confirm removals
 * (unless o->partial), refresh the networks, find relistings, in one
 * transaction of its own (nothing is kept on error). s is replaced.
 */
int td_monitor_scan(struct td_ws *ws, const struct td_monitor_opts *o,
		    struct td_monitor_stats *s, struct td_err *err);

/*
 * Refresh the stored networks for the sellers whose listings changed
 * since the last refresh (needs an open transaction). p may be NULL.
 * Adds to s.
 */
int td_monitor_networks(struct td_store *st, const struct td_net_params *p,
			const char *now, struct td_monitor_stats *s,
			struct td_err *err);

/*
 * Match the listings first seen by scan scan_id against the removed
 * ones and record the relistings (needs an open transaction). p gives
 * the text and photo thresholds (NULL: defaults). Adds to s.
 */
int td_monitor_relists(struct td_store *st, int64_t scan_id,
		       const struct td_net_params *p,
		       struct td_monitor_stats *s, struct td_err *err);

#endif
