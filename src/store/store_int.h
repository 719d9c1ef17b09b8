#ifndef TD_STORE_INT_H
#define TD_STORE_INT_H
/*
 * Inside the store: the backend table and the statement helpers that the
 * entity code (store_portfolio.c, ...) is written with. SQL uses "?"
 * placeholders and the subset SQLite and PostgreSQL share; a backend
 * rewrites what it must.
 */
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

struct td_stmt;

struct td_store_ops {
	const char *scheme; /* "sqlite" or "postgres" */
	/* Open the database at uri (the scheme prefix removed). */
	int (*open)(struct td_store *st, const char *uri, unsigned flags,
		    struct td_err *err);
	void (*close)(struct td_store *st);
	/* Run SQL text with no parameters (one or more statements). */
	int (*exec)(struct td_store *st, const char *sql, struct td_err *err);
	int (*prepare)(struct td_store *st, const char *sql,
		       struct td_stmt **out, struct td_err *err);
	/* Bind parameter i (1-based); text NULL binds SQL NULL. */
	int (*bind_text)(struct td_stmt *s, int i, const char *v);
	/* The same without a copy: v stays valid until the reset. */
	int (*bind_text_static)(struct td_stmt *s, int i, const char *v);
	int (*bind_int)(struct td_stmt *s, int i, int64_t v);
	int (*bind_double)(struct td_stmt *s, int i, double v);
	int (*bind_null)(struct td_stmt *s, int i);
	/* 1 for a row, 0 when done, < 0 on error. */
	int (*step)(struct td_stmt *s, struct td_err *err);
	/* Column i (0-based) of the current row; text NULL for SQL NULL,
	 * valid until the next step or reset. */
	const char *(*col_text)(struct td_stmt *s, int i);
	int64_t (*col_int)(struct td_stmt *s, int i);
	double (*col_double)(struct td_stmt *s, int i);
	int (*col_null)(struct td_stmt *s, int i);
	/* Make the statement ready to bind and run again. */
	void (*reset)(struct td_stmt *s);
	void (*finalize)(struct td_stmt *s);
	/* Rows changed by the last statement. */
	int64_t (*changes)(struct td_store *st);
	/* Row id of the row the last INSERT added. */
	int64_t (*last_id)(struct td_store *st);
	/* Copy of the database (may be NULL). */
	int (*backup)(struct td_store *st, const char *path,
		      struct td_err *err);
};

extern const struct td_store_ops td_store_sqlite_ops;

#define TD_STMT_CACHE 64

struct td_stmt_slot {
	const char *sql;      /* the SQL text's address (a literal) */
	struct td_stmt *stmt; /* prepared statement, or NULL */
	int busy;             /* handed out and not yet done */
};

struct td_store {
	const struct td_store_ops *ops; /* the backend */
	void *impl;                     /* the backend's connection */
	int depth;                      /* open transactions (savepoints) */
	struct td_stmt_slot cache[TD_STMT_CACHE]; /* reused statements */
	int64_t fresh_listing; /* the listing just inserted: no finding yet */
	int64_t last_listing;  /* the listing last put (listing_put) */
	int64_t last_seller;   /* its seller's id, 0 for none */
	int64_t last_seller_findings;  /* that seller's findings count */
	struct td_buf last_seller_key; /* its platform, NUL, seller key */
};

/*
 * A statement with its parameters bound from types and the varargs:
 *   's' const char * (NULL binds NULL)    'i' int64_t
 *   't' const char * like 's', not copied: it must stay valid until
 *       td_sql_done() (for long texts the caller holds anyway)
 *   'I' int64_t id, 0 binds NULL          'J' int64_t, < 0 binds NULL
 *   'p' int has, double v: NULL unless has
 *   'd' double                            'D' int32_t date, TD_DATE_NONE
 *                                             binds NULL
 *   'b' int, stored 0 or 1
 * sql must be a string literal (or otherwise live as long as the store):
 * its address keys a cache of prepared statements. Finish every statement
 * with td_sql_done().
 */
int td_sql_query(struct td_store *st, struct td_stmt **out, struct td_err *err,
		 const char *sql, const char *types, ...);
/* Run a statement that returns no rows. */
int td_sql_exec(struct td_store *st, struct td_err *err, const char *sql,
		const char *types, ...);
/* 1 for a row, 0 when done, < 0 on error. */
int td_sql_step(struct td_store *st, struct td_stmt *s, struct td_err *err);
/* Give the statement back (reset for reuse). NULL is fine. */
void td_sql_done(struct td_store *st, struct td_stmt *s);
/* Column helpers; _strdup returns NULL for NULL, caller frees. */
const char *td_sql_text(struct td_store *st, struct td_stmt *s, int i);
char *td_sql_strdup(struct td_store *st, struct td_stmt *s, int i);
int64_t td_sql_int(struct td_store *st, struct td_stmt *s, int i);
double td_sql_double(struct td_store *st, struct td_stmt *s, int i);
int32_t td_sql_date(struct td_store *st, struct td_stmt *s, int i);
/* Run a query expected to return one integer (e.g. an id). Returns 1 and
 * sets *v if a row came back, 0 if none, < 0 on error. */
int td_sql_int_query(struct td_store *st, int64_t *v, struct td_err *err,
		     const char *sql, const char *types, ...);
/*
 * Run an INSERT of one row (without RETURNING, which costs SQLite a
 * temporary table a call). Returns 1 and sets *id to the new row's id, 0
 * if no row was added (ON CONFLICT DO NOTHING), < 0 on error.
 */
int td_sql_insert(struct td_store *st, int64_t *id, struct td_err *err,
		  const char *sql, const char *types, ...);

#endif
