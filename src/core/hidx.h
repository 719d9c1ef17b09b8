#ifndef TD_HIDX_H
#define TD_HIDX_H
/*
 * An index of 256-bit hashes (PDQ) that answers "every hash within
 * Hamming distance d of this one" exactly: the same answers as comparing
 * the query with every hash (td_hidx_scan() does that, as the reference
 * and the fallback).
 *
 * Small indexes are scanned with popcount. From TD_HIDX_MIH_MIN hashes
 * on, multi-index hashing (Norouzi, Punjani and Fleet, 2012) is used: the
 * 256 bits are cut into m substrings of about log2(n) bits, each with a
 * table from substring value to entries. If two hashes are within d,
 * some substring differs in at most floor(d / m) bits (pigeonhole), so
 * probing every table with the substrings within that radius and
 * checking each candidate's full distance finds every answer. When the
 * probes would cost more than a scan (large d), the query scans.
 *
 * Adds are incremental: new entries go to a tail that is scanned, and
 * the tables are rebuilt once the tail grows past an eighth of the index.
 *
 * A saved index (td_hidx_save) holds the hashes and ids with a checksum;
 * the tables are rebuilt on load. A truncated or corrupt file is an
 * error.
 *
 * Ownership: td_hidx_new/td_hidx_load return an index the caller frees
 * with td_hidx_free. Queries do not change the index, so several threads
 * may query at once (but not while one adds).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/phash.h"

#define TD_HIDX_MIH_MIN 50000 /* from this many hashes on, use tables */

struct td_hidx;

/* One answer of a query. */
struct td_hidx_hit {
	uint64_t id;  /* the id given to td_hidx_add */
	uint32_t pos; /* the entry's position (0 = first added) */
	int dist;     /* Hamming distance to the query */
};

/* A list of answers, in the order of the entries' positions. */
struct td_hidx_hits {
	struct td_hidx_hit *v; /* the hits; NULL when none */
	size_t n;              /* how many */
	size_t alloc;          /* allocated */
};

#define TD_HIDX_HITS_INIT                                                      \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Free the hits; safe twice. */
void td_hidx_hits_release(struct td_hidx_hits *hits);

/* A new empty index; free with td_hidx_free. */
struct td_hidx *td_hidx_new(void);

/* Free an index; NULL is fine. */
void td_hidx_free(struct td_hidx *ix);

/* How many hashes the index holds. */
size_t td_hidx_count(const struct td_hidx *ix);

/* The hash and id of entry pos (< td_hidx_count). */
void td_hidx_get(const struct td_hidx *ix, size_t pos, struct td_phash *hash,
		 uint64_t *id);

/*
 * Add a hash with the caller's id (the same hash may be added many
 * times); its position is td_hidx_count() - 1 afterwards. May rebuild
 * the tables (amortised cost). Returns 0, or TD_ETOOBIG when the index
 * is full (2^32 - 2 entries).
 */
int td_hidx_add(struct td_hidx *ix, const struct td_phash *hash, uint64_t id,
		struct td_err *err);

/*
 * Every entry within distance d (0..256) of q, appended to *hits (reset
 * first) in position order. Returns 0, or TD_EINVAL for d outside
 * 0..256.
 */
int td_hidx_query(const struct td_hidx *ix, const struct td_phash *q, int d,
		  struct td_hidx_hits *hits, struct td_err *err);

/* The same answers by comparing q with every entry (brute force). */
int td_hidx_scan(const struct td_hidx *ix, const struct td_phash *q, int d,
		 struct td_hidx_hits *hits, struct td_err *err);

/*
 * Build the tables now for all entries (the tail included), instead of
 * at the next rebuild; a no-op below TD_HIDX_MIH_MIN entries.
 */
void td_hidx_build(struct td_hidx *ix);

/* The number of substring tables in use (0: scanning only). */
int td_hidx_tables(const struct td_hidx *ix);

/*
 * Write the index to path (through a temporary file renamed into place).
 * Returns 0 or TD_EIO.
 */
int td_hidx_save(const struct td_hidx *ix, const char *path,
		 struct td_err *err);

/*
 * Read an index saved by td_hidx_save into *out (a new index the caller
 * frees). Errors: TD_EIO (cannot read), TD_ECORRUPT (not an index file,
 * truncated, or its checksum does not match), TD_EVERSION (a newer
 * format).
 */
int td_hidx_load(const char *path, struct td_hidx **out, struct td_err *err);

#endif
