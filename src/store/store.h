#ifndef TD_STORE_H
#define TD_STORE_H
/*
 * The store: everything takedown keeps, behind one interface. SQLite is
 * the embedded default (one file in the workspace); other backends plug in
 * behind the same functions (store_int.h), chosen by the URI:
 * "sqlite:PATH" or a bare PATH, "postgres://..." or "postgresql://...".
 *
 * Rows are copied into caller-owned structs: no database pointer outlives
 * a call. Writes happen inside td_store_begin() / td_store_commit(); a
 * failed command calls td_store_rollback() and nothing it wrote remains.
 * Transactions nest (savepoints).
 */
#include <stdint.h>

#include "core/err.h"
#include "core/portfolio.h"
#include "core/rates.h"

struct td_store;

/* Flags for td_store_open. */
#define TD_STORE_CREATE 0x1 /* create the database if it does not exist */

/*
 * Open the store at uri. Does not change the schema: call
 * td_store_migrate() next (td_ws_open does). Returns 0, TD_ENOTFOUND (no
 * database and no TD_STORE_CREATE), TD_EUNSUPPORTED (unknown scheme) or
 * TD_EDB. The caller frees *out with td_store_close().
 */
int td_store_open(const char *uri, unsigned flags, struct td_store **out,
		  struct td_err *err);
/* Close and free; NULL is fine. Rolls back an open transaction. */
void td_store_close(struct td_store *st);
/* "sqlite" or "postgres". */
const char *td_store_scheme(const struct td_store *st);

/* The schema version stored (0 for an empty database). */
int td_store_version(struct td_store *st, int *version, struct td_err *err);
/* The newest schema version this program knows for st's backend. */
int td_store_latest(const struct td_store *st);
/*
 * Bring the schema up to target (0 for the newest), one migration per
 * transaction. Returns TD_EVERSION, changing nothing, if the database is
 * newer than this program knows or than target.
 */
int td_store_migrate(struct td_store *st, int target, struct td_err *err);
/*
 * Write a consistent copy of the database to path (SQLite only; used
 * before an upgrade). TD_EUNSUPPORTED on other backends.
 */
int td_store_backup(struct td_store *st, const char *path, struct td_err *err);

int td_store_begin(struct td_store *st, struct td_err *err);
int td_store_commit(struct td_store *st, struct td_err *err);
void td_store_rollback(struct td_store *st);
/* 1 while a transaction is open. */
int td_store_in_tx(const struct td_store *st);

/* --- portfolio (store_portfolio.c) ------------------------------------- */

/*
 * Load the whole portfolio, sorted by key, into out (which must be empty;
 * release it either way). Documents and images carry their SHA-256; their
 * path is left NULL.
 */
int td_store_portfolio_load(struct td_store *st, struct td_portfolio *out,
			    struct td_err *err);
/*
 * Write every entity of chg, inserting new keys and replacing stored ones
 * (with their terms, links and images). Keys chg refers to must exist in
 * chg's own entities written earlier in this call or in the store (see
 * td_portfolio_validate). Documents and images must have sha256 set.
 * Needs an open transaction.
 */
int td_store_portfolio_save(struct td_store *st, const struct td_portfolio *chg,
			    struct td_err *err);

/* --- exchange rates (store_rates.c) ------------------------------------ */

/* Add the workspace's imported rates to out (newest date wins). */
int td_store_rates_load(struct td_store *st, struct td_rates *out,
			struct td_err *err);
/* Store rates, keeping a stored one that is newer. Needs a transaction. */
int td_store_rates_save(struct td_store *st, const struct td_rates *r,
			struct td_err *err);

#endif
